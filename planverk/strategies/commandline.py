"""What every command about a strategy shares: finding it, and how bad input ends."""

from __future__ import annotations

from django.core.management.base import CommandError

from planverk.organizations.models import find_organization
from planverk.strategies.models import Strategy

# Bad input (unreadable file, not planverk/1) exits with 2, like argparse's usage errors.
BAD_INPUT = 2


def chosen_strategy(org: str, pk: int | None) -> Strategy:
    """Strategy *pk* of organisation *org* (name or slug), or the one in force."""
    organization = find_organization(org)
    if organization is None:
        raise CommandError(f"there is no organisation {org!r}", returncode=BAD_INPUT)
    strategies = Strategy.objects.filter(organization=organization)
    if pk is not None:
        strategy = strategies.select_related("organization").filter(pk=pk).first()
    else:
        strategy = strategies.current()
    if strategy is None:
        raise CommandError(
            f"{organization.name} has no strategy {pk or ''}".strip(),
            returncode=BAD_INPUT,
        )
    return strategy
