"""A strategy's narrative chapters on public pages: Markdown made safe, exempt ones hidden."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from planverk.interchange.load import load
from planverk.strategies.models import Strategy
from planverk.testing import make_personas, rich_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def strategy() -> Strategy:
    document = rich_document()
    sections = document["strategy"]["sections"]
    sections[0]["text"] = "Strategien gjelder **hele** kommunen.\n\n- Skole\n- Helse"
    sections[2]["exempt"] = True  # "1.2 Įvadas (lietuviškai)"
    return load(document)


def page(client: Client, url: str) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def test_a_chapter_shows_its_markdown_as_html(
    client: Client, strategy: Strategy
) -> None:
    soup = page(client, f"/o/fjordvik-kommune/s/{strategy.pk}/kapittel/1/")
    assert soup.h1 is not None
    assert soup.h1.get_text(" ", strip=True) == "1 Innledning"
    prose = soup.select_one(".prose")
    assert prose is not None
    assert prose.strong is not None and prose.strong.string == "hele"
    assert [li.get_text() for li in prose.select("li")] == ["Skole", "Helse"]


def test_a_chapter_without_text_says_so(client: Client, strategy: Strategy) -> None:
    soup = page(client, f"/o/fjordvik-kommune/s/{strategy.pk}/kapittel/2/")
    assert soup.select_one(".prose") is None
    assert soup.h1 is not None and soup.h1.get_text() == "Forord"


def test_the_front_page_and_navigation_list_public_chapters(
    client: Client, strategy: Strategy
) -> None:
    base = f"/o/fjordvik-kommune/s/{strategy.pk}/"
    soup = page(client, base)
    links = {a["href"] for a in soup.select(f'a[href^="{base}kapittel/"]')}
    assert links == {f"{base}kapittel/1/", f"{base}kapittel/2/"}
    nav = soup.select_one("nav.strategy-nav")
    assert nav is not None and nav.select_one(f'a[href="{base}kapittel/2/"]')


def test_an_exempt_chapter_is_found_by_members_only(
    client: Client, strategy: Strategy
) -> None:
    url = f"/o/fjordvik-kommune/s/{strategy.pk}/kapittel/3/"
    assert client.get(url).status_code == 404
    client.force_login(make_personas(strategy.organization).reader)
    soup = page(client, url)
    assert "Ąžuolas" in soup.get_text()
    assert soup.select_one(".exempt") is not None


def test_a_chapter_not_in_the_document_is_not_found(
    client: Client, strategy: Strategy
) -> None:
    assert (
        client.get(f"/o/fjordvik-kommune/s/{strategy.pk}/kapittel/9/").status_code
        == 404
    )
