"""Documents uploaded in the browser, read but not yet stored."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from planverk.organizations.models import Organization

# How long an upload may wait for its confirmation.
PENDING_LIFETIME = dt.timedelta(days=1)


class PendingImport(models.Model):
    """A parsed upload waiting for its uploader to confirm or cancel it.

    Holds the planverk/1 document the importer read, so confirming stores
    exactly what the report showed, without reading the file again.
    """

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="pending_imports"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="pending_imports",
    )
    filename = models.CharField(_("file name"), max_length=255)
    # The uploaded file under MEDIA_ROOT, by its random name; removed with the row.
    stored_name = models.CharField(max_length=255, blank=True)
    document = models.JSONField()
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-created",)
        verbose_name = _("pending import")
        verbose_name_plural = _("pending imports")

    def __str__(self) -> str:
        return f"{self.organization}: {self.filename}"

    @property
    def expired(self) -> bool:
        return timezone.now() - self.created > PENDING_LIFETIME
