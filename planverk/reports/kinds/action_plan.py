"""The action plans: each plan with its actions in the layout municipalities use
(Nr · Tiltak · Ansvar · Frist · Budsjett per år · Finansiering · Forbruk ·
Status), a unit's plan under its parent's, budget against spending per year
and category, and the flags.

Everything is read from the one read model of the plans (plan_figures.py), as
the plan pages are, so a page and a report cannot disagree. An exempt action
is a row that says so and why, without its amounts; every sum is of the
actions the reader may read in full.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from planverk.lib.dates import date_text
from planverk.lib.numbers import years_text
from planverk.reports.charts import Chart
from planverk.reports.content import Front, front
from planverk.reports.document import (
    Amount,
    Block,
    BulletList,
    Cell,
    Column,
    Document,
    Fact,
    Facts,
    Heading,
    Paragraph,
    Points,
    Row,
    Table,
)
from planverk.reports.kinds import parts, spending
from planverk.reports.kinds.base import Comparison, Kind
from planverk.reports.sheets import Column as SheetColumn
from planverk.reports.sheets import (
    Date,
    Ref,
    Sheet,
    Value,
    Workbook,
    cell,
    column_sums,
    sum_formula,
)
from planverk.strategies.models import Strategy
from planverk.strategies.permissions import reader
from planverk.strategies.plan_figures import (
    ActionFigures,
    MeasureFigures,
    PlanFigures,
    PlanRollUp,
    plan_figures,
)

DEEPEST = 4  # heading level of the most nested plans; deeper ones stay at it


@dataclass(frozen=True)
class ActionPlanReport:
    front: Front
    plans: PlanRollUp


def action_plan_report(strategy: Strategy, *, include_exempt: bool) -> ActionPlanReport:
    return ActionPlanReport(
        front=front(strategy), plans=plan_figures(strategy, reader(include_exempt))
    )


def read(
    strategy: Strategy, include_exempt: bool, comparison: Comparison
) -> ActionPlanReport:
    return action_plan_report(strategy, include_exempt=include_exempt)


def title() -> str:
    return _("Action plans")


def nested(plans: list[PlanFigures]) -> Iterator[tuple[PlanFigures, int]]:
    """Each plan with its depth (0 at the top), a unit's plan after its parent's;
    a plan whose parent the reader does not see stands at the top."""
    shown = {p.pk for p in plans}
    children: dict[int | None, list[PlanFigures]] = {}
    for plan in plans:
        parent = plan.parent_pk if plan.parent_pk in shown else None
        children.setdefault(parent, []).append(plan)

    def walk(parent: int | None, depth: int) -> Iterator[tuple[PlanFigures, int]]:
        for plan in children.get(parent, []):
            yield plan, depth
            yield from walk(plan.pk, depth + 1)

    return walk(None, 0)


def plan_name(plan: PlanFigures) -> str:
    return plan.title or _("Action plan")


def owner(plan: PlanFigures) -> str:
    return plan.unit.name if plan.unit else _("The whole organisation")


def flag_words(action: ActionFigures) -> list[str]:
    """The action's flags in words, as the plan pages name them (never colour alone)."""
    words = []
    if action.over_budget:
        years = action.over_budget_years
        words.append(
            ngettext("Over budget in %(list)s", "Over budget in %(list)s", len(years))
            % {"list": ", ".join(str(y) for y in years)}
        )
    if action.past_deadline:
        words.append(_("Past its deadline"))
    if action.serves_nothing:
        words.append(_("Serves no measure of the strategy"))
    return words


def unserved(measure: MeasureFigures) -> str:
    """A measure nobody acts on, by its number and objective."""
    name = _("Measure %(number)s") % {"number": measure.measure.number}
    named = f"{name} {measure.measure.title}".strip()
    return f"{named}: {_('Nobody acts on this')}"


def responsible_unit(action: ActionFigures, plan: PlanFigures) -> str:
    """The responsible unit, else the plan's, as on the plan page."""
    unit = action.unit or plan.unit
    return unit.name if unit else ""


def responsible(action: ActionFigures, plan: PlanFigures) -> str:
    """The responsible unit with the role: "IKT-tjenesten (prosjektleder)"."""
    unit = responsible_unit(action, plan)
    if unit and action.role:
        return f"{unit} ({action.role})"
    return unit or action.role


def budget_years(plan: PlanFigures) -> list[int]:
    """The plan's years, and any other year one of its actions has a budget for."""
    years = set(plan.years)
    for action in plan.readable_actions:
        years |= set(action.budget)
    return sorted(years)


# --- as a document -----------------------------------------------------------------


def document(report: ActionPlanReport, paged: bool) -> Document:
    plans = report.plans
    if not plans.plans:
        blocks: list[Block] = [Paragraph.of(_("No action plans yet."))]
        return parts.document(report.front, title(), blocks)
    blocks = [Heading(_("Budget against spending"), 1), *spending.blocks(plans)]
    blocks += [Heading(_("Flags"), 1), *_flags(plans)]
    for plan, depth in nested(plans.plans):
        blocks += _plan(plan, min(1 + depth, DEEPEST))
    return parts.document(report.front, title(), blocks, contents=paged)


def _flags(plans: PlanRollUp) -> list[Block]:
    names = {p.pk: plan_name(p) for p in plans.plans}
    points = [
        f"{names[a.plan_pk]}, {a.number}. {a.title}: {', '.join(flag_words(a))}"
        for a in plans.flagged_actions
    ]
    blocks: list[Block] = [
        BulletList.of(points) if points else Paragraph.of(_("No action has a flag."))
    ]
    if plans.unserved:
        blocks.append(BulletList.of([unserved(m) for m in plans.unserved]))
    else:
        blocks.append(Paragraph.of(_("Every measure has an action serving it.")))
    return blocks


def _plan(plan: PlanFigures, level: int) -> list[Block]:
    blocks: list[Block] = [Heading(plan_name(plan), level)]
    if plan.withheld:
        return [*blocks, Paragraph.of(plan.withheld_text)]
    blocks.append(
        Facts(
            [
                Fact(_("Period"), years_text(plan.year_start, plan.year_end)),
                Fact(_("Owner"), owner(plan)),
                Fact(_("State"), plan.state_label),
            ]
        )
    )
    if not plan.actions:
        return [*blocks, Paragraph.of(_("The plan has no actions."))]
    return [*blocks, _actions_table(plan)]


def _actions_table(plan: PlanFigures) -> Table:
    years = budget_years(plan)
    readable = plan.readable_actions
    columns = [
        Column(_("No."), 0.7),
        Column(_("Action"), 4.5),
        Column(_("Responsible"), 2),
        Column(_("Deadline"), 1.6),
        *(Column(_("Budget %(year)s") % {"year": y}, 1.7, numeric=True) for y in years),
        Column(_("Funding"), 1.8),
        Column(_("Spent"), 1.7, numeric=True),
        Column(_("Status"), 2),
    ]
    total = Row(
        [
            _("Total"),
            "",
            "",
            "",
            *(Amount(sum(a.budget.get(y, 0) for a in readable)) for y in years),
            "",
            Amount(sum(a.spending_total for a in readable)),
            "",
        ]
    )
    return Table(
        "actions",
        _("Actions of %(plan)s") % {"plan": plan_name(plan)},
        columns,
        [_action_row(a, plan, years) for a in plan.actions],
        total=total,
    )


def _action_row(action: ActionFigures, plan: PlanFigures, years: list[int]) -> Row:
    if action.withheld:
        blank: list[Cell] = ["–"] * len(years)
        return Row([action.number, action.title, "", "", *blank, "", "–", ""])
    measures = [_("Measure %(number)s") % {"number": m.number} for m in action.measures]
    if action.outside_strategy:
        measures.append(_("Outside the strategy"))
    status = "; ".join([action.status_label, *flag_words(action)])
    return Row(
        [
            action.number,
            Points(action.title, measures),
            parts.dash(responsible(action, plan)),
            parts.dash(date_text(action.deadline)),
            *(
                Amount(action.budget.get(y)) if y in action.budget else "–"
                for y in years
            ),
            parts.dash(action.funding),
            Amount(action.spending_total) if action.spending else "–",
            status,
        ],
        flag="flagged" if action.flagged else "",
    )


def chart(report: ActionPlanReport) -> Chart:
    return spending.chart(report.plans)


# --- as sheets -----------------------------------------------------------------------


def workbook(report: ActionPlanReport) -> Workbook:
    """The actions with their amounts per year, budget against spending per year,
    the plans and the flags, one sheet each."""
    plans = report.plans
    sheets = [
        _actions_sheet(plans),
        spending.sheet(plans),
        _plans_sheet(plans),
        _flags_sheet(plans),
    ]
    front = report.front
    return Workbook(f"{front.organization}: {title()}", front.language, sheets)


def _all_years(plans: PlanRollUp) -> list[int]:
    years: set[int] = set()
    for plan in plans.plans:
        if not plan.withheld:
            years |= set(plan.years)
    for action in plans.actions:
        years |= set(action.years)
    return sorted(years)


def _actions_sheet(plans: PlanRollUp) -> Sheet:
    """One row per action: budget and spending per year, their sums formulas,
    and a sum row under every amount column."""
    years = _all_years(plans)
    fixed = [
        SheetColumn(_("Plan"), 30),
        SheetColumn(_("Owner"), 24),
        SheetColumn(_("No."), 6),
        SheetColumn(_("Action"), 50),
        SheetColumn(_("Measures"), 16),
        SheetColumn(_("Responsible"), 24),
        SheetColumn(_("Role"), 16),
        SheetColumn(_("Start"), 14),
        SheetColumn(_("Deadline"), 14),
        SheetColumn(_("Category"), 14),
        SheetColumn(_("Funding"), 24),
        SheetColumn(_("Status"), 12),
        SheetColumn(_("Flags"), 30),
        SheetColumn(_("Remarks"), 30),
    ]
    first = len(fixed)
    width = len(years)
    columns = [
        *fixed,
        *(SheetColumn(_("Budget %(year)s") % {"year": y}, 14, "amount") for y in years),
        SheetColumn(_("Budget"), 14, "amount"),
        *(SheetColumn(_("Spent %(year)s") % {"year": y}, 14, "amount") for y in years),
        SheetColumn(_("Spent"), 14, "amount"),
    ]
    sheet = Sheet(_("Actions"), columns, sum_rows=1)
    for plan in plans.plans:
        for action in plan.actions:
            number = len(sheet.rows) + 2
            cells = _action_cells(action, plan, years, first, width, number)
            sheet.rows.append([plan_name(plan), owner(plan), *cells])
    sheet.rows.append(column_sums(sheet, first_column=first))
    return sheet


def _action_cells(
    action: ActionFigures,
    plan: PlanFigures,
    years: list[int],
    first: int,
    width: int,
    row: int,
) -> list[Value]:
    if action.withheld:
        blank: list[Value] = [None] * (2 * width + 2)
        return [action.number, action.title, *([""] * 10), *blank]
    budget = [action.budget.get(y) for y in years]
    spent = [action.spending.get(y) for y in years]
    start = first + width + 1
    budget_sum: Value = 0  # no year columns: nothing to sum over
    spent_sum: Value = 0
    if years:
        budget_sum = sum_formula(
            [Ref(cell(first, row), cell(first + width - 1, row))], action.budget_total
        )
        spent_sum = sum_formula(
            [Ref(cell(start, row), cell(start + width - 1, row))],
            action.spending_total,
        )
    measures = [m.number for m in action.measures]
    if action.outside_strategy:
        measures.append(_("Outside the strategy"))
    return [
        action.number,
        action.title,
        ", ".join(measures),
        responsible_unit(action, plan),
        action.role,
        Date(action.start) if action.start else None,
        Date(action.deadline) if action.deadline else None,
        action.category_label,
        action.funding,
        action.status_label,
        "; ".join(flag_words(action)),
        action.remarks,
        *budget,
        budget_sum,
        *spent,
        spent_sum,
    ]


def _plans_sheet(plans: PlanRollUp) -> Sheet:
    """One row per plan, a unit's after its parent's; its budget and spending."""
    names = {p.pk: plan_name(p) for p in plans.plans}
    sheet = Sheet(
        _("Plans"),
        [
            SheetColumn(_("Plan"), 40),
            SheetColumn(_("Owner"), 24),
            SheetColumn(_("Part of"), 30),
            SheetColumn(_("Years"), 12),
            SheetColumn(_("State"), 12),
            SheetColumn(_("Actions"), 8, "number"),
            SheetColumn(_("Budget"), 16, "amount"),
            SheetColumn(_("Spent"), 16, "amount"),
        ],
        sum_rows=1,
    )
    for plan, _depth in nested(plans.plans):
        if plan.withheld:
            sheet.rows.append([plan.withheld_text, "", "", "", "", None, None, None])
            continue
        sheet.rows.append(
            [
                plan_name(plan),
                owner(plan),
                names.get(plan.parent_pk or 0, ""),
                years_text(plan.year_start, plan.year_end),
                plan.state_label,
                len(plan.actions),
                plan.budget_total,
                plan.spending_total,
            ]
        )
    sheet.rows.append(column_sums(sheet, first_column=5))
    return sheet


def _flags_sheet(plans: PlanRollUp) -> Sheet:
    """Each flag on its own row: flagged actions, then measures nobody acts on."""
    names = {p.pk: plan_name(p) for p in plans.plans}
    rows: list[list[Value]] = [
        [names[a.plan_pk], a.number, a.title, word]
        for a in plans.flagged_actions
        for word in flag_words(a)
    ]
    rows += [
        ["", m.measure.number, m.measure.title, _("Nobody acts on this")]
        for m in plans.unserved
    ]
    return Sheet(
        _("Flags"),
        [
            SheetColumn(_("Plan"), 30),
            SheetColumn(_("No."), 8),
            SheetColumn(_("Action or measure"), 50),
            SheetColumn(_("Flag"), 30),
        ],
        rows,
    )


KIND = Kind(
    name="action-plan",
    label=gettext_lazy("Action plans"),
    description=gettext_lazy(
        "Each plan with its actions, budget per year, funding, spending and "
        "status; budget against spending per year and category; and the flags."
    ),
    content=ActionPlanReport,
    read=read,
    document=document,
    workbook=workbook,
    chart=chart,
)
