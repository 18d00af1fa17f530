"""The tabular reports as CSV, XLSX and ODS, opened again with csv, openpyxl and odfdo."""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from odfdo import Document

from planverk.reports.kinds import NotTabular
from planverk.reports.kinds import as_workbook as workbook
from planverk.reports.kinds.budget import budget_report, national_budget
from planverk.reports.kinds.changes import Direction, changes_between_versions
from planverk.reports.kinds.progress import progress_report
from planverk.reports.kinds.strategy import strategy_report
from planverk.reports.sheets import Column, Formula, Ref, Sheet, Workbook
from planverk.reports.writers.ods import ods_formula, to_ods
from planverk.reports.writers.spreadsheets import to_csv, to_xlsx, xlsx_formula
from planverk.strategies.language import in_language
from planverk.strategies.models import ActionItem, Strategy
from planverk.strategies.tests.versions_setup import next_version

pytestmark = pytest.mark.django_db


def budget_of(strategy: Strategy, include_exempt: bool = False) -> Workbook:
    with in_language(strategy):
        return workbook(budget_report(strategy, include_exempt=include_exempt))


def made(
    strategy: Strategy,
    write: Callable[[Any], bytes],
    kind: Callable[..., Any] = budget_report,
    include_exempt: bool = False,
) -> bytes:
    """Report *kind* on *strategy* written by *write*, in the strategy's language."""
    with in_language(strategy):
        return write(kind(strategy, include_exempt=include_exempt))


def xlsx(made: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(made))


def ods(made: bytes) -> Document:
    return Document(io.BytesIO(made))


# --- the budget of the municipality's seed ------------------------------------


def test_budget_xlsx_has_numbers_formulas_and_the_differing_total(
    municipality: Strategy,
) -> None:
    book = xlsx(made(municipality, to_xlsx))
    items, periods, totals = book.worksheets
    assert [ws.freeze_panes for ws in book.worksheets] == ["A2", "A2", "A2"]
    assert items["A1"].font.b and items["F1"].value == "Suma (NOK)"
    server = next(row for row in items.iter_rows(values_only=True) if row[0] == "21")
    assert server[1:6] == ("Rezervinis serveris", "Investicijos", 2010, 2013, 1000000)
    assert items["F4"].number_format == "#,##0"
    # 2010 operating: 1 800 000, as a number; the row total and the sum row are formulas.
    assert [periods["A2"].value, periods["B2"].value] == ["2010", 1800000]
    assert periods["D2"].value == "=SUM(B2:C2)"
    last = periods.max_row
    assert periods[f"A{last}"].font.b
    assert periods[f"B{last}"].value == f"=SUM(B2:B{last - 1})"
    # Investment 2010–2013: stated 10 000 000, the items add up to 9 100 000.
    row = next(r for r in totals.iter_rows(min_row=2) if r[0].value == "Investicijos")
    stated, computed, difference, differs = (c.value for c in row[2:6])
    assert (stated, computed) == (10000000, 9100000)
    assert difference == f"=C{row[0].row}-D{row[0].row}"
    assert differs == "taip"


def test_budget_ods_has_values_and_openformula_with_cached_results(
    municipality: Strategy,
) -> None:
    doc = ods(made(municipality, to_ods))
    items, periods, totals = doc.body.get_tables()
    assert items.get_cell("F22").value == 1000000
    assert items.get_cell("F22").type == "float"
    assert str(items.get_cell("B22").value) == "Rezervinis serveris"
    operating = periods.get_cell("B2")
    assert (operating.value, operating.type) == (1800000, "float")
    assert periods.get_cell("D2").formula == "of:=SUM([.B2:.C2])"
    last = periods.height
    total = periods.get_cell(f"C{last}")
    assert total.formula == f"of:=SUM([.C2:.C{last - 1}])"
    assert total.value == 9100000  # readers that do not recalculate still see it
    investment = totals.get_cell("C3"), totals.get_cell("D3"), totals.get_cell("E3")
    assert [c.value for c in investment] == [10000000, 9100000, 900000]
    assert investment[2].formula == "of:=[.C3]-[.D3]"
    assert doc.meta.language == "lt-LT"


def test_budget_csv_is_utf8_with_bom_and_parses(municipality: Strategy) -> None:
    written = made(municipality, to_csv)
    assert written.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in written
    rows = list(csv.reader(io.StringIO(written.decode("utf-8-sig"), newline="")))
    assert rows[0][:3] == ["Nr.", "Punktas", "Kategorija"]
    assert len(rows) == 1 + ActionItem.objects.filter(strategy=municipality).count()
    last = ["21", "Rezervinis serveris", "Investicijos", "2010", "2013", "1000000"]
    assert rows[-1][:6] == last
    assert any("įdiegimas" in row[1] for row in rows)  # Lithuanian letters intact


@pytest.mark.parametrize("write", [to_csv, to_xlsx, to_ods])
def test_exempt_item_left_out_unless_asked(
    rich: Strategy, write: Callable[[Any], bytes]
) -> None:
    def text(made: bytes) -> str:
        if made.startswith(b"PK"):
            with zipfile.ZipFile(io.BytesIO(made)) as package:
                return "".join(
                    package.read(name).decode()
                    for name in package.namelist()
                    if name.endswith(".xml")
                )
        return made.decode("utf-8-sig")

    assert "Intranett" not in text(made(rich, write))
    assert "Intranett" in text(made(rich, write, include_exempt=True))


def test_an_exempt_item_is_a_placeholder_row_without_its_content(
    rich: Strategy,
) -> None:
    public, everything = budget_of(rich), budget_of(rich, include_exempt=True)
    assert len(everything.sheets[0].rows) == len(public.sheets[0].rows)
    (withheld,) = [row for row in public.sheets[0].rows if row[0] == "10"]
    assert "offl. § 23" in str(withheld[1])
    assert "Intranett" not in withheld and "Videre utvikling" not in withheld


@pytest.mark.parametrize("write", [to_csv, to_xlsx, to_ods])
def test_the_strategy_report_is_not_a_table(
    rich: Strategy, write: Callable[[Any], bytes]
) -> None:
    with pytest.raises(NotTabular, match="document"):
        made(rich, write, kind=strategy_report)


# --- progress and changes -----------------------------------------------------


def test_progress_sheet_has_every_goal(county: Strategy) -> None:
    (sheet,) = xlsx(made(county, to_xlsx, kind=progress_report)).worksheets
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("Område", "Nasjonalt mål", "Mål", "Frist")
    assert len(rows) - 1 == county.goal_assessments.count()
    # Each goal by its numbers in the agenda, as the pages and documents name it.
    assert rows[1][1] == "Nasjonalt mål 1.1"
    assert all(str(r[1]).startswith("Nasjonalt mål ") for r in rows[1:])
    assert any("å" in str(r[0]) or "ø" in str(r[0]) for r in rows[1:])
    doc = ods(made(county, to_ods, kind=progress_report))
    assert doc.body.get_table(0).height == len(rows)


def test_changes_sheet_says_which_way_in_words(rich: Strategy) -> None:
    with in_language(rich):
        report = changes_between_versions(rich, rich, include_exempt=False)
        rows = list(csv.reader(io.StringIO(to_csv(report).decode("utf-8-sig"))))
        unchanged = str(Direction.SAME.label)
    assert len(rows) == 1 + len(report.changes)
    assert {row[-1] for row in rows[1:]} == {unchanged}
    assert "Vietos demokratija" in {row[0] for row in rows}


def test_changes_workbook_has_the_parts_and_the_sums(rich: Strategy) -> None:
    newer = next_version(rich)
    ActionItem.objects.filter(strategy=newer, number="2").update(amount_nok=800_000)
    with in_language(rich):
        report = changes_between_versions(rich, newer, include_exempt=False)
        _goals, parts, sums = xlsx(to_xlsx(report)).worksheets
    rows = list(parts.iter_rows(min_row=2, values_only=True))
    assert [(r[0], r[4], r[5]) for r in rows] == [
        ("Handlingsplanpost 2", "400\u00a0000\u00a0kr", "800\u00a0000\u00a0kr")
    ]
    assert list(sums.iter_rows(min_row=2, values_only=True))[-1][1:] == (
        2_900_000,
        3_300_000,
        400_000,
    )


# --- the national budget ------------------------------------------------------


def test_national_budget_reads_in_two_queries(
    county: Strategy,
    municipality: Strategy,
    rich: Strategy,
    django_assert_num_queries: Any,
) -> None:
    with django_assert_num_queries(2):
        book = national_budget(Strategy.objects.all())
    items, totals = book.sheets
    shown = ActionItem.objects.exclude(exempt=True)
    assert len(items.rows) == shown.count()
    assert "Intranett" not in {row[3] for row in items.rows}
    assert len(totals.rows) == Strategy.objects.count() + 1
    sum_row = totals.rows[-1]
    expected = sum(i.amount_nok or 0 for i in shown)
    assert isinstance(sum_row[-1], Formula) and sum_row[-1].value == expected
    # A list of strategies reads the same as the queryset.
    listed = national_budget([county, municipality, rich])
    assert listed.sheets[0].rows == items.rows


def test_national_budget_in_every_format(
    municipality: Strategy, rich: Strategy
) -> None:
    book = national_budget(Strategy.objects.all())
    org_rows = {row[0] for row in book.sheets[1].rows[:-1]}
    assert org_rows == {"Sorumo savivaldybė", "Fjordvik kommune"}
    sheet = xlsx(to_xlsx(book)).worksheets[1]
    assert str(sheet["C2"].value).startswith("=SUMIF(")
    assert str(sheet["E2"].value) == "=SUM(C2:D2)"
    table = ods(to_ods(book)).body.get_table(1)
    assert str(table.get_cell("C2").formula).startswith("of:=SUMIF([$'")
    rows = list(csv.reader(io.StringIO(to_csv(book).decode("utf-8-sig"))))
    assert len(rows) == 1 + len(book.sheets[0].rows)


# --- formulas -----------------------------------------------------------------


def test_formula_syntax() -> None:
    ranged = Formula("SUM", (Ref("B2", "B9"), Ref("D2")), 0)
    assert xlsx_formula(ranged) == "=SUM(B2:B9,D2)"
    assert ods_formula(ranged) == "of:=SUM([.B2:.B9];[.D2])"
    other = Formula(
        "SUMIF", (Ref("E2", "E5", "it's"), 'a "b"', Ref("H2", "H5", "x")), 0
    )
    assert xlsx_formula(other) == "=SUMIF('it''s'!E2:E5,\"a \"\"b\"\"\",'x'!H2:H5)"
    assert ods_formula(other) == (
        "of:=SUMIF([$'it''s'.E2:.E5];\"a \"\"b\"\"\";[$'x'.H2:.H5])"
    )
    assert xlsx_formula(Formula("MINUS", (Ref("C2"), Ref("D2")), 0)) == "=C2-D2"


def evaluate(formula: Formula, book: Workbook, sheet: Sheet) -> int:
    """What a spreadsheet computes for *formula*, from the model's own cells."""

    def cells(ref: Ref | str) -> list[object]:
        assert isinstance(ref, Ref)
        target = (
            next(s for s in book.sheets if s.name == ref.sheet) if ref.sheet else sheet
        )
        (c1, r1), (c2, r2) = (split(ref.first), split(ref.last or ref.first))
        return [
            target.rows[row - 2][column]
            for row in range(r1, r2 + 1)
            for column in range(c1, c2 + 1)
        ]

    def number(value: object) -> int:
        if isinstance(value, Formula):
            return value.value
        return value if isinstance(value, int) else 0

    if formula.function == "SUM":
        return sum(number(v) for ref in formula.args for v in cells(ref))
    if formula.function == "SUMIF":
        criteria, text, amounts = formula.args
        pairs = zip(cells(criteria), cells(amounts), strict=True)
        return sum(number(v) for key, v in pairs if key == text)
    first, second = (number(cells(ref)[0]) for ref in formula.args)
    return first - second


def split(name: str) -> tuple[int, int]:
    letters, digits = re.fullmatch(r"([A-Z]+)(\d+)", name).groups()
    column = 0
    for letter in letters:
        column = column * 26 + ord(letter) - 64
    return column - 1, int(digits)


def test_every_formula_computes_to_its_stored_value(
    municipality: Strategy, rich: Strategy
) -> None:
    books = [
        budget_of(municipality),
        budget_of(rich),
        national_budget(Strategy.objects.all()),
    ]
    formulas = 0
    for book in books:
        for sheet in book.sheets:
            for row in sheet.rows:
                for value in row:
                    if isinstance(value, Formula):
                        formulas += 1
                        assert evaluate(value, book, sheet) == value.value, value
    assert formulas > 10


@pytest.mark.skipif(
    shutil.which("soffice") is None,
    reason="LibreOffice (soffice) is not installed; `make system-packages` installs it",
)
def test_libreoffice_computes_the_same_sums(
    municipality: Strategy, tmp_path: Path
) -> None:
    """LibreOffice recalculates the XLSX (openpyxl stores no results) and an ODS
    whose cached results were taken out, and arrives at the values we stored."""
    book = budget_of(municipality)
    (tmp_path / "budget.xlsx").write_bytes(to_xlsx(book))
    with (
        zipfile.ZipFile(io.BytesIO(to_ods(book))) as source,
        zipfile.ZipFile(tmp_path / "bare.ods", "w") as bare,
    ):
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "content.xml":
                data = re.sub(
                    rb'(table:formula="[^"]*"[^>]*?) office:value="[^"]*"([^>]*)><text:p>[^<]*</text:p>',
                    rb"\1\2>",
                    data,
                )
            bare.writestr(info, data)
    every_sheet = (
        "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"
    )
    done = subprocess.run(
        [
            "soffice",
            "--headless",
            "--norestore",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            every_sheet,
            "--outdir",
            str(tmp_path),
            str(tmp_path / "budget.xlsx"),
            str(tmp_path / "bare.ods"),
        ],
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    for stem in ("budget", "bare"):
        periods, totals = (
            list(
                csv.reader(io.StringIO((tmp_path / f"{stem}-{s.name}.csv").read_text()))
            )
            for s in book.sheets[1:]
        )
        assert periods[-1][1:] == ["1800000", "9100000", "10900000"], stem
        assert totals[2][2:5] == ["10000000", "9100000", "900000"], stem


def test_an_empty_budget_has_zero_sums_and_no_backward_ranges(rich: Strategy) -> None:
    rich.action_items.all().delete()
    rich.budget_totals.all().delete()
    items, periods, totals = budget_of(rich).sheets
    assert items.rows == [] and totals.rows == []
    assert periods.rows == [["Sum", 0, 0, 0]]
    assert xlsx(to_xlsx(budget_of(rich))).worksheets[1]["B2"].value == 0


# --- text that looks like a formula -------------------------------------------

# How a spreadsheet recognises a formula (OWASP, "CSV Injection").
FORMULA_LIKE = ['=HYPERLINK("http://x","y")', "+1", "-2", "@SUM(A1)", "\tTab", "\rCR"]
# Text with those characters further in, which a reader takes as text anyway,
# and an error code, which openpyxl would take for an error unless told.
ORDINARY = [
    "Statsbudsjettet",
    "Tekst med = og + og - inni",
    "E-post @ kommunen",
    "#N/A",
]


@pytest.fixture
def formula_like(rich: Strategy) -> Strategy:
    """The rich strategy with formula-like text in every kind of text cell shown,
    and a stated total below its items' sum: a negative difference of ours."""
    equals, plus, minus, at, tab, cr = FORMULA_LIKE
    items = rich.action_items
    items.filter(number="1").update(title=equals, funding=plus, remarks=ORDINARY[1])
    items.filter(number="2").update(title=minus, funding=at, remarks=tab)
    items.filter(number="17").update(title=cr, funding=ORDINARY[0], remarks=ORDINARY[2])
    goals = rich.goal_assessments
    goals.filter(number=1).update(goal_text=minus, status_text=equals)
    goals.filter(number=2).update(goal_text=plus, status_text=at, area=ORDINARY[3])
    rich.budget_totals.filter(category="investment").update(stated_nok=2000000)
    return rich


def book_of(strategy: Strategy, kind: Callable[..., Any]) -> Workbook:
    with in_language(strategy):
        return workbook(kind(strategy, include_exempt=False))


def assert_xlsx_typed(book: Workbook, written: bytes) -> int:
    """Every text of *book* is a string cell of *written*, every formula a formula;
    returns the number of formulas."""
    formulas = 0
    for sheet, ws in zip(book.sheets, xlsx(written).worksheets, strict=True):
        for values, cells in zip(sheet.rows, ws.iter_rows(min_row=2), strict=True):
            for value, got in zip(values, cells, strict=True):
                if isinstance(value, Formula):
                    formulas += 1
                    assert (got.data_type, got.value) == ("f", xlsx_formula(value))
                elif isinstance(value, str) and value:
                    assert (got.data_type, got.value) == ("s", value)
    return formulas


def assert_ods_typed(book: Workbook, written: bytes) -> int:
    """The same for ODS: string cells for text, OpenFormula for formulas."""
    formulas = 0
    tables = ods(written).body.get_tables()
    for sheet, table in zip(book.sheets, tables, strict=True):
        for y, values in enumerate(sheet.rows, start=1):
            for x, value in enumerate(values):
                got = table.get_cell((x, y))
                if isinstance(value, Formula):
                    formulas += 1
                    assert got.formula == ods_formula(value)
                    assert (got.type, got.value) == ("float", value.value)
                elif isinstance(value, str) and value:
                    assert got.type == "string"
                    # XML reads a raw carriage return as a line feed.
                    assert got.value == value.replace("\r", "\n")
    return formulas


def csv_rows(written: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(written.decode("utf-8-sig"), newline="")))


@pytest.mark.parametrize(
    ("kind", "shown"),
    [
        (budget_report, FORMULA_LIKE),
        (progress_report, FORMULA_LIKE[:4]),
    ],
)
def test_formula_like_text_stays_text_in_xlsx_and_ods(
    formula_like: Strategy, kind: Callable[..., Any], shown: list[str]
) -> None:
    book = book_of(formula_like, kind)
    texts = {v for s in book.sheets for r in s.rows for v in r if isinstance(v, str)}
    assert texts >= set(shown)  # the report really shows them
    xlsx_formulas = assert_xlsx_typed(book, made(formula_like, to_xlsx, kind=kind))
    ods_formulas = assert_ods_typed(book, made(formula_like, to_ods, kind=kind))
    # The budget's own totals are still live formulas (each checked above).
    formulas = sum(
        isinstance(v, Formula) for s in book.sheets for r in s.rows for v in r
    )
    assert xlsx_formulas == ods_formulas == formulas
    assert (formulas > 0) == (kind is budget_report)  # progress has none


def test_formula_like_text_gets_an_apostrophe_in_csv(formula_like: Strategy) -> None:
    budget = csv_rows(made(formula_like, to_csv))
    progress = csv_rows(made(formula_like, to_csv, kind=progress_report))
    cells = {cell for row in budget + progress for cell in row}
    assert {cell for cell in cells if cell.startswith("'")} == {
        "'" + text for text in FORMULA_LIKE
    }
    assert cells >= set(ORDINARY)  # as they are
    serverroom = next(row for row in budget if row[0] == "17")
    assert serverroom[3:6] == ["2024", "2027", "2500000"]  # numbers are not text
    goals = {row[2]: row for row in progress[1:]}
    assert goals["'-2"][1:7:5] == ["Nasjonalt mål 1.1", '\'=HYPERLINK("http://x","y")']
    assert goals["'+1"][1:7:5] == ["Nasjonalt mål 1.2", "'@SUM(A1)"]


def test_the_national_budget_writes_formula_like_text_as_text(
    formula_like: Strategy,
) -> None:
    organization = formula_like.organization
    organization.name = "@Fjordvik"
    organization.save()
    Strategy.objects.filter(pk=formula_like.pk).update(title="=1+1")
    book = national_budget(Strategy.objects.all())
    formulas = assert_xlsx_typed(book, to_xlsx(book))
    assert formulas == assert_ods_typed(book, to_ods(book)) > 0  # the SUMIFs and SUMs
    rows = csv_rows(to_csv(book))
    assert rows[1][:2] == ["'@Fjordvik", "'=1+1 v2.1 (2024–2027)"]
    marked = {cell for row in rows for cell in row if cell.startswith("'")}
    titles = {"'" + FORMULA_LIKE[i] for i in (0, 2, 5)}  # the items' titles
    assert marked == {"'@Fjordvik", "'=1+1 v2.1 (2024–2027)", *titles}


def test_only_text_is_defused_in_csv() -> None:
    """A negative number of ours is a number, not text that starts with "-"."""
    amount = Column("amount", 14, "amount")
    columns = [Column("text", 5), amount, amount, Column("n", 5), Column("years", 9)]
    difference = Formula("MINUS", (Ref("B2"), Ref("C2")), -500000)
    sheet = Sheet("s", columns)
    sheet.rows.append(["-2", -500000, difference, Decimal("-1.5"), "2024–2027"])
    (_header, row) = csv_rows(to_csv(Workbook("t", "nb", [sheet])))
    assert row == ["'-2", "-500000", "-500000", "-1.5", "2024–2027"]
