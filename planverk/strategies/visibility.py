"""Finding what a reader asked for, through the one disclosure rule in querysets.py."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from planverk.organizations.models import Unit
from planverk.strategies.models import ActionPlan, Measure, PlanAction, Strategy
from planverk.strategies.permissions import Action, can


def visible_strategy(user: Any, org: str, pk: int) -> Strategy:
    """Strategy *pk* of the organisation with slug *org*, if *user* may see it; else 404."""
    strategies = Strategy.objects.visible_to(user).select_related("organization")
    return get_object_or_404(strategies, organization__slug=org, pk=pk)


def sees_exempt(user: Any, obj: Any) -> bool:
    """Whether *user* sees exempt parts of *obj* (a strategy, or anything with an organisation)."""
    return can(user, Action.VIEW_EXEMPT, obj)


def visible_units(user: Any) -> QuerySet[Unit]:
    """The units *user* may know of: those a measure, an action plan or a plan's
    action they may read names.

    A unit named only in a draft, or only by exempt parts, stays unknown to
    the public; members know every unit of their organisation.
    """
    if user.is_authenticated and user.is_superuser:
        return Unit.objects.all()
    named = (
        Q(pk__in=Measure.objects.restrict(user).values("proposed_by"))
        | Q(pk__in=ActionPlan.objects.restrict(user).values("unit"))
        | Q(pk__in=PlanAction.objects.restrict(user).values("unit"))
    )
    if not user.is_authenticated:
        return Unit.objects.filter(named)
    mine = user.memberships.values("organization")
    return Unit.objects.filter(named | Q(organization__in=mine))
