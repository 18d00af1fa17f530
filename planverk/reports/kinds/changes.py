"""Status changes: every goal's level at two dates or in two versions, and which way it moved.

Against another version, the goals are matched by their stable keys and every
other part's changes follow, from the one comparison the diff page shows too
(strategies/comparison.py). Between two dates, the levels come from history.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from planverk.frameworks.models import FrameworkGoal, goal_name_of
from planverk.lib.dates import date_text
from planverk.reports.charts import Chart, changes_chart
from planverk.reports.content import Front, front, readable
from planverk.reports.document import (
    Amount,
    Block,
    Column,
    Document,
    Fact,
    Facts,
    Figure,
    Heading,
    Level,
    Note,
    Paragraph,
    Points,
    Row,
    Table,
)
from planverk.reports.kinds import parts
from planverk.reports.kinds.base import Comparison, Kind
from planverk.reports.sheets import Column as SheetColumn
from planverk.reports.sheets import Sheet, Value, Workbook
from planverk.strategies.choices import AssessmentLevel
from planverk.strategies.comparison import (
    HEADINGS,
    KINDS,
    BudgetChange,
    PartChange,
    Status,
    compare,
    signed_nok,
)
from planverk.strategies.comparison import Comparison as VersionComparison
from planverk.strategies.models import GoalAssessment, Strategy

# Levels in the order of progress; "not relevant" and "unknown" are off the scale.
PROGRESS = [
    AssessmentLevel.NOT_ACHIEVED,
    AssessmentLevel.IN_PROGRESS,
    AssessmentLevel.PARTIAL,
    AssessmentLevel.ACHIEVED,
]


class Direction(models.TextChoices):
    """Which way a goal's level moved, with the words every format uses."""

    UP = "up", gettext_lazy("Moved up")
    DOWN = "down", gettext_lazy("Moved down")
    SAME = "same", gettext_lazy("Unchanged")
    CHANGED = "changed", gettext_lazy("Changed (not comparable)")  # off the scale
    NEW = "new", gettext_lazy("New goal")
    GONE = "gone", gettext_lazy("Goal removed")


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
    name: str = ""  # "National goal 7.2": frameworks.models.national_goal_name

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
    parts: VersionComparison | None = None  # against another version: every part

    def count(self, direction: str) -> int:
        return sum(c.direction == direction for c in self.changes)

    def counts(self) -> list[tuple[str, int]]:
        """Goals per direction, every direction in its order, in words."""
        return [(str(d.label), self.count(d)) for d in Direction]


# --- reading ---------------------------------------------------------------------------


def _key(a: GoalAssessment) -> tuple[object, ...]:
    """What makes two assessments the same goal: the agenda's goal, else area and number."""
    if a.framework_goal_id is not None:
        return ("goal", a.framework_goal_id)
    return ("text", a.area, a.number, a.goal_text if a.number is None else "")


def _changes(before: list[GoalAssessment], after: list[GoalAssessment]) -> list[Change]:
    """Every goal of either side, in the order of *after* and then the gone ones."""
    labels = dict(AssessmentLevel.choices)
    _link_goals([*before, *after])
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
                name=goal_name_of(shown),
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


def _link_goals(assessments: list[GoalAssessment]) -> None:
    """Load each assessment's agenda goal, which names it, in one query: the
    assessments of a past day are rebuilt from history, without their goals."""
    wanted = {a.framework_goal_id for a in assessments} - {None}
    found = FrameworkGoal.objects.select_related("area").in_bulk(wanted)
    for a in assessments:
        goal = found.get(a.framework_goal_id)
        if goal is not None:  # else the key's goal is gone: named by area and number
            a.framework_goal = goal


def changes_between_versions(
    older: Strategy, newer: Strategy, *, include_exempt: bool
) -> ChangesReport:
    """Levels in two versions of an organisation's strategy, goal by goal (matched
    by key), and the changes to every other part."""
    comparison = compare(older, newer, include_exempt=include_exempt)
    return ChangesReport(
        front=front(comparison.newer),
        before=comparison.older.version_text(state=True),
        after=comparison.newer.version_text(state=True),
        changes=[
            _goal_change(c)
            for c in comparison.parts["goal"]
            if c.status != Status.WITHHELD  # a level the reader may not read
        ],
        parts=comparison,
    )


def _goal_change(change: PartChange) -> Change:
    labels = dict(AssessmentLevel.choices)
    before, after, goal = change.before, change.after, change.part
    return Change(
        name=change.name,
        area=goal.area,
        number=goal.number,
        text=goal.goal_text,
        before=before.level if before else None,
        before_label=str(labels[before.level]) if before else "",
        after=after.level if after else None,
        after_label=str(labels[after.level]) if after else "",
    )


def changes_between_dates(
    strategy: Strategy, first: dt.date, second: dt.date, *, include_exempt: bool
) -> ChangesReport:
    """Levels of one strategy's goals at the end of two days, from its history."""
    return ChangesReport(
        front=front(strategy),
        before=date_text(first),
        after=date_text(second),
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
    shown = set(readable(existing, include_exempt).values_list("pk", flat=True))
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


def read(
    strategy: Strategy, include_exempt: bool, comparison: Comparison
) -> ChangesReport:
    """Against another version (the older first), or between two dates: by
    default from the day the strategy was made to today, the earlier first."""
    if comparison.against is not None:
        older, newer = sorted(
            (comparison.against, strategy), key=lambda s: (s.created_at, s.pk)
        )
        return changes_between_versions(older, newer, include_exempt=include_exempt)
    first = comparison.first or strategy.created_at.date()
    second = comparison.second or dt.date.today()
    if first > second:
        first, second = second, first
    return changes_between_dates(strategy, first, second, include_exempt=include_exempt)


# --- the layout --------------------------------------------------------------------------


def document(report: ChangesReport, paged: bool) -> Document:
    blocks: list[Block] = [
        Heading(_("What was compared"), 1, anchor="compared"),
        Facts([Fact(_("Before"), report.before), Fact(_("After"), report.after)]),
        Paragraph.of(
            _(
                "A goal moves up or down on the scale from “Not achieved” through "
                "“In progress” and “Partially achieved” to “Achieved”. A change to "
                "or from “Not relevant” or “Unknown” is off that scale and counted "
                "as not comparable."
            )
        ),
        Heading(_("Goals per direction of change"), 1, anchor="directions"),
        Table(
            "counts",
            _("Goals per direction of change"),
            [Column(_("Change in level"), 4), Column(_("Number of goals"), 1.5, True)],
            [Row([label, n]) for label, n in report.counts()],
            total=Row([_("Total"), len(report.changes)]),
        ),
        Figure(changes_chart(report)),
        Heading(_("Goal by goal"), 1, anchor="goals"),
    ]
    by_area: dict[str, list[Change]] = {}
    for change in report.changes:
        by_area.setdefault(change.area, []).append(change)
    for area, changes in by_area.items():
        blocks += [Heading(area, 2, toc=False), _table(area, changes)]
    if not report.changes:
        blocks.append(Paragraph.of(_("No goals.")))
    if report.parts is not None:
        blocks += _part_blocks(report.parts)
    title = _("Changes in the goals' levels")
    return parts.document(report.front, title, blocks)


def _part_blocks(comparison: VersionComparison) -> list[Block]:
    """Every part that changed, kind by kind, and the action plan's sums."""
    blocks: list[Block] = [
        Heading(_("Changes to the parts"), 1, anchor="parts"),
        Paragraph.of(comparison.summary),
    ]
    for kind in KINDS:
        if changed := comparison.changed(kind):
            heading = str(HEADINGS[kind])
            blocks += [Heading(heading, 2), _parts_table(heading, changed)]
    blocks += [
        Heading(_("The action plan's sums"), 2),
        _budget_table(comparison.budget),
    ]
    if comparison.budget.withheld:
        # As the diff page says it under the sums.
        blocks.append(
            Note(
                _(
                    "An item exempt from public disclosure in either version is "
                    "counted in neither: the sums are of the other items."
                )
            )
        )
    return blocks


def _parts_table(caption: str, changed: list[PartChange]) -> Table:
    return Table(
        "part-changes",
        caption,
        [
            Column(_("Part"), 2),
            Column(_("Kind of change"), 2),
            Column(_("What changed"), 8),
        ],
        [
            Row([c.name, ", ".join([c.status_label, *c.moves]), _what(c)])
            for c in changed
        ],
    )


def _what(change: PartChange) -> Points:
    """The part's title, then each changed field before → after."""
    if change.status == Status.WITHHELD:
        return Points(
            "",
            [
                f"{_('Before')}: {change.title_before or '–'}",
                f"{_('After')}: {change.title_after or '–'}",
            ],
        )
    return Points(
        change.title,
        [
            f"{f.label}: {f.before_text or '–'} → {f.after_text or '–'}"
            for f in change.fields
        ],
    )


def _budget_table(budget: BudgetChange) -> Table:
    def row(label: str, before: int, after: int) -> Row:
        return Row([label, Amount(before), Amount(after), signed_nok(after - before)])

    return Table(
        "budget-changes",
        _("The action plan's sums"),
        [
            Column(_("Category"), 4),
            Column(_("Before"), 2, True),
            Column(_("After"), 2, True),
            Column(_("Difference"), 2, True),
        ],
        [row(c.label, c.before, c.after) for c in budget.categories],
        total=row(_("Total"), budget.before, budget.after),
    )


def _table(area: str, changes: list[Change]) -> Table:
    return Table(
        "changes",
        area,
        [
            Column(_("National goal"), 2.4),
            Column(_("Goal"), 5.4),
            Column(_("Before"), 2.5),
            Column(_("After"), 2.5),
            Column(_("Change in level"), 2.5),
        ],
        [
            Row(
                [
                    c.name,
                    c.text,
                    Level(c.before, c.before_label) if c.before else "–",
                    Level(c.after, c.after_label) if c.after else "–",
                    str(Direction(c.direction).label),
                ]
            )
            for c in changes
        ],
    )


def workbook(report: ChangesReport) -> Workbook:
    sheet = Sheet(
        _("Status changes"),
        [
            SheetColumn(_("Area"), 30),
            SheetColumn(_("National goal"), 22),
            SheetColumn(_("Goal"), 60),
            SheetColumn(_("Before"), 18),
            SheetColumn(_("After"), 18),
            SheetColumn(_("Direction of change"), 14),
        ],
        [
            [
                c.area,
                c.name,
                c.text,
                c.before_label,
                c.after_label,
                str(Direction(c.direction).label),
            ]
            for c in report.changes
        ],
    )
    front = report.front
    title = f"{front.organization}: {_('Status changes')}"
    sheets = [sheet]
    if report.parts is not None:
        sheets += [_parts_sheet(report.parts), _budget_sheet(report.parts.budget)]
    return Workbook(title, front.language, sheets)


def _parts_sheet(comparison: VersionComparison) -> Sheet:
    """One row per changed field (a part added, removed or withheld: one row)."""
    rows: list[list[Value]] = []
    for kind in KINDS:
        for c in comparison.changed(kind):
            change = ", ".join([c.status_label, *c.moves])
            if c.status == Status.WITHHELD:
                rows.append([c.name, "", change, "", c.title_before, c.title_after])
            for f in c.fields:
                rows.append(
                    [c.name, c.title, change, f.label, f.before_text, f.after_text]
                )
            if not c.fields and c.status != Status.WITHHELD:
                rows.append([c.name, c.title, change, "", "", ""])
    return Sheet(
        _("Changes to the parts"),
        [
            SheetColumn(_("Part"), 22),
            SheetColumn(_("Title"), 50),
            SheetColumn(_("Kind of change"), 24),
            SheetColumn(_("Field"), 18),
            SheetColumn(_("Before"), 50),
            SheetColumn(_("After"), 50),
        ],
        rows,
    )


def _budget_sheet(budget: BudgetChange) -> Sheet:
    rows: list[list[Value]] = [
        [c.label, c.before, c.after, c.change] for c in budget.categories
    ]
    rows.append([_("Total"), budget.before, budget.after, budget.change])
    return Sheet(
        _("The action plan's sums"),
        [
            SheetColumn(_("Category"), 24),
            SheetColumn(_("Before"), 16, "amount"),
            SheetColumn(_("After"), 16, "amount"),
            SheetColumn(_("Difference"), 16, "amount"),
        ],
        rows,
        sum_rows=1,
    )


def chart(report: ChangesReport) -> Chart:
    return changes_chart(report)


KIND = Kind(
    name="changes",
    label=gettext_lazy("Status changes"),
    description=gettext_lazy(
        "Every goal's level at two dates or in two versions, and which way it moved."
    ),
    content=ChangesReport,
    read=read,
    document=document,
    workbook=workbook,
    chart=chart,
    compares=True,
)
