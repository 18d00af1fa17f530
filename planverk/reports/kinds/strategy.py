"""The strategy document: the whole strategy regenerated from the data, with a contents list."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from planverk.lib.numbering import natural_key
from planverk.reports.charts import Chart, levels_chart
from planverk.reports.content import (
    AreaGoals,
    Budget,
    DecisionRow,
    Front,
    Goal,
    budget,
    by_area,
    decisions,
    front,
    goals,
    shown,
)
from planverk.reports.document import (
    Block,
    Column,
    Definitions,
    Document,
    Heading,
    Markdown,
    Paragraph,
    Points,
    Row,
    Table,
)
from planverk.reports.kinds import parts
from planverk.reports.kinds.base import Comparison, Kind
from planverk.strategies.models import Measure, MeasureUnit, Strategy
from planverk.strategies.querysets import Withheld
from planverk.strategies.templatetags.planverk import years

# --- the content ---------------------------------------------------------------------


@dataclass(frozen=True)
class MeasureRow:
    number: str
    objective: str
    description: str
    items: list[str]
    start: list[int]
    owners: list[str]


@dataclass(frozen=True)
class ThemeSection:
    number: str
    title: str
    text: str
    goals: list[Goal]
    measures: list[MeasureRow]


@dataclass(frozen=True)
class Chapter:
    """A narrative section, its text as the strategy keeps it (Markdown)."""

    number: str
    title: str
    text: str


@dataclass(frozen=True)
class StrategyReport:
    """The whole strategy, regenerated from the data."""

    front: Front
    chapters: list[Chapter]
    decisions: list[DecisionRow]
    themes: list[ThemeSection]
    other_goals: list[AreaGoals]  # goals no theme carries, by area
    areas: list[AreaGoals]  # every goal, by area: the level chart
    budget: Budget
    glossary: list[tuple[str, str]]


def strategy_report(strategy: Strategy, *, include_exempt: bool) -> StrategyReport:
    all_goals = goals(strategy, include_exempt)
    themes = shown(strategy.themes.all(), include_exempt)
    measures = Measure.objects.filter(theme__strategy=strategy).prefetch_related(
        Prefetch("measureunit_set", queryset=MeasureUnit.objects.select_related("unit"))
    )
    by_theme: dict[int, list[MeasureRow]] = {}
    for m in shown(measures, include_exempt):
        by_theme.setdefault(m.theme_id, []).append(_measure(m))
    numbers = {t.number for t in themes}
    return StrategyReport(
        front=front(strategy),
        chapters=[
            Chapter("", str(s), "")
            if s.is_withheld
            else Chapter(s.number, s.title, s.text)
            for s in shown(strategy.sections.all(), include_exempt)
        ],
        decisions=decisions(strategy, include_exempt),
        themes=[_theme(t, all_goals, by_theme) for t in themes],
        other_goals=by_area(g for g in all_goals if g.theme_number not in numbers),
        areas=by_area(all_goals),
        budget=budget(strategy, include_exempt),
        glossary=[(t.term, t.definition) for t in strategy.glossary.all()],
    )


def _theme(
    t: Any, all_goals: list[Goal], by_theme: dict[int, list[MeasureRow]]
) -> ThemeSection:
    if isinstance(t, Withheld):  # its goals and measures are withheld with it
        return ThemeSection(number="", title=str(t), text="", goals=[], measures=[])
    return ThemeSection(
        number=t.number,
        title=t.title,
        text=t.text,
        goals=[g for g in all_goals if g.theme_number == t.number],
        measures=by_theme.get(t.pk, []),
    )


def _measure(m: Any) -> MeasureRow:
    if isinstance(m, Withheld):
        return MeasureRow(m.number, m.short, "", [], [], [])
    return MeasureRow(
        number=m.number,
        objective=m.objective,
        description=m.description,
        items=list(m.items),
        start=list(m.start),
        owners=[unit.name for unit in m.owners],
    )


def read(
    strategy: Strategy, include_exempt: bool, comparison: Comparison
) -> StrategyReport:
    return strategy_report(strategy, include_exempt=include_exempt)


# --- the layout ----------------------------------------------------------------------


def document(report: StrategyReport, paged: bool) -> Document:
    """The strategy with its decisions, status, action plan and glossary.

    On screen the chapters and themes come in the order the strategy's
    numbering gives them (themes 2.1–2.9 within chapter 2); on paper (ODT,
    PDF/A) the themes come together under "Themes" after the chapters, as
    one part of the printed contents.
    """
    blocks = _decisions(report)
    blocks += _grouped(report) if paged else _in_reading_order(report)
    if report.other_goals:
        blocks += [
            Heading(_("National goals outside the themes"), 1, anchor="other-goals"),
            Paragraph.of(
                _(
                    "Goals of the national agenda that no theme of the strategy "
                    "takes up, with the organisation's status on each."
                )
            ),
            *parts.goals_by_area(report.other_goals, 2, toc=False),
        ]
    if report.areas:
        blocks.append(Heading(_("Status on the national goals"), 1, anchor="status"))
        blocks += parts.status(report.areas)
    blocks.append(Heading(_("Action plan and budget"), 1, anchor="budget"))
    blocks += parts.budget(report.budget, 2)
    blocks += [
        Heading(_("Glossary"), 1, anchor="glossary"),
        Definitions(report.glossary, empty=_("The strategy has no glossary.")),
    ]
    front = report.front
    return parts.document(front, front.title, blocks, strategy=True, contents=True)


def _decisions(report: StrategyReport) -> list[Block]:
    heading = Heading(_("Decision log"), 1, anchor="decisions")
    return [heading, *parts.decisions(report.decisions)]


def _grouped(report: StrategyReport) -> list[Block]:
    blocks: list[Block] = []
    for chapter in report.chapters:
        level = chapter.number.count(".") + 1 if chapter.number else 1
        blocks += _part(chapter, level)
    blocks.append(Heading(_("Themes"), 1, anchor="themes"))
    if not report.themes:
        blocks.append(Paragraph.of(_("No themes.")))
    for theme in report.themes:
        blocks += _part(theme, 2)
    return blocks


def _in_reading_order(report: StrategyReport) -> list[Block]:
    """Chapters and themes merged by number, each nested under the part whose
    number begins its own ("2.1" under "2"), to a depth of two."""
    blocks: list[Block] = []
    parent = ""
    for section in _document_order(report.chapters, report.themes):
        nested = bool(parent) and section.number.startswith(parent + ".")
        if not nested:
            parent = section.number
        blocks += _part(section, 2 if nested else 1)
    return blocks


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


def _part(section: Chapter | ThemeSection, level: int) -> list[Block]:
    """A chapter or a theme: its heading and text, and a theme's goals and measures."""
    heading = f"{section.number} {section.title}".strip()
    blocks: list[Block] = [Heading(heading, level), Markdown(section.text, level)]
    if not isinstance(section, ThemeSection):
        return blocks
    if section.goals:
        caption = _("National goals of theme %(theme)s") % {"theme": heading}
        blocks += [
            Heading(_("National goals"), level + 1, toc=False),
            parts.goal_table(section.goals, caption),
        ]
    if section.measures:
        blocks += [
            Heading(_("Measures"), level + 1, toc=False),
            _measures(section.measures, heading),
        ]
    return blocks


def _measures(measures: list[MeasureRow], theme: str) -> Table:
    """A theme's measures: objective, what will be done, when it starts, who proposed it."""
    return Table(
        "measures",
        _("Measures of theme %(theme)s") % {"theme": theme},
        [
            Column(_("No."), 0.8),
            Column(_("Objective"), 3.2),
            Column(_("What will be done"), 5),
            Column(_("Start"), 1.6),
            Column(_("Proposed by"), 2.4),
        ],
        [
            Row(
                [
                    m.number,
                    m.objective,
                    Points(m.description, m.items),
                    years(m.start) or "–",
                    ", ".join(m.owners) or "–",
                ]
            )
            for m in measures
        ],
    )


def chart(report: StrategyReport) -> Chart:
    return levels_chart(report.areas)


KIND = Kind(
    name="strategy",
    label=gettext_lazy("The strategy document"),
    description=gettext_lazy(
        "The whole strategy, regenerated from the data, with a contents list."
    ),
    content=StrategyReport,
    read=read,
    document=document,
    chart=chart,
)
