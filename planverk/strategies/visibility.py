"""What of a strategy a reader may see: the one filter every public page and the search use.

A strategy is visible through ``Strategy.objects.visible_to(user)``; inside it,
parts marked exempt from public disclosure (unntatt offentlighet) are left out
unless the reader may see them (``Action.VIEW_EXEMPT``). A measure in an exempt
theme, and a status on a goal of an exempt theme, are exempt with it.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.db.models import Model, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404

from planverk.permissions import Action, can
from planverk.strategies.models import (
    ActionItem,
    GoalAssessment,
    Measure,
    Revision,
    Section,
    Strategy,
    Theme,
)

QS = TypeVar("QS", bound=QuerySet[Any])


def visible_strategy(user: Any, org: str, pk: int) -> Strategy:
    """Strategy *pk* of the organisation with slug *org*, if *user* may see it; else 404."""
    strategies = Strategy.objects.visible_to(user).select_related("organization")
    return get_object_or_404(strategies, organization__slug=org, pk=pk)


def sees_exempt(user: Any, obj: Any) -> bool:
    """Whether *user* sees exempt parts of *obj* (a strategy, or anything with an organisation)."""
    return can(user, Action.VIEW_EXEMPT, obj)


def _undisclosed(model: type[Model]) -> Q:
    """The condition that makes a row of *model* exempt, itself or through its theme."""
    if model is Measure:
        return Q(exempt=True) | Q(theme__exempt=True)
    if model is GoalAssessment:
        exempt_themes = Theme.objects.filter(exempt=True, strategy=OuterRef("strategy"))
        return Q(exempt=True) | Q(theme_number__in=exempt_themes.values("number"))
    if model in (Theme, ActionItem, Revision, Section):
        return Q(exempt=True)
    raise TypeError(f"{model.__name__} has no disclosure rule")


def disclosed(parts: QS, *, user: Any, strategy: Any) -> QS:
    """*parts* of *strategy* (or of its organisation) that *user* may read."""
    return parts if sees_exempt(user, strategy) else without_exempt(parts)


def without_exempt(parts: QS) -> QS:
    """*parts* less those exempt from public disclosure: what anyone may read."""
    return parts.exclude(_undisclosed(parts.model))
