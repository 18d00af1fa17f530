"""Whole strategy pages and reports for anonymous readers, cached while the strategy is unchanged.

Every anonymous reader of a public strategy sees the same page, so it is built
once and served from the cache until the strategy's ``updated_at`` moves (every
change through Planverk's actions moves it) or PLANVERK_PAGE_CACHE_SECONDS pass
(which bounds what a site admin's direct edits can leave stale). Signed-in
readers, who may see exempt parts and editing controls, are never cached.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

from planverk.strategies.models import Strategy

View = Callable[..., HttpResponse]
# What a page or a report download needs besides its body to be served again.
KEPT_HEADERS = ("Content-Type", "Content-Disposition", "Content-Security-Policy")


def public_page(view: View) -> View:
    """Serve *view* (taking ``org`` and ``pk``) from the cache for anonymous GETs."""

    @functools.wraps(view)
    def cached(request: HttpRequest, org: str, pk: int, **kwargs: Any) -> HttpResponse:
        if request.method != "GET" or request.user.is_authenticated:
            return view(request, org, pk, **kwargs)
        stamp = (
            Strategy.objects.published()
            .filter(organization__slug=org, pk=pk)
            .values_list("updated_at", flat=True)
            .first()
        )
        if stamp is None:  # not public: the view answers (404) as it would
            return view(request, org, pk, **kwargs)
        key = _key(request.get_full_path(), get_language(), stamp.isoformat())
        stored = cache.get(key)
        if stored is not None:
            body, headers = stored
            return HttpResponse(body, headers=headers)
        response = view(request, org, pk, **kwargs)
        # A response that sets a cookie is somebody's own: never share it.
        if response.status_code == 200 and not response.cookies:
            headers = {h: response[h] for h in KEPT_HEADERS if h in response}
            stored = (response.content, headers)
            cache.set(key, stored, settings.PLANVERK_PAGE_CACHE_SECONDS)
        return response

    return cached


def _key(*parts: str) -> str:
    return "page:" + hashlib.sha256("|".join(parts).encode()).hexdigest()
