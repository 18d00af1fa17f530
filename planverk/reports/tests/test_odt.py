"""The reports as ODT, opened again with odfdo, and converted by LibreOffice."""

from __future__ import annotations

import dataclasses
import io
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from odfdo import Document, Element

from planverk.reports.kinds.budget import budget_report
from planverk.reports.kinds.changes import Direction, changes_between_versions
from planverk.reports.kinds.progress import progress_report
from planverk.reports.kinds.strategy import Chapter, strategy_report
from planverk.reports.writers.ods import to_ods
from planverk.reports.writers.odt import to_odt
from planverk.strategies.language import in_language
from planverk.strategies.models import Strategy

pytestmark = pytest.mark.django_db
NBSP = "\u00a0"


def made(
    strategy: Strategy,
    kind: Callable[..., Any] = strategy_report,
    include_exempt: bool = False,
) -> bytes:
    with in_language(strategy):
        return to_odt(kind(strategy, include_exempt=include_exempt))


def opened(odt: bytes) -> Document:
    return Document(io.BytesIO(odt))


def headings(doc: Document, level: int | None = None) -> list[str]:
    return [
        str(h).strip()
        for h in doc.body.headers
        if level is None or h.get_attribute_integer("text:outline-level") == level
    ]


def text_of(doc: Document) -> str:
    return "\n".join(str(p) for p in doc.body.get_elements("//text:p | //text:h"))


def test_county_strategy_has_headings_contents_and_its_language(
    county: Strategy,
) -> None:
    doc = opened(made(county))
    themes = headings(doc, level=2)
    assert "16 Grønn IT" in themes
    assert "13 Åpne standarder" in themes
    assert {"Vedtakslogg", "Temaer", "Ordliste"} <= set(headings(doc, level=1))
    assert all(
        h.style == f"Heading_20_{h.get_attribute_integer('text:outline-level')}"
        or h.style.startswith("AfterContents")
        for h in doc.body.headers
    )
    # No "1.1." in front of headings: the outline numbering is blank.
    formats = {
        level.get_attribute("style:num-format")
        for level in doc.styles.get_elements("//text:outline-level-style")
    }
    assert formats == {""}
    # The contents list the themes and link to them.
    toc = doc.body.get_element("//text:table-of-content")
    assert toc is not None
    links = toc.get_elements("text:index-body/text:p/text:a")
    entries = {str(a.get_attribute("xlink:href")): a.text_recursive for a in links}
    theme = next(h for h in doc.body.headers if str(h).strip() == "16 Grønn IT")
    (bookmark,) = theme.get_elements("text:bookmark")
    assert entries[f"#{bookmark.get_attribute('text:name')}"].startswith("16 Grønn IT")
    # Bokmål, in the metadata and as the default for paragraphs.
    assert doc.meta.language == "nb-NO"
    default = doc.styles.get_element(
        "//style:default-style[@style:family='paragraph']/style:text-properties"
    )
    assert default is not None
    assert (
        default.get_attribute("fo:language"),
        default.get_attribute("fo:country"),
    ) == (
        "nb",
        "NO",
    )
    assert "Et fyrtårn innen bruk av digitale tjenester" in text_of(doc)


def test_municipality_strategy_in_lithuanian_with_budget_figures(
    municipality: Strategy,
) -> None:
    doc = opened(made(municipality))
    assert doc.meta.language == "lt-LT"
    assert "2.1 IKT saugumas" in headings(doc, level=2)
    assert {"Sprendimų žurnalas", "Veiksmų planas ir biudžetas"} <= set(headings(doc))
    text = text_of(doc)
    for amount in ("1 800 000", "10 000 000", "9 100 000", "900 000"):
        assert amount.replace(" ", NBSP) in text
    # The differing investment total is said in words, not only shown.
    assert (
        f"Investicijos 2010–2013: strategijoje nurodyta suma 10{NBSP}000{NBSP}000, "
        f"tačiau punktų suma yra 9{NBSP}100{NBSP}000."
    ) in text
    # Tables have a header row that repeats on each page, and amounts as numbers.
    tables = doc.body.get_elements("//table:table")
    assert tables and all(t.get_element("table:table-header-rows") for t in tables)
    amounts = doc.body.get_elements("//table:table-cell[@office:value='9100000']")
    assert amounts and str(amounts[0]).strip() == f"9{NBSP}100{NBSP}000"


def test_markdown_becomes_paragraphs_lists_and_headings(rich: Strategy) -> None:
    with in_language(rich):
        report = strategy_report(rich, include_exempt=False)
        chapter = Chapter(
            "9", "Markdown", "# Under\n\nFørst *kursiv* og **fet**.\n\n- en\n- to\n"
        )
        report = dataclasses.replace(report, chapters=[chapter])
        doc = opened(to_odt(report))
    assert "9 Markdown" in headings(doc, level=1)
    assert "Under" in headings(doc, level=2)
    spans = {
        (s.get_attribute("text:style-name"), str(s).strip())
        for s in doc.body.get_elements("//text:span")
    }
    assert {("Emphasis", "kursiv"), ("Strong_20_Emphasis", "fet")} <= spans
    items = [
        i.text_recursive.strip() for i in doc.body.get_elements("//text:list-item")
    ]
    assert items[:2] == ["en", "to"]


def test_exempt_parts_withheld_unless_asked(rich: Strategy) -> None:
    exempt = ("Intranett", "Velferdsteknologi", "Rådmannens ledergruppe")
    public = text_of(opened(made(rich)))
    for text in exempt:
        assert text not in public
    for basis in ("offl. § 14", "offl. § 23", "offl. § 24 tredje ledd"):
        assert basis in public  # each withheld part says why, in its place
    everything = text_of(opened(made(rich, include_exempt=True)))
    for text in exempt:
        assert text in everything


def images(odt: bytes) -> list[bytes]:
    with zipfile.ZipFile(io.BytesIO(odt)) as package:
        return [
            package.read(n) for n in package.namelist() if n.startswith("Pictures/")
        ]


def test_progress_report_embeds_the_levels_chart(county: Strategy) -> None:
    odt = made(county, progress_report)
    doc = opened(odt)
    (frame,) = doc.body.get_elements("//draw:frame")
    image = frame.get_element("draw:image")
    assert isinstance(image, Element)
    assert str(image.get_attribute("xlink:href")).startswith("Pictures/")
    title = frame.get_element("svg:title")
    assert title is not None and str(title)
    (png,) = images(odt)
    assert png.startswith(b"\x89PNG")
    assert "Tjenester på nett" in headings(doc, level=1)


def test_budget_and_changes_reports(municipality: Strategy, rich: Strategy) -> None:
    budget = opened(made(municipality, budget_report))
    assert "Biudžeto sumos" in headings(budget)
    assert f"1{NBSP}800{NBSP}000" in text_of(budget)
    with in_language(rich):
        report = changes_between_versions(rich, rich, include_exempt=False)
        changes = opened(to_odt(report))
        unchanged = str(Direction.SAME.label)
    assert unchanged in text_of(changes)
    assert report.after in text_of(changes)


@pytest.mark.skipif(
    shutil.which("soffice") is None,
    reason="LibreOffice (soffice) is not installed; `make system-packages` installs it",
)
def test_libreoffice_converts_the_odt_and_the_ods(
    county: Strategy, municipality: Strategy, tmp_path: Path
) -> None:
    (tmp_path / "strategy.odt").write_bytes(made(county))
    with in_language(municipality):
        report = budget_report(municipality, include_exempt=False)
        (tmp_path / "budget.ods").write_bytes(to_ods(report))
    done = subprocess.run(
        [
            "soffice",
            "--headless",
            "--norestore",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(tmp_path / "strategy.odt"),
            str(tmp_path / "budget.ods"),
        ],
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    texts = {}
    for name in ("strategy", "budget"):
        pdf = tmp_path / f"{name}.pdf"
        assert pdf.is_file(), done.stdout
        extracted = subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, check=True
        )
        texts[name] = extracted.stdout.decode()
    assert "Grønn IT" in texts["strategy"]
    assert "Rezervinis serveris" in texts["budget"]
