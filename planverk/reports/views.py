"""Reports on a strategy in the browser: the list of downloads, and each download.

A report shows what its reader may see of the strategy: drafts only to members,
exempt parts only to those who see them. Anonymous readers share one cached
copy per strategy version, so a PDF is rendered once, not once per reader.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from planverk.reports.formats import (
    FORMATS,
    KINDS,
    Comparison,
    ReportError,
    filename,
    make,
)
from planverk.strategies.models import Strategy
from planverk.strategies.page_cache import public_page
from planverk.strategies.views.public import render_strategy_page
from planverk.strategies.visibility import sees_exempt, visible_strategy

# A report may carry the strategy's own text; nothing in it may run as script.
REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def report_list(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    return _report_list(request, visible_strategy(request.user, org, pk))


def _report_list(
    request: HttpRequest, strategy: Strategy, error: str | None = None
) -> HttpResponse:
    """The report page; with *error*, the changes form refused what it was given."""
    versions = (
        Strategy.objects.visible_to(request.user)
        .filter(organization=strategy.organization)
        .exclude(pk=strategy.pk)
        .order_by("-created_at", "-pk")
    )
    context = {
        "here": _("Reports"),
        "kinds": [
            {"kind": kind, "formats": [FORMATS[f] for f in kind.formats]}
            for kind in KINDS.values()
        ],
        "versions": versions,
        "today": request.GET.get("til") or dt.date.today().isoformat(),
        "created": request.GET.get("fra") or strategy.created_at.date().isoformat(),
        "error": error,
    }
    response = render_strategy_page(
        request, "strategies/reports.html", strategy, context
    )
    if error:
        response.status_code = 400
    return response


@public_page
def report(
    request: HttpRequest, org: str, pk: int, kind: str, fmt: str
) -> HttpResponse:
    strategy = visible_strategy(request.user, org, pk)
    if kind not in KINDS or fmt not in KINDS[kind].formats:
        raise Http404
    try:
        data = make(
            kind,
            fmt,
            strategy,
            include_exempt=sees_exempt(request.user, strategy),
            comparison=_comparison(request, strategy) if kind == "changes" else None,
        )
    except ReportError as e:  # only the changes form's dates can be wrong here
        return _report_list(request, strategy, error=str(e))
    response = HttpResponse(data, content_type=FORMATS[fmt].media_type)
    disposition = "inline" if FORMATS[fmt].inline else "attachment"
    response["Content-Disposition"] = (
        f'{disposition}; filename="{filename(kind, fmt, strategy)}"'
    )
    response["Content-Security-Policy"] = REPORT_CSP
    return response


def _comparison(request: HttpRequest, strategy: Strategy) -> Comparison | None:
    """What a changes report compares, from ?mot=<version> or ?fra=…&til=… (dates)."""
    query: Any = request.GET
    against = None
    if query.get("mot"):
        against = (
            Strategy.objects.visible_to(request.user)
            .filter(organization=strategy.organization, pk=_number(query["mot"]))
            .first()
        )
        if against is None:
            raise Http404
    return Comparison(
        against=against, first=_day(query.get("fra")), second=_day(query.get("til"))
    )


def _number(text: str) -> int:
    if not text.isdigit():
        raise Http404
    return int(text)


def _day(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ReportError(
            _("%(text)s is not a date (YYYY-MM-DD).") % {"text": text}
        ) from None
