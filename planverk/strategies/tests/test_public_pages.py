"""The first public pages: what an anonymous reader sees, in a bounded number of queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from planverk.interchange.load import load
from planverk.testing import rich_document

pytestmark = pytest.mark.django_db


def make(name: str, state: str) -> int:
    document = rich_document()
    document["organization"]["name"] = name
    document["strategy"]["state"] = state
    document["strategy"]["title"] = f"IKT-strategi for {name}"
    return load(document).pk


def test_the_list_links_published_strategies_and_hides_drafts(client: Client) -> None:
    published = make("Fjordvik kommune", "approved")
    make("Lia kommune", "draft")
    page = client.get("/").content.decode()
    assert f'href="/o/fjordvik-kommune/s/{published}/"' in page
    assert "Lia kommune" in page  # the organisation is listed …
    assert "IKT-strategi for Lia kommune" not in page  # … its draft is not


def test_a_draft_is_not_found_by_its_direct_url(client: Client) -> None:
    draft = make("Lia kommune", "draft")
    assert client.get(f"/o/lia-kommune/s/{draft}/").status_code == 404


def test_a_strategy_page_shows_measures_with_their_units(client: Client) -> None:
    pk = make("Fjordvik kommune", "approved")
    page = client.get(f"/o/fjordvik-kommune/s/{pk}/").content.decode()
    assert "Åpne møter for alle." in page
    assert "IKT-tjenesten, Arkiv" in page
    assert 'lang="nb"' in page


def count_queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_queries_do_not_grow_with_the_data(client: Client) -> None:
    pk = make("Org 0 kommune", "approved")
    few = (
        count_queries(client, "/"),
        count_queries(client, f"/o/org-0-kommune/s/{pk}/"),
    )
    for i in range(1, 6):
        make(f"Org {i} kommune", "approved")
    many = (
        count_queries(client, "/"),
        count_queries(client, f"/o/org-0-kommune/s/{pk}/"),
    )
    assert few == many
    assert max(many) <= 6
