"""Which report comes in which format, and how each is made and served.

The writers are imported when first used: odfdo and openpyxl take half a
second each to import, which neither the web workers' start nor the other
commands should pay.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from planverk.lib.numbers import years_text
from planverk.reports.engine import TooSlow
from planverk.reports.kinds import KINDS, Comparison, Kind, chart_for
from planverk.reports.kinds.base import TABLES
from planverk.strategies.language import in_language
from planverk.strategies.models import Strategy

__all__ = [
    "FORMATS",
    "KINDS",
    "Comparison",
    "Format",
    "OverBudget",
    "ReportError",
    "filename",
    "make",
    "make_all",
    "national_budget",
]


class ReportError(Exception):
    """A report that cannot be made as asked: the message says why, for the reader."""


class OverBudget(ReportError):
    """A report that took longer, or came out larger, than its budget allows."""


@dataclass(frozen=True)
class Format:
    name: str
    label: Any  # text, or a lazily translated label
    media_type: str
    write: Callable[[Any], bytes]  # a report's content (a table writer: or a Workbook)
    inline: bool  # shown in the browser rather than saved


def _html(report: Any) -> bytes:
    from planverk.reports.writers.html import to_html

    return to_html(report).encode()


def _pdf(report: Any) -> bytes:
    from planverk.reports.writers.pdf import to_pdf

    return to_pdf(report)


def _odt(report: Any) -> bytes:
    from planverk.reports.writers.odt import to_odt

    return to_odt(report)


def _ods(report: Any) -> bytes:
    from planverk.reports.writers.ods import to_ods

    return to_ods(report)


def _xlsx(report: Any) -> bytes:
    from planverk.reports.writers.spreadsheets import to_xlsx

    return to_xlsx(report)


def _csv(report: Any) -> bytes:
    from planverk.reports.writers.spreadsheets import to_csv

    return to_csv(report)


def _svg(report: Any) -> bytes:
    return chart_for(report).svg.encode()


def _png(report: Any) -> bytes:
    return chart_for(report).png()


FORMATS = {
    f.name: f
    for f in (
        Format("html", "HTML", "text/html; charset=utf-8", _html, True),
        Format("pdf", "PDF/A", "application/pdf", _pdf, True),
        Format("odt", "ODT", "application/vnd.oasis.opendocument.text", _odt, False),
        Format(
            "ods", "ODS", "application/vnd.oasis.opendocument.spreadsheet", _ods, False
        ),
        Format(
            "xlsx",
            "XLSX",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            _xlsx,
            False,
        ),
        Format("csv", "CSV", "text/csv; charset=utf-8", _csv, False),
        Format("svg", _("SVG chart"), "image/svg+xml", _svg, True),
        Format("png", _("PNG chart"), "image/png", _png, True),
    )
}


def _kind(kind: str, fmt: str | None = None) -> Kind[Any]:
    if kind not in KINDS:
        raise ReportError(
            f"there is no report {kind!r}; choose from {', '.join(KINDS)}"
        )
    offered = KINDS[kind].formats
    if fmt is not None and fmt not in offered:
        raise ReportError(
            f"the {kind} report comes as {', '.join(offered)}, not {fmt!r}"
        )
    return KINDS[kind]


def make(
    kind: str,
    fmt: str,
    strategy: Strategy,
    *,
    include_exempt: bool,
    comparison: Comparison | None = None,
) -> bytes:
    """Report *kind* on *strategy* in format *fmt*, labelled in the strategy's language."""
    chosen = _kind(kind, fmt)
    with in_language(strategy):
        report = chosen.read(strategy, include_exempt, comparison or Comparison())
        return within_budget(lambda: FORMATS[fmt].write(report))


def make_all(
    kind: str, strategy: Strategy, *, include_exempt: bool
) -> Iterator[tuple[str, bytes | OverBudget]]:
    """Report *kind* on *strategy* in every format it has, read once, the PDF
    first; a format over its budget gives the OverBudget instead of its bytes."""
    chosen = _kind(kind)
    formats = sorted(chosen.formats, key=lambda fmt: fmt != "pdf")
    with in_language(strategy):
        report = chosen.read(strategy, include_exempt, Comparison())
        for fmt in formats:
            try:
                made: bytes | OverBudget = within_budget(
                    partial(FORMATS[fmt].write, report)
                )
            except OverBudget as e:
                made = e
            yield fmt, made


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
    from planverk.reports.kinds.budget import national_budget as workbook

    with translation.override(settings.LANGUAGE_CODE):
        book = workbook(Strategy.objects.adopted(), include_exempt=include_exempt)
        return FORMATS[fmt].write(book)


def filename(kind: str, fmt: str, strategy: Strategy) -> str:
    period = years_text(strategy.period_start, strategy.period_end)
    return f"{strategy.organization.slug}-{kind}-{period.replace('–', '-')}.{fmt}"
