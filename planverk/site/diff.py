"""The public page of what changed between two versions of one strategy.

Both versions are found through ``visible_to(request.user)``: a reader who may
not see drafts finds no page (404) when either of the pair is one. Two
strategies that are not versions of one strategy (another organisation, another
lineage) are no pair. The parts are compared through the one disclosure rule
(strategies/comparison.py), in a fixed number of queries.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.utils.translation import gettext as _

from planverk.strategies.comparison import HEADINGS, KINDS, compare
from planverk.strategies.page_cache import public_page, published_stamp
from planverk.strategies.validation import Query
from planverk.strategies.views.frame import render_strategy_page
from planverk.strategies.visibility import sees_exempt, visible_strategy


class DiffQuery(Query):
    """The page takes no parameters. Its cached copy shows the other version too,
    so the key carries that version's stamp: marking one of its parts exempt
    makes the page anew, as it does the other version's own pages."""

    def __init__(self, data: QueryDict, *, b: int, **route: Any) -> None:
        super().__init__(data)
        self.stamp = published_stamp(b)

    def key(self) -> str | None:
        # Not public: the view answers (404), and nothing is kept.
        return None if self.stamp is None else self.stamp.isoformat()


@public_page(query=DiffQuery)
def diff(request: HttpRequest, org: str, pk: int, b: int, query: Query) -> HttpResponse:
    strategy = visible_strategy(request.user, org, pk)
    other = visible_strategy(request.user, org, b)
    if other.lineage != strategy.lineage:
        raise Http404
    comparison = compare(
        strategy, other, include_exempt=sees_exempt(request.user, strategy)
    )
    context = {
        "here": _("Changes"),
        "comparison": comparison,
        "kinds": [
            {"kind": kind, "heading": HEADINGS[kind], "changes": changes}
            for kind in KINDS
            if (changes := comparison.changed(kind))
        ],
        # The sums, where either version has an action plan.
        "budget": comparison.budget if comparison.parts["action_item"] else None,
    }
    return render_strategy_page(request, "strategies/diff.html", strategy, context)
