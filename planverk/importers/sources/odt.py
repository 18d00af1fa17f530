"""ODT → blocks, with odfdo: headings, paragraphs, lists and tables in document order.

Line numbers are ordinals, as for DOCX: each paragraph or heading outside a
table (empty ones too) and each table row counts one. Numbered lists are
numbered here, as the reader sees them ("1. ..."), like Word's in DOCX: the
numbers are not in the file's text, and the layouts pair goals by them.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

from odfdo import Document, Element

from planverk.importers.base import ParseError
from planverk.importers.blocks import Block, Paragraph, Row, Table, cell_text
from planverk.importers.sources.archive import unpacked
from planverk.importers.sources.numbering import format_number

# Parts of the body that hold no reading text: deleted text kept for change
# tracking, declarations, forms and a table of contents' template.
_SKIPPED = {
    "text:tracked-changes",
    "text:sequence-decls",
    "text:variable-decls",
    "text:user-field-decls",
    "office:forms",
    "text:table-of-content-source",
    "table:table-columns",
    "table:table-column",
    "table:table-header-columns",
}

# ODF's style:num-format values, as the Word names format_number() takes.
_FORMATS = {
    "a": "lowerLetter",
    "A": "upperLetter",
    "i": "lowerRoman",
    "I": "upperRoman",
}

_ROW_GROUPS = {"table:table-header-rows", "table:table-rows", "table:table-row-group"}


def odt_blocks(path: str, archive: zipfile.ZipFile) -> list[Block]:
    """The blocks of the ODT file *archive* (the checked content of *path*)."""
    package = unpacked(path, archive)
    try:
        document = Document(package)
        walker = _Walker(_numbered_levels(document))
        walker.walk(document.body, depth=0)
    except Exception as e:  # odfdo and lxml raise many kinds on damaged parts
        raise ParseError.coded(
            "odt_damaged", file=path, detail=f"{type(e).__name__}: {e}"
        ) from e
    return walker.blocks


@dataclass(frozen=True)
class _Level:
    """A numbered level of a list style: "1." is prefix "", format "1", suffix "."."""

    prefix: str
    fmt: str
    suffix: str
    start: int


def _numbered_levels(document: Document) -> dict[str, dict[int, _Level]]:
    """The numbered levels of each list style, by style name and level (1 = top)."""
    styles = document.get_styles("list") + document.get_styles("list", automatic=True)
    found: dict[str, dict[int, _Level]] = {}
    for style in styles:
        levels = found.setdefault(style.get_attribute_string("style:name") or "", {})
        for level in style.get_elements("text:list-level-style-number"):
            levels[level.get_attribute_integer("text:level") or 1] = _Level(
                level.get_attribute_string("style:num-prefix") or "",
                level.get_attribute_string("style:num-format") or "",
                level.get_attribute_string("style:num-suffix") or "",
                level.get_attribute_integer("text:start-value") or 1,
            )
    return found


class _Walker:
    """Collects blocks, counting paragraphs and rows, and list items, as it goes."""

    def __init__(self, levels: dict[str, dict[int, _Level]]) -> None:
        self.blocks: list[Block] = []
        self.ordinal = 0
        self.levels = levels
        self.counters: dict[int, int] = {}  # of the current numbered list, by level

    def walk(self, element: Element, depth: int, style: str = "") -> None:
        for child in element.children:
            tag = child.tag
            if tag in ("text:p", "text:h"):
                self._paragraph(child, depth)
            elif tag == "text:list":
                self._list(child, depth + 1, style)
            elif tag == "table:table":
                self._table(child)
            elif tag not in _SKIPPED:
                self.walk(child, depth, style)  # sections, index bodies, frames

    def _list(self, element: Element, depth: int, style: str) -> None:
        style = element.get_attribute_string("text:style-name") or style
        continues = element.get_attribute_string(
            "text:continue-numbering"
        ) == "true" or element.get_attribute("text:continue-list")
        if depth == 1 and not continues:
            self.counters.clear()
        level = self.levels.get(style, {}).get(depth)
        for item in element.children:
            label = self._label(item, depth, level) if level else ""
            first = len(self.blocks)
            self.walk(item, depth, style)
            if label and len(self.blocks) > first:
                block = self.blocks[first]
                assert isinstance(block, Paragraph)
                # A numbered item reads as the typed "1. ..." line of a text file would.
                self.blocks[first] = Paragraph(
                    f"{label} {block.text}", block.line, block.heading
                )

    def _label(self, item: Element, depth: int, level: _Level) -> str:
        start = item.get_attribute_integer("text:start-value")
        if start is not None:
            self.counters[depth] = start
        else:
            self.counters[depth] = self.counters.get(depth, level.start - 1) + 1
        for deeper in [d for d in self.counters if d > depth]:
            del self.counters[deeper]
        if not level.fmt:  # a level numbered with no number shown
            return ""
        return f"{level.prefix}{format_number(self.counters[depth], _FORMATS.get(level.fmt, 'decimal'))}{level.suffix}"

    def _paragraph(self, element: Element, depth: int) -> None:
        self.ordinal += 1
        text = element.text_recursive.strip()
        if not text:
            return
        heading = None
        if element.tag == "text:h":
            heading = element.get_attribute_integer("text:outline-level") or 1
        bullet = depth or None
        self.blocks.append(Paragraph(text, self.ordinal, heading, bullet))

    def _table(self, element: Element) -> None:
        rows = []
        for row in _rows(element):
            self.ordinal += 1
            cells = row.get_elements("table:table-cell|table:covered-table-cell")
            texts = tuple(_cell_text(c, self.levels) for c in cells)
            rows.append(Row(texts, self.ordinal))
        if rows:
            self.blocks.append(Table(tuple(rows), rows[0].line))


def _rows(element: Element) -> Iterator[Element]:
    """The rows of a table, also those inside header and row groups."""
    for child in element.children:
        if child.tag == "table:table-row":
            yield child
        elif child.tag in _ROW_GROUPS:
            yield from _rows(child)


def _cell_text(cell: Element, levels: dict[str, dict[int, _Level]]) -> str:
    walker = _Walker(levels)
    walker.walk(cell, depth=0)
    return cell_text(walker.blocks)
