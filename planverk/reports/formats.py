"""Which report comes in which format, and how each is made and served.

The writers are imported when first used: WeasyPrint alone takes a second to
import, which neither the web workers' start nor the other commands should pay.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from planverk.reports import content
from planverk.reports.content import Report
from planverk.reports.engine import TooSlow
from planverk.strategies.language import in_language
from planverk.strategies.models import Strategy

if TYPE_CHECKING:
    from planverk.reports.sheets import Workbook


class ReportError(Exception):
    """A report that cannot be made as asked: the message says why, for the reader."""


class OverBudget(ReportError):
    """A report that took longer, or came out larger, than its budget allows."""


@dataclass(frozen=True)
class Format:
    name: str
    label: Any  # text, or a lazily translated label
    media_type: str
    writer: str  # "module:function" under planverk.reports, taking a report
    # (the table writers also take a sheets.Workbook, as the national budget is)
    inline: bool  # shown in the browser rather than saved

    def write(self, report: Report | Workbook) -> bytes:
        module, function = self.writer.split(":")
        made = getattr(import_module(f"planverk.reports.{module}"), function)(report)
        return made.encode() if isinstance(made, str) else made


def chart_png(report: Report) -> bytes:
    from planverk.reports.charts import chart_for

    return chart_for(report).png()


def chart_svg(report: Report) -> str:
    from planverk.reports.charts import chart_for

    return chart_for(report).svg


FORMATS = {
    f.name: f
    for f in (
        Format("html", "HTML", "text/html; charset=utf-8", "html:to_html", True),
        Format("pdf", "PDF/A", "application/pdf", "pdf:to_pdf", True),
        Format(
            "odt", "ODT", "application/vnd.oasis.opendocument.text", "odt:to_odt", False
        ),
        Format(
            "ods",
            "ODS",
            "application/vnd.oasis.opendocument.spreadsheet",
            "sheets:to_ods",
            False,
        ),
        Format(
            "xlsx",
            "XLSX",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "sheets:to_xlsx",
            False,
        ),
        Format("csv", "CSV", "text/csv; charset=utf-8", "sheets:to_csv", False),
        Format("svg", _("SVG chart"), "image/svg+xml", "formats:chart_svg", True),
        Format("png", _("PNG chart"), "image/png", "formats:chart_png", True),
    )
}

DOCUMENTS = ("html", "pdf", "odt")
TABLES = ("ods", "xlsx", "csv")
CHARTS = ("svg", "png")


@dataclass(frozen=True)
class Kind:
    name: str
    label: Any
    description: Any
    formats: tuple[str, ...]


KINDS = {
    k.name: k
    for k in (
        Kind(
            "strategy",
            _("The strategy document"),
            _("The whole strategy, regenerated from the data, with a contents list."),
            DOCUMENTS + CHARTS,
        ),
        Kind(
            "progress",
            _("eKommune progress report"),
            _("Level and status on every national goal, area by area, with a chart."),
            DOCUMENTS + TABLES + CHARTS,
        ),
        Kind(
            "budget",
            _("Action plan and budget"),
            _("Amounts per period and category; stated against computed totals."),
            DOCUMENTS + TABLES + CHARTS,
        ),
        Kind(
            "changes",
            _("Status changes"),
            _(
                "Every goal's level at two dates or in two versions, and which way it moved."
            ),
            DOCUMENTS + TABLES + CHARTS,
        ),
    )
}


@dataclass(frozen=True)
class Comparison:
    """What a changes report compares: another version, or two dates."""

    against: Strategy | None = None
    first: dt.date | None = None
    second: dt.date | None = None


def build(
    kind: str,
    strategy: Strategy,
    *,
    include_exempt: bool,
    comparison: Comparison | None = None,
) -> Report:
    """The content of report *kind* on *strategy*; call inside ``in_language``."""
    readers: dict[str, Callable[..., Report]] = {
        "strategy": content.strategy_report,
        "progress": content.progress_report,
        "budget": content.budget_report,
    }
    if kind in readers:
        return readers[kind](strategy, include_exempt=include_exempt)
    if kind != "changes":
        raise ReportError(f"there is no report {kind!r}")
    comparison = comparison or Comparison()
    if comparison.against is not None:
        older, newer = sorted(
            (comparison.against, strategy), key=lambda s: (s.created_at, s.pk)
        )
        return content.changes_between_versions(
            older, newer, include_exempt=include_exempt
        )
    first = comparison.first or strategy.created_at.date()
    second = comparison.second or dt.date.today()
    if first > second:
        first, second = second, first
    return content.changes_between_dates(
        strategy, first, second, include_exempt=include_exempt
    )


def make(
    kind: str,
    fmt: str,
    strategy: Strategy,
    *,
    include_exempt: bool,
    comparison: Comparison | None = None,
) -> bytes:
    """Report *kind* on *strategy* in format *fmt*, labelled in the strategy's language."""
    if kind not in KINDS:
        raise ReportError(
            f"there is no report {kind!r}; choose from {', '.join(KINDS)}"
        )
    if fmt not in KINDS[kind].formats:
        raise ReportError(
            f"the {kind} report comes as {', '.join(KINDS[kind].formats)}, not {fmt!r}"
        )
    with in_language(strategy):
        report = build(
            kind, strategy, include_exempt=include_exempt, comparison=comparison
        )
        return within_budget(lambda: FORMATS[fmt].write(report))


def within_budget(write: Callable[[], bytes]) -> bytes:
    """What *write* makes, if within settings.PLANVERK_REPORT_SECONDS and _MAX_BYTES."""
    try:
        made = write()
    except TooSlow:
        raise OverBudget(
            _("The report took more than %(seconds)d seconds to make.")
            % {"seconds": settings.PLANVERK_REPORT_SECONDS}
        ) from None
    if len(made) > settings.PLANVERK_REPORT_MAX_BYTES:
        raise OverBudget(
            _("The report would be larger than %(mb)d MB.")
            % {"mb": settings.PLANVERK_REPORT_MAX_BYTES // 2**20}
        )
    return made


def national_budget(fmt: str, *, include_exempt: bool) -> bytes:
    """Every organisation's adopted action plan in one table, as *fmt*.

    Labelled in the site's language: the organisations write in several.
    """
    if fmt not in TABLES:
        raise ReportError(
            f"the national budget comes as {', '.join(TABLES)}, not {fmt!r}"
        )
    from planverk.reports import sheets

    with translation.override(settings.LANGUAGE_CODE):
        book = sheets.national_budget(
            Strategy.objects.adopted(), include_exempt=include_exempt
        )
        return FORMATS[fmt].write(book)


def filename(kind: str, fmt: str, strategy: Strategy) -> str:
    period = content.years_text(strategy.period_start, strategy.period_end)
    return f"{strategy.organization.slug}-{kind}-{period.replace('–', '-')}.{fmt}"
