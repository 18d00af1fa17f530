"""Chapters of a document: which paragraphs are numbered headings, and what lies under each.

A heading is recognised by the table of contents when there is one (titles
drift between contents and body, so numbers and similar titles both count),
by the reader's heading level, or by numbering on from the previous heading.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from planverk.importers.blocks import Block, Paragraph, Table
from planverk.importers.lexicon import Lexicon, heading_pattern

_NUMBERED = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*)\.?\s+(\S.*)$")
_PAGE = re.compile(r"^\d{1,3}$")


@dataclass
class Chapter:
    number: str | None
    title: str
    line: int
    body: list[Block] = field(default_factory=list)

    @property
    def depth(self) -> int:
        return self.number.count(".") + 1 if self.number else 0


@dataclass
class Outline:
    front: list[Block]
    chapters: list[Chapter]


def numbered(text: str) -> tuple[str, str] | None:
    """("2.1", "IKT saugumas") for "2.1 IKT saugumas", else None."""
    found = _NUMBERED.match(text)
    return (found[1], found[2].strip()) if found else None


@dataclass(frozen=True)
class _Entry:
    """A line of the table of contents; its matcher holds the casefolded title.

    SequenceMatcher indexes its second sequence once; each heading candidate
    then only sets the first, instead of re-indexing the entry per comparison.
    """

    number: str | None
    matcher: SequenceMatcher[str]


def outline(blocks: Sequence[Block], lexicon: Lexicon) -> Outline:
    contents = table_after(blocks, heading_pattern(lexicon.contents))
    entries = _entries(contents)
    front: list[Block] = []
    chapters: list[Chapter] = []
    for block in blocks:
        heading = (
            _heading(block, entries, chapters, lexicon)
            if block is not contents
            else None
        )
        if heading:
            chapters.append(heading)
        elif block is not contents:
            (chapters[-1].body if chapters else front).append(block)
    return Outline(front, chapters)


def table_after(blocks: Sequence[Block], heading: re.Pattern[str]) -> Table | None:
    """The first table right after a paragraph that *heading* matches."""
    for before, block in itertools.pairwise(blocks):
        if (
            isinstance(before, Paragraph)
            and heading.match(before.text)
            and isinstance(block, Table)
        ):
            return block
    return None


def _entries(contents: Table | None) -> list[_Entry]:
    if contents is None:
        return []
    entries: list[_Entry] = []
    for row in contents.rows:
        if len(row.cells) >= 2 and _PAGE.match(row.cells[-1]):
            text = row.cells[0].rstrip(". ")
            number, title = numbered(text) or (None, text)
            matcher = SequenceMatcher(None, "", title.casefold(), autojunk=False)
            entries.append(_Entry(number, matcher))
    return entries


def _heading(
    block: Block,
    entries: list[_Entry],
    chapters: list[Chapter],
    lexicon: Lexicon,
) -> Chapter | None:
    if not isinstance(block, Paragraph) or block.bullet or len(block.text) > 120:
        return None
    found = numbered(block.text)
    if found is None:
        return _unnumbered(block, entries)
    number, title = found
    previous = next((c.number for c in reversed(chapters) if c.number), None)
    if (
        _in_contents(number, title, entries)
        or block.heading
        or _follows(previous, number, title, lexicon)
    ):
        return Chapter(number, title.rstrip(":"), block.line)
    return None


def _unnumbered(block: Paragraph, entries: list[_Entry]) -> Chapter | None:
    text = block.text.rstrip(". :")
    folded = text.casefold()
    if any(e.number is None and _similar(folded, e, 0.9) for e in entries):
        return Chapter(None, text, block.line)
    return None


def _in_contents(number: str, title: str, entries: list[_Entry]) -> bool:
    folded = title.casefold()
    return any(
        _similar(folded, e, 0.6 if e.number == number else 0.75) for e in entries
    )


def _follows(previous: str | None, number: str, title: str, lexicon: Lexicon) -> bool:
    """Numbering that goes on from *previous* ("3" → "4" or "3.1"), on a short title."""
    ends = title.rstrip()
    if len(title) > 90 or (
        ends.endswith((".", ":")) and not ends.endswith(lexicon.year_suffix)
    ):
        return False
    if previous is None:
        return number == "1"
    parts = [int(p) for p in previous.split(".")]
    nexts = {".".join(map(str, [*parts[:i], parts[i] + 1])) for i in range(len(parts))}
    return number in nexts | {previous + ".1"}


def _similar(folded: str, entry: _Entry, threshold: float) -> bool:
    """Whether the casefolded *folded* is like *entry*'s title, by difflib's ratio."""
    m = entry.matcher
    m.set_seq1(folded)
    # The cheap upper bounds rule out most pairs before the quadratic ratio().
    return (
        m.real_quick_ratio() >= threshold
        and m.quick_ratio() >= threshold
        and m.ratio() >= threshold
    )
