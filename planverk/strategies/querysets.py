"""Questions asked of many strategies at once."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import OuterRef, Subquery

from planverk import permissions
from planverk.strategies.choices import StrategyState


class StrategyQuerySet(models.QuerySet):
    def published(self) -> StrategyQuerySet:
        """Strategies an anonymous reader may see."""
        return self.filter(state__in=permissions.PUBLIC_STATES)

    def visible_to(self, user: Any) -> StrategyQuerySet:
        return permissions.visible_strategies(user, self)

    def current(self) -> Any:
        """The version in force: the newest approved, else the newest not superseded."""
        newest = self.order_by("-created_at", "-pk")
        return (
            newest.filter(state=StrategyState.APPROVED).first()
            or newest.exclude(state=StrategyState.SUPERSEDED).first()
            or newest.first()
        )

    def adopted(self) -> StrategyQuerySet:
        """Each organisation's newest approved version: what it has decided."""
        approved = self.filter(state=StrategyState.APPROVED)
        newest = (
            approved.filter(organization=OuterRef("organization"))
            .order_by("-created_at", "-pk")
            .values("pk")[:1]
        )
        return approved.filter(pk=Subquery(newest))
