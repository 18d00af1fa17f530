"""How long the page of what changed between two versions of the county's
strategy takes, rendered in-process and uncached.

    python bench/bench_diff.py [--requests 50]

Imports the bokmål seed (../shared/seeds) into a fresh SQLite database in a
temporary folder (or the empty PostgreSQL database DATABASE_URL names),
revises it into a second version (planverk.strategies.actions.versions.revise:
every part with its key), changes some of that version's parts (reworded,
renumbered, moved, removed and added measures, goal levels, amounts), and
publishes both. Then an anonymous reader asks for the diff page through
Django's test client, the page cache emptied before each request, as many
times as asked: the median and the 95th percentile, and the queries per page.
Target: p95 < 150 ms.
"""

from __future__ import annotations

import argparse
import statistics
import time
from typing import TYPE_CHECKING

from county import county_strategy

if TYPE_CHECKING:
    from planverk.strategies.models import Strategy

TARGET_MS = 150


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=50)
    args = parser.parse_args()
    older = county_strategy()
    from django.conf import settings
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from planverk.strategies.models import Measure

    newer = _next_version(older)
    measures = Measure.objects.filter(theme__strategy=newer).count()
    url = f"/o/{older.organization.slug}/s/{older.pk}/endringer/{newer.pk}/"
    client = Client(SERVER_NAME="localhost")
    times, cpu = [], []
    for _ in range(args.requests + 1):  # the first pays for imports and templates
        cache.clear()
        started, used = time.perf_counter(), time.process_time()
        response = client.get(url)
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - used)
        assert response.status_code == 200, response.status_code
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    warm = sorted(t * 1000 for t in times[1:])
    p95 = percentile(warm, 95)
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    print(
        f"diff page, {older.organization.name}: two versions of {measures} "
        f"measures, {engine}, anonymous, uncached, {len(warm)} requests"
    )
    print(
        f"median {statistics.median(warm):.1f} ms, p95 {p95:.1f} ms, "
        f"{len(queries)} queries (target p95 < {TARGET_MS} ms) "
        + ("ok" if p95 < TARGET_MS else "OVER")
    )
    # On a busy machine the wall clock waits for other processes too.
    cpu_ms = sorted(t * 1000 for t in cpu[1:])
    print(
        f"CPU time of this process: median {statistics.median(cpu_ms):.1f} ms, "
        f"p95 {percentile(cpu_ms, 95):.1f} ms"
    )


def percentile(ordered: list[float], p: int) -> float:
    """The nearest-rank *p*th percentile of the sorted *ordered*."""
    return ordered[max(0, -(-p * len(ordered) // 100) - 1)]


def _next_version(older: Strategy) -> Strategy:
    """The county's next version, with the changes a yearly revision makes; both
    published (the older superseded)."""
    from planverk.strategies.actions.versions import revise
    from planverk.strategies.models import ActionItem, Measure, Strategy, Theme
    from planverk.strategies.permissions import OPERATOR

    newer = revise(older, user=OPERATOR)
    measures = list(Measure.objects.filter(theme__strategy=newer).order_by("pk"))
    for measure in measures[:10]:  # reworded
        measure.objective = f"{measure.objective} Revidert årlig."
        measure.description = measure.description.replace(" og ", " samt ", 1)
        measure.save()
    for measure in measures[10:13]:  # renumbered
        measure.number = f"{measure.number}0"
        measure.save()
    themes = list(Theme.objects.filter(strategy=newer).order_by("sort_key"))
    moved = measures[13]
    moved.theme, moved.number = themes[-1], f"{themes[-1].number}.90"
    moved.save()
    for measure in measures[14:16]:  # removed
        measure.delete()
    for n in (1, 2):  # added
        Measure.objects.create(
            theme=themes[0], number=f"{themes[0].number}.{80 + n}", objective="Nytt"
        )
    for goal in newer.goal_assessments.order_by("position")[:5]:
        goal.level, goal.status_text = "partial", f"{goal.status_text} Oppdatert."
        goal.save()
    for item in ActionItem.objects.filter(strategy=newer, amount_nok__gt=0)[:3]:
        item.amount_nok = (item.amount_nok or 0) + 100_000
        item.save()
    Strategy.objects.filter(pk=older.pk).update(state="superseded")
    Strategy.objects.filter(pk=newer.pk).update(state="approved")
    return newer


if __name__ == "__main__":
    main()
