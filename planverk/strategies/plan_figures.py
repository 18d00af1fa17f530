"""The figures of a strategy's action plans, read once for one reader.

The plan pages and the reports (the action plan, the budget's spending) read
their figures from here, so a page and a report cannot disagree. What the
reader may see is the one disclosure rule (``PartQuerySet.for_reader``): a
draft plan only for members, an exempt action as a placeholder row without
its amounts or the measures it serves. Every sum is of the actions the reader
may read in full, and a stated total that covers an exempt action item or an
exempt action is withheld, so that no exempt amount can be worked out by
subtraction.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import BooleanField, Prefetch, QuerySet
from django.db.models import Value as V
from django.utils.translation import gettext

from planverk.strategies.choices import ActionCategory
from planverk.strategies.models import (
    ActionItem,
    ActionPlan,
    BudgetTotal,
    Measure,
    PlanAction,
    Strategy,
)
from planverk.strategies.models.budget import computed_total, covers
from planverk.strategies.models.plans import (
    FINISHED,
    ActionBudget,
    Spending,
)
from planverk.strategies.plan_figure_types import (
    CATEGORIES,
    ActionFigures,
    MeasureFigures,
    MeasureRef,
    PlanFigures,
    PlanRollUp,
    StatedTotal,
    UnitFigures,
    UnitRef,
    YearRow,
)

__all__ = [
    "ActionFigures",
    "MeasureFigures",
    "MeasureRef",
    "PlanFigures",
    "PlanRollUp",
    "StatedTotal",
    "UnitFigures",
    "UnitRef",
    "YearRow",
    "actions_serving",
    "plan_figures",
]


def plan_figures(
    strategy: Strategy,
    reader: Any,
    *,
    plan: int | None = None,
    today: dt.date | None = None,
) -> PlanRollUp:
    """The roll-up of *strategy*'s plans as *reader* may see it (of the one
    *plan* only, if given), in a fixed number of queries whatever the number
    of plans and actions."""
    today = today or dt.date.today()
    measures = _measures(strategy, reader)
    plans_of = ActionPlan.objects.for_reader(reader).filter(strategy=strategy)
    rows = _action_rows(strategy, reader)
    if plan is not None:
        plans_of, rows = plans_of.filter(pk=plan), rows.filter(plan_id=plan)
    plan_rows = list(plans_of.select_related("unit"))
    actions_by_plan: dict[int, list[ActionFigures]] = {}
    for row in rows:
        figures = _action(row, measures, today)
        actions_by_plan.setdefault(row.plan_id, []).append(figures)
    plans = [_plan(p, actions_by_plan.get(p.pk, [])) for p in plan_rows]
    actions = [a for p in plans for a in p.readable_actions]
    withheld = [a for p in plans for a in p.actions if a.withheld]
    return PlanRollUp(
        plans=plans,
        measures=_measure_figures(measures, actions),
        units=_units(plans, actions),
        years=_years(actions),
        totals=_totals(strategy, reader, actions, withheld),
        any_withheld=bool(withheld) or any(p.withheld for p in plans),
    )


def actions_serving(
    strategy: Strategy, reader: Any, key: str, *, today: dt.date | None = None
) -> list[ActionFigures]:
    """The actions *reader* may read that serve the measure *key*, in their
    plans' order (the measure's page): two queries, not the whole roll-up."""
    today = today or dt.date.today()
    rows = list(
        PlanAction.objects.restrict(reader)
        .filter(plan__strategy=strategy, served__measure_key=key)
        .select_related("unit")
        .order_by("plan__year_start", "plan__position", "plan_id", "sort_key")
    )
    amounts = _amounts([r.pk for r in rows])
    empty: tuple[dict[int, int], dict[int, int]] = ({}, {})
    return [_action(r, {}, today, amounts.get(r.pk, empty), [key]) for r in rows]


def _amounts(actions: list[int]) -> dict[int, tuple[dict[int, int], dict[int, int]]]:
    """(budget, spending) by year of each of *actions*, in one query."""
    found: dict[int, tuple[dict[int, int], dict[int, int]]] = {}
    if not actions:
        return found
    fields = ("action_id", "year", "amount_nok", "spent")
    # No ordering: SQLite refuses an ORDER BY inside a UNION's parts.
    budgets = (
        ActionBudget.objects.filter(action_id__in=actions)
        .order_by()
        .annotate(spent=V(False, output_field=BooleanField()))
    )
    spent = (
        Spending.objects.filter(action_id__in=actions)
        .order_by()
        .annotate(spent=V(True, output_field=BooleanField()))
    )
    rows = budgets.values_list(*fields).union(spent.values_list(*fields), all=True)
    for action, year, amount, is_spent in rows:
        found.setdefault(action, ({}, {}))[1 if is_spent else 0][year] = amount
    return found


def _measures(strategy: Strategy, reader: Any) -> dict[str, MeasureRef]:
    """The strategy's measures by key; a withheld one as its placeholder."""
    rows = (
        Measure.objects.for_reader(reader)
        .filter(theme__strategy=strategy)
        .select_related("theme")
        .order_by("theme__sort_key", "sort_key")
    )
    measures = {}
    for m in rows:
        theme_title = "" if m.theme.exempt and m.withheld else m.theme.title
        measures[m.key] = MeasureRef(
            key=m.key,
            pk=m.pk,
            number=m.number,
            title=_withheld_text(m) if m.withheld else m.objective,
            theme_number=m.theme.number,
            theme_title=theme_title,
            withheld=m.withheld,
        )
    return measures


def _action_rows(strategy: Strategy, reader: Any) -> QuerySet[PlanAction]:
    return (
        PlanAction.objects.for_reader(reader)
        .filter(plan__strategy=strategy)
        .select_related("unit")
        .prefetch_related(
            "served",
            Prefetch("budgets", queryset=ActionBudget.objects.order_by("year")),
            Prefetch("spending", queryset=Spending.objects.order_by("year")),
        )
        .order_by("plan_id", "sort_key")
    )


def _withheld_text(part: Any) -> str:
    """What a row says in an exempt part's place: the title if allowed, and why."""
    basis = part.exempt_basis or gettext("legal basis not recorded")
    reason = gettext("Exempt from public disclosure (%(basis)s)") % {"basis": basis}
    title = getattr(part, part.TITLE_FIELD) if part.exempt_title_shown else ""
    return f"{title} – {reason}" if title else reason


def _unit(unit: Any) -> UnitRef | None:
    return None if unit is None else UnitRef(unit.pk, unit.name)


def _action(
    row: PlanAction,
    measures: dict[str, MeasureRef],
    today: dt.date,
    amounts: tuple[dict[int, int], dict[int, int]] | None = None,
    served: list[str] | None = None,
) -> ActionFigures:
    if getattr(row, "withheld", False):  # annotated by for_reader
        return ActionFigures(
            pk=row.pk,
            plan_pk=row.plan_id,
            number=row.number,
            title=_withheld_text(row),
            description="",
            unit=None,
            role="",
            start=None,
            deadline=None,
            category=row.category,
            category_label=str(ActionCategory(row.category).label),
            funding="",
            status="",
            status_label="",
            remarks="",
            outside_strategy=False,
            measures=[],
            budget={},
            spending={},
            past_deadline=False,
            serves_nothing=False,
            withheld=True,
        )
    if served is None:
        served = [s.measure_key for s in row.served.all()]
    if amounts is None:
        amounts = (
            {b.year: b.amount_nok for b in row.budgets.all()},
            {s.year: s.amount_nok for s in row.spending.all()},
        )
    return ActionFigures(
        pk=row.pk,
        plan_pk=row.plan_id,
        number=row.number,
        title=row.title,
        description=row.description,
        unit=_unit(row.unit),
        role=row.role,
        start=row.start,
        deadline=row.deadline,
        category=row.category,
        category_label=str(row.get_category_display()),
        funding=row.funding,
        status=row.status,
        status_label=str(row.get_status_display()),
        remarks=row.remarks,
        outside_strategy=row.outside_strategy,
        measures=[measures[k] for k in served if k in measures],
        budget=amounts[0],
        spending=amounts[1],
        past_deadline=(
            row.deadline is not None
            and row.deadline < today
            and row.status not in FINISHED
        ),
        serves_nothing=not served and not row.outside_strategy,
    )


def _plan(row: ActionPlan, actions: list[ActionFigures]) -> PlanFigures:
    withheld = bool(row.withheld)  # type: ignore[attr-defined]
    return PlanFigures(
        pk=row.pk,
        title="" if withheld and not row.exempt_title_shown else row.title,
        year_start=row.year_start,
        year_end=row.year_end,
        unit=_unit(row.unit),
        parent_pk=row.parent_id,
        state=row.state,
        state_label=str(row.get_state_display()),
        actions=[] if withheld else actions,
        plan=None if withheld else row,
        withheld=withheld,
        withheld_text=_withheld_text(row) if withheld else "",
    )


def _measure_figures(
    measures: dict[str, MeasureRef], actions: list[ActionFigures]
) -> list[MeasureFigures]:
    serving: dict[str, list[ActionFigures]] = {}
    for action in actions:
        for m in action.measures:
            serving.setdefault(m.key, []).append(action)
    return [MeasureFigures(m, serving.get(k, [])) for k, m in measures.items()]


def _units(plans: list[PlanFigures], actions: list[ActionFigures]) -> list[UnitFigures]:
    """Each unit with a plan or an action: the unit's own plans and its budget
    (the actions it is responsible for, else those of its plans)."""
    plan_unit = {p.pk: p.unit for p in plans}
    units: dict[int, UnitRef] = {}
    budget: dict[int, int] = {}
    for action in actions:
        unit = action.unit or plan_unit.get(action.plan_pk)
        if unit is not None:
            units[unit.pk] = unit
            budget[unit.pk] = budget.get(unit.pk, 0) + action.budget_total
    for plan in plans:
        if plan.unit is not None:
            units[plan.unit.pk] = plan.unit
    whole = sum(a.budget_total for a in actions)
    return [
        UnitFigures(
            unit=unit,
            plans=[p for p in plans if p.unit is not None and p.unit.pk == pk],
            budget=budget.get(pk, 0),
            organization_budget=whole,
        )
        for pk, unit in sorted(units.items(), key=lambda u: u[1].name)
    ]


def _years(actions: list[ActionFigures]) -> list[YearRow]:
    rows: dict[int, YearRow] = {}
    for action in actions:
        i = CATEGORIES.index(ActionCategory(action.category))
        for year in action.years:
            row = rows.setdefault(
                year, YearRow(year, [0] * len(CATEGORIES), [0] * len(CATEGORIES))
            )
            row.budget[i] += action.budget.get(year, 0)
            row.spending[i] += action.spending.get(year, 0)
    return [rows[y] for y in sorted(rows)]


def _in_span(category: str, start: int, end: int, action: Any) -> bool:
    return action.category == category and all(start <= y <= end for y in action.years)


def _totals(
    strategy: Strategy,
    reader: Any,
    actions: list[ActionFigures],
    withheld_actions: list[ActionFigures],
) -> list[StatedTotal]:
    items = list(ActionItem.objects.for_reader(reader).filter(strategy=strategy))
    public_items = [i for i in items if not i.withheld]
    totals = []
    for total in BudgetTotal.objects.filter(strategy=strategy):
        span = (total.category, total.year_start, total.year_end)
        withheld = any(i.withheld and covers(*span, i) for i in items) or any(
            a.category == total.category for a in withheld_actions
        )
        planned = [a for a in actions if _in_span(*span, a)]
        totals.append(
            StatedTotal(
                category=total.category,
                category_label=str(total.get_category_display()),
                year_start=total.year_start,
                year_end=total.year_end,
                stated=None if withheld else total.stated_nok,
                computed=computed_total(*span, public_items),
                planned=sum(a.budget_total for a in planned),
                spent=sum(a.spending_total for a in planned),
                withheld=withheld,
            )
        )
    return totals
