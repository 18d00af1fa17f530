"""The figures several reports share, read once from the database as plain data.

The front matter, the goals with their levels, the action plan with its
totals: each report kind (kinds/) reads its own content from these, and every
format (HTML, PDF/A, ODT, ODS, XLSX, CSV, SVG) is written from that content,
so a figure cannot differ between two formats of one report. What a
reader may see is decided by the one disclosure rule (strategies/querysets.py):
unless the caller says the reader sees exempt parts, each exempt part is
replaced by its placeholder, which says that it is withheld and why, and a
stated total that covers an exempt item is withheld too, so that no exempt
amount can be worked out by subtraction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext

from planverk.frameworks.models import goal_name_of
from planverk.lib.dates import DAY, date_text
from planverk.lib.numbers import years_text
from planverk.strategies.choices import ActionCategory, AssessmentLevel
from planverk.strategies.models import (
    ActionItem,
    BudgetTotal,
    GoalAssessment,
    Strategy,
)
from planverk.strategies.models.budget import computed_total, covers
from planverk.strategies.permissions import reader
from planverk.strategies.querysets import Withheld, disclose

LEVELS = list(AssessmentLevel)


@dataclass(frozen=True)
class Front:
    """The title page: whose strategy, which version, in which state."""

    organization: str
    title: str
    language: str
    period: str
    version: str
    state: str
    vision: str
    generated: dt.date


@dataclass(frozen=True)
class Goal:
    """One goal of the national agenda and the organisation's status on it."""

    area: str
    number: int | None
    text: str
    deadline: int | None
    level: str
    level_label: str
    confirmed: bool
    status: str
    as_of: str
    theme_number: str
    name: str = ""  # "National goal 7.2": frameworks.models.national_goal_name


@dataclass(frozen=True)
class AreaGoals:
    """The goals of one national area, with how many stand at each level."""

    area: str
    goals: list[Goal]

    @property
    def counts(self) -> list[int]:
        """Goals per level, in AssessmentLevel's order (a withheld goal at none)."""
        return [sum(g.level == level for g in self.goals) for level in LEVELS]

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True)
class DecisionRow:
    """One row of the decision log: who decided, when (as precise as the log is)."""

    body: str
    day: dt.date | None
    precision: str  # DatePrecision's value: "day", "month" or "year"
    reference: str
    note: str

    @property
    def date(self) -> str:
        """The date for people, in the active language: "16. januar 2010", "2010"."""
        return date_text(self.day, self.precision)


@dataclass(frozen=True)
class Item:
    """One action item of the action plan."""

    number: str
    title: str
    points: list[str]
    category: str
    category_label: str
    year_start: int
    year_end: int
    amount: int | None
    funding: str
    remarks: str

    @property
    def years(self) -> str:
        return years_text(self.year_start, self.year_end)


@dataclass(frozen=True)
class Total:
    """A total as the document states it, beside the sum of the items it covers.

    ``withheld``: the total covers an item exempt from public disclosure, so
    the stated total is not shown (``stated`` is None): beside the sum of the
    other items it would give the exempt amount away.
    """

    category: str
    category_label: str
    year_start: int
    year_end: int
    stated: int | None
    computed: int
    withheld: bool = False

    @property
    def years(self) -> str:
        return years_text(self.year_start, self.year_end)

    @property
    def difference(self) -> int | None:
        return None if self.stated is None else self.stated - self.computed

    @property
    def differs(self) -> bool:
        return bool(self.difference)

    @property
    def withheld_note(self) -> str:
        """What every format says under a withheld total."""
        return gettext(
            "%(category)s %(years)s: the total includes amounts exempt from public "
            "disclosure. The stated total is not shown, and the sum is of the "
            "public items only."
        ) % {"category": self.category_label, "years": self.years}


@dataclass(frozen=True)
class PeriodRow:
    """Amounts of the items planned for one period (a year, or a span of years)."""

    years: str
    amounts: list[int]  # per category, in ActionCategory's order

    @property
    def total(self) -> int:
        return sum(self.amounts)


@dataclass(frozen=True)
class Budget:
    items: list[Item]
    totals: list[Total]
    periods: list[PeriodRow]
    categories: list[tuple[str, str]] = field(
        default_factory=lambda: [(c.value, str(c.label)) for c in ActionCategory]
    )

    @property
    def category_sums(self) -> list[int]:
        return [
            sum(row.amounts[i] for row in self.periods)
            for i in range(len(self.categories))
        ]


# --- reading ---------------------------------------------------------------


def shown(parts: Any, include_exempt: bool) -> list[Any]:
    """*parts* as the reader may see them: each part, or its placeholder."""
    return disclose(parts.for_reader(reader(include_exempt)))


def readable(parts: Any, include_exempt: bool) -> Any:
    """Only the *parts* the reader may read in full: what figures count."""
    return parts.restrict(reader(include_exempt))


def front(strategy: Strategy) -> Front:
    return Front(
        organization=strategy.organization.name,
        title=strategy.title,
        language=strategy.language,
        period=years_text(strategy.period_start, strategy.period_end),
        version=strategy.version_label,
        state=str(strategy.get_state_display()),
        vision=strategy.vision,
        generated=dt.date.today(),
    )


def _goal(a: GoalAssessment | Withheld) -> Goal:
    if isinstance(a, Withheld):
        return Goal(
            name=goal_name_of(a),
            area=a.area,
            number=a.number,
            text=a.short,
            deadline=a.deadline,
            level="",  # counted at no level
            level_label="–",
            confirmed=True,
            status="",
            as_of="",
            theme_number=a.theme_number,
        )
    return Goal(
        name=goal_name_of(a),
        area=a.area,
        number=a.number,
        text=a.goal_text,
        deadline=a.deadline,
        level=a.level,
        level_label=str(a.get_level_display()),
        confirmed=a.level_confirmed,
        status=a.status_text,
        as_of=a.as_of,
        theme_number=a.theme_number,
    )


def by_area(goals: Iterable[Goal]) -> list[AreaGoals]:
    """*goals* grouped by area, areas in the order they first appear."""
    areas: dict[str, list[Goal]] = {}
    for goal in goals:
        areas.setdefault(goal.area, []).append(goal)
    return [AreaGoals(area, listed) for area, listed in areas.items()]


def goals(strategy: Strategy, include_exempt: bool) -> list[Goal]:
    assessments = strategy.goal_assessments.select_related("framework_goal__area")
    return [_goal(a) for a in shown(assessments, include_exempt)]


def decisions(strategy: Strategy, include_exempt: bool) -> list[DecisionRow]:
    """The decision log, a withheld decision as its placeholder's words."""
    return [
        DecisionRow(str(r), None, DAY, "", "")
        if r.is_withheld
        else DecisionRow(r.body, r.date, r.date_precision, r.reference, r.note)
        for r in shown(strategy.decisions.all(), include_exempt)
    ]


def budget(strategy: Strategy, include_exempt: bool) -> Budget:
    rows = shown(strategy.action_items.all(), include_exempt)
    items = [_item(r) for r in rows]
    return Budget(
        items=items,
        totals=[_total(t, rows) for t in strategy.budget_totals.all()],
        periods=_periods(items),
    )


def _item(r: ActionItem | Withheld) -> Item:
    if isinstance(r, Withheld):
        return Item(
            number=r.number,
            title=r.short,
            points=[],
            category=r.category,
            category_label=str(ActionCategory(r.category).label),
            year_start=r.year_start,
            year_end=r.year_end,
            amount=None,
            funding="",
            remarks="",
        )
    return Item(
        number=r.number,
        title=r.title,
        points=list(r.items),
        category=r.category,
        category_label=str(r.get_category_display()),
        year_start=r.year_start,
        year_end=r.year_end,
        amount=r.amount_nok,
        funding=r.funding,
        remarks=r.remarks,
    )


def _total(total: BudgetTotal, rows: list[Any]) -> Total:
    """*total* over the items the reader sees (*rows*, placeholders among them)."""
    span = (total.category, total.year_start, total.year_end)
    withheld = any(r.is_withheld and covers(*span, r) for r in rows)
    return Total(
        category=total.category,
        category_label=str(total.get_category_display()),
        year_start=total.year_start,
        year_end=total.year_end,
        stated=None if withheld else total.stated_nok,
        computed=computed_total(*span, (r for r in rows if not r.is_withheld)),
        withheld=withheld,
    )


def _periods(items: list[Item]) -> list[PeriodRow]:
    """Amounts per period and category, periods in time order."""
    spans: dict[tuple[int, int], list[int]] = {}
    categories = list(ActionCategory)
    for item in items:
        amounts = spans.setdefault(
            (item.year_start, item.year_end), [0] * len(categories)
        )
        amounts[categories.index(ActionCategory(item.category))] += item.amount or 0
    return [PeriodRow(years_text(*span), spans[span]) for span in sorted(spans)]
