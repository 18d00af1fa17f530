"""The unit register: its actions (add, rename, deactivate, place, merge), its pages,
and creating an organisation."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from planverk.accounts import units as actions
from planverk.accounts.forms import InvitationForm
from planverk.accounts.organizations import create_organization
from planverk.accounts.register import register
from planverk.organizations.models import Membership, Organization, Role, Unit
from planverk.strategies.forms_editing import MeasureForm
from planverk.strategies.models import (
    ActionPlan,
    Measure,
    MeasureUnit,
    PlanAction,
    StrategyUnit,
)
from planverk.strategies.tests.editing_setup import Draft, make_draft
from planverk.strategies.timeline import measure_timeline
from planverk.testing import make_member, row_counts

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


@pytest.fixture
def draft() -> Draft:
    return make_draft()


@pytest.fixture
def org(draft: Draft) -> Organization:
    return draft.strategy.organization


@pytest.fixture
def client() -> Client:
    return Client(HTTP_ACCEPT_LANGUAGE="en")  # the assertions read English labels


@pytest.fixture
def editor(client: Client, draft: Draft) -> Client:
    client.force_login(draft.editor)
    return client


def url(org: Organization, rest: str = "") -> str:
    return f"/o/{org.slug}/enheter/{rest}"


def unit(org: Organization, name: str) -> Unit:
    return Unit.objects.get(organization=org, name=name)


def owners(measure: Measure) -> list[str]:
    links = MeasureUnit.objects.filter(measure=measure).order_by("position")
    return [link.unit.name for link in links]


def last_reason(obj: Any) -> tuple[str, Any]:
    record = obj.history.order_by("history_date", "history_id").last()
    return record.history_change_reason, record.history_user


# Adding, renaming, deactivating


def test_a_unit_is_added_with_its_history(draft: Draft, org: Organization) -> None:
    sector = unit(org, "Oppvekst og kultur")
    added = actions.add_unit(
        org, "  Skole   og barnehage ", parent=sector, user=draft.editor
    )
    assert (added.name, added.parent, added.active) == (
        "Skole og barnehage",
        sector,
        True,
    )
    assert last_reason(added) == ("unit.add", draft.editor)


@pytest.mark.parametrize("name", ["Arkiv", "ARKIV", " arkiv "])
def test_a_name_the_organisation_has_is_refused_at_the_field(
    draft: Draft, org: Organization, name: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        actions.add_unit(org, name, user=draft.editor)
    assert "name" in refused.value.error_dict
    ikt = unit(org, "IKT-tjenesten")
    with pytest.raises(ValidationError) as refused:
        actions.rename_unit(ikt, name, user=draft.editor)
    assert "name" in refused.value.error_dict
    assert Unit.objects.get(pk=ikt.pk).name == "IKT-tjenesten"


def test_a_unit_may_change_the_case_of_its_own_name(
    draft: Draft, org: Organization
) -> None:
    renamed = actions.rename_unit(unit(org, "Arkiv"), "ARKIV", user=draft.editor)
    assert Unit.objects.get(pk=renamed.pk).name == "ARKIV"
    assert last_reason(renamed) == ("unit.rename", draft.editor)


@pytest.mark.parametrize("role", ["reader", "unit_editor", "outsider", "anonymous"])
def test_only_editors_change_the_register(
    draft: Draft, org: Organization, role: str
) -> None:
    user, arkiv = getattr(draft, role), unit(org, "Arkiv")
    counts = row_counts()
    for change in (
        lambda: actions.add_unit(org, "Ny", user=user),
        lambda: actions.rename_unit(arkiv, "Ny", user=user),
        lambda: actions.deactivate_unit(arkiv, user=user),
        lambda: actions.set_parent(arkiv, None, user=user),
        lambda: actions.merge_units(arkiv, unit(org, "IKT-tjenesten"), user=user),
    ):
        with pytest.raises(PermissionDenied):
            change()
    assert row_counts() == counts


def offered(measure: Measure) -> set[str]:
    """The units a measure's form offers."""
    field: Any = MeasureForm(measure=measure).fields["units"]
    return {u.name for u in field.queryset}


def test_a_deactivated_unit_is_no_longer_offered_but_stays_where_it_is(
    draft: Draft, org: Organization
) -> None:
    arkiv = actions.deactivate_unit(unit(org, "Arkiv"), user=draft.editor)
    assert last_reason(arkiv) == ("unit.deactivate", draft.editor)
    assert "Arkiv" in offered(draft.measure)  # it owns 3.1
    assert "Arkiv" not in offered(draft.other_measure)
    assert owners(draft.measure) == ["IKT-tjenesten", "Arkiv"]
    invitation: Any = InvitationForm(organization=org).fields["units"]
    assert "Arkiv" not in {u.name for u in invitation.queryset}
    actions.reactivate_unit(arkiv, user=draft.editor)
    assert "Arkiv" in offered(draft.other_measure)
    assert last_reason(arkiv) == ("unit.reactivate", draft.editor)


# The tree


def test_a_unit_is_placed_under_another_and_never_under_itself(
    draft: Draft, org: Organization
) -> None:
    sector, school = unit(org, "Oppvekst og kultur"), unit(org, "Arkiv")
    ikt = unit(org, "IKT-tjenesten")
    actions.set_parent(school, sector, user=draft.editor)
    actions.set_parent(ikt, school, user=draft.editor)
    assert last_reason(school) == ("unit.parent", draft.editor)
    for above, below in ((sector, school), (sector, ikt), (sector, sector)):
        with pytest.raises(ValidationError) as refused:
            actions.set_parent(above, below, user=draft.editor)
        assert "parent" in refused.value.error_dict
    foreign = Unit.objects.get(name="Fremmed enhet")
    with pytest.raises(ValidationError):
        actions.set_parent(school, foreign, user=draft.editor)
    tree = register(org)
    top = next(node for node in tree.roots if node.unit == sector)
    assert [n.unit for n in top.children] == [school]
    assert [n.unit for n in top.children[0].children] == [ikt]
    actions.set_parent(school, None, user=draft.editor)
    assert Unit.objects.get(pk=school.pk).parent is None


def test_a_cycle_the_admin_made_is_shown_once_per_unit(org: Organization) -> None:
    a, b = unit(org, "Arkiv"), unit(org, "IKT-tjenesten")
    Unit.objects.filter(pk=a.pk).update(parent=b)
    Unit.objects.filter(pk=b.pk).update(parent=a)
    tree = register(org)
    seen: list[int] = []
    todo = list(tree.roots)
    while todo:
        node = todo.pop()
        seen.append(node.unit.pk)
        todo.extend(node.children)
    assert sorted(seen) == sorted(org.units.values_list("pk", flat=True))


def test_placing_a_unit_under_one_below_it_answers_422_at_the_field(
    editor: Client, org: Organization, draft: Draft
) -> None:
    sector, school = unit(org, "Oppvekst og kultur"), unit(org, "Arkiv")
    actions.set_parent(school, sector, user=draft.editor)
    response = editor.post(url(org, f"{sector.pk}/plassering/"), {"parent": school.pk})
    assert response.status_code == 422
    assert f'id="unit{sector.pk}_parent_error"' in response.content.decode()
    assert Unit.objects.get(pk=sector.pk).parent is None


# Merging


@pytest.fixture
def split(draft: Draft, org: Organization) -> tuple[Unit, Unit]:
    """ "Fylkesrådm ann", as an import split it, beside "Fylkesrådmann": the split
    one names 3.1 (after IKT-tjenesten, before Arkiv) and 3.10, which the
    right one names too; a strategy, a member, an invitation and a unit under it."""
    kept = actions.add_unit(org, "Fylkesrådmann", user=draft.editor)
    merged = actions.add_unit(org, "Fylkesrådm ann", user=draft.editor)
    arkiv = MeasureUnit.objects.get(measure=draft.measure, unit__name="Arkiv")
    arkiv.position = 3
    arkiv.save()  # with its history, which the measure's timeline replays
    MeasureUnit.objects.create(measure=draft.measure, unit=merged, position=2)
    MeasureUnit.objects.create(measure=draft.other_measure, unit=kept, position=2)
    MeasureUnit.objects.create(measure=draft.other_measure, unit=merged, position=3)
    StrategyUnit.objects.create(strategy=draft.strategy, unit=merged, position=9)
    Membership.objects.get(user=draft.unit_editor).units.add(merged)
    from planverk.accounts.actions import invite

    invite(
        org,
        user=draft.editor,
        email="ny@example.no",
        role=Role.UNIT_EDITOR,
        units=[merged],
    )
    actions.add_unit(org, "Fylkesarkivet", parent=merged, user=draft.editor)
    return kept, merged


def test_the_effect_is_counted_before_the_merge(split: tuple[Unit, Unit]) -> None:
    kept, merged = split
    effect = actions.merge_effect(kept, merged)
    assert effect == actions.MergeEffect(
        measures=2, on_both=1, strategies=1, memberships=1, invitations=1, children=1
    )


def test_a_merge_moves_every_link_to_the_unit_kept(
    draft: Draft, org: Organization, split: tuple[Unit, Unit]
) -> None:
    kept, merged = split
    actions.merge_units(kept, merged, user=draft.editor)
    assert not Unit.objects.filter(pk=merged.pk).exists()
    assert owners(draft.measure) == ["IKT-tjenesten", "Fylkesrådmann", "Arkiv"]
    assert owners(draft.other_measure) == ["Oppvekst og kultur", "Fylkesrådmann"]
    assert StrategyUnit.objects.filter(strategy=draft.strategy, unit=kept).exists()
    member = Membership.objects.get(user=draft.unit_editor)
    assert {u.name for u in member.units.all()} == {"Arkiv", "Fylkesrådmann"}
    assert last_reason(member) == ("unit.merge", draft.editor)
    from planverk.accounts.models import Invitation

    assert [u.name for u in Invitation.objects.get().units.all()] == ["Fylkesrådmann"]
    assert unit(org, "Fylkesarkivet").parent == kept
    assert last_reason(kept) == ("unit.merge", draft.editor)
    merges = actions.merged_into(org)[kept.pk]
    assert [(m.name, m.user) for m in merges] == [("Fylkesrådm ann", draft.editor)]
    # The merged unit's history stays, under its id, and its name reads there.
    assert merged.history.filter(history_type="-").exists()
    changes = [c for e in measure_timeline(draft.measure) for c in e.changes]
    assert any(c.old == "IKT-tjenesten, Fylkesrådm ann, Arkiv" for c in changes)
    assert any(c.new == "IKT-tjenesten, Fylkesrådmann, Arkiv" for c in changes)


def test_a_merge_moves_the_plans_and_actions_the_unit_owns(
    draft: Draft, split: tuple[Unit, Unit]
) -> None:
    kept, merged = split
    plan = ActionPlan.objects.create(
        strategy=draft.strategy,
        title="Plan",
        year_start=2025,
        year_end=2025,
        unit=merged,
    )
    action = PlanAction.objects.create(
        plan=plan, number="1", title="Tiltak", category="operating", unit=merged
    )
    actions.merge_units(kept, merged, user=draft.editor)
    plan.refresh_from_db()
    action.refresh_from_db()
    assert (plan.unit, action.unit) == (kept, kept)
    assert last_reason(action) == ("unit.merge", draft.editor)


def test_a_unit_kept_from_below_takes_the_merged_units_place(
    draft: Draft, org: Organization
) -> None:
    sector = unit(org, "Oppvekst og kultur")
    top = actions.add_unit(org, "Sektor", user=draft.editor)
    actions.set_parent(sector, top, user=draft.editor)
    middle = actions.add_unit(org, "Midt", parent=sector, user=draft.editor)
    kept = actions.add_unit(org, "Under", parent=middle, user=draft.editor)
    actions.merge_units(kept, sector, user=draft.editor)
    kept.refresh_from_db()
    middle.refresh_from_db()
    assert (kept.parent, middle.parent) == (top, kept)


def test_a_merge_that_fails_changes_nothing(
    draft: Draft, org: Organization, split: tuple[Unit, Unit], monkeypatch: Any
) -> None:
    kept, merged = split
    counts, links = row_counts(), owners(draft.measure)

    def fail(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(Unit, "delete", fail)  # the last step
    with pytest.raises(RuntimeError):
        actions.merge_units(kept, merged, user=draft.editor)
    assert row_counts() == counts
    assert owners(draft.measure) == links
    assert unit(org, "Fylkesarkivet").parent == merged


def test_a_unit_is_merged_only_with_another_of_its_organisation(
    draft: Draft, org: Organization
) -> None:
    arkiv = unit(org, "Arkiv")
    for other in (arkiv, Unit.objects.get(name="Fremmed enhet")):
        with pytest.raises(ValidationError):
            actions.merge_units(arkiv, other, user=draft.editor)


# The pages


def test_the_register_lists_every_unit_with_its_counts(
    editor: Client, org: Organization, draft: Draft
) -> None:
    actions.add_unit(org, "Fylkesrådm ann", user=draft.editor)
    actions.add_unit(org, "Fylkesrådmann", user=draft.editor)
    response = editor.get(url(org))
    assert response.status_code == 200
    arkiv = response.context["register"].nodes[unit(org, "Arkiv").pk]
    # 3.1 in the draft; the unit editor; the draft's unit list
    assert (arkiv.measures, arkiv.members, arkiv.strategies) == (1, 1, 1)
    page = response.content.decode()
    assert "Fylkesrådm ann" in page and "slaa-sammen/?kept=" in page


@pytest.mark.parametrize("role", ["reader", "unit_editor", "outsider"])
def test_the_register_is_refused_to_all_but_editors(
    client: Client, org: Organization, draft: Draft, role: str
) -> None:
    client.force_login(getattr(draft, role))
    assert client.get(url(org)).status_code == 403
    assert client.post(url(org, "ny/"), {"name": "Ny"}).status_code == 403
    assert not Unit.objects.filter(name="Ny").exists()


def _queries(client: Client, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_the_registers_queries_do_not_grow_with_its_units(
    editor: Client, org: Organization, draft: Draft
) -> None:
    few = _queries(editor, url(org))
    for n in range(40):
        added = actions.add_unit(org, f"Skolekrets {n}", user=draft.editor)
        MeasureUnit.objects.create(
            measure=draft.other_measure, unit=added, position=9 + n
        )
        Membership.objects.get(user=draft.unit_editor).units.add(added)
        if n % 2:
            actions.set_parent(
                added, unit(org, "Oppvekst og kultur"), user=draft.editor
            )
    actions.merge_units(
        unit(org, "Skolekrets 1"), unit(org, "Skolekrets 2"), user=draft.editor
    )
    many = _queries(editor, url(org))
    assert many == few
    assert few <= 11


def test_adding_through_the_page_redirects_and_through_htmx_swaps_the_register(
    editor: Client, org: Organization
) -> None:
    response = editor.post(url(org, "ny/"), {"name": "Arealplan"})
    assert response.status_code == 302
    assert response["Location"] == url(org) + f"#unit-{unit(org, 'Arealplan').pk}"
    response = editor.post(url(org, "ny/"), {"name": "Regulering"}, headers=HTMX)
    assert response.status_code == 200
    assert response["HX-Retarget"] == "#unit-register"
    assert "Regulering" in response.content.decode()


def test_a_rename_to_a_name_in_use_answers_422_next_to_the_field(
    editor: Client, org: Organization
) -> None:
    ikt = unit(org, "IKT-tjenesten")
    for extra in ({}, HTMX):
        response = editor.post(
            url(org, f"{ikt.pk}/navn/"), {"name": "arkiv"}, headers=extra
        )
        assert response.status_code == 422
        page = response.content.decode()
        assert f'id="unit{ikt.pk}_name_error"' in page and "“arkiv”" in page
    assert Unit.objects.get(pk=ikt.pk).name == "IKT-tjenesten"
    response = editor.post(url(org, "ny/"), {"name": "Arkiv"}, headers=HTMX)
    assert response.status_code == 422
    assert 'id="new_unit_name_error"' in response.content.decode()


def test_a_unit_is_deactivated_and_reactivated_through_the_page(
    editor: Client, org: Organization
) -> None:
    arkiv = unit(org, "Arkiv")
    assert editor.post(url(org, f"{arkiv.pk}/deaktiver/")).status_code == 302
    assert not Unit.objects.get(pk=arkiv.pk).active
    assert "Deactivated" in editor.get(url(org)).content.decode()
    assert (
        editor.post(url(org, f"{arkiv.pk}/aktiver/"), headers=HTMX).status_code == 200
    )
    assert Unit.objects.get(pk=arkiv.pk).active


def test_a_units_forms_open_inline_and_on_a_page(
    editor: Client, org: Organization
) -> None:
    arkiv = unit(org, "Arkiv")
    page = editor.get(url(org, f"{arkiv.pk}/")).content.decode()
    assert "<h1" in page and f'id="unit{arkiv.pk}_name"' in page
    fragment = editor.get(url(org, f"{arkiv.pk}/"), headers=HTMX).content.decode()
    assert "<h1" not in fragment and 'hx-target="closest .unit-slot"' in fragment


def test_the_merge_page_shows_the_effect_then_merges(
    editor: Client, org: Organization, draft: Draft, split: tuple[Unit, Unit]
) -> None:
    kept, merged = split
    query = {"kept": kept.pk, "merged": merged.pk}
    response = editor.get(url(org, "slaa-sammen/"), query)
    assert response.status_code == 200
    assert response.context["effect"].measures == 2
    assert Unit.objects.filter(pk=merged.pk).exists()  # a GET merges nothing
    response = editor.post(url(org, "slaa-sammen/"), query, headers=HTMX)
    assert response.status_code == 200
    assert response["HX-Redirect"] == url(org) + f"#unit-{kept.pk}"
    assert not Unit.objects.filter(pk=merged.pk).exists()


def test_merging_a_unit_into_itself_answers_422(
    editor: Client, org: Organization
) -> None:
    arkiv = unit(org, "Arkiv")
    query = {"kept": arkiv.pk, "merged": arkiv.pk}
    response = editor.post(url(org, "slaa-sammen/"), query)
    assert response.status_code == 422
    assert 'id="merge_merged_error"' in response.content.decode()
    assert editor.get(url(org, "slaa-sammen/"), {"kept": "x"}).status_code == 422
    assert editor.get(url(org, "slaa-sammen/")).status_code == 200


# Creating an organisation


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Liøy kommune", "lioy-kommune"),
        ("Ærøy og Åsen kommune", "aeroy-og-asen-kommune"),
        ("Šiaulių rajono savivaldybė", "siauliu-rajono-savivaldybe"),
    ],
)
def test_an_organisations_slug_is_its_name_transliterated(
    draft: Draft, name: str, slug: str
) -> None:
    made = create_organization(
        name=name, kind="municipality", country="NO", code="1", user=draft.site_admin
    )
    assert made.slug == slug
    assert last_reason(made) == ("organization.create", draft.site_admin)


def test_a_slug_in_use_gets_a_number_and_a_name_in_use_is_refused(draft: Draft) -> None:
    admin = draft.site_admin
    fields = {"kind": "county", "country": "NO", "user": admin}
    create_organization(name="Liøy kommune", **fields)
    assert create_organization(name="Liøy-kommune", **fields).slug == "lioy-kommune-2"
    with pytest.raises(ValidationError) as refused:
        create_organization(name="LIØY KOMMUNE", **fields)
    assert "name" in refused.value.error_dict


def test_only_site_administrators_create_organisations(
    client: Client, draft: Draft
) -> None:
    path, data = (
        "/organisasjoner/ny/",
        {"name": "Ny", "kind": "county", "country": "NO"},
    )
    assert client.get(path).status_code == 302  # to the login page
    for role in ("editor", "reader", "outsider"):
        client.force_login(getattr(draft, role))
        assert client.get(path).status_code == 403
        assert client.post(path, data).status_code == 403
    with pytest.raises(PermissionDenied):
        create_organization(name="Ny", kind="county", country="NO", user=draft.editor)
    staff = make_member("staff", draft.strategy.organization, Role.READER)
    staff.is_staff = True
    staff.save()
    client.force_login(staff)  # the Django admin's flag is not a site administrator's
    assert client.post(path, data).status_code == 403
    assert not Organization.objects.filter(name="Ny").exists()


def test_a_site_administrator_creates_an_organisation_through_the_page(
    client: Client, draft: Draft
) -> None:
    client.force_login(draft.site_admin)
    path = "/organisasjoner/ny/"
    assert client.get(path).status_code == 200
    response = client.post(path, {"name": "", "kind": "county", "country": "NO"})
    assert response.status_code == 422
    assert 'id="id_name_error"' in response.content.decode()
    response = client.post(
        path,
        {
            "name": "Liøy kommune",
            "kind": "municipality",
            "country": "NO",
            "code": "1871",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/o/lioy-kommune/medlemmer/"
    made = Organization.objects.get(slug="lioy-kommune")
    assert (made.kind, made.country, made.code) == ("municipality", "NO", "1871")
    response = client.post(
        path, {"name": "liøy kommune", "kind": "county", "country": "NO"}, headers=HTMX
    )
    assert response.status_code == 422
    assert 'id="id_name_error"' in response.content.decode()


def test_of_two_names_as_often_used_the_one_without_a_stray_space_is_kept(
    draft: Draft,
) -> None:
    org = draft.strategy.organization
    Unit.objects.create(organization=org, name="Fylkesrådm ann")
    Unit.objects.create(organization=org, name="Fylkesrådmann")
    (suggestion,) = [
        s for s in register(org).suggestions if "Fylkes" in s.kept.unit.name
    ]
    assert suggestion.kept.unit.name == "Fylkesrådmann"
    assert suggestion.merged.unit.name == "Fylkesrådm ann"
