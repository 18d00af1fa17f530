"""National-agenda rows by meaning, as a backup refers to them, and back to row ids.

A backup never names an agenda row by id (a migrated database has its own): an
agenda by slug, an area as ``[slug, area number]``, a goal as ``[slug, "area.goal"]``.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from planverk.frameworks.models import Framework, FrameworkArea, FrameworkGoal
from planverk.interchange.backup.layout import BackupError

# Messages are in English, like the rest of the command line; verbose names are not.
AGENDA_NAMES = {
    Framework: "national agenda",
    FrameworkArea: "national-agenda area",
    FrameworkGoal: "national goal",
}


class References:
    """This database's agenda rows: ``out`` by id to meaning, ``back`` the reverse."""

    def __init__(self) -> None:
        slugs = dict(Framework.objects.values_list("pk", "slug"))
        areas = {
            pk: (slugs[framework], number)
            for pk, framework, number in FrameworkArea.objects.values_list(
                "pk", "framework_id", "number"
            )
        }
        goals = {
            pk: (areas[area][0], f"{areas[area][1]}.{number}")
            for pk, area, number in FrameworkGoal.objects.values_list(
                "pk", "area_id", "number"
            )
        }
        self.out: dict[type[models.Model], dict[int, Any]] = {
            Framework: slugs,
            FrameworkArea: {pk: list(key) for pk, key in areas.items()},
            FrameworkGoal: {pk: list(key) for pk, key in goals.items()},
        }
        self.back: dict[type[models.Model], dict[Any, int]] = {
            Framework: {slug: pk for pk, slug in slugs.items()},
            FrameworkArea: {key: pk for pk, key in areas.items()},
            FrameworkGoal: {key: pk for pk, key in goals.items()},
        }

    def pk(self, model: type[models.Model], reference: Any, where: str) -> int | None:
        """The id of the *model* row *reference* means (None for None); raises
        BackupError at the JSON path *where* when this database lacks it."""
        if reference is None:
            return None
        key = reference if isinstance(reference, str) else tuple(reference)
        try:
            return self.back[model][key]
        except (KeyError, TypeError):
            raise BackupError(
                f"refers to {AGENDA_NAMES[model]} {reference!r}, which this "
                "database lacks (load it first: planverk framework load)",
                path=where,
            ) from None
