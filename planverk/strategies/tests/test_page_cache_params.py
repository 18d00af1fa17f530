"""A query string cannot multiply renderings: the cache key holds only the
parameters a page understands, parsed, and one rendering of a key runs at a time.

Before, the anonymous key was the full path with its query, so ``?n=1`` …
``?n=5`` each rendered a PDF anew, and two readers arriving together each
rendered the same report.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection, connections
from django.test import Client
from django.test.utils import CaptureQueriesContext

from planverk.reports import views as report_views
from planverk.strategies import page_cache
from planverk.strategies.models import Strategy
from planverk.testing import make_strategy

CHANGES = "rapport/changes.html?"


@pytest.fixture(autouse=True)
def empty_cache() -> Iterator[None]:
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def renders(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, ...]]:
    """The reports made (their arguments), counted by wrapping the writer."""
    made: list[tuple[Any, ...]] = []
    make = report_views.make

    def counting(*args: Any, **kwargs: Any) -> bytes:
        made.append((*args, kwargs.get("comparison")))
        return make(*args, **kwargs)

    monkeypatch.setattr(report_views, "make", counting)
    return made


def base(strategy: Strategy) -> str:
    return f"/o/{strategy.organization.slug}/s/{strategy.pk}/"


def get(url: str) -> Any:
    response = Client().get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response


@pytest.mark.django_db
def test_unknown_parameters_do_not_make_a_report_anew(
    renders: list[tuple[Any, ...]],
) -> None:
    url = base(make_strategy("approved")) + "rapport/strategy.html"
    first = get(url + "?n=1")
    with CaptureQueriesContext(connection) as queries:
        second = get(url + "?n=2")
    assert len(queries) <= 1  # the strategy's stamp: served from the cache
    for n in range(3, 6):
        assert get(f"{url}?n={n}").content == first.content
    assert second.content == first.content
    assert len(renders) == 1


@pytest.mark.django_db
def test_a_changes_report_is_keyed_on_its_parsed_dates(
    renders: list[tuple[Any, ...]],
) -> None:
    url = base(make_strategy("approved")) + CHANGES
    get(url + "fra=2024-01-01&til=2024-02-01")
    get(url + "til=2024-02-01&fra=2024-01-01")
    get(url + "fra=2024-01-01&til=2024-02-01&x=1&mot=")
    get(url + "fra=+2024-01-01+&til=2024-02-01")  # the same day, spaced
    assert len(renders) == 1
    get(url + "fra=2024-01-02&til=2024-02-01")
    get(url + "fra=2024-01-01")
    assert len(renders) == 3


@pytest.mark.django_db
def test_search_is_keyed_on_its_text_stripped() -> None:
    url = base(make_strategy("approved")) + "sok/"
    get(url + "?q=Kamera")
    with CaptureQueriesContext(connection) as queries:
        get(url + "?q=++Kamera++&side=2")
    assert len(queries) <= 1
    with CaptureQueriesContext(connection) as queries:
        get(url + "?q=Teksting")
    assert len(queries) > 1


@pytest.mark.django_db
def test_a_failed_rendering_releases_its_lock(monkeypatch: pytest.MonkeyPatch) -> None:
    url = base(make_strategy("approved")) + "rapport/budget.csv"
    make, calls = report_views.make, []

    def failing_once(*args: Any, **kwargs: Any) -> bytes:
        calls.append(args)
        if len(calls) == 1:
            raise RuntimeError("the writer failed")
        return make(*args, **kwargs)

    monkeypatch.setattr(report_views, "make", failing_once)
    # A lock left behind would give a 503.
    monkeypatch.setattr(page_cache, "wait_seconds", lambda: 0.5)
    with pytest.raises(RuntimeError):
        Client().get(url)
    get(url)
    assert len(calls) == 2


# Two readers at once: real threads, each with its own connection, so the
# strategy must be committed (transaction=True, which empties the database
# afterwards: the national agenda is loaded again first).


def blocking(
    monkeypatch: pytest.MonkeyPatch, renders: list[tuple[Any, ...]]
) -> tuple[threading.Event, threading.Event]:
    """The first report made sets *entered*, then waits for *release*."""
    entered, release = threading.Event(), threading.Event()
    make = report_views.make

    def waiting(*args: Any, **kwargs: Any) -> bytes:
        if not entered.is_set():  # the others start once it is set
            entered.set()
            release.wait(10)
        return make(*args, **kwargs)

    monkeypatch.setattr(report_views, "make", waiting)
    return entered, release


def in_thread(url: str, results: list[Any]) -> threading.Thread:
    def read() -> None:
        try:
            results.append(Client().get(url))
        finally:
            connections.close_all()

    thread = threading.Thread(target=read)
    thread.start()
    return thread


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("national_agenda")
def test_two_readers_at_once_share_one_rendering(
    monkeypatch: pytest.MonkeyPatch, renders: list[tuple[Any, ...]]
) -> None:
    url = base(make_strategy("approved")) + "rapport/progress.html"
    entered, release = blocking(monkeypatch, renders)
    results: list[Any] = []
    first = in_thread(url, results)
    assert entered.wait(10)
    second = in_thread(url, results)
    # Without the lock the second renders for itself and is done meanwhile;
    # with it, it waits until the first is let go.
    second.join(timeout=1)
    release.set()
    for thread in (first, second):
        thread.join(timeout=20)
    assert [r.status_code for r in results] == [200, 200]
    assert results[0].content == results[1].content
    assert len(renders) == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("national_agenda")
def test_a_reader_waits_only_so_long(
    monkeypatch: pytest.MonkeyPatch, renders: list[tuple[Any, ...]]
) -> None:
    url = base(make_strategy("approved")) + "rapport/progress.csv"
    entered, release = blocking(monkeypatch, renders)
    monkeypatch.setattr(page_cache, "wait_seconds", lambda: 0.3)
    results: list[Any] = []
    first = in_thread(url, results)
    assert entered.wait(10)
    try:
        waited = Client().get(url)
    finally:
        release.set()
        first.join(timeout=20)
    assert waited.status_code == 503
    assert waited["Retry-After"] == str(page_cache.RETRY_AFTER_SECONDS)
    assert [r.status_code for r in results] == [200]
    assert get(url).content == results[0].content  # the first one's copy
    assert len(renders) == 1
