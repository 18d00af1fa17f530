"""The fixed vocabularies of planverk/1, as Django choices."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class StrategyState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    HEARING = "hearing", _("On hearing")
    APPROVED = "approved", _("Approved")
    SUPERSEDED = "superseded", _("Superseded")


class AssessmentLevel(models.TextChoices):
    ACHIEVED = "achieved", _("Achieved")
    PARTIAL = "partial", _("Partially achieved")
    IN_PROGRESS = "in_progress", _("In progress")
    NOT_ACHIEVED = "not_achieved", _("Not achieved")
    NOT_RELEVANT = "not_relevant", _("Not relevant")
    UNKNOWN = "unknown", _("Unknown")


class ActionCategory(models.TextChoices):
    OPERATING = "operating", _("Operating")
    INVESTMENT = "investment", _("Investment")


class DatePrecision(models.TextChoices):
    DAY = "day", _("Day")
    MONTH = "month", _("Month")
    YEAR = "year", _("Year")
