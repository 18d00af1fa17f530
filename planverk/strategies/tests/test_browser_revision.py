"""Issue 14 end to end in Chromium: an editor starts a strategy from eKommune
2012, writes a theme, two measures, an action item, a chapter and a decision
row, merges a unit an import split, approves the strategy, revises it and
approves the revision. The diff page between the two versions shows exactly
what the revision changed, to the public too, and a draft in the pair is a 404
for the public. axe checks the start page, the unit register and the diff page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from planverk.organizations.models import Organization, Unit
from planverk.strategies.models import Measure, Strategy
from planverk.testing import make_personas

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("national_agenda"),
]

Axe = Callable[[Any], list[dict[str, Any]]]

BEFORE = "Sikker innlogging for alle ansatte."
AFTER = "Sikker pålogging for alle ansatte og folkevalgte."


def open_as(browser: Any, live_server: Any, user: Any = None) -> Any:
    """A page in English, signed in as *user* (nobody if None)."""
    context = browser.new_context(locale="en-GB", base_url=live_server.url)
    if user is not None:
        client = Client()
        client.force_login(user)
        cookie = {"name": "sessionid", "value": client.cookies["sessionid"].value}
        context.add_cookies([{**cookie, "url": live_server.url}])
    return context.new_page()


def add_measure(page: Any, objective: str, unit: str | None = None) -> str:
    """Add a measure on the theme page shown; its number, as suggested."""
    page.get_by_role("link", name="Add a measure").click()
    number: str = page.get_by_label("Number").input_value()
    page.get_by_label("Objective").fill(objective)
    if unit:
        page.get_by_label(unit, exact=True).check()
    page.get_by_role("button", name="Add the measure").click()
    page.wait_for_url("**/rediger/tema/*/#measure-*")
    return number


def approve(page: Any, strategy: Strategy, reference: str) -> None:
    """Approve *strategy* through its publishing panel, reached from its page."""
    page.goto(strategy.get_absolute_url())
    page.get_by_role("link", name="Publishing").click()
    page.get_by_role("link", name="Approve").click()
    page.get_by_label("Deciding body").fill("Fylkestinget")
    page.get_by_label("Date of the decision").fill(dt.date.today().isoformat())
    page.get_by_label("Decision number").fill(reference)
    page.get_by_role("button", name="Approve").click()
    page.get_by_text("The strategy is approved.").wait_for()


def revise(page: Any, strategy: Strategy) -> Strategy:
    """The Revise button of *strategy*'s publishing panel; the new draft."""
    page.goto(strategy.get_absolute_url())
    page.get_by_role("link", name="Publishing").click()
    page.get_by_role("button", name="Revise").click()
    page.wait_for_url("**/rediger/")
    new = Strategy.objects.get(revised_from=strategy)
    assert page.url.endswith(f"/s/{new.pk}/rediger/")
    return new


def diff_parts(page: Any) -> list[tuple[str, str, str]]:
    """Each part the diff page reports: kind, status and name."""
    parts = page.locator(".diff-part")
    return [
        (
            parts.nth(i).get_attribute("data-kind"),
            parts.nth(i).get_attribute("data-status"),
            parts.nth(i).locator("h3 a").inner_text(),
        )
        for i in range(parts.count())
    ]


def test_an_editor_writes_approves_and_revises_a_strategy(
    browser: Any, live_server: Any, axe: Axe
) -> None:
    org = Organization.objects.create(name="Nordfjell fylkeskommune", kind="county")
    split = Unit.objects.create(organization=org, name="Fylkesrådm ann")
    kept = Unit.objects.create(organization=org, name="Fylkesrådmann")
    editor = make_personas(org).editor
    page = open_as(browser, live_server, editor)

    # 1. A draft from eKommune 2012, every area a theme.
    page.goto(f"/o/{org.slug}/")
    page.get_by_role("link", name="New strategy").click()
    assert axe(page) == []
    page.get_by_label("National agenda", exact=True).select_option(
        label="eKommune 2012 – lokal digital agenda"
    )
    page.get_by_label("Title", exact=True).fill("IKT-strategi 2025–2028")
    page.get_by_label("First year").fill("2025")
    page.get_by_label("Last year").fill("2028")
    page.get_by_label("Language of the strategy").select_option("nb")
    assert page.locator("input[name=areas]:checked").count() == 18  # all areas
    page.get_by_role("button", name="Start the draft").click()
    page.wait_for_url("**/rediger/")
    first = Strategy.objects.get(organization=org)
    assert (first.title, first.period_start, first.period_end, first.language) == (
        "IKT-strategi 2025–2028",
        2025,
        2028,
        "nb",
    )
    assert first.themes.count() == 18 and first.goal_assessments.count() == 46

    # 2. A theme, two measures, an action item, a chapter and a decision row.
    page.get_by_role("link", name="Add a theme").click()
    assert page.get_by_label("Number").input_value() == "19"
    page.get_by_label("Title", exact=True).fill("Digital kompetanse")
    page.get_by_role("button", name="Add the theme").click()
    page.wait_for_url("**/rediger/tema/19/")
    assert add_measure(page, BEFORE, "Fylkesrådm ann") == "19.1"
    assert add_measure(page, "Felles IKT-driftssenter.", "Fylkesrådmann") == "19.2"
    edit_url = f"/o/{org.slug}/s/{first.pk}/rediger/"

    page.goto(edit_url)
    page.get_by_role("link", name="Action plan items").click()
    page.get_by_role("link", name="Add an action item").click()
    page.get_by_label("Title", exact=True).fill("Opplæring i informasjonssikkerhet")
    page.get_by_label("Operating").check()
    page.get_by_label("First year").fill("2025")
    page.get_by_label("Last year").fill("2026")
    page.get_by_label("Amount (NOK)").fill("250 000")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/rediger/handlingsplan/#item-*")

    page.goto(edit_url)
    page.get_by_role("link", name="Chapters").click()
    page.get_by_role("link", name="Add a chapter").click()
    page.get_by_label("Number").fill("1")
    page.get_by_label("Title", exact=True).fill("Innledning")
    page.get_by_label("Text", exact=True).fill("Strategien gjelder **hele** fylket.")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/rediger/kapittel/#section-*")

    page.goto(edit_url)
    page.get_by_role("link", name="Decision log").click()
    page.get_by_label("Body").fill("Fylkesutvalget")
    page.get_by_label("Date", exact=True).fill("2024-11")
    page.get_by_label("Reference").fill("PS 88/24")
    page.get_by_role("button", name="Add", exact=True).click()
    page.locator(".record", has_text="Fylkesutvalget").wait_for()

    assert (first.action_items.count(), first.sections.count()) == (1, 1)
    assert first.decisions.count() == 1

    # 3. The split unit merged into the one kept, from the register's suggestion.
    page.goto(f"/o/{org.slug}/")
    page.get_by_role("link", name="The unit register").click()
    assert axe(page) == []
    page.locator("#duplicates li", has_text="Fylkesrådm ann").get_by_role(
        "link"
    ).click()
    effect = page.locator("#merge-effect")
    effect.wait_for()
    # The split name is suggested to be kept: the unit editor's membership
    # names it too. The page offers the other way round.
    effect.get_by_role("link", name="Keep “Fylkesrådmann” instead").click()
    page.wait_for_url(f"**?kept={kept.pk}&merged={split.pk}")
    assert "Merging “Fylkesrådm ann” into “Fylkesrådmann”" in effect.inner_text()
    assert page.locator("#effect-measures").inner_text() == "1"
    page.get_by_role(
        "button", name="Merge “Fylkesrådm ann” into “Fylkesrådmann”"
    ).click()
    page.locator(f"#unit-{kept.pk}", has_text="Merged into it").wait_for()
    assert not Unit.objects.filter(pk=split.pk).exists()
    owned = Measure.objects.get(theme__strategy=first, number="19.1")
    page.goto(f"{edit_url}tema/19/")
    shown = page.locator(f"#measure-{owned.pk}").inner_text()
    assert "Proposed by: Fylkesrådmann ·" in shown
    assert [u.name for u in owned.owners] == ["Fylkesrådmann"]

    # 4. Approved through the publishing panel.
    approve(page, first, "PS 1/25")
    first.refresh_from_db()
    assert first.state == "approved"

    # 5. Revised: one measure changed, one removed (with a reason), one added.
    second = revise(page, first)
    assert (second.lineage, second.state) == (first.lineage, "draft")
    changed = Measure.objects.get(theme__strategy=second, key=owned.key)
    removed = Measure.objects.get(theme__strategy=second, number="19.2")
    page.get_by_role("link", name="Digital kompetanse").click()
    page.wait_for_url("**/rediger/tema/19/")

    slot = page.locator(f"#measure-{changed.pk}")
    slot.get_by_role("link", name="Edit").click()  # htmx: the form in place
    slot.get_by_label("Objective").fill(AFTER)
    slot.get_by_role("button", name="Save").click()
    page.locator(f"#measure-{changed.pk}", has_text=AFTER).wait_for()

    page.locator(f"#measure-{removed.pk}").get_by_role("link", name="Remove").click()
    assert "Fylkesrådmann" in page.inner_text("main")  # the units that own it
    page.get_by_label("Why is it removed?").fill("Dekkes av regionalt samarbeid")
    page.get_by_role("button", name="Remove").click()
    page.wait_for_url("**/rediger/tema/19/")
    assert not Measure.objects.filter(pk=removed.pk).exists()
    page.goto(f"/o/{org.slug}/s/{second.pk}/rediger/fjernet/")
    assert "Dekkes av regionalt samarbeid" in page.inner_text("main")
    page.goto(f"/o/{org.slug}/s/{second.pk}/rediger/tema/19/")

    # The number freed is given again; the new measure is told apart by its key.
    assert add_measure(page, "Digital kompetanse for alle folkevalgte.") == "19.2"

    # 6. The revision approved too; the first version is superseded.
    approve(page, second, "PS 2/25")
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.state, second.state) == ("superseded", "approved")

    # 7. The diff page shows exactly those changes, the objective word by word.
    diff = f"/o/{org.slug}/s/{first.pk}/endringer/{second.pk}/"
    page.goto(diff)
    summary = "1 measure added, 1 removed, 1 changed."
    assert page.locator("#diff-summary").inner_text() == summary
    reported = [
        ("measure", "changed", "Measure 19.1"),
        ("measure", "added", "Measure 19.2"),
        ("measure", "removed", "Measure 19.2"),
    ]
    assert diff_parts(page) == reported
    fields = page.locator(".diff-part[data-status=changed] .diff-fields")
    assert fields.locator("dt").all_inner_texts() == ["Objective"]
    text = fields.locator("dd.diff-text")
    assert text.locator("del").all_text_contents() == ["deleted: innlogging"]
    assert text.locator("ins").all_text_contents() == [
        "inserted: pålogging",
        "inserted:  og folkevalgte",
    ]
    budget = page.locator("#diff-budget + .table-scroll tfoot td")
    assert budget.last.inner_text() == "0\xa0kr"  # unchanged
    assert axe(page) == []

    # 8. The public sees the same page of the two published versions; a draft
    # in the pair is a 404 for them (and not for the editor).
    third = revise(page, second)
    reader = open_as(browser, live_server)
    response = reader.goto(diff)
    assert response is not None and response.status == 200
    assert reader.locator("#diff-summary").inner_text() == summary
    assert diff_parts(reader) == reported
    assert axe(reader) == []
    for pair in ((second, third), (third, second), (first, third)):
        url = f"/o/{org.slug}/s/{pair[0].pk}/endringer/{pair[1].pk}/"
        response = reader.goto(url)
        assert response is not None and response.status == 404, url
    response = page.goto(f"/o/{org.slug}/s/{second.pk}/endringer/{third.pk}/")
    assert response is not None and response.status == 200
    assert page.locator("#diff-summary").inner_text() == "No changes."
    reader.context.close()
    page.context.close()
