"""What happened to a goal or a measure: who, when, why, each field from → to.

Anyone who may see the strategy may read its history, except of parts exempt
from public disclosure (themselves or through their theme), which only members see.
The history of a removed part is the members' too; its removal can be undone there.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import Http404, HttpResponse
from django.urls import reverse

from planverk.frameworks.models import goal_name_of
from planverk.strategies.actions import removal
from planverk.strategies.models import GoalAssessment, Measure, Strategy
from planverk.strategies.timeline import (
    assessment_timeline,
    level_over_time,
    measure_timeline,
)
from planverk.strategies.views.fragments import HtmxHttpRequest, respond
from planverk.strategies.visibility import sees_exempt, visible_strategy


def removed_part(
    user: Any, strategy: Strategy, model: type[models.Model], pk: int
) -> Any:
    """*pk* as it was removed from *strategy*, for its members; else 404."""
    if not sees_exempt(user, strategy):
        raise Http404
    try:
        return removal.removed_from(strategy, model, pk)[0]
    except removal.NotRemoved:
        raise Http404 from None


def restore_url(strategy: Strategy, kind: str, pk: int) -> str:
    args = [strategy.organization.slug, strategy.pk, kind, pk]
    return reverse("strategies:part_restore", args=args)


def measure_history(
    request: HtmxHttpRequest, org: str, pk: int, measure: int
) -> HttpResponse:
    strategy = visible_strategy(request.user, org, pk)
    measures = Measure.objects.select_related("theme").prefetch_related("proposed_by")
    found = (
        measures.restrict(request.user)
        .filter(theme__strategy=strategy, pk=measure)
        .first()
    )
    if found is None:
        found = removed_part(request.user, strategy, Measure, measure)
        removed = restore_url(strategy, "tiltak", measure)
    else:
        found.theme.strategy = strategy
        removed = ""
    context = {
        "strategy": strategy,
        "measure": found,
        "removed": removed,
        "entries": list(reversed(measure_timeline(found))),
        "title": f"{found.number} {found.objective}".strip(),
    }
    return respond(request, "_history.html", context)


def assessment_history(
    request: HtmxHttpRequest, org: str, pk: int, assessment: int
) -> HttpResponse:
    strategy = visible_strategy(request.user, org, pk)
    goals = GoalAssessment.objects.restrict(request.user)
    goal = goals.filter(strategy=strategy, pk=assessment).first()
    removed = ""
    if goal is None:
        goal = removed_part(request.user, strategy, GoalAssessment, assessment)
        removed = restore_url(strategy, "mal", assessment)
    goal.strategy = strategy
    context = {
        "strategy": strategy,
        "goal": goal,
        "removed": removed,
        "levels": level_over_time(goal),
        "entries": list(reversed(assessment_timeline(goal))),
        "title": goal_name_of(goal),
    }
    return respond(request, "_history.html", context)
