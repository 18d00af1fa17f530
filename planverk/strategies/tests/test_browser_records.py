"""The records pages in Chromium: axe over every one (with errors shown too), the
chapter's live preview, and a decision row edited in place with htmx."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.test import Client

from planverk.strategies.models import Decision, Section
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
def editor_page(browser: Any, live_server: Any, draft: Draft) -> Iterator[Any]:
    """A browser page signed in as the draft's editor."""
    client = Client()
    client.force_login(draft.editor)
    context = browser.new_context(locale="en-GB", base_url=live_server.url)
    cookie = {"name": "sessionid", "value": client.cookies["sessionid"].value}
    context.add_cookies([{**cookie, "url": live_server.url}])
    yield context.new_page()
    context.close()


def test_every_records_page_passes_axe(
    draft: Draft, editor_page: Any, axe: Axe
) -> None:
    page = editor_page
    base = f"{draft.base}/rediger/"
    decision = draft.strategy.decisions.order_by("position").first()
    term = draft.strategy.glossary.order_by("position").first()
    total = draft.strategy.budget_totals.order_by("pk").first()
    assert decision is not None and term is not None and total is not None
    pages = [
        "strategi/",
        "handlingsplan/",
        "ny-handlingsplanpost/",
        "handlingsplan/2/endre/",
        "handlingsplan/2/fjern/",
        "budsjett/",
        f"budsjett/{total.pk}/",
        f"budsjett/{total.pk}/fjern/",
        "kapittel/",
        "kapittel/ny/",
        "kapittel/1/",
        "kapittel/1/fjern/",
        "vedtak/",
        f"vedtak/{decision.pk}/",
        f"vedtak/{decision.pk}/fjern/",
        "ordliste/",
        f"ordliste/{term.pk}/",
        f"ordliste/{term.pk}/fjern/",
    ]
    found = {}
    for path in pages:
        response = page.goto(base + path)
        assert response is not None and response.status == 200, path
        if violations := axe(page):
            found[path] = violations
    # Forms sent back with their errors.
    page.goto(base + "ny-handlingsplanpost/")
    page.get_by_label("Title", exact=True).fill("Ny sak")
    page.get_by_label("Funding").fill("Statlige midler")
    page.get_by_role("button", name="Save").click()
    page.locator(".ds-validation-message").first.wait_for()
    if violations := axe(page):
        found["action item with errors"] = violations
    page.goto(base + "vedtak/")
    page.locator("#new_decision_date").fill("2009-13")
    page.get_by_role("button", name="Add", exact=True).click()
    page.locator("#new_decision_date_error").wait_for()
    if violations := axe(page):
        found["decision with errors"] = violations
    assert found == {}


def test_the_chapter_preview_follows_the_text(draft: Draft, editor_page: Any) -> None:
    page = editor_page
    page.goto(f"{draft.base}/rediger/kapittel/1/")
    text = page.get_by_label("Text", exact=True)
    text.fill("## Mål\n\n<script>alert(1)</script> [bare tekst](#)")
    preview = page.locator("#section-preview")
    preview.locator("h3", has_text="Mål").wait_for()
    assert preview.locator("script").count() == 0
    assert preview.locator("a").count() == 0 and "bare tekst" in preview.inner_text()
    assert "<script>alert(1)</script>" in preview.inner_text()
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/rediger/kapittel/#section-*")
    saved = Section.objects.get(strategy=draft.strategy, position=0)
    assert saved.text.startswith("## Mål")


def test_a_decision_row_is_edited_in_place(draft: Draft, editor_page: Any) -> None:
    page = editor_page
    decision = draft.strategy.decisions.order_by("position").first()
    assert decision is not None
    page.goto(f"{draft.base}/rediger/vedtak/")
    row = page.locator(f"#decision-{decision.pk}")
    row.get_by_role("link", name="Edit").click()  # htmx swaps the list in
    form = page.locator(f"#decision-{decision.pk} form")
    form.get_by_label("Date").fill("2023-12")
    form.get_by_role("button", name="Save").click()
    page.locator(f"#decision-{decision.pk}", has_text="December 2023").wait_for()
    assert page.url.endswith("/rediger/vedtak/")  # no page load: swapped in place
    stored = Decision.objects.get(pk=decision.pk)
    assert (stored.date_text, stored.date_precision) == ("2023-12", "month")
