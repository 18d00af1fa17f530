"""The first public pages: organisations and their strategies, read only."""

from __future__ import annotations

from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from planverk.organizations.models import Organization
from planverk.strategies.models import Measure, Strategy


def organization_list(request: HttpRequest) -> HttpResponse:
    visible = Strategy.objects.visible_to(request.user).order_by("-period_start", "-pk")
    organizations = Organization.objects.prefetch_related(
        Prefetch("strategies", queryset=visible, to_attr="visible_strategies")
    )
    return render(
        request, "strategies/organization_list.html", {"organizations": organizations}
    )


def strategy_detail(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    strategy = get_object_or_404(
        Strategy.objects.visible_to(request.user).select_related("organization"),
        organization__slug=org,
        pk=pk,
    )
    themes = strategy.themes.prefetch_related(
        Prefetch("measures", Measure.objects.prefetch_related("measureunit_set__unit"))
    )
    context = {"strategy": strategy, "themes": themes}
    return render(request, "strategies/strategy_detail.html", context)
