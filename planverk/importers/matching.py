"""Link the goals a strategy assesses to the goals of the shipped national agenda.

In the agenda's own language, goal texts are compared. Across languages the
area's position, the deadline, the goal's place in its area and the proper
nouns both versions keep (MinSide, Altinn, Feide, …) decide.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from planverk.importers.layouts.report import Report
from planverk.importers.messages import clipped

# Names a translation keeps as they are, so they link goals across languages.
PROPER_NOUNS = (
    "minside",
    "altinn",
    "feide",
    "norsk helsenett",
    "ehandel.no",
    "minid",
    "norge.no",
    "nav",
)
_NORWEGIAN = {"nb", "nn"}


@dataclass
class Assessed:
    """One assessed goal as the layout read it, and where."""

    assessment: dict[str, Any]
    line: int


@dataclass
class AssessedArea:
    title: str
    goals: list[Assessed]


def link_goals(
    areas: Sequence[AssessedArea],
    framework: dict[str, Any],
    language: str,
    report: Report,
) -> dict[int, dict[str, Any]]:
    """Set ``framework_goal`` ("area.goal") on each assessment, None and a warning where unmatched.

    Returns the framework area each assessed area follows, by its index in *areas*.
    """
    same_language = (
        language == framework["language"]
        or {language, framework["language"]} <= _NORWEGIAN
    )
    fw_areas = framework["areas"]
    # The agenda's goals as quoted word for word, to the area that holds each.
    quoted = {_normal(fg["text"]): fw for fw in fw_areas for fg in fw["goals"]}
    followed: dict[int, dict[str, Any]] = {}
    for index, area in enumerate(areas):
        fw_area = _area(index, area, areas, fw_areas, quoted, same_language)
        if fw_area is not None:
            followed[index] = fw_area
            _pair(area.goals, fw_area, same_language, report)
        for goal in area.goals:
            if goal.assessment.get("framework_goal") is None:
                goal.assessment["framework_goal"] = None
                text = clipped(goal.assessment["goal"], 80)
                report.warn(
                    "goal_unmatched", goal.line, agenda=framework["name"], goal=text
                )
    return followed


def _area(
    index: int,
    area: AssessedArea,
    areas: Sequence[AssessedArea],
    fw_areas: list[dict[str, Any]],
    quoted: dict[str, dict[str, Any]],
    same_language: bool,
) -> dict[str, Any] | None:
    if not area.goals:
        return None
    if same_language:
        # Goals quoted word for word identify their area without any fuzzy comparison.
        hits = [
            quoted[key]
            for g in area.goals
            if (key := _normal(g.assessment["goal"])) in quoted
        ]
        if hits:
            return max(hits, key=lambda fw: sum(hit is fw for hit in hits))
        scored = [(_area_similarity(area, fw), fw) for fw in fw_areas]
        score, best = max(scored, key=lambda pair: pair[0])
        return best if score >= 0.6 else None
    # A translated progress table lists the agenda's areas in the agenda's order;
    # a partial one is placed by the deadlines and names its goals share.
    if len(areas) == len(fw_areas):
        return fw_areas[index]
    scored = [(_cross_area_score(area, fw), fw) for fw in fw_areas]
    score, best = max(scored, key=lambda pair: pair[0])
    return best if score >= 3 * len(area.goals) else None


def _cross_area_score(area: AssessedArea, fw_area: dict[str, Any]) -> float:
    return sum(
        max(_score(i, g, j, fg, False) for j, fg in enumerate(fw_area["goals"]))
        for i, g in enumerate(area.goals)
    )


def _area_similarity(area: AssessedArea, fw_area: dict[str, Any]) -> float:
    ratios = [
        max(
            (_similar(g.assessment["goal"], fg["text"]) for fg in fw_area["goals"]),
            default=0.0,
        )
        for g in area.goals
    ]
    return sum(ratios) / len(ratios)


def _pair(
    goals: list[Assessed], fw_area: dict[str, Any], same_language: bool, report: Report
) -> None:
    fw_goals = fw_area["goals"]
    links = _best_links(goals, fw_goals, same_language)
    for i, j in links:
        _link(goals[i], fw_area, fw_goals[j], report)
    taken_goals = {i for i, _ in links}
    taken_fw = {j for _, j in links}
    # What is left in the same place on both sides is the same goal, whatever
    # a typo did to its deadline ("Per 2012 m." for 2010).
    for i, goal in enumerate(goals):
        if (
            i not in taken_goals
            and i < len(fw_goals)
            and i not in taken_fw
            and len(goals) == len(fw_goals)
        ):
            _link(goal, fw_area, fw_goals[i], report)


def _best_links(
    goals: list[Assessed], fw_goals: list[dict[str, Any]], same_language: bool
) -> list[tuple[int, int]]:
    """Greedy pairs (goal, agenda goal) of score >= 1: best first, ties by larger index.

    The same pairs as going through every pair's score in sorted order, but the
    text ratio, the costly part, is computed only for a free pair whose upper
    bound leads the queue. Goals quoted word for word score highest and are
    taken first, so the rest of their row and column is never compared.
    """
    # (-score, exact?, -i, -j): a bound pops before an exact score of equal value.
    queue = [
        (-bound, exact, -i, -j)
        for i, g in enumerate(goals)
        for j, fg in enumerate(fw_goals)
        for bound, exact in [_bound(i, g, j, fg, same_language)]
    ]
    heapq.heapify(queue)
    links: list[tuple[int, int]] = []
    while queue and -queue[0][0] >= 1.0:
        _, exact, i, j = heapq.heappop(queue)
        if any(-i == li or -j == lj for li, lj in links):
            continue
        if exact:
            links.append((-i, -j))
        else:
            score = _score(-i, goals[-i], -j, fw_goals[-j], same_language)
            heapq.heappush(queue, (-score, True, i, j))
    return links


def _bound(
    i: int, goal: Assessed, j: int, fw_goal: dict[str, Any], same_language: bool
) -> tuple[float, bool]:
    """An upper bound of _score() and whether it is the score itself."""
    a, b = _normal(goal.assessment["goal"]), _normal(fw_goal["text"])
    if not same_language or a == b:
        return _score(i, goal, j, fw_goal, same_language), True
    quick = SequenceMatcher(None, a, b).quick_ratio()  # >= ratio()
    divisor = 0.6 if goal.assessment["deadline"] in (None, fw_goal["deadline"]) else 0.8
    return quick / divisor, False


def _link(
    goal: Assessed, fw_area: dict[str, Any], fw_goal: dict[str, Any], report: Report
) -> None:
    goal.assessment["framework_goal"] = f"{fw_area['number']}.{fw_goal['number']}"
    deadline = goal.assessment["deadline"]
    if (
        deadline is not None
        and fw_goal["deadline"] is not None
        and deadline != fw_goal["deadline"]
    ):
        report.warn(
            "goal_deadline_differs",
            goal.line,
            deadline=deadline,
            agenda_deadline=fw_goal["deadline"],
            goal=f"{fw_area['number']}.{fw_goal['number']}",
        )


def _score(
    i: int, goal: Assessed, j: int, fw_goal: dict[str, Any], same_language: bool
) -> float:
    deadline = goal.assessment["deadline"]
    if same_language:
        ratio = _similar(goal.assessment["goal"], fw_goal["text"])
        return ratio / 0.6 if deadline in (None, fw_goal["deadline"]) else ratio / 0.8
    score = 1.0 if i == j else 0.0
    if deadline is not None:
        score += 1.0 if deadline == fw_goal["deadline"] else -2.0
    ours, theirs = _nouns(goal.assessment["goal"]), _nouns(fw_goal["text"])
    return score + 2 * len(ours & theirs) - len(ours ^ theirs)


def _nouns(text: str) -> set[str]:
    folded = text.casefold()
    return {
        noun
        for noun in PROPER_NOUNS
        if re.search(rf"(?<!\w){re.escape(noun)}(?!\w)", folded)
    }


def _similar(a: str, b: str, floor: float = 0.5) -> float:
    """Text similarity; pairs whose cheap upper bound is below *floor* count as 0."""
    a, b = _normal(a), _normal(b)
    if a == b:
        return 1.0
    m = SequenceMatcher(None, a, b)
    return (
        m.ratio() if m.real_quick_ratio() >= floor and m.quick_ratio() >= floor else 0.0
    )


def _normal(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))
