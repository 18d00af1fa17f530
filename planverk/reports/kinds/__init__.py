"""The report kinds, one module each, and what a writer asks of a report.

A new kind is a module beside these with its ``KIND``, and one line in
``KINDS`` below: the report page, the downloads, ``planverk report`` and the
renderings stored at publication pick it up from here.
"""

from __future__ import annotations

from typing import Any

from planverk.reports.charts import Chart
from planverk.reports.document import Document
from planverk.reports.kinds import (
    action_plan,
    budget,
    changes,
    decisions,
    progress,
    strategy,
)
from planverk.reports.kinds.base import Comparison, Kind, NotTabular
from planverk.reports.sheets import Workbook

__all__ = [
    "KINDS",
    "Comparison",
    "Kind",
    "NotTabular",
    "Report",
    "as_document",
    "as_workbook",
    "chart_for",
    "kind_of",
]

KINDS: dict[str, Kind[Any]] = {
    k.name: k
    for k in (
        strategy.KIND,
        progress.KIND,
        budget.KIND,
        action_plan.KIND,
        changes.KIND,
        decisions.KIND,
    )
}
_BY_CONTENT = {k.content: k for k in KINDS.values()}

# What a kind reads: the content its formats are written from.
Report = (
    strategy.StrategyReport
    | progress.ProgressReport
    | budget.BudgetReport
    | action_plan.ActionPlanReport
    | changes.ChangesReport
    | decisions.DecisionsReport
)


def kind_of(report: object) -> Kind[Any]:
    """The kind whose content *report* is."""
    try:
        return _BY_CONTENT[type(report)]
    except KeyError:
        raise TypeError(f"not a report: {type(report).__name__}") from None


def as_document(report: object, *, paged: bool) -> Document:
    """*report* laid out as a document (a Document is itself)."""
    if isinstance(report, Document):
        return report
    kind = kind_of(report)
    if kind.document is None:
        raise TypeError(f"the {kind.name} report is not a document")
    return kind.document(report, paged)


def as_workbook(report: object) -> Workbook:
    """*report* laid out as sheets (a Workbook is itself); the first is the main one."""
    if isinstance(report, Workbook):
        return report
    kind = kind_of(report)
    if kind.workbook is None:
        raise NotTabular(
            f"the {kind.name} report is a document; it has no CSV, XLSX or ODS form"
        )
    return kind.workbook(report)


def chart_for(report: object) -> Chart:
    """The chart that goes with *report*, by its kind."""
    kind = kind_of(report)
    if kind.chart is None:
        raise TypeError(f"the {kind.name} report has no chart")
    return kind.chart(report)
