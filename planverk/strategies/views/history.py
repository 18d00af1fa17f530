"""What happened to a goal or a measure: who, when, why, each field from → to.

Anyone who may see the strategy may read its history, except of parts exempt
from public disclosure (themselves or through their theme), which only members see.
"""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import get_object_or_404

from planverk.frameworks.models import goal_name_of
from planverk.strategies.models import GoalAssessment, Measure
from planverk.strategies.timeline import (
    assessment_timeline,
    level_over_time,
    measure_timeline,
)
from planverk.strategies.views.fragments import HtmxHttpRequest, respond
from planverk.strategies.visibility import visible_strategy


def measure_history(
    request: HtmxHttpRequest, org: str, pk: int, measure: int
) -> HttpResponse:
    strategy = visible_strategy(request.user, org, pk)
    measures = Measure.objects.select_related("theme").prefetch_related("proposed_by")
    found = get_object_or_404(
        measures.restrict(request.user), theme__strategy=strategy, pk=measure
    )
    found.theme.strategy = strategy
    context = {
        "strategy": strategy,
        "measure": found,
        "entries": list(reversed(measure_timeline(found))),
        "title": f"{found.number} {found.objective}".strip(),
    }
    return respond(request, "_history.html", context)


def assessment_history(
    request: HtmxHttpRequest, org: str, pk: int, assessment: int
) -> HttpResponse:
    strategy = visible_strategy(request.user, org, pk)
    goals = GoalAssessment.objects.restrict(request.user)
    goal = get_object_or_404(goals, strategy=strategy, pk=assessment)
    goal.strategy = strategy
    context = {
        "strategy": strategy,
        "goal": goal,
        "levels": level_over_time(goal),
        "entries": list(reversed(assessment_timeline(goal))),
        "title": goal_name_of(goal),
    }
    return respond(request, "_history.html", context)
