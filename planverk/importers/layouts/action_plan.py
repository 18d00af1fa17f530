"""Action-plan layout: decision log, priority areas as themes, funded measures, agenda progress.

The municipality's shape: a table of who reviewed or decided what and when,
chapters of priority areas, operating and investment tables with amounts and
stated totals, and a table of the national agenda's goals with progress notes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from planverk.importers.blocks import Block, Paragraph, Row, Table
from planverk.importers.layouts import document as doc
from planverk.importers.layouts.assessments import assess, deadline_of
from planverk.importers.layouts.cells import plain, text_and_items
from planverk.importers.layouts.dates import find_dates, month_of
from planverk.importers.layouts.numbers import amount_nok, year_span
from planverk.importers.layouts.outline import Chapter, outline, table_after
from planverk.importers.layouts.report import Report
from planverk.importers.lexicon import Lexicon, any_word, heading_pattern
from planverk.importers.matching import Assessed, AssessedArea
from planverk.importers.messages import clipped

NAME = "action-plan"
_ITEM_NUMBER = re.compile(r"^(\d{1,3})\.\s*(.*)$", re.DOTALL)
_BULLET_CELL = re.compile(r"^[●•▪\-]?$")


def recognise(blocks: Sequence[Block], lexicon: Lexicon) -> float:
    marks = heading_pattern(
        lexicon.decision_log + lexicon.operating + lexicon.investment
    )
    progress = any_word(lexicon.progress)
    score = sum(isinstance(b, Paragraph) and bool(marks.match(b.text)) for b in blocks)
    score += sum(
        isinstance(b, Table) and bool(progress.search(" ".join(b.rows[0].cells)))
        for b in blocks
    )
    return float(score)


def read(blocks: Sequence[Block], lexicon: Lexicon, report: Report) -> dict[str, Any]:
    shape = outline(blocks, lexicon)
    document = doc.from_front_matter(blocks, shape.front, lexicon)
    strategy = document["strategy"]
    consumed: set[int] = set()
    strategy["revisions"] = _revisions(shape.front, lexicon, report, consumed)
    chapters = shape.chapters
    themes = _theme_chapters(chapters, lexicon)
    period = strategy["period"]["start"], strategy["period"]["end"]
    for chapter in chapters:
        _funded(chapter, period, lexicon, report, consumed, strategy)
    areas = _progress(chapters, lexicon, report, consumed)
    assess(areas, lexicon, report, strategy)
    strategy["themes"] = [_theme(chapters, i, report, consumed) for i in themes]
    strategy["sections"] = _sections(shape.front, chapters, themes, report, consumed)
    return document


def _revisions(
    front: Sequence[Block], lexicon: Lexicon, report: Report, consumed: set[int]
) -> list[dict[str, Any]]:
    table = table_after(front, heading_pattern(lexicon.decision_log))
    if table is None:
        return []
    consumed.add(id(table))
    return [rev for row in table.rows for rev in _revision_rows(row, lexicon, report)]


def _revision_rows(row: Row, lexicon: Lexicon, report: Report) -> list[dict[str, Any]]:
    """One revision per date in the row ("2006.08.24 ir 12.10.06" gives two)."""
    body, note = _body_and_note(row.cells[0], lexicon)
    when = " ".join(row.cells[1:])
    dates = find_dates(when)
    if not dates:
        if find_dates(" ".join(row.cells)) or (
            row.line > 0 and not re.search(r"\d", when)
        ):
            return []  # the header row
        report.warn(
            "unparsed_table_row",
            row.line,
            reason="decision_without_date",
            row=" | ".join(row.cells),
        )
        return []
    if not body:
        report.warn(
            "unparsed_table_row", row.line, reason="decision_without_body", row=when
        )
        return []
    reference = _reference(when, lexicon)
    return [
        {"body": body, "date": iso, "reference": reference, "note": note}
        for _, iso in dates
    ]


def _body_and_note(cell: str, lexicon: Lexicon) -> tuple[str, str | None]:
    found = re.search(
        r"[,\s]+(" + "|".join(map(re.escape, lexicon.comment)) + r")\s*$",
        cell,
        re.IGNORECASE,
    )
    if found:
        return cell[: found.start()].strip(), found[1]
    return cell.strip(), None


def _reference(text: str, lexicon: Lexicon) -> str | None:
    words = "|".join(map(re.escape, lexicon.reference))
    found = re.search(rf"(?:{words})\s*(\S+)", text)
    return found[1] if found else None


def _theme_chapters(chapters: Sequence[Chapter], lexicon: Lexicon) -> list[int]:
    heading = heading_pattern(lexicon.priorities)
    parents = [c for c in chapters if c.depth == 1 and heading.match(c.title)]
    return [
        i
        for i, c in enumerate(chapters)
        if c.number
        and c.depth == 2
        and any(c.number.startswith(f"{p.number}.") for p in parents)
    ]


def _theme(
    chapters: Sequence[Chapter], index: int, report: Report, consumed: set[int]
) -> dict[str, Any]:
    chapter = chapters[index]
    text = doc.chapter_text(chapter, doc.children_of(chapters, index), report, consumed)
    return {
        "number": chapter.number,
        "title": chapter.title,
        "text": text or None,
        "framework_area": None,
        "measures": [],
    }


def _sections(
    front: Sequence[Block],
    chapters: Sequence[Chapter],
    themes: list[int],
    report: Report,
    consumed: set[int],
) -> list[dict[str, Any]]:
    in_themes = {
        i
        for t in themes
        for i in [t, *(chapters.index(c) for c in doc.children_of(chapters, t))]
    }
    sections = doc.front_sections(front, report, consumed)
    for index, chapter in enumerate(chapters):
        if chapter.depth != 1:
            continue
        children = [
            c
            for c in doc.children_of(chapters, index)
            if chapters.index(c) not in in_themes
        ]
        text = doc.chapter_text(chapter, children, report, consumed)
        sections.append(
            {"number": chapter.number, "title": chapter.title, "text": text}
        )
    return sections


def _funded(
    chapter: Chapter,
    period: tuple[int, int],
    lexicon: Lexicon,
    report: Report,
    consumed: set[int],
    strategy: dict[str, Any],
) -> None:
    """The operating or investment tables under *chapter*, as action items and totals."""
    if heading_pattern(lexicon.investment).match(chapter.title):
        category = "investment"
    elif heading_pattern(lexicon.operating).match(chapter.title):
        category = "operating"
    else:
        return
    start, end = year_span(chapter.title) or period
    years = {"start": start, "end": end}
    for table in (b for b in chapter.body if isinstance(b, Table)):
        consumed.add(id(table))
        _funded_table(table, category, years, lexicon, report, strategy)


def _funded_table(
    table: Table,
    category: str,
    years: dict[str, int],
    lexicon: Lexicon,
    report: Report,
    strategy: dict[str, Any],
) -> None:
    totals = any_word(lexicon.totals)
    remarks_column = any(
        any_word(lexicon.remarks).search(c) for c in table.rows[0].cells
    )
    stated: int | None = None
    stated_line = table.line
    items = []
    for row in table.rows:
        cells = [c for c in row.cells if c]
        if not cells:
            continue
        if totals.fullmatch(cells[0].strip()):
            stated, stated_line = amount_nok(" ".join(cells[1:]), lexicon), row.line
        elif _ITEM_NUMBER.match(cells[0]):
            items.append(_action_item(cells, category, years, lexicon, remarks_column))
        elif row is not table.rows[0]:
            report.warn(
                "unparsed_table_row",
                row.line,
                reason="action_item_without_number",
                row=clipped(" | ".join(cells), 120),
            )
    strategy["action_plan"].extend(items)
    amounts = [i["amount_nok"] for i in items if i["amount_nok"] is not None]
    if amounts or stated is not None:
        computed = sum(amounts)
        strategy["budget_totals"].append(
            {
                "category": category,
                "years": years,
                "stated_nok": stated,
                "computed_nok": computed,
            }
        )
        if stated is not None and stated != computed:
            report.warn(
                "total_mismatch",
                stated_line,
                category=category,
                stated=stated,
                computed=computed,
            )


def _action_item(
    cells: list[str],
    category: str,
    years: dict[str, int],
    lexicon: Lexicon,
    remarks_column: bool,
) -> dict[str, Any]:
    found = _ITEM_NUMBER.match(cells[0])
    assert found is not None
    number, title = found[1], found[2]
    rest = cells[1:]
    if not title and rest:
        title, rest = rest[0], rest[1:]
    text, items = text_and_items(title, dash_items=True)
    money = " ".join(rest)
    amount = amount_nok(money, lexicon)
    funding = (
        money
        if amount is None
        and any_word(lexicon.funding).search(money)
        and not remarks_column
        else None
    )
    remarks = money if amount is None and funding is None and money else None
    return {
        "number": number,
        "title": text or plain(title),
        "items": items,
        "category": category,
        "years": dict(years),
        "amount_nok": amount,
        "funding": funding,
        "remarks": remarks,
    }


def _progress(
    chapters: Sequence[Chapter], lexicon: Lexicon, report: Report, consumed: set[int]
) -> list[AssessedArea]:
    progress = any_word(lexicon.progress)
    for chapter in chapters:
        for table in (b for b in chapter.body if isinstance(b, Table)):
            if progress.search(" ".join(table.rows[0].cells)):
                consumed.add(id(table))
                return _progress_table(table, lexicon, report)
    return []


def _progress_table(
    table: Table, lexicon: Lexicon, report: Report
) -> list[AssessedArea]:
    as_of = month_of(table.rows[0].cells[-1], lexicon)
    areas: list[AssessedArea] = []
    for row in table.rows[1:]:
        cells = [*list(row.cells), "", "", ""]
        if cells[0] and not _BULLET_CELL.match(cells[0]) and not any(cells[1:]):
            areas.append(AssessedArea(cells[0], []))
        elif cells[1] and areas:
            areas[-1].goals.append(
                _assessed(areas[-1], cells, as_of, row.line, lexicon, report)
            )
        else:
            report.warn(
                "unparsed_table_row",
                row.line,
                reason="progress_outside_area",
                row=clipped(" | ".join(row.cells), 120),
            )
    for area in areas:
        if not area.goals:
            report.warn("area_without_goals", None, area=area.title)
    return areas


def _assessed(
    area: AssessedArea,
    cells: list[str],
    as_of: str | None,
    line: int,
    lexicon: Lexicon,
    report: Report,
) -> Assessed:
    goal = plain(cells[1])
    status = plain(cells[2]) or None
    assessment = {
        "area": area.title,
        "theme": None,
        "number": len(area.goals) + 1,
        "deadline": deadline_of(goal, lexicon, report, line),
        "goal": goal,
        "status": {
            "level": "unknown",
            "text": status,
            "as_of": as_of,
            "confirmed": False,
        },
    }
    return Assessed(assessment, line)
