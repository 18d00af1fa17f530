"""Pieces both layouts build alike: the empty document, front matter, text of chapters."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from planverk.importers.blocks import Block, Paragraph, Table
from planverk.importers.layouts.numbers import year_span
from planverk.importers.layouts.outline import Chapter
from planverk.importers.layouts.report import Report, Unreadable
from planverk.importers.lexicon import Lexicon, heading_pattern
from planverk.importers.messages import clipped


def empty_document(
    title: str, language: str, period: tuple[int, int]
) -> dict[str, Any]:
    strategy: dict[str, Any] = {
        "title": title,
        "language": language,
        "period": {"start": period[0], "end": period[1]},
        "version": None,
        "vision": None,
        "state": "draft",
        "framework": None,
    }
    for key in ("sections", "units", "revisions", "glossary", "themes"):
        strategy[key] = []
    for key in ("goal_assessments", "action_plan", "budget_totals"):
        strategy[key] = []
    organization = {"name": title, "kind": "other", "country": "NO", "code": None}
    return {"format": "planverk/1", "organization": organization, "strategy": strategy}


def from_front_matter(
    blocks: Sequence[Block], front: Sequence[Block], lexicon: Lexicon
) -> dict[str, Any]:
    """The empty document with what the front matter gives: title, period, owner, version."""
    title, period = title_and_period(front)
    document = empty_document(title, lexicon.code, period)
    document["organization"] = organization(blocks, lexicon) or document["organization"]
    document["strategy"]["version"] = version(front, lexicon)
    return document


def title_and_period(front: Sequence[Block]) -> tuple[str, tuple[int, int]]:
    """The first paragraph naming a year span is the title; it gives the period."""
    for block in front:
        if isinstance(block, Paragraph):
            span = year_span(block.text)
            if span and span[1] >= span[0]:
                return block.text, span
    line = front[0].line if front else None
    raise Unreadable("no_title", line)


def organization(blocks: Sequence[Block], lexicon: Lexicon) -> dict[str, Any] | None:
    """The owner named near the top: "SØR-TRØNDELAG FYLKESKOMMUNE", "Sorumo savivaldybės …"."""
    words = {**{w: w for w in lexicon.organization}, **lexicon.organization_base}
    pattern = re.compile(
        r"^(.*?\b("
        + "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
        + r"))\b",
        re.IGNORECASE,
    )
    paragraphs = [b for b in blocks if isinstance(b, Paragraph)]
    for block in paragraphs[:15]:
        found = pattern.match(block.text)
        if found and len(found[1]) <= 60:
            base = words[found[2].casefold()]
            name = _as_written(found[1], paragraphs)
            if (
                found[2].casefold() != base
            ):  # "Sorumo savivaldybės …" names "Sorumo savivaldybė"
                name = name[: -len(found[2])] + base
            kind = lexicon.organization[base]
            return {"name": name, "kind": kind, "country": "NO", "code": None}
    return None


def _as_written(name: str, paragraphs: Sequence[Paragraph]) -> str:
    """A name set in capitals on the cover, in the case the text writes it elsewhere."""
    if not name.isupper():
        return name
    for block in paragraphs:
        at = block.text.casefold().find(name.casefold())
        if at >= 0 and not block.text[at : at + len(name)].isupper():
            return block.text[at : at + len(name)]
    return name.title()


def version(blocks: Iterable[Block], lexicon: Lexicon) -> str | None:
    pattern = re.compile(
        heading_pattern(lexicon.version).pattern + r"\s*(\S+)", re.IGNORECASE
    )
    for block in blocks:
        if isinstance(block, Paragraph):
            found = pattern.match(block.text)
            if found:
                return found[1]
    return None


def markdown(blocks: Iterable[Block], report: Report, consumed: set[int]) -> str:
    """Paragraphs as Markdown; tables nobody consumed are reported row by row."""
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            lines.append(
                ("  " * (block.bullet - 1) + "- " if block.bullet else "") + block.text
            )
        elif id(block) not in consumed:
            unparsed_rows(block, report, "outside_structure")
    return "\n\n".join(lines)


def front_sections(
    front: Sequence[Block], report: Report, consumed: set[int]
) -> list[dict[str, Any]]:
    """The text before the first chapter as an unnumbered section; none without any."""
    if not front:
        return []
    text = markdown(front, report, consumed)
    return [{"number": None, "title": first_text(front), "text": text}]


def unparsed_rows(table: Table, report: Report, reason: str) -> None:
    """A warning for each row of *table*, which was not placed for *reason*
    (importers/messages.py ROW_REASONS)."""
    for row in table.rows:
        cells = " | ".join(c for c in row.cells if c)
        report.warn(
            "unparsed_table_row", row.line, reason=reason, row=clipped(cells, 120)
        )


def chapter_text(
    chapter: Chapter, children: Sequence[Chapter], report: Report, consumed: set[int]
) -> str:
    """A chapter's own text, with its sub-chapters as Markdown sub-headings."""
    parts = [markdown(chapter.body, report, consumed)]
    for child in children:
        hashes = "#" * min(child.depth + 1, 6)
        number = f"{child.number} " if child.number else ""
        parts.append(f"{hashes} {number}{child.title}")
        parts.append(markdown(child.body, report, consumed))
    return "\n\n".join(part for part in parts if part)


def children_of(chapters: Sequence[Chapter], index: int) -> list[Chapter]:
    """The chapters after *chapters[index]* that sit under it (deeper or unnumbered)."""
    parent = chapters[index]
    found = []
    for chapter in chapters[index + 1 :]:
        if chapter.number and chapter.depth <= parent.depth:
            break
        found.append(chapter)
    return found


def flatten(chapter: Chapter, children: Sequence[Chapter]) -> list[Block]:
    """The chapter's blocks with its sub-chapters' headings put back as paragraphs."""
    blocks = list(chapter.body)
    for child in children:
        number = f"{child.number} " if child.number else ""
        blocks.append(Paragraph(number + child.title, child.line))
        blocks.extend(child.body)
    return blocks


def first_text(blocks: Sequence[Block]) -> str:
    """The first paragraph's text: the title of a document's front matter."""
    return next((b.text for b in blocks if isinstance(b, Paragraph)), "—")
