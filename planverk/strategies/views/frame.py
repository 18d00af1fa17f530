"""The frame of every page about one strategy: its navigation, and what a member may do.

Shared by the public site, the reports page and the editing pages' links.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from planverk.strategies.models import Strategy
from planverk.strategies.permissions import Action, can
from planverk.strategies.querysets import disclose
from planverk.strategies.views.editing import mark_editable
from planverk.strategies.visibility import sees_exempt


def shown(request: HttpRequest, parts: Any) -> list[Any]:
    """*parts* as the reader may see them: each part, or its placeholder."""
    return disclose(parts.for_reader(request.user))


def render_strategy_page(
    request: HttpRequest, template: str, strategy: Strategy, context: dict[str, Any]
) -> HttpResponse:
    """A strategy page: the page's own context plus what the strategy's navigation needs."""
    context.setdefault("themes", shown(request, strategy.themes.all()))
    context.setdefault("sections", shown(request, strategy.sections.all()))
    context["strategy"] = strategy
    context["organization"] = strategy.organization
    context["base_url"] = f"/o/{strategy.organization.slug}/s/{strategy.pk}/"
    context["sees_exempt"] = sees_exempt(request.user, strategy)
    if request.user.is_authenticated:
        _mark_controls(request, strategy, context)
    return render(request, template, context)


def _mark_controls(
    request: HttpRequest, strategy: Strategy, context: dict[str, Any]
) -> None:
    """What a signed-in member may do here: edit and publishing links, per-part controls."""
    user = request.user
    context["may_edit"] = strategy.is_draft and sees_exempt(user, strategy)
    context["may_publish"] = can(user, Action.PUBLISH_STRATEGY, strategy)
    measures = context.get("measures") or [
        context[k] for k in ("measure",) if k in context
    ]
    goals = context.get("assessments") or [
        context[k] for k in ("assessment",) if k in context
    ]
    mark_editable(
        user,
        strategy,
        [m for m in measures if not m.is_withheld],
        [g for g in goals if not g.is_withheld],
    )
