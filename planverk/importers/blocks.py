"""The intermediate form every source reader produces and every layout parser reads.

Plain text, DOCX, ODT and HTML all become a flat list of blocks in document
order, so there is one parser per document layout, not one per file type.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of running text, a heading or a bullet."""

    text: str
    line: int  # 1-based line in the source (for DOCX/ODT/HTML: the paragraph's ordinal)
    heading: int | None = None  # heading level when the source marks one (1 = top)
    bullet: int | None = None  # list depth when the paragraph is a list item (1 = top)


@dataclass(frozen=True)
class Row:
    """One table row: its cells as plain text (bullets inside a cell kept as lines)."""

    cells: tuple[str, ...]
    line: int


@dataclass(frozen=True)
class Table:
    rows: tuple[Row, ...]
    line: int


Block = Paragraph | Table


def cell_text(blocks: list[Block]) -> str:
    """A table cell's blocks as its text: a line a paragraph, "• " before a list
    item, a nested table's rows one line each."""
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, Table):
            lines.extend(" ".join(row.cells) for row in block.rows)
        elif block.bullet:
            lines.append(f"• {block.text}")
        else:
            lines.append(block.text)
    return "\n".join(lines)
