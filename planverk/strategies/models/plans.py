"""Action plans under the strategy (handlingsplaner): their actions, budgets and spending.

An action plan is usually one year's ("Handlingsplan 2011"), of the whole
organisation or of a unit, and a unit's plan sits under its parent unit's. It
is approved on its own (a decision-log row names it: ``Decision.approves_plan``),
and is public only once approved, in a public strategy (``published_through``).
An action serves measures of the strategy by their stable keys
(``ActionMeasure``), so the link survives the strategy's next version; one that
serves none is marked outside the strategy.
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from planverk.organizations.models import Unit
from planverk.strategies.choices import ActionCategory
from planverk.strategies.models.base import Keyed, Numbered, Part
from planverk.strategies.models.strategy import Strategy


class PlanState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved")


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    STARTED = "started", _("Started")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


# What "next year's plan" leaves behind.
FINISHED = (ActionStatus.DONE, ActionStatus.CANCELLED)


class ActionPlan(Keyed, Part):
    """A plan of actions for a period, of the organisation or of one unit."""

    strategy = models.ForeignKey(
        Strategy, on_delete=models.CASCADE, related_name="action_plans"
    )
    title = models.CharField(_("title"), max_length=300)
    year_start = models.PositiveSmallIntegerField(_("first year"))
    year_end = models.PositiveSmallIntegerField(_("last year"))
    # None: the whole organisation's plan. RESTRICT: a unit with plans is not
    # deleted alone, but goes with its organisation (merging moves its plans).
    unit = models.ForeignKey(
        Unit,
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="action_plans",
        verbose_name=_("unit"),
    )
    # A unit's plan under its parent unit's (or the organisation's) plan.
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sub_plans",
        verbose_name=_("part of the plan"),
    )
    state = models.CharField(
        _("state"), max_length=20, choices=PlanState.choices, default=PlanState.DRAFT
    )
    # The plan whose unfinished actions this one carried over ("next year's plan").
    carried_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="carried_to",
        editable=False,
    )
    position = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ("strategy", "year_start", "position", "pk")
        constraints = [
            models.CheckConstraint(
                condition=Q(year_start__lte=F("year_end")),
                name="%(app_label)s_%(class)s_years_ordered",
            ),
            models.UniqueConstraint(
                fields=("strategy", "key"), name="%(app_label)s_%(class)s_unique_key"
            ),
        ]
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        """The plan's page; its strategy and organisation should be loaded."""
        strategy = self.strategy
        return reverse(
            "site:plan_detail", args=[strategy.organization.slug, strategy.pk, self.pk]
        )

    @classmethod
    def published_through(cls) -> Q:
        return Q(state=PlanState.APPROVED)

    @property
    def is_draft(self) -> bool:
        return self.state == PlanState.DRAFT


class PlanAction(Keyed, Numbered, Part):
    """An action of a plan: what is done, by whom, by when, for how much."""

    STRATEGY = "plan__strategy"
    PLACEHOLDER_FIELDS = ("number", "plan_id", "category")

    plan = models.ForeignKey(
        ActionPlan, on_delete=models.CASCADE, related_name="actions"
    )
    title = models.TextField(_("title"))
    description = models.TextField(_("description"), blank=True)
    outside_strategy = models.BooleanField(
        _("outside the strategy"),
        default=False,
        help_text=_("It serves none of the strategy's measures, on purpose."),
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="plan_actions",
        verbose_name=_("responsible unit"),
    )
    role = models.CharField(_("role"), max_length=100, blank=True)
    start = models.DateField(_("start"), null=True, blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    category = models.CharField(
        _("category"), max_length=20, choices=ActionCategory.choices
    )
    funding = models.CharField(_("funding"), max_length=300, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ActionStatus.choices,
        default=ActionStatus.PLANNED,
    )
    remarks = models.TextField(_("remarks"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ("plan", "sort_key")
        constraints = [
            models.UniqueConstraint(
                fields=("plan", "number"), name="%(app_label)s_%(class)s_unique_number"
            ),
            models.CheckConstraint(
                condition=Q(start__isnull=True)
                | Q(deadline__isnull=True)
                | Q(start__lte=F("deadline")),
                name="%(app_label)s_%(class)s_dates_ordered",
            ),
        ]
        verbose_name = _("action")
        verbose_name_plural = _("actions")

    def __str__(self) -> str:
        return f"{self.number}. {self.title[:60]}"

    @classmethod
    def withheld_through(cls) -> Q:
        return Q(plan__exempt=True)

    @classmethod
    def published_through(cls) -> Q:
        return Q(plan__state=PlanState.APPROVED)


class ActionMeasure(models.Model):
    """A measure of the strategy an action serves, by the measure's stable key."""

    action = models.ForeignKey(
        PlanAction, on_delete=models.CASCADE, related_name="served"
    )
    measure_key = models.CharField(_("measure"), max_length=32, db_index=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ("action", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=("action", "measure_key"), name="%(app_label)s_%(class)s_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.action.number} → {self.measure_key}"


class ActionBudget(models.Model):
    """What an action may cost in one year, in NOK."""

    action = models.ForeignKey(
        PlanAction, on_delete=models.CASCADE, related_name="budgets"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    amount_nok = models.BigIntegerField(_("budget (NOK)"))
    history = HistoricalRecords()

    class Meta:
        ordering = ("action", "year")
        constraints = [
            models.UniqueConstraint(
                fields=("action", "year"), name="%(app_label)s_%(class)s_once"
            ),
            models.CheckConstraint(
                condition=Q(amount_nok__gte=0),
                name="%(app_label)s_%(class)s_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.action.number} {self.year}: {self.amount_nok}"


class Spending(models.Model):
    """What an action spent in one year (forbruk), in NOK: entered by its unit or
    imported from the accounting system's CSV."""

    action = models.ForeignKey(
        PlanAction, on_delete=models.CASCADE, related_name="spending"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    amount_nok = models.BigIntegerField(_("spent (NOK)"))
    history = HistoricalRecords()

    class Meta:
        ordering = ("action", "year")
        constraints = [
            models.UniqueConstraint(
                fields=("action", "year"), name="%(app_label)s_%(class)s_once"
            ),
            models.CheckConstraint(
                condition=Q(amount_nok__gte=0),
                name="%(app_label)s_%(class)s_not_negative",
            ),
        ]
        verbose_name = _("spending")
        verbose_name_plural = _("spending")

    def __str__(self) -> str:
        return f"{self.action.number} {self.year}: {self.amount_nok}"
