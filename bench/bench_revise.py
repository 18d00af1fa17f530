"""How long revising the county's strategy into its next version takes.

    python bench/bench_revise.py [--runs 5]

Imports the bokmål seed (../shared/seeds: 61 measures, 45 national goals) into
a fresh SQLite database in a temporary folder (or the empty PostgreSQL database
DATABASE_URL names), then revises it *runs* times, each time from the version
before, and prints the seconds per revision (median and slowest) and the
queries one takes. Target: under 1 s.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

from county import county_strategy

TARGET_S = 1.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    strategy = county_strategy()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from planverk.strategies.actions.versions import revise
    from planverk.strategies.models import Measure
    from planverk.strategies.permissions import OPERATOR

    measures = Measure.objects.filter(theme__strategy=strategy).count()
    goals = strategy.goal_assessments.count()
    seconds = []
    for _run in range(args.runs):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            strategy = revise(strategy, user=OPERATOR)
            seconds.append(time.perf_counter() - started)
    print(f"revise the county strategy: {measures} measures, {goals} goals")
    print(
        f"{args.runs} runs on {connection.vendor}: "
        f"median {statistics.median(seconds):.3f} s, slowest {max(seconds):.3f} s, "
        f"{len(queries)} queries each (target < {TARGET_S:.0f} s)"
    )
    if max(seconds) >= TARGET_S:
        sys.exit(
            f"revising took {max(seconds):.3f} s, over the {TARGET_S:.0f} s target"
        )


if __name__ == "__main__":
    main()
