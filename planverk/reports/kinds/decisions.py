"""The decision log: who decided on or reviewed the strategy, when, and the reference."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from planverk.reports.content import DecisionRow, Front, decisions, front
from planverk.reports.document import Document
from planverk.reports.kinds import parts
from planverk.reports.kinds.base import Comparison, Kind
from planverk.reports.sheets import Column, Date, Sheet, Workbook
from planverk.strategies.models import Strategy


@dataclass(frozen=True)
class DecisionsReport:
    front: Front
    decisions: list[DecisionRow]


def decisions_report(strategy: Strategy, *, include_exempt: bool) -> DecisionsReport:
    return DecisionsReport(
        front=front(strategy), decisions=decisions(strategy, include_exempt)
    )


def read(
    strategy: Strategy, include_exempt: bool, comparison: Comparison
) -> DecisionsReport:
    return decisions_report(strategy, include_exempt=include_exempt)


def title() -> str:
    return _("Decision log")


def document(report: DecisionsReport, paged: bool) -> Document:
    return parts.document(report.front, title(), parts.decisions(report.decisions))


def workbook(report: DecisionsReport) -> Workbook:
    """One row per decision; the date a text cell as the pages write it, ISO in CSV."""
    sheet = Sheet(
        title(),
        [
            Column(_("Date"), 18),
            Column(_("Body"), 40),
            Column(_("Reference"), 14),
            Column(_("Note"), 50),
        ],
        [
            [
                Date(d.day, d.precision) if d.day else None,
                d.body,
                d.reference,
                d.note,
            ]
            for d in report.decisions
        ],
    )
    front = report.front
    return Workbook(f"{front.organization}: {title()}", front.language, [sheet])


KIND = Kind(
    name="decisions",
    label=gettext_lazy("Decision log"),
    description=gettext_lazy(
        "Who decided on or reviewed the strategy, when, and the case or decision "
        "number."
    ),
    content=DecisionsReport,
    read=read,
    document=document,
    workbook=workbook,
)
