"""A strategy's first action plans, made from the action items its document brought.

One organisation plan per distinct first year of the items ("Handlingsplan
2010": the municipality's operating items of 2010 and its investments, which
start that year; "Action plan 2011": the operating items of 2011–2013), from
that year to the last year of its items, in draft; the items' order is kept. Each item becomes an action
serving no measure, so it is flagged until an editor links it. An amount over
several years is spread evenly, in whole kroner, the remainder on the last
year. The items themselves, and the totals, are left as they are.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from planverk.lib.numbering import natural_key
from planverk.strategies.actions.plans import default_title
from planverk.strategies.models import ActionItem, Strategy
from planverk.strategies.models.plans import ActionBudget, ActionPlan, PlanAction


def spread(amount: int, start: int, end: int) -> dict[int, int]:
    """*amount* over the years *start*–*end*: evenly, the remainder on the last."""
    years = list(range(start, end + 1))
    share, rest = divmod(amount, len(years))
    return {y: share + (rest if y == end else 0) for y in years}


@transaction.atomic
def plans_from_items(
    strategy: Strategy, *, user: Any = None, reason: str = "from action items"
) -> list[ActionPlan]:
    """Make *strategy*'s first plans from its action items; nothing when it has
    plans already or no items. Returns the plans made."""
    if strategy.action_plans.exists():
        return []
    items = list(ActionItem.objects.filter(strategy=strategy))
    if not items:
        return []
    author = user if getattr(user, "pk", None) is not None else None
    history = {"default_user": author, "default_change_reason": reason}
    by_year: dict[int, list[ActionItem]] = {}
    for item in items:
        by_year.setdefault(item.year_start, []).append(item)
    plans = [
        ActionPlan(
            strategy=strategy,
            # Named for its first year: "Handlingsplan 2011", as the documents say.
            title=default_title(strategy, year, year),
            year_start=year,
            year_end=max(i.year_end for i in group),
            position=i,
        )
        for i, (year, group) in enumerate(sorted(by_year.items()))
    ]
    plans = bulk_create_with_history(plans, ActionPlan, **history)
    actions = [
        PlanAction(
            plan=plan,
            number=item.number,
            sort_key=natural_key(item.number),
            title=item.title,
            description="\n".join(f"- {point}" for point in item.items),
            category=item.category,
            funding=item.funding,
            remarks=item.remarks,
            exempt=item.exempt,
            exempt_basis=item.exempt_basis,
            exempt_title_shown=item.exempt_title_shown,
        )
        for plan, (_year, group) in zip(plans, sorted(by_year.items()), strict=True)
        for item in group
    ]
    actions = bulk_create_with_history(actions, PlanAction, **history)
    budgets = [
        ActionBudget(action=action, year=year, amount_nok=amount)
        for action, item in zip(
            actions, [i for _y, g in sorted(by_year.items()) for i in g], strict=True
        )
        if item.amount_nok is not None
        for year, amount in spread(
            item.amount_nok, item.year_start, item.year_end
        ).items()
    ]
    bulk_create_with_history(budgets, ActionBudget, **history)
    return plans
