"""Stable keys in planverk/1: written for every part, read back, made where absent,
unique within a strategy, and byte-stable through export → import → export."""

from __future__ import annotations

import copy
import html
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from conftest import COUNTY_SEED, MUNICIPALITY_SEED
from planverk.format.schema import SCHEMA_PATH, problems
from planverk.interchange.dump import dump, load_for_dump
from planverk.interchange.load import DocumentError, keyed_parts, load
from planverk.lib.keys import KEY_PATTERN
from planverk.organizations.models import Organization
from planverk.strategies.models import (
    ActionItem,
    GoalAssessment,
    Measure,
    PendingImport,
    Section,
    Theme,
)
from planverk.strategies.permissions import PUBLIC
from planverk.testing import make_personas, rich_document, row_counts

pytestmark = pytest.mark.django_db

KEYED = (Section, Theme, Measure, GoalAssessment, ActionItem)


def without_keys(document: dict[str, Any]) -> dict[str, Any]:
    """*document* with the parts' keys left out: what a keyless document gave."""
    found = copy.deepcopy(document)
    for _where, part in keyed_parts(found["strategy"]):
        part.pop("key", None)
    return found


def keys_of(document: dict[str, Any]) -> list[str | None]:
    return [part.get("key") for _where, part in keyed_parts(document["strategy"])]


def test_the_schema_takes_the_keys_lib_keys_makes() -> None:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert schema["$defs"]["key"]["pattern"] == KEY_PATTERN
    for kind in ("Section", "Theme", "Measure", "GoalAssessment", "ActionItem"):
        assert schema["$defs"][kind]["properties"]["key"] == {"$ref": "#/$defs/key"}
        assert "key" not in schema["$defs"][kind]["required"]


def test_an_import_without_keys_makes_one_for_every_part() -> None:
    strategy = load(rich_document())
    document = dump(load_for_dump(strategy.pk))
    keys = keys_of(document)
    # themes, measures, goals, items, chapters, and the plans and actions made
    # of the items (one plan per first year: 2024 and 2025)
    assert len(keys) == 2 + 4 + 3 + 4 + 3 + 2 + 4
    assert all(k is not None and re.fullmatch(KEY_PATTERN, k) for k in keys)
    assert len(set(keys)) == len(keys)
    assert problems(document) == []


def test_the_keys_a_document_gives_are_kept() -> None:
    document = rich_document()
    for i, (_where, part) in enumerate(keyed_parts(document["strategy"])):
        part["key"] = f"kept{i:02d}"
    strategy = load(document)
    stored = sorted(
        k for model in KEYED for k in model.objects.values_list("key", flat=True)
    )
    assert stored == sorted(f"kept{i:02d}" for i in range(16))
    dumped = dump(load_for_dump(strategy.pk))
    dumped["strategy"].pop("action_plans")  # made of the items, with new keys
    assert dumped == document


def test_a_second_import_of_an_export_keeps_every_key() -> None:
    first = dump(load_for_dump(load(rich_document()).pk))
    second = dump(load_for_dump(load(first).pk))  # the same organisation, again
    assert second == first


@pytest.mark.parametrize("seed", [COUNTY_SEED, MUNICIPALITY_SEED])
def test_export_import_export_of_a_seed_is_byte_identical(
    seed: str, seed_path: Callable[[str], Path], tmp_path: Path
) -> None:
    call_command("import", str(seed_path(seed)))
    org = Organization.objects.get()
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    call_command("export", org=org.slug, output=str(first))
    keys = keys_of(json.loads(first.read_text(encoding="utf-8")))
    assert keys and None not in keys and len(set(keys)) == len(keys)
    Organization.objects.all().delete()
    call_command("import", str(first))
    call_command("export", org=org.slug, output=str(second))
    assert first.read_bytes() == second.read_bytes()


def test_a_placeholder_for_the_public_carries_no_key() -> None:
    strategy = load(rich_document())
    public = dump(load_for_dump(strategy.pk, reader=PUBLIC))["strategy"]
    (withheld,) = public["themes"][1]["measures"]  # 21.1, exempt
    assert withheld["exempt"] is True and "key" not in withheld
    assert "key" in public["themes"][1]


@pytest.mark.parametrize(
    ("first", "second", "path"),
    [
        # One kind, and two kinds: a key finds its part whatever the kind.
        (
            lambda s: s["themes"][0]["measures"][0],
            lambda s: s["themes"][0]["measures"][2],
            "$.strategy.themes[0].measures[2].key",
        ),
        (
            lambda s: s["sections"][0],
            lambda s: s["action_plan"][3],
            "$.strategy.action_plan[3].key",
        ),
        (
            lambda s: s["themes"][1],
            lambda s: s["goal_assessments"][0],
            "$.strategy.goal_assessments[0].key",
        ),
    ],
)
def test_a_key_given_twice_is_refused_at_the_second_place(
    first: Callable[[dict[str, Any]], dict[str, Any]],
    second: Callable[[dict[str, Any]], dict[str, Any]],
    path: str,
) -> None:
    document = rich_document()
    first(document["strategy"])["key"] = "twice42"
    second(document["strategy"])["key"] = "twice42"
    before = row_counts()
    with pytest.raises(DocumentError) as raised:
        load(document)
    assert (raised.value.path, raised.value.code) == (path, "key_twice")
    assert raised.value.params == {"key": "twice42", "path": path}
    assert row_counts() == before


def test_a_key_of_another_shape_is_refused_by_the_schema() -> None:
    document = rich_document()
    document["strategy"]["themes"][0]["key"] = "Not a key!"
    with pytest.raises(DocumentError) as raised:
        load(document)
    assert raised.value.path == "$.strategy.themes[0].key"


def twice(tmp_path: Path) -> Path:
    document = rich_document()
    document["strategy"]["themes"][0]["key"] = "twice42"
    document["strategy"]["themes"][0]["measures"][1]["key"] = "twice42"
    path = tmp_path / "twice.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_the_import_command_refuses_a_key_given_twice_with_exit_status_2(
    tmp_path: Path,
) -> None:
    path = twice(tmp_path)
    before = row_counts()
    with pytest.raises(CommandError) as raised:
        call_command("import", str(path))
    assert raised.value.returncode == 2
    assert str(raised.value).startswith(
        f"{path}: $.strategy.themes[0].measures[1].key: key 'twice42'"
    )
    assert row_counts() == before


def test_an_upload_with_a_key_given_twice_is_refused_next_to_the_field(
    client: Client, tmp_path: Path, settings: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    org = Organization.objects.create(name="Nordvik", slug="nordvik", kind="county")
    client.force_login(make_personas(org).editor)
    upload = SimpleUploadedFile("plan.json", twice(tmp_path).read_bytes())
    before = row_counts()
    response = client.post(
        "/o/nordvik/importer/", {"document": upload}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400
    page = html.unescape(response.content.decode())
    start = page.index('id="id_document_error"')
    error = page[start : page.index("</div>", start)]
    assert "plan.json: The key “twice42” is given to two parts" in error
    assert "$.strategy.themes[0].measures[1].key" in error
    assert not PendingImport.objects.exists()
    assert row_counts() == before
