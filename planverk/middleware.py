"""Site-wide middleware: a request id in every log line, private signed-in pages.

The request id is taken from a proxy's X-Request-ID when it is a plain token,
else made anew; it goes back in the response's X-Request-ID, into every log
record written while the request is handled (RequestIdFilter, see LOGGING in
settings.py) and onto the 500 page, so that a user can quote it and the
administrator find the traceback.
"""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Callable
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

GetResponse = Callable[[HttpRequest], HttpResponse]

# What we accept from outside: it is written into log lines and a header.
REQUEST_ID = re.compile(r"[A-Za-z0-9-]{1,64}")
# The id of the request being handled in this thread; "" outside a request.
current_request_id: ContextVar[str] = ContextVar("request_id", default="")


class RequestIdMiddleware:
    """Give each request an id: on the request, in the response, in the log."""

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        given = request.headers.get("X-Request-ID", "")
        request_id = given if REQUEST_ID.fullmatch(given) else uuid.uuid4().hex
        request.request_id = request_id  # type: ignore[attr-defined]
        token = current_request_id.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            current_request_id.reset(token)
        response["X-Request-ID"] = request_id
        return response


class RequestIdFilter(logging.Filter):
    """Adds ``request_id`` to every record ("-" outside a request), for the log format."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current_request_id.get() or "-"
        return True


class PrivateWhenSignedInMiddleware:
    """Signed-in responses may hold exempt parts and drafts: no shared cache may keep them.

    A response that says how to cache it already is left as it is; anonymous
    pages are the same for everyone and stay cacheable. So is a response that
    never read the session (a feed, the sitemap): it cannot depend on who is
    signed in, and asking would cost it the session's and the user's queries.
    """

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            not response.has_header("Cache-Control")
            and request.session.accessed
            and request.user.is_authenticated
        ):
            patch_cache_control(response, private=True)
        return response
