"""Strategies to report on: the two seeds as imported, and the rich test document."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from conftest import COUNTY_SEED, MUNICIPALITY_SEED
from planverk.strategies.models import Strategy
from planverk.testing import make_strategy


def _imported(path: Path) -> Strategy:
    call_command("import", str(path), verbosity=0)
    return Strategy.objects.latest("pk")


@pytest.fixture
def county(seed_path: Callable[[str], Path]) -> Strategy:
    """The county's strategy (bokmål), imported from its seed."""
    return _imported(seed_path(COUNTY_SEED))


@pytest.fixture
def municipality(seed_path: Callable[[str], Path]) -> Strategy:
    """The municipality's strategy (Lithuanian), imported from its seed."""
    return _imported(seed_path(MUNICIPALITY_SEED))


@pytest.fixture
def rich() -> Strategy:
    """An approved strategy with exempt parts in every kind of part."""
    return make_strategy("approved")


@pytest.fixture(autouse=True)
def report_storage(settings: Any) -> None:
    """Renderings kept by the reports' tests stay in memory, each test's its own."""
    settings.STORAGES = {
        **settings.STORAGES,
        "reports": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
