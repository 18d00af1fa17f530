"""ODT → blocks, with odfdo: headings, paragraphs, lists and tables in document order.

Line numbers are ordinals, as for DOCX: each paragraph or heading outside a
table (empty ones too) and each table row counts one.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

from odfdo import Document, Element

from planverk.importers.base import ParseError
from planverk.importers.blocks import Block, Paragraph, Row, Table

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

_ROW_GROUPS = {"table:table-header-rows", "table:table-rows", "table:table-row-group"}


def odt_blocks(path: str, raw: bytes) -> list[Block]:
    """The blocks of the ODT file *raw* (the content of *path*)."""
    try:
        walker = _Walker()
        walker.walk(Document(io.BytesIO(raw)).body, depth=0)
    except Exception as e:  # odfdo and lxml raise many kinds on damaged parts
        raise ParseError(path, f"damaged ODT file ({type(e).__name__}: {e})") from e
    return walker.blocks


class _Walker:
    """Collects blocks, counting paragraphs and rows as it goes."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.ordinal = 0

    def walk(self, element: Element, depth: int) -> None:
        for child in element.children:
            tag = child.tag
            if tag in ("text:p", "text:h"):
                self._paragraph(child, depth)
            elif tag == "text:list":
                for item in child.children:
                    self.walk(item, depth + 1)
            elif tag == "table:table":
                self._table(child)
            elif tag not in _SKIPPED:
                self.walk(child, depth)  # sections, index bodies, frames

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
            rows.append(Row(tuple(_cell_text(c) for c in cells), self.ordinal))
        if rows:
            self.blocks.append(Table(tuple(rows), rows[0].line))


def _rows(element: Element) -> Iterator[Element]:
    """The rows of a table, also those inside header and row groups."""
    for child in element.children:
        if child.tag == "table:table-row":
            yield child
        elif child.tag in _ROW_GROUPS:
            yield from _rows(child)


def _cell_text(cell: Element) -> str:
    walker = _Walker()
    walker.walk(cell, depth=0)
    lines: list[str] = []
    for block in walker.blocks:
        if isinstance(block, Table):
            lines.extend(" ".join(row.cells) for row in block.rows)
        elif block.bullet:
            lines.append(f"• {block.text}")
        else:
            lines.append(block.text)
    return "\n".join(lines)
