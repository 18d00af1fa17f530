"""A strategy's action plans as planverk/1's ``action_plans``, for dump.py.

Written only when the strategy has plans the reader may see, so a strategy
without plans exports as before. Plans come parents first (each plan after the
plan it sits under and the one it carried over from), as the import wants. A
plan withheld from the reader is left out with its actions; a withheld action
of a plan shown is written as a placeholder: its number, category and basis.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Prefetch

from planverk.strategies.models import Strategy
from planverk.strategies.models.plans import ActionMeasure, ActionPlan, PlanAction
from planverk.strategies.querysets import Withheld, disclose


def plans_for_dump(reader: Any) -> Prefetch:
    """The prefetch of the plans *reader* may see, with all dump_plans reads."""
    actions = (
        PlanAction.objects.for_reader(reader)
        .prefetch_related("served", "budgets", "spending")
        .select_related("unit")
    )
    plans = (
        ActionPlan.objects.for_reader(reader)
        .select_related("unit", "parent", "carried_from")
        .prefetch_related(Prefetch("actions", actions))
    )
    return Prefetch("action_plans", plans)


def dump_plans(
    strategy: Strategy, exempt: Callable[[Any], dict[str, Any]]
) -> dict[str, Any]:
    """``{"action_plans": [...]}``, or nothing when there are none to write."""
    plans = plans_in_order(strategy)
    if not plans:
        return {}
    measures = known_measures(strategy)
    written: set[int] = set()
    out = []
    for plan in plans:
        out.append(_plan(plan, written, measures, exempt))
        written.add(plan.pk)
    return {"action_plans": out}


def plans_in_order(strategy: Strategy) -> list[ActionPlan]:
    """The plans written, in the order written (the backup's rows file follows it)."""
    shown = [p for p in disclose(strategy.action_plans.all()) if not _withheld(p)]
    return _parents_first(shown)


def known_measures(strategy: Strategy) -> set[str]:
    """The keys of the measures written: those withheld from the reader are
    written without keys, and a link to a measure no longer there is not kept."""
    return {
        m.key
        for theme in disclose(strategy.themes.all())
        if not _withheld(theme)
        for m in disclose(theme.measures.all())
        if not _withheld(m)
    }


def served(action: PlanAction, measures: set[str]) -> list[ActionMeasure]:
    """The action's links to the measures written."""
    return [m for m in action.served.all() if m.measure_key in measures]


def _withheld(part: Any) -> bool:
    return isinstance(part, Withheld)


def _parents_first(plans: list[ActionPlan]) -> list[ActionPlan]:
    """*plans* in their order, each after its parent (those of plans not shown
    first, as roots)."""
    present = {p.pk for p in plans}
    children: dict[int | None, list[ActionPlan]] = {}
    for plan in plans:
        parent = plan.parent_id if plan.parent_id in present else None
        children.setdefault(parent, []).append(plan)
    ordered: list[ActionPlan] = []
    stack = list(reversed(children.get(None, [])))
    while stack:
        plan = stack.pop()
        ordered.append(plan)
        stack.extend(reversed(children.get(plan.pk, [])))
    return ordered


def _key_of(plan: ActionPlan | None, written: set[int]) -> str | None:
    """The key of *plan* where it is written before: else the import could not
    find it."""
    return plan.key if plan is not None and plan.pk in written else None


def _plan(
    plan: ActionPlan,
    written: set[int],
    measures: set[str],
    exempt: Callable[[Any], dict[str, Any]],
) -> dict[str, Any]:
    return {
        "key": plan.key,
        "title": plan.title,
        "years": {"start": plan.year_start, "end": plan.year_end},
        "unit": plan.unit.name if plan.unit else None,
        "parent": _key_of(plan.parent, written),
        "carried_from": _key_of(plan.carried_from, written),
        "state": plan.state,
        "actions": [_action(a, measures, exempt) for a in disclose(plan.actions.all())],
        **exempt(plan),
    }


def _action(
    a: PlanAction | Withheld,
    measures: set[str],
    exempt: Callable[[Any], dict[str, Any]],
) -> dict[str, Any]:
    if isinstance(a, Withheld):
        return {
            "number": a.number,
            "title": a.short,
            "description": "",
            "measures": [],
            "outside_strategy": False,
            "unit": None,
            "role": None,
            "start": None,
            "deadline": None,
            "category": a.category,
            "funding": None,
            "status": "planned",
            "remarks": None,
            "budget": {},
            "spending": {},
            **exempt(a),
        }
    return {
        "key": a.key,
        "number": a.number,
        "title": a.title,
        "description": a.description,
        "measures": [m.measure_key for m in served(a, measures)],
        "outside_strategy": a.outside_strategy,
        "unit": a.unit.name if a.unit else None,
        "role": a.role or None,
        "start": a.start.isoformat() if a.start else None,
        "deadline": a.deadline.isoformat() if a.deadline else None,
        "category": a.category,
        "funding": a.funding or None,
        "status": a.status,
        "remarks": a.remarks or None,
        "budget": {str(b.year): b.amount_nok for b in a.budgets.all()},
        "spending": {str(s.year): s.amount_nok for s in a.spending.all()},
        **exempt(a),
    }
