"""A citizen in Chromium: from the organisation list to a measure, and the language switch."""

from __future__ import annotations

import re
from typing import Any

import pytest

from planverk.site.tests.test_public_pages import make

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("national_agenda"),
]


def test_a_citizen_finds_a_measure_from_the_organisation_list(
    live_server: Any, page: Any
) -> None:
    pk = make("Fjordvik kommune")
    make("Lia kommune")
    page.goto(live_server.url + "/")
    page.get_by_label("Navn").fill("fjordvik")
    page.get_by_role("button", name="Søk").click()
    assert "Lia kommune" not in page.inner_text("main")
    page.get_by_role("link", name="IKT-strategi for Fjordvik kommune").click()
    page.get_by_role("link", name="Lokaldemokrati og deltakelse").first.click()
    page.get_by_role("link", name=re.compile(r"^3\.10 ")).click()
    assert page.url == f"{live_server.url}/o/fjordvik-kommune/s/{pk}/tiltak/3.10/"
    assert page.get_by_role("heading", level=1).inner_text() == "Tiltak 3.10"
    assert "Ordning etter nummer" in page.inner_text("main")


def test_a_citizen_finds_a_measure_by_searching_the_strategy(
    live_server: Any, page: Any
) -> None:
    pk = make("Fjordvik kommune")
    page.goto(f"{live_server.url}/o/fjordvik-kommune/s/{pk}/")
    page.get_by_label("Søk i strategien").fill("KAMERA")
    page.keyboard.press("Enter")
    page.get_by_role("link", name="3.1 Åpne møter for alle.").click()
    assert page.url.endswith(f"/s/{pk}/tiltak/3.1/")


def test_the_language_switch_turns_the_page_english_and_lithuanian(
    live_server: Any, page: Any
) -> None:
    pk = make("Fjordvik kommune")
    page.goto(f"{live_server.url}/o/fjordvik-kommune/s/{pk}/tema/3/")
    assert page.locator("html").get_attribute("lang") == "nb"
    assert page.get_by_role("heading", name="Nasjonale mål").is_visible()
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/s/{pk}/tema/3/")  # the same page, now in English
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", name="National goals").is_visible()
    assert "Achieved" in page.inner_text("main")
    # Content stays in the strategy's language, marked as such.
    assert page.locator('[lang="nb"]', has_text="Åpne møter for alle.").count() >= 1
    page.get_by_role("button", name="Lietuvių").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Nacionaliniai tikslai").is_visible()


def test_the_keyboard_reaches_the_content_with_a_visible_focus(
    live_server: Any, page: Any
) -> None:
    make("Fjordvik kommune")
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert skip.inner_text() == "Hopp til hovedinnholdet"
    assert skip.evaluate("e => getComputedStyle(e).outlineStyle") != "none"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
