"""Query parameters are parsed by each page's Query form: what it understands, in
range, or 400 with the reason; what it does not understand, ignored.

Before, ``?fra=2000-01-01&til=9999-12-31`` on the changes report was an
OverflowError and ``?mot=²`` a ValueError, both 500s.
"""

from __future__ import annotations

from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from planverk.strategies.models import Strategy
from planverk.testing import make_strategy

pytestmark = pytest.mark.django_db

LONG = "x" * 100_000


@pytest.fixture
def client() -> Client:
    return Client(HTTP_ACCEPT_LANGUAGE="en")  # the assertions read English messages


@pytest.fixture
def strategy() -> Strategy:
    return make_strategy("approved")


def base(strategy: Strategy) -> str:
    return f"/o/{strategy.organization.slug}/s/{strategy.pk}/"


# The list of organisations


@pytest.mark.parametrize(
    "query",
    [
        "kind=%00",
        "kind=planet",
        "country=%00",
        "country=NOR",
        "country=%C3%98Y",  # ØY: letters, but not ASCII ones
        "side=%C2%B2",
        "side=%D9%A3",  # ٣, an Arabic-Indic 3
        "side=0",
        "side=1e5",
        f"q={LONG}",
        "q=%00",
    ],
)
def test_the_list_refuses_what_it_cannot_filter_by(
    client: Client, strategy: Strategy, query: str
) -> None:
    assert client.get(f"/?{query}").status_code == 400


def test_the_list_reads_its_filters(client: Client, strategy: Strategy) -> None:
    name = strategy.organization.name
    assert name in client.get("/?kind=municipality&country=no").content.decode()
    assert name not in client.get("/?kind=county").content.decode()
    # A well-formed code no organisation has: nothing listed, nothing wrong.
    unknown = client.get("/?country=xx")
    assert unknown.status_code == 200 and name not in unknown.content.decode()
    # Beyond the last page: the last page, as Paginator.get_page has it.
    beyond = client.get("/?side=99999999999999999999")
    assert beyond.status_code == 200 and name in beyond.content.decode()
    assert name in client.get("/?side=1&unknown=%00").content.decode()


# Searching a strategy


@pytest.mark.parametrize("query", [f"q={LONG}", "q=%00", f"q={'a' * 201}"])
def test_search_refuses_what_it_cannot_look_for(
    client: Client, strategy: Strategy, query: str
) -> None:
    assert client.get(f"{base(strategy)}sok/?{query}").status_code == 400


def test_search_takes_its_text_stripped(client: Client, strategy: Strategy) -> None:
    page = client.get(f"{base(strategy)}sok/?q=++Kamera+i+salen++&x=%00")
    assert page.status_code == 200
    assert "1 hit for “Kamera i salen”" in page.content.decode()


# The changes report


def changes_error(response: Any) -> str:
    page = BeautifulSoup(response.content, "html.parser")
    error = page.select_one("#changes-error[role=alert]")
    assert error is not None
    return error.get_text(strip=True)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("fra=2000-01-01&til=9999-12-31", "9999 is not a year from 1990 to 2100."),
        ("fra=9999-12-31&til=0001-01-01", "9999 is not a year from 1990 to 2100."),
        ("fra=%D9%A2%D9%A0%D9%A2%D9%A4-01-01", "is not a date (YYYY-MM-DD)."),
        ("til=%00", "is not a date (YYYY-MM-DD)."),
        ("mot=%C2%B2", "Choose the version to compare with from the list."),
        ("mot=99999999999999999999999", "Choose the version to compare with"),
        ("mot=0", "Choose the version to compare with from the list."),
    ],
)
@pytest.mark.parametrize("fmt", ["html", "csv", "pdf"])
def test_the_changes_report_shows_what_it_refused(
    client: Client, strategy: Strategy, query: str, message: str, fmt: str
) -> None:
    response = client.get(f"{base(strategy)}rapport/changes.{fmt}?{query}")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")  # the report page
    assert message in changes_error(response)


def test_the_report_page_checks_the_dates_it_is_given(
    client: Client, strategy: Strategy
) -> None:
    response = client.get(f"{base(strategy)}rapporter/?fra=2024-02-30")
    assert response.status_code == 400
    assert "2024-02-30 is not a date" in changes_error(response)
    assert client.get(f"{base(strategy)}rapporter/?fra=2024-02-01").status_code == 200


def test_reports_other_than_changes_ignore_the_parameters(
    client: Client, strategy: Strategy
) -> None:
    url = f"{base(strategy)}rapport/strategy.html?fra=9999-12-31&mot=%C2%B2"
    assert client.get(url).status_code == 200
