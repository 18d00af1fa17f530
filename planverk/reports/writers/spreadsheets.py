"""A report's workbook (sheets.py) as CSV or XLSX; ODS is in writers/ods.py.

- CSV holds the main sheet only, in UTF-8 with a byte order mark (Excel on
  Windows reads UTF-8 only with it; Python's ``utf-8-sig`` and LibreOffice
  skip it), comma-separated and quoted as RFC 4180 says, lines ending in CRLF.
  Formulas are written as their values, numbers as they are, dates as ISO
  8601 ("2010-01-16", "2010-01", "2010"), and text through ``sheets.defused()``.
- XLSX (openpyxl) has real numbers with a thousands-grouped format, a bold
  and frozen header row, column widths and formulas. openpyxl cannot compute
  formulas; Excel and LibreOffice do when they open the file. Text is written
  as string cells (openpyxl would otherwise take any "=…" for a formula), and a
  date as the text the pages write ("16. januar 2010"): it may be a month or
  a year alone, which a spreadsheet's date cell cannot be.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from openpyxl import Workbook as XlsxWorkbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from planverk.reports.kinds import as_workbook
from planverk.reports.odf import language_country
from planverk.reports.sheets import Date, Formula, Ref, Value, defused, letter

# --- CSV -------------------------------------------------------------------------


def to_csv(report: object) -> bytes:
    """The main sheet as CSV: UTF-8 with BOM, commas, RFC 4180 quoting, CRLF."""
    sheet = as_workbook(report).sheets[0]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([_plain(column.label) for column in sheet.columns])
    writer.writerows([_plain(value) for value in row] for row in sheet.rows)
    return out.getvalue().encode("utf-8-sig")


def _plain(value: Value) -> str:
    if isinstance(value, Formula):
        return str(value.value)
    if isinstance(value, Date):
        return value.iso
    if isinstance(value, str):
        return defused(value)
    # Our numbers: a negative amount stays "-500000", a number, not text.
    return "" if value is None else str(value)


# --- XLSX ------------------------------------------------------------------------

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
    if isinstance(value, Date):
        return value.text
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


def to_xlsx(report: object) -> bytes:
    book = as_workbook(report)
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
