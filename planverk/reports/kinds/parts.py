"""Parts of the layout that several report kinds share: the front matter, goal
tables, the level chart with its figures, and the action plan with its money."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext as _

from planverk.lib.dates import date_text, month_text
from planverk.lib.numbers import amount_text
from planverk.reports.charts import budget_chart, levels_chart
from planverk.reports.content import (
    LEVELS,
    AreaGoals,
    Budget,
    DecisionRow,
    Front,
    Goal,
    Item,
    Total,
)
from planverk.reports.document import (
    Amount,
    Block,
    Column,
    Document,
    Fact,
    Figure,
    Heading,
    Level,
    Note,
    Paragraph,
    Points,
    Row,
    Table,
)


def document(
    front: Front,
    title: str,
    blocks: list[Block],
    *,
    strategy: bool = False,
    facts: Sequence[Fact] = (),
    contents: bool = False,
) -> Document:
    """A report on *front*'s strategy under *title*; *strategy*: it is the whole strategy."""
    listed = [] if strategy else [Fact(_("Strategy"), front.title)]
    listed.append(Fact(_("Period"), front.period))
    if front.version:
        listed.append(Fact(_("Version"), front.version))
    listed.append(Fact(_("State"), front.state))
    if strategy and front.vision:
        listed.append(Fact(_("Vision"), front.vision))
    listed += facts
    generated = date_text(front.generated)
    listed.append(Fact(_("Generated"), generated, date=front.generated))
    return Document(
        title=title,
        organization=front.organization,
        strategy=front.title,
        period=front.period,
        language=front.language,
        generated=front.generated,
        facts=listed,
        blocks=blocks,
        contents=contents,
    )


def dash(value: object) -> str:
    return "–" if value is None or value == "" else str(value)


# --- goals -----------------------------------------------------------------------


def goal_table(goals: list[Goal], caption: str) -> Table:
    """National goals with the organisation's status on each, the level in words;
    each goal by its name ("National goal 7.2"), as on the pages, and its text."""
    return Table(
        "goals",
        caption,
        [
            Column(_("National goal"), 2.4),
            Column(_("Goal"), 4.8),
            Column(_("Deadline"), 1.4),
            Column(_("Level"), 2.4),
            Column(_("Status text"), 4.5),
        ],
        [
            Row(
                [
                    g.name,
                    g.text,
                    dash(g.deadline),
                    Level(g.level, g.level_label, g.confirmed),
                    _status(g),
                ]
            )
            for g in goals
        ],
    )


def _status(goal: Goal) -> str:
    if not goal.as_of:
        return goal.status
    as_of = f"({_('As of')} {month_text(goal.as_of)})"
    return f"{goal.status} {as_of}" if goal.status else as_of


def goals_by_area(areas: list[AreaGoals], level: int, *, toc: bool) -> list[Block]:
    """A heading and a table for each area."""
    blocks: list[Block] = []
    for area in areas:
        blocks += [
            Heading(area.area, level, toc=toc),
            goal_table(area.goals, area.area),
        ]
    return blocks


def status(areas: list[AreaGoals]) -> list[Block]:
    """Goals per area and level: a chart, then the same figures as a table."""
    counts = [area.counts for area in areas]
    table = Table(
        "counts",
        _("Number of goals per area and level"),
        [Column(_("Area"), 3)]
        + [Column(str(level.label), 1.6, numeric=True) for level in LEVELS]
        + [Column(_("Total"), 1.2, numeric=True)],
        [Row([a.area, *c, sum(c)]) for a, c in zip(areas, counts, strict=True)],
        total=Row(
            [
                _("Total"),
                *(sum(column) for column in zip(*counts, strict=True)),
                sum(map(sum, counts)),
            ]
        ),
    )
    return [Figure(levels_chart(areas)), table]


# --- the decision log -------------------------------------------------------------------


def decisions(rows: list[DecisionRow]) -> list[Block]:
    """The decision log as a table, each date as the pages write it."""
    if not rows:
        return [Paragraph.of(_("No decisions recorded."))]
    table = Table(
        "decisions",
        _("Decisions and revisions"),
        [
            Column(_("Date"), 2),
            Column(_("Body"), 4),
            Column(_("Reference"), 2),
            Column(_("Note"), 4),
        ],
        [Row([dash(d.date), d.body, d.reference, d.note]) for d in rows],
    )
    return [table]


# --- the action plan and its money ---------------------------------------------------


def budget(budget: Budget, level: int) -> list[Block]:
    """Totals as stated beside the sums of the items, amounts per period and
    category with a chart, and the items by category; differences in words."""
    if not (budget.items or budget.totals):
        return [Paragraph.of(_("The strategy has no action plan."))]
    blocks: list[Block] = [Heading(_("Budget totals"), level, toc=False)]
    blocks += _totals(budget.totals) if budget.totals else []
    if not budget.totals:
        blocks.append(Paragraph.of(_("The strategy states no budget totals.")))
    if budget.periods:
        blocks += [
            Heading(_("Amounts per period and category"), level, toc=False),
            _periods(budget),
            Figure(budget_chart(budget)),
        ]
    if budget.items:
        blocks.append(Heading(_("Action plan items"), level, toc=False))
        for value, label in budget.categories:
            items = [i for i in budget.items if i.category == value]
            if items:
                blocks += [Heading(label, level + 1, toc=False), _items(label, items)]
    return blocks


def _totals(totals: list[Total]) -> list[Block]:
    table = Table(
        "totals",
        _("Totals as the strategy states them, beside the sum of its items"),
        [
            Column(_("Category"), 2),
            Column(_("Years"), 1.6),
            Column(_("Stated total"), 2, numeric=True),
            Column(_("Sum of the items"), 2, numeric=True),
            Column(_("Difference"), 2, numeric=True),
        ],
        [
            Row(
                [
                    t.category_label,
                    t.years,
                    _stated(t),
                    Amount(t.computed, mark="*" if t.withheld else ""),
                    _difference(t),
                ],
                flag="differs" if t.differs else "",
            )
            for t in totals
        ],
    )
    blocks: list[Block] = [table]
    blocks += [Note(f"* {t.withheld_note}") for t in totals if t.withheld]
    differing = [t for t in totals if t.differs]
    blocks += [
        Note(
            _(
                "%(category)s %(years)s: the strategy states a total of %(stated)s, "
                "but its items add up to %(computed)s."
            )
            % {
                "category": t.category_label,
                "years": t.years,
                "stated": amount_text(t.stated),
                "computed": amount_text(t.computed),
            }
        )
        for t in differing
    ]
    if not differing:
        blocks.append(Paragraph.of(_("The stated totals match the sums of the items.")))
    return blocks


def _stated(total: Total) -> Amount | str:
    if total.withheld:
        return _("Withheld")
    return Amount(total.stated) if total.stated is not None else _("Not stated")


def _difference(total: Total) -> Amount | str:
    if total.difference is None:
        return "–"
    if total.differs:
        return Amount(total.difference, prefix=_("Differs:"), strong=True)
    return _("Matches")


def _periods(budget: Budget) -> Table:
    return Table(
        "periods",
        _("Amounts of the items per period and category"),
        [Column(_("Period"), 2)]
        + [Column(label, 2, numeric=True) for _value, label in budget.categories]
        + [Column(_("Total"), 2, numeric=True)],
        [
            Row([p.years, *(Amount(a) for a in p.amounts), Amount(p.total)])
            for p in budget.periods
        ],
        total=Row(
            [
                _("Total"),
                *(Amount(a) for a in budget.category_sums),
                Amount(sum(budget.category_sums)),
            ]
        ),
    )


def _items(category: str, items: list[Item]) -> Table:
    return Table(
        "items",
        _("Action plan items: %(category)s") % {"category": category},
        [
            Column(_("No."), 0.8),
            Column(_("Item"), 6),
            Column(_("Years"), 1.6),
            Column(_("Amount"), 2.2, numeric=True),
            Column(_("Remarks"), 3.5),
        ],
        [
            Row(
                [
                    i.number,
                    Points(i.title, i.points),
                    i.years,
                    Amount(i.amount) if i.amount is not None else dash(i.funding),
                    "; ".join(
                        text
                        for text in (
                            i.remarks,
                            i.funding if i.amount is not None else "",
                        )
                        if text
                    ),
                ]
            )
            for i in items
        ],
    )
