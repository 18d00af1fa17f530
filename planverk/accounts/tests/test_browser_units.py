"""The unit register, the merge page and creating an organisation, in the browser:
each passes axe-core at WCAG 2.1 AA, and one merge goes through from the
suggestion to the confirmation."""

from __future__ import annotations

from typing import Any

import pytest

from planverk.accounts.tests.test_browser_pages import open_as
from planverk.organizations.models import Organization, Unit
from planverk.strategies.models import MeasureUnit
from planverk.strategies.tests.editing_setup import Draft, make_draft

pytestmark = pytest.mark.django_db(transaction=True)


def owners(draft: Draft, number: str) -> list[str]:
    links = MeasureUnit.objects.filter(
        measure__theme__strategy=draft.strategy, measure__number=number
    ).order_by("position")
    return [link.unit.name for link in links]


def split_unit(draft: Draft) -> tuple[Unit, Unit]:
    """ "Fylkesrådm ann", as an import split it, on 3.1 and 21.1; "Fylkesrådmann"
    on three measures, 21.1 among them."""
    org = draft.strategy.organization
    kept = Unit.objects.create(organization=org, name="Fylkesrådmann")
    merged = Unit.objects.create(organization=org, name="Fylkesrådm ann")
    measures = {
        m.number: m for m in draft.strategy.themes.get(number="3").measures.all()
    }
    measures["21.1"] = draft.strategy.themes.get(number="21").measures.get()
    for number in ("3.2", "3.10", "21.1"):
        MeasureUnit.objects.create(measure=measures[number], unit=kept, position=8)
    for number in ("3.1", "21.1"):
        MeasureUnit.objects.create(measure=measures[number], unit=merged, position=9)
    return kept, merged


def test_an_editor_merges_a_split_unit_from_its_suggestion(
    live_server: Any, browser: Any, axe: Any, national_agenda: None
) -> None:
    draft = make_draft()
    kept, merged = split_unit(draft)
    page = open_as(browser, live_server, draft.editor)
    page.goto(f"/o/{draft.strategy.organization.slug}/enheter/")
    assert axe(page) == []
    suggestion = page.locator("#duplicates li", has_text="Fylkesrådm ann")
    assert "A word split by a space" in suggestion.inner_text()

    # A unit's forms open in its row; a name in use is refused next to the field.
    arkiv = Unit.objects.get(organization=draft.strategy.organization, name="Arkiv")
    page.locator(f"#unit-{arkiv.pk} .unit-row a").click()
    name = page.locator(f"#unit{arkiv.pk}_name")
    name.fill("fylkesrådmann")
    page.locator(f"#unit-{arkiv.pk}-forms button", has_text="Rename").click()
    page.wait_for_selector(f"#unit{arkiv.pk}_name_error")
    assert axe(page) == []

    suggestion.get_by_role("link").click()
    page.wait_for_selector("#merge-effect")
    assert page.locator("#effect-measures").inner_text() == "2"
    assert axe(page) == []
    page.locator("#merge-confirm button[type=submit]").click()
    page.wait_for_selector(f"#unit-{kept.pk}")
    assert (
        "Merged into it: “Fylkesrådm ann”"
        in page.locator(f"#unit-{kept.pk}").inner_text()
    )
    assert axe(page) == []

    assert not Unit.objects.filter(pk=merged.pk).exists()
    assert owners(draft, "3.1") == ["IKT-tjenesten", "Arkiv", "Fylkesrådmann"]
    assert owners(draft, "21.1") == [
        "Helse- og omsorg",
        "IKT-tjenesten",
        "Fylkesrådmann",
    ]
    page.context.close()


def test_a_site_administrator_creates_an_organisation(
    live_server: Any, browser: Any, axe: Any, national_agenda: None
) -> None:
    draft = make_draft()
    page = open_as(browser, live_server, draft.site_admin)
    page.goto("/")
    page.get_by_role("link", name="New organisation").click()
    page.wait_for_selector("#new-organization")
    assert axe(page) == []
    page.locator("#new-organization button[type=submit]").click()  # no name
    page.wait_for_selector("#id_name_error")
    assert axe(page) == []
    page.fill("#id_name", "Liøy kommune")
    page.select_option("#id_kind", "municipality")
    page.fill("#id_code", "1871")
    page.locator("#new-organization button[type=submit]").click()
    page.wait_for_url("**/o/lioy-kommune/medlemmer/")
    assert Organization.objects.get(slug="lioy-kommune").name == "Liøy kommune"
    page.context.close()
