"""The sitemap: public strategies and their chapters, themes and measures, never exempt parts.

Everything listed is what an anonymous reader may read, by the one disclosure rule;
each at its ``get_absolute_url``, with its strategy and organisation loaded alongside.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet

from planverk.strategies.models import Measure, Section, Strategy, Theme

ANONYMOUS = AnonymousUser()


class StrategySitemap(Sitemap):
    def items(self) -> QuerySet[Strategy]:
        return (
            Strategy.objects.visible_to(ANONYMOUS)
            .select_related("organization")
            .order_by("pk")
        )

    def lastmod(self, item: Strategy) -> dt.datetime:
        return item.updated_at


class SectionSitemap(Sitemap):
    def items(self) -> QuerySet[Section]:
        return (
            Section.objects.restrict(ANONYMOUS)
            .select_related("strategy__organization")
            .order_by("strategy_id", "position")
        )

    def lastmod(self, item: Section) -> dt.datetime:
        return item.strategy.updated_at


class ThemeSitemap(Sitemap):
    def items(self) -> QuerySet[Theme]:
        return (
            Theme.objects.restrict(ANONYMOUS)
            .select_related("strategy__organization")
            .order_by("strategy_id", "sort_key")
        )

    def lastmod(self, item: Theme) -> dt.datetime:
        return item.strategy.updated_at


class MeasureSitemap(Sitemap):
    def items(self) -> QuerySet[Measure]:
        return (
            Measure.objects.restrict(ANONYMOUS)
            .select_related("theme__strategy__organization")
            .order_by("theme__strategy_id", "theme__sort_key", "sort_key")
        )

    def lastmod(self, item: Measure) -> dt.datetime:
        return item.theme.strategy.updated_at


SITEMAPS: dict[str, Any] = {
    "strategies": StrategySitemap,
    "sections": SectionSitemap,
    "themes": ThemeSitemap,
    "measures": MeasureSitemap,
}
