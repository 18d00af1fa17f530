"""A theme's introduction is Markdown, and its page renders it as the reports do:
lists and headings, never their markup as text (both seeds, imported)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.test import Client

from conftest import COUNTY_SEED, MUNICIPALITY_SEED
from planverk.strategies.models import Strategy, Theme
from planverk.testing import make_personas

pytestmark = pytest.mark.django_db


def theme_page(path: Path, number: str) -> BeautifulSoup:
    """The page of theme *number* of the seed at *path*, as a member sees it
    (an import is a draft)."""
    call_command("import", str(path), verbosity=0)
    strategy = Strategy.objects.select_related("organization").latest("pk")
    theme = Theme.objects.select_related("strategy__organization").get(
        strategy=strategy, number=number
    )
    client = Client()
    client.force_login(make_personas(strategy.organization).reader)
    response = client.get(theme.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert "](#)" not in page and "####" not in page
    return BeautifulSoup(page, "html.parser")


def test_the_county_theme_shows_its_list_and_no_dead_links(
    seed_path: Callable[[str], Path],
) -> None:
    page = theme_page(seed_path(COUNTY_SEED), "7")
    intro = page.select_one(".intro")
    assert intro is not None
    items = [li.get_text(" ", strip=True) for li in intro.select("li")]
    assert any(item.startswith("IKT og grunnopplæring 2008-2012") for item in items)
    assert intro.select("a") == []  # every link of the text leads to "#"
    assert "[" not in intro.get_text()


def test_the_municipality_theme_shows_its_sub_heading(
    seed_path: Callable[[str], Path],
) -> None:
    page = theme_page(seed_path(MUNICIPALITY_SEED), "2.1")
    intro = page.select_one(".intro")
    assert intro is not None
    headings = [h.get_text(" ", strip=True) for h in intro.select("h2")]
    assert [h.split()[0] for h in headings] == ["2.1.1", "2.1.2", "2.1.3"]
    assert page.h1 is not None  # the theme's title stays the page's one h1
    assert len(page.select("h1")) == 1
