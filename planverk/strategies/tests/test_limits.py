"""How much a strategy may hold: real ones fit with room to spare, more is refused
at import with the part and the limit named, and nothing is stored."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from conftest import COUNTY_SEED, MUNICIPALITY_SEED
from planverk.importers import parse
from planverk.interchange.load import DocumentError, load
from planverk.strategies.limits import TooMuch, check_strategy, limit
from planverk.testing import rich_document, row_counts

pytestmark = pytest.mark.django_db


def refused(document: dict[str, Any]) -> DocumentError:
    before = row_counts()
    with pytest.raises(DocumentError) as raised:
        load(document)
    assert row_counts() == before
    return raised.value


@pytest.mark.parametrize("seed", [COUNTY_SEED, MUNICIPALITY_SEED])
def test_real_strategies_fit_with_room_to_spare(
    seed: str, seed_path: Callable[[str], Path]
) -> None:
    strategy = parse(seed_path(seed)).document["strategy"]
    check_strategy(strategy)
    measures = sum(len(t["measures"]) for t in strategy["themes"])
    assert measures * 5 <= limit("measures")
    assert len(strategy["themes"]) * 5 <= limit("themes")
    assert len(json.dumps(strategy, ensure_ascii=False)) * 3 <= limit("strategy_chars")
    longest = max(len(s["text"]) for s in strategy["sections"])
    assert longest * 2 <= limit("markdown_chars")


def test_a_measure_text_of_570_000_characters_is_refused() -> None:
    document = rich_document()
    document["strategy"]["themes"][0]["measures"][0]["description"] = "x" * 570_000
    error = refused(document)
    assert error.path == "$.strategy.themes[0].measures[0].description"
    assert "3.1" in str(error) and "570000" in str(error)
    assert "20000" in str(error)


def test_an_objective_over_its_limit_names_the_measure() -> None:
    document = rich_document()
    measure = document["strategy"]["themes"][0]["measures"][1]
    measure["objective"] = "y" * (limit("text_chars") + 1)
    error = refused(document)
    assert error.path == "$.strategy.themes[0].measures[1].objective"
    assert "3.2" in str(error)


def test_too_many_bullet_points_are_refused() -> None:
    document = rich_document()
    measure = document["strategy"]["themes"][0]["measures"][0]
    measure["items"] = [f"punkt {i}" for i in range(limit("bullets") + 1)]
    assert refused(document).path == "$.strategy.themes[0].measures[0].items"


def test_too_many_measures_are_refused(settings: Any) -> None:
    settings.PLANVERK_LIMITS = {**settings.PLANVERK_LIMITS, "measures": 3}
    error = refused(rich_document())  # it has four
    assert error.path == "$.strategy.themes"
    assert "4" in str(error) and "3" in str(error)


def test_too_much_text_in_all_is_refused(settings: Any) -> None:
    settings.PLANVERK_LIMITS = {**settings.PLANVERK_LIMITS, "strategy_chars": 1000}
    error = refused(rich_document())
    assert error.path == "$.strategy" and "1000" in str(error)


def test_a_title_longer_than_the_database_keeps_is_refused_by_the_schema() -> None:
    document = rich_document()
    document["strategy"]["themes"][0]["title"] = "t" * 301
    assert refused(document).path == "$.strategy.themes[0].title"


def test_the_command_line_import_refuses_with_status_2(tmp_path: Path) -> None:
    document = rich_document()
    document["strategy"]["sections"][0]["text"] = "z" * (limit("markdown_chars") + 1)
    path = tmp_path / "big.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    before = row_counts()
    with pytest.raises(CommandError) as raised:
        call_command("import", str(path))
    assert raised.value.returncode == 2
    assert "$.strategy.sections[0].text" in str(raised.value)
    assert row_counts() == before


def test_the_check_stops_at_the_first_excess() -> None:
    strategy = rich_document()["strategy"]
    strategy["vision"] = "v" * (limit("markdown_chars") + 1)
    with pytest.raises(TooMuch) as raised:
        check_strategy(strategy)
    assert raised.value.path == "$.strategy.vision"


# The editing forms keep to the same limits.


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("objective", "o" * 2001, "has 2001 characters; at most 2000"),
        ("description", "d" * 20_001, "has 20001 characters; at most 20000"),
        ("items", "\n".join(f"p{i}" for i in range(51)), "has 51 points; at most 50"),
        ("items", "q" * 2001, "has 2001 characters; at most 2000"),
    ],
)
def test_a_form_refuses_text_over_its_limit(
    field: str, value: str, message: str
) -> None:
    from django.test import Client

    from planverk.strategies.models import Measure
    from planverk.strategies.tests.editing_setup import make_draft
    from planverk.strategies.tests.test_validated_fields import measure_data, refused

    draft = make_draft()
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(draft.editor)
    url = f"{draft.base}/rediger/tiltak/{draft.measure.pk}/"
    data = measure_data(draft, **{field: value})
    error = refused(client, url, data, f"measure{draft.measure.pk}_{field}_error")
    assert message in error
    assert Measure.objects.get(pk=draft.measure.pk).revision == draft.measure.revision
