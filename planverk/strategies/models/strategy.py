"""A strategy version and the units it names."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from planverk.lib.keys import new_key
from planverk.lib.numbers import years_text
from planverk.organizations.models import Organization, Unit
from planverk.strategies.choices import StrategyState
from planverk.strategies.querysets import StrategyQuerySet


class Strategy(models.Model):
    """One version of an organisation's ICT strategy for a period."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="strategies"
    )
    framework = models.ForeignKey(
        "frameworks.Framework",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="strategies",
    )
    title = models.CharField(_("title"), max_length=300)
    language = models.CharField(_("language"), max_length=16)
    period_start = models.PositiveSmallIntegerField(_("first year"))
    period_end = models.PositiveSmallIntegerField(_("last year"))
    version_label = models.CharField(_("version"), max_length=50, blank=True)
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=StrategyState.choices,
        default=StrategyState.DRAFT,
    )
    vision = models.TextField(_("vision"), blank=True)
    # Every version of one strategy shares its lineage; a revision names the
    # version it was copied from.
    lineage = models.CharField(
        max_length=32, default=new_key, editable=False, db_index=True
    )
    revised_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="revisions",
        editable=False,
    )
    revision = models.PositiveIntegerField(default=1, editable=False)
    # The importer's report on the document this version came from, kept as read.
    import_report = models.JSONField(null=True, blank=True, editable=False)
    units = models.ManyToManyField(
        Unit, through="StrategyUnit", related_name="strategies"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    objects = StrategyQuerySet.as_manager()

    class Meta:
        ordering = ("organization", "-period_start", "-created_at")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_start__lte=F("period_end")),
                name="%(app_label)s_%(class)s_period_ordered",
            )
        ]
        verbose_name = _("strategy")
        verbose_name_plural = _("strategies")

    def __str__(self) -> str:
        version = f" v{self.version_label}" if self.version_label else ""
        return f"{self.organization}: {self.title}{version}"

    def get_absolute_url(self) -> str:
        """The strategy's front page; select_related("organization") on lists."""
        return reverse("site:strategy_detail", args=[self.organization.slug, self.pk])

    def version_text(self, *, state: bool = False) -> str:
        """The version as readers tell it from the others: "IKT-strategi v2.1
        (2024–2027)", and with *state* "(2024–2027, Vedtatt)", labelled in
        the active language."""
        version = f" v{self.version_label}" if self.version_label else ""
        period = years_text(self.period_start, self.period_end)
        if state:
            period = f"{period}, {self.get_state_display()}"
        return f"{self.title}{version} ({period})"

    @property
    def version_text_with_state(self) -> str:
        """``version_text(state=True)``, for templates."""
        return self.version_text(state=True)

    @property
    def is_draft(self) -> bool:
        return self.state == StrategyState.DRAFT


class StrategyUnit(models.Model):
    """A unit the strategy names, in the order the document names them."""

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE)
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE)
    position = models.PositiveIntegerField()
    history = HistoricalRecords()

    class Meta:
        ordering = ("strategy", "position")
        constraints = [
            models.UniqueConstraint(
                fields=("strategy", "unit"), name="%(app_label)s_%(class)s_once"
            )
        ]

    def __str__(self) -> str:
        return self.unit.name
