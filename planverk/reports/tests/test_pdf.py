"""The PDF reports, opened: PDF/A identification, fonts, text, metadata, a page as an image.

Each seed is rendered once per module (rendering is the slow part) inside a
transaction that is rolled back, and every test reads the same bytes.
"""

from __future__ import annotations

import io
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pikepdf
import pytest
from django.core.management import call_command
from django.db import connection, transaction
from PIL import Image, ImageStat
from pypdf import PdfReader
from pytest_django import DjangoDbBlocker

from conftest import COUNTY_SEED, MUNICIPALITY_SEED, SEEDS_DIR
from planverk.format.agendas import read_framework
from planverk.frameworks.loading import load_framework
from planverk.frameworks.models import Framework
from planverk.reports.kinds.progress import progress_report
from planverk.reports.kinds.strategy import strategy_report
from planverk.reports.writers.pdf import to_pdf
from planverk.strategies.language import in_language
from planverk.strategies.models import Strategy

AGENDA = "ekommune-2012"


@dataclass(frozen=True)
class Rendered:
    pdf: bytes
    path: Path
    title: str
    themes: list[str]
    language: str

    def text(self) -> str:
        return subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(self.path), "-"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout


def _render(seed: str, tmp: Path, django_db_blocker: DjangoDbBlocker) -> Rendered:
    path = SEEDS_DIR / seed
    if not path.is_file():
        pytest.skip(f"seed document {path} is not here (../shared/seeds is absent)")
    with django_db_blocker.unblock():
        with transaction.atomic():
            # A transactional test run before this one flushed what migrations loaded.
            if not Framework.objects.filter(slug=AGENDA).exists():
                load_framework(read_framework(AGENDA))
            call_command("import", str(path), verbosity=0, stdout=io.StringIO())
            strategy = Strategy.objects.latest("pk")
            with in_language(strategy):
                report = strategy_report(strategy, include_exempt=False)
                pdf = to_pdf(report)
            transaction.set_rollback(True)
        # Outside any test: nothing else closes it, and an open session keeps
        # the test database from being dropped at the end.
        connection.close()
    out = tmp / f"{Path(seed).stem}.pdf"
    out.write_bytes(pdf)
    themes = [t.title for t in report.themes]
    return Rendered(pdf, out, report.front.title, themes, strategy.language)


@pytest.fixture(scope="module")
def county_pdf(
    django_db_setup: None,
    django_db_blocker: DjangoDbBlocker,
    tmp_path_factory: pytest.TempPathFactory,
) -> Rendered:
    return _render(COUNTY_SEED, tmp_path_factory.mktemp("pdf"), django_db_blocker)


@pytest.fixture(scope="module")
def municipality_pdf(
    django_db_setup: None,
    django_db_blocker: DjangoDbBlocker,
    tmp_path_factory: pytest.TempPathFactory,
) -> Rendered:
    return _render(MUNICIPALITY_SEED, tmp_path_factory.mktemp("pdf"), django_db_blocker)


@pytest.fixture(params=["county", "municipality"])
def rendered(request: pytest.FixtureRequest) -> Rendered:
    result: Rendered = request.getfixturevalue(f"{request.param}_pdf")
    return result


@pytest.fixture
def opened(rendered: Rendered) -> Iterator[pikepdf.Pdf]:
    with pikepdf.open(io.BytesIO(rendered.pdf)) as pdf:
        yield pdf


def test_it_identifies_itself_as_pdf_a_3(opened: pikepdf.Pdf) -> None:
    meta = opened.open_metadata()
    assert meta["pdfaid:part"] == "3"
    assert meta["pdfaid:conformance"] in ("A", "B")
    assert "/OutputIntents" in opened.Root
    assert opened.check_pdf_syntax() == []


def test_it_is_tagged_with_title_and_language(
    opened: pikepdf.Pdf, rendered: Rendered
) -> None:
    assert str(opened.Root.Lang) == rendered.language
    assert opened.Root.MarkInfo.Marked is True
    assert "/StructTreeRoot" in opened.Root
    assert rendered.title in opened.open_metadata()["dc:title"]
    assert rendered.title in str(opened.docinfo["/Title"])


def test_every_font_is_embedded(rendered: Rendered) -> None:
    listing = subprocess.run(
        ["pdffonts", str(rendered.path)], check=True, capture_output=True, text=True
    ).stdout.splitlines()[2:]
    assert listing, "no fonts at all"
    for line in listing:
        emb = line.split()[-5]  # name type encoding emb sub uni object-id
        assert emb == "yes", line
    assert all("DejaVu" in line for line in listing)


def test_the_county_text_keeps_norwegian_letters(county_pdf: Rendered) -> None:
    text = " ".join(county_pdf.text().split())
    for title in county_pdf.themes:
        assert title in text
    assert "13 Åpne standarder" in text and "Sør-Trøndelag" in text
    assert set("æøåØÅ") <= set(text)


def test_the_municipality_text_keeps_lithuanian_letters(
    municipality_pdf: Rendered,
) -> None:
    text = " ".join(municipality_pdf.text().split())
    # The theme titles carry ą ė š ū ų ž; č ę į occur in the body text.
    letters = set("".join(municipality_pdf.themes)) & set("ąčęėįšųūž")
    assert letters == set("ąėšūųž")
    for title in municipality_pdf.themes:
        assert title in text
    assert set("ąčęėįšųūž") <= set(text)


def test_pypdf_reads_the_same_text(municipality_pdf: Rendered) -> None:
    reader = PdfReader(io.BytesIO(municipality_pdf.pdf))
    text = " ".join(" ".join(p.extract_text() for p in reader.pages[:6]).split())
    assert "IKT architektūra ir infrastruktūra" in text
    assert reader.metadata is not None and reader.metadata.title is not None


def test_pages_are_a4_and_numbered_in_the_footer(county_pdf: Rendered) -> None:
    reader = PdfReader(io.BytesIO(county_pdf.pdf))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    pages = len(reader.pages)
    last = reader.pages[-1].extract_text()
    assert f"Side {pages} av {pages}" in last


def test_a_page_renders_to_a_real_image(county_pdf: Rendered, tmp_path: Path) -> None:
    subprocess.run(
        ["pdftoppm", "-png", "-r", "50", "-f", "3", "-l", "3", "-singlefile",
         str(county_pdf.path), str(tmp_path / "page")],
        check=True,
    )  # fmt: skip
    image = Image.open(tmp_path / "page.png").convert("L")
    width, height = image.size
    assert abs(width - 413) <= 1 and abs(height - 585) <= 1  # A4 at 50 dpi
    dark = sum(image.histogram()[:128])
    assert dark > 0.01 * image.size[0] * image.size[1]  # text, not a blank page
    assert ImageStat.Stat(image).stddev[0] > 20


@pytest.mark.django_db
def test_other_reports_print_too(rich: Strategy) -> None:
    with in_language(rich):
        pdf = to_pdf(progress_report(rich, include_exempt=False))
    with pikepdf.open(io.BytesIO(pdf)) as opened:
        assert opened.open_metadata()["pdfaid:part"] == "3"
        assert str(opened.Root.Lang) == "nb"
