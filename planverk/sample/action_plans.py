"""The sample's action plans at work: approved, linked to measures, with spending.

For each organisation's strategy in force, its first organisation plan (made
from the action items at import, or now) gets its actions linked to the
strategy's measures and given to its units, a unit plan under it with one
action of that unit, both approved by a council decision, and spending in the
first year: some actions below their budget, some above. Through the domain's
actions, as an editor and the units would, with history.
"""

from __future__ import annotations

import datetime as dt
from itertools import cycle
from typing import Any

from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from planverk.lib.audit import attributed
from planverk.strategies.actions.from_items import plans_from_items
from planverk.strategies.actions.plans import approve_plan, create_plan
from planverk.strategies.actions.spending import set_spending
from planverk.strategies.choices import ActionCategory, StrategyState
from planverk.strategies.language import in_language
from planverk.strategies.models import Measure, Strategy
from planverk.strategies.models.plans import (
    ActionBudget,
    ActionMeasure,
    ActionPlan,
    PlanAction,
)

# Of the budget spent in the first year, action by action: below, then above.
SPENT = (0.8, 1.15, 0.5, 1.0, 1.3)


def plan_all(*, user: Any) -> list[ActionPlan]:
    """The plans of every organisation's approved strategy put to work; returns
    the organisation plans approved."""
    approved = Strategy.objects.filter(state=StrategyState.APPROVED).select_related(
        "organization"
    )
    return [p for s in approved if (p := _put_to_work(s, user)) is not None]


def _put_to_work(strategy: Strategy, user: Any) -> ActionPlan | None:
    plans_from_items(strategy, user=user, reason="sample data")
    plan = (
        strategy.action_plans.filter(unit=None, state="draft")
        .order_by("year_start", "position")
        .first()
    )
    units = list(strategy.organization.units.order_by("pk"))
    measures = list(
        Measure.objects.filter(theme__strategy=strategy, exempt=False)
        .order_by("theme__sort_key", "sort_key")
        .values_list("key", flat=True)
    )
    if plan is None or not units or not measures:
        return None
    plan.strategy = strategy
    actions = list(plan.actions.all())
    for action, unit in zip(actions, cycle(units), strict=False):
        action.unit = unit
        attributed(action, user=user, reason="sample data")
        action.save(update_fields=["unit"])
    links = cycle(measures)
    bulk_create_with_history(
        [ActionMeasure(action=a, measure_key=next(links)) for a in actions],
        ActionMeasure,
        default_user=user,
        default_change_reason="sample data",
    )
    unit_plan = _unit_plan(strategy, plan, units[0], measures[0], user)
    year = plan.year_start
    with in_language(strategy):
        for approved in (plan, unit_plan):
            approve_plan(
                approved,
                user=user,
                body=_("Municipal council"),
                date=dt.date(year - 1, 12, 10),
                reference=f"{approved.pk % 90 + 10}/{str(year - 1)[2:]}",
            )
    budgets = ActionBudget.objects.filter(action__plan__in=[plan, unit_plan], year=year)
    for budget, share in zip(
        budgets.select_related("action__plan"), cycle(SPENT), strict=False
    ):
        set_spending(
            budget.action,
            year=year,
            amount_nok=round(budget.amount_nok * share),
            user=user,
        )
    return plan


def _unit_plan(
    strategy: Strategy, parent: ActionPlan, unit: Any, measure: str, user: Any
) -> ActionPlan:
    """*unit*'s plan for the parent's first year, with one action of its own."""
    year = parent.year_start
    plan = create_plan(
        strategy, user=user, year_start=year, year_end=year, unit=unit, parent=parent
    )
    with in_language(strategy):
        action = PlanAction(
            plan=plan,
            number="1",
            title=_("Digital services in %(unit)s") % {"unit": unit.name},
            unit=unit,
            role=_("project manager"),
            start=dt.date(year, 2, 1),
            deadline=dt.date(year, 11, 30),
            category=ActionCategory.OPERATING,
            funding=_("Operating budget"),
        )
    attributed(action, user=user, reason="sample data")
    action.save()
    for row in (
        ActionMeasure(action=action, measure_key=measure),
        ActionBudget(action=action, year=year, amount_nok=150_000),
    ):
        attributed(row, user=user, reason="sample data")
        row.save()
    return plan
