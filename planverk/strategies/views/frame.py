"""The frame of every page about one strategy: its navigation and its parts.

Shared by the public site and the reports page. What a member may do there
(edit, publish, the controls on each part) the templates ask the rules
themselves, with ``{% can %}`` (templatetags/permissions.py).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from planverk.strategies.models import Strategy
from planverk.strategies.querysets import disclose
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
    context["sees_exempt"] = sees_exempt(request.user, strategy)
    return render(request, template, context)
