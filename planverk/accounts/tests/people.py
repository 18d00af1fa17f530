"""An organisation with a unit, and people in every role around it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from planverk.accounts import actions
from planverk.accounts.models import Invitation
from planverk.organizations.models import Membership, Organization, Role, Unit
from planverk.testing import make_member, make_user


@dataclass
class People:
    organization: Organization
    unit: Unit
    editor: Any
    unit_editor: Any
    reader: Any
    other_editor: Any  # an editor of another organisation
    outsider: Any


def make_people() -> People:
    fjordvik = Organization.objects.create(name="Fjordvik kommune", kind="municipality")
    other = Organization.objects.create(name="Nabo kommune", kind="municipality")
    unit = Unit.objects.create(organization=fjordvik, name="Arkiv")
    return People(
        organization=fjordvik,
        unit=unit,
        editor=make_member("eva", fjordvik, Role.EDITOR),
        unit_editor=make_member("ulf", fjordvik, Role.UNIT_EDITOR, [unit]),
        reader=make_member("rita", fjordvik, Role.READER),
        other_editor=make_member("nils", other, Role.EDITOR),
        outsider=make_user("otto"),
    )


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
