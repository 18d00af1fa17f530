"""A page and the report it links to show the same figures, written the same way:
both read them from one read model (planverk/reports/content.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.test import Client

from conftest import MUNICIPALITY_SEED
from planverk.strategies.models import Strategy
from planverk.testing import make_personas, make_strategy

pytestmark = pytest.mark.django_db


def rows(client: Client, url: str, table_class: str) -> list[list[str]]:
    """The body rows of the table of *table_class* on *url*, as the reader reads them."""
    response = client.get(url)
    assert response.status_code == 200, url
    table = BeautifulSoup(response.content, "html.parser").find(
        "table", class_=table_class
    )
    assert table is not None, f"no table.{table_class} on {url}"
    found = [
        [cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"])]
        for row in table.find_all("tr")
    ]
    return found[1:]  # without the header


def compare(client: Client, strategy: Strategy) -> None:
    base = strategy.get_absolute_url()
    report = base + "rapport/"
    sums = 1  # the report's table ends with a sum row the page leaves out
    levels = rows(client, base, "overview")
    assert levels == rows(client, report + "progress.html", "counts")[:-sums]
    totals = rows(client, base + "handlingsplan/", "totals")
    assert totals == [r[:4] for r in rows(client, report + "budget.html", "totals")]
    periods = rows(client, base + "handlingsplan/", "periods")
    assert periods == rows(client, report + "budget.html", "periods")[:-sums]


@pytest.mark.parametrize("reader", ["anonymous", "reader"])
def test_levels_totals_and_periods_agree_for_every_reader(reader: str) -> None:
    strategy = make_strategy("approved")  # with exempt goals and items
    client = Client()
    person = getattr(make_personas(strategy.organization), reader)
    if person.is_authenticated:
        client.force_login(person)
    compare(client, strategy)


def test_they_agree_in_lithuanian_on_the_municipality(
    seed_path: Callable[[str], Path],
) -> None:
    call_command("import", str(seed_path(MUNICIPALITY_SEED)), verbosity=0)
    strategy = Strategy.objects.latest("pk")
    strategy.state = "approved"
    strategy.save()
    client = Client(HTTP_ACCEPT_LANGUAGE="lt")
    compare(client, strategy)
    periods = rows(client, strategy.get_absolute_url() + "handlingsplan/", "periods")
    assert periods[0][1] == "1\u00a0800\u00a0000\u00a0kr"  # operating 2010
