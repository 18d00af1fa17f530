"""Trivial views for bench/bench_web.py to compare real pages with.

Only routed when PLANVERK_BENCH=1 (see planverk/urls.py). Neither touches the
database: ``ping/`` answers plain text, ``trivial/`` renders the empty site
frame (base.html), so a page's ratio to it shows what its own content costs.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path


def ping(request: HttpRequest) -> HttpResponse:
    return HttpResponse("pong", content_type="text/plain")


def trivial(request: HttpRequest) -> HttpResponse:
    return render(request, "base.html")


urlpatterns = [
    path("ping/", ping, name="bench_ping"),
    path("trivial/", trivial, name="bench_trivial"),
]
