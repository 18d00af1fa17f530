"""The eKommune progress report: level and status on every national goal, area by area."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from planverk.lib.dates import MONTH, month
from planverk.reports.charts import Chart, levels_chart
from planverk.reports.content import AreaGoals, Front, by_area, front, goals
from planverk.reports.document import Block, Document, Heading, Paragraph
from planverk.reports.kinds import parts
from planverk.reports.kinds.base import Comparison, Kind
from planverk.reports.sheets import Column, Date, Sheet, Value, Workbook
from planverk.strategies.models import Strategy


@dataclass(frozen=True)
class ProgressReport:
    """Status on the national agenda, area by area."""

    front: Front
    framework: str
    areas: list[AreaGoals]


def progress_report(strategy: Strategy, *, include_exempt: bool) -> ProgressReport:
    framework = strategy.framework
    return ProgressReport(
        front=front(strategy),
        framework=framework.name if framework else "",
        areas=by_area(goals(strategy, include_exempt)),
    )


def read(
    strategy: Strategy, include_exempt: bool, comparison: Comparison
) -> ProgressReport:
    return progress_report(strategy, include_exempt=include_exempt)


def title() -> str:
    return _("Status on the national goals")


def document(report: ProgressReport, paged: bool) -> Document:
    blocks: list[Block] = []
    if report.framework:
        lead = _(
            "The organisation's status on each goal of %(agenda)s, area by area."
        ) % {"agenda": report.framework}
        blocks.append(Paragraph.of(lead, "lead"))
    if not report.areas:
        blocks.append(
            Paragraph.of(_("The strategy reports no status on national goals."))
        )
    else:
        blocks.append(
            Heading(_("Number of goals per area and level"), 1, anchor="overview")
        )
        blocks += parts.status(report.areas)
        blocks += parts.goals_by_area(report.areas, 1, toc=True)
    return parts.document(report.front, title(), blocks, contents=paged)


def workbook(report: ProgressReport) -> Workbook:
    sheet = Sheet(
        _("Goals"),
        [
            Column(_("Area"), 30),
            Column(_("National goal"), 22),
            Column(_("Goal"), 60),
            Column(_("Deadline"), 10, "number"),
            Column(_("Level"), 18),
            Column(_("Confirmed"), 10),
            Column(_("Status text"), 60),
            Column(_("As of"), 10),
        ],
        [
            [
                goal.area,
                goal.name,
                goal.text,
                goal.deadline,
                goal.level_label,
                _("yes") if goal.confirmed else _("no"),
                goal.status,
                _as_of(goal.as_of),
            ]
            for area in report.areas
            for goal in area.goals
        ],
    )
    front = report.front
    return Workbook(f"{front.organization}: {title()}", front.language, [sheet])


def _as_of(text: str) -> Value:
    """planverk/1's "YYYY-MM" as a month (a date), else as written."""
    first = month(text)
    return text if first is None else Date(first, MONTH)


def chart(report: ProgressReport) -> Chart:
    return levels_chart(report.areas)


KIND = Kind(
    name="progress",
    label=gettext_lazy("eKommune progress report"),
    description=gettext_lazy(
        "Level and status on every national goal, area by area, with a chart."
    ),
    content=ProgressReport,
    read=read,
    document=document,
    workbook=workbook,
    chart=chart,
)
