"""Planverk's 500 page (handler500) and its refusal of a form without a valid CSRF
token (CSRF_FAILURE_VIEW); Django's own handlers render 400, 403 and 404.html."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.middleware.csrf import REASON_NO_CSRF_COOKIE
from django.shortcuts import render
from django.template import loader

from planverk.middleware import current_request_id


def server_error(request: HttpRequest) -> HttpResponse:
    """500.html with the request id to quote, like Django's server_error.

    Rendered without the request, so no context processor runs: the database,
    the session or the request itself may be what failed.
    """
    template = loader.get_template("500.html")
    return HttpResponseServerError(
        template.render({"request_id": current_request_id.get()})
    )


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """403.html in the reader's language, saying in plain words that the form was
    not taken and what to do; the technical *reason* is in the log (Django's
    django.security.csrf logger), never on the page."""
    context = {"csrf_failure": True, "no_cookie": reason == REASON_NO_CSRF_COOKIE}
    return render(request, "403.html", context, status=403)
