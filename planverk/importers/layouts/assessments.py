"""Goal assessments, shared by the layouts: deadlines, suggested levels, links to the agenda."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from planverk.format.agendas import read_framework
from planverk.importers.layouts.report import Report
from planverk.importers.lexicon import Lexicon
from planverk.importers.matching import AssessedArea, link_goals
from planverk.importers.status import suggest_level

FRAMEWORK = "ekommune-2012"


def deadline_of(
    text: str, lexicon: Lexicon, report: Report | None = None, line: int | None = None
) -> int | None:
    """The deadline year of a goal ("I løpet av 2009 skal …" → 2009); None without one."""
    for phrase in lexicon.deadline:
        found = re.search(phrase, text, re.IGNORECASE)
        if found:
            year = int(found[1])
            if 1900 <= year <= 2200:
                return year
            if report is not None:
                report.warn("deadline_unreadable", line, text=found[0])
            return None
    return None


def assess(
    areas: Sequence[AssessedArea],
    lexicon: Lexicon,
    report: Report,
    strategy: dict[str, Any],
) -> dict[int, dict[str, Any]]:
    """Suggest levels, link goals to the agenda and store the assessments in *strategy*."""
    for area in areas:
        for goal in area.goals:
            goal.assessment["status"]["level"] = suggest_level(
                goal.assessment["status"]["text"], lexicon
            )
    followed = link_goals(areas, read_framework(FRAMEWORK), lexicon.code, report)
    goals = [goal.assessment for area in areas for goal in area.goals]
    strategy["goal_assessments"] = goals
    linked = sum(goal["framework_goal"] is not None for goal in goals)
    strategy["framework"] = FRAMEWORK if goals and linked * 2 >= len(goals) else None
    return followed
