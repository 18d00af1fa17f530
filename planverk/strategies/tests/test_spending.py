"""Spending on actions: entered by the responsible unit, or imported as a CSV."""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from planverk.organizations.models import Unit
from planverk.strategies.actions.spending import (
    SpendingError,
    import_spending,
    read_csv,
    set_spending,
)
from planverk.strategies.models import Strategy
from planverk.strategies.models.plans import (
    ActionPlan,
    PlanAction,
    PlanState,
    Spending,
)
from planverk.testing import Personas, make_personas, make_strategy

pytestmark = pytest.mark.django_db


@dataclass
class World:
    strategy: Strategy
    plan: ActionPlan  # the organisation's 2024–2025 plan, approved
    mine: PlanAction  # "1", of Arkiv: the unit editor's unit
    theirs: PlanAction  # "2", of IKT-tjenesten
    personas: Personas


def make_world(state: str = PlanState.APPROVED) -> World:
    strategy = make_strategy("approved")
    ActionPlan.objects.filter(strategy=strategy).delete()  # the ones made of items
    org = strategy.organization
    arkiv, ikt = org.units.get(name="Arkiv"), org.units.get(name="IKT-tjenesten")
    plan = ActionPlan.objects.create(
        strategy=strategy,
        key="plan2024",
        title="Handlingsplan 2024",
        year_start=2024,
        year_end=2025,
        state=state,
    )

    def action(number: str, unit: Unit) -> PlanAction:
        return PlanAction.objects.create(
            plan=plan, number=number, title=f"Tiltak {number}", unit=unit,
            category="operating",
        )  # fmt: skip

    return World(
        strategy, plan, action("1", arkiv), action("2", ikt), make_personas(org, arkiv)
    )


def test_the_unit_editor_enters_spending_on_their_units_action_with_history() -> None:
    w = make_world()
    spent = set_spending(
        w.mine, year=2024, amount_nok=120_000, user=w.personas.unit_editor
    )
    assert spent is not None and spent.amount_nok == 120_000
    record = spent.history.get()
    assert record.history_user == w.personas.unit_editor
    set_spending(w.mine, year=2024, amount_nok=150_000, user=w.personas.editor)
    assert Spending.objects.get().amount_nok == 150_000
    set_spending(w.mine, year=2024, amount_nok=None, user=w.personas.editor)
    assert not Spending.objects.exists()


@pytest.mark.parametrize("who", ["reader", "outsider", "anonymous"])
def test_others_may_not_enter_spending(who: str) -> None:
    w = make_world()
    with pytest.raises(PermissionDenied):
        set_spending(w.mine, year=2024, amount_nok=1, user=getattr(w.personas, who))


def test_a_unit_editor_of_another_unit_may_not() -> None:
    w = make_world()
    with pytest.raises(PermissionDenied):
        set_spending(w.theirs, year=2024, amount_nok=1, user=w.personas.unit_editor)


def test_a_draft_plan_takes_no_spending() -> None:
    w = make_world(PlanState.DRAFT)
    with pytest.raises(PermissionDenied):
        set_spending(w.mine, year=2024, amount_nok=1, user=w.personas.editor)


@pytest.mark.parametrize(
    ("year", "amount", "field"),
    [(2023, 1, "year"), (2026, 1, "year"), (2024, -1, "amount_nok")],
)
def test_years_outside_the_plan_and_negative_amounts_are_refused(
    year: int, amount: int, field: str
) -> None:
    w = make_world()
    with pytest.raises(ValidationError) as e:
        set_spending(w.mine, year=year, amount_nok=amount, user=w.personas.editor)
    assert field in e.value.message_dict
    assert not Spending.objects.exists()


GOOD = (
    "plan,action,year,amount\n"
    "plan2024,1,2024,120000\n"
    '2024,2,2024,"1 250 000,00"\n'
    "plan2024,1,2025,0\n"
)


def test_a_good_csv_is_stored_by_key_and_by_year() -> None:
    w = make_world()
    stored = import_spending(
        w.strategy.organization, read_csv(GOOD.encode()), user=w.personas.editor
    )
    assert stored == 3
    got = {(s.action.number, s.year): s.amount_nok for s in Spending.objects.all()}
    assert got == {("1", 2024): 120_000, ("2", 2024): 1_250_000, ("1", 2025): 0}
    # Again, with one amount changed: replaced, not added.
    again = GOOD.replace("120000", "130000")
    import_spending(
        w.strategy.organization, read_csv(again.encode()), user=w.personas.editor
    )
    assert Spending.objects.count() == 3
    assert Spending.objects.get(action=w.mine, year=2024).amount_nok == 130_000


def test_semicolons_and_a_byte_order_mark_are_taken() -> None:
    w = make_world()
    text = "\ufeffplan;action;year;amount\nplan2024;1;2024;5 000\n"
    import_spending(
        w.strategy.organization, read_csv(text.encode()), user=w.personas.editor
    )
    assert Spending.objects.get().amount_nok == 5000


@pytest.mark.parametrize(
    ("row", "column"),
    [
        ("nosuchplan,1,2024,100", "plan"),
        ("plan2024,9,2024,100", "action"),
        ("plan2024,1,20x4,100", "year"),
        ("plan2024,1,2030,100", "year"),
        ("plan2024,1,2024,-5", "amount"),
        ("plan2024,1,2024,mange", "amount"),
    ],
)
def test_one_bad_row_refuses_the_whole_file_naming_row_and_column(
    row: str, column: str
) -> None:
    w = make_world()
    text = GOOD + row + "\n"
    with pytest.raises(SpendingError) as e:
        import_spending(
            w.strategy.organization, read_csv(text.encode()), user=w.personas.editor
        )
    (error,) = e.value.errors
    assert (error.row, error.column) == (5, column)
    assert f"rad 5, kolonne «{column}»" in str(error)  # bokmål, the default
    assert not Spending.objects.exists()


def test_the_same_action_and_year_twice_is_refused() -> None:
    w = make_world()
    with pytest.raises(SpendingError) as e:
        import_spending(
            w.strategy.organization,
            read_csv((GOOD + "plan2024,1,2024,5\n").encode()),
            user=w.personas.editor,
        )
    assert e.value.errors[0].row == 5


def test_a_unit_editor_imports_only_for_their_unit() -> None:
    w = make_world()
    with pytest.raises(SpendingError) as e:
        import_spending(
            w.strategy.organization,
            read_csv(GOOD.encode()),
            user=w.personas.unit_editor,
        )
    assert [(x.row, x.column) for x in e.value.errors] == [(3, "action")]


def test_a_file_without_the_header_is_refused() -> None:
    with pytest.raises(SpendingError) as e:
        read_csv(b"plan2024,1,2024,100\n")
    assert e.value.errors[0].row == 1


def test_the_command_stores_a_good_file(tmp_path: Path) -> None:
    w = make_world()
    path = tmp_path / "forbruk.csv"
    path.write_text(GOOD, encoding="utf-8")
    call_command(
        "actionplan", "spending", "--org", w.strategy.organization.slug, str(path)
    )
    assert Spending.objects.count() == 3


def test_the_command_exits_2_naming_file_row_and_column(tmp_path: Path) -> None:
    w = make_world()
    path = tmp_path / "forbruk.csv"
    path.write_text(GOOD + "plan2024,1,2024,-1\n", encoding="utf-8")
    with pytest.raises(CommandError) as e:
        call_command(
            "actionplan", "spending", "--org", w.strategy.organization.slug, str(path)
        )
    assert e.value.returncode == 2
    assert f"{path}: rad 5, kolonne «amount»" in str(e.value)
    assert not Spending.objects.exists()


def test_the_command_names_a_missing_file_and_an_unknown_organisation(
    tmp_path: Path,
) -> None:
    w = make_world()
    with pytest.raises(CommandError) as e:
        call_command(
            "actionplan", "spending", "--org", w.strategy.organization.slug,
            str(tmp_path / "nope.csv"),
        )  # fmt: skip
    assert e.value.returncode == 2 and "nope.csv" in str(e.value)
    with pytest.raises(CommandError) as e:
        call_command("actionplan", "spending", "--org", "nobody", str(tmp_path))
    assert e.value.returncode == 2


def spending_url(w: World, year: int | None = None) -> str:
    org = w.strategy.organization.slug
    url = f"/o/{org}/s/{w.strategy.pk}/handlingsplaner/{w.plan.pk}/forbruk/"
    return url if year is None else f"{url}?year={year}"


def test_the_unit_editor_sees_and_saves_their_units_actions_only(client: Any) -> None:
    w = make_world()
    client.force_login(w.personas.unit_editor)
    page = client.get(spending_url(w, 2025))
    assert page.status_code == 200
    text = page.content.decode()
    assert f'name="amount_{w.mine.pk}"' in text
    assert f'name="amount_{w.theirs.pk}"' not in text
    saved = client.post(
        spending_url(w), {"year": "2025", f"amount_{w.mine.pk}": "12 500"}
    )
    assert saved.status_code == 302
    assert Spending.objects.get().amount_nok == 12_500
    # Another unit's action is not on the form, and not taken from it.
    client.post(spending_url(w), {"year": "2025", f"amount_{w.theirs.pk}": "1"})
    assert Spending.objects.count() == 1


def test_bad_amounts_come_back_next_to_the_field_and_store_nothing(
    client: Any,
) -> None:
    w = make_world()
    client.force_login(w.personas.editor)
    response = client.post(
        spending_url(w),
        {"year": "2024", f"amount_{w.mine.pk}": "5", f"amount_{w.theirs.pk}": "-3"},
    )
    assert response.status_code == 422
    assert f'id="amount_{w.theirs.pk}_error"' in response.content.decode()
    assert not Spending.objects.exists()


@pytest.mark.parametrize("query", ["year=2030", "year=20x4", "year=%C2%B2%C2%B2"])
def test_a_year_outside_the_plan_is_not_found(client: Any, query: str) -> None:
    w = make_world()
    client.force_login(w.personas.editor)
    assert client.get(f"{spending_url(w)}?{query}").status_code == 404


def test_a_draft_plan_and_another_units_editor_are_refused(client: Any) -> None:
    w = make_world(PlanState.DRAFT)
    client.force_login(w.personas.editor)
    assert client.get(spending_url(w)).status_code == 403
    w.plan.state = PlanState.APPROVED
    w.plan.save()
    w.mine.unit = w.theirs.unit
    w.mine.save()
    client.force_login(w.personas.unit_editor)
    assert client.get(spending_url(w)).status_code == 403


def test_the_import_page_stores_a_good_file_and_refuses_a_bad_one_whole(
    client: Any,
) -> None:
    w = make_world()
    url = f"/o/{w.strategy.organization.slug}/forbruk/importer/"
    client.force_login(w.personas.unit_editor)
    assert client.get(url).status_code == 403
    client.force_login(w.personas.editor)
    assert client.get(url).status_code == 200
    bad = SimpleUploadedFile("forbruk.csv", (GOOD + "plan2024,9,2024,1\n").encode())
    response = client.post(url, {"file": bad})
    assert response.status_code == 422
    assert "rad 5, kolonne «action»" in html.unescape(response.content.decode())
    assert not Spending.objects.exists()
    good = SimpleUploadedFile("forbruk.csv", GOOD.encode())
    assert client.post(url, {"file": good}).status_code == 302
    assert Spending.objects.count() == 3


def test_the_import_asks_as_many_queries_for_many_rows_as_for_few() -> None:
    w = make_world()
    editor = w.personas.editor

    def queries(prefix: str, rows: int) -> int:
        PlanAction.objects.bulk_create(
            PlanAction(
                plan=w.plan, number=f"{prefix}{n}", title="T", category="operating"
            )
            for n in range(rows)
        )
        text = "plan,action,year,amount\n" + "".join(
            f"plan2024,{prefix}{n},2024,5\n" for n in range(rows)
        )
        with CaptureQueriesContext(connection) as taken:
            import_spending(
                w.strategy.organization, read_csv(text.encode()), user=editor
            )
        return len(taken)

    queries("7", 1)  # the editor's membership, read once and kept
    assert queries("8", 2) == queries("9", 40)


def test_spending_makes_the_public_see_the_strategy_anew() -> None:
    """Entered or imported, spending moves the strategy's updated_at, which the
    page cache and the stored public reports are keyed on."""
    w = make_world()

    def stamp() -> dt.datetime:
        return Strategy.objects.get(pk=w.strategy.pk).updated_at

    before = stamp()
    set_spending(w.mine, year=2024, amount_nok=1_000, user=w.personas.editor)
    entered = stamp()
    assert entered > before
    import_spending(
        w.strategy.organization, read_csv(GOOD.encode()), user=w.personas.editor
    )
    assert stamp() > entered
