"""The strategy's narrative chapters, decision log and glossary."""

from __future__ import annotations

from django.db import models
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from planverk.strategies.choices import DatePrecision
from planverk.strategies.models.base import Keyed, Part
from planverk.strategies.models.strategy import Strategy


class Section(Keyed, Part):
    """A narrative chapter kept as Markdown text (introduction, vision, status …)."""

    strategy = models.ForeignKey(
        Strategy, on_delete=models.CASCADE, related_name="sections"
    )
    number = models.CharField(_("number"), max_length=20, blank=True)
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text"), blank=True)
    position = models.PositiveIntegerField()
    history = HistoricalRecords()

    class Meta:
        ordering = ("strategy", "position")
        constraints = [
            models.UniqueConstraint(
                fields=("strategy", "key"), name="%(app_label)s_%(class)s_unique_key"
            )
        ]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self) -> str:
        return f"{self.number} {self.title}".strip()

    def get_absolute_url(self) -> str:
        """The chapter's public page; its strategy and organisation should be loaded."""
        strategy = self.strategy
        return reverse(
            "site:section_detail",
            args=[strategy.organization.slug, strategy.pk, self.place],
        )

    @property
    def place(self) -> int:
        """The chapter's place in the document, counted from 1: its public URL."""
        return self.position + 1


class Decision(Part):
    """One row of the decision and change log: who decided or reviewed, when, reference."""

    strategy = models.ForeignKey(
        Strategy, on_delete=models.CASCADE, related_name="decisions"
    )
    body = models.CharField(_("body"), max_length=300)
    # The first day of the month or year when the source gives no more.
    date = models.DateField(_("date"), null=True, blank=True)
    date_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    reference = models.CharField(_("reference"), max_length=100, blank=True)
    note = models.TextField(_("note"), blank=True)
    # The version this decision approved, where it approved one: kept when the
    # log is copied into the next version, so each row still names its own.
    approves = models.ForeignKey(
        Strategy,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="approvals",
        verbose_name=_("approved version"),
    )
    # The action plan this decision approved, where it approved one.
    approves_plan = models.ForeignKey(
        "strategies.ActionPlan",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="approvals",
        verbose_name=_("approved action plan"),
    )
    position = models.PositiveIntegerField()
    history = HistoricalRecords()

    TITLE_FIELD = "body"
    PLACEHOLDER_FIELDS = ()

    class Meta:
        ordering = ("strategy", "position")
        verbose_name = _("decision")
        verbose_name_plural = _("decision log")

    def __str__(self) -> str:
        return f"{self.body} {self.date_text or ''} {self.reference}".strip()

    @property
    def date_text(self) -> str | None:
        """The date as planverk/1 writes it: as precise as the source was."""
        if self.date is None:
            return None
        return self.date.isoformat()[
            : {"day": 10, "month": 7, "year": 4}[self.date_precision]
        ]


def last_decision(decisions: QuerySet[Decision]) -> Decision | None:
    """The last row of the decision log as the document has it: its order is the
    document's (``position``), not the dates, which several rows may share."""
    return decisions.order_by("position", "pk").last()


class GlossaryTerm(models.Model):
    """A term and its definition from the strategy's glossary."""

    strategy = models.ForeignKey(
        Strategy, on_delete=models.CASCADE, related_name="glossary"
    )
    term = models.CharField(_("term"), max_length=200)
    definition = models.TextField(_("definition"), blank=True)
    position = models.PositiveIntegerField()
    history = HistoricalRecords()

    class Meta:
        ordering = ("strategy", "position")
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary")

    def __str__(self) -> str:
        return self.term
