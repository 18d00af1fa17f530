"""Versions of one strategy to compare: a revision with every part's key, and a
version with sixty measures."""

from __future__ import annotations

from planverk.interchange.load import load
from planverk.strategies.actions.versions import revise
from planverk.strategies.models import Strategy
from planverk.strategies.permissions import OPERATOR
from planverk.testing import rich_document


def next_version(strategy: Strategy, state: str = "approved") -> Strategy:
    """A revision of *strategy* (every part with its key), put in *state*."""
    new = revise(strategy, user=OPERATOR)
    Strategy.objects.filter(pk=new.pk).update(state=state)
    new.refresh_from_db()
    return new


def sixty_measures(org: str = "Fjordvik kommune") -> Strategy:
    """The rich document (testing.py) with 60 measures, 56 more in theme 3."""
    document = rich_document()
    document["organization"]["name"] = org
    measures = document["strategy"]["themes"][0]["measures"]
    for n in range(11, 67):
        measures.append({**measures[0], "number": f"3.{n}", "objective": f"Mål {n}"})
    return load(document)
