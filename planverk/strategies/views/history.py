"""What happened to a goal or a measure: who, when, why, each field from → to.

Anyone who may see the strategy may read its history, except of parts exempt
from public disclosure, which only members see.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from planverk.permissions import Action, can
from planverk.strategies.models import GoalAssessment, Measure
from planverk.strategies.timeline import (
    assessment_timeline,
    level_over_time,
    measure_timeline,
)
from planverk.strategies.views.editing import mark_editable, respond
from planverk.strategies.visibility import visible_strategy


def _hide_exempt(user: Any, part: Any, strategy: Any) -> None:
    if part.exempt and not can(user, Action.VIEW_EXEMPT, strategy):
        raise Http404


def measure_history(
    request: HttpRequest, org: str, pk: int, measure: int
) -> HttpResponse:
    strategy = visible_strategy(request.user, org, pk)
    found = get_object_or_404(
        Measure.objects.select_related("theme").prefetch_related("proposed_by"),
        theme__strategy=strategy,
        pk=measure,
    )
    found.theme.strategy = strategy
    _hide_exempt(request.user, found, strategy)
    mark_editable(request.user, strategy, [found])
    context = {
        "strategy": strategy,
        "measure": found,
        "entries": list(reversed(measure_timeline(found))),
        "title": f"{found.number} {found.objective}".strip(),
    }
    return respond(request, "_history.html", context)


def assessment_history(
    request: HttpRequest, org: str, pk: int, assessment: int
) -> HttpResponse:
    strategy = visible_strategy(request.user, org, pk)
    goal = get_object_or_404(GoalAssessment, strategy=strategy, pk=assessment)
    goal.strategy = strategy
    _hide_exempt(request.user, goal, strategy)
    mark_editable(request.user, strategy, goals=[goal])
    context = {
        "strategy": strategy,
        "goal": goal,
        "levels": level_over_time(goal),
        "entries": list(reversed(assessment_timeline(goal))),
        "title": f"{goal.area} {goal.number or ''}".strip(),
    }
    return respond(request, "_history.html", context)
