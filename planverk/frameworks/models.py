"""National agendas (e.g. KS's eKommune 2012): areas and goals with deadlines."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class Framework(models.Model):
    """A national agenda that strategies follow; shipped as a data file."""

    slug = models.SlugField(max_length=100, unique=True)
    name = models.CharField(_("name"), max_length=200)
    publisher = models.CharField(_("publisher"), max_length=200)
    published = models.PositiveSmallIntegerField(_("published"))
    language = models.CharField(_("language"), max_length=16)
    source = models.TextField(_("source"))

    class Meta:
        ordering = ("name",)
        verbose_name = _("national agenda")
        verbose_name_plural = _("national agendas")

    def __str__(self) -> str:
        return self.name


class FrameworkArea(models.Model):
    """An area of a national agenda ("Elektronisk handel")."""

    framework = models.ForeignKey(
        Framework, on_delete=models.CASCADE, related_name="areas"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=300)

    class Meta:
        ordering = ("framework", "number")
        constraints = [
            models.UniqueConstraint(
                fields=("framework", "number"),
                name="%(app_label)s_%(class)s_unique_number",
            )
        ]
        verbose_name = _("area")
        verbose_name_plural = _("areas")

    def __str__(self) -> str:
        return self.title


class FrameworkGoal(models.Model):
    """A numbered goal of an area, usually with a deadline year."""

    area = models.ForeignKey(
        FrameworkArea, on_delete=models.CASCADE, related_name="goals"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    deadline = models.PositiveSmallIntegerField(_("deadline"), null=True, blank=True)
    text = models.TextField(_("text"))
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ("area", "number")
        constraints = [
            models.UniqueConstraint(
                fields=("area", "number"), name="%(app_label)s_%(class)s_unique_number"
            )
        ]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self) -> str:
        return f"{self.area.number}.{self.number} {self.text[:60]}"

    @property
    def reference(self) -> str:
        """The goal's "area.goal" numbers, as planverk/1's framework_goal writes them."""
        return f"{self.area.number}.{self.number}"

    @property
    def name(self) -> str:
        """What Planverk calls the goal: "National goal 7.2" ("Nasjonalt mål 7.2")."""
        return national_goal_name(self.reference)


def national_goal_name(
    reference: str = "", *, number: int | None = None, area: str = ""
) -> str:
    """What every page, report and export calls a goal of the national agenda.

    "National goal 7.2" (in bokmål "Nasjonalt mål 7.2"): the area's number and
    the goal's number in the agenda (*reference*), whatever a strategy's own
    chapters are numbered; the goal's text, where shown, goes after the name.
    A goal with no place in the agenda (a status the import could not link to
    it, or a placeholder, which tells no more than its area and number) is
    named by the *number* the document gave it within its *area*, with the
    area, since that number alone would pass for another goal's:
    "National goal 2 of Elektronisk handel".
    """
    if reference:
        return gettext("National goal %(number)s") % {"number": reference}
    if number is not None and area:
        return gettext("National goal %(number)s of %(area)s") % {
            "number": number,
            "area": area,
        }
    return gettext("National goal")


def goal_name_of(part: Any) -> str:
    """The name of the goal a status is on (a GoalAssessment, or its placeholder):
    the agenda's where it is linked to the agenda, else the document's area and
    number. Load ``framework_goal__area`` with the status, or it costs a query."""
    goal = getattr(part, "framework_goal", None)  # a placeholder has none
    if isinstance(goal, FrameworkGoal):
        return goal.name
    return national_goal_name(number=part.number, area=part.area)
