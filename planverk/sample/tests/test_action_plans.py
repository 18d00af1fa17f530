"""The demo's organisations have approved action plans at work."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from planverk.strategies.models import Decision, Strategy
from planverk.strategies.models.plans import ActionBudget, ActionPlan, Spending

pytestmark = pytest.mark.django_db


def test_the_demos_organisations_have_plans_with_spending_below_and_above() -> None:
    call_command("demo", orgs=3, seed=1, no_serve=True)
    approved = Strategy.objects.filter(state="approved")
    assert approved.exists()  # an organisation with a strategy in draft has none
    for strategy in approved:
        plans = ActionPlan.objects.filter(strategy=strategy, state="approved")
        whole = plans.get(unit=None)
        unit_plan = plans.get(unit__isnull=False)
        assert unit_plan.parent == whole
        assert whole.actions.filter(served__isnull=False).exists()
        assert not whole.actions.filter(served__isnull=True).exists()
        assert Decision.objects.filter(approves_plan__in=plans).count() == 2
    budget = {
        (b.action_id, b.year): b.amount_nok
        for b in ActionBudget.objects.filter(action__plan__state="approved")
    }
    spent = [
        (s.amount_nok, budget[(s.action_id, s.year)]) for s in Spending.objects.all()
    ]
    assert any(s < b for s, b in spent) and any(s > b for s, b in spent)
    counts = Spending.objects.count()
    call_command("demo", orgs=3, seed=1, no_serve=True)  # a second run changes nothing
    assert Spending.objects.count() == counts
