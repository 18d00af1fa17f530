"""Loading the generated, fictional sample organisations into the database."""

from __future__ import annotations

from collections.abc import Callable

from planverk.interchange.load import load
from planverk.sample import generate
from planverk.strategies.models import Strategy


def load_sample(
    orgs: int, seed: int, progress: Callable[[str], None] | None = None
) -> int:
    """Store the strategies of *orgs* generated organisations; returns how many."""
    stored = 0
    earlier: dict[int, Strategy] = {}  # by organisation: its strategy loaded last
    for document in generate(orgs, seed):
        strategy = load(document, reason=f"sample data (seed {seed})")
        before = earlier.get(strategy.organization_id)
        if before is not None:  # the version it replaced: one strategy's lineage
            Strategy.objects.filter(pk=strategy.pk).update(
                lineage=before.lineage, revised_from=before
            )
        earlier[strategy.organization_id] = strategy
        stored += 1
        if progress and stored % 50 == 0:
            progress(f"{stored} strategies stored")
    return stored
