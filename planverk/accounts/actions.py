"""Changes to who belongs to an organisation: invitations, accepting them, removing
members; and how its public history names them.

Each action checks the permission itself, so views, commands and tests share
one rule (planverk.strategies.permissions: MANAGE_ORGANIZATION, i.e. the organisation's
editors and site administrators).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from planverk.accounts.models import Invitation, token_hash
from planverk.lib.audit import attributed
from planverk.organizations.models import (
    HistoryAttribution,
    Membership,
    Organization,
    Role,
    Unit,
)
from planverk.strategies.permissions import Action, require


class AlreadyMember(Exception):
    """The user accepting an invitation already has a role in the organisation."""

    def __init__(self, membership: Membership) -> None:
        super().__init__(f"already {membership.role} in {membership.organization}")
        self.membership = membership


class LastEditor(Exception):
    """Removing this member would leave the organisation without an editor."""


@transaction.atomic
def invite(
    organization: Organization,
    *,
    user: Any,
    email: str,
    role: Role,
    units: Iterable[Unit] = (),
) -> tuple[Invitation, str]:
    """A new invitation and its token, which is returned once and stored only as a hash."""
    require(user, Action.MANAGE_ORGANIZATION, organization)
    units = list(units)
    if any(unit.organization_id != organization.pk for unit in units):
        raise ValueError("a unit of another organisation")
    token = Invitation.new_token()
    days = settings.PLANVERK_INVITATION_DAYS
    invitation = Invitation.objects.create(
        organization=organization,
        email=email,
        role=role,
        token_hash=token_hash(token),
        invited_by=user,
        expires_at=timezone.now() + dt.timedelta(days=days),
    )
    invitation.units.set(units if role == Role.UNIT_EDITOR else [])
    return invitation, token


def find_invitation(token: str) -> Invitation | None:
    """The invitation whose link carries *token*, pending or not."""
    return (
        Invitation.objects.select_related("organization")
        .filter(token_hash=token_hash(token))
        .first()
    )


@transaction.atomic
def withdraw(invitation: Invitation, *, user: Any) -> None:
    """The link stops working; the row stays as a record of who invited whom."""
    require(user, Action.MANAGE_ORGANIZATION, invitation.organization)
    Invitation.objects.filter(pk=invitation.pk, withdrawn_at=None).update(
        withdrawn_at=timezone.now(), withdrawn_by=user
    )


@transaction.atomic
def accept(invitation: Invitation, *, user: Any) -> Membership:
    """*user* joins the organisation in the invited role; the link is used up.

    Raises Invitation.DoesNotExist when it is no longer pending (another
    request used it first), AlreadyMember when the user has a role there.
    """
    existing = Membership.objects.filter(
        user=user, organization=invitation.organization
    ).first()
    if existing is not None:
        raise AlreadyMember(existing)
    # Marking it used in the statement that checks it keeps it single-use.
    used = (
        Invitation.objects.pending()
        .filter(pk=invitation.pk)
        .update(accepted_at=timezone.now(), accepted_by=user)
    )
    if not used:
        raise Invitation.DoesNotExist("the invitation is not pending")
    membership = Membership.objects.create(
        user=user, organization=invitation.organization, role=invitation.role
    )
    membership.units.set(invitation.units.all())
    return membership


@transaction.atomic
def remove_member(membership: Membership, *, user: Any) -> None:
    """*membership* ends; the organisation's last editor cannot be removed."""
    require(user, Action.MANAGE_ORGANIZATION, membership.organization)
    editors = Membership.objects.select_for_update().filter(
        organization=membership.organization, role=Role.EDITOR
    )
    if membership.role == Role.EDITOR and list(editors) == [membership]:
        raise LastEditor(str(membership.organization))
    membership.delete()


@transaction.atomic
def set_history_attribution(
    organization: Organization, attribution: str, *, user: Any
) -> Organization:
    """The organisation's public history names people as *attribution* says
    (HistoryAttribution: the person, their unit, or the organisation only)."""
    require(user, Action.MANAGE_ORGANIZATION, organization)
    choice = HistoryAttribution(attribution)  # ValueError for anything else
    fresh = Organization.objects.select_for_update().get(pk=organization.pk)
    if fresh.history_attribution != choice:
        fresh.history_attribution = choice
        attributed(fresh, user=user, reason="organization.history_attribution")
        fresh.save(update_fields=["history_attribution"])
    organization.history_attribution = fresh.history_attribution
    return fresh
