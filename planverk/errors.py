"""Planverk's 500 page (handler500); Django's own handlers render 400, 403 and 404.html."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseServerError
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
