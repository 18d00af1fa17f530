"""The organisation's status on the national agenda's goals."""

from __future__ import annotations

from django.db import models
from django.db.models import OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from planverk.strategies.choices import AssessmentLevel
from planverk.strategies.models.base import Keyed, Part
from planverk.strategies.models.strategy import Strategy
from planverk.strategies.models.themes import Theme


class GoalAssessment(Keyed, Part):
    """Status on one national goal: a level (confirmed or suggested), text and date.

    Linked to the shipped framework goal where one matched; the goal as the
    document wrote it is kept either way.
    """

    strategy = models.ForeignKey(
        Strategy, on_delete=models.CASCADE, related_name="goal_assessments"
    )
    framework_goal = models.ForeignKey(
        "frameworks.FrameworkGoal",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assessments",
    )
    area = models.CharField(_("area"), max_length=300)
    theme_number = models.CharField(_("theme"), max_length=20, blank=True)
    number = models.PositiveSmallIntegerField(_("number"), null=True, blank=True)
    deadline = models.PositiveSmallIntegerField(_("deadline"), null=True, blank=True)
    goal_text = models.TextField(_("goal"))
    level = models.CharField(
        _("level"),
        max_length=20,
        choices=AssessmentLevel.choices,
        default=AssessmentLevel.UNKNOWN,
    )
    level_confirmed = models.BooleanField(
        _("level confirmed"),
        default=False,
        help_text=_("Off while the level is only the importer's suggestion."),
    )
    status_text = models.TextField(_("status"), blank=True)
    as_of = models.CharField(_("as of (YYYY-MM)"), max_length=7, blank=True)
    position = models.PositiveIntegerField()
    history = HistoricalRecords()

    TITLE_FIELD = "goal_text"
    PLACEHOLDER_FIELDS = ("number", "area", "theme_number", "deadline")

    class Meta:
        ordering = ("strategy", "position")
        constraints = [
            models.UniqueConstraint(
                fields=("strategy", "key"), name="%(app_label)s_%(class)s_unique_key"
            )
        ]
        verbose_name = _("goal assessment")
        verbose_name_plural = _("goal assessments")

    def __str__(self) -> str:
        return f"{self.area} {self.number or ''}: {self.get_level_display()}"

    def get_absolute_url(self) -> str:
        """The goal status's public page; its strategy and organisation should be loaded."""
        strategy = self.strategy
        return reverse(
            "site:goal_detail", args=[strategy.organization.slug, strategy.pk, self.pk]
        )

    @classmethod
    def withheld_through(cls) -> Q:
        """A status on a goal of an exempt theme is exempt with it."""
        exempt = Theme.objects.filter(exempt=True, strategy=OuterRef("strategy"))
        return Q(theme_number__in=exempt.values("number"))
