"""Editing in Chromium: a status change seen in the history, two sessions in conflict,
a unit editor kept to their measures, and axe over the editing pages."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.test import Client

from planverk.organizations.models import Role
from planverk.strategies.models import GoalAssessment, Measure
from planverk.strategies.tests.editing_setup import Draft, make_draft
from planverk.testing import make_member

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("national_agenda"),
]

Axe = Callable[[Any], list[dict[str, Any]]]


@pytest.fixture
def draft() -> Draft:
    return make_draft()


@pytest.fixture
def sessions(browser: Any, live_server: Any) -> Iterator[Callable[[Any], Any]]:
    """A function that opens a logged-in browser session (its own context) for a user."""
    contexts = []

    def open_for(user: Any) -> Any:
        client = Client()
        client.force_login(user)
        context = browser.new_context(locale="en-GB", base_url=live_server.url)
        cookie = {"name": "sessionid", "value": client.cookies["sessionid"].value}
        context.add_cookies([{**cookie, "url": live_server.url}])
        contexts.append(context)
        return context.new_page()

    yield open_for
    for context in contexts:
        context.close()


def test_an_editor_changes_a_status_level_and_sees_it_in_the_history(
    draft: Draft, sessions: Callable[[Any], Any]
) -> None:
    page = sessions(draft.editor)
    page.goto(f"{draft.base}/rediger/")
    slot = page.locator(f"#goal-{draft.goal.pk}")
    slot.get_by_role("link", name="Change status").click()  # htmx swaps the form in
    slot = page.locator(f"#goal-{draft.goal.pk}")
    slot.get_by_label("Achieved", exact=True).check()
    slot.get_by_label("Reason for the change").fill(
        "Alle sider er nå universelt utformet"
    )
    slot.get_by_role("button", name="Save").click()
    page.locator(f"#goal-{draft.goal.pk} .level").filter(has_text="Achieved").wait_for()
    assert GoalAssessment.objects.get(pk=draft.goal.pk).level == "achieved"

    page.locator(f"#goal-{draft.goal.pk}").get_by_role("link", name="History").click()
    page.wait_for_url(f"**/historikk/mal/{draft.goal.pk}/")
    levels = page.locator(".level-table tbody tr")
    assert levels.count() == 2
    assert "Partially achieved" in levels.nth(0).inner_text()
    newest = levels.nth(1).inner_text()
    assert "Achieved" in newest and "Alle sider er nå universelt utformet" in newest
    # Named as the organisation chose, never by username (the editor has no name).
    assert "a member of Fjordvik kommune" in newest
    assert draft.editor.username not in newest


def test_the_second_of_two_sessions_gets_the_conflict_and_merges(
    draft: Draft, sessions: Callable[[Any], Any], axe: Axe
) -> None:
    # A second editor beside the persona: the two sessions must be different people.
    colleague = make_member("kari", draft.strategy.organization, Role.EDITOR)
    first, second = sessions(draft.editor), sessions(colleague)
    edit_url = f"{draft.base}/rediger/tiltak/{draft.measure.pk}/"
    # The second opens the form inline on the theme's editing page (htmx) …
    second.goto(f"{draft.base}/rediger/tema/3/")
    slot = second.locator(f"#measure-{draft.measure.pk}")
    slot.get_by_role("link", name="Edit").click()
    second.locator(f"#measure{draft.measure.pk}_description").wait_for()
    # … the first edits on the full page and saves first.
    first.goto(edit_url)
    first.get_by_label("Objective").fill("Åpne og tekstede møter for alle.")
    first.get_by_role("button", name="Save").click()
    first.wait_for_url(f"**/rediger/tema/3/#measure-{draft.measure.pk}")

    second.locator(f"#measure{draft.measure.pk}_description").fill("Min beskrivelse")
    second.get_by_role("button", name="Save").click()
    conflict = second.locator(".conflict")
    conflict.wait_for()
    assert "Someone else saved first" in conflict.inner_text()
    rows = conflict.locator(".conflict-table tbody tr")
    assert "Åpne og tekstede møter for alle." in rows.nth(0).inner_text()
    assert "Min beskrivelse" in rows.nth(1).inner_text()
    assert axe(second) == []

    # The merge form holds the first's objective and the second's description.
    objective = conflict.locator(f"#measure{draft.measure.pk}_objective")
    assert objective.input_value() == "Åpne og tekstede møter for alle."
    conflict.get_by_role("button", name="Save").click()
    second.locator(f"#measure-{draft.measure.pk}:not(.editing)").wait_for()
    measure = Measure.objects.get(pk=draft.measure.pk)
    assert measure.objective == "Åpne og tekstede møter for alle."
    assert (measure.description, measure.revision) == ("Min beskrivelse", 3)


def test_the_conflict_page_without_htmx_passes_axe(
    draft: Draft, sessions: Callable[[Any], Any], axe: Axe
) -> None:
    first, second = sessions(draft.editor), sessions(draft.site_admin)
    edit_url = f"{draft.base}/rediger/tiltak/{draft.measure.pk}/"
    second.goto(edit_url)
    first.goto(edit_url)
    first.get_by_label("Group").fill("Først")
    first.get_by_role("button", name="Save").click()
    first.wait_for_url("**/rediger/**")
    second.get_by_label("Group").fill("Sist")
    with second.expect_response(edit_url) as response:
        second.get_by_role("button", name="Save").click()
    assert response.value.status == 409
    assert second.get_by_role("heading", name="Someone else saved first").is_visible()
    assert axe(second) == []


def test_a_unit_editor_cannot_edit_another_units_measure(
    draft: Draft, sessions: Callable[[Any], Any]
) -> None:
    page = sessions(draft.unit_editor)
    page.goto(f"{draft.base}/rediger/tema/3/")
    own = page.locator(f"#measure-{draft.measure.pk}")
    other = page.locator(f"#measure-{draft.other_measure.pk}")
    assert own.get_by_role("link", name="Edit").count() == 1
    assert other.get_by_role("link", name="Edit").count() == 0
    assert other.get_by_role("link", name="History").count() == 1

    # A forged POST from the same session, with a valid CSRF token, is refused.
    token = json.loads(page.locator("body").get_attribute("hx-headers"))["X-CSRFToken"]
    url = f"{draft.base}/rediger/tiltak/{draft.other_measure.pk}/"
    archive = draft.strategy.organization.units.get(name="Arkiv")  # their unit
    data = {
        "revision": "1",
        "objective": "Forged",
        "items": "",
        "start": "",
        "units": str(archive.pk),
    }
    response = page.request.post(url, form=data, headers={"X-CSRFToken": token})
    assert response.status == 403
    assert Measure.objects.get(pk=draft.other_measure.pk).objective != "Forged"
    # The same request on their own measure goes through: the refusal was the rule.
    own_url = f"{draft.base}/rediger/tiltak/{draft.measure.pk}/"
    ok = page.request.post(own_url, form=data, headers={"X-CSRFToken": token})
    assert ok.status == 200 and f"{draft.base}/rediger/tema/3/#measure-" in ok.url


def test_the_editing_pages_pass_axe(
    draft: Draft, sessions: Callable[[Any], Any], axe: Axe
) -> None:
    page = sessions(draft.editor)
    b = draft.base
    urls = [
        f"{b}/rediger/",
        f"{b}/rediger/tema/3/",
        f"{b}/rediger/bekreft/",
        f"{b}/rediger/tiltak/{draft.measure.pk}/",
        f"{b}/rediger/mal/{draft.goal.pk}/",
        f"{b}/rediger/handlingsplan/2/",
        f"{b}/historikk/tiltak/{draft.measure.pk}/",
        f"{b}/historikk/mal/{draft.goal.pk}/",
    ]
    page.goto(urls[3])
    page.get_by_label("Objective").fill("Nytt")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/rediger/**")
    found = {}
    for url in urls:
        response = page.goto(url)
        assert response is not None and response.status == 200, url
        if violations := axe(page):
            found[url] = violations
    # A form sent back with errors, too.
    page.goto(urls[4])
    page.get_by_label("Achieved", exact=True).check()
    page.get_by_role("button", name="Save").click()
    page.locator(".ds-validation-message").first.wait_for()
    if violations := axe(page):
        found["goal form with errors"] = violations
    assert found == {}


def test_editing_works_without_javascript(
    draft: Draft, browser: Any, live_server: Any
) -> None:
    client = Client()
    client.force_login(draft.editor)
    context = browser.new_context(
        locale="en-GB", base_url=live_server.url, java_script_enabled=False
    )
    session = {"name": "sessionid", "value": client.cookies["sessionid"].value}
    context.add_cookies([{**session, "url": live_server.url}])
    page = context.new_page()
    page.goto(f"{draft.base}/rediger/")
    page.get_by_role("link", name="Lokaldemokrati og deltakelse").click()
    page.locator(f"#measure-{draft.measure.pk}").get_by_role(
        "link", name="Edit"
    ).click()
    page.get_by_label("Bullet points").fill("Kamera i salen\nTeksting\nOpptak")
    # Without JavaScript the units are plain checkboxes; the filter stays hidden.
    assert not page.get_by_label("Find a unit").is_visible()
    page.get_by_label("Helse- og omsorg").check()
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(f"**/rediger/tema/3/#measure-{draft.measure.pk}")
    shown = page.locator(f"#measure-{draft.measure.pk}").inner_text()
    assert "Opptak" in shown and "Helse- og omsorg" in shown
    page.get_by_role("button", name="Move 3.10 up").click()
    page.wait_for_url("**/rediger/tema/3/#theme-3-measures")
    assert Measure.objects.get(pk=draft.other_measure.pk).number == "3.2"
    context.close()


def test_the_unit_filter_and_select_all_work_with_javascript(
    draft: Draft, sessions: Callable[[Any], Any], axe: Axe
) -> None:
    page = sessions(draft.editor)
    page.goto(f"{draft.base}/rediger/tema/3/")
    slot = page.locator(f"#measure-{draft.measure.pk}")
    slot.get_by_role("link", name="Edit").click()  # htmx swaps the form in
    search = page.get_by_label("Find a unit")
    search.wait_for()
    search.fill("helse")
    options = page.locator(f"#measure{draft.measure.pk}_units_options [data-option]")
    visible = [o.inner_text() for o in options.all() if o.is_visible()]
    # The match, and the units already chosen, which stay in sight.
    assert visible == ["IKT-tjenesten", "Arkiv", "Helse- og omsorg"]
    assert "3 of 4 units shown" in page.locator("[data-filter-status]").inner_text()
    search.press("Enter")  # filters; does not send the form
    page.get_by_label("Helse- og omsorg").check()
    page.get_by_role("button", name="Save").click()
    page.locator(f"#measure-{draft.measure.pk}:not(.editing)").wait_for()
    owners = [u.name for u in Measure.objects.get(pk=draft.measure.pk).owners]
    assert owners == ["IKT-tjenesten", "Arkiv", "Helse- og omsorg"]

    page.goto(f"{draft.base}/rediger/bekreft/")
    page.get_by_label("Select all").check()
    assert all(box.is_checked() for box in page.locator('[name="chosen"]').all())
    assert axe(page) == []
    page.get_by_role("button", name="Confirm the ticked").click()
    page.get_by_text("2 levels are confirmed.").wait_for()
    assert not GoalAssessment.objects.filter(
        strategy=draft.strategy, level_confirmed=False
    ).exists()
