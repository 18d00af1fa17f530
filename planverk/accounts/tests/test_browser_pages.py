"""The members page, an invitation accepted with a new account, and the account page,
in the browser; each page passes axe-core at WCAG 2.1 AA."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from planverk.accounts.tests.people import make_people
from planverk.organizations.models import Membership, Role

pytestmark = pytest.mark.django_db(transaction=True)


def open_as(browser: Any, live_server: Any, user: Any = None) -> Any:
    context = browser.new_context(locale="en-GB", base_url=live_server.url)
    if user is not None:
        client = Client()
        client.force_login(user)
        cookie = {"name": "sessionid", "value": client.cookies["sessionid"].value}
        context.add_cookies([{**cookie, "url": live_server.url}])
    return context.new_page()


def test_an_editor_invites_and_the_invited_person_joins(
    live_server: Any, browser: Any, axe: Any, national_agenda: None
) -> None:
    people = make_people()
    editor = open_as(browser, live_server, people.editor)
    editor.goto("/o/fjordvik-kommune/medlemmer/")
    assert axe(editor) == []
    editor.fill("#id_email", "ny@example.no")
    editor.select_option("#id_role", "unit_editor")
    editor.get_by_label("Arkiv").check()
    editor.locator("#invite button[type=submit]").click()
    link = editor.locator("#invitation-link").inner_text()
    assert axe(editor) == []

    newcomer = open_as(browser, live_server)
    newcomer.goto(link)
    assert axe(newcomer) == []
    newcomer.fill("#id_username", "ny")
    newcomer.fill("#id_password1", "Fjordvik-strategi-2027")
    newcomer.fill("#id_password2", "Fjordvik-strategi-2027")
    newcomer.locator("#sign-up button[type=submit]").click()
    newcomer.wait_for_url(live_server.url + "/o/fjordvik-kommune/")
    membership = Membership.objects.get(user__username="ny")
    assert membership.role == Role.UNIT_EDITOR
    assert [u.name for u in membership.units.all()] == ["Arkiv"]

    newcomer.goto("/konto/")
    assert "Arkiv" in newcomer.locator("#memberships").inner_text()
    assert axe(newcomer) == []
    newcomer.locator("#sign-out-everywhere").click()
    newcomer.wait_for_url("**/konto/logg-inn/")
    newcomer.goto("/konto/")
    assert "/konto/logg-inn/" in newcomer.url
    for page in (editor, newcomer):
        page.context.close()


def test_the_lockout_page_is_accessible(
    live_server: Any, page: Any, axe: Any, settings: Any, national_agenda: None
) -> None:
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 1
    page.goto(live_server.url + "/konto/logg-inn/")
    page.fill("#id_username", "kari")
    page.fill("#id_password", "wrong")
    page.locator(".login-form button[type=submit]").click()
    page.wait_for_selector("#locked-out")
    assert axe(page) == []
