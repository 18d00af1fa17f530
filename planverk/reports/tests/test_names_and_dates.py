"""One name for a national goal and one way to write a date, in every format.

The same goal is "Nasjonalt mål 1.2" (its numbers in the national agenda) on
its page, on the theme and search pages, in the PDF/A and ODT reports and in
the spreadsheets; the same decision is dated "14. desember 2023" (in English
"14 December 2023") on the decision log page, in the PDF/A and ODT decision
logs and in the text cells of XLSX and ODS, while CSV keeps ISO 8601.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import subprocess
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from bs4 import BeautifulSoup
from django.test import Client
from odfdo import Document

from planverk.reports.kinds.changes import changes_between_dates
from planverk.reports.kinds.decisions import decisions_report
from planverk.reports.kinds.progress import progress_report
from planverk.reports.kinds.strategy import strategy_report
from planverk.reports.writers.ods import to_ods
from planverk.reports.writers.odt import to_odt
from planverk.reports.writers.pdf import to_pdf
from planverk.reports.writers.spreadsheets import to_csv, to_xlsx
from planverk.strategies.language import in_language
from planverk.strategies.models import GoalAssessment, Strategy

pytestmark = pytest.mark.django_db

# The rich strategy's second goal: number 2 of "Vietos demokratija" as the
# document has it, linked to goal 2 of area 1 of eKommune 2012.
LINKED = "Nasjonalt mål 1.2"
# Its first decision (a day), its second (a month only) and third (a year only).
DATES = {
    "nb": ["14. desember 2023", "november 2023", "2023"],
    "en": ["14 December 2023", "November 2023", "2023"],
}
ISO = ["2023-12-14", "2023-11", "2023"]


def plain(text: str) -> str:
    """*text* with its white space, line breaks and no-break spaces, as single spaces."""
    return re.sub(r"\s+", " ", text).strip()


def page(client: Client, url: str, language: str = "nb") -> str:
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200, url
    return plain(BeautifulSoup(response.content, "html.parser").get_text(" "))


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    extracted = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"],
        check=True,
        capture_output=True,
        text=True,
    )
    return plain(extracted.stdout)


def odt_text(odt: bytes) -> str:
    doc = Document(io.BytesIO(odt))
    return plain(
        "\n".join(str(p) for p in doc.body.get_elements("//text:p | //text:h"))
    )


def xlsx_cells(xlsx: bytes) -> list[tuple[Any, ...]]:
    book = openpyxl.load_workbook(io.BytesIO(xlsx))
    return list(book.worksheets[0].iter_rows(min_row=2, values_only=True))


def ods_cells(ods: bytes) -> list[list[Any]]:
    table = Document(io.BytesIO(ods)).body.get_table(0)
    return [[cell.value for cell in row.traverse()] for row in table.traverse()][1:]


def csv_cells(written: bytes) -> list[list[str]]:
    rows = list(csv.reader(io.StringIO(written.decode("utf-8-sig"), newline="")))
    return rows[1:]


def written(
    strategy: Strategy, kind: Callable[..., Any], write: Callable[[Any], bytes]
) -> bytes:
    with in_language(strategy):
        return write(kind(strategy, include_exempt=False))


# --- a national goal's name ------------------------------------------------------------


def test_a_goal_has_one_name_on_pages_documents_and_spreadsheets(
    rich: Strategy, client: Client, tmp_path: Path
) -> None:
    goal = GoalAssessment.objects.get(strategy=rich, number=2)
    assert goal.framework_goal is not None and goal.framework_goal.reference == "1.2"
    base = f"/o/{rich.organization.slug}/s/{rich.pk}/"
    detail = page(client, f"{base}mal/{goal.pk}/")
    assert f"{LINKED} {goal.goal_text}" in detail  # the card: the name, then the text
    heading = BeautifulSoup(
        client.get(f"{base}mal/{goal.pk}/").content, "html.parser"
    ).h1
    assert heading is not None and plain(heading.get_text()) == LINKED
    assert "i den nasjonale agendaen" not in detail  # the other name is gone
    assert LINKED in page(client, f"{base}sok/?q=svetain")
    # The other goal, on its theme's page, named by its agenda numbers too.
    assert "Nasjonalt mål 1.1 Flere digitale kanaler" in page(client, f"{base}tema/3/")

    assert LINKED in pdf_text(written(rich, strategy_report, to_pdf), tmp_path)
    assert LINKED in odt_text(written(rich, strategy_report, to_odt))
    assert LINKED in odt_text(written(rich, progress_report, to_odt))
    for cells in (
        xlsx_cells(written(rich, progress_report, to_xlsx)),
        ods_cells(written(rich, progress_report, to_ods)),
        csv_cells(written(rich, progress_report, to_csv)),
    ):
        (row,) = [r for r in cells if r[2] == goal.goal_text]
        assert row[1] == LINKED


def test_a_goal_is_named_by_its_agenda_numbers_not_the_documents(
    municipality: Strategy, client: Client, tmp_path: Path
) -> None:
    """The municipality numbers the agenda's goal 1.3 as its area's goal 2."""
    Strategy.objects.filter(pk=municipality.pk).update(state="hearing")  # public
    goal = GoalAssessment.objects.get(
        strategy=municipality, area__startswith="Vietos demokratija", number=2
    )
    assert goal.framework_goal is not None and goal.framework_goal.reference == "1.3"
    name = "Nacionalinis tikslas 1.3"
    url = f"/o/{municipality.organization.slug}/s/{municipality.pk}/mal/{goal.pk}/"
    assert f"{name} {goal.goal_text}" in page(client, url, "lt")
    assert name in pdf_text(written(municipality, progress_report, to_pdf), tmp_path)
    assert name in odt_text(written(municipality, progress_report, to_odt))
    rows = csv_cells(written(municipality, progress_report, to_csv))
    assert [r[1] for r in rows if r[2] == goal.goal_text] == [name]


# --- dates ------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["nb", "en"])
def test_a_decision_has_one_date_on_the_page_in_documents_and_spreadsheets(
    rich: Strategy, client: Client, tmp_path: Path, language: str
) -> None:
    Strategy.objects.filter(pk=rich.pk).update(language=language)
    rich.refresh_from_db()
    dates = DATES[language]
    log = page(client, f"/o/{rich.organization.slug}/s/{rich.pk}/vedtak/", language)
    assert f"{dates[0]} Kommunestyret" in log
    assert f"{dates[1]} Formannskapet" in log
    assert f"{dates[2]} Vadovų forumas" in log

    documents = [
        pdf_text(written(rich, strategy_report, to_pdf), tmp_path),
        pdf_text(written(rich, decisions_report, to_pdf), tmp_path),
        odt_text(written(rich, strategy_report, to_odt)),
        odt_text(written(rich, decisions_report, to_odt)),
    ]
    for text in documents:
        for date in dates:
            assert date in text
        assert "2023-12-14" not in text

    sheets: list[Sequence[Sequence[Any]]] = [
        xlsx_cells(written(rich, decisions_report, to_xlsx)),
        ods_cells(written(rich, decisions_report, to_ods)),
    ]
    for cells in sheets:
        assert [row[0] for row in cells[:3]] == dates  # text cells, as on the page
    csv_dates = [row[0] for row in csv_cells(written(rich, decisions_report, to_csv))]
    assert csv_dates[:3] == ISO  # CSV is for machines


def test_the_progress_sheets_give_the_as_of_month_in_words_except_csv(
    rich: Strategy,
) -> None:
    def as_of(cells: Sequence[Sequence[Any]]) -> Any:
        (row,) = [r for r in cells if r[1] == "Nasjonalt mål 1.1"]
        return row[-1]

    assert as_of(xlsx_cells(written(rich, progress_report, to_xlsx))) == (
        "september 2023"
    )
    assert as_of(ods_cells(written(rich, progress_report, to_ods))) == "september 2023"
    assert as_of(csv_cells(written(rich, progress_report, to_csv))) == "2023-09"


def test_the_dates_a_changes_report_compares_are_written_as_the_pages_do(
    rich: Strategy,
) -> None:
    with in_language(rich):
        report = changes_between_dates(
            rich, dt.date(2026, 3, 1), dt.date(2026, 3, 2), include_exempt=False
        )
    assert (report.before, report.after) == ("1. mars 2026", "2. mars 2026")
