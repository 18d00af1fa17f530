"""What the parts of a strategy have in common."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from planverk.lib.numbering import natural_key


class Numbered(models.Model):
    """Something numbered in the document, kept in the numbering's natural order."""

    number = models.CharField(_("number"), max_length=20)
    sort_key = models.CharField(max_length=100, editable=False, db_index=True)

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.sort_key = natural_key(self.number)
        super().save(*args, **kwargs)


class Part(models.Model):
    """A part of a strategy: it may be exempt from disclosure, and is edited safely.

    ``revision`` counts saved edits; an edit must name the revision it started
    from, so of two people editing at once the second is told, not overwritten.
    """

    exempt = models.BooleanField(
        _("exempt from public disclosure"),
        default=False,
        help_text=_("Unntatt offentlighet: never shown to the public, in any form."),
    )
    revision = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True
