"""Loading the generated, fictional sample organisations into the database."""

from __future__ import annotations

from collections.abc import Callable

from planverk.interchange.load import load
from planverk.sample import generate


def load_sample(
    orgs: int, seed: int, progress: Callable[[str], None] | None = None
) -> int:
    """Store the strategies of *orgs* generated organisations; returns how many."""
    stored = 0
    for document in generate(orgs, seed):
        load(document, reason=f"sample data (seed {seed})")
        stored += 1
        if progress and stored % 50 == 0:
            progress(f"{stored} strategies stored")
    return stored
