"""What the parts of a strategy have in common."""

from __future__ import annotations

from typing import Any, ClassVar

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from planverk.lib.keys import new_key
from planverk.lib.numbering import natural_key
from planverk.strategies.querysets import PartQuerySet


class Numbered(models.Model):
    """Something numbered in the document, kept in the numbering's natural order."""

    number = models.CharField(_("number"), max_length=20)
    sort_key = models.CharField(max_length=100, editable=False, db_index=True)

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.sort_key = natural_key(self.number)
        super().save(*args, **kwargs)


class Keyed(models.Model):
    """A part that keeps its identity across versions (lib/keys.py): its copy in
    the next version has the same key, whatever its number or text becomes."""

    key = models.CharField(
        _("key"), max_length=32, default=new_key, editable=False, db_index=True
    )

    class Meta:
        abstract = True


class Part(models.Model):
    """A part of a strategy: it may be exempt from disclosure, and is edited safely.

    ``revision`` counts saved edits; an edit must name the revision it started
    from, so of two people editing at once the second is told, not overwritten.

    Who may read a part is decided by ``PartQuerySet`` alone; a subclass only
    says where its strategy is (``STRATEGY``), what else withholds it
    (``withheld_through``) and what its placeholder may show.
    """

    exempt = models.BooleanField(
        _("exempt from public disclosure"),
        default=False,
        help_text=_("Unntatt offentlighet: never shown to the public, in any form."),
    )
    # The legal basis as written, e.g. "offl. § 24 tredje ledd"; the public
    # sees it in the part's place. Required when marking a part exempt.
    exempt_basis = models.CharField(_("legal basis"), max_length=200, blank=True)
    exempt_title_shown = models.BooleanField(
        _("show the title of the exempt part"),
        default=False,
        help_text=_("The public then sees the title beside the legal basis."),
    )
    revision = models.PositiveIntegerField(default=1, editable=False)

    objects = PartQuerySet.as_manager()

    # The lookup from the part to its strategy.
    STRATEGY: ClassVar[str] = "strategy"
    # The field a placeholder may show when the editor allows the title.
    TITLE_FIELD: ClassVar[str] = "title"
    # What a placeholder carries besides: structure, never content.
    PLACEHOLDER_FIELDS: ClassVar[tuple[str, ...]] = ("number",)

    class Meta:
        abstract = True

    @classmethod
    def withheld_through(cls) -> Q | None:
        """The condition under which a part is exempt with its theme or chapter."""
        return None

    @classmethod
    def published_through(cls) -> Q | None:
        """What else a part needs, beyond a public strategy, to be public: an
        action plan (and its actions) only once the plan is approved."""
        return None

    is_withheld = False  # see querysets.Withheld
