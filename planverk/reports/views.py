"""Reports on a strategy in the browser: the list of downloads, and each download.

A report shows what its reader may see of the strategy: drafts only to members,
exempt parts only to those who see them. What readers who do not see exempt
parts get of a public version is rendered once, when it is published or by its
first reader, and served from storage (stored.py) while the version is
unchanged; anonymous readers also share one cached copy per strategy version.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from planverk.reports import stored
from planverk.reports.formats import (
    FORMATS,
    KINDS,
    Comparison,
    OverBudget,
    filename,
    make,
)
from planverk.strategies.models import Strategy
from planverk.strategies.page_cache import public_page, published_stamp
from planverk.strategies.validation import DayField, KeyField, Query
from planverk.strategies.views.frame import render_strategy_page
from planverk.strategies.visibility import sees_exempt, visible_strategy

# A report may carry the strategy's own text; nothing in it may run as script.
REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


class ChangesQuery(Query):
    """What a changes report compares: ?mot=<version>, or ?fra=…&til=… (dates)."""

    fra = DayField(required=False)
    til = DayField(required=False)
    mot = KeyField(
        required=False,
        error_messages={
            code: gettext_lazy("Choose the version to compare with from the list.")
            for code in ("invalid", "too_small", "too_large")
        },
    )

    def key(self) -> str | None:
        """The parameters, and the stamp of the version compared with: its cached
        copy is made anew when that version changes (a part marked exempt)."""
        params = super().key()
        against = self.cleaned_data.get("mot") if params is not None else None
        if against is None:
            return params
        stamp = published_stamp(against)
        return None if stamp is None else f"{params} {stamp.isoformat()}"


def report_query(data: QueryDict, *, kind: str, **route: Any) -> Query:
    """The parameters a report understands: what it compares, or none."""
    compares = kind in KINDS and KINDS[kind].compares
    return ChangesQuery(data) if compares else Query(data)


def report_list(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    strategy = visible_strategy(request.user, org, pk)
    return _report_list(request, strategy, ChangesQuery(request.GET))


def _report_list(
    request: HttpRequest,
    strategy: Strategy,
    query: ChangesQuery,
    over_budget: OverBudget | None = None,
) -> HttpResponse:
    """The report page, its changes form filled from *query*; 400 if it was refused,
    503 with the reason when a report could not be made within its budget."""
    versions = (
        Strategy.objects.visible_to(request.user)
        .filter(organization=strategy.organization)
        .exclude(pk=strategy.pk)
        .order_by("-created_at", "-pk")
    )
    refused = not query.is_valid()
    context = {
        "here": _("Reports"),
        "kinds": [
            {"kind": kind, "formats": [FORMATS[f] for f in kind.formats]}
            for kind in KINDS.values()
        ],
        "versions": versions,
        # As given, when refused: the reader corrects what they wrote.
        "today": query["til"].value() or dt.date.today().isoformat(),
        "created": query["fra"].value() or strategy.created_at.date().isoformat(),
        "error": query.message() if refused else None,
        "over_budget": over_budget,
    }
    response = render_strategy_page(
        request, "strategies/reports.html", strategy, context
    )
    if refused:
        response.status_code = 400
    elif over_budget is not None:
        response.status_code = 503
        response["Retry-After"] = "300"
    return response


@public_page(query=report_query)
def report(
    request: HttpRequest, org: str, pk: int, kind: str, fmt: str, query: Query
) -> HttpResponse:
    strategy = visible_strategy(request.user, org, pk)
    if kind not in KINDS or fmt not in KINDS[kind].formats:
        raise Http404
    comparison = None
    if isinstance(query, ChangesQuery):
        if not query.is_valid():
            return _report_list(request, strategy, query)
        comparison = _comparison(request, strategy, query.cleaned_data)
    include_exempt = sees_exempt(request.user, strategy)
    shared = not include_exempt and not KINDS[kind].compares
    data = stored.read(strategy, kind, fmt) if shared else None
    if data is None:
        try:
            data = make(
                kind,
                fmt,
                strategy,
                include_exempt=include_exempt,
                comparison=comparison,
            )
        except OverBudget as e:
            over = ChangesQuery(QueryDict())
            return _report_list(request, strategy, over, over_budget=e)
        if shared:
            stored.keep(strategy, kind, fmt, data)
    response = HttpResponse(data, content_type=FORMATS[fmt].media_type)
    disposition = "inline" if FORMATS[fmt].inline else "attachment"
    response["Content-Disposition"] = (
        f'{disposition}; filename="{filename(kind, fmt, strategy)}"'
    )
    response["Content-Security-Policy"] = REPORT_CSP
    return response


def _comparison(
    request: HttpRequest, strategy: Strategy, values: dict[str, Any]
) -> Comparison:
    """The version or the two dates a changes report compares; 404 for a version
    that is not this organisation's or that the reader may not see."""
    against = None
    if values["mot"] is not None:
        against = (
            Strategy.objects.visible_to(request.user)
            .filter(organization=strategy.organization, pk=values["mot"])
            .first()
        )
        if against is None:
            raise Http404
    return Comparison(against=against, first=values["fra"], second=values["til"])
