"""The action plan editing pages in Chromium: axe over every one (with errors
shown too), and an action added with htmx, its errors swapped in place."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.test import Client

from planverk.strategies.actions import plans as actions
from planverk.strategies.models import ActionPlan, Measure, PlanAction, Strategy
from planverk.testing import Personas, make_personas, make_strategy

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("national_agenda"),
]

Axe = Callable[[Any], list[dict[str, Any]]]


@pytest.fixture
def strategy() -> Strategy:
    strategy = make_strategy("approved")
    strategy.action_plans.all().delete()  # whatever the document brought
    return strategy


@pytest.fixture
def people(strategy: Strategy) -> Personas:
    org = strategy.organization
    return make_personas(org, org.units.get(name="Arkiv"))


@pytest.fixture
def plan(strategy: Strategy, people: Personas) -> ActionPlan:
    plan = actions.create_plan(
        strategy, user=people.editor, year_start=2011, year_end=2012
    )
    key = Measure.objects.filter(theme__strategy=strategy).values_list("key", flat=True)
    actions.add_action(
        plan,
        {"title": "Nytt arkivsystem", "category": "investment"},
        user=people.editor,
        measures=list(key[:2]),
        budget={2011: 400_000},
    )
    return plan


@pytest.fixture
def editor_page(browser: Any, live_server: Any, people: Personas) -> Iterator[Any]:
    client = Client()
    client.force_login(people.editor)
    context = browser.new_context(locale="en-GB", base_url=live_server.url)
    cookie = {"name": "sessionid", "value": client.cookies["sessionid"].value}
    context.add_cookies([{**cookie, "url": live_server.url}])
    yield context.new_page()
    context.close()


def test_every_plan_editing_page_passes_axe(
    strategy: Strategy,
    people: Personas,
    plan: ActionPlan,
    editor_page: Any,
    axe: Axe,
) -> None:
    page = editor_page
    base = f"/o/{strategy.organization.slug}/s/{strategy.pk}/handlingsplaner/"
    action = plan.actions.get()
    pages = [
        "ny/",
        f"{plan.pk}/rediger/",
        f"{plan.pk}/tiltak/ny/",
        f"{plan.pk}/tiltak/{action.pk}/",
        f"{plan.pk}/tiltak/{action.pk}/fjern/",
        f"{plan.pk}/vedta/",
        f"{plan.pk}/neste-ar/",
    ]
    found = {}
    for path in pages:
        response = page.goto(base + path)
        assert response is not None and response.status == 200, path
        if violations := axe(page):
            found[path] = violations
    # An action that serves nothing, sent with htmx: its errors swap in place.
    page.goto(base + f"{plan.pk}/tiltak/ny/")
    page.get_by_label("Title", exact=True).fill("Uten tiltak")
    page.get_by_label("Operating").check()
    page.get_by_role("button", name="Save").click()
    page.locator("#id_measures_error").wait_for()
    assert page.url.endswith("/tiltak/ny/")
    if violations := axe(page):
        found["action with errors"] = violations
    # Approved: the page that says the plan is frozen, and next year's plan.
    actions.approve_plan(
        plan,
        user=people.editor,
        body="Kommunestyret",
        date=dt.date(2011, 2, 1),
        reference="",
    )
    response = page.goto(base + f"{plan.pk}/rediger/")
    assert response is not None and response.status == 409
    if violations := axe(page):
        found["frozen"] = violations
    page.goto(base + f"{plan.pk}/neste-ar/")
    page.get_by_role("button", name="Make next year's plan").click()
    page.locator("#carried").wait_for()
    if violations := axe(page):
        found["carried over"] = violations
    assert found == {}
    assert PlanAction.objects.filter(plan__carried_from=plan).count() == 1
