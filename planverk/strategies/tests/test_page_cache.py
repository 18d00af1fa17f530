"""Anonymous readers share cached pages; changes show at once and members are never cached."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from planverk.interchange.load import load
from planverk.strategies.actions.publishing import set_exempt
from planverk.strategies.models import Measure, Strategy
from planverk.testing import Personas, make_personas, rich_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def strategy() -> Strategy:
    return load(rich_document())  # approved: public


@pytest.fixture
def personas(strategy: Strategy) -> Personas:
    return make_personas(strategy.organization)


def queries(client: Client, url: str) -> tuple[int, str]:
    """The queries a page took, and its <main> (outside it, the CSRF token varies)."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    return len(captured), page[page.index("<main") : page.index("</main>")]


def test_a_second_anonymous_visit_is_served_from_the_cache(
    client: Client, strategy: Strategy
) -> None:
    for page in ("", "tema/3/", "handlingsplan/"):
        url = f"/o/fjordvik-kommune/s/{strategy.pk}/{page}"
        first, body = queries(client, url)
        second, again = queries(client, url)
        assert second < first
        assert second <= 1  # whether the strategy changed: one indexed lookup
        assert again == body


def test_a_change_to_the_strategy_shows_at_once(
    client: Client, strategy: Strategy, personas: Personas
) -> None:
    url = f"/o/fjordvik-kommune/s/{strategy.pk}/tema/3/"
    assert "Åpne møter for alle." in queries(client, url)[1]
    measure = Measure.objects.get(number="3.1")
    set_exempt(measure, True, user=personas.editor, basis="offl. § 14")
    assert "Åpne møter for alle." not in queries(client, url)[1]


def test_members_never_get_the_public_body_nor_leave_theirs(
    client: Client, strategy: Strategy, personas: Personas
) -> None:
    url = f"/o/fjordvik-kommune/s/{strategy.pk}/tema/21/"
    exempt_text = "Velferdsteknologi"  # measure 21.1 is exempt: members only
    anonymous = Client()
    assert queries(anonymous, url)[1].count(exempt_text) == 0
    client.force_login(personas.reader)
    assert exempt_text in queries(client, url)[1]
    assert exempt_text not in queries(anonymous, url)[1]


def test_the_cache_is_keyed_on_the_language(client: Client, strategy: Strategy) -> None:
    url = f"/o/fjordvik-kommune/s/{strategy.pk}/"
    norwegian = queries(client, url)[1]
    client.post("/i18n/setlang/", {"language": "en", "next": url})
    english = queries(client, url)[1]
    assert "Handlingsplan" in norwegian
    assert "Action plan" in english
    assert strategy.updated_at < dt.datetime.now(tz=dt.UTC)


def test_an_anonymous_page_carries_no_csrf_token_to_share(
    client: Client, strategy: Strategy
) -> None:
    response = client.get(f"/o/fjordvik-kommune/s/{strategy.pk}/")
    assert "csrfmiddlewaretoken" not in response.content.decode()
    assert not response.cookies
    strict = Client(enforce_csrf_checks=True)
    switched = strict.post("/i18n/setlang/", {"language": "lt", "next": "/"})
    assert switched.status_code == 302  # the language form works without a token
