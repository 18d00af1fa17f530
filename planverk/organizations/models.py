"""Municipalities and counties, their units, and who may work in them."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class OrganizationKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("Municipality")
    COUNTY = "county", _("County")
    OTHER = "other", _("Other")


class Organization(models.Model):
    """A municipality, county or other body that owns ICT strategies."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganizationKind.choices)
    country = models.CharField(_("country"), max_length=2, default="NO")
    code = models.CharField(
        _("national number"), max_length=20, blank=True, help_text=_("Optional.")
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ("name",)
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.slug:
            self.slug = unique_slug(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("site:organization_detail", args=[self.slug])


def unique_slug(name: str) -> str:
    """A slug for *name* that no organisation has yet ("lundvik", "lundvik-2")."""
    base = slugify(name)[:190] or "org"
    slug, n = base, 1
    while Organization.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


class Unit(models.Model):
    """A unit of an organisation ("IKT-tjenesten", "Arkiv") that proposes or owns measures."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="units"
    )
    name = models.CharField(_("name"), max_length=200)
    history = HistoricalRecords()

    class Meta:
        ordering = ("organization", "name")
        constraints = [
            models.UniqueConstraint(
                fields=("organization", "name"),
                name="%(app_label)s_%(class)s_unique_name",
            )
        ]
        verbose_name = _("unit")
        verbose_name_plural = _("units")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        """The unit's public page; select_related("organization") on lists."""
        return reverse("site:unit_detail", args=[self.organization.slug, self.pk])


class Role(models.TextChoices):
    EDITOR = "editor", _("Editor")
    UNIT_EDITOR = "unit_editor", _("Unit editor")
    READER = "reader", _("Reader")


class Membership(models.Model):
    """A user's role in one organisation; a unit editor is bound to units."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    units = models.ManyToManyField(Unit, blank=True, related_name="memberships")
    history = HistoricalRecords(m2m_fields=[units])

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=("user", "organization"), name="%(app_label)s_%(class)s_one_role"
            )
        ]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.user} – {self.organization} ({self.get_role_display()})"


def find_organization(reference: str) -> Organization | None:
    """The organisation whose slug or name (any case) is *reference*."""
    return (
        Organization.objects.filter(slug=reference).first()
        or Organization.objects.filter(name__iexact=reference).first()
    )
