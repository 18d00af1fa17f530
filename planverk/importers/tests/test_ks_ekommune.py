"""The KS eKommune layout on an invented county strategy."""

from __future__ import annotations

from collections import Counter

from planverk.format.schema import problems
from planverk.importers.tests.fixtures import KS_NB, parse_text

RESULT = parse_text(KS_NB)
STRATEGY = RESULT.document["strategy"]
MEASURES = {m["number"]: m for t in STRATEGY["themes"] for m in t["measures"]}


def test_it_reads_front_matter() -> None:
    assert RESULT.document["organization"] == {
        "name": "Nordvik fylkeskommune",
        "kind": "county",
        "country": "NO",
        "code": None,
    }
    assert (STRATEGY["title"], STRATEGY["version"]) == (
        "Digital plan 2011 - 2014",
        "2.0",
    )
    assert STRATEGY["period"] == {"start": 2011, "end": 2014}
    assert STRATEGY["units"][:4] == [
        "Arkiv",
        "IKT-seksjonen",
        "Skoleavdelingen",
        "Rådmann",
    ]


def test_it_reads_measures_with_html_lists_and_several_starts() -> None:
    assert MEASURES["3.1"]["items"] == ["Søknad", "Klage"]
    assert MEASURES["3.1"]["description"] == "Lage nye skjema."
    assert MEASURES["3.1"]["start"] == ["2011-2014", "2011"]
    assert MEASURES["3.1"]["proposed_by"] == ["IKT-seksjonen", "Arkiv"]


def test_it_merges_a_row_continued_after_a_page_break() -> None:
    measure = MEASURES["3.2"]
    assert measure["objective"] == "Raskere svar og kortere ventetid."
    assert measure["proposed_by"] == ["IKT-seksjonen", "Rådmann", "Skoleavdelingen"]


def test_it_groups_measures_under_a_sub_heading() -> None:
    assert (MEASURES["4.1"]["group"], MEASURES["3.1"]["group"]) == ("Innkjøp", None)


def test_it_pairs_status_with_goals_by_number() -> None:
    goals = STRATEGY["goal_assessments"]
    assert [(g["theme"], g["number"], g["deadline"]) for g in goals] == [
        ("3", 1, 2009),
        ("3", 2, 2009),
        ("4", 1, 2010),
        ("4", 2, 2015),
    ]
    assert (
        goals[1]["status"]["text"]
        == "Tjenestene er tatt i bruk. Vi følger opp hvert år."
    )
    assert [g["framework_goal"] for g in goals] == ["2.1", "2.2", "7.2", None]


def test_it_reports_what_it_could_not_place() -> None:
    found = Counter(w.code for w in RESULT.warnings)
    assert found == {
        "unparsed_table_row": 1,
        "measure_missing_start": 1,
        "status_without_goal": 1,
        "goal_unmatched": 1,
    }
    lines = {w.code: w.line for w in RESULT.warnings}
    assert lines == {
        "unparsed_table_row": 45,
        "measure_missing_start": 44,
        "status_without_goal": 35,
        "goal_unmatched": 54,
    }


def test_the_report_is_in_the_document_and_it_validates() -> None:
    report = RESULT.document["import_report"]
    assert (
        report["source"]["layout"] == "ks-ekommune"
        and report["source"]["language"] == "nb"
    )
    assert len(report["warnings"]) == len(RESULT.warnings)
    assert problems(RESULT.document) == []
