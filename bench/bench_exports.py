"""How long the national budget export and the strategy document take.

    python bench/bench_exports.py [--orgs 430] [--seed 1]

Generates and stores the fictional national data set as bench_load.py does
(about 40 s for 430 organisations, in a fresh SQLite database in a temporary
folder), then times the national budget, one row per organisation and action
item, as XLSX, ODS and CSV, and the county's strategy (the bokmål seed, where
../shared/seeds has it) as ODT. Each export is timed from the database to the
bytes, queries included; memory is measured in a second run: the peak of
Python's own allocations (tracemalloc, which slows that run) and the rise of
the process's peak resident set, which also counts lxml's. The target is
under 5 s for each national export; the script exits 1 above it.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SEED = (
    Path(__file__).resolve().parents[2]
    / "shared/seeds/stfk-ikt-strategi-2010-2013.nb.txt"
)
LIMIT_S = 5.0


def peak_rss_kb() -> int:
    """The process's peak resident set (VmHWM), in kB; 0 where /proc has none."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def reset_peak_rss() -> None:
    """Start VmHWM afresh (Linux ≥ 4.0), so each export's rise is its own."""
    try:
        with open("/proc/self/clear_refs", "w") as refs:
            refs.write("5")
    except OSError:
        pass


def measure(label: str, make: Callable[[], bytes]) -> float:
    """Seconds for one run of *make*; then its memory, in a second run under tracemalloc."""
    started = time.perf_counter()
    made = make()
    seconds = time.perf_counter() - started
    reset_peak_rss()
    before = peak_rss_kb()
    tracemalloc.start()
    make()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = max(peak_rss_kb() - before, 0)
    print(
        f"{label:<22} {seconds:6.2f} s  {len(made) / 1e6:6.2f} MB  "
        f"python peak {peak / 1e6:6.1f} MB  RSS rise {rss / 1e3:6.1f} MB"
    )
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orgs", type=int, default=430)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    os.environ.setdefault("PLANVERK_DATA", tempfile.mkdtemp(prefix="planverk-bench-"))
    os.environ.setdefault("DEBUG", "true")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "planverk.settings")

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    from planverk.interchange.load import load
    from planverk.reports import sheets
    from planverk.reports.kinds.budget import national_budget
    from planverk.reports.kinds.strategy import strategy_report
    from planverk.reports.writers import ods, odt, spreadsheets
    from planverk.sample import generate
    from planverk.strategies.language import in_language
    from planverk.strategies.models import ActionItem, Strategy

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    for document in generate(args.orgs, args.seed):
        load(document, reason="benchmark")
    print(
        f"stored {Strategy.objects.count()} strategies in {time.perf_counter() - started:.1f} s"
    )
    strategies = Strategy.objects.all()
    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        book = national_budget(strategies)
    items, totals = book.sheets
    print(
        f"national budget: {len(items.rows)} item rows "
        f"({ActionItem.objects.count()} items stored, exempt ones left out), "
        f"{len(totals.rows) - 1} strategies, read in {len(queries)} queries"
    )
    writers: list[tuple[str, Callable[[sheets.Workbook], bytes]]] = [
        ("national XLSX", spreadsheets.to_xlsx),
        ("national ODS", ods.to_ods),
        ("national CSV", spreadsheets.to_csv),
    ]
    timings = []
    for name, write in writers:

        def export(write: Callable[[sheets.Workbook], bytes] = write) -> bytes:
            return write(national_budget(strategies))

        timings.append(measure(name, export))
    slowest = max(timings)
    print(f"slowest national export {slowest:.2f} s (limit {LIMIT_S:.0f} s)")

    if SEED.is_file():
        call_command("import", str(SEED), verbosity=0, stdout=io.StringIO())
        county = Strategy.objects.latest("pk")

        def county_odt() -> bytes:
            with in_language(county):
                return odt.to_odt(strategy_report(county, include_exempt=False))

        county_odt()  # the chart renderer starts up on its first chart
        measure("county strategy ODT", county_odt)
    else:
        print(f"county strategy ODT: skipped, {SEED} is not here")
    if slowest > LIMIT_S:
        sys.exit(1)


if __name__ == "__main__":
    main()
