"""How long the action-plan pages take, in-process and uncached.

    python bench/bench_plans.py [--orgs 430] [--seed 1] [--strategies 40] [--rounds 5]

Loads the generated national data set into a fresh SQLite database in a
temporary folder (or the empty PostgreSQL database DATABASE_URL names), gives
each strategy approved plans with actions made from its action items (each
serving a measure, with a budget and spending), then requests the strategy's
roll-up page (site:plan_list) and its largest plan's page (site:plan_detail)
for the strategies with the most actions, as a signed-in outsider (who sees
the public view and is never served from the page cache). Prints p50/p95 per
page and the queries per page, and fails when a p95 is over the target.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TARGET_P95_MS = 150


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orgs", type=int, default=430)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--strategies", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("PLANVERK_DATA", tempfile.mkdtemp(prefix="planverk-bench-"))
    os.environ.setdefault("DEBUG", "true")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "planverk.settings")

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    load_sample(args.orgs, args.seed)
    plans = with_plans()
    print(f"database: {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}")
    print(
        f"organisations: {args.orgs}; set up in {time.perf_counter() - started:.1f} s"
    )
    print(f"plans: {plans['plans']}, actions: {plans['actions']}")
    failed = False
    for name, urls in pages(args.strategies).items():
        times, queries = measure(urls, args.rounds)
        p50 = statistics.median(times)
        p95 = statistics.quantiles(times, n=20)[-1]
        print(
            f"{name}: p50 {p50:.1f} ms, p95 {p95:.1f} ms, max {max(times):.1f} ms, "
            f"{queries} queries, {len(times)} requests"
        )
        failed |= p95 > TARGET_P95_MS
    if failed:
        sys.exit(f"a p95 is over {TARGET_P95_MS} ms")


def load_sample(orgs: int, seed: int) -> None:
    from planverk.interchange.load import load
    from planverk.sample import generate

    for document in generate(orgs, seed):
        load(document, reason="benchmark")


def with_plans() -> dict[str, int]:
    """Every strategy's plans, from its items if the loader made none, approved;
    each action serving one of the strategy's measures, with spending."""
    from django.db import transaction

    from planverk.strategies.models import Measure, Strategy
    from planverk.strategies.models.plans import (
        ActionMeasure,
        ActionPlan,
        PlanAction,
        PlanState,
        Spending,
    )

    try:
        from planverk.strategies.actions.from_items import plans_from_items
    except ImportError:  # pragma: no cover - before the plans were written
        sys.exit("planverk.strategies.actions.from_items is not here")

    with transaction.atomic():
        for strategy in Strategy.objects.all():
            plans_from_items(strategy, reason="benchmark")
        ActionPlan.objects.update(state=PlanState.APPROVED)
        keys: dict[int, list[str]] = {}
        for strategy_id, key in Measure.objects.values_list(
            "theme__strategy_id", "key"
        ):
            keys.setdefault(strategy_id, []).append(key)
        served, spent = [], []
        actions = PlanAction.objects.values_list("pk", "plan__strategy_id", "number")
        budgets = dict(
            PlanAction.objects.filter(budgets__isnull=False).values_list(
                "pk", "budgets__amount_nok"
            )
        )
        years = dict(ActionPlan.objects.values_list("pk", "year_start"))
        plan_of = dict(PlanAction.objects.values_list("pk", "plan_id"))
        for i, (pk, strategy_id, _number) in enumerate(actions):
            own = keys.get(strategy_id)
            if own:
                served.append(
                    ActionMeasure(action_id=pk, measure_key=own[i % len(own)])
                )
            amount = budgets.get(pk)
            if amount is not None:
                spent.append(
                    Spending(
                        action_id=pk,
                        year=years[plan_of[pk]],
                        amount_nok=amount * (80 + i % 40) // 100,
                    )
                )
        ActionMeasure.objects.bulk_create(served, ignore_conflicts=True)
        Spending.objects.bulk_create(spent, ignore_conflicts=True)
    return {
        "plans": ActionPlan.objects.count(),
        "actions": PlanAction.objects.count(),
    }


def pages(count: int) -> dict[str, list[str]]:
    """The two pages of the published strategies with the most actions."""
    from django.db.models import Count
    from django.urls import reverse

    from planverk.strategies.models import Strategy
    from planverk.strategies.models.plans import ActionPlan

    strategies = (
        Strategy.objects.published()
        .select_related("organization")
        .annotate(actions=Count("action_plans__actions"))
        .order_by("-actions", "pk")[:count]
    )
    out: dict[str, list[str]] = {"plan_list": [], "plan_detail": []}
    for s in strategies:
        args = [s.organization.slug, s.pk]
        out["plan_list"].append(reverse("site:plan_list", args=args))
        plan = (
            ActionPlan.objects.filter(strategy=s)
            .annotate(n=Count("actions"))
            .order_by("-n", "pk")
            .first()
        )
        if plan is not None:
            out["plan_detail"].append(
                reverse("site:plan_detail", args=[*args, plan.pk])
            )
    return out


def measure(urls: list[str], rounds: int) -> tuple[list[float], int]:
    """Milliseconds per request over *rounds* of *urls*, and the most queries."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    user, _new = get_user_model().objects.get_or_create(username="bench-outsider")
    client = Client()
    client.force_login(user)
    for url in urls[:3]:  # warm the templates and the translations
        assert client.get(url).status_code == 200, url
    times: list[float] = []
    most = 0
    for _round in range(rounds):
        for url in urls:
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, url
    with CaptureQueriesContext(connection) as queries:
        client.get(urls[0])
    most = len(queries)
    return times, most


if __name__ == "__main__":
    main()
