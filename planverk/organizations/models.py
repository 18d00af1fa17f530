"""Municipalities and counties, their units, and who may work in them."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from planverk.lib.slugs import slug_of


class OrganizationKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("Municipality")
    COUNTY = "county", _("County")
    OTHER = "other", _("Other")


class HistoryAttribution(models.TextChoices):
    """Whom the public history names for a change: the person, their unit, or no one."""

    PERSON = "person", _("The person's name")
    UNIT = "unit", _("The person's unit")
    ORGANIZATION = "organization", _("The organisation only")


class Organization(models.Model):
    """A municipality, county or other body that owns ICT strategies."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganizationKind.choices)
    country = models.CharField(_("country"), max_length=2, default="NO")
    code = models.CharField(
        _("national number"), max_length=20, blank=True, help_text=_("Optional.")
    )
    history_attribution = models.CharField(
        _("names in the public history"),
        max_length=20,
        choices=HistoryAttribution.choices,
        default=HistoryAttribution.PERSON,
        help_text=_(
            "Who the public history of goals and measures says made each change."
        ),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ("name",)
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Saved; a slug given up is kept as a PreviousSlug, so its links redirect."""
        if not self.slug:
            self.slug = unique_slug(self.name)
        before = None
        if self.pk is not None:
            stored = Organization.objects.filter(pk=self.pk)
            before = stored.values_list("slug", flat=True).first()
        with transaction.atomic():
            super().save(*args, **kwargs)
            if before is not None and before != self.slug:
                keep_previous_slug(self, before)

    def get_absolute_url(self) -> str:
        return reverse("site:organization_detail", args=[self.slug])


def unique_slug(name: str) -> str:
    """A slug for *name* that no organisation has, nor had ("lundvik", "lundvik-2").

    A slug an organisation gave up still redirects to it, so it is not handed
    out again."""
    base = slug_of(name)[:190] or "org"
    slug, n = base, 1
    while (
        Organization.objects.filter(slug=slug).exists()
        or PreviousSlug.objects.filter(slug=slug).exists()
    ):
        n += 1
        slug = f"{base}-{n}"
    return slug


class PreviousSlug(models.Model):
    """A slug an organisation had: /o/<slug>/… answers 301 to its slug now
    (planverk.site.middleware.PreviousSlugMiddleware), so published links keep working."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="previous_slugs"
    )
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    replaced_at = models.DateTimeField(_("replaced"), default=timezone.now)

    class Meta:
        ordering = ("organization", "replaced_at", "pk")
        verbose_name = _("previous slug")
        verbose_name_plural = _("previous slugs")

    def __str__(self) -> str:
        return f"{self.slug} → {self.organization.slug}"


def keep_previous_slug(organization: Organization, slug: str) -> None:
    """*slug*, which *organization* no longer has, redirects to it from now on;
    the slug it has now is nobody's previous one any more."""
    PreviousSlug.objects.filter(slug=organization.slug).delete()
    PreviousSlug.objects.update_or_create(
        slug=slug,
        defaults={"organization": organization, "replaced_at": timezone.now()},
    )


def current_slug(slug: str) -> str | None:
    """The slug now of the organisation that had *slug*; None if *slug* is in use
    or was never one."""
    if Organization.objects.filter(slug=slug).exists():
        return None
    return (
        PreviousSlug.objects.filter(slug=slug)
        .values_list("organization__slug", flat=True)
        .first()
    )


class Unit(models.Model):
    """A unit of an organisation ("IKT-tjenesten", "Arkiv") that proposes or owns measures."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="units"
    )
    name = models.CharField(_("name"), max_length=200)
    # A sector above its units; shown as a tree in the unit register.
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("part of"),
    )
    # A deactivated unit stays for the history, and is no longer offered.
    active = models.BooleanField(_("active"), default=True)
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
    """The organisation whose slug or name (any case) is *reference*, or whose
    slug it was."""
    return (
        Organization.objects.filter(slug=reference).first()
        or Organization.objects.filter(name__iexact=reference).first()
        or Organization.objects.filter(previous_slugs__slug=reference).first()
    )
