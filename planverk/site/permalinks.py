"""Links that outlive renumbering: a part by its stable key, and a number that moved.

- ``/o/<org>/s/<pk>/k/<key>/``: the part with that key in that version, on its
  page (302): a theme, measure, goal or chapter, or the action plan at the
  item. A key is a part's identity from version to version (lib/keys.py).
- ``/o/<org>/k/<key>/``: the same part in the organisation's version in
  force: the newest approved version of the strategy that holds the key. A
  part that version left out is not found, even where an older one has it.
- ``/tiltak/<number>/`` and ``/tema/<number>/`` where no part has the number
  now but one had it (its history says so) and still is there under another:
  301 to that part's page (``moved_measure``, ``moved_theme``, which the
  pages call when they find nothing).

Whatever the reader may not see (a draft, an exempt part, a part exempt with
its theme) is not found, as on its own page: every lookup goes through the one
disclosure rule (``visible_to``, ``restrict``). Each answer costs a fixed
number of queries, at most one per kind of part.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Max, Model
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
)
from django.urls import reverse

from planverk.strategies.choices import StrategyState
from planverk.strategies.models import (
    ActionItem,
    GoalAssessment,
    Measure,
    Section,
    Strategy,
    Theme,
)
from planverk.strategies.visibility import visible_strategy


@dataclass(frozen=True)
class Kind:
    """A kind of part: where its strategy is, and its page from what is read of it."""

    model: type[Model]
    strategy: str  # the lookup from the part to its strategy
    fields: tuple[str, ...]  # what its page's URL needs
    page: Callable[[Strategy, tuple[Any, ...]], str]


def _page(name: str) -> Callable[[Strategy, tuple[Any, ...]], str]:
    return lambda s, values: reverse(
        f"site:{name}", args=[s.organization.slug, s.pk, *values]
    )


def _item_page(strategy: Strategy, values: tuple[Any, ...]) -> str:
    return _page("action_plan")(strategy, ()) + f"#post-{values[0]}"


def _section_page(strategy: Strategy, values: tuple[Any, ...]) -> str:
    return _page("section_detail")(strategy, (values[0] + 1,))  # Section.place


# In the order they are looked for: the kinds with the most parts first.
KINDS = (
    Kind(Measure, "theme__strategy", ("number",), _page("measure_detail")),
    Kind(GoalAssessment, "strategy", ("pk",), _page("goal_detail")),
    Kind(Theme, "strategy", ("number",), _page("theme_detail")),
    Kind(ActionItem, "strategy", ("number",), _item_page),
    Kind(Section, "strategy", ("position",), _section_page),
)


def _find(user: Any, strategies: list[Strategy], key: str) -> dict[int, str]:
    """The page of the part with *key* in each of *strategies* that has one the
    reader may read, by strategy id. Keys are unique within a strategy and a
    part keeps its kind from version to version, so the first kind found is
    the only one."""
    by_pk = {s.pk: s for s in strategies}
    for kind in KINDS:
        model: Any = kind.model
        found = (
            model.objects.restrict(user)
            .filter(key=key, **{f"{kind.strategy}__in": list(by_pk)})
            .values_list(kind.strategy, *kind.fields)
        )
        pages = {row[0]: kind.page(by_pk[row[0]], row[1:]) for row in found}
        if pages:
            return pages
    return {}


def part(request: HttpRequest, org: str, pk: int, key: str) -> HttpResponse:
    """The part with *key* in version *pk*, on its page."""
    strategy = visible_strategy(request.user, org, pk)
    page = _find(request.user, [strategy], key).get(strategy.pk)
    if page is None:
        raise Http404
    return HttpResponseRedirect(page)


def in_force(request: HttpRequest, org: str, key: str) -> HttpResponse:
    """The part with *key* in the version in force of its strategy, on its page."""
    versions = list(
        Strategy.objects.visible_to(request.user)
        .filter(organization__slug=org, state=StrategyState.APPROVED)
        .select_related("organization")
        .order_by("-created_at", "-pk")
    )
    pages = _find(request.user, versions, key)
    holding = next((s for s in versions if s.pk in pages), None)
    if holding is None:
        raise Http404
    # The newest approved version of the strategy (lineage) is the one in force:
    # when it is not the one that holds the part, it left the part out.
    newest = next(s for s in versions if s.lineage == holding.lineage)
    if newest is not holding:
        raise Http404
    return HttpResponseRedirect(pages[holding.pk])


def moved_measure(
    request: HttpRequest, strategy: Strategy, number: str
) -> HttpResponse:
    """301 to the measure that had *number* in *strategy* and has another now;
    Http404 where one has the number now (the reader may not read it) or none had it."""
    measures = Measure.objects.filter(theme__strategy=strategy)
    if measures.filter(number=number).exists():
        raise Http404
    had = Measure.history.filter(theme__strategy=strategy, number=number)
    return _moved(request, strategy, measures, had, "measure_detail")


def moved_theme(request: HttpRequest, strategy: Strategy, number: str) -> HttpResponse:
    """As ``moved_measure``, for a theme; the page knows no theme has *number* now."""
    had = Theme.history.filter(strategy=strategy, number=number)
    return _moved(request, strategy, strategy.themes.all(), had, "theme_detail")


def _moved(
    request: HttpRequest, strategy: Strategy, parts: Any, had: Any, page: str
) -> HttpResponse:
    """301 to the page of the part of *parts* that held the number of *had* (its
    history rows) last, if the reader may read it."""
    newest_first = [
        row["id"]
        for row in had.values("id").annotate(last=Max("history_date")).order_by("-last")
    ]
    readable = dict(
        parts.restrict(request.user)
        .filter(pk__in=newest_first)
        .values_list("pk", "number")
    )
    for pk in newest_first:
        if pk in readable:
            args = [strategy.organization.slug, strategy.pk, readable[pk]]
            return HttpResponsePermanentRedirect(reverse(f"site:{page}", args=args))
    raise Http404
