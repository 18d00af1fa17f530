"""How long the county's strategy takes as PDF/A (and ODT), and how much memory.

    python bench/bench_reports.py [--runs 3]

Imports the bokmål seed (../shared/seeds) into a fresh SQLite database in a
temporary folder (or the empty PostgreSQL database DATABASE_URL names), then
makes the whole strategy report from the database to the bytes, queries
included: as HTML, as PDF/A and as ODT. The first run pays the imports
(WeasyPrint ~1 s) and the chart engine's start; the table gives the median of
the runs after it, in wall-clock and CPU seconds. Memory: the peak of
Python's own allocations during one run (tracemalloc), and the process's peak
resident set (getrusage), which also counts Pango's and the chart engine's.
Targets: PDF < 3 s, ODT < 1 s.
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SEED = (
    Path(__file__).resolve().parents[2]
    / "shared/seeds/stfk-ikt-strategi-2010-2013.nb.txt"
)
TARGETS = {"PDF/A": 3.0, "ODT": 1.0}


@dataclass
class Timing:
    name: str
    first: float
    wall: list[float]
    cpu: list[float]
    size: int
    python_peak: int  # bytes, tracemalloc

    def row(self) -> str:
        wall, cpu = statistics.median(self.wall), statistics.median(self.cpu)
        target = TARGETS.get(self.name)
        verdict = "" if target is None else ("ok" if wall < target else "OVER")
        return (
            f"{self.name:6} {self.first:7.2f} {wall:7.2f} {cpu:7.2f} "
            f"{self.size / 1024:8.0f} {self.python_peak / 2**20:8.1f}  "
            f"{'' if target is None else f'< {target:.0f} s'} {verdict}"
        )


def measure(name: str, make: Callable[[], bytes], runs: int) -> Timing:
    started = time.perf_counter()
    made = make()
    first = time.perf_counter() - started
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        make()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    tracemalloc.start()
    make()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return Timing(name, first, walls, cpus, len(made), peak)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if not SEED.is_file():
        sys.exit(f"{SEED} is not here: the benchmark needs ../shared/seeds")
    os.environ.setdefault("PLANVERK_DATA", tempfile.mkdtemp(prefix="planverk-bench-"))
    os.environ.setdefault("DEBUG", "true")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "planverk.settings")

    import django

    django.setup()
    from django.core.management import call_command

    from planverk.reports import odt
    from planverk.reports.content import StrategyReport, strategy_report
    from planverk.reports.html import to_html
    from planverk.reports.pdf import to_pdf
    from planverk.strategies.language import in_language
    from planverk.strategies.models import Strategy

    call_command("migrate", verbosity=0)
    call_command("import", str(SEED), verbosity=0, stdout=io.StringIO())
    strategy = Strategy.objects.latest("pk")

    def report() -> StrategyReport:
        return strategy_report(strategy, include_exempt=False)

    writers: list[tuple[str, Callable[[], bytes]]] = [
        ("HTML", lambda: to_html(report()).encode()),
        ("PDF/A", lambda: to_pdf(report())),
        ("ODT", lambda: odt.to_odt(report())),
    ]
    with in_language(strategy):
        timings = [measure(name, make, args.runs) for name, make in writers]
        pages = len(PdfReader(io.BytesIO(to_pdf(report()))).pages)
    max_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{strategy}: median of {args.runs} runs after the first")
    print("format  first s  wall s   cpu s   size kB  py MiB  target")
    for timing in timings:
        print(timing.row())
    print(f"PDF pages: {pages}; process peak RSS: {max_rss:.0f} MiB")


if __name__ == "__main__":
    main()
