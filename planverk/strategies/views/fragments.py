"""The editing pages' fragments: alone for htmx, inside a page otherwise.

Each piece of an editing page (a measure, its form, a conflict, a history) is
a template fragment in templates/strategies/edit/. An htmx request that swaps
part of a page (``request.htmx``, from django-htmx's middleware; not a boosted
navigation) gets the fragment alone; any other request gets it inside
``page.html``, so every fragment also works without JavaScript.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django_htmx.middleware import HtmxDetails

from planverk.strategies.models import Strategy

EDIT = "strategies/edit/"


class HtmxHttpRequest(HttpRequest):
    """A request as django-htmx's middleware leaves it (for the type checker)."""

    htmx: HtmxDetails


def swaps_part(request: HtmxHttpRequest) -> bool:
    """Whether htmx asked for a piece of the page, to swap in place."""
    return bool(request.htmx) and not request.htmx.boosted


def respond(
    request: HtmxHttpRequest,
    fragment: str,
    context: dict[str, Any],
    status: int = 200,
) -> HttpResponse:
    """The fragment alone for htmx; otherwise a full page around it."""
    if swaps_part(request):
        context = {**context, "inline": True}
        return render(request, EDIT + fragment, context, status=status)
    page = {**context, "fragment": EDIT + fragment, "inline": False}
    return render(request, EDIT + "page.html", page, status=status)


def editing_url(strategy: Strategy, anchor: str = "", theme: str | None = None) -> str:
    """The strategy's editing page, or its *theme*'s (a theme's number), at the
    part with id *anchor*."""
    org = strategy.organization.slug
    if theme is None:
        url = reverse("strategies:strategy_edit", args=[org, strategy.pk])
    else:
        url = reverse("strategies:theme_edit", args=[org, strategy.pk, theme])
    return f"{url}#{anchor}" if anchor else url
