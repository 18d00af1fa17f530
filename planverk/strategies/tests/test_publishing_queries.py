"""Feed, sitemap, download and publishing panel: queries do not grow with the data."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from planverk.interchange.load import load
from planverk.strategies.models import Strategy
from planverk.testing import make_personas, rich_document

pytestmark = pytest.mark.django_db


def make(name: str) -> Strategy:
    document = rich_document()
    document["organization"]["name"] = name
    return load(document)


def count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200, url
    return len(queries)


def counts(client: Client, first: Strategy) -> list[int]:
    base = f"/o/{first.organization.slug}/s/{first.pk}/"
    urls = ["/feed/", "/sitemap.xml", base + "planverk.json", base + "publisering/"]
    return [count(client, url) for url in urls]


def test_queries_do_not_grow_with_the_data(client: Client) -> None:
    first = make("Org 0 kommune")
    editor: Any = make_personas(first.organization).editor
    client.force_login(editor)
    few = counts(client, first)
    for i in range(1, 5):
        make(f"Org {i} kommune")
    assert counts(client, first) == few
    # feed, sitemap (four sections), download, panel; measured 2, 8, 23, 11 (the
    # download's action plans: plans, actions, measures served, budgets, spending)
    budgets = [3, 8, 25, 12]
    assert all(n <= budget for n, budget in zip(few, budgets, strict=True)), few
