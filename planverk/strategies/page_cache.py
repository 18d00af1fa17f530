"""Whole strategy pages and reports for anonymous readers, cached while the strategy is unchanged.

Every anonymous reader of a public strategy sees the same page, so it is built
once and served from the cache until the strategy's ``updated_at`` moves (every
change through Planverk's actions moves it) or PLANVERK_PAGE_CACHE_SECONDS pass
(which bounds what a site admin's direct edits can leave stale). Signed-in
readers, who may see exempt parts and editing controls, are never cached.

A page's key holds its path and the query parameters it understands, parsed
(its ``Query`` form, the one place that names them), never the query string as
sent: ``?n=1``, ``?n=2`` … must not each cost a rendering. And one rendering of
a key at a time, across processes: the others wait for its copy.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import time
from collections.abc import Callable
from typing import Any, overload

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from planverk.strategies.models import Strategy
from planverk.strategies.validation import Query

View = Callable[..., HttpResponse]
# Makes a page's Query form from the query string and the route's arguments.
QueryOf = Callable[..., Query]
# What a page or a report download needs besides its body to be served again.
KEPT_HEADERS = ("Content-Type", "Content-Disposition", "Content-Security-Policy")
POLL_SECONDS = 0.1
RETRY_AFTER_SECONDS = 30


@overload
def public_page(view: View) -> View: ...
@overload
def public_page(*, query: QueryOf) -> Callable[[View], View]: ...
def public_page(
    view: View | None = None, *, query: QueryOf | None = None
) -> View | Callable[[View], View]:
    """Serve *view* (taking ``org`` and ``pk``) from the cache for anonymous GETs.

    Bare, the page takes no query parameters. ``@public_page(query=F)``: the
    page understands those of form F, which it gets parsed as ``query``.
    """
    if view is None:
        return functools.partial(_cached, query=query)
    return _cached(view, query=None)


def _cached(view: View, query: QueryOf | None) -> View:
    @functools.wraps(view)
    def cached(request: HttpRequest, org: str, pk: int, **kwargs: Any) -> HttpResponse:
        params: str | None = ""
        if query is not None:
            form = query(request.GET, **kwargs)
            kwargs["query"] = form
            params = form.key()
        if request.method != "GET" or request.user.is_authenticated:
            return view(request, org, pk, **kwargs)
        stamp = published_stamp(pk, org=org)
        # Not public: the view answers (404) as it would. Refused parameters:
        # the view answers 400, which is nobody's to share.
        if stamp is None or params is None:
            return view(request, org, pk, **kwargs)
        key = _key(request.path, get_language(), stamp.isoformat(), params)
        return _shared(key, lambda: view(request, org, pk, **kwargs))

    return cached


def published_stamp(pk: int, *, org: str | None = None) -> dt.datetime | None:
    """When the published version *pk* last changed; None if it is not published.

    A cached page that shows another version too keys on that version's stamp
    as well, so that marking one of its parts exempt makes the page anew."""
    versions = Strategy.objects.published().filter(pk=pk)
    if org is not None:
        versions = versions.filter(organization__slug=org)
    return versions.values_list("updated_at", flat=True).first()


def _shared(key: str, render: Callable[[], HttpResponse]) -> HttpResponse:
    """The copy under *key*, or *render*ed and kept there by one request at a time.

    The lock is an entry added beside it: ``cache.add`` is atomic on every
    backend, so it holds across processes and servers. Who finds it taken waits
    for the copy, or takes the rendering over when the lock is released without
    one (the rendering failed) or expires; after wait_seconds() with neither, 503
    rather than yet another rendering, which an overloaded server can least afford.
    """
    stored = cache.get(key)
    if stored is not None:
        return _replay(stored)
    lock = f"{key}:rendering"
    deadline = time.monotonic() + wait_seconds()
    while not cache.add(lock, True, lock_seconds()):
        if time.monotonic() >= deadline:
            return _busy()
        time.sleep(POLL_SECONDS)
        stored = cache.get(key)
        if stored is not None:
            return _replay(stored)
    try:
        # Made and released between our first look and our lock.
        stored = cache.get(key)
        if stored is not None:
            return _replay(stored)
        response = render()
        # A response that sets a cookie is somebody's own: never share it.
        if response.status_code == 200 and not response.cookies:
            headers = {h: response[h] for h in KEPT_HEADERS if h in response}
            cache.set(
                key, (response.content, headers), settings.PLANVERK_PAGE_CACHE_SECONDS
            )
        return response
    finally:
        cache.delete(lock)


def lock_seconds() -> float:
    """The longest a rendering may hold its key's lock: a report's budget and
    some. One that dies without releasing it (a killed worker) delays the next
    by at most this."""
    return settings.PLANVERK_REPORT_SECONDS + 10


def wait_seconds() -> float:
    """How long a request waits for another's rendering: as long as that may take."""
    return settings.PLANVERK_REPORT_SECONDS


def _replay(stored: tuple[bytes, dict[str, str]]) -> HttpResponse:
    body, headers = stored
    return HttpResponse(body, headers=headers)


def _busy() -> HttpResponse:
    response = HttpResponse(
        _("This page is still being prepared. Please try again in a minute."),
        status=503,
        content_type="text/plain; charset=utf-8",
    )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def _key(*parts: str) -> str:
    return "page:" + hashlib.sha256("|".join(parts).encode()).hexdigest()
