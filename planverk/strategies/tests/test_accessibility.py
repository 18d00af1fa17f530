"""axe-core in Chromium over every public page: zero violations at WCAG 2.1 AA."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.conf import settings

from planverk.site.tests.test_public_pages import make
from planverk.strategies.models import GoalAssessment, Strategy
from planverk.testing import make_personas

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("national_agenda"),
]

Axe = Callable[[Any], list[dict[str, Any]]]


def public_pages(pk: int) -> list[str]:
    strategy = Strategy.objects.get(pk=pk)
    goal = GoalAssessment.objects.filter(strategy=pk, exempt=False).first()
    unit = strategy.units.get(name="IKT-tjenesten")
    assert goal is not None
    s = f"/o/fjordvik-kommune/s/{pk}/"
    return [
        "/",
        "/?q=zzz",
        "/o/fjordvik-kommune/",
        s,
        s + "kapittel/1/",
        s + "tema/3/",
        s + "tiltak/3.1/",
        s + f"mal/{goal.pk}/",
        s + "handlingsplan/",
        s + "vedtak/",
        s + "ordliste/",
        s + "sok/?q=digital",
        f"/o/fjordvik-kommune/enhet/{unit.pk}/",
    ]


def violations_on(page: Any, axe: Axe, base: str, urls: list[str]) -> dict[str, Any]:
    found = {}
    for url in urls:
        response = page.goto(base + url)
        assert response is not None and response.status == 200, url
        violations = axe(page)
        if violations:
            found[url] = violations
    return found


def test_every_public_page_passes_axe(live_server: Any, page: Any, axe: Axe) -> None:
    pk = make()
    make("Lia kommune", "draft")
    assert violations_on(page, axe, live_server.url, public_pages(pk)) == {}


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_every_public_page_passes_axe_in_each_interface_language(
    live_server: Any, page: Any, axe: Axe, language: str
) -> None:
    """The site's language switch (set_language, remembered in a cookie), then every
    public page in that language: a language added to settings.LANGUAGES is covered."""
    pk = make()
    urls = public_pages(pk)
    page.goto(live_server.url + urls[3])
    with page.expect_navigation():
        page.locator(f'.language-switch button[value="{language}"]').click()
    assert page.locator("html").get_attribute("lang") == language
    assert page.url == live_server.url + urls[3]  # back on the same page
    assert violations_on(page, axe, live_server.url, urls) == {}
    assert page.locator("html").get_attribute("lang") == language  # it stayed


def test_public_pages_pass_axe_on_a_phone(
    live_server: Any, browser: Any, axe: Axe
) -> None:
    pk = make()
    context = browser.new_context(
        locale="nb-NO", viewport={"width": 375, "height": 740}
    )
    phone = context.new_page()
    urls = public_pages(pk)[3:7]
    assert violations_on(phone, axe, live_server.url, urls) == {}
    # Nothing sideways to scroll: the page fits the phone's width.
    for url in urls:
        phone.goto(live_server.url + url)
        assert phone.evaluate("document.documentElement.scrollWidth") <= 375, url
    context.close()


def test_a_members_view_with_exempt_parts_passes_axe(
    live_server: Any, page: Any, axe: Axe, client: Any
) -> None:
    pk = make("Fjordvik kommune", "draft")
    strategy = Strategy.objects.get(pk=pk)
    client.force_login(make_personas(strategy.organization).reader)
    session = client.cookies["sessionid"].value
    page.context.add_cookies(
        [{"name": "sessionid", "value": session, "url": live_server.url}]
    )
    urls = [f"/o/fjordvik-kommune/s/{pk}/", f"/o/fjordvik-kommune/s/{pk}/tema/21/"]
    assert violations_on(page, axe, live_server.url, urls) == {}
    assert "Unntatt offentlighet" in page.content()  # the marked view was checked
