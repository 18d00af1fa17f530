"""An organisation with a unit, and the personas around it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from planverk.accounts import actions
from planverk.accounts.models import Invitation
from planverk.organizations.models import Membership, Organization, Role, Unit
from planverk.testing import Personas, make_personas


@dataclass
class People:
    """The personas of Fjordvik kommune, and its unit Arkiv (the unit editor's)."""

    personas: Personas
    unit: Unit

    def __getattr__(self, role: str) -> Any:
        """The persona in *role*: ``draft.editor`` is ``draft.personas.editor``."""
        if role == "personas":  # not set yet (copying): no recursion
            raise AttributeError(role)
        return getattr(self.personas, role)


def make_people() -> People:
    fjordvik = Organization.objects.create(name="Fjordvik kommune", kind="municipality")
    unit = Unit.objects.create(organization=fjordvik, name="Arkiv")
    return People(make_personas(fjordvik, unit, prefix="fjordvik-"), unit)


def invite(
    people: People, role: Role = Role.READER, **kwargs: Any
) -> tuple[Invitation, str]:
    return actions.invite(
        people.organization,
        user=people.editor,
        email="ny@example.no",
        role=role,
        **kwargs,
    )


def counts() -> dict[str, int]:
    """What "nothing changed" is measured by."""
    return {
        "invitations": Invitation.objects.count(),
        "pending": Invitation.objects.pending().count(),
        "memberships": Membership.objects.count(),
    }
