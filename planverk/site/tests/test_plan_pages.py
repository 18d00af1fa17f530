"""The public pages of the action plans: the roll-up, one plan by theme or by
unit, the measure's and the unit's pages; drafts, exempt actions, queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from planverk.organizations.models import Role, Unit
from planverk.reports.charts import spending_chart
from planverk.strategies.models import ActionPlan
from planverk.strategies.permissions import PUBLIC
from planverk.strategies.plan_figures import plan_figures
from planverk.strategies.tests.plan_setup import Plans, add_action, make_plans
from planverk.testing import make_member, make_strategy

pytestmark = pytest.mark.django_db


@pytest.fixture
def client() -> Client:
    return Client(HTTP_ACCEPT_LANGUAGE="en")  # the assertions read English words


@pytest.fixture
def plans() -> Plans:
    return make_plans(make_strategy("approved"))


def _url(plans: Plans, name: str, *args: object) -> str:
    s = plans.strategy
    return reverse(f"site:{name}", args=[s.organization.slug, s.pk, *args])


def _member(plans: Plans, client: Client) -> Client:
    client.force_login(make_member("m", plans.strategy.organization, Role.READER))
    return client


def test_the_roll_up_page(client: Client, plans: Plans) -> None:
    response = client.get(_url(plans, "plan_list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert plans.whole.title in html and plans.unit_plan.title in html
    assert plans.draft.title not in html
    assert "<svg" in html and "Budget against spending" in html
    assert "Nobody acts on this" in html and "Over budget" in html
    assert "777" not in html and "Hemmelig" not in html


def test_the_plan_by_theme_in_the_municipal_layout(
    client: Client, plans: Plans
) -> None:
    html = client.get(_url(plans, "plan_detail", plans.whole.pk)).content.decode()
    for column in ("No.", "Action", "Responsible", "Deadline", "Budget per year"):
        assert column in html
    for column in ("Funding", "Spent", "Status"):
        assert column in html
    assert 'id="tema-3"' in html
    assert "Outside the strategy" in html and "Serving no measure" in html
    assert "Over budget in 2024" in html and "Serves no measure" in html
    assert 'data-label="Budget per year"' in html
    # The exempt action is there, as a row saying why, without its amount.
    assert "offl. § 24" in html
    assert "Hemmelig" not in html and "777" not in html


def test_the_plan_by_unit(client: Client, plans: Plans) -> None:
    response = client.get(
        _url(plans, "plan_detail", plans.unit_plan.pk), {"etter": "enhet"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert f'id="enhet-{plans.unit_plan.unit_id}"' in html
    assert 'aria-current="page">By unit' in html


def test_a_refused_grouping_is_400(client: Client, plans: Plans) -> None:
    url = _url(plans, "plan_detail", plans.whole.pk)
    assert client.get(url, {"etter": "<x>"}).status_code == 400


def test_a_draft_plan_is_the_members_only(client: Client, plans: Plans) -> None:
    url = _url(plans, "plan_detail", plans.draft.pk)
    assert client.get(url).status_code == 404
    member = _member(plans, client)
    html = member.get(url).content.decode()
    assert "This plan is a draft" in html and plans.draft_action.title in html
    assert plans.draft.title in member.get(_url(plans, "plan_list")).content.decode()


def test_members_see_the_exempt_action(client: Client, plans: Plans) -> None:
    member = _member(plans, client)
    html = member.get(_url(plans, "plan_detail", plans.whole.pk)).content.decode()
    assert "Hemmelig brannmur" in html


def test_an_exempt_plan_is_not_found(client: Client, plans: Plans) -> None:
    plans.unit_plan.exempt = True
    plans.unit_plan.save()
    assert client.get(_url(plans, "plan_detail", plans.unit_plan.pk)).status_code == 404
    html = client.get(_url(plans, "plan_list")).content.decode()
    assert plans.unit_plan.title not in html


def test_a_draft_strategy_hides_its_plans(client: Client) -> None:
    plans = make_plans(make_strategy("draft"))
    assert client.get(_url(plans, "plan_list")).status_code == 404
    assert client.get(_url(plans, "plan_detail", plans.whole.pk)).status_code == 404


def test_the_measure_page_lists_its_actions(client: Client, plans: Plans) -> None:
    html = client.get(_url(plans, "measure_detail", "3.1")).content.decode()
    assert "Actions serving this measure" in html
    assert plans.served.title in html and plans.unit_action.title in html
    other = client.get(_url(plans, "measure_detail", "3.2")).content.decode()
    assert "Nobody acts on this" in other


def test_the_unit_page_shows_its_plans(client: Client, plans: Plans) -> None:
    org = plans.strategy.organization
    url = reverse("site:unit_detail", args=[org.slug, plans.unit_plan.unit_id])
    html = client.get(url).content.decode()
    assert plans.unit_plan.title in html


def test_a_unit_named_only_by_a_plan_has_its_page(client: Client, plans: Plans) -> None:
    """A unit that only owns an approved plan is known to the public by it; one
    that only owns a draft plan is not."""
    org = plans.strategy.organization
    only_plans = Unit.objects.create(organization=org, name="Skulekontoret")
    ActionPlan.objects.filter(pk=plans.unit_plan.pk).update(unit=only_plans)
    url = reverse("site:unit_detail", args=[org.slug, only_plans.pk])
    assert plans.unit_plan.title in client.get(url).content.decode()
    ActionPlan.objects.filter(pk=plans.unit_plan.pk).update(state="draft")
    assert client.get(url).status_code == 404


def test_the_strategy_navigation_links_the_plans(client: Client, plans: Plans) -> None:
    html = client.get(plans.strategy.get_absolute_url()).content.decode()
    assert _url(plans, "plan_list") in html


@pytest.mark.parametrize("name", ["plan_list", "plan_detail", "measure_detail"])
def test_queries_do_not_grow_with_the_actions(
    client: Client, plans: Plans, name: str
) -> None:
    args = {"plan_list": [], "plan_detail": [plans.whole.pk]}.get(name, ["3.1"])
    url = _url(plans, name, *args)
    member = _member(plans, client)  # uncached

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert member.get(url).status_code == 200
        return len(queries)

    before = count()
    key = plans.served.served.get().measure_key
    for n in range(6, 30):
        action = add_action(
            plans.whole, str(n), unit=plans.unit_plan.unit, budgets={2024: n}
        )
        action.served.create(measure_key=key)
    assert count() == before


def test_the_chart_says_in_words_what_its_bars_show(plans: Plans) -> None:
    with translation.override("en"):
        chart = spending_chart(plan_figures(plans.strategy, PUBLIC))
        svg = chart.svg
    assert 'role="img"' in svg and "<title" in svg and "<desc" in svg
    assert "Budget 120,000" in svg and "Spent 120,000" in svg
    assert "2024 Operating: budget 120,000, spent 120,000." in chart.description
    assert chart.png()[:4] == b"\x89PNG"  # the spec a report draws is sound
