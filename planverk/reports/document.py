"""The neutral document a report kind lays itself out into, for every document writer.

A ``Document`` is its front matter (title, organisation, facts) and a flat
run of blocks: headings, paragraphs, Markdown text, lists, tables, charts,
notes, facts and definitions. Each heading opens a part that runs to the
next heading of its level or above, so writers that nest (HTML sections)
derive the nesting from the levels. Levels start at 1, the parts under the
title; a writer maps them to its own (HTML's h2, ODF's Heading 1).

A table's cells are text (``str``), whole numbers (``int``), or one of the
cell types below; each writer shows them its own way (an HTML cell carries
the unit "kr", an ODF cell a typed number), with the digits always from
planverk/lib/numbers.py. Nothing here knows which report it is part of.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from markdown_it.token import Token

from planverk.lib.markdown import markdown_tokens
from planverk.reports.charts import Chart

# --- front matter --------------------------------------------------------------


@dataclass(frozen=True)
class Fact:
    """A labelled line of the front matter or a facts block: "Period: 2024–2027"."""

    label: str
    text: str
    date: dt.date | None = None  # the fact is this day (HTML marks it up as such)


@dataclass(frozen=True)
class Document:
    title: str  # of the report, the document's one top heading
    organization: str
    strategy: str  # the strategy's own title
    period: str
    language: str  # the strategy's, as it keeps it: "nb", "lt-LT"
    generated: dt.date
    facts: list[Fact]
    blocks: list[Block]
    contents: bool = False  # a contents list after the front matter

    @property
    def full_title(self) -> str:
        """What a document's metadata and a browser tab call it."""
        return f"{self.title} – {self.organization}"

    def headings(self) -> list[Heading]:
        return [b for b in self.blocks if isinstance(b, Heading)]


# --- blocks --------------------------------------------------------------------


@dataclass(frozen=True)
class Heading:
    text: str
    level: int
    anchor: str = ""  # a fixed name to link to; writers number the others
    toc: bool = True  # listed in the contents (levels 1 and 2 only)


@dataclass(frozen=True)
class Run:
    """A piece of a paragraph's text and how it is set."""

    text: str
    strong: bool = False
    emphasis: bool = False
    code: bool = False
    href: str | None = None


ParagraphStyle = Literal["body", "lead", "quote", "code"]


@dataclass(frozen=True)
class Paragraph:
    runs: tuple[Run, ...]
    style: ParagraphStyle = "body"

    @classmethod
    def of(cls, text: str, style: ParagraphStyle = "body") -> Paragraph:
        return cls((Run(text),), style)

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclass(frozen=True)
class BulletList:
    items: list[list[Block]]  # each item's blocks
    ordered: bool = False

    @classmethod
    def of(cls, points: Sequence[str]) -> BulletList:
        return cls([[Paragraph.of(point)] for point in points])


@dataclass(frozen=True)
class Markdown:
    """The strategy's own text (CommonMark), below a heading of *level*."""

    text: str
    level: int

    def blocks(self) -> list[Block]:
        """The text as headings, paragraphs and lists: headings start one level
        below *level* and never skip a level on the way down, as on the pages."""
        return _MarkdownBlocks(self.level).read(self.text)


@dataclass(frozen=True)
class Amount:
    """An amount in kroner; *prefix* and *mark* are words or signs around it."""

    value: int | None
    prefix: str = ""
    mark: str = ""  # e.g. "*" pointing to a note under the table
    strong: bool = False


@dataclass(frozen=True)
class Level:
    """A goal's level in words, which the reports' colours go with (never alone)."""

    level: str  # AssessmentLevel's value; "" for none
    label: str
    confirmed: bool = True


@dataclass(frozen=True)
class Points:
    """A cell's text followed by its sub-points as a bulleted list."""

    text: str
    points: Sequence[str]


Cell = str | int | None | Amount | Level | Points


@dataclass(frozen=True)
class Column:
    label: str
    weight: float = 1  # share of the table's width
    numeric: bool = False  # right-aligned figures


@dataclass(frozen=True)
class Row:
    cells: Sequence[Cell]
    flag: str = ""  # a row that stands out, and why ("differs")


@dataclass(frozen=True)
class Table:
    """A table with a header row; the first cell of each row heads it."""

    name: str  # what it holds ("goals", "periods"), for styles and tests
    caption: str
    columns: Sequence[Column]
    rows: Sequence[Row]
    total: Row | None = None  # a sum row at the end


@dataclass(frozen=True)
class Figure:
    """A chart, described in words for readers who do not see it."""

    chart: Chart


@dataclass(frozen=True)
class Note:
    text: str


@dataclass(frozen=True)
class Facts:
    items: list[Fact]


@dataclass(frozen=True)
class Definitions:
    """Terms and what they mean (a glossary)."""

    items: list[tuple[str, str]]
    empty: str = ""  # what to say when there are none


Block = (
    Heading
    | Paragraph
    | BulletList
    | Markdown
    | Table
    | Figure
    | Note
    | Facts
    | Definitions
)


def rows(cells: Sequence[Sequence[Cell]]) -> list[Row]:
    return [Row(list(c)) for c in cells]


# --- Markdown --------------------------------------------------------------------

# Read as planverk/lib/markdown.py reads it for the pages: raw HTML is text, images
# are not fetched, a link that leads nowhere is only its text.


@dataclass
class _MarkdownBlocks:
    """The honest part of Markdown: paragraphs, lists, headings, quotes, code,
    emphasis and links."""

    level: int
    containers: list[list[Block]] = field(default_factory=list)
    quoted: int = 0
    headings: list[int] = field(default_factory=list)

    def read(self, text: str) -> list[Block]:
        tokens = markdown_tokens(text)
        shallowest = min(
            (int(t.tag[1:]) for t in tokens if t.type == "heading_open"), default=1
        )
        top: list[Block] = []
        self.containers = [top]
        lists: list[tuple[list[list[Block]], bool]] = []
        previous = self.level
        for index, token in enumerate(tokens):
            following = tokens[index + 1] if index + 1 < len(tokens) else None
            kind = token.type
            if kind == "heading_open" and following is not None:
                wanted = self.level + 1 + int(token.tag[1:]) - shallowest
                previous = max(self.level + 1, min(wanted, previous + 1))
                self.containers[-1].append(
                    Heading(following.content, previous, toc=False)
                )
            elif kind == "paragraph_open" and following is not None:
                style: ParagraphStyle = "quote" if self.quoted else "body"
                runs = _runs(following.children or [])
                self.containers[-1].append(Paragraph(runs, style))
            elif kind in ("bullet_list_open", "ordered_list_open"):
                lists.append(([], kind == "ordered_list_open"))
            elif kind == "list_item_open":
                item: list[Block] = []
                lists[-1][0].append(item)
                self.containers.append(item)
            elif kind == "list_item_close":
                self.containers.pop()
            elif kind in ("bullet_list_close", "ordered_list_close"):
                items, ordered = lists.pop()
                self.containers[-1].append(BulletList(items, ordered))
            elif kind == "blockquote_open":
                self.quoted += 1
            elif kind == "blockquote_close":
                self.quoted -= 1
            elif kind in ("fence", "code_block"):
                for line in token.content.rstrip("\n").split("\n"):
                    self.containers[-1].append(Paragraph.of(line, "code"))
        return top


def _runs(tokens: list[Token]) -> tuple[Run, ...]:
    runs: list[Run] = []
    bold = italic = 0
    link: str | None = None
    for token in tokens:
        kind = token.type
        if kind in ("strong_open", "strong_close"):
            bold += 1 if kind == "strong_open" else -1
        elif kind in ("em_open", "em_close"):
            italic += 1 if kind == "em_open" else -1
        elif kind == "link_open":
            link = str(token.attrs.get("href", ""))
        elif kind == "link_close":
            link = None
        elif kind in ("text", "code_inline", "softbreak", "hardbreak", "html_inline"):
            text = {"softbreak": " ", "hardbreak": "\n"}.get(kind, token.content)
            runs.append(
                Run(text, bool(bold), bool(italic), kind == "code_inline", link)
            )
    return tuple(runs)
