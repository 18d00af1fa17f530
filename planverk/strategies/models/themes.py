"""Themes (chapters that carry goals and measures) and their measures."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from planverk.organizations.models import Unit
from planverk.strategies.models.base import Keyed, Numbered, Part
from planverk.strategies.models.strategy import Strategy


class Theme(Keyed, Numbered, Part):
    """A chapter of the strategy, usually following one area of the national agenda."""

    strategy = models.ForeignKey(
        Strategy, on_delete=models.CASCADE, related_name="themes"
    )
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("introduction"), blank=True)
    # The area as the document names it, and the shipped area it was linked to.
    framework_area_title = models.CharField(
        _("national area"), max_length=300, blank=True
    )
    framework_area = models.ForeignKey(
        "frameworks.FrameworkArea",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="themes",
    )
    history = HistoricalRecords()

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
        ]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    def get_absolute_url(self) -> str:
        """The theme's public page; its strategy and organisation should be loaded."""
        strategy = self.strategy
        return reverse(
            "site:theme_detail",
            args=[strategy.organization.slug, strategy.pk, self.number],
        )


class Measure(Keyed, Numbered, Part):
    """A local goal and what will be done about it: one row of the measures table."""

    STRATEGY = "theme__strategy"
    TITLE_FIELD = "objective"
    PLACEHOLDER_FIELDS = ("number", "theme_id")

    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="measures")
    objective = models.TextField(_("objective"), blank=True)
    description = models.TextField(_("measure"), blank=True)
    items = models.JSONField(_("bullet points"), default=list, blank=True)
    start = models.JSONField(_("start"), default=list, blank=True)
    group = models.CharField(_("group"), max_length=300, blank=True)
    proposed_by = models.ManyToManyField(
        Unit, through="MeasureUnit", related_name="measures", blank=True
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ("theme", "sort_key")
        constraints = [
            models.UniqueConstraint(
                fields=("theme", "number"), name="%(app_label)s_%(class)s_unique_number"
            )
        ]
        verbose_name = _("measure")
        verbose_name_plural = _("measures")

    def __str__(self) -> str:
        return f"{self.number} {self.objective[:60]}"

    def get_absolute_url(self) -> str:
        """The measure's public page, by its number: on lists, select_related
        ``theme__strategy__organization`` (or set them) so it costs no query."""
        strategy = self.theme.strategy
        return reverse(
            "site:measure_detail",
            args=[strategy.organization.slug, strategy.pk, self.number],
        )

    @classmethod
    def withheld_through(cls) -> Q:
        return Q(theme__exempt=True)

    @property
    def owners(self) -> list[Unit]:
        """The proposing units in the document's order; prefetch measureunit_set__unit."""
        return [link.unit for link in self.measureunit_set.all()]


class MeasureUnit(models.Model):
    """A unit that proposed or owns a measure, in the order the document lists them."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE)
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE)
    position = models.PositiveIntegerField()
    history = HistoricalRecords()

    class Meta:
        ordering = ("measure", "position")
        constraints = [
            models.UniqueConstraint(
                fields=("measure", "unit"), name="%(app_label)s_%(class)s_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.measure.number}: {self.unit.name}"
