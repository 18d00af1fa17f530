"""planverk/1's action_plans: in and out byte-identical, old documents as before,
the first plans made of the action items, and the backup keeping them."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from conftest import MUNICIPALITY_SEED
from planverk.format.agendas import read_framework
from planverk.format.schema import problems
from planverk.frameworks.loading import load_framework
from planverk.interchange.dump import dump, load_for_dump, to_json
from planverk.interchange.load import DocumentError, load
from planverk.organizations.models import Organization
from planverk.strategies.actions.from_items import spread
from planverk.strategies.models import ActionItem, BudgetTotal, Decision, Strategy
from planverk.strategies.models.plans import ActionPlan, PlanAction
from planverk.strategies.permissions import PUBLIC
from planverk.testing import rich_document

pytestmark = pytest.mark.django_db


def with_plans() -> dict[str, Any]:
    """The rich document with measure keys and two plans: the organisation's
    2024 plan, approved, and Arkiv's under it, a draft, carried from nothing."""
    document = rich_document()
    strategy = document["strategy"]
    for i, theme in enumerate(strategy["themes"]):
        for j, measure in enumerate(theme["measures"]):
            measure["key"] = f"measure{i}{j}"

    def action(number: str, **fields: Any) -> dict[str, Any]:
        return {
            "key": f"action{number.replace('.', '')}",
            "number": number,
            "title": f"Tiltak {number}",
            "description": "Innføre sak/arkiv.",
            "measures": [],
            "outside_strategy": False,
            "unit": None,
            "role": None,
            "start": None,
            "deadline": None,
            "category": "operating",
            "funding": None,
            "status": "planned",
            "remarks": None,
            "budget": {},
            "spending": {},
            **fields,
        }

    strategy["action_plans"] = [
        {
            "key": "plan2024",
            "title": "Handlingsplan 2024",
            "years": {"start": 2024, "end": 2025},
            "unit": None,
            "parent": None,
            "carried_from": None,
            "state": "approved",
            "actions": [
                action(
                    "1",
                    measures=["measure00", "measure01"],
                    unit="IKT-tjenesten",
                    role="prosjektleder",
                    start="2024-01-15",
                    deadline="2024-12-31",
                    funding="Driftsbudsjett",
                    status="started",
                    remarks="Med DIFI-midler.",
                    budget={"2024": 400000, "2025": 100000},
                    spending={"2024": 450000},
                ),
                action("2", outside_strategy=True, category="investment"),
                action(
                    "3",
                    exempt=True,
                    exempt_basis="offl. § 24 tredje ledd",
                    budget={"2024": 5},
                ),
            ],
        },
        {
            "key": "plan2024arkiv",
            "title": "Handlingsplan 2024 for Arkiv",
            "years": {"start": 2024, "end": 2024},
            "unit": "Arkiv",
            "parent": "plan2024",
            "carried_from": None,
            "state": "draft",
            "actions": [
                action("1", key="arkiv1", unit="Arkiv", measures=["measure10"])
            ],
        },
    ]
    return document


def test_a_document_with_plans_is_valid_and_comes_back_as_it_went_in() -> None:
    document = with_plans()
    assert problems(document) == []
    strategy = load(document)
    out = dump(load_for_dump(strategy.pk))
    assert out["strategy"]["action_plans"] == document["strategy"]["action_plans"]
    action = PlanAction.objects.get(plan__key="plan2024", number="1")
    assert sorted(action.served.values_list("measure_key", flat=True)) == [
        "measure00",
        "measure01",
    ]
    assert ActionPlan.objects.get(key="plan2024arkiv").parent.key == "plan2024"


def test_export_import_export_with_plans_is_byte_identical(tmp_path: Path) -> None:
    load(with_plans())
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    call_command("export", org="fjordvik-kommune", output=str(first))
    Strategy.objects.all().delete()  # their plans hold on to the units
    Organization.objects.all().delete()
    call_command("import", str(first))
    call_command("export", org="fjordvik-kommune", output=str(second))
    assert first.read_bytes() == second.read_bytes()
    assert '"action_plans"' in first.read_text(encoding="utf-8")


def test_the_public_sees_approved_plans_only_and_no_exempt_action() -> None:
    document = with_plans()
    document["strategy"]["state"] = "approved"
    strategy = load(document)
    public = dump(load_for_dump(strategy.pk, PUBLIC))
    (plan,) = public["strategy"]["action_plans"]
    assert plan["key"] == "plan2024"
    placeholder = plan["actions"][2]
    assert "key" not in placeholder and placeholder["budget"] == {}
    assert placeholder["exempt"] is True
    assert problems(public) == []


@pytest.mark.parametrize(
    ("change", "path"),
    [
        (lambda p: p[1].update(parent="nosuch"), "$.strategy.action_plans[1].parent"),
        (
            lambda p: p[0]["actions"][0].update(measures=["nosuch"]),
            "$.strategy.action_plans[0].actions[0].measures[0]",
        ),
        (
            lambda p: p[0]["actions"][0].update(budget={"2030": 1}),
            "$.strategy.action_plans[0].actions[0].budget.2030",
        ),
        (
            lambda p: p[0]["actions"][0].update(deadline="2023-01-01"),
            "$.strategy.action_plans[0].actions[0].deadline",
        ),
        (
            lambda p: p[0]["actions"][1].update(number="1"),
            "$.strategy.action_plans[0].actions[1]",
        ),
    ],
)
def test_bad_plans_are_refused_at_their_path(
    change: Callable[[list[dict[str, Any]]], None], path: str
) -> None:
    document = with_plans()
    change(document["strategy"]["action_plans"])
    with pytest.raises(DocumentError) as e:
        load(document)
    assert e.value.path == path
    assert not Strategy.objects.exists()


def test_an_old_document_imports_as_before_and_gains_its_first_plans() -> None:
    document = rich_document()
    assert "action_plans" not in document["strategy"]
    strategy = load(document)
    assert ActionItem.objects.filter(strategy=strategy).count() == 4
    plans = list(ActionPlan.objects.filter(strategy=strategy))
    assert [(p.year_start, p.year_end, p.state, p.unit) for p in plans] == [
        (2024, 2027, "draft", None),
        (2025, 2027, "draft", None),
    ]
    # Serving no measure, not outside the strategy: flagged until linked.
    actions = PlanAction.objects.filter(plan__strategy=strategy)
    assert not actions.filter(outside_strategy=True).exists()
    assert not actions.filter(served__isnull=False).exists()


def test_an_amount_over_several_years_is_spread_the_remainder_last() -> None:
    assert spread(1_000_000, 2010, 2013) == {
        2010: 250_000,
        2011: 250_000,
        2012: 250_000,
        2013: 250_000,
    }
    assert spread(100, 2010, 2012) == {2010: 33, 2011: 33, 2012: 34}


def test_the_municipalitys_items_become_its_2010_and_2011_plans(
    seed_path: Callable[[str], Path],
) -> None:
    call_command("import", str(seed_path(MUNICIPALITY_SEED)))
    strategy = Strategy.objects.get()
    plans = list(ActionPlan.objects.filter(strategy=strategy))
    assert [(p.year_start, p.year_end) for p in plans] == [(2010, 2013), (2011, 2013)]
    first, second = (
        sorted(p.actions.values_list("number", flat=True), key=int) for p in plans
    )
    assert first == [str(n) for n in [*range(1, 10), *range(17, 22)]]
    assert second == [str(n) for n in range(10, 17)]
    server = PlanAction.objects.get(plan=plans[0], number="17")
    assert server.category == "investment"
    budget = dict(server.budgets.values_list("year", "amount_nok"))
    item = ActionItem.objects.get(strategy=strategy, number="17")
    assert sum(budget.values()) == item.amount_nok
    assert sorted(budget) == [2010, 2011, 2012, 2013]
    helsenet = PlanAction.objects.get(plan=plans[0], number="1")
    assert (
        helsenet.funding
        == item.__class__.objects.get(strategy=strategy, number="1").funding
    )
    assert not helsenet.budgets.exists()  # a named source, no amount
    # The items and the stated totals are kept, their mismatch too.
    assert ActionItem.objects.filter(strategy=strategy).count() == 21
    assert BudgetTotal.objects.filter(strategy=strategy).count() == 2


def test_from_items_makes_plans_for_strategies_stored_before(
    seed_path: Callable[[str], Path],
) -> None:
    call_command("import", str(seed_path(MUNICIPALITY_SEED)))
    ActionPlan.objects.all().delete()  # as stored before action plans
    org = Organization.objects.get()
    call_command("actionplan", "from-items", "--org", org.slug)
    assert ActionPlan.objects.count() == 2
    call_command("actionplan", "from-items", "--org", org.slug)  # left alone
    assert ActionPlan.objects.count() == 2


# Flushing and restoring commit: on PostgreSQL a flush inside the test's
# transaction meets its deferred constraint checks.
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("national_agenda")
def test_the_backup_keeps_plans_and_the_decision_that_approved_one(
    tmp_path: Path,
) -> None:
    strategy = load(with_plans())
    plan = ActionPlan.objects.get(key="plan2024")
    Decision.objects.create(
        strategy=strategy, body="Kommunestyret", position=9, approves_plan=plan
    )
    first = tmp_path / "first"
    call_command("backup", str(first))
    call_command("flush", interactive=False)
    load_framework(read_framework("ekommune-2012"))
    call_command("restore", str(first))
    restored = Decision.objects.get(approves_plan__isnull=False)
    assert restored.approves_plan_id == plan.pk
    assert ActionPlan.objects.get(pk=plan.pk).created_at == plan.created_at
    second = tmp_path / "second"
    call_command("backup", str(second))
    name = f"organizations/fjordvik-kommune/strategy-{strategy.pk}.rows.json"
    assert (first / name).read_bytes() == (second / name).read_bytes()
    text = json.loads((first / name).read_text(encoding="utf-8"))
    assert text["action_plans"][0]["id"] == plan.pk
    assert to_json(dump(load_for_dump(strategy.pk))).count('"key": "plan2024"') == 1
