"""Making and editing action plans (actions/plans.py, views/plans.py): plans of the
organisation and of nested units, actions serving measures by key, approval
with its decision row, the frozen approved plan, next year's plan, and bounded
queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from planverk.organizations.models import Unit
from planverk.strategies.actions import plans as actions
from planverk.strategies.models import (
    ActionMeasure,
    ActionPlan,
    Decision,
    Measure,
    PlanAction,
    Strategy,
)
from planverk.strategies.models.plans import ActionStatus, PlanState
from planverk.testing import Personas, make_personas, make_strategy

pytestmark = pytest.mark.django_db


@dataclass
class World:
    strategy: Strategy
    people: Personas
    measures: list[Measure]

    @property
    def base(self) -> str:
        return f"/o/{self.strategy.organization.slug}/s/{self.strategy.pk}/handlingsplaner/"

    def client(self, role: str = "editor") -> Client:
        client = Client()
        client.force_login(getattr(self.people, role))
        return client


@pytest.fixture
def world() -> World:
    strategy = make_strategy("approved")
    org = strategy.organization
    people = make_personas(org, org.units.get(name="Arkiv"))
    # Start with no plans, whatever the document brought.
    strategy.action_plans.all().delete()
    measures = list(
        Measure.objects.filter(theme__strategy=strategy).order_by(
            "theme__sort_key", "sort_key"
        )
    )
    return World(strategy, people, measures)


def action_data(plan: ActionPlan, **fields: Any) -> dict[str, Any]:
    data = {
        "title": "Nytt sak- og arkivsystem",
        "category": "investment",
        "status": "planned",
        "start": "2011-01-01",
        "deadline": "2011-12-31",
        "role": "prosjektleder",
        "funding": "Investeringsbudsjett",
    }
    data.update({f"budget_{y}": "" for y in range(plan.year_start, plan.year_end + 1)})
    data.update(fields)
    return data


def make_plan(world: World, **fields: Any) -> ActionPlan:
    values = {"year_start": 2011, "year_end": 2011, **fields}
    return actions.create_plan(world.strategy, user=world.people.editor, **values)


def test_an_editor_makes_the_organisation_plan_and_nested_unit_plans(
    world: World,
) -> None:
    org = world.strategy.organization
    culture = org.units.get(name="Oppvekst og kultur")
    school = Unit.objects.create(organization=org, name="Fjordvik vgs", parent=culture)
    client = world.client()
    assert client.get(world.base + "ny/").status_code == 200
    response = client.post(
        world.base + "ny/", {"year_start": "2011", "year_end": "2011"}
    )
    assert response.status_code == 302
    whole = ActionPlan.objects.get(strategy=world.strategy, unit=None)
    assert whole.title == actions.default_title(world.strategy, 2011, 2011)
    assert "2011" in whole.title and whole.state == PlanState.DRAFT
    assert response["Location"] == f"{world.base}{whole.pk}/rediger/"
    for unit in (culture, school):
        data = {"unit": unit.pk, "year_start": "2011", "year_end": "2011"}
        assert client.post(world.base + "ny/", data).status_code == 302
    culture_plan = ActionPlan.objects.get(unit=culture)
    assert culture_plan.parent == whole
    assert ActionPlan.objects.get(unit=school).parent == culture_plan
    assert whole.history.count() == 1


def test_a_unit_editor_makes_only_their_units_plan(world: World) -> None:
    client = world.client("unit_editor")
    arkiv = world.strategy.organization.units.get(name="Arkiv")
    other = world.strategy.organization.units.get(name="Oppvekst og kultur")
    years = {"year_start": "2011", "year_end": "2011"}
    assert client.post(world.base + "ny/", years).status_code == 422  # a unit is needed
    assert (
        client.post(world.base + "ny/", {**years, "unit": other.pk}).status_code == 403
    )
    assert (
        client.post(world.base + "ny/", {**years, "unit": arkiv.pk}).status_code == 302
    )
    assert world.client("reader").get(world.base + "ny/").status_code == 403
    form = client.get(world.base + "ny/").content.decode()
    assert ">Arkiv<" in form and ">Oppvekst og kultur<" not in form


def test_actions_serve_measures_by_key_or_are_outside_the_strategy(
    world: World,
) -> None:
    plan = make_plan(world)
    client = world.client()
    first, second = world.measures[0], world.measures[1]
    url = f"{world.base}{plan.pk}/tiltak/ny/"
    assert client.get(url).status_code == 200
    data = action_data(plan, measures=[first.key, second.key], budget_2011="400 000")
    assert client.post(url, data).status_code == 302
    action = PlanAction.objects.get(plan=plan)
    assert action.number == "1"
    assert sorted(action.served.values_list("measure_key", flat=True)) == sorted(
        [first.key, second.key]
    )
    assert list(action.budgets.values_list("year", "amount_nok")) == [(2011, 400000)]
    assert client.post(url, action_data(plan, outside_strategy="on")).status_code == 302
    outside = PlanAction.objects.get(plan=plan, number="2")
    assert outside.outside_strategy and not outside.served.exists()

    refused = client.post(url, action_data(plan))
    assert refused.status_code == 422
    assert 'id="id_measures_error"' in refused.content.decode()
    duplicate = client.post(url, action_data(plan, number="1", outside_strategy="on"))
    assert duplicate.status_code == 422
    assert 'id="id_number_error"' in duplicate.content.decode()
    assert plan.actions.count() == 2


def test_an_action_edit_is_a_compare_and_set_with_history(world: World) -> None:
    plan = make_plan(world)
    action = actions.add_action(
        plan,
        {"title": "A", "category": "operating"},
        user=world.people.editor,
        measures=[world.measures[0].key],
    )
    url = f"{world.base}{plan.pk}/tiltak/{action.pk}/"
    client = world.client()
    assert client.get(url).status_code == 200
    data = action_data(
        plan,
        number="1",
        revision=action.revision,
        title="B",
        measures=[world.measures[2].key],
        budget_2011="5 000",
    )
    assert client.post(url, data).status_code == 302
    action.refresh_from_db()
    assert action.title == "B" and action.revision == 2
    assert list(action.served.values_list("measure_key", flat=True)) == [
        world.measures[2].key
    ]
    stale = client.post(url, {**data, "title": "C"})
    assert stale.status_code == 409
    action.refresh_from_db()
    assert action.title == "B"
    assert action.history.count() == 2


def test_an_action_is_removed_with_a_reason(world: World) -> None:
    plan = make_plan(world)
    action = actions.add_action(
        plan,
        {"title": "A", "category": "operating", "outside_strategy": True},
        user=world.people.editor,
    )
    url = f"{world.base}{plan.pk}/tiltak/{action.pk}/fjern/"
    client = world.client()
    assert client.get(url).status_code == 200
    assert client.post(url, {"revision": action.revision}).status_code == 422
    response = client.post(url, {"revision": action.revision, "reason": "Utgår"})
    assert response.status_code == 302 and not plan.actions.exists()
    assert (
        PlanAction.history.filter(id=action.pk, history_type="-")
        .get()
        .history_change_reason
        == "Utgår"
    )


def test_a_removed_action_comes_back_with_its_measures_and_budget(
    world: World,
) -> None:
    plan = make_plan(world)
    editor = world.people.editor
    action = actions.add_action(
        plan,
        {"title": "A", "category": "operating"},
        user=editor,
        measures=[world.measures[0].key],
        budget={2011: 100},
    )
    key = action.key
    removed = actions.remove_action(action, user=editor, reason="Feil")
    assert not ActionMeasure.objects.filter(measure_key=world.measures[0].key).exists()
    actions.add_action(
        plan,
        {"title": "B", "category": "operating", "outside_strategy": True},
        user=editor,
    )
    restored = actions.restore_action(plan, removed.pk, user=editor)
    back = PlanAction.objects.get(key=key)
    assert restored.renumbered == "2" and back.number == "2"
    assert list(back.served.values_list("measure_key", flat=True)) == [
        world.measures[0].key
    ]
    assert list(back.budgets.values_list("year", "amount_nok")) == [(2011, 100)]


def test_approving_writes_the_decision_row_bound_to_the_plan(world: World) -> None:
    plan = make_plan(world)
    url = f"{world.base}{plan.pk}/vedta/"
    assert world.client("unit_editor").get(url).status_code == 403
    client = world.client()
    assert client.get(url).status_code == 200
    assert client.post(url, {"body": "", "date": "2011-02-01"}).status_code == 422
    data = {"body": "Kommunestyret", "date": "2011-02-01", "reference": "PS 12/2011"}
    assert client.post(url, data).status_code == 302
    plan.refresh_from_db()
    assert plan.state == PlanState.APPROVED
    # The public sees the strategy anew: every cache keyed on updated_at follows.
    stamp = world.strategy.updated_at
    assert Strategy.objects.get(pk=world.strategy.pk).updated_at > stamp
    decision = Decision.objects.get(approves_plan=plan)
    assert decision.strategy == world.strategy
    assert (decision.body, decision.date, decision.reference) == (
        "Kommunestyret",
        dt.date(2011, 2, 1),
        "PS 12/2011",
    )


@pytest.mark.parametrize("role", ["editor", "site_admin"])
def test_an_approved_plan_is_frozen_on_every_route(world: World, role: str) -> None:
    plan = make_plan(world)
    action = actions.add_action(
        plan,
        {"title": "A", "category": "operating", "outside_strategy": True},
        user=world.people.editor,
    )
    actions.approve_plan(
        plan,
        user=world.people.editor,
        body="Kommunestyret",
        date=dt.date(2011, 2, 1),
        reference="",
    )
    client = world.client(role)
    paths = {
        f"{plan.pk}/rediger/": {
            "revision": plan.revision,
            "title": "X",
            "year_start": "2011",
            "year_end": "2011",
        },
        f"{plan.pk}/tiltak/ny/": action_data(plan, outside_strategy="on"),
        f"{plan.pk}/tiltak/{action.pk}/": action_data(
            plan, number="1", revision=action.revision, outside_strategy="on"
        ),
        f"{plan.pk}/tiltak/{action.pk}/fjern/": {
            "revision": action.revision,
            "reason": "x",
        },
        f"{plan.pk}/vedta/": {"body": "X", "date": "2011-03-01"},
    }
    for path, data in paths.items():
        assert client.get(world.base + path).status_code == 409, path
        assert client.post(world.base + path, data).status_code == 409, path
        assert (
            client.post(
                world.base + path, data, headers={"HX-Request": "true"}
            ).status_code
            == 409
        )
    plan.refresh_from_db()
    assert plan.title != "X" and plan.actions.count() == 1
    assert Decision.objects.filter(approves_plan=plan).count() == 1


def test_next_years_plan_carries_the_unfinished_actions(world: World) -> None:
    plan = make_plan(world, year_end=2013)
    editor = world.people.editor
    key = world.measures[0].key
    kept = {}
    for number, status in (
        ("1", ActionStatus.PLANNED),
        ("2", ActionStatus.STARTED),
        ("3", ActionStatus.DONE),
        ("4", ActionStatus.CANCELLED),
    ):
        action = actions.add_action(
            plan,
            {
                "number": number,
                "title": f"Tiltak {number}",
                "category": "operating",
                "status": status,
            },
            user=editor,
            measures=[key],
            budget={2011: 1, 2012: 2, 2013: 3},
        )
        kept[number] = action.key
    actions.approve_plan(
        plan, user=editor, body="Kommunestyret", date=dt.date(2011, 2, 1), reference=""
    )
    client = world.client()
    url = f"{world.base}{plan.pk}/neste-ar/"
    shown = client.get(url)
    assert shown.status_code == 200 and "Tiltak 2" in shown.content.decode()
    assert "Tiltak 3" not in shown.content.decode()
    response = client.post(url)
    assert response.status_code == 302
    new = ActionPlan.objects.get(carried_from=plan)
    assert (new.year_start, new.year_end, new.state) == (2014, 2014, PlanState.DRAFT)
    carried = list(new.actions.order_by("number"))
    assert [(a.number, a.key) for a in carried] == [("1", kept["1"]), ("2", kept["2"])]
    for action in carried:
        assert list(action.served.values_list("measure_key", flat=True)) == [key]
        assert not action.budgets.exists()  # 2011–2013 are before 2014
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert 'id="carried"' in page.content.decode()
    assert client.post(url).status_code == 422  # made once only


def test_next_years_plan_keeps_the_later_budgets(world: World) -> None:
    plan = make_plan(world)
    action = actions.add_action(
        plan,
        {"title": "A", "category": "operating", "outside_strategy": True},
        user=world.people.editor,
        budget={2011: 100},
    )
    # A budget beyond the plan's period, for a later year (as imported plans have).
    actions.set_budget(action, {2012: 200, 2013: 300}, user=world.people.editor)
    carried = actions.next_year_plan(plan, user=world.people.editor)
    assert carried.plan.year_start == 2012
    (copy,) = carried.actions
    assert copy.key == action.key and copy.outside_strategy
    assert list(copy.budgets.values_list("year", "amount_nok")) == [
        (2012, 200),
        (2013, 300),
    ]


def _fill(world: World, plan: ActionPlan, count: int) -> None:
    keys = [m.key for m in world.measures[:2]]
    for _n in range(count):
        actions.add_action(
            plan,
            {"title": "T", "category": "operating"},
            user=world.people.editor,
            measures=keys,
            budget={2011: 10},
        )


def test_the_editing_pages_take_a_bounded_number_of_queries(world: World) -> None:
    plan = make_plan(world)
    client = world.client()

    def counts() -> list[int]:
        action = plan.actions.first()
        assert action is not None
        found = []
        for path in (
            "ny/",
            f"{plan.pk}/rediger/",
            f"{plan.pk}/tiltak/ny/",
            f"{plan.pk}/tiltak/{action.pk}/",
            f"{plan.pk}/neste-ar/",
        ):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(world.base + path).status_code == 200
            found.append(len(queries))
        return found

    _fill(world, plan, 2)
    few = counts()
    _fill(world, plan, 10)
    assert counts() == few
    assert max(few) <= 25, few


def test_the_strategy_editing_page_links_to_the_plans(world: World) -> None:
    org = world.strategy.organization.slug
    page = world.client().get(f"/o/{org}/s/{world.strategy.pk}/rediger/")
    assert f'href="{world.base}ny/"' in page.content.decode()
