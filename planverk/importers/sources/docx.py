"""DOCX → blocks, with python-docx: body paragraphs and tables in document order.

Line numbers are ordinals: each body paragraph (empty ones too) and each table
row counts one, so a message can point at "paragraph or row N".
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator

import docx
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.styles.style import BaseStyle, ParagraphStyle
from docx.table import Table as DocxTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph
from lxml.etree import _Element

from planverk.importers.base import ParseError
from planverk.importers.blocks import Block, Paragraph, Row, Table
from planverk.importers.sources.archive import unpacked
from planverk.importers.sources.numbering import Numbering

# Style names as Word and LibreOffice write them in English, Norwegian, Lithuanian,
# Swedish and German; a style's outline level catches the rest.
_HEADING_STYLE = re.compile(
    r"(heading|overskrift|antraštė|rubrik|überschrift)\s*([1-9])$", re.IGNORECASE
)
_TITLE_STYLES = {"title", "tittel", "pavadinimas", "titel"}
# List styles (English and Norwegian names), with the depth in a trailing digit.
_LIST_STYLE = re.compile(
    r"(list|list bullet|list number|list paragraph|listeavsnitt|punktliste"
    r"|nummerert liste)( ([1-9]))?$",
    re.IGNORECASE,
)


def docx_blocks(path: str, archive: zipfile.ZipFile) -> list[Block]:
    """The blocks of the DOCX file *archive* (the checked content of *path*)."""
    package = unpacked(path, archive)
    try:
        document = docx.Document(package)
        return list(_blocks(document, Numbering.of(document)))
    except ParseError:
        raise
    except Exception as e:  # python-docx and lxml raise many kinds on damaged parts
        raise ParseError.coded(
            "docx_damaged", file=path, detail=f"{type(e).__name__}: {e}"
        ) from e


def _blocks(document: DocxDocument, numbering: Numbering) -> Iterator[Block]:
    ordinal = 0
    for item in document.iter_inner_content():
        if isinstance(item, DocxParagraph):
            ordinal += 1
            paragraph = _paragraph(item, ordinal, numbering)
            if paragraph.text:
                yield paragraph
        else:
            rows = []
            for cells in _rows(item, numbering):
                ordinal += 1
                rows.append(Row(cells, ordinal))
            if rows:
                yield Table(tuple(rows), rows[0].line)


def _paragraph(item: DocxParagraph, ordinal: int, numbering: Numbering) -> Paragraph:
    text = item.text.strip()
    depth, label = _list_item(item, numbering)
    if label and text:
        # A numbered item reads as the typed "1. ..." line of a text file would:
        # the number in the text, no bullet.
        return Paragraph(f"{label} {text}", ordinal, heading=_heading(item))
    return Paragraph(text, ordinal, heading=_heading(item), bullet=depth)


def _rows(table: DocxTable, numbering: Numbering) -> Iterator[tuple[str, ...]]:
    for row in table.rows:
        cells: list[str] = []
        skip = 0
        for cell in row.cells:
            # python-docx repeats a cell once per grid column it spans.
            if skip:
                skip -= 1
                continue
            skip = cell.grid_span - 1
            cells.append(_cell_text(cell, numbering))
        yield tuple(cells)


def _cell_text(cell: _Cell, numbering: Numbering) -> str:
    lines: list[str] = []
    for item in cell.iter_inner_content():
        if isinstance(item, DocxParagraph):
            text = item.text.strip()
            depth, label = _list_item(item, numbering)
            if text and depth is not None:
                text = f"{label or '•'} {text}"
        else:  # a table in a cell: its rows, one line each
            text = "\n".join(" ".join(cells) for cells in _rows(item, numbering))
        if text:
            lines.append(text)
    return "\n".join(lines)


def _heading(item: DocxParagraph) -> int | None:
    name = _style_name(item.style)
    if name.lower() in _TITLE_STYLES:
        return 1
    found = _HEADING_STYLE.match(name)
    if found:
        return int(found.group(2))
    level = _property(item, "w:outlineLvl")
    # Outline level 9 is Word's "body text".
    if level is not None and level.get(qn("w:val"), "9").isdigit():
        value = int(level.get(qn("w:val"), "9"))
        return value + 1 if value < 9 else None
    return None


def _list_item(item: DocxParagraph, numbering: Numbering) -> tuple[int | None, str]:
    """The list depth of *item* (None when it is no list item) and its number label
    ("3.", "b)"; "" for a bullet)."""
    num_pr = _property(item, "w:numPr")
    if num_pr is None:
        found = _LIST_STYLE.match(_style_name(item.style))
        return (int(found.group(3) or 1), "") if found else (None, "")
    num_id = _int_child(num_pr, "w:numId")
    if num_id == 0:  # numbering switched off for this paragraph
        return None, ""
    ilvl = _int_child(num_pr, "w:ilvl") or 0
    found = _LIST_STYLE.match(_style_name(item.style))
    depth = max(ilvl + 1, int(found.group(3) or 1) if found else 1)
    return depth, numbering.label(num_id, ilvl) if num_id is not None else ""


def _property(item: DocxParagraph, tag: str) -> _Element | None:
    """The paragraph property *tag* set on *item* or inherited from its styles."""
    p_pr = item._p.pPr  # python-docx has no public accessor for numPr/outlineLvl
    found = p_pr.find(qn(tag)) if p_pr is not None else None
    style: ParagraphStyle | None = item.style
    while found is None and style is not None:
        style_p_pr = style.element.pPr
        found = style_p_pr.find(qn(tag)) if style_p_pr is not None else None
        style = style.base_style
    return found


def _int_child(element: _Element, tag: str) -> int | None:
    child = element.find(qn(tag))
    value = child.get(qn("w:val")) if child is not None else None
    return int(value) if value is not None and value.isdigit() else None


def _style_name(style: BaseStyle | None) -> str:
    return (style.name or "") if style is not None else ""
