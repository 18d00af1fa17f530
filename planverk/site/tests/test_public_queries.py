"""Every public page issues the same, small number of queries whatever the data size."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from planverk.interchange.load import load
from planverk.organizations.models import Unit
from planverk.strategies.models import GoalAssessment, Strategy
from planverk.testing import make_personas, rich_document

pytestmark = pytest.mark.django_db

BOUND = 8  # the most any public page may need


def make(n: int) -> Strategy:
    document = rich_document()
    document["organization"]["name"] = f"Org {n} kommune"
    # Bigger strategies as n grows: more themes and measures must not cost queries.
    theme = document["strategy"]["themes"][0]
    for i in range(11, 11 + n * 3):
        theme["measures"].append(
            {**theme["measures"][0], "number": f"3.{i}", "proposed_by": ["Arkiv"]}
        )
    return load(document)


def urls() -> list[str]:
    strategy = Strategy.objects.get(organization__slug="org-0-kommune")
    goal = GoalAssessment.objects.filter(strategy=strategy, exempt=False).first()
    unit = Unit.objects.get(organization=strategy.organization, name="Arkiv")
    assert goal is not None
    s = f"/o/org-0-kommune/s/{strategy.pk}/"
    return [
        "/",
        "/?q=org&kind=municipality&country=NO",
        "/o/org-0-kommune/",
        s,
        s + "kapittel/1/",
        s + "tema/3/",
        s + "tiltak/3.1/",
        s + f"mal/{goal.pk}/",
        s + "handlingsplan/",
        s + "vedtak/",
        s + "ordliste/",
        s + "sok/?q=kamera",
        f"/o/org-0-kommune/enhet/{unit.pk}/",
    ]


def counts(client: Client) -> dict[str, int]:
    """Queries per page with nothing cached: the cost a page can have at most."""
    cache.clear()
    found = {}
    for url in urls():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, url
        found[url] = len(queries)
    return found


def test_anonymous_pages_do_not_grow_with_the_data(client: Client) -> None:
    for n in range(2):
        make(n)
    few = counts(client)
    for n in range(2, 8):
        make(n)
    many = counts(client)
    assert few == many
    assert max(many.values()) <= BOUND, many


def test_member_pages_do_not_grow_with_the_data(client: Client) -> None:
    first = make(0)
    make(1)
    client.force_login(make_personas(first.organization).reader)
    few = counts(client)
    for n in range(2, 8):
        make(n)
    many = counts(client)
    assert few == many
    # The session, the user and the membership rules add a few.
    assert max(many.values()) <= BOUND + 4, many
