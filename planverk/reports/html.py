"""Reports as one self-contained, accessible HTML document (also the PDF's source).

Call inside ``in_language(strategy)``: the labels come out in the active
language. Everything the document needs is inside it: styles inline, charts
inline as SVG, nothing fetched from elsewhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from planverk.lib.markdown import render_markdown
from planverk.lib.numbering import natural_key
from planverk.reports.charts import (
    LEVEL_COLORS,
    budget_chart,
    changes_chart,
    levels_chart,
)
from planverk.reports.content import (
    LEVELS,
    AreaGoals,
    Budget,
    BudgetReport,
    Change,
    ChangesReport,
    Chapter,
    Direction,
    ProgressReport,
    Report,
    StrategyReport,
    ThemeSection,
)


def to_html(report: Report) -> str:
    """*report* as a complete HTML5 document, labelled in the active language."""
    if isinstance(report, StrategyReport):
        template, context = "reports/strategy.html", _strategy(report)
    elif isinstance(report, ProgressReport):
        template, context = "reports/progress.html", _progress(report)
    elif isinstance(report, BudgetReport):
        template, context = "reports/budget.html", _budget_only(report)
    elif isinstance(report, ChangesReport):
        template, context = "reports/changes.html", _changes(report)
    else:
        raise TypeError(f"not a report: {type(report).__name__}")
    context |= {
        "front": report.front,
        "page_counter": page_counter(),
        "level_colors": [(level.value, LEVEL_COLORS[level]) for level in LEVELS],
    }
    return render_to_string(template, context)


def page_counter() -> SafeString:
    """CSS ``content`` for "Page 3 of 12" in the active language, for the PDF's footer."""
    text = _("Page %(number)s of %(total)s") % {"number": "\0", "total": "\1"}
    pieces = []
    for piece in re.split("([\0\1])", text):
        if piece == "\0":
            pieces.append("counter(page)")
        elif piece == "\1":
            pieces.append("counter(pages)")
        elif piece:
            pieces.append('"' + re.sub(r'[\\"<>]', _css_escape, piece) + '"')
    return mark_safe(" ".join(pieces))


def _css_escape(match: re.Match[str]) -> str:
    return f"\\{ord(match.group(0)):x} "


# --- the strategy ----------------------------------------------------------


@dataclass
class Part:
    """A chapter or a theme in the order the document has them, to a depth of two."""

    anchor: str
    number: str
    title: str
    level: int  # of its heading
    body: SafeString
    theme: ThemeSection | None
    children: list[Part] = field(default_factory=list)

    @property
    def heading(self) -> str:
        return f"{self.number} {self.title}".strip()


@dataclass(frozen=True)
class TocEntry:
    anchor: str
    heading: str
    children: list[TocEntry] = field(default_factory=list)


def _strategy(report: StrategyReport) -> dict[str, Any]:
    parts = _parts(report.chapters, report.themes)
    toc = [TocEntry("decisions", _("Decision log"))] if report.decisions else []
    toc += [
        TocEntry(
            p.anchor, p.heading, [TocEntry(c.anchor, c.heading) for c in p.children]
        )
        for p in parts
    ]
    if report.other_goals:
        toc.append(TocEntry("other-goals", _("National goals outside the themes")))
    if report.areas:
        toc.append(TocEntry("status", _("Status on the national goals")))
    if report.budget.items or report.budget.totals:
        toc.append(TocEntry("budget", _("Action plan and budget")))
    if report.glossary:
        toc.append(TocEntry("glossary", _("Glossary")))
    return {
        "report": report,
        "title": report.front.title,
        "parts": parts,
        "toc": toc,
        "status": _status(report.areas) if report.areas else None,
        "budget": _budget(report.budget),
    }


def _parts(chapters: list[Chapter], themes: list[ThemeSection]) -> list[Part]:
    top: list[Part] = []
    for i, section in enumerate(_document_order(chapters, themes), 1):
        parent = top[-1] if top else None
        nested = bool(
            parent and parent.number and section.number.startswith(parent.number + ".")
        )
        level = 3 if nested else 2
        theme = section if isinstance(section, ThemeSection) else None
        part = Part(
            anchor=f"part-{i}",
            number=section.number,
            title=section.title,
            level=level,
            body=render_markdown(section.text, top=level + 1),
            theme=theme,
        )
        if nested and parent:
            parent.children.append(part)
        else:
            top.append(part)
    return top


def _document_order(
    chapters: list[Chapter], themes: list[ThemeSection]
) -> list[Chapter | ThemeSection]:
    """Chapters and themes merged by number: themes 2.1–2.9 follow chapter 2.

    Each list keeps its own order. An unnumbered chapter before the first
    numbered one (a preface) opens the document; one after the last numbered
    one (an appendix) closes it, after every theme.
    """
    numbered = [i for i, c in enumerate(chapters) if c.number]
    last = numbered[-1] if numbered else -1
    order: list[Chapter | ThemeSection] = []
    waiting = list(themes)
    for i, chapter in enumerate(chapters):
        if chapter.number:
            key = natural_key(chapter.number)
            while waiting and natural_key(waiting[0].number) < key:
                order.append(waiting.pop(0))
        elif i > last and last >= 0:
            order += waiting
            waiting = []
        order.append(chapter)
    return order + waiting


# --- parts shared by several reports -----------------------------------------


@dataclass(frozen=True)
class StatusRow:
    area: str
    counts: list[int]

    @property
    def total(self) -> int:
        return sum(self.counts)


def _status(areas: list[AreaGoals]) -> dict[str, Any]:
    """Goals per area and level: a chart and the same figures as a table."""
    rows = [StatusRow(a.area, a.counts) for a in areas]
    return {
        "chart": levels_chart(areas),
        "levels": [str(level.label) for level in LEVELS],
        "rows": rows,
        "sums": [sum(r.counts[i] for r in rows) for i in range(len(LEVELS))],
        "total": sum(r.total for r in rows),
    }


def _budget(budget: Budget) -> dict[str, Any]:
    groups = [
        (label, [i for i in budget.items if i.category == value])
        for value, label in budget.categories
    ]
    return {
        "budget": budget,
        "chart": budget_chart(budget) if budget.periods else None,
        "groups": [(label, items) for label, items in groups if items],
        "sum": sum(budget.category_sums),
        "differs": [t for t in budget.totals if t.differs],
    }


# --- the other reports ---------------------------------------------------------


def _progress(report: ProgressReport) -> dict[str, Any]:
    return {
        "report": report,
        "title": _("Status on the national goals"),
        "status": _status(report.areas) if report.areas else None,
    }


def _budget_only(report: BudgetReport) -> dict[str, Any]:
    return {
        "report": report,
        "title": _("Action plan and budget"),
        "budget": _budget(report.budget),
    }


@dataclass(frozen=True)
class ChangeRow:
    change: Change
    direction: str  # in words


def _changes(report: ChangesReport) -> dict[str, Any]:
    by_area: dict[str, list[ChangeRow]] = {}
    for change in report.changes:
        row = ChangeRow(change, str(Direction(change.direction).label))
        by_area.setdefault(change.area, []).append(row)
    return {
        "report": report,
        "title": _("Changes in the goals' levels"),
        "counts": [(str(d.label), report.count(d)) for d in Direction],
        "chart": changes_chart(report),
        "areas": list(by_area.items()),
    }
