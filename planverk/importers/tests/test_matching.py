"""Linking assessed goals to the shipped eKommune 2012 goals."""

from __future__ import annotations

from planverk.frameworks.catalog import read_framework
from planverk.importers.layouts.report import Report
from planverk.importers.matching import Assessed, AssessedArea, link_goals

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
