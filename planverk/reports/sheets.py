"""The neutral table model of the tabular reports, which CSV, XLSX and ODS are written from.

A report kind lays its content out as a workbook: sheets with a header row
and rows of cells, a cell being text, a number, a date, nothing, or a formula
together with the value it computes to. The writers (writers/spreadsheets.py,
writers/ods.py) only translate that model, so the formats cannot disagree.

Text is never a formula, whatever it starts with: it is where the strategy's
own words go (titles, remarks, status texts), and a title such as
``=HYPERLINK(...)`` must not come alive in the reader's spreadsheet. Only
``Formula`` cells, which Planverk builds, are formulas. XLSX and ODS write
text as string cells; CSV has no cell types, so ``defused()`` below, the one
place that changes the strategy's text for a spreadsheet, gives text that a
spreadsheet would start a formula with a leading apostrophe, as OWASP advises.

A date is as precise as its source (a decision of "2010-01"): XLSX and ODS
show it as a text cell in the one style of the pages and documents
("januar 2010", planverk/lib/dates.py), CSV, a format for machines, as ISO
8601 ("2010-01").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from django.utils.translation import gettext as _

from planverk.lib.dates import DAY, date_text, iso_text


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


@dataclass(frozen=True)
class Date:
    """A date, as precise as its source: a day, a month or a year."""

    day: dt.date
    precision: str = DAY  # DatePrecision's value

    @property
    def text(self) -> str:
        """For people, in the active language: "16. januar 2010", "januar 2010"."""
        return date_text(self.day, self.precision)

    @property
    def iso(self) -> str:
        """For machines (CSV): "2010-01-16", "2010-01", "2010"."""
        return iso_text(self.day, self.precision)


# A str is text, always written as text; only a Formula is a formula.
Value = str | int | Decimal | None | Formula | Date


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
    sheets: list[Sheet]  # the first is the main one, which CSV holds


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


def column_sums(sheet: Sheet, first_column: int) -> list[Value]:
    """A sum row under *sheet*'s rows, summing each column from *first_column* on."""
    last = len(sheet.rows) + 1
    sums: list[Value] = [
        sum_formula(
            [column_range(column, 2, last)],
            sum(number(values[column]) for values in sheet.rows),
        )
        if sheet.rows
        else 0  # nothing above to sum
        for column in range(first_column, len(sheet.columns))
    ]
    return [_("Total"), *([""] * (first_column - 1)), *sums]


def number(value: Value) -> int:
    """What *value* counts for in a sum: a formula its value, text nothing."""
    if isinstance(value, Formula):
        return value.value
    return int(value) if isinstance(value, int | Decimal) else 0


# What a spreadsheet opening a CSV file may take as the start of a formula, as
# OWASP lists them ("CSV Injection"): "=", "+", "-", "@", a tab, a carriage return.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def defused(text: str) -> str:
    """*text* with a leading apostrophe if a spreadsheet would read it as a formula.

    The apostrophe makes the reader take the cell as text, so
    "=HYPERLINK(…)" in a title stays words instead of becoming a live link.
    """
    return "'" + text if text.startswith(FORMULA_STARTS) else text
