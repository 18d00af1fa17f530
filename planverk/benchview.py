"""A trivial view for bench/bench_web.py to compare real pages with.

Only routed when PLANVERK_BENCH=1 (see planverk/urls.py): it renders a tiny
template through the same middleware, and touches no database.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.urls import path

_TEMPLATE = engines["django"].from_string(
    '<!DOCTYPE html><html lang="nb"><title>ping</title><p>{{ word }}</p></html>'
)


def trivial(request: HttpRequest) -> HttpResponse:
    return HttpResponse(_TEMPLATE.render({"word": "pong"}, request))


urlpatterns = [path("trivial/", trivial, name="bench_trivial")]
