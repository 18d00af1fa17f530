"""National agendas (e.g. KS's eKommune 2012): areas and goals with deadlines."""

from __future__ import annotations

from django.db import models
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
