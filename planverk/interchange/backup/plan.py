"""What reading a backup gives and storing it takes: the rows to write, per table."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import models

from planverk.accounts.models import Identity, Invitation
from planverk.interchange.backup.layout import BackupError
from planverk.organizations.models import (
    Membership,
    Organization,
    PreviousSlug,
    Unit,
)


@dataclass
class Rows:
    """A strategy's rows file: per model, the values load.py's Loader leaves unset."""

    strategy: dict[str, Any]
    queues: dict[type[models.Model], list[dict[str, Any]]]

    def take(self, model: type[models.Model], count: int) -> list[dict[str, Any]]:
        """The values of the next *count* rows of *model*, in the document's order."""
        queue = self.queues.get(model, [])
        if len(queue) < count:
            raise BackupError(f"has too few rows for {model.__name__}", path="$")
        taken, self.queues[model] = queue[:count], queue[count:]
        return taken


@dataclass
class StrategyFile:
    """A strategy version: its planverk/1 file, read and checked, and its rows file."""

    path: Path
    organization: Organization
    document: dict[str, Any]
    rows: Rows


@dataclass
class Plan:
    """Everything a backup holds, read and checked, ready to be written."""

    users: list[Any] = field(default_factory=list)
    organizations: list[Organization] = field(default_factory=list)
    previous_slugs: list[PreviousSlug] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)
    memberships: list[Membership] = field(default_factory=list)
    membership_units: list[Any] = field(default_factory=list)
    identities: list[Identity] = field(default_factory=list)
    invitations: list[Invitation] = field(default_factory=list)
    invitation_units: list[Any] = field(default_factory=list)
    strategies: list[StrategyFile] = field(default_factory=list)
    history: list[tuple[type[models.Model], list[models.Model]]] = field(
        default_factory=list
    )

    def counts(self) -> dict[str, int]:
        return {
            "organizations": len(self.organizations),
            "units": len(self.units),
            "strategies": len(self.strategies),
            "users": len(self.users),
            "memberships": len(self.memberships),
            "identities": len(self.identities),
            "invitations": len(self.invitations),
        }
