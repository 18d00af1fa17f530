"""The fixture documents of fixtures.py written as DOCX, ODT and HTML files.

Written as a word processor would hold them: chapter headings in heading styles,
numbered goals and status items as automatically numbered lists (restarted at
1, continued after a paragraph), list fragments in cells as bullet paragraphs.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

import docx
import odfdo
from docx.text.paragraph import Paragraph as DocxParagraph

from planverk.importers.blocks import Paragraph, Table
from planverk.importers.layouts.outline import outline
from planverk.importers.lexicon import LEXICONS, detect_language
from planverk.importers.sources.text import text_to_blocks

_ITEM = re.compile(r"^(\d{1,2})\.\s+(\S.*)$")
_LIST = re.compile(r"<ul>(.*?)</ul>", re.DOTALL)


@dataclass(frozen=True)
class Part:
    """One paragraph of the document or of a cell."""

    text: str
    heading: int | None = None  # heading level
    number: int | None = None  # its number in an automatically numbered list
    bullet: bool = False


Cells = list[list[Part]]


def parts(text: str) -> list[Part | list[Cells]]:
    """The fixture *text* as paragraphs and tables (a table: rows of cells of parts)."""
    blocks = text_to_blocks(text)
    code = detect_language(b.text for b in blocks if isinstance(b, Paragraph)) or "nb"
    headings = {c.line: c.depth for c in outline(blocks, LEXICONS[code]).chapters}
    found: list[Part | list[Cells]] = []
    for block in blocks:
        if isinstance(block, Table):
            found.append([[_cell(c) for c in row.cells] for row in block.rows])
        elif block.line in headings:
            found.append(Part(block.text, heading=headings[block.line]))
        elif item := _ITEM.match(block.text):
            found.append(Part(item[2], number=int(item[1])))
        else:
            found.append(Part(block.text))
    return found


def _cell(text: str) -> list[Part]:
    cell: list[Part] = []
    for line in text.split("\n"):
        at = 0
        for fragment in _LIST.finditer(line):
            cell.append(Part(line[at : fragment.start()].strip()))
            items = re.findall(r"<li>(.*?)</li>", fragment[1])
            cell.extend(Part(i, bullet=True) for i in items)
            if not items:
                cell.append(Part(fragment[1].strip()))
            at = fragment.end()
        cell.append(Part(line[at:].strip()))
    return [p for p in cell if p.text] or [Part("")]


def write_docx(text: str, path: Path) -> Path:
    document = docx.Document()
    for part in parts(text):
        if isinstance(part, list):
            _docx_table(document, part)
        elif part.heading:
            document.add_heading(part.text, level=part.heading)
        elif part.number:
            item = document.add_paragraph(part.text, style="List Number")
            if part.number == 1:
                restart_numbering(document, item)
        else:
            document.add_paragraph(part.text)
    document.save(str(path))
    return path


def restart_numbering(document: docx.document.Document, item: DocxParagraph) -> None:
    """Number *item* from 1 again, as Word does: a new list with a start override
    on the same definition."""
    numbering = document.part.numbering_part.element
    num = numbering.add_num(abstractNum_id=7)  # the default template's List Number
    override = num.add_lvlOverride(ilvl=0)
    override.add_startOverride(1)
    num_pr = item._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_numId().val = num.numId


def _docx_table(document: docx.document.Document, rows: list[Cells]) -> None:
    width = max(len(cells) for cells in rows)
    table = document.add_table(rows=len(rows), cols=width)
    for row, cells in zip(table.rows, rows, strict=True):
        for cell, content in zip(row.cells, cells, strict=False):
            cell.text = content[0].text
            for part in content[1:]:
                style = "List Bullet" if part.bullet else None
                cell.add_paragraph(part.text, style=style)


def write_odt(text: str, path: Path) -> Path:
    document = odfdo.Document("text")
    body = document.body
    body.clear()
    numbered: odfdo.List | None = None
    for part in parts(text):
        if isinstance(part, list):
            body.append(_odt_table(part))
        elif part.heading:
            body.append(odfdo.Header(part.heading, part.text))
        elif part.number:
            if numbered is None:
                numbered = odfdo.List(style="Numbering_20_1")
                if part.number > 1:  # numbering goes on after a paragraph
                    numbered.set_attribute("text:continue-numbering", "true")
                body.append(numbered)
            numbered.append(odfdo.ListItem(part.text))
            continue
        else:
            body.append(odfdo.Paragraph(part.text))
        numbered = None
    document.save(path)
    return path


def _odt_table(rows: list[Cells]) -> odfdo.Table:
    width = max(len(cells) for cells in rows)
    table = odfdo.Table("Tabell")
    for cells in rows:
        row = odfdo.Row()
        for content in cells + [[Part("")]] * (width - len(cells)):
            cell = odfdo.Cell()
            bullets: odfdo.List | None = None
            for part in content:
                if part.bullet:
                    if bullets is None:
                        bullets = odfdo.List(style="List_20_1")
                        cell.append(bullets)
                    bullets.append(odfdo.ListItem(part.text))
                else:
                    bullets = None
                    cell.append(odfdo.Paragraph(part.text))
            row.append(cell)
        table.append(row)
    return table


def write_html(text: str, path: Path) -> Path:
    lines = ["<!DOCTYPE html>", "<html><body>"]
    numbered = False
    for part in parts(text):
        if numbered and not (isinstance(part, Part) and part.number):
            lines.append("</ol>")
            numbered = False
        if isinstance(part, list):
            lines.append(_html_table(part))
        elif part.heading:
            level = min(part.heading + 1, 6)
            lines.append(f"<h{level}>{html.escape(part.text)}</h{level}>")
        elif part.number:
            if not numbered:
                lines.append(f'<ol start="{part.number}">')
                numbered = True
            lines.append(f"<li>{html.escape(part.text)}</li>")
        else:
            lines.append(f"<p>{html.escape(part.text)}</p>")
    lines.append("</ol></body></html>" if numbered else "</body></html>")
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def _html_table(rows: list[Cells]) -> str:
    return (
        "<table>\n"
        + "\n".join(
            "<tr>" + "".join(f"<td>{_html_cell(c)}</td>" for c in cells) + "</tr>"
            for cells in rows
        )
        + "\n</table>"
    )


def _html_cell(content: list[Part]) -> str:
    out = []
    for part in content:
        text = html.escape(part.text)
        out.append(f"<ul><li>{text}</li></ul>" if part.bullet else f"<p>{text}</p>")
    return "".join(out)
