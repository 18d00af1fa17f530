"""Issue 15 end to end in Chromium: an editor makes the 2024 action plan of an
approved strategy, adds an action serving two measures and a finished one,
makes a unit's sub-plan and approves both. The unit editor enters spending
above their action's budget; a spending CSV with one bad row is refused whole.
Next year's plan carries the unfinished action over with its key. The
measure's public page lists its actions, and the plan list shows the flags.
axe checks the plan edit page and the public plan page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from planverk.strategies.models import ActionPlan, Measure, PlanAction, Strategy
from planverk.strategies.models.plans import Spending
from planverk.testing import make_personas, make_strategy

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("national_agenda"),
]

Axe = Callable[[Any], list[dict[str, Any]]]

YEAR = 2024  # inside the strategy's period, 2024–2027
UNIT = "Arkiv"


Open = Callable[..., Any]


@pytest.fixture
def open_as(browser: Any, live_server: Any) -> Iterator[Open]:
    """Pages in English, each signed in as a user (nobody if None); closed before
    the live server stops, so that it has no connection left to close."""
    contexts: list[Any] = []

    def open_page(user: Any = None) -> Any:
        context = browser.new_context(locale="en-GB", base_url=live_server.url)
        contexts.append(context)
        if user is not None:
            client = Client()
            client.force_login(user)
            cookie = {"name": "sessionid", "value": client.cookies["sessionid"].value}
            context.add_cookies([{**cookie, "url": live_server.url}])
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def make_plan(page: Any, base: str, unit: str = "") -> None:
    """A new plan of YEAR, of the organisation or of *unit*."""
    page.goto(base + "ny/")
    if unit:
        page.get_by_label("Whose plan").select_option(label=unit)
    page.get_by_label("First year").fill(str(YEAR))
    page.get_by_label("Last year").fill(str(YEAR))
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/rediger/")


def add_action(
    page: Any,
    title: str,
    *,
    measures: tuple[str, ...] = (),
    budget: str = "",
    unit: str = "",
    status: str = "",
) -> None:
    """Add an action from the plan's edit page shown; *measures* are labels."""
    page.get_by_role("link", name="Add an action").click()
    page.get_by_label("Title", exact=True).fill(title)
    for measure in measures:
        page.get_by_label(measure, exact=True).check()
    if not measures:
        page.get_by_label("Outside the strategy").check()
    page.get_by_label("Operating").check()
    if unit:
        page.get_by_label("Responsible unit").select_option(label=unit)
    if status:
        page.get_by_label("Status").select_option(label=status)
    if budget:
        page.get_by_label(f"Budget {YEAR} (NOK)").fill(budget)
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/rediger/#action-*")


def approve(page: Any, base: str, plan: ActionPlan) -> None:
    page.goto(f"{base}{plan.pk}/vedta/")
    page.get_by_label("Decided by").fill("Kommunestyret")
    page.get_by_label("Date").fill(f"{YEAR}-02-01")
    page.get_by_role("button", name="Approve", exact=True).click()
    page.wait_for_url("**/handlingsplaner/ny/")


def label(measure: Measure) -> str:
    return f"{measure.number} {measure.objective}".strip()


def test_an_action_plan_from_draft_to_next_year(open_as: Open, axe: Axe) -> None:
    strategy: Strategy = make_strategy("approved")
    strategy.action_plans.all().delete()  # whatever the document's items made
    org = strategy.organization
    people = make_personas(org, org.units.get(name=UNIT))
    measures = {m.number: m for m in Measure.objects.filter(theme__strategy=strategy)}
    base = f"/o/{org.slug}/s/{strategy.pk}/handlingsplaner/"
    found: dict[str, Any] = {}

    # The editor makes the organisation's plan, with an action serving two
    # measures and a finished one, and a unit's plan under it.
    page = open_as(people.editor)
    make_plan(page, base)
    add_action(
        page,
        "Strømming av møtene",
        measures=(label(measures["3.1"]), label(measures["3.2"])),
        budget="100 000",
    )
    add_action(page, "Ferdig opprydding", status="Done")
    if violations := axe(page):
        found["plan edit"] = violations
    whole = ActionPlan.objects.get(strategy=strategy, unit=None)
    served = whole.actions.get(title="Strømming av møtene")
    assert set(served.served.values_list("measure_key", flat=True)) == {
        measures["3.1"].key,
        measures["3.2"].key,
    }
    make_plan(page, base, unit=UNIT)
    add_action(
        page,
        "Skanning av arkivet",
        measures=(label(measures["3.1"]),),
        budget="50 000",
        unit=UNIT,
    )
    unit_plan = ActionPlan.objects.get(strategy=strategy, unit__name=UNIT)
    assert unit_plan.parent_id == whole.pk
    approve(page, base, whole)
    approve(page, base, unit_plan)
    assert set(ActionPlan.objects.values_list("state", flat=True)) == {"approved"}

    # The unit editor enters their action's spending, above its budget.
    unit_page = open_as(people.unit_editor)
    unit_page.goto(f"{base}{unit_plan.pk}/forbruk/?year={YEAR}")
    unit_page.get_by_label("Skanning av arkivet").fill("60 000")
    unit_page.get_by_role("button", name="Save spending").click()
    unit_page.get_by_text(f"The spending of {YEAR} is saved.").wait_for()
    scanning = unit_plan.actions.get()
    assert Spending.objects.get(action=scanning, year=YEAR).amount_nok == 60_000

    # A spending CSV with one bad row (an action the plan lacks) stores nothing.
    before = Spending.objects.count()
    page.goto(reverse("strategies:spending_import", args=[org.slug]))
    csv = (
        f"plan,action,year,amount\n{whole.key},1,{YEAR},1000\n{whole.key},99,{YEAR},5\n"
    )
    page.get_by_label("Spending CSV").set_input_files(
        files=[{"name": "forbruk.csv", "mimeType": "text/csv", "buffer": csv.encode()}]
    )
    page.get_by_role("button", name="Import spending").click()
    alert = page.get_by_role("alert").filter(has_text="Nothing was stored")
    alert.wait_for()
    assert "row 3" in alert.inner_text() and "row 2" not in alert.inner_text()
    assert Spending.objects.count() == before

    # Next year's plan carries the unfinished action over, with its key.
    page.goto(f"{base}{whole.pk}/neste-ar/")
    page.get_by_role("button", name="Make next year's plan").click()
    page.locator("#carried").wait_for()
    carried = PlanAction.objects.filter(plan__carried_from=whole)
    assert list(carried.values_list("key", "number")) == [(served.key, served.number)]
    assert carried.get().plan.year_start == YEAR + 1

    # The public: the measure's page lists its actions, the plan list the flags.
    public = open_as()
    public.goto(reverse("site:measure_detail", args=[org.slug, strategy.pk, "3.1"]))
    serving = public.locator("section").filter(has_text="Actions serving this measure")
    for title in ("Strømming av møtene", "Skanning av arkivet"):
        assert serving.get_by_role("link", name=title).is_visible()
    public.goto(reverse("site:plan_list", args=[org.slug, strategy.pk]))
    flags = public.locator("section").filter(has_text="To look into")
    assert flags.get_by_role("link", name="Measure 3.10").is_visible()
    assert flags.get_by_text(f"Over budget in {YEAR}").is_visible()
    assert not flags.get_by_role("link", name="Measure 3.1", exact=True).count()
    public.goto(reverse("site:plan_detail", args=[org.slug, strategy.pk, whole.pk]))
    assert public.get_by_text("Strømming av møtene").first.is_visible()
    if violations := axe(public):
        found["public plan"] = violations
    assert found == {}
