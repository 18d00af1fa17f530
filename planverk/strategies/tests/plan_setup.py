"""Action plans for tests: an approved plan of the organisation with every kind of
action (over budget, past its deadline, serving nothing, outside the strategy,
exempt), an approved unit's plan under it, and a draft plan."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from planverk.strategies.models import Measure, Strategy
from planverk.strategies.models.plans import (
    ActionBudget,
    ActionMeasure,
    ActionPlan,
    ActionStatus,
    PlanAction,
    PlanState,
    Spending,
)

TODAY = dt.date(2025, 6, 1)


@dataclass
class Plans:
    strategy: Strategy
    whole: ActionPlan  # the organisation's, approved
    unit_plan: ActionPlan  # a unit's, approved, under the whole
    draft: ActionPlan
    served: PlanAction  # serves measure 3.1, over budget in 2024
    late: PlanAction  # past its deadline, started
    lonely: PlanAction  # serves nothing
    outside: PlanAction  # outside the strategy on purpose
    exempt: PlanAction
    unit_action: PlanAction
    draft_action: PlanAction


def add_action(plan: ActionPlan, number: str, **fields: Any) -> PlanAction:
    budgets = fields.pop("budgets", {})
    spent = fields.pop("spent", {})
    measures = fields.pop("measures", [])
    fields.setdefault("title", f"Tiltak {number}")
    fields.setdefault("category", "operating")
    action = PlanAction.objects.create(plan=plan, number=number, **fields)
    for year, amount in budgets.items():
        ActionBudget.objects.create(action=action, year=year, amount_nok=amount)
    for year, amount in spent.items():
        Spending.objects.create(action=action, year=year, amount_nok=amount)
    for measure in measures:
        ActionMeasure.objects.create(action=action, measure_key=measure.key)
    return action


def make_plans(strategy: Strategy) -> Plans:
    # Only these plans, whatever the loader made of the action items.
    ActionPlan.objects.filter(strategy=strategy).delete()
    measure = Measure.objects.get(theme__strategy=strategy, number="3.1")
    unit = strategy.organization.units.order_by("pk").first()
    whole = ActionPlan.objects.create(
        strategy=strategy,
        title="Handlingsplan 2024–2025",
        year_start=2024,
        year_end=2025,
        state=PlanState.APPROVED,
    )
    unit_plan = ActionPlan.objects.create(
        strategy=strategy,
        title="Handlingsplan for enheten",
        year_start=2024,
        year_end=2025,
        unit=unit,
        parent=whole,
        state=PlanState.APPROVED,
        position=1,
    )
    draft = ActionPlan.objects.create(
        strategy=strategy,
        title="Utkast til handlingsplan",
        year_start=2026,
        year_end=2026,
    )
    return Plans(
        strategy=strategy,
        whole=whole,
        unit_plan=unit_plan,
        draft=draft,
        served=add_action(
            whole,
            "1",
            title="Felles sak/arkiv",
            measures=[measure],
            budgets={2024: 100_000, 2025: 50_000},
            spent={2024: 120_000},
            deadline=dt.date(2025, 12, 31),
            status=ActionStatus.STARTED,
            funding="Driftsbudsjett",
        ),
        late=add_action(
            whole,
            "2",
            measures=[measure],
            budgets={2024: 30_000},
            spent={2024: 10_000},
            deadline=dt.date(2025, 1, 31),
            status=ActionStatus.STARTED,
            category="investment",
        ),
        lonely=add_action(whole, "3", budgets={2025: 5_000}),
        outside=add_action(whole, "4", outside_strategy=True),
        exempt=add_action(
            whole,
            "5",
            title="Hemmelig brannmur",
            budgets={2024: 777_777},
            exempt=True,
            exempt_basis="offl. § 24",
        ),
        unit_action=add_action(
            unit_plan, "1", unit=unit, budgets={2024: 20_000}, measures=[measure]
        ),
        draft_action=add_action(
            draft, "1", title="Utkastets tiltak", budgets={2026: 9_999}
        ),
    )
