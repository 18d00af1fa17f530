"""What the benchmarks on the county's strategy share: Django on a fresh
database with the bokmål seed imported, and a stopwatch.

The database is SQLite in a temporary folder, or the empty PostgreSQL
database DATABASE_URL names. The scripts run as ``python bench/<name>.py``,
so this folder is on the path and the project root is put there too.
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from planverk.strategies.models import Strategy

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SEED = (
    Path(__file__).resolve().parents[2]
    / "shared/seeds/stfk-ikt-strategi-2010-2013.nb.txt"
)


def county_strategy() -> Strategy:
    """Set Django up on a fresh database, import the seed: its strategy."""
    if not SEED.is_file():
        sys.exit(f"{SEED} is not here: the benchmark needs ../shared/seeds")
    os.environ.setdefault("PLANVERK_DATA", tempfile.mkdtemp(prefix="planverk-bench-"))
    os.environ.setdefault("DEBUG", "true")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "planverk.settings")

    import django

    django.setup()
    from django.core.management import call_command

    from planverk.strategies.models import Strategy

    call_command("migrate", verbosity=0)
    call_command("import", str(SEED), verbosity=0, stdout=io.StringIO())
    return Strategy.objects.select_related("organization").latest("pk")


def timed(make: Callable[[], object]) -> float:
    """The seconds *make* takes, by the wall clock."""
    started = time.perf_counter()
    make()
    return time.perf_counter() - started
