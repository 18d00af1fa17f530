"""The sample-data generator: deterministic, valid, realistic and invented."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import pytest

from planverk.format.agendas import read_framework
from planverk.format.schema import problems
from planverk.sample import generate
from planverk.sample.names import is_real, place_of

NATIONAL = 430  # Norwegian municipalities around 2010, the benchmark's scale

Document = dict[str, Any]


@pytest.fixture(scope="module")
def national() -> list[Document]:
    return list(generate(NATIONAL))


def _dump(documents: list[Document]) -> str:
    return json.dumps(documents, ensure_ascii=False, sort_keys=True)


def _current(documents: list[Document]) -> list[Document]:
    return [d for d in documents if d["strategy"]["state"] != "superseded"]


def _measures(document: Document) -> list[dict[str, Any]]:
    return [m for t in document["strategy"]["themes"] for m in t["measures"]]


def test_same_arguments_give_identical_output() -> None:
    assert _dump(list(generate(15, seed=7))) == _dump(list(generate(15, seed=7)))


def test_a_larger_run_starts_with_the_smaller_one(national: list[Document]) -> None:
    small = list(generate(10))
    assert _dump(national[: len(small)]) == _dump(small)


def test_a_different_seed_gives_different_output() -> None:
    assert _dump(list(generate(5, seed=1))) != _dump(list(generate(5, seed=2)))


def test_it_yields_nothing_for_no_organisations() -> None:
    assert list(generate(0)) == []


def test_documents_validate_against_the_schema(national: list[Document]) -> None:
    # Validating all 430 takes ~10 s; one document per kind of organisation,
    # language and state, plus a run of ordinary ones, covers every code path.
    by_shape: dict[tuple[str, str, str], Document] = {}
    for document in national:
        shape = (
            document["organization"]["kind"],
            document["strategy"]["language"],
            document["strategy"]["state"],
        )
        by_shape.setdefault(shape, document)
    chosen = list(by_shape.values()) + national[:30]
    assert {shape[1] for shape in by_shape} == {"nb", "nn", "lt"}
    assert [
        (d["organization"]["name"], problems(d)) for d in chosen if problems(d)
    ] == []


def test_organisations_are_mostly_norwegian_municipalities(
    national: list[Document],
) -> None:
    current = _current(national)
    kinds = Counter(d["organization"]["kind"] for d in current)
    countries = Counter(d["organization"]["country"] for d in current)
    languages = Counter(d["strategy"]["language"] for d in current)
    assert 0.05 < kinds["county"] / NATIONAL < 0.16
    assert 0.02 < countries["LT"] / NATIONAL < 0.09
    assert languages["nb"] > languages["nn"] > languages["lt"] > 0
    assert all(d["organization"]["code"] is None for d in national)


def test_names_are_unique_and_invented(national: list[Document]) -> None:
    names = [d["organization"]["name"] for d in _current(national)]
    places = [place_of(name) for name in names]
    assert len(set(names)) == len(names) == NATIONAL
    assert len(set(places)) == len(places)
    assert [name for name in names if is_real(name)] == []


def test_the_blocklist_catches_real_places_inside_invented_names() -> None:
    assert is_real("Sandnes kommune")
    assert is_real("Nordre Lindås kommune")
    assert is_real("Šilalės rajono savivaldybė")
    assert not is_real("Lundvik kommune")


def test_states_are_mostly_approved_with_some_superseded(
    national: list[Document],
) -> None:
    states = Counter(d["strategy"]["state"] for d in national)
    assert states["approved"] > states["hearing"] + states["draft"]
    assert states["hearing"] > 0 and states["draft"] > 0 and states["superseded"] > 0


def test_a_superseded_strategy_comes_before_its_successor(
    national: list[Document],
) -> None:
    for index, document in enumerate(national):
        if document["strategy"]["state"] == "superseded":
            successor = national[index + 1]
            assert successor["organization"] == document["organization"]
            assert successor["strategy"]["state"] == "approved"
            old, new = document["strategy"]["period"], successor["strategy"]["period"]
            assert old["end"] < new["start"]


def test_counts_are_in_the_expected_ranges(national: list[Document]) -> None:
    for document in national:
        strategy = document["strategy"]
        assert 15 <= len(strategy["themes"]) <= 22
        assert 50 <= len(_measures(document)) <= 70
        assert 14 <= len(strategy["action_plan"]) <= 26
        assert 3 <= len(strategy["glossary"]) <= 8
        assert strategy["revisions"] and strategy["sections"]


def test_there_is_one_assessment_per_framework_goal(national: list[Document]) -> None:
    framework = read_framework("ekommune-2012")
    expected = [
        (area["title"], goal["number"], goal["deadline"], goal["text"])
        for area in framework["areas"]
        for goal in area["goals"]
    ]
    for document in national[:20]:
        assessments = document["strategy"]["goal_assessments"]
        found = [
            (a["area"], a["number"], a["deadline"], a["goal"]) for a in assessments
        ]
        assert found == expected


def test_some_assessment_levels_are_confirmed(national: list[Document]) -> None:
    statuses = [a["status"] for a in national[0]["strategy"]["goal_assessments"]]
    assert any(status.get("confirmed") for status in statuses)
    assert len({status["level"] for status in statuses}) >= 4


def test_measure_numbers_follow_their_theme_in_order(national: list[Document]) -> None:
    for theme in national[0]["strategy"]["themes"]:
        numbers = [m["number"] for m in theme["measures"]]
        assert numbers == [f"{theme['number']}.{k}" for k in range(1, len(numbers) + 1)]


def test_units_are_the_proposers_in_first_mention_order(
    national: list[Document],
) -> None:
    for document in national[:50]:
        named = [u for m in _measures(document) for u in m["proposed_by"]]
        assert document["strategy"]["units"] == list(dict.fromkeys(named))


def test_computed_totals_are_sums_of_their_items(national: list[Document]) -> None:
    for document in national:
        items = document["strategy"]["action_plan"]
        for total in document["strategy"]["budget_totals"]:
            years = total["years"]
            assert total["computed_nok"] == sum(
                item["amount_nok"] or 0
                for item in items
                if item["category"] == total["category"]
                and years["start"] <= item["years"]["start"]
                and item["years"]["end"] <= years["end"]
            )


def test_stated_totals_usually_match_but_sometimes_slip(
    national: list[Document],
) -> None:
    totals = [t for d in national for t in d["strategy"]["budget_totals"]]
    slips = [t for t in totals if t["stated_nok"] != t["computed_nok"]]
    assert 0.03 < len(slips) / len(totals) < 0.25


def test_items_have_an_amount_or_a_named_funding(national: list[Document]) -> None:
    items = [i for d in national[:50] for i in d["strategy"]["action_plan"]]
    assert all((i["amount_nok"] is None) != (i["funding"] is None) for i in items)
    assert all(i["amount_nok"] % 100_000 == 0 for i in items if i["amount_nok"])
    assert {i["category"] for i in items} == {"operating", "investment"}
