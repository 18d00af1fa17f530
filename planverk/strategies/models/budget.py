"""The action plan: funded measures with amounts, and the totals the document states."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from planverk.strategies.choices import ActionCategory
from planverk.strategies.models.base import Keyed, Numbered, Part
from planverk.strategies.models.strategy import Strategy


class ActionItem(Keyed, Numbered, Part):
    """A funded measure: operating or investment, over some years, in NOK or a named source."""

    strategy = models.ForeignKey(
        Strategy, on_delete=models.CASCADE, related_name="action_items"
    )
    title = models.TextField(_("title"))
    items = models.JSONField(_("sub-points"), default=list, blank=True)
    category = models.CharField(
        _("category"), max_length=20, choices=ActionCategory.choices
    )
    year_start = models.PositiveSmallIntegerField(_("first year"))
    year_end = models.PositiveSmallIntegerField(_("last year"))
    amount_nok = models.BigIntegerField(_("amount (NOK)"), null=True, blank=True)
    funding = models.CharField(_("funding"), max_length=300, blank=True)
    remarks = models.TextField(_("remarks"), blank=True)
    history = HistoricalRecords()

    # A total needs to know what an exempt item covers, not what it costs.
    PLACEHOLDER_FIELDS = ("number", "category", "year_start", "year_end")

    class Meta:
        ordering = ("strategy", "sort_key")
        constraints = [
            models.UniqueConstraint(
                fields=("strategy", "number"),
                name="%(app_label)s_%(class)s_unique_number",
            ),
            models.UniqueConstraint(
                fields=("strategy", "key"), name="%(app_label)s_%(class)s_unique_key"
            ),
            models.CheckConstraint(
                condition=Q(year_start__lte=F("year_end")),
                name="%(app_label)s_%(class)s_years_ordered",
            ),
            models.CheckConstraint(
                condition=Q(amount_nok__isnull=True) | Q(amount_nok__gte=0),
                name="%(app_label)s_%(class)s_amount_not_negative",
            ),
        ]
        verbose_name = _("action item")
        verbose_name_plural = _("action items")

    def __str__(self) -> str:
        return f"{self.number}. {self.title[:60]}"


class BudgetTotal(models.Model):
    """A total as the document states it, for one category over some years.

    The computed total is never stored: it is the sum of the action items of the
    same category whose years lie within the total's years, so it cannot drift
    when an amount is edited. A difference from the stated total is kept and shown.
    """

    strategy = models.ForeignKey(
        Strategy, on_delete=models.CASCADE, related_name="budget_totals"
    )
    category = models.CharField(
        _("category"), max_length=20, choices=ActionCategory.choices
    )
    year_start = models.PositiveSmallIntegerField(_("first year"))
    year_end = models.PositiveSmallIntegerField(_("last year"))
    stated_nok = models.BigIntegerField(_("stated total (NOK)"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ("strategy", "id")  # as the document lists them
        constraints = [
            models.UniqueConstraint(
                fields=("strategy", "category", "year_start", "year_end"),
                name="%(app_label)s_%(class)s_once",
            )
        ]
        verbose_name = _("budget total")
        verbose_name_plural = _("budget totals")

    def __str__(self) -> str:
        return f"{self.get_category_display()} {self.year_start}–{self.year_end}"

    def computed_from(self, items: Iterable[ActionItem]) -> int:
        """The sum of *items* that this total covers (pass the strategy's items)."""
        return computed_total(self.category, self.year_start, self.year_end, items)


def covers(category: str, year_start: int, year_end: int, item: Any) -> bool:
    """The one rule for what a total covers: items of its category within its years."""
    return (
        item.category == category
        and year_start <= item.year_start
        and item.year_end <= year_end
    )


def computed_total(
    category: str, year_start: int, year_end: int, items: Iterable[ActionItem]
) -> int:
    """The sum of the *items* a total covers; the interchange checks documents with it."""
    return sum(
        item.amount_nok or 0
        for item in items
        if covers(category, year_start, year_end, item)
    )
