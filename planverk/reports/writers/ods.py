"""A report's workbook (sheets.py) as ODS: real numbers, string cells for text,
and OpenFormula formulas that also carry their computed value, so a reader
that does not recalculate still shows the numbers.

It is written as XML directly (into an odfdo package), which is what keeps a
national workbook of ten thousand rows within a second. The styles are in
odf/sheet-automatic.xml.
"""

from __future__ import annotations

import io
import re
import zipfile
from decimal import Decimal
from xml.sax.saxutils import escape, quoteattr

from odfdo import Document, Element

from planverk.lib.numbers import amount_text
from planverk.reports import odf
from planverk.reports.kinds import as_workbook
from planverk.reports.sheets import Date, Formula, Ref, Sheet, Value


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


def _column_styles(widths: set[int]) -> str:
    # A character of 10 pt Liberation Sans is about 0.2 cm wide.
    return "".join(
        f'<style:style style:name="pvCol{w}" style:family="table-column">'
        f'<style:table-column-properties fo:break-before="auto"'
        f' style:column-width="{w * 0.2 + 0.2:.2f}cm"/></style:style>'
        for w in sorted(widths)
    )


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
    if isinstance(value, Date):
        value = value.text  # as the pages write it; it may be a month or a year
    text_style = _SUM_STYLES["text"] if sum_row else "pvText"
    return (
        f'<table:table-cell table:style-name="{text_style}" office:value-type="string"'
        f' calcext:value-type="string">{odf.paragraphs(str(value))}</table:table-cell>'
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
        f' calcext:value-type="string">{odf.paragraphs(c.label)}</table:table-cell>'
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


def to_ods(report: object) -> bytes:
    book = as_workbook(report)
    language, country = odf.language_country(book.language)
    doc = Document("spreadsheet")
    doc.body.clear()
    where = f'number:language="{language}"' + (
        f' number:country="{country}"' if country else ""
    )
    styles = odf.styles("sheet-automatic.xml", where=where)
    styles += odf.odf_styles(
        _column_styles({c.width for s in book.sheets for c in s.columns})
    )
    for style in styles:
        doc.insert_style(style, automatic=True)
    odf.set_language(doc, book.language, "table-cell")
    _landscape(doc)
    for index in range(len(book.sheets)):
        doc.body.append(Element.from_tag(f'<table:table table:name="{_SLOT}{index}"/>'))
    doc.meta.set_title(book.title)
    doc.meta.set_generator("Planverk")
    doc.set_part("settings.xml", _ods_settings(book.sheets))
    odf.drop_thumbnail(doc)
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
