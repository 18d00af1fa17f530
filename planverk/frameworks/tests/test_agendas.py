"""The shipped eKommune 2012 file and the catalog that reads it."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from planverk.format.agendas import DATA_DIR, available, read_framework

COUNTY_SEED = "stfk-ikt-strategi-2010-2013.nb.txt"

# Goals per area, in the order of Sørum's section 6 table (which follows the agenda).
GOAL_COUNTS = [3, 3, 4, 1, 4, 3, 3, 4, 3, 1, 2, 1, 2, 2, 2, 3, 4, 1]


@pytest.fixture(scope="module")
def ekommune() -> dict[str, Any]:
    return read_framework("ekommune-2012")


def _goals(framework: dict[str, Any]) -> list[dict[str, Any]]:
    return [goal for area in framework["areas"] for goal in area["goals"]]


def _county_goal_texts(path: Path) -> list[str]:
    """Every goal quoted under a "Mål eKommune 2012:" heading, numbering removed."""
    texts: list[str] = []
    collecting = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if re.match(r"Mål eKommune ?2012:", line):
            collecting = True
        elif line.startswith("Status"):
            collecting = False
        elif collecting and line.strip():
            texts.append(re.sub(r"^\d+\. ", "", line.strip()))
    return texts


def test_it_lists_the_shipped_framework() -> None:
    assert "ekommune-2012" in available()


def test_it_has_the_agendas_eighteen_areas_in_order(ekommune: dict[str, Any]) -> None:
    areas = ekommune["areas"]
    assert len(areas) == 18
    assert areas[0]["title"] == "Lokaldemokrati og deltakelse i informasjonssamfunnet"
    assert areas[3]["title"] == "NAV-reformen og IKT"
    assert areas[4]["title"] == "IKT i grunnopplæringen"
    assert areas[-1]["title"] == "Kompetanseutvikling"


def test_it_has_the_goal_count_of_every_area(ekommune: dict[str, Any]) -> None:
    assert [len(area["goals"]) for area in ekommune["areas"]] == GOAL_COUNTS


def test_deadlines_are_the_years_the_goals_name(ekommune: dict[str, Any]) -> None:
    for goal in _goals(ekommune):
        match = re.match(r"I løpet av (\d{4}) ", goal["text"])
        assert goal["deadline"] == (int(match.group(1)) if match else None)


def test_the_geodata_goal_without_a_year_has_no_deadline(
    ekommune: dict[str, Any],
) -> None:
    geodata = ekommune["areas"][5]
    assert geodata["title"] == "Geografisk informasjon"
    assert [g["deadline"] for g in geodata["goals"]] == [2008, None, 2009]


def test_only_the_translated_nav_goal_carries_a_note(ekommune: dict[str, Any]) -> None:
    noted = [goal for goal in _goals(ekommune) if goal["note"]]
    assert noted == ekommune["areas"][3]["goals"]
    assert noted[0]["deadline"] == 2010


def test_every_county_goal_appears_verbatim(
    ekommune: dict[str, Any], seed_path: Callable[[str], Path]
) -> None:
    quoted = _county_goal_texts(seed_path(COUNTY_SEED))
    ours = {goal["text"] for goal in _goals(ekommune)}
    assert len(quoted) == 45
    assert [text for text in quoted if text not in ours] == []


def test_it_reads_a_file_by_path() -> None:
    path = DATA_DIR / "ekommune-2012.json"
    assert read_framework(path)["slug"] == "ekommune-2012"


def test_it_names_the_file_and_the_problem(tmp_path: Path) -> None:
    broken = json.loads((DATA_DIR / "ekommune-2012.json").read_text(encoding="utf-8"))
    broken["areas"][2]["goals"][1]["deadline"] = "2011"
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(broken), encoding="utf-8")
    with pytest.raises(ValueError, match=r"broken\.json: .*areas\[2\]\.goals\[1\]"):
        read_framework(path)


def test_it_refuses_a_missing_key(tmp_path: Path) -> None:
    path = tmp_path / "nokey.json"
    path.write_text(json.dumps({"slug": "x"}), encoding="utf-8")
    with pytest.raises(ValueError, match=r"nokey\.json: \$: missing key 'name'"):
        read_framework(path)


def test_it_refuses_invalid_json(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text("{", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.json: cannot read framework"):
        read_framework(path)


def test_it_refuses_an_unknown_slug() -> None:
    with pytest.raises(ValueError, match="no such framework file"):
        read_framework("ekommune-1999")
