"""The action-plan layout on an invented municipal plan in Lithuanian."""

from __future__ import annotations

from planverk.format.schema import problems
from planverk.importers.tests.fixtures import ACTION_LT, parse_text

RESULT = parse_text(ACTION_LT)
STRATEGY = RESULT.document["strategy"]


def test_it_reads_the_decision_log_with_two_dates_in_a_row() -> None:
    assert [
        (r["body"], r["date"], r["reference"], r["note"]) for r in STRATEGY["revisions"]
    ] == [
        ("Taryba", "2010-11-03", "12/10", "komentarai"),
        ("Vadovų forumas", "2010-09-01", None, None),
        ("Vadovų forumas", "2010-09-15", None, None),
    ]


def test_it_reads_amounts_funding_and_sub_points() -> None:
    items = {i["number"]: i for i in STRATEGY["action_plan"]}
    assert (items["1"]["amount_nok"], items["1"]["items"]) == (
        500_000,
        ["naujas maršrutizatorius"],
    )
    assert (items["2"]["amount_nok"], items["2"]["funding"]) == (
        None,
        "Sektorinis finansavimas",
    )
    assert items["3"]["items"] == ["vėsinimas", "baterijos"]
    assert items["4"]["title"] == "Atsarginis serveris"
    assert items["1"]["years"] == {"start": 2011, "end": 2011}
    assert items["4"]["years"] == {
        "start": 2011,
        "end": 2014,
    }  # no years in the heading: the period


def test_it_keeps_stated_beside_computed_totals_and_warns_on_a_difference() -> None:
    totals = [
        (t["category"], t["stated_nok"], t["computed_nok"])
        for t in STRATEGY["budget_totals"]
    ]
    assert totals == [
        ("operating", 500_000, 500_000),
        ("investment", 4_000_000, 3_000_000),
    ]
    assert [
        (w.code, w.line) for w in RESULT.warnings if w.code == "total_mismatch"
    ] == [("total_mismatch", 44)]


def test_it_reads_progress_as_assessments_linked_across_languages() -> None:
    goals = STRATEGY["goal_assessments"]
    assert [(g["area"], g["number"], g["framework_goal"]) for g in goals] == [
        ("Paslaugos internetu", 1, "2.1"),
        ("Paslaugos internetu", 2, "2.2"),
        ("Elektroninis verslas", 1, None),
    ]
    assert [g["status"]["level"] for g in goals] == [
        "achieved",
        "partial",
        "in_progress",
    ]
    assert {g["status"]["as_of"] for g in goals} == {"2010-10"}
    assert goals[1]["deadline"] is None
    assert {w.code for w in RESULT.warnings} == {
        "total_mismatch",
        "deadline_unreadable",
        "goal_unmatched",
    }


def test_priority_areas_become_themes_and_it_validates() -> None:
    assert [t["number"] for t in STRATEGY["themes"]] == ["2.1"]
    assert problems(RESULT.document) == []
