"""What a report kind declares: how it reads its content, and how it lays it out.

A kind is one module under kinds/ with a ``KIND`` (registered in
kinds/__init__.py). Its formats follow from what it lays itself out into: a
``Document`` gives HTML, PDF/A and ODT; a ``Workbook`` ODS, XLSX and CSV; a
``Chart`` SVG and PNG. The writers know documents, workbooks and charts, never
kinds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from planverk.reports.charts import Chart
from planverk.reports.document import Document
from planverk.reports.sheets import Workbook
from planverk.strategies.models import Strategy

DOCUMENTS = ("html", "pdf", "odt")
TABLES = ("ods", "xlsx", "csv")
CHARTS = ("svg", "png")

C = TypeVar("C")


@dataclass(frozen=True)
class Comparison:
    """What a changes report compares: another version, or two dates."""

    against: Strategy | None = None
    first: dt.date | None = None
    second: dt.date | None = None


class NotTabular(ValueError):
    """The report has no tabular form (the strategy report is a document)."""


@dataclass(frozen=True)
class Kind(Generic[C]):
    name: str
    label: Any  # text, or a lazily translated label
    description: Any
    content: type[C]  # what read() returns: how a report's kind is known
    # The content, as the reader may see it; call inside in_language(strategy).
    read: Callable[[Strategy, bool, Comparison], C]
    # On paper (ODT, PDF/A) with paged=True, on screen (HTML) with paged=False.
    document: Callable[[C, bool], Document] | None = None
    workbook: Callable[[C], Workbook] | None = None
    chart: Callable[[C], Chart] | None = None
    # Made anew for what each reader asks to compare; never stored.
    compares: bool = False

    @property
    def formats(self) -> tuple[str, ...]:
        return (
            (DOCUMENTS if self.document else ())
            + (TABLES if self.workbook else ())
            + (CHARTS if self.chart else ())
        )
