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


# The grounds in the Freedom of Information Act (offentleglova) on which a
# municipality's strategy documents are withheld, as the basis reads when
# written: "offl. § 24", to which an editor may add "tredje ledd".
EXEMPTION_GROUNDS = [
    ("offl. § 13", _("§ 13 – information subject to a duty of confidentiality")),
    ("offl. § 14", _("§ 14 – a document prepared for the body's own handling")),
    ("offl. § 15", _("§ 15 – obtained from outside for the internal handling")),
    ("offl. § 21", _("§ 21 – national defence and security interests")),
    ("offl. § 23", _("§ 23 – financial, pay and personnel management")),
    (
        "offl. § 24",
        _("§ 24 – control measures and measures against crime (e.g. security)"),
    ),
    ("offl. § 25", _("§ 25 – appointments")),
    ("offl. § 26", _("§ 26 – exams, national identity numbers and other cases")),
]
