"""What the document commands share: reading a file, finding a strategy, clean errors."""

from __future__ import annotations

from django.core.management.base import CommandError

from planverk.importers import parse
from planverk.importers.base import ParseError, ParseResult
from planverk.organizations.models import find_organization
from planverk.strategies.models import Strategy

# Bad input (unreadable file, not planverk/1) exits with 2, like argparse's usage errors.
BAD_INPUT = 2


def read(path: str, language: str | None = None) -> ParseResult:
    try:
        return parse(path, language=language)
    except ParseError as e:
        raise CommandError(str(e), returncode=BAD_INPUT) from e


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
