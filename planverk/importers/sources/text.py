"""Plain text → blocks: lines become paragraphs, tab-separated lines become table rows.

Only structure is read here; what a heading or a row means is the layouts' job.
"""

from __future__ import annotations

import re

from planverk.importers.blocks import Block, Paragraph, Row, Table

# "- item", " - sub-item", "• item": the indent before the mark gives the depth.
_BULLET = re.compile(r"^(?P<indent>[ \u00a0]*)(?P<mark>[-•●▪◦])\s+(?P<text>\S.*)$")
# Markdown table rules ("--\t---\t--") are layout residue, not content.
_RULE_CELL = re.compile(r"^\s*:?-{2,}:?\s*$")


def text_to_blocks(text: str) -> list[Block]:
    """Split *text* into paragraphs and tables, keeping 1-based line numbers."""
    blocks: list[Block] = []
    rows: list[Row] = []
    after_blank = False
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip("\r\n")
        if not line.strip():
            after_blank = True
            continue
        if "\t" in line:
            _add_row(rows, _cells(line), number, after_blank)
        elif not _RULE_CELL.match(line):
            _close_table(blocks, rows)
            blocks.append(_paragraph(line, number))
        after_blank = False
    _close_table(blocks, rows)
    return blocks


def _cells(line: str) -> tuple[str, ...]:
    return tuple(cell.strip() for cell in line.split("\t"))


def _add_row(
    rows: list[Row], cells: tuple[str, ...], line: int, after_blank: bool
) -> None:
    if all(_RULE_CELL.match(cell) or not cell for cell in cells):
        return
    # After a page break a row's cells go on in a line whose first cell is empty.
    if rows and after_blank and not cells[0]:
        rows[-1] = _merge(rows[-1], cells)
    else:
        rows.append(Row(cells, line))


def _merge(row: Row, more: tuple[str, ...]) -> Row:
    width = max(len(row.cells), len(more))
    first = row.cells + ("",) * (width - len(row.cells))
    second = more + ("",) * (width - len(more))
    # Joined as paragraphs of a cell (the blocks convention): the layouts decide
    # whether a cell's paragraphs are running text, items or one wrapped name.
    cells = tuple(
        "\n".join(part for part in pair if part)
        for pair in zip(first, second, strict=True)
    )
    return Row(cells, row.line)


def _close_table(blocks: list[Block], rows: list[Row]) -> None:
    if rows:
        blocks.append(Table(tuple(rows), rows[0].line))
        rows.clear()


def _paragraph(line: str, number: int) -> Paragraph:
    bullet = _BULLET.match(line)
    if bullet:
        depth = 1 + len(bullet["indent"])
        return Paragraph(bullet["text"].strip(), number, bullet=depth)
    return Paragraph(line.strip(), number)
