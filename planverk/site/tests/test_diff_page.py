"""The page of what changed between two versions: its contents, who finds it, and
its cost."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from planverk.strategies.models import ActionItem, Measure, Strategy, Theme
from planverk.strategies.tests.versions_setup import next_version, sixty_measures
from planverk.testing import make_personas, make_strategy

pytestmark = pytest.mark.django_db


def url(older: Strategy, newer: Strategy) -> str:
    return f"/o/{older.organization.slug}/s/{older.pk}/endringer/{newer.pk}/"


def page(response: Any) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def older() -> Strategy:
    return make_strategy("superseded")


@pytest.fixture
def newer(older: Strategy) -> Strategy:
    """The next version: 3.1 reworded, 3.2 renumbered 3.5, 3.10 removed, 3.11
    added, item 2 dearer by 400 000 kr."""
    newer = next_version(older)
    measures = Measure.objects.filter(theme__strategy=newer)
    measures.filter(number="3.1").update(objective="Åpne digitale møter for alle.")
    renumbered = measures.get(number="3.2")
    renumbered.number = "3.5"
    renumbered.save()
    measures.filter(number="3.10").delete()
    theme = Theme.objects.get(strategy=newer, number="3")
    Measure.objects.create(theme=theme, number="3.11", objective="Et nytt tiltak")
    ActionItem.objects.filter(strategy=newer, number="2").update(amount_nok=800_000)
    return newer


def test_it_starts_with_the_summary_then_goes_part_by_part(
    older: Strategy, newer: Strategy, client: Client
) -> None:
    doc = page(client.get(url(older, newer), HTTP_ACCEPT_LANGUAGE="en"))
    main = doc.find("main")
    summary = main.find(id="diff-summary")
    assert summary.get_text() == (
        "1 measure added, 1 removed, 2 changed; 1 action plan item changed; "
        "budget +0.4 million NOK."
    )
    assert summary.find_next("h2") == main.find(id="diff-measure")
    parts = {
        li.h3.a.get_text() if li.h3.a else li.h3.contents[0].strip(): li
        for li in main.select("li.diff-part")
    }
    assert parts["Measure 3.5"]["data-status"] == "changed"
    assert "Renumbered from 3.2 to 3.5" in parts["Measure 3.5"].get_text()
    assert parts["Measure 3.10"]["data-status"] == "removed"
    assert parts["Measure 3.11"]["data-status"] == "added"
    inserted = parts["Measure 3.1"].find("ins")
    assert inserted.get_text() == "inserted: digitale "
    assert inserted.find(class_="ds-sr-only").get_text() == "inserted: "
    amount = parts["Action plan item 2"]
    assert amount.find("del").get_text() == "deleted: 400,000\u00a0kr"
    assert amount.find("ins").get_text() == "inserted: 800,000\u00a0kr"
    total = main.select_one("#diff-budget ~ div tfoot tr")
    assert [td.get_text() for td in total.find_all("td")] == [
        "2,900,000\u00a0kr",
        "3,300,000\u00a0kr",
        "+400,000\u00a0kr",
    ]


def test_the_page_links_each_version_and_part(
    older: Strategy, newer: Strategy, client: Client
) -> None:
    doc = page(client.get(url(older, newer)))
    links = {a["href"] for a in doc.find("main").find_all("a")}
    base = f"/o/{older.organization.slug}/s/"
    assert {f"{base}{older.pk}/", f"{base}{newer.pk}/"} <= links
    assert f"{base}{newer.pk}/tiltak/3.5/" in links
    assert f"{base}{older.pk}/tiltak/3.10/" in links  # removed: where it was


def test_a_draft_in_the_pair_is_not_found_but_by_members(
    older: Strategy, newer: Strategy, client: Client
) -> None:
    Strategy.objects.filter(pk=newer.pk).update(state="draft")
    personas = make_personas(older.organization)
    for path in (url(older, newer), url(newer, older)):
        assert client.get(path).status_code == 404
        client.force_login(personas.outsider)
        assert client.get(path).status_code == 404
        client.force_login(personas.reader)
        assert client.get(path).status_code == 200
        client.logout()


def test_versions_of_other_strategies_are_no_pair(
    older: Strategy, client: Client
) -> None:
    same_organization = make_strategy("approved", org=older.organization.name)
    elsewhere = make_strategy("approved", org="Lia kommune")
    Strategy.objects.filter(pk=elsewhere.pk).update(lineage=older.lineage)
    assert client.get(url(older, same_organization)).status_code == 404
    assert client.get(url(older, elsewhere)).status_code == 404
    assert client.get(url(older, older)).status_code == 200


def test_the_public_sees_no_exempt_part(
    older: Strategy, newer: Strategy, client: Client
) -> None:
    Measure.objects.filter(theme__strategy=newer, number="21.1").update(
        description="Sensorer i alle rom"
    )
    public = client.get(url(older, newer)).content.decode()
    assert "Sensorer" not in public and "Velferdsteknologi" not in public
    client.force_login(make_personas(older.organization).reader)
    members = page(client.get(url(older, newer), HTTP_ACCEPT_LANGUAGE="en"))
    assert "inserted: i alle rom" in members.find(id="diff-measure").parent.get_text()


def test_a_part_made_exempt_leaves_the_cached_page(
    older: Strategy, newer: Strategy, client: Client
) -> None:
    cache.clear()
    assert "800\u00a0000\u00a0kr" in client.get(url(older, newer)).content.decode()
    ActionItem.objects.filter(strategy=newer, number="2").update(
        exempt=True, exempt_basis="offl. § 23"
    )
    Strategy.objects.filter(pk=newer.pk).update(updated_at=timezone.now())
    again = client.get(url(older, newer)).content.decode()
    assert "800\u00a0000" not in again
    assert "Handlingsplanpost 2 er unntatt offentlighet (offl. § 23)." in again


def test_the_changes_report_against_a_version_leaves_its_cache_the_same_way(
    older: Strategy, newer: Strategy, client: Client
) -> None:
    """The report compares with ?mot=<version>; its cached copy keys on that
    version's stamp as the page does."""
    cache.clear()
    report = f"/o/{older.organization.slug}/s/{older.pk}/rapport/changes.html"
    first = client.get(report, {"mot": newer.pk}).content.decode()
    assert "800\u00a0000" in first
    ActionItem.objects.filter(strategy=newer, number="2").update(
        exempt=True, exempt_basis="offl. § 23"
    )
    Strategy.objects.filter(pk=newer.pk).update(updated_at=timezone.now())
    again = client.get(report, {"mot": newer.pk}).content.decode()
    assert "800\u00a0000" not in again


def queries(client: Client, path: str) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_the_queries_do_not_grow_with_the_parts(
    older: Strategy, newer: Strategy, client: Client
) -> None:
    big = sixty_measures()
    bigger = next_version(big)
    Measure.objects.filter(theme__strategy=bigger, number="3.20").update(group="Ny")
    few = queries(client, url(older, newer))
    assert queries(client, url(big, bigger)) == few
    assert few <= 22
    client.force_login(make_personas(big.organization).reader)
    assert queries(client, url(big, bigger)) == queries(client, url(older, newer))


# Transactional like the other browser tests: on PostgreSQL a rolled-back test that
# starts Playwright leaves a session behind.
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("national_agenda")
@pytest.mark.parametrize("width", [1280, 375])
def test_the_page_passes_axe(
    live_server: Any, browser: Any, axe: Callable[[Any], list[Any]], width: int
) -> None:
    older = make_strategy("superseded")
    newer = next_version(older)
    Measure.objects.filter(theme__strategy=newer, number="3.1").update(
        objective="Åpne digitale møter for alle.", items=["Kamera i salen"]
    )
    ActionItem.objects.filter(strategy=newer, number="2").update(
        exempt=True, exempt_basis="offl. § 23"
    )
    context = browser.new_context(
        locale="nb-NO", viewport={"width": width, "height": 800}
    )
    reader = context.new_page()
    response = reader.goto(live_server.url + url(older, newer))
    assert response is not None and response.status == 200
    assert axe(reader) == []
    assert reader.evaluate("document.documentElement.scrollWidth") <= width
    # Not by colour alone: what was put in is underlined, what was taken out struck.
    lines = reader.evaluate(
        "['ins', 'del'].map(t => getComputedStyle(document.querySelector(t))"
        ".textDecorationLine)"
    )
    assert lines == ["underline", "line-through"]
    context.close()


def test_script_in_a_changed_text_never_runs(
    older: Strategy, newer: Strategy, client: Client
) -> None:
    hostile = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    Measure.objects.filter(theme__strategy=newer, number="3.1").update(
        objective=f"Åpne {hostile} møter", items=[hostile]
    )
    response = client.get(url(older, newer))
    assert "<script>alert" not in response.content.decode()
    doc = page(response)
    assert not doc.select("main script, main img")
    assert "<script>alert(1)</script>" in doc.find(id="diff-measure").parent.get_text()
