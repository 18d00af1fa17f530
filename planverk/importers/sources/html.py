"""HTML → blocks, with BeautifulSoup and the standard library's html.parser.

Headings h1-h6, paragraphs and other block elements, list items with their
depth, and tables as rows of cells. Line numbers are the source lines of the
elements, which html.parser records. Items of an ordered list read as typed
numbered lines ("1. ..."), as Word's numbered lists do from DOCX.
"""

from __future__ import annotations

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import PreformattedString
from bs4.exceptions import ParserRejectedMarkup

from planverk.importers.base import ParseError
from planverk.importers.blocks import Block, Paragraph, Row, Table, cell_text

_SKIPPED = {
    "script",
    "style",
    "template",
    "noscript",
    "head",
    "svg",
    "math",
    "iframe",
    "object",
    "select",
    "textarea",
}
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_BLOCKS = {
    "address", "article", "aside", "blockquote", "body", "caption", "center",
    "dd", "details", "div", "dl", "dt", "fieldset", "figcaption", "figure",
    "footer", "form", "header", "hr", "html", "main", "nav", "p", "pre",
    "section", "summary",
}  # fmt: skip
_ROW_GROUPS = {"thead", "tbody", "tfoot"}


def html_blocks(path: str, text: str) -> list[Block]:
    """The blocks of the HTML document *text* (the content of *path*)."""
    try:
        soup = BeautifulSoup(text, "html.parser")
        walker = _Walker()
        walker.walk(soup, bullet=None)
        walker.flush(None)
    except RecursionError as e:
        raise ParseError.coded("html_too_deep", file=path) from e
    except (ParserRejectedMarkup, AssertionError) as e:  # html.parser gives up
        raise ParseError.coded("html_unparsable", file=path, detail=str(e)) from e
    return walker.blocks


class _Walker:
    """Collects blocks; running text gathers until a block boundary flushes it."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.pending: list[str] = []
        self.line = 1
        self.depth = 0  # of nested lists
        self.numbers: list[int | None] = []  # per open list: last number, None for <ul>

    def walk(self, node: Tag, bullet: int | None) -> None:
        for child in node.children:
            if isinstance(child, PreformattedString):
                continue  # comments, doctype, CDATA, processing instructions
            if isinstance(child, NavigableString):
                self._text(str(child), node)
            elif isinstance(child, Tag):
                self._element(child, bullet)

    def flush(self, bullet: int | None) -> None:
        text = " ".join("".join(self.pending).split())
        self.pending.clear()
        if text:
            self.blocks.append(Paragraph(text, self.line, bullet=bullet))

    def _text(self, text: str, parent: Tag) -> None:
        if not self.pending and not text.strip():
            return
        if not self.pending:
            self.line = parent.sourceline or 1
        self.pending.append(text)

    def _element(self, tag: Tag, bullet: int | None) -> None:
        name = tag.name.lower()
        if name in _SKIPPED:
            return
        if name in _HEADINGS:
            self.flush(bullet)
            text = " ".join(tag.get_text().split())
            if text:
                line = tag.sourceline or 1
                self.blocks.append(Paragraph(text, line, heading=_HEADINGS[name]))
        elif name in ("ul", "ol", "menu"):
            self.flush(bullet)
            self.depth += 1
            self.numbers.append(_start(tag) - 1 if name == "ol" else None)
            self.walk(tag, bullet)
            self.numbers.pop()
            self.depth -= 1
        elif name == "li":
            self.flush(bullet)
            self._item(tag)
        elif name == "table":
            self.flush(bullet)
            self._table(tag)
        elif name == "br" or name in _BLOCKS:
            self.flush(bullet)
            self.walk(tag, bullet)
            self.flush(bullet)
        else:  # inline: spans, links, emphasis
            self.walk(tag, bullet)

    def _item(self, li: Tag) -> None:
        last = self.numbers[-1] if self.numbers else None
        if last is None:
            self.walk(li, self.depth or 1)
            self.flush(self.depth or 1)
            return
        value = _integer(li.get("value"))
        number = last + 1 if value is None else value
        self.numbers[-1] = number
        if li.get_text(strip=True):
            self.line = li.sourceline or 1
            self.pending.append(f"{number}. ")
        self.walk(li, None)
        self.flush(None)

    def _table(self, table: Tag) -> None:
        rows = [
            Row(tuple(_cell_text(cell) for cell in _cells(tr)), tr.sourceline or 1)
            for tr in _rows(table)
        ]
        if rows:
            self.blocks.append(Table(tuple(rows), table.sourceline or 1))


def _start(ol: Tag) -> int:
    start = _integer(ol.get("start"))
    return 1 if start is None else start


def _integer(value: object) -> int | None:
    text = str(value).strip() if isinstance(value, str) else ""
    return int(text) if text.lstrip("-").isdigit() else None


def _rows(table: Tag) -> list[Tag]:
    rows = []
    for child in table.find_all(True, recursive=False):
        if child.name == "tr":
            rows.append(child)
        elif child.name in _ROW_GROUPS:
            rows.extend(child.find_all("tr", recursive=False))
    return rows


def _cells(tr: Tag) -> list[Tag]:
    return list(tr.find_all(("td", "th"), recursive=False))


def _cell_text(cell: Tag) -> str:
    walker = _Walker()
    walker.walk(cell, bullet=None)
    walker.flush(None)
    return cell_text(walker.blocks)
