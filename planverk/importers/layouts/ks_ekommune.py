"""KS eKommune layout: numbered themes, each with national goals, status and measure tables.

Under a theme: "Mål eKommune 2012:" and the numbered goals, "Status:" and items
numbered like the goals, "Målsetting og tiltak:" and tables
"Nr | Mål | Tiltak | Forslag fra | Start", maybe under sub-headings.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from planverk.importers.blocks import Block, Paragraph, Row, Table
from planverk.importers.layouts import document as doc
from planverk.importers.layouts.assessments import assess, deadline_of
from planverk.importers.layouts.cells import plain, text_and_items
from planverk.importers.layouts.numbers import starts
from planverk.importers.layouts.outline import Chapter, numbered, outline, table_after
from planverk.importers.layouts.report import Report
from planverk.importers.layouts.units import UnitNames
from planverk.importers.lexicon import Lexicon, heading_pattern
from planverk.importers.matching import Assessed, AssessedArea
from planverk.importers.messages import clipped

NAME = "ks-ekommune"
_MEASURE_NUMBER = re.compile(r"^\d{1,2}(?:\.\d{1,2})+$")
_ROLES = ("number", "objective", "description", "proposed_by", "start")


def recognise(blocks: Sequence[Block], lexicon: Lexicon) -> float:
    goals = heading_pattern(lexicon.goals)
    headed = sum(isinstance(b, Paragraph) and bool(goals.match(b.text)) for b in blocks)
    tables = sum(
        isinstance(b, Table) and _columns(b.rows[0], lexicon) is not None
        for b in blocks
    )
    return float(headed + tables) if tables else 0.0


@dataclass
class _Theme:
    chapter: Chapter
    intro: list[Block] = field(default_factory=list)
    goals: list[tuple[int, str, int]] = field(
        default_factory=list
    )  # number, text, line
    statuses: list[tuple[int, str, int]] = field(default_factory=list)
    rows: list[tuple[Row, dict[str, int], str | None]] = field(default_factory=list)


def read(blocks: Sequence[Block], lexicon: Lexicon, report: Report) -> dict[str, Any]:
    shape = outline(blocks, lexicon)
    document = doc.from_front_matter(blocks, shape.front, lexicon)
    strategy = document["strategy"]
    consumed: set[int] = set()
    strategy["glossary"] = _glossary(blocks, lexicon, consumed)
    themes = [
        _theme(
            chapter, doc.children_of(shape.chapters, index), lexicon, report, consumed
        )
        for index, chapter in enumerate(shape.chapters)
        if _is_theme(chapter, doc.children_of(shape.chapters, index), lexicon)
    ]
    participants = _participants(blocks, lexicon)
    names = UnitNames(
        participants,
        (
            _cell(row, columns, "proposed_by")
            for t in themes
            for row, columns, _ in t.rows
        ),
    )
    strategy["sections"] = _sections(
        shape.chapters, themes, shape.front, report, consumed
    )
    strategy["vision"] = _vision(shape.chapters, lexicon)
    strategy["themes"] = [_theme_dict(t, names, report, lexicon) for t in themes]
    areas = [_assessed_area(t, lexicon, report) for t in themes]
    followed = assess(areas, lexicon, report, strategy)
    for index, fw_area in followed.items():
        strategy["themes"][index]["framework_area"] = fw_area["title"]
    units = participants + [
        u for t in strategy["themes"] for m in t["measures"] for u in m["proposed_by"]
    ]
    strategy["units"] = list(dict.fromkeys(units))
    return document


def _is_theme(chapter: Chapter, children: Sequence[Chapter], lexicon: Lexicon) -> bool:
    """A top chapter with a measure table, or with goals that carry deadlines."""
    if chapter.depth != 1:
        return False
    body = doc.flatten(chapter, children)
    if any(isinstance(b, Table) and _columns(b.rows[0], lexicon) for b in body):
        return True
    goals = heading_pattern(lexicon.goals)
    texts = [b.text for b in body if isinstance(b, Paragraph)]
    headed = [i for i, text in enumerate(texts) if goals.match(text)]
    return any(
        deadline_of(text, lexicon) for i in headed for text in texts[i + 1 : i + 3]
    )


def _theme(
    chapter: Chapter,
    children: Sequence[Chapter],
    lexicon: Lexicon,
    report: Report,
    consumed: set[int],
) -> _Theme:
    theme = _Theme(chapter)
    goals, status, measures = (
        heading_pattern(w) for w in (lexicon.goals, lexicon.status, lexicon.measures)
    )
    state, group = "intro", None
    body = doc.flatten(chapter, children)
    for index, block in enumerate(body):
        text = block.text if isinstance(block, Paragraph) else ""
        if text and (goals.match(text) or status.match(text) or measures.match(text)):
            state = (
                "goals"
                if goals.match(text)
                else "status"
                if status.match(text)
                else "measures"
            )
        elif isinstance(block, Table):
            group = _table(theme, block, group, lexicon, report, consumed, state)
        elif state in ("goals", "status"):
            _list_item(
                theme.goals if state == "goals" else theme.statuses,
                block,
                report,
                lexicon,
                state,
            )
        elif state == "measures" and _is_group(block, body[index + 1 : index + 2]):
            group = text.rstrip(":")
        else:
            theme.intro.append(block)
    return theme


def _is_group(block: Block, after: Sequence[Block]) -> bool:
    """A short line right above a measure table names a group of measures ("Kompetanseutvikling")."""
    return (
        isinstance(block, Paragraph)
        and not block.bullet
        and len(block.text) <= 60
        and bool(after)
        and isinstance(after[0], Table)
    )


def _list_item(
    items: list[tuple[int, str, int]],
    block: Block,
    report: Report,
    lexicon: Lexicon,
    state: str,
) -> None:
    assert isinstance(block, Paragraph)
    found = numbered(block.text)
    if found and found[0].isdigit():
        items.append((int(found[0]), found[1], block.line))
    elif (
        state == "goals" and deadline_of(block.text, lexicon) is not None
    ) or not items:
        items.append((len(items) + 1, block.text, block.line))
    else:
        number, text, line = items[-1]
        items[-1] = (number, f"{text} {block.text}", line)  # the item's text goes on


def _table(
    theme: _Theme,
    table: Table,
    group: str | None,
    lexicon: Lexicon,
    report: Report,
    consumed: set[int],
    state: str,
) -> str | None:
    consumed.add(id(table))
    columns = _columns(table.rows[0], lexicon)
    if state != "measures" or columns is None:
        doc.unparsed_rows(table, report, "not_measure_table")
        return group
    for row in table.rows[1:]:
        if _columns(row, lexicon):
            continue  # a header repeated after a page break
        if _MEASURE_NUMBER.match(
            row.cells[columns["number"]] if columns["number"] < len(row.cells) else ""
        ):
            theme.rows.append((row, columns, group))
        else:
            report.warn(
                "unparsed_table_row",
                row.line,
                reason="measure_without_number",
                row=clipped(" | ".join(c for c in row.cells if c), 120),
            )
    return group


def _columns(row: Row, lexicon: Lexicon) -> dict[str, int] | None:
    """Column index of each role when *row* is a measure table's header, else None."""
    found: dict[str, int] = {}
    for index, cell in enumerate(row.cells):
        for role in _ROLES:
            if cell.casefold().rstrip(".:") in {
                w.casefold().rstrip(".") for w in lexicon.columns[role]
            }:
                found.setdefault(role, index)
    return found if {"number", "objective", "description"} <= found.keys() else None


def _theme_dict(
    theme: _Theme, names: UnitNames, report: Report, lexicon: Lexicon
) -> dict[str, Any]:
    chapter = theme.chapter
    return {
        "number": chapter.number,
        "title": chapter.title,
        "text": doc.markdown(theme.intro, report, set()) or None,
        "framework_area": None,
        "measures": [
            _measure(row, columns, group, names, report)
            for row, columns, group in theme.rows
        ],
    }


def _measure(
    row: Row,
    columns: dict[str, int],
    group: str | None,
    names: UnitNames,
    report: Report,
) -> dict[str, Any]:
    def cell(role: str) -> str:
        return _cell(row, columns, role)

    description, items = text_and_items(cell("description"))
    start = starts(cell("start"))
    if not start:
        report.warn("measure_missing_start", row.line, measure=cell("number"))
    return {
        "number": cell("number"),
        "objective": plain(cell("objective")),
        "description": description,
        "items": items,
        "proposed_by": names.split(plain(cell("proposed_by"))),
        "start": start,
        "group": group,
    }


def _assessed_area(theme: _Theme, lexicon: Lexicon, report: Report) -> AssessedArea:
    statuses = {number: (text, line) for number, text, line in theme.statuses}
    goal_numbers = {number for number, _, _ in theme.goals}
    for number, text, line in theme.statuses:
        if number not in goal_numbers:
            report.warn(
                "status_without_goal",
                line,
                status=number,
                theme=theme.chapter.number,
                text=clipped(text, 80),
            )
    goals = []
    for number, text, line in theme.goals:
        status_text = statuses.get(number, (None, 0))[0]
        deadline = deadline_of(text, lexicon, report, line)
        assessment = {
            "area": theme.chapter.title,
            "theme": theme.chapter.number,
            "number": number,
            "deadline": deadline,
            "goal": text,
            "status": {
                "level": "unknown",
                "text": status_text,
                "as_of": None,
                "confirmed": False,
            },
        }
        goals.append(Assessed(assessment, line))
    return AssessedArea(theme.chapter.title, goals)


def _glossary(
    blocks: Sequence[Block], lexicon: Lexicon, consumed: set[int]
) -> list[dict[str, str]]:
    table = table_after(blocks, heading_pattern(lexicon.glossary))
    if table is None:
        return []
    consumed.add(id(table))
    return [
        {"term": r.cells[0], "definition": " ".join(r.cells[1:])}
        for r in table.rows
        if r.cells[0]
    ]


def _participants(blocks: Sequence[Block], lexicon: Lexicon) -> list[str]:
    """The units listed after the sentence that says the work was done with them."""
    phrase = re.compile("|".join(map(re.escape, lexicon.participants)), re.IGNORECASE)
    for before, block in itertools.pairwise(blocks):
        if (
            isinstance(before, Paragraph)
            and phrase.search(before.text)
            and isinstance(block, Paragraph)
        ):
            return [
                part.strip(" .") for part in block.text.split(",") if part.strip(" .")
            ]
    return []


def _vision(chapters: Sequence[Chapter], lexicon: Lexicon) -> str | None:
    pattern = heading_pattern(lexicon.vision)
    for chapter in chapters:
        if pattern.match(chapter.title):
            return next(
                (b.text for b in chapter.body if isinstance(b, Paragraph)), None
            )
    return None


def _sections(
    chapters: Sequence[Chapter],
    themes: Sequence[_Theme],
    front: Sequence[Block],
    report: Report,
    consumed: set[int],
) -> list[dict[str, Any]]:
    in_themes = {id(t.chapter) for t in themes}
    sections = doc.front_sections(front, report, consumed)
    for index, chapter in enumerate(chapters):
        if chapter.depth == 1 and id(chapter) not in in_themes:
            text = doc.chapter_text(
                chapter, doc.children_of(chapters, index), report, consumed
            )
            sections.append(
                {"number": chapter.number, "title": chapter.title, "text": text}
            )
    return sections


def _cell(row: Row, columns: dict[str, int], role: str) -> str:
    """The cell of *role*; "" where the column is missing or the row is short."""
    index = columns.get(role)
    return row.cells[index] if index is not None and index < len(row.cells) else ""
