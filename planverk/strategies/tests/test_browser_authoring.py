"""Writing a draft's structure in Chromium: a theme and a measure added through
htmx, the measure removed and brought back, and axe over every new page."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.test import Client

from planverk.strategies.actions import structure
from planverk.strategies.models import Measure, Strategy, Theme
from planverk.strategies.tests.editing_setup import Draft, make_draft

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("national_agenda"),
]

Axe = Callable[[Any], list[dict[str, Any]]]


@pytest.fixture
def draft() -> Draft:
    return make_draft()


@pytest.fixture
def session(browser: Any, live_server: Any, draft: Draft) -> Iterator[Any]:
    """A page signed in as the draft's editor, in English."""
    client = Client()
    client.force_login(draft.editor)
    context = browser.new_context(locale="en-GB", base_url=live_server.url)
    cookie = {"name": "sessionid", "value": client.cookies["sessionid"].value}
    context.add_cookies([{**cookie, "url": live_server.url}])
    yield context.new_page()
    context.close()


def test_an_editor_adds_removes_and_brings_back_a_measure(
    draft: Draft, session: Any
) -> None:
    page = session
    page.goto(f"{draft.base}/rediger/")
    page.get_by_role("link", name="Add a theme").click()
    assert page.get_by_label("Number").input_value() == "22"
    page.get_by_label("Title", exact=True).fill("Informasjonssikkerhet")
    page.get_by_role("button", name="Add the theme").click()  # htmx: HX-Redirect
    page.wait_for_url("**/rediger/tema/22/")
    assert "Theme 22 is added." in page.inner_text("main")

    page.get_by_role("link", name="Add a measure").click()
    assert page.get_by_label("Number").input_value() == "22.1"
    page.get_by_label("Objective").fill("Sikker innlogging for alle ansatte.")
    page.get_by_label("Arkiv").check()
    page.get_by_role("button", name="Add the measure").click()
    page.wait_for_url("**/rediger/tema/22/#measure-*")
    measure = Measure.objects.get(theme__strategy=draft.strategy, number="22.1")
    assert [u.name for u in measure.owners] == ["Arkiv"]

    page.locator(f"#measure-{measure.pk}").get_by_role("link", name="Remove").click()
    assert "Arkiv" in page.inner_text("main")  # its unit, where it is still used
    page.get_by_label("Why is it removed?").fill("Dekkes av tiltak 3.1")
    page.get_by_role("button", name="Remove").click()
    page.wait_for_url("**/rediger/tema/22/")
    assert not Measure.objects.filter(pk=measure.pk).exists()

    page.goto(f"{draft.base}/rediger/fjernet/")
    entry = page.locator(f"#removed-tiltak-{measure.pk}")
    assert "Dekkes av tiltak 3.1" in entry.inner_text()
    entry.get_by_role("button", name="Undo removal").click()
    page.wait_for_url(f"**/rediger/tema/22/#measure-{measure.pk}")
    back = Measure.objects.get(pk=measure.pk)
    assert (back.key, [u.name for u in back.owners]) == (measure.key, ["Arkiv"])


def test_a_duplicate_number_comes_back_beside_the_field_in_place(
    draft: Draft, session: Any
) -> None:
    page = session
    page.goto(f"{draft.base}/rediger/tema/3/nytt-tiltak/")
    page.get_by_label("Number").fill("3.2")
    with page.expect_response(lambda r: r.request.method == "POST") as response:
        page.get_by_role("button", name="Add the measure").click()
    assert response.value.status == 422
    message = page.locator("#new_measure_number_error")
    message.wait_for()
    assert "3.2" in message.inner_text()


def test_the_new_pages_pass_axe(draft: Draft, session: Any, axe: Axe) -> None:
    page = session
    b = draft.base
    theme = Theme.objects.get(strategy=draft.strategy, number="21")
    removed = structure.remove_measure(
        Measure.objects.get(theme=theme, number="21.1"), user=draft.editor, reason="Ut"
    )
    urls = [
        f"{b}/rediger/ny-tema/",
        f"{b}/rediger/tema/3/innstillinger/",
        f"{b}/rediger/tema/3/fjern/",
        f"{b}/rediger/tema/3/nummerer/",
        f"{b}/rediger/tema/3/nytt-tiltak/",
        f"{b}/rediger/tiltak/{draft.measure.pk}/fjern/",
        f"{b}/rediger/nytt-mal/",
        f"{b}/rediger/mal/{draft.goal.pk}/fjern/",
        f"{b}/rediger/fjernet/",
        f"{b}/historikk/tiltak/{removed.pk}/",
    ]
    found = {}
    for url in urls:
        response = page.goto(url)
        assert response is not None and response.status == 200, url
        if violations := axe(page):
            found[url] = violations
    # A form sent back with errors, and the page of a frozen version.
    page.goto(f"{b}/rediger/nytt-mal/")
    page.get_by_role("button", name="Add the status").click()
    page.locator(".ds-validation-message").first.wait_for()
    if violations := axe(page):
        found["goal form with errors"] = violations
    Strategy.objects.filter(pk=draft.strategy.pk).update(state="approved")
    response = page.goto(f"{b}/rediger/ny-tema/")
    assert response is not None and response.status == 409
    if violations := axe(page):
        found["frozen"] = violations
    assert found == {}
