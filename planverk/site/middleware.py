"""An organisation's old slugs keep working: /o/<old slug>/… redirects to its slug now."""

from __future__ import annotations

import re
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.utils.encoding import escape_uri_path

from planverk.organizations.models import current_slug

# /o/<slug>/…: every page of an organisation (its strategies, units, members …).
ORGANIZATION_PATH = re.compile(r"/o/(?P<slug>[-a-zA-Z0-9_]+)(?P<rest>/.*)")


class PreviousSlugMiddleware:
    """/o/<old slug>/… answers 301 to the same path with the organisation's slug now.

    Only a request that found nothing (404) is looked at, so the pages cost
    nothing more; and only reads (GET, HEAD), which a redirect may repeat. The
    slug now is never an old one (organizations.models.current_slug), so a
    redirect cannot loop; a slug no organisation has or had stays 404.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        found = ORGANIZATION_PATH.fullmatch(request.path_info)
        if found is None:
            return response
        slug = current_slug(found["slug"])
        if slug is None:
            return response
        prefix = request.path[: len(request.path) - len(request.path_info)]
        location = escape_uri_path(f"{prefix}/o/{slug}{found['rest']}")
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(
            f"{location}?{query}" if query else location
        )
