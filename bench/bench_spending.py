"""How long a 5 000-row spending CSV takes to validate and store.

    python bench/bench_spending.py [--rows 5000]

Imports the bokmål seed (../shared/seeds) into a fresh SQLite database in a
temporary folder (or the empty PostgreSQL database DATABASE_URL names), adds
an approved organisation plan for 2010–2013 with one action per four rows,
and imports the CSV (actions/spending.py: read_csv, then import_spending, all
or nothing) twice: once into an empty spending table, then again with every
amount changed, so each row is an update. Target: each < 3 s.
"""

from __future__ import annotations

import argparse
import time

from county import county_strategy

TARGET_S = 3.0
YEARS = (2010, 2011, 2012, 2013)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5000)
    args = parser.parse_args()
    strategy = county_strategy()
    from planverk.strategies.actions.spending import import_spending, read_csv
    from planverk.strategies.models.plans import ActionPlan, PlanAction, PlanState
    from planverk.strategies.permissions import OPERATOR

    plan = ActionPlan.objects.create(
        strategy=strategy,
        key="bench2010",
        title="Handlingsplan 2010–2013",
        year_start=2010,
        year_end=2013,
        state=PlanState.APPROVED,
    )
    count = -(-args.rows // len(YEARS))
    PlanAction.objects.bulk_create(
        PlanAction(
            plan=plan,
            number=str(n),
            sort_key=f"{n:08d}",
            title=f"Tiltak {n}",
            category="operating",
        )
        for n in range(1, count + 1)
    )
    worst = 0.0
    for run, factor in (("new", 1000), ("updated", 1100)):
        lines = ["plan,action,year,amount"]
        for i in range(args.rows):
            n, year = i // len(YEARS) + 1, YEARS[i % len(YEARS)]
            lines.append(f"bench2010,{n},{year},{factor * n}")
        data = ("\n".join(lines) + "\n").encode()
        started = time.perf_counter()
        stored = import_spending(strategy.organization, read_csv(data), user=OPERATOR)
        seconds = time.perf_counter() - started
        worst = max(worst, seconds)
        print(f"{run}: {stored} rows validated and stored in {seconds:.2f} s")
    verdict = "ok" if worst < TARGET_S else "SLOW"
    print(f"target < {TARGET_S:.0f} s: {verdict}")


if __name__ == "__main__":
    main()
