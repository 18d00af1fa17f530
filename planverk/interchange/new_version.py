"""An upload as the next version of a strategy the organisation has: which
versions it may follow, the matching of its parts to the one chosen, and the
units it names that look like units the register has under another name."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from planverk.interchange.dump import dump, load_for_dump
from planverk.interchange.matching import Matching, match
from planverk.organizations.duplicates import likely_duplicates
from planverk.organizations.models import Organization
from planverk.strategies.models import Strategy


def offered_versions(organization: Organization) -> list[Strategy]:
    """What an upload may become the next version of: the newest version of each
    of the organisation's strategies (lineages), newest first. One query."""
    newest: dict[str, Strategy] = {}
    versions = Strategy.objects.filter(organization=organization).order_by(
        "-created_at", "-pk"
    )
    for strategy in versions:
        newest.setdefault(strategy.lineage, strategy)
    return list(newest.values())


def chosen_version(offered: list[Strategy], pk: int | None) -> Strategy | None:
    """The version of *offered* with id *pk*; None when there is none (or no pk)."""
    return next((s for s in offered if s.pk == pk), None)


def matchings(document: dict[str, Any], earlier: Strategy) -> list[Matching]:
    """The parts of *document* matched to those of *earlier* (every part,
    exempt ones too: only the organisation's editors see an upload)."""
    return match(document, dump(load_for_dump(earlier.pk)))


@dataclass(frozen=True)
class UnitPair:
    """Two unit names, at least one from the document, that may be one unit."""

    first: str
    second: str


def unit_suggestions(
    document: dict[str, Any], organization: Organization
) -> list[UnitPair]:
    """Units the document names that look like another it names, or like one
    of the organisation's active units (organizations/duplicates.py)."""
    data = document["strategy"]
    named = list(data["units"])
    for theme in data["themes"]:
        for measure in theme["measures"]:
            named += measure["proposed_by"]
    new = set(named)
    known = organization.units.filter(active=True).values_list("name", flat=True)
    names = list(dict.fromkeys([*named, *known]))
    return [
        UnitPair(d.first, d.second)
        for d in likely_duplicates(names)
        if d.first in new or d.second in new
    ]
