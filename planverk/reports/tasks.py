"""A published version's public reports, rendered in the background as it is published.

Publishing (planverk/strategies/actions/publishing.py) sends
``strategy_published`` once it is committed; the receiver below, connected
in ReportsConfig.ready, puts ``render_public_reports`` on the queue that
``planverk db_worker`` works (django-tasks). The task renders every report
the version has that reads the same for every reader, in every format, and
keeps them in storage (stored.py), so that the first anonymous reader of the
PDF already finds it made.
"""

from __future__ import annotations

import logging
from typing import Any

from django_tasks import task

from planverk.reports import stored
from planverk.reports.formats import KINDS, OverBudget, make_all
from planverk.strategies.models import Strategy

log = logging.getLogger(__name__)


@task()
def render_public_reports(strategy_id: int) -> int:
    """Render and keep the public reports of *strategy_id*; the number kept.

    A version withdrawn meanwhile gets none; one changed meanwhile keeps what
    was made before the change was seen, under its old state's name (never
    served again), and the rendering its change queued makes the new ones.
    """
    strategy = (
        Strategy.objects.published()
        .select_related("organization")
        .filter(pk=strategy_id)
        .first()
    )
    if strategy is None:
        return 0
    kept = 0
    for kind in KINDS.values():
        if kind.compares:
            continue
        for fmt, made in make_all(kind.name, strategy, include_exempt=False):
            if isinstance(made, OverBudget):
                log.warning("%s: %s.%s not kept: %s", strategy, kind.name, fmt, made)
                continue
            if not _unchanged(strategy):
                return kept
            stored.keep(strategy, kind.name, fmt, made)
            kept += 1
    stored.prune(strategy)
    return kept


def _unchanged(strategy: Strategy) -> bool:
    return Strategy.objects.filter(
        pk=strategy.pk, updated_at=strategy.updated_at
    ).exists()


def on_published(sender: Any, strategy_id: int, **kwargs: Any) -> None:
    """strategy_published's receiver: the version's reports go on the queue."""
    render_public_reports.enqueue(strategy_id)
