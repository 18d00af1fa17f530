"""The tabular reports (budget, progress, status changes) as CSV, XLSX and ODS.

Each report becomes a small neutral workbook first: sheets with a header row
and rows of cells, a cell being text, a whole number, nothing, or a formula
together with the value it computes to. The three writers only translate that
model, so the formats cannot disagree. Text is never a formula, whatever it
starts with: it is where the strategy's own words go (titles, remarks, status
texts), and a title such as ``=HYPERLINK(...)`` must not come alive in the
reader's spreadsheet. Only ``Formula`` cells, which Planverk builds, are
formulas.

- CSV holds the main sheet only, in UTF-8 with a byte order mark (Excel on
  Windows reads UTF-8 only with it; Python's ``utf-8-sig`` and LibreOffice
  skip it), comma-separated and quoted as RFC 4180 says, lines ending in CRLF.
  Formulas are written as their values. CSV has no cell types, so text that
  a spreadsheet would start a formula with gets a leading apostrophe, as
  OWASP advises (``defused``); numbers are written as they are.
- XLSX (openpyxl) has real numbers with a thousands-grouped format, a bold
  and frozen header row, column widths and formulas. openpyxl cannot compute
  formulas; Excel and LibreOffice do when they open the file. Text is written
  as string cells (openpyxl would otherwise take any "=…" for a formula).
- ODS has real numbers, string cells for text, and OpenFormula formulas that
  also carry their computed value, so a reader that does not recalculate still
  shows the numbers. It is written as XML directly (into an odfdo package),
  which is what keeps a national workbook of ten thousand rows within a second.

The strategy report is a document, not a table: asking for it raises
``NotTabular``.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal
from xml.sax.saxutils import escape, quoteattr

from django.db.models import QuerySet
from django.utils import translation
from django.utils.translation import gettext as _
from odfdo import Document, Element
from odfdo.style_base import StyleBase
from openpyxl import Workbook as XlsxWorkbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from planverk.reports.content import (
    Budget,
    BudgetReport,
    ChangesReport,
    Direction,
    ProgressReport,
    Report,
    StrategyReport,
    years_text,
)
from planverk.strategies.choices import ActionCategory
from planverk.strategies.models import ActionItem, Strategy
from planverk.strategies.permissions import reader

NBSP = "\u00a0"
# Where no country is given, the one the language is mostly written in.
COUNTRIES = {"nb": "NO", "nn": "NO", "no": "NO", "se": "NO", "lt": "LT", "en": "GB"}


class NotTabular(ValueError):
    """The report has no tabular form (the strategy report is a document)."""


def amount_text(amount: int | None) -> str:
    """1800000 → "1 800 000", grouped with non-breaking spaces so it never wraps."""
    if amount is None:
        return ""
    text = f"{abs(amount):,}".replace(",", NBSP)
    return f"−{text}" if amount < 0 else text


def language_country(code: str) -> tuple[str, str | None]:
    """Language and country of *code*: "nb" → ("nb", "NO"), "lt-LT" → ("lt", "LT")."""
    language, _sep, country = code.replace("_", "-").partition("-")
    language = language.lower() or "nb"
    return language, country.upper() or COUNTRIES.get(language)


# --- the neutral model -------------------------------------------------------


@dataclass(frozen=True)
class Ref:
    """A cell ("C2") or a range ("C2", "C9"), on the formula's own sheet or another."""

    first: str
    last: str | None = None
    sheet: str | None = None


@dataclass(frozen=True)
class Formula:
    """SUM of ranges, SUMIF(range; text; range) or the difference of two cells, and its value."""

    function: Literal["SUM", "SUMIF", "MINUS"]
    args: tuple[Ref | str, ...]
    value: int


# A str is text, always written as text; only a Formula is a formula.
Value = str | int | Decimal | None | Formula
# strategy, number, title, category, first year, last year, amount
ItemRow = tuple[int, str, str, str, int, int, int | None]


@dataclass(frozen=True)
class Column:
    """A column's label and width (in characters); amounts are grouped in thousands."""

    label: str
    width: int
    kind: Literal["text", "number", "amount"] = "text"


@dataclass
class Sheet:
    name: str
    columns: list[Column]
    rows: list[list[Value]] = field(default_factory=list)
    sum_rows: int = 0  # trailing rows that are totals, shown in bold

    def __post_init__(self) -> None:
        self.name = sheet_name(self.name)


@dataclass
class Workbook:
    title: str
    language: str
    sheets: list[Sheet]


def sheet_name(name: str) -> str:
    """A name every spreadsheet accepts: at most 31 characters, none of []:*?/\\."""
    return re.sub(r"[\[\]:*?/\\]", "-", name)[:31].strip("'") or "-"


def letter(index: int) -> str:
    """Column letter of zero-based *index*: 0 → "A", 26 → "AA"."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell(column: int, row: int) -> str:
    """A1 name of zero-based *column* and one-based spreadsheet *row*."""
    return f"{letter(column)}{row}"


def column_range(column: int, first: int, last: int, sheet: str | None = None) -> Ref:
    return Ref(cell(column, first), cell(column, last), sheet)


def sum_formula(refs: Iterable[Ref], value: int) -> Formula:
    return Formula("SUM", tuple(refs), value)


# --- reports as workbooks ----------------------------------------------------


def workbook(report: Report | Workbook) -> Workbook:
    """*report* as sheets; the first is the main one (the CSV)."""
    if isinstance(report, Workbook):
        return report
    if isinstance(report, BudgetReport):
        sheets = budget_sheets(report.budget)
        title = _("Action plan and budget")
    elif isinstance(report, ProgressReport):
        sheets = [progress_sheet(report)]
        title = _("Status on the national goals")
    elif isinstance(report, ChangesReport):
        sheets = [changes_sheet(report)]
        title = _("Status changes")
    elif isinstance(report, StrategyReport):
        raise NotTabular(
            "the strategy report is a document; it has no CSV, XLSX or ODS form"
        )
    else:
        raise TypeError(f"no tables for {type(report).__name__}")
    front = report.front
    return Workbook(f"{front.organization}: {title}", front.language, sheets)


def budget_sheets(budget: Budget) -> list[Sheet]:
    return [_items_sheet(budget), _periods_sheet(budget), _totals_sheet(budget)]


def _items_sheet(budget: Budget) -> Sheet:
    return Sheet(
        _("Items"),
        [
            Column(_("No."), 6),
            Column(_("Item"), 50),
            Column(_("Category"), 14),
            Column(_("First year"), 10, "number"),
            Column(_("Last year"), 10, "number"),
            Column(_("Amount (NOK)"), 14, "amount"),
            Column(_("Funding"), 24),
            Column(_("Remarks"), 30),
        ],
        [
            [
                i.number,
                i.title,
                i.category_label,
                i.year_start,
                i.year_end,
                i.amount,
                i.funding,
                i.remarks,
            ]
            for i in budget.items
        ],
    )


def _periods_sheet(budget: Budget) -> Sheet:
    """Amounts per period and category: row totals and a sum row, all formulas."""
    categories = len(budget.categories)
    rows: list[list[Value]] = []
    for number, period in enumerate(budget.periods, start=2):
        row_sum = sum_formula(
            [Ref(cell(1, number), cell(categories, number))], period.total
        )
        rows.append([period.years, *period.amounts, row_sum])
    sheet = Sheet(
        _("Per period"),
        [Column(_("Years"), 12)]
        + [Column(label, 16, "amount") for _value, label in budget.categories]
        + [Column(_("Total"), 16, "amount")],
        rows,
        sum_rows=1,
    )
    rows.append(_column_sums(sheet, first_column=1))
    return sheet


def _totals_sheet(budget: Budget) -> Sheet:
    """Totals as stated beside the sums of the items, and their difference."""
    rows: list[list[Value]] = []
    for number, total in enumerate(budget.totals, start=2):
        difference: Value = None
        # The note says why in the row itself: a table has no footnotes.
        differs = total.withheld_note if total.withheld else _("Not stated")
        if total.difference is not None:
            difference = Formula(
                "MINUS",
                (Ref(cell(2, number)), Ref(cell(3, number))),
                total.difference,
            )
            differs = _("yes") if total.differs else _("no")
        rows.append(
            [
                total.category_label,
                total.years,
                total.stated,
                total.computed,
                difference,
                differs,
            ]
        )
    return Sheet(
        _("Totals"),
        [
            Column(_("Category"), 14),
            Column(_("Years"), 12),
            Column(_("Stated total"), 16, "amount"),
            Column(_("Sum of the items"), 16, "amount"),
            Column(_("Difference"), 14, "amount"),
            Column(_("Differs"), 12),
        ],
        rows,
    )


def progress_sheet(report: ProgressReport) -> Sheet:
    return Sheet(
        _("Goals"),
        [
            Column(_("Area"), 30),
            Column(_("No."), 6, "number"),
            Column(_("Goal"), 60),
            Column(_("Deadline"), 10, "number"),
            Column(_("Level"), 18),
            Column(_("Confirmed"), 10),
            Column(_("Status text"), 60),
            Column(_("As of"), 10),
        ],
        [
            [
                goal.area,
                goal.number,
                goal.text,
                goal.deadline,
                goal.level_label,
                _("yes") if goal.confirmed else _("no"),
                goal.status,
                goal.as_of,
            ]
            for area in report.areas
            for goal in area.goals
        ],
    )


def changes_sheet(report: ChangesReport) -> Sheet:
    return Sheet(
        _("Status changes"),
        [
            Column(_("Area"), 30),
            Column(_("No."), 6, "number"),
            Column(_("Goal"), 60),
            Column(_("Before"), 18),
            Column(_("After"), 18),
            Column(_("Direction of change"), 14),
        ],
        [
            [
                c.area,
                c.number,
                c.text,
                c.before_label,
                c.after_label,
                str(Direction(c.direction).label),
            ]
            for c in report.changes
        ],
    )


# --- the national budget -----------------------------------------------------


def national_budget(
    strategies: Iterable[Strategy] | QuerySet[Strategy], *, include_exempt: bool = False
) -> Workbook:
    """Every action item of *strategies*, one row each, and totals per strategy.

    Two queries whatever the number of strategies. Items exempt from public
    disclosure are left out unless *include_exempt*. The totals are SUMIF
    formulas over each strategy's rows of the item sheet, which are contiguous.
    """
    if not isinstance(strategies, QuerySet):
        strategies = Strategy.objects.filter(pk__in=[s.pk for s in strategies])
    listed = list(
        strategies.select_related("organization")
        .order_by("organization__name", "organization_id", "period_start", "pk")
        .only(
            "title", "version_label", "period_start", "period_end", "organization__name"
        )
    )
    items = ActionItem.objects.restrict(reader(include_exempt)).filter(
        strategy__in=[s.pk for s in listed]
    )
    by_strategy: dict[int, list[ItemRow]] = {}
    for row in items.order_by("strategy_id", "sort_key").values_list(
        "strategy_id",
        "number",
        "title",
        "category",
        "year_start",
        "year_end",
        "amount_nok",
    ):
        by_strategy.setdefault(row[0], []).append(row)
    labels = {c.value: str(c.label) for c in ActionCategory}
    item_sheet = Sheet(
        _("Items"),
        [
            Column(_("Organisation"), 30),
            Column(_("Strategy"), 40),
            Column(_("No."), 6),
            Column(_("Item"), 50),
            Column(_("Category"), 14),
            Column(_("First year"), 10, "number"),
            Column(_("Last year"), 10, "number"),
            Column(_("Amount (NOK)"), 14, "amount"),
        ],
    )
    totals = Sheet(
        _("Totals"),
        [Column(_("Organisation"), 30), Column(_("Strategy"), 40)]
        + [Column(label, 16, "amount") for label in labels.values()]
        + [Column(_("Total"), 16, "amount")],
        sum_rows=1,
    )
    for strategy in listed:
        organization = strategy.organization.name
        name = _strategy_name(strategy)
        first = len(item_sheet.rows) + 2
        sums = dict.fromkeys(labels, 0)
        for _pk, number, title, category, start, end, amount in by_strategy.get(
            strategy.pk, []
        ):
            item_sheet.rows.append(
                [
                    organization,
                    name,
                    number,
                    title,
                    labels[category],
                    start,
                    end,
                    amount,
                ]
            )
            sums[category] += amount or 0
        span = (first, len(item_sheet.rows) + 1)
        at = len(totals.rows) + 2
        totals.rows.append(
            [organization, name, *_strategy_totals(labels, sums, span, at, item_sheet)]
        )
    totals.rows.append(_column_sums(totals, first_column=2))
    language = translation.get_language() or "nb"
    return Workbook(_("Action plan and budget"), language, [item_sheet, totals])


def _strategy_name(strategy: Strategy) -> str:
    version = f" v{strategy.version_label}" if strategy.version_label else ""
    period = years_text(strategy.period_start, strategy.period_end)
    return f"{strategy.title}{version} ({period})"


def _strategy_totals(
    labels: dict[str, str],
    sums: dict[str, int],
    span: tuple[int, int],
    row: int,
    items: Sheet,
) -> list[Value]:
    """One strategy's amounts per category, SUMIFs over its item rows, and their sum."""
    first, last = span
    cells: list[Value] = []
    for category, label in labels.items():
        if last < first:  # no items: nothing to sum over
            cells.append(0)
            continue
        criteria = column_range(4, first, last, items.name)
        amounts = column_range(7, first, last, items.name)
        cells.append(Formula("SUMIF", (criteria, label, amounts), sums[category]))
    total = Ref(cell(2, row), cell(1 + len(labels), row))
    cells.append(sum_formula([total], sum(sums.values())))
    return cells


def _column_sums(sheet: Sheet, first_column: int) -> list[Value]:
    """A sum row under *sheet*'s rows, summing each column from *first_column* on."""
    last = len(sheet.rows) + 1
    sums: list[Value] = [
        sum_formula(
            [column_range(column, 2, last)],
            sum(_value(values[column]) for values in sheet.rows),
        )
        if sheet.rows
        else 0  # nothing above to sum
        for column in range(first_column, len(sheet.columns))
    ]
    return [_("Total"), *([""] * (first_column - 1)), *sums]


def _value(value: Value) -> int:
    if isinstance(value, Formula):
        return value.value
    return int(value) if isinstance(value, int | Decimal) else 0


# --- CSV ---------------------------------------------------------------------


def to_csv(report: Report | Workbook) -> bytes:
    """The main sheet as CSV: UTF-8 with BOM, commas, RFC 4180 quoting, CRLF."""
    sheet = workbook(report).sheets[0]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([_plain(column.label) for column in sheet.columns])
    writer.writerows([_plain(value) for value in row] for row in sheet.rows)
    return out.getvalue().encode("utf-8-sig")


def _plain(value: Value) -> str:
    if isinstance(value, Formula):
        return str(value.value)
    if isinstance(value, str):
        return defused(value)
    # Our numbers: a negative amount stays "-500000", a number, not text.
    return "" if value is None else str(value)


# What a spreadsheet opening a CSV file may take as the start of a formula, as
# OWASP lists them ("CSV Injection"): "=", "+", "-", "@", a tab, a carriage return.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def defused(text: str) -> str:
    """*text* with a leading apostrophe if a spreadsheet would read it as a formula.

    The apostrophe makes the reader take the cell as text, so
    "=HYPERLINK(…)" in a title stays words instead of becoming a live link.
    """
    return "'" + text if text.startswith(FORMULA_STARTS) else text


# --- XLSX --------------------------------------------------------------------

AMOUNT_FORMAT = "#,##0"  # the reader's thousands separator: a space in nb and lt


def _xlsx_ref(ref: Ref | str) -> str:
    if isinstance(ref, str):
        return '"' + ref.replace('"', '""') + '"'
    span = f"{ref.first}:{ref.last}" if ref.last else ref.first
    if ref.sheet is None:
        return span
    return "'" + ref.sheet.replace("'", "''") + "'!" + span


def xlsx_formula(formula: Formula) -> str:
    args = [_xlsx_ref(arg) for arg in formula.args]
    if formula.function == "MINUS":
        return f"={args[0]}-{args[1]}"
    return f"={formula.function}({','.join(args)})"


def _xlsx_value(value: Value) -> str | int | float | None:
    if isinstance(value, Formula):
        return xlsx_formula(value)
    return float(value) if isinstance(value, Decimal) else value


def _xlsx_cell(
    ws: WriteOnlyWorksheet, value: Value, kind: str, font: Font | None
) -> Cell | str | int | float | None:
    """What to append to *ws* for *value*: the value itself, or a cell with a style.

    openpyxl guesses the type of a str: "=…" is a formula, "#N/A" and the
    other error codes are errors, anything else is text. Text it would misread
    becomes an explicit string cell ("s"), so the reader shows it as it stands;
    the rest is left to the guess, as a cell for every text would make the
    national workbook twice as slow.
    """
    plain = _xlsx_value(value)
    misread = isinstance(value, str) and (value.startswith("=") or value in ERROR_CODES)
    amount = kind == "amount" and plain is not None
    if not (misread or amount or font):
        return plain  # text, a number or one of our formulas, with no style
    written = WriteOnlyCell(ws, value=plain)
    if isinstance(value, str):
        written.data_type = "s"
    if amount:
        written.number_format = AMOUNT_FORMAT
    if font is not None:
        written.font = font
    return written


def to_xlsx(report: Report | Workbook) -> bytes:
    book = workbook(report)
    xlsx = XlsxWorkbook(write_only=True)
    xlsx.properties.title = book.title
    xlsx.properties.language = "-".join(filter(None, language_country(book.language)))
    xlsx.properties.creator = "Planverk"
    bold = Font(bold=True)
    top = Alignment(vertical="top", wrap_text=True)
    for sheet in book.sheets:
        ws = xlsx.create_sheet(sheet.name)
        ws.freeze_panes = "A2"
        for index, column in enumerate(sheet.columns):
            ws.column_dimensions[letter(index)].width = column.width
        header = []
        for column in sheet.columns:
            head = _xlsx_cell(ws, column.label, "text", bold)
            assert isinstance(head, Cell)  # a label is text, so always a cell
            head.alignment = top
            header.append(head)
        ws.append(header)
        body = len(sheet.rows) - sheet.sum_rows
        for number, values in enumerate(sheet.rows):
            font = bold if number >= body else None
            ws.append(
                [
                    _xlsx_cell(ws, value, column.kind, font)
                    for column, value in zip(sheet.columns, values, strict=True)
                ]
            )
    out = io.BytesIO()
    xlsx.save(out)
    return out.getvalue()


# --- ODS ---------------------------------------------------------------------


def _ods_ref(ref: Ref | str) -> str:
    if isinstance(ref, str):
        return '"' + ref.replace('"', '""') + '"'
    sheet = "" if ref.sheet is None else "$'" + ref.sheet.replace("'", "''") + "'"
    if ref.last is None:
        return f"[{sheet}.{ref.first}]"
    return f"[{sheet}.{ref.first}:.{ref.last}]"


def ods_formula(formula: Formula) -> str:
    """The formula in OpenFormula, as ODF's table:formula attribute holds it."""
    args = [_ods_ref(arg) for arg in formula.args]
    if formula.function == "MINUS":
        return f"of:={args[0]}-{args[1]}"
    return f"of:={formula.function}({';'.join(args)})"


def _ods_styles(language: str, country: str | None) -> str:
    where = f'number:language="{language}"' + (
        f' number:country="{country}"' if country else ""
    )
    return f"""
<number:number-style style:name="pvAmount" {where}>
  <number:number number:decimal-places="0" number:min-decimal-places="0"
      number:min-integer-digits="1" number:grouping="true"/>
</number:number-style>
<number:number-style style:name="pvNumber" {where}>
  <number:number number:decimal-places="0" number:min-decimal-places="0"
      number:min-integer-digits="1"/>
</number:number-style>
<style:style style:name="pvTable" style:family="table" style:master-page-name="Default">
  <style:table-properties table:display="true" style:writing-mode="lr-tb"/>
</style:style>
<style:style style:name="pvRow" style:family="table-row">
  <style:table-row-properties fo:break-before="auto" style:use-optimal-row-height="true"/>
</style:style>
<style:style style:name="pvHead" style:family="table-cell" style:parent-style-name="Default">
  <style:table-cell-properties fo:background-color="#e6e6e6" style:vertical-align="top"
      fo:wrap-option="wrap"/>
  <style:text-properties fo:font-weight="bold" style:font-weight-complex="bold"/>
</style:style>
<style:style style:name="pvText" style:family="table-cell" style:parent-style-name="Default">
  <style:table-cell-properties style:vertical-align="top"/>
</style:style>
<style:style style:name="pvAmount" style:family="table-cell" style:parent-style-name="Default"
    style:data-style-name="pvAmount">
  <style:table-cell-properties style:vertical-align="top"/>
</style:style>
<style:style style:name="pvNumber" style:family="table-cell" style:parent-style-name="Default"
    style:data-style-name="pvNumber">
  <style:table-cell-properties style:vertical-align="top"/>
</style:style>
<style:style style:name="pvSumText" style:family="table-cell" style:parent-style-name="Default">
  <style:table-cell-properties style:vertical-align="top"/>
  <style:text-properties fo:font-weight="bold" style:font-weight-complex="bold"/>
</style:style>
<style:style style:name="pvSumAmount" style:family="table-cell" style:parent-style-name="Default"
    style:data-style-name="pvAmount">
  <style:table-cell-properties style:vertical-align="top"/>
  <style:text-properties fo:font-weight="bold" style:font-weight-complex="bold"/>
</style:style>
<style:style style:name="pvSumNumber" style:family="table-cell" style:parent-style-name="Default"
    style:data-style-name="pvNumber">
  <style:table-cell-properties style:vertical-align="top"/>
  <style:text-properties fo:font-weight="bold" style:font-weight-complex="bold"/>
</style:style>
"""


def _column_styles(widths: set[int]) -> str:
    # A character of 10 pt Liberation Sans is about 0.2 cm wide.
    return "".join(
        f'<style:style style:name="pvCol{w}" style:family="table-column">'
        f'<style:table-column-properties fo:break-before="auto"'
        f' style:column-width="{w * 0.2 + 0.2:.2f}cm"/></style:style>'
        for w in sorted(widths)
    )


_SPACES = re.compile(r" {2,}|\t")


def odf_paragraphs(text: str, style: str | None = None) -> str:
    """*text* as ODF paragraph XML: one text:p a line, runs of spaces and tabs kept."""
    opening = "<text:p>" if style is None else f'<text:p text:style-name="{style}">'
    lines = []
    for line in text.split("\n"):
        escaped = escape(line)
        if "  " in escaped or "\t" in escaped:
            escaped = _SPACES.sub(_ods_space, escaped)
        if escaped.startswith(" "):
            escaped = "<text:s/>" + escaped[1:]
        lines.append(f"{opening}{escaped}</text:p>")
    return "".join(lines)


def _ods_space(match: re.Match[str]) -> str:
    if match[0] == "\t":
        return "<text:tab/>"
    return f' <text:s text:c="{len(match[0]) - 1}"/>'


_NUMBER_STYLES = {"amount": "pvAmount", "number": "pvNumber", "text": "pvText"}
_SUM_STYLES = {"amount": "pvSumAmount", "number": "pvSumNumber", "text": "pvSumText"}


def _ods_cell(value: Value, kind: str, sum_row: bool) -> str:
    style = (_SUM_STYLES if sum_row else _NUMBER_STYLES)[kind]
    if value is None:
        return "<table:table-cell/>"
    if isinstance(value, Formula):
        text = amount_text(value.value) if kind == "amount" else str(value.value)
        return (
            f'<table:table-cell table:style-name="{style}"'
            f" table:formula={quoteattr(ods_formula(value))}"
            f' office:value-type="float" office:value="{value.value}"'
            f' calcext:value-type="float"><text:p>{text}</text:p></table:table-cell>'
        )
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        text = amount_text(int(value)) if kind == "amount" else str(value)
        if kind != "amount" and style == "pvText":
            style = "pvNumber"
        return (
            f'<table:table-cell table:style-name="{style}" office:value-type="float"'
            f' office:value="{value}" calcext:value-type="float">'
            f"<text:p>{text}</text:p></table:table-cell>"
        )
    text_style = _SUM_STYLES["text"] if sum_row else "pvText"
    return (
        f'<table:table-cell table:style-name="{text_style}" office:value-type="string"'
        f' calcext:value-type="string">{odf_paragraphs(str(value))}</table:table-cell>'
    )


def _ods_table(sheet: Sheet) -> str:
    parts = [
        f"<table:table table:name={quoteattr(sheet.name)} table:style-name='pvTable'>"
    ]
    parts += [
        f'<table:table-column table:style-name="pvCol{c.width}"'
        ' table:default-cell-style-name="Default"/>'
        for c in sheet.columns
    ]
    parts.append("<table:table-header-rows><table:table-row table:style-name='pvRow'>")
    parts += [
        f'<table:table-cell table:style-name="pvHead" office:value-type="string"'
        f' calcext:value-type="string">{odf_paragraphs(c.label)}</table:table-cell>'
        for c in sheet.columns
    ]
    parts.append("</table:table-row></table:table-header-rows>")
    kinds = [c.kind for c in sheet.columns]
    body = len(sheet.rows) - sheet.sum_rows
    for number, values in enumerate(sheet.rows):
        parts.append("<table:table-row table:style-name='pvRow'>")
        sum_row = number >= body
        parts += [
            _ods_cell(value, kind, sum_row)
            for value, kind in zip(values, kinds, strict=True)
        ]
        parts.append("</table:table-row>")
    parts.append("</table:table>")
    return "".join(parts)


def _ods_settings(sheets: list[Sheet]) -> bytes:
    """The view: each sheet's header row frozen, the first sheet open."""

    def item(name: str, kind: str, value: object) -> str:
        return (
            f'<config:config-item config:name="{name}" config:type="{kind}">'
            f"{value}</config:config-item>"
        )

    tables = "".join(
        f"<config:config-item-map-entry config:name={quoteattr(s.name)}>"
        + item("VerticalSplitMode", "short", 2)
        + item("VerticalSplitPosition", "int", 1)
        + item("ActiveSplitRange", "short", 2)
        + item("PositionTop", "int", 0)
        + item("PositionBottom", "int", 1)
        + "</config:config-item-map-entry>"
        for s in sheets
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-settings xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:config="urn:oasis:names:tc:opendocument:xmlns:config:1.0" office:version="1.3">'
        '<office:settings><config:config-item-set config:name="ooo:view-settings">'
        '<config:config-item-map-indexed config:name="Views"><config:config-item-map-entry>'
        + item("ViewId", "string", "view1")
        + f'<config:config-item-map-named config:name="Tables">{tables}'
        "</config:config-item-map-named>"
        + item("ActiveTable", "string", escape(sheets[0].name))
        + "</config:config-item-map-entry></config:config-item-map-indexed>"
        "</config:config-item-set></office:settings></office:document-settings>"
    ).encode()


def to_ods(report: Report | Workbook) -> bytes:
    book = workbook(report)
    language, country = language_country(book.language)
    doc = Document("spreadsheet")
    doc.body.clear()
    styles = _ods_styles(language, country) + _column_styles(
        {c.width for s in book.sheets for c in s.columns}
    )
    for style in odf_styles(styles):
        doc.insert_style(style, automatic=True)
    set_odf_language(doc, book.language, "table-cell")
    _landscape(doc)
    for index in range(len(book.sheets)):
        doc.body.append(Element.from_tag(f'<table:table table:name="{_SLOT}{index}"/>'))
    doc.meta.set_title(book.title)
    doc.meta.set_generator("Planverk")
    doc.set_part("settings.xml", _ods_settings(book.sheets))
    drop_thumbnail(doc)
    package = io.BytesIO()
    doc.save(package)
    tables = {f"{_SLOT}{i}": _ods_table(sheet) for i, sheet in enumerate(book.sheets)}
    return _with_tables(package.getvalue(), tables)


_SLOT = "planverk-table-"
_SLOTS = re.compile(
    f'<table:table table:name="({_SLOT}\\d+)"(?:/>|>.*?</table:table>)', re.S
)


def _with_tables(package: bytes, tables: dict[str, str]) -> bytes:
    """*package* with its empty placeholder tables replaced by *tables* (XML text).

    odfdo keeps a parsed tree of every table and normalises each one when it
    saves, which takes seconds for ten thousand rows; so odfdo writes the
    package (manifest, styles, metadata) around empty tables, and the rows go
    into content.xml as text, under the namespaces its root element declares.
    """
    source = zipfile.ZipFile(io.BytesIO(package))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():  # mimetype first and stored, as it came
            data = source.read(info)
            if info.filename == "content.xml":
                content = _SLOTS.sub(lambda m: tables[m[1]], data.decode())
                data = content.encode()
            target.writestr(info, data)
    return out.getvalue()


def _landscape(doc: Document) -> None:
    """Printed, each sheet goes on A4 landscape pages, as wide as the page."""
    layout = doc.get_style("page-layout", "Mpm1")
    properties = layout.get_element("style:page-layout-properties") if layout else None
    if properties is None:
        return
    for name, value in (
        ("fo:page-width", "29.7cm"),
        ("fo:page-height", "21cm"),
        ("style:print-orientation", "landscape"),
        ("style:scale-to-X", "1"),
        ("style:scale-to-Y", "0"),
    ):
        properties.set_attribute(name, value)


def odf_styles(xml: str) -> list[StyleBase]:
    """The styles an XML fragment defines, one odfdo style each."""
    wrapper = Element.from_tag(f"<office:styles>{xml}</office:styles>")
    return [style for style in wrapper.children if isinstance(style, StyleBase)]


def set_odf_language(doc: Document, code: str, family: str) -> None:
    """*code* as the document's language and its default for text in *family*."""
    language, country = language_country(code)
    doc.meta.set_language(f"{language}-{country}" if country else language)
    for default in doc.styles.get_elements(
        f"//style:default-style[@style:family='{family}']/style:text-properties"
    ):
        default.set_attribute("fo:language", language)
        if country:
            default.set_attribute("fo:country", country)
        else:
            default.del_attribute("fo:country")


def drop_thumbnail(doc: Document) -> None:
    """The template's thumbnail shows the template, not this file."""
    if "Thumbnails/thumbnail.png" in doc.get_parts():
        doc.del_part("Thumbnails/thumbnail.png")
        doc.manifest.del_full_path("Thumbnails/thumbnail.png")
