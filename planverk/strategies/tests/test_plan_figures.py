"""The one read model of action-plan figures: flags, roll-ups, disclosure, queries."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from planverk.organizations.models import Role
from planverk.strategies.models import BudgetTotal
from planverk.strategies.permissions import OPERATOR, PUBLIC
from planverk.strategies.plan_figures import plan_figures
from planverk.strategies.tests.plan_setup import TODAY, Plans, add_action, make_plans
from planverk.testing import make_member, make_strategy

pytestmark = pytest.mark.django_db


@pytest.fixture
def plans() -> Plans:
    return make_plans(make_strategy("approved"))


def _action(roll: Any, pk: int) -> Any:
    return next(a for p in roll.plans for a in p.actions if a.pk == pk)


def test_flags_of_each_action(plans: Plans) -> None:
    roll = plan_figures(plans.strategy, OPERATOR, today=TODAY)
    served = _action(roll, plans.served.pk)
    assert served.budget == {2024: 100_000, 2025: 50_000}
    assert served.spending == {2024: 120_000}
    assert served.over_budget_years == [2024]
    assert not served.past_deadline and not served.serves_nothing
    assert [m.number for m in served.measures] == ["3.1"]
    late = _action(roll, plans.late.pk)
    assert late.past_deadline and not late.over_budget
    assert _action(roll, plans.lonely.pk).serves_nothing
    outside = _action(roll, plans.outside.pk)
    assert not outside.serves_nothing and not outside.flagged


def test_a_finished_action_is_not_late(plans: Plans) -> None:
    plans.late.status = "done"
    plans.late.save()
    roll = plan_figures(plans.strategy, OPERATOR, today=TODAY)
    assert not _action(roll, plans.late.pk).past_deadline


def test_measures_units_and_years(plans: Plans) -> None:
    roll = plan_figures(plans.strategy, OPERATOR, today=TODAY)
    measure = next(m for m in roll.measures if m.measure.number == "3.1")
    assert {a.pk for a in measure.actions} == {
        plans.served.pk,
        plans.late.pk,
        plans.unit_action.pk,
    }
    assert measure.budget_total == 200_000
    assert measure.deadlines[0].isoformat() == "2025-01-31"
    assert "3.2" in {m.measure.number for m in roll.unserved}
    assert "3.1" not in {m.measure.number for m in roll.unserved}
    assert plans.unit_plan.unit_id is not None
    unit = roll.unit(plans.unit_plan.unit_id)
    assert unit is not None
    assert [p.pk for p in unit.plans] == [plans.unit_plan.pk]
    assert unit.budget == 20_000
    assert unit.organization_budget == roll.budget_total
    year_2024 = next(r for r in roll.years if r.year == 2024)
    assert year_2024.budget == [100_000 + 777_777 + 20_000, 30_000]
    assert year_2024.spending == [120_000, 10_000]


def test_the_public_sees_approved_plans_and_no_exempt_amount(plans: Plans) -> None:
    roll = plan_figures(plans.strategy, PUBLIC, today=TODAY)
    assert plans.draft.pk not in {p.pk for p in roll.plans}
    exempt = _action(roll, plans.exempt.pk)
    assert exempt.withheld and exempt.budget == {} and "offl. § 24" in exempt.title
    assert "Hemmelig" not in exempt.title
    assert roll.any_withheld
    assert 777_777 not in [b for r in roll.years for b in r.budget]
    assert roll.budget_total == 100_000 + 50_000 + 30_000 + 5_000 + 20_000
    # A stated total of the exempt action's category is withheld with it.
    operating = [t for t in roll.totals if t.category == "operating"]
    assert operating and all(t.stated is None and t.withheld for t in operating)


def test_members_see_the_draft_and_the_exempt_action(plans: Plans) -> None:
    member = make_member("leser", plans.strategy.organization, Role.READER)
    roll = plan_figures(plans.strategy, member, today=TODAY)
    assert plans.draft.pk in {p.pk for p in roll.plans}
    assert _action(roll, plans.exempt.pk).budget == {2024: 777_777}
    assert not roll.any_withheld
    anonymous = plan_figures(plans.strategy, AnonymousUser(), today=TODAY)
    assert plans.draft.pk not in {p.pk for p in anonymous.plans}


def test_stated_against_computed_totals(plans: Plans) -> None:
    roll = plan_figures(plans.strategy, OPERATOR, today=TODAY)
    investment = next(t for t in roll.totals if t.category == "investment")
    stated = BudgetTotal.objects.get(strategy=plans.strategy, category="investment")
    assert investment.stated == stated.stated_nok
    assert investment.computed == 2_500_000
    assert investment.planned == 30_000 and investment.spent == 10_000


def test_an_exempt_plan_hides_its_actions(plans: Plans) -> None:
    plans.unit_plan.exempt = True
    plans.unit_plan.exempt_basis = "offl. § 13"
    plans.unit_plan.save()
    roll = plan_figures(plans.strategy, PUBLIC, today=TODAY)
    hidden = roll.plan(plans.unit_plan.pk)
    assert hidden is not None and hidden.withheld and hidden.actions == []
    assert hidden.title == "" and "offl. § 13" in hidden.withheld_text
    assert plans.unit_action.pk not in {a.pk for a in roll.actions}


def test_queries_do_not_grow_with_the_actions(plans: Plans) -> None:
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            plan_figures(plans.strategy, PUBLIC, today=TODAY)
        return len(queries)

    before = count()
    measure = plans.served.served.get().measure_key
    for n in range(6, 26):
        action = add_action(plans.whole, str(n), budgets={2024: n}, spent={2025: n})
        action.served.create(measure_key=measure)
    assert count() == before <= 8
