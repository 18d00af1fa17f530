"""What each report says, read once from the database as plain data.

Every format (HTML, PDF/A, ODT, ODS, XLSX, CSV, SVG) is written from these
objects, so a figure cannot differ between two formats of one report. What a
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

from django.db import models
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from planverk.strategies.choices import ActionCategory, AssessmentLevel
from planverk.strategies.models import (
    ActionItem,
    BudgetTotal,
    GoalAssessment,
    Measure,
    MeasureUnit,
    Strategy,
)
from planverk.strategies.models.budget import computed_total, covers
from planverk.strategies.permissions import reader
from planverk.strategies.querysets import Withheld, disclose

LEVELS = list(AssessmentLevel)


def years_text(start: int, end: int) -> str:
    return str(start) if start == end else f"{start}–{end}"


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


@dataclass(frozen=True)
class AreaGoals:
    """The goals of one national area, with how many stand at each level."""

    area: str
    goals: list[Goal]

    @property
    def counts(self) -> list[int]:
        """Goals per level, in AssessmentLevel's order."""
        return [sum(g.level == level for g in self.goals) for level in LEVELS]


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
class Decision:
    body: str
    date: str
    reference: str
    note: str


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


@dataclass(frozen=True)
class StrategyReport:
    """The whole strategy, regenerated from the data."""

    front: Front
    chapters: list[Chapter]
    decisions: list[Decision]
    themes: list[ThemeSection]
    other_goals: list[AreaGoals]  # goals no theme carries, by area
    areas: list[AreaGoals]  # every goal, by area: the level chart
    budget: Budget
    glossary: list[tuple[str, str]]


@dataclass(frozen=True)
class ProgressReport:
    """Status on the national agenda, area by area."""

    front: Front
    framework: str
    areas: list[AreaGoals]


@dataclass(frozen=True)
class BudgetReport:
    front: Front
    budget: Budget


# Levels in the order of progress; "not relevant" and "unknown" are off the scale.
PROGRESS = [
    AssessmentLevel.NOT_ACHIEVED,
    AssessmentLevel.IN_PROGRESS,
    AssessmentLevel.PARTIAL,
    AssessmentLevel.ACHIEVED,
]


class Direction(models.TextChoices):
    """Which way a goal's level moved, with the words every format uses."""

    UP = "up", _("Moved up")
    DOWN = "down", _("Moved down")
    SAME = "same", _("Unchanged")
    CHANGED = "changed", _("Changed (not comparable)")  # to or from off the scale
    NEW = "new", _("New goal")
    GONE = "gone", _("Goal removed")


@dataclass(frozen=True)
class Change:
    """One goal's level at two points, and which way it moved."""

    area: str
    number: int | None
    text: str
    before: str | None
    before_label: str
    after: str | None
    after_label: str

    @property
    def direction(self) -> str:
        if self.before is None:
            return Direction.NEW
        if self.after is None:
            return Direction.GONE
        if self.before == self.after:
            return Direction.SAME
        if self.before in PROGRESS and self.after in PROGRESS:
            up = PROGRESS.index(self.after) > PROGRESS.index(self.before)  # type: ignore[arg-type]
            return Direction.UP if up else Direction.DOWN
        return Direction.CHANGED


@dataclass(frozen=True)
class ChangesReport:
    front: Front
    before: str  # what was compared: a date or a version
    after: str
    changes: list[Change]

    def count(self, direction: str) -> int:
        return sum(c.direction == direction for c in self.changes)


Report = StrategyReport | ProgressReport | BudgetReport | ChangesReport


# --- reading ---------------------------------------------------------------


def _shown(parts: Any, include_exempt: bool) -> list[Any]:
    """*parts* as the reader may see them: each part, or its placeholder."""
    return disclose(parts.for_reader(reader(include_exempt)))


def _readable(parts: Any, include_exempt: bool) -> Any:
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
    assessments = _shown(strategy.goal_assessments.all(), include_exempt)
    return [_goal(a) for a in assessments]


def budget(strategy: Strategy, include_exempt: bool) -> Budget:
    rows = _shown(strategy.action_items.all(), include_exempt)
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


def strategy_report(strategy: Strategy, *, include_exempt: bool) -> StrategyReport:
    all_goals = goals(strategy, include_exempt)
    themes = _shown(strategy.themes.all(), include_exempt)
    measures = Measure.objects.filter(theme__strategy=strategy).prefetch_related(
        Prefetch("measureunit_set", queryset=MeasureUnit.objects.select_related("unit"))
    )
    by_theme: dict[int, list[MeasureRow]] = {}
    for m in _shown(measures, include_exempt):
        by_theme.setdefault(m.theme_id, []).append(_measure(m))
    numbers = {t.number for t in themes}
    return StrategyReport(
        front=front(strategy),
        chapters=[
            Chapter("", str(s), "")
            if s.is_withheld
            else Chapter(s.number, s.title, s.text)
            for s in _shown(strategy.sections.all(), include_exempt)
        ],
        decisions=[
            Decision(str(r), "", "", "")
            if r.is_withheld
            else Decision(r.body, r.date_text or "", r.reference, r.note)
            for r in _shown(strategy.decisions.all(), include_exempt)
        ],
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


def progress_report(strategy: Strategy, *, include_exempt: bool) -> ProgressReport:
    framework = strategy.framework
    return ProgressReport(
        front=front(strategy),
        framework=framework.name if framework else "",
        areas=by_area(goals(strategy, include_exempt)),
    )


def budget_report(strategy: Strategy, *, include_exempt: bool) -> BudgetReport:
    return BudgetReport(front=front(strategy), budget=budget(strategy, include_exempt))


def _key(a: GoalAssessment) -> tuple[object, ...]:
    """What makes two assessments the same goal: the agenda's goal, else area and number."""
    if a.framework_goal_id is not None:
        return ("goal", a.framework_goal_id)
    return ("text", a.area, a.number, a.goal_text if a.number is None else "")


def _changes(before: list[GoalAssessment], after: list[GoalAssessment]) -> list[Change]:
    """Every goal of either side, in the order of *after* and then the gone ones."""
    labels = dict(AssessmentLevel.choices)
    old = {_key(a): a for a in before}
    new = {_key(a): a for a in after}
    order = [*new, *(k for k in old if k not in new)]
    changes = []
    for key in order:
        a, b = old.get(key), new.get(key)
        shown = b or a
        assert shown is not None
        changes.append(
            Change(
                area=shown.area,
                number=shown.number,
                text=shown.goal_text,
                before=a.level if a else None,
                before_label=str(labels[a.level]) if a else "",
                after=b.level if b else None,
                after_label=str(labels[b.level]) if b else "",
            )
        )
    return changes


def _version_label(strategy: Strategy) -> str:
    version = f" v{strategy.version_label}" if strategy.version_label else ""
    period = years_text(strategy.period_start, strategy.period_end)
    return f"{strategy.title}{version} ({period}, {strategy.get_state_display()})"


def changes_between_versions(
    older: Strategy, newer: Strategy, *, include_exempt: bool
) -> ChangesReport:
    """Levels in two versions of an organisation's strategy, goal by goal."""
    return ChangesReport(
        front=front(newer),
        before=_version_label(older),
        after=_version_label(newer),
        changes=_changes(
            list(_readable(older.goal_assessments.all(), include_exempt)),
            list(_readable(newer.goal_assessments.all(), include_exempt)),
        ),
    )


def changes_between_dates(
    strategy: Strategy, first: dt.date, second: dt.date, *, include_exempt: bool
) -> ChangesReport:
    """Levels of one strategy's goals at the end of two days, from its history."""
    return ChangesReport(
        front=front(strategy),
        before=first.isoformat(),
        after=second.isoformat(),
        changes=_changes(
            _as_of(strategy, first, include_exempt),
            _as_of(strategy, second, include_exempt),
        ),
    )


def _as_of(
    strategy: Strategy, day: dt.date, include_exempt: bool
) -> list[GoalAssessment]:
    """The strategy's assessments as they stood at the end of *day*.

    Disclosure follows today's marks: a goal exempt now stays out of a report
    on any date, and one exempt then but not now is shown. A goal deleted since
    is shown only to readers who see exempt parts, as its marks are gone.
    """
    end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min)
    moment = timezone.make_aware(end)
    existing = strategy.goal_assessments.all()
    shown = set(_readable(existing, include_exempt).values_list("pk", flat=True))
    exists = set(existing.values_list("pk", flat=True))
    # The last historical row of each assessment before the moment, deleted ones left out.
    rows = GoalAssessment.history.filter(
        strategy_id=strategy.pk, history_date__lt=moment
    ).order_by("id", "history_date", "history_id")
    last: dict[int, GoalAssessment] = {}
    for row in rows:
        if row.history_type == "-":
            last.pop(row.id, None)
        else:
            last[row.id] = row.instance
    return sorted(
        (
            a
            for pk, a in last.items()
            if pk in shown or (include_exempt and pk not in exists)
        ),
        key=lambda a: a.position,
    )
