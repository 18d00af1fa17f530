"""Both real strategies, read from ../shared/seeds (skipped, with the reason, where absent)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from conftest import COUNTY_SEED, MUNICIPALITY_SEED
from planverk.format.schema import problems
from planverk.importers import ParseResult, parse


@cache
def _parsed(path: Path) -> ParseResult:
    return parse(path)


@pytest.fixture
def county(seed_path: Callable[[str], Path]) -> ParseResult:
    return _parsed(seed_path(COUNTY_SEED))


@pytest.fixture
def municipality(seed_path: Callable[[str], Path]) -> ParseResult:
    return _parsed(seed_path(MUNICIPALITY_SEED))


def _measures(result: ParseResult) -> dict[str, dict[str, Any]]:
    themes = result.document["strategy"]["themes"]
    return {m["number"]: m for t in themes for m in t["measures"]}


def _codes(result: ParseResult) -> Counter[str]:
    return Counter(w.code for w in result.warnings)


# --- the county strategy (KS eKommune layout, bokmål) -------------------------


def test_county_is_read_as_ks_ekommune_in_bokmal(county: ParseResult) -> None:
    source = county.document["import_report"]["source"]
    assert (source["layout"], source["language"]) == ("ks-ekommune", "nb")


def test_county_front_matter(county: ParseResult) -> None:
    strategy = county.document["strategy"]
    assert county.document["organization"]["name"] == "Sør-Trøndelag fylkeskommune"
    assert county.document["organization"]["kind"] == "county"
    assert strategy["title"] == "IKT-strategi 2010 - 2013"
    assert strategy["period"] == {"start": 2010, "end": 2013}
    assert strategy["version"] == "1.1"
    assert strategy["vision"] == "Et fyrtårn innen bruk av digitale tjenester"
    assert strategy["framework"] == "ekommune-2012"
    assert strategy["state"] == "draft"


def test_county_has_themes_3_to_22_and_61_measures(county: ParseResult) -> None:
    themes = county.document["strategy"]["themes"]
    assert [t["number"] for t in themes] == [str(n) for n in range(3, 23)]
    assert len(_measures(county)) == 61
    assert themes[0]["title"] == "Lokaldemokrati og deltakelse i informasjonssamfunnet"


@pytest.mark.parametrize(
    ("number", "units"),
    [
        (
            "4.1",
            [
                "Info",
                "Regut",
                "Videregående opplæring",
                "IKT-tjenesten",
                "Fylkesrådmann",
            ],
        ),
        ("7.5", ["Videregående opplæring", "IKT-tjenesten", "Innkjøp"]),
        ("16.1", ["Alle i STFK", "Jus og innkjøp"]),
        ("19.2", ["Fylkesrådmann"]),
        ("19.4", ["Fylkesrådmann", "Regnskap"]),
        ("8.1", ["Areal Regut", "Kultur Regut", "Samferdsel Regut"]),
        (
            "20.2",
            [
                "Personal- og org.avd",
                "Næringsgruppen Regut",
                "Kultur Regut",
                "Samferdsel Regut",
                "Jus og innkjøp",
                "Regnskap",
                "Areal Regut",
                "IKT-tjenesten",
            ],
        ),
    ],
)
def test_county_measure_units(
    county: ParseResult, number: str, units: list[str]
) -> None:
    assert _measures(county)[number]["proposed_by"] == units


def test_county_units_broken_by_a_wrap_are_joined(county: ParseResult) -> None:
    assert "IKT-tjenesten" in _measures(county)["18.1"]["proposed_by"]
    assert "Fylkesrådm ann" not in county.document["strategy"]["units"]


def test_county_several_starts_in_one_cell(county: ParseResult) -> None:
    measures = _measures(county)
    assert measures["4.1"]["start"] == ["2010-2013", "2010"]
    assert measures["7.2"]["start"] == ["2010", "2011"]
    assert measures["14.1"]["start"] == ["2010", "2010-2013"]


def test_county_html_list_in_a_cell_becomes_items(county: ParseResult) -> None:
    measure = _measures(county)["4.1"]
    assert measure["items"] == ["forbedringspotensiale", "kost-nytte", "omdømme"]
    assert "<ul" not in measure["description"]
    assert measure["description"].endswith("eTorg med veiledning og brukerstøtte.")


def test_county_row_broken_across_a_page_is_one_measure(county: ParseResult) -> None:
    measure = _measures(county)["18.1"]
    assert (
        measure["objective"]
        == "Systemer for eksternt samarbeid, kommunikasjon og informasjonsutveksling."
    )
    assert measure["start"] == ["2010"]
    assert "Høringsportal" in measure["items"]
    assert _measures(county)["22.1"]["description"].endswith("Oppdateres årlig.")


def test_county_sub_headings_in_theme_7_group_its_measures(county: ParseResult) -> None:
    groups = {
        n: _measures(county)[n]["group"] for n in ("7.1", "7.5", "7.6", "7.7", "7.8")
    }
    assert groups == {
        "7.1": "Organisering og ledelse",
        "7.5": "Organisering og ledelse",
        "7.6": "Kompetanseutvikling",
        "7.7": "Digitale læringsressurser",
        "7.8": "Digital vurdering",
    }
    assert _measures(county)["3.1"]["group"] is None


def test_county_glossary_and_participant_units(county: ParseResult) -> None:
    strategy = county.document["strategy"]
    assert [g["term"] for g in strategy["glossary"]][:3] == [
        "FEIDE",
        "Nasjonal tjenestekatalog",
        "KS",
    ]
    assert len(strategy["glossary"]) == 7
    assert strategy["units"][:2] == ["Arkiv", "Bygge- og eiendomstjenesten"]
    assert "Tannhelsetjenesten" in strategy["units"]


def test_county_goals_carry_deadline_status_and_agenda_link(
    county: ParseResult,
) -> None:
    goals = county.document["strategy"]["goal_assessments"]
    by_key = {(g["theme"], g["number"]): g for g in goals}
    assert len(goals) == 45
    invoice = by_key[("9", 2)]
    assert invoice["deadline"] == 2010
    assert invoice["framework_goal"] == "7.2"
    assert invoice["status"]["level"] == "not_achieved"
    assert invoice["status"]["text"].startswith(
        "Vi tilbyr ikke elektronisk fakturering"
    )
    assert by_key[("12", 1)]["goal"].startswith(
        "I løpet av 2010 skal kommuner"
    )  # unnumbered goal
    assert by_key[("8", 2)]["deadline"] is None
    assert all(g["framework_goal"] for g in goals)


@pytest.mark.parametrize(
    ("key", "level"),
    [
        (("4", 1), "not_achieved"),
        (("8", 3), "achieved"),
        (("10", 2), "achieved"),
        (("10", 3), "in_progress"),
        (("11", 3), "not_achieved"),
        (("14", 1), "in_progress"),
        (("16", 1), "unknown"),
        (("3", 1), "unknown"),
    ],
)
def test_county_suggested_levels(
    county: ParseResult, key: tuple[str, int], level: str
) -> None:
    goal = next(
        g
        for g in county.document["strategy"]["goal_assessments"]
        if (g["theme"], g["number"]) == key
    )
    assert goal["status"]["level"] == level
    assert goal["status"]["confirmed"] is False


def test_county_themes_follow_agenda_areas(county: ParseResult) -> None:
    areas = {
        t["number"]: t["framework_area"] for t in county.document["strategy"]["themes"]
    }
    assert areas["5"] == "Elektronisk samhandling i helse- og omsorgstjenesten"
    assert areas["18"] == "Interkommunalt IKT-samarbeid"
    assert areas["6"] is None and areas["21"] is None


def test_county_status_continuation_lines_join_their_item(county: ParseResult) -> None:
    goal = next(
        g
        for g in county.document["strategy"]["goal_assessments"]
        if (g["theme"], g["number"]) == ("4", 3)
    )
    assert goal["status"]["text"].endswith("se figur 3 Tjenestetrappa.")


def test_county_warnings(county: ParseResult) -> None:
    assert _codes(county) == {"status_without_goal": 3}
    assert [w.line for w in county.warnings] == [465, 788, 789]


# --- the municipality strategy (action-plan layout, Lithuanian) ---------------


def test_municipality_is_read_as_action_plan_in_lithuanian(
    municipality: ParseResult,
) -> None:
    source = municipality.document["import_report"]["source"]
    assert (source["layout"], source["language"]) == ("action-plan", "lt")
    assert municipality.document["organization"]["name"] == "Sorumo savivaldybė"
    assert municipality.document["strategy"]["period"] == {"start": 2010, "end": 2013}


DECISIONS = [
    ("AMU", "2000-12-18", "0017/00", "komentarai"),
    ("Finansų ir administravimo komitetas (F/A)", "2000-12-18", "0099/00", None),
    ("AMU", "2001-11-28", "0021/01", "komentarai"),
    ("F/A", "2001-12-05", "0078/01", None),
    ("Vadovų forumas", "2003-09-11", None, None),
    ("AMU", "2003-11-19", None, "komentarai"),
    ("F/A", "2003-12-03", "0018/03", None),
    ("Vadovų forumas", "2004-10-14", None, None),
    ("AMU", "2004-12-08", None, None),
    ("F/A", "2004-12-08", "0100/04", None),
    ("Vadovų forumas", "2005-10-27", None, None),
    ("AMU", "2005-11-16", None, None),
    ("F/A", "2005-11-16", "67/05", None),
    ("Vadovų forumas", "2006-08-24", None, None),
    ("Vadovų forumas", "2006-10-12", None, None),
    ("AMU", "2006-11-29", "20/06", None),
    ("F/A", "2006-12-06", "116/06", None),
    ("Vadovų forumas", "2008-04-24", None, None),
    ("AMU", "2008-05-14", None, None),
    ("F/A", "2008-05-21", "41/08", None),
    ("Vadovų forumas", "2008-11-13", "32/08", None),
    ("F/A", "2008-12-10", "113/08", None),
    ("Vadovų forumas", "2009-11-12", None, None),
    ("AMU", "2009-12-02", "30/09", None),
    ("F/A", "2009-12-02", "119/09", None),
]


def test_municipality_decision_log_every_row(municipality: ParseResult) -> None:
    revisions = municipality.document["strategy"]["revisions"]
    assert [
        (r["body"], r["date"], r["reference"], r["note"]) for r in revisions
    ] == DECISIONS


AMOUNTS = {
    "1": None, "2": None, "3": 400_000, "4": 100_000, "5": 300_000, "6": 400_000, "7": 200_000,
    "8": 300_000, "9": 100_000, "10": None, "11": None, "12": None, "13": None, "14": None,
    "15": None, "16": None, "17": 2_500_000, "18": 500_000, "19": 5_000_000, "20": 100_000,
    "21": 1_000_000,
}  # fmt: skip


def test_municipality_21_action_items_with_amounts(municipality: ParseResult) -> None:
    items = municipality.document["strategy"]["action_plan"]
    assert {i["number"]: i["amount_nok"] for i in items} == AMOUNTS
    assert [i["category"] for i in items] == ["operating"] * 16 + ["investment"] * 5


def test_municipality_action_item_details(municipality: ParseResult) -> None:
    items = {i["number"]: i for i in municipality.document["strategy"]["action_plan"]}
    assert items["1"]["funding"] == "Sektorinis finansavimas"
    assert items["1"]["title"] == "Helsenet (sveikatos tinklas) įdiegimas"
    assert items["3"]["title"] == "Techninių istorinių archyvų skanavimas"
    assert items["3"]["items"][0] == "programinės įrangos įsigijimas"
    assert items["3"]["years"] == {"start": 2010, "end": 2010}
    assert items["10"]["remarks"] == "Tolesnė plėtra" and items["10"]["years"] == {
        "start": 2011,
        "end": 2013,
    }
    assert len(items["17"]["items"]) == 9
    assert items["20"]["title"] == "Rūpybos technologija"


def test_municipality_stated_and_computed_totals(municipality: ParseResult) -> None:
    totals = municipality.document["strategy"]["budget_totals"]
    assert [(t["category"], t["stated_nok"], t["computed_nok"]) for t in totals] == [
        ("operating", 1_800_000, 1_800_000),
        ("investment", 10_000_000, 9_100_000),
    ]
    mismatch = [w for w in municipality.warnings if w.code == "total_mismatch"]
    assert [(w.line, "10000000" in w.message) for w in mismatch] == [(316, True)]


def test_municipality_priority_areas_are_themes(municipality: ParseResult) -> None:
    themes = municipality.document["strategy"]["themes"]
    assert [t["number"] for t in themes] == [f"2.{n}" for n in range(1, 10)]
    assert "### 2.1.1 Techninės saugumo priemonės" in themes[0]["text"]


def test_municipality_progress_table_as_assessments(municipality: ParseResult) -> None:
    goals = municipality.document["strategy"]["goal_assessments"]
    areas = list(dict.fromkeys(g["area"] for g in goals))
    assert len(goals) == 45 and len(areas) == 18
    assert areas[0] == "Vietos demokratija ir dalyvavimas informacinėje visuomenėje"
    assert {g["status"]["as_of"] for g in goals} == {"2009-09"}
    assert all(g["framework_goal"] for g in goals)


@pytest.mark.parametrize(
    ("area", "number", "level", "link"),
    [
        ("Paslaugos internetu", 1, "achieved", "2.1"),
        ("Paslaugos internetu", 2, "not_achieved", "2.2"),
        (
            "Elektroninis bendravimas sveikatos ir socialinių paslaugų srityje",
            2,
            "in_progress",
            "3.2",
        ),
        (
            "Elektroninis bendravimas sveikatos ir socialinių paslaugų srityje",
            3,
            "partial",
            "3.4",
        ),
        ("IKT pagrindinio lavinimo mokyklose", 2, "in_progress", "5.2"),
        ("Savivaldybių bendradarbiavimas IKT srityje", 2, "not_relevant", "16.2"),
        (
            "Vietos demokratija ir dalyvavimas informacinėje visuomenėje",
            2,
            "unknown",
            "1.3",
        ),
        ("Nemokama programinė įranga", 2, "partial", "13.2"),
    ],
)
def test_municipality_levels_and_links(
    municipality: ParseResult, area: str, number: int, level: str, link: str
) -> None:
    goal = next(
        g
        for g in municipality.document["strategy"]["goal_assessments"]
        if (g["area"], g["number"]) == (area, number)
    )
    assert (goal["status"]["level"], goal["framework_goal"]) == (level, link)


def test_municipality_typo_year_does_not_break_the_link(
    municipality: ParseResult,
) -> None:
    goal = next(
        g
        for g in municipality.document["strategy"]["goal_assessments"]
        if "Feide" in g["goal"]
    )
    assert goal["deadline"] is None and goal["framework_goal"] == "5.2"
    assert any(
        w.code == "deadline_unreadable" and w.line == 339 for w in municipality.warnings
    )


def test_municipality_warnings(municipality: ParseResult) -> None:
    assert _codes(municipality) == {
        "goal_deadline_differs": 2,
        "total_mismatch": 1,
        "deadline_unreadable": 1,
    }


# --- both ----------------------------------------------------------------------


@pytest.mark.parametrize("name", [COUNTY_SEED, MUNICIPALITY_SEED])
def test_seed_output_validates_and_is_stable(
    seed_path: Callable[[str], Path], name: str
) -> None:
    first = parse(seed_path(name)).document
    assert problems(first) == []
    assert parse(seed_path(name)).document == first
