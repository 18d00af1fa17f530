"""Fixtures shared by every test package."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

# The two real strategies live beside the repository, not in it.
SEEDS_DIR = Path(__file__).resolve().parent.parent / "shared" / "seeds"
COUNTY_SEED = "stfk-ikt-strategi-2010-2013.nb.txt"
MUNICIPALITY_SEED = "sorum-ikt-strategi-2010-2013.lt.txt"


@pytest.fixture
def seed_path() -> Callable[[str], Path]:
    """Path of a seed document; skips the test, saying why, where ../shared is absent."""

    def find(name: str) -> Path:
        path = SEEDS_DIR / name
        if not path.is_file():
            pytest.skip(f"seed document {path} is not here (../shared/seeds is absent)")
        return path

    return find
