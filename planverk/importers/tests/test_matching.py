"""Linking assessed goals to the shipped eKommune 2012 goals."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from planverk.format.agendas import read_framework
from planverk.importers.layouts.report import Report
from planverk.importers.matching import (
    Assessed,
    AssessedArea,
    _best_links,
    _score,
    link_goals,
)

FRAMEWORK = read_framework("ekommune-2012")


def _goal(text: str, deadline: int | None, line: int = 1) -> Assessed:
    return Assessed({"goal": text, "deadline": deadline}, line)


def test_same_language_goals_match_by_text() -> None:
    text = FRAMEWORK["areas"][6]["goals"][1]["text"]
    area = AssessedArea("Elektronisk handel", [_goal(text, 2010)])
    followed = link_goals([area], FRAMEWORK, "nb", Report())
    assert area.goals[0].assessment["framework_goal"] == "7.2"
    assert followed[0]["number"] == 7


def test_translated_goals_match_by_proper_nouns_and_deadline() -> None:
    area = AssessedArea("Paslaugos", [_goal("Per 2009 m. paslaugos per Altinn", 2009)])
    link_goals([area], FRAMEWORK, "lt", Report())
    assert area.goals[0].assessment["framework_goal"] == "2.2"


def test_an_unknown_goal_is_listed_as_unmatched() -> None:
    report = Report()
    area = AssessedArea(
        "Romfart",
        [_goal("I løpet av 2030 skal alle kommuner ha romskip.", 2030, line=7)],
    )
    link_goals([area], FRAMEWORK, "nb", report)
    assert area.goals[0].assessment["framework_goal"] is None
    assert [(w.code, w.line) for w in report.warnings] == [("goal_unmatched", 7)]


def _eager_links(
    goals: list[Assessed], fw_goals: list[dict[str, Any]]
) -> list[tuple[int, int]]:
    """The plain greedy pairing: every pair scored, then taken best first."""
    scores = sorted(
        (
            (_score(i, g, j, fg, True), i, j)
            for i, g in enumerate(goals)
            for j, fg in enumerate(fw_goals)
        ),
        reverse=True,
    )
    links: list[tuple[int, int]] = []
    for score, i, j in scores:
        if score >= 1.0 and all(i != li and j != lj for li, lj in links):
            links.append((i, j))
    return links


AGENDA_TEXTS = [g["text"] for a in FRAMEWORK["areas"] for g in a["goals"]]
GOAL = st.builds(
    lambda text, cut, deadline: _goal(text[cut:] if cut % 3 else text, deadline),
    st.sampled_from(AGENDA_TEXTS),
    st.integers(0, 40),
    st.sampled_from([None, 2009, 2010, 2011]),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(GOAL, max_size=6), st.sampled_from(FRAMEWORK["areas"]))
def test_lazy_pairing_links_what_scoring_every_pair_links(
    goals: list[Assessed], fw_area: dict[str, Any]
) -> None:
    fw_goals = fw_area["goals"]
    assert _best_links(goals, fw_goals, True) == _eager_links(goals, fw_goals)
