"""`planverk diff --org ORG --from ID --to ID [--format text|json] [--public]`:
the comparison as text or stable JSON, and bad input refused with exit status 2."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from planverk.strategies.models import ActionItem, Measure, Strategy
from planverk.strategies.tests.versions_setup import next_version
from planverk.testing import make_strategy

pytestmark = pytest.mark.django_db


def diff(*args: str) -> str:
    out = io.StringIO()
    call_command("diff", "--org", "fjordvik-kommune", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def older() -> Strategy:
    return make_strategy("approved")


@pytest.fixture
def newer(older: Strategy) -> Strategy:
    """3.1 reworded, 3.2 renumbered 3.5, the exempt 21.1 reworded."""
    newer = next_version(older)
    measures = Measure.objects.filter(theme__strategy=newer)
    measures.filter(number="3.1").update(objective="Åpne digitale møter for alle.")
    measures.filter(number="21.1").update(description="Sensorer i alle rom")
    renumbered = measures.get(number="3.2")
    renumbered.number = "3.5"
    renumbered.save()
    ActionItem.objects.filter(strategy=newer, number="2").update(amount_nok=800_000)
    return newer


def as_json(older: Strategy, newer: Strategy, *more: str) -> Any:
    return json.loads(
        diff("--from", str(older.pk), "--to", str(newer.pk), "--format", "json", *more)
    )


def test_the_json_has_the_documented_structure(
    older: Strategy, newer: Strategy
) -> None:
    data = as_json(older, newer)
    assert set(data) == {
        "format",
        "organization",
        "older",
        "newer",
        "summary",
        "counts",
        "parts",
        "budget",
    }
    assert (data["format"], data["older"]["id"], data["newer"]["id"]) == (
        "planverk-diff/1",
        older.pk,
        newer.pk,
    )
    measures = {m["name"]: m for m in data["parts"]["measure"]}
    renumbered = measures["Tiltak 3.5"]
    assert renumbered["number"] == {"before": "3.2", "after": "3.5"}
    assert (renumbered["renumbered"], renumbered["moved"]) == (True, False)
    [objective] = measures["Tiltak 3.1"]["fields"]
    assert objective["diff"] == [
        ["same", "Åpne "],
        ["ins", "digitale "],
        ["same", "møter for alle."],
    ]
    assert data["counts"]["measure"]["changed"] == 3
    assert data["budget"]["change"] == 400_000
    assert data["budget"]["after"] == {
        "operating": 800_000,
        "investment": 2_500_000,
        "total": 3_300_000,
    }


def test_the_json_is_stable(older: Strategy, newer: Strategy) -> None:
    args = ("--from", str(newer.pk), "--to", str(older.pk), "--format", "json")
    first = diff(*args)
    assert diff(*args) == first
    data = json.loads(first)
    assert (
        first == json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    )


def test_public_leaves_out_exempt_parts(older: Strategy, newer: Strategy) -> None:
    everything = as_json(older, newer)
    public = as_json(older, newer, "--public")
    assert "Sensorer" in json.dumps(everything, ensure_ascii=False)
    assert "Sensorer" not in json.dumps(public, ensure_ascii=False)
    assert public["counts"]["measure"]["changed"] == 2


def test_the_text_marks_words_as_wdiff_does(older: Strategy, newer: Strategy) -> None:
    text = diff("--from", str(older.pk), "--to", str(newer.pk))
    assert "Åpne {+digitale +}møter for alle." in text
    assert "Omnummerert fra 3.2 til 3.5" in text  # in the strategy's language
    assert "400\u00a0000\u00a0kr → 800\u00a0000\u00a0kr" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "1", "--to", "999"], "has no strategy 999"),
        (["--from", "1", "--to", "OTHER"], "are not versions of one strategy"),
        (["--from", "1", "--to", "ELSEWHERE"], "has no strategy"),
    ],
)
def test_bad_input_exits_2(older: Strategy, args: list[str], message: str) -> None:
    other = make_strategy("approved")  # the same organisation, another lineage
    elsewhere = make_strategy("approved", org="Lia kommune")
    given = {"1": older.pk, "OTHER": other.pk, "ELSEWHERE": elsewhere.pk}
    args = [str(given.get(a, a)) for a in args]
    with pytest.raises(CommandError) as refused:
        diff(*args)
    assert refused.value.returncode == 2
    assert message in str(refused.value)


# What the command line refuses, and the words it says so in.
REFUSED = [
    (["--org", "nowhere", "--from", "1", "--to", "2"], "no organisation 'nowhere'"),
    (["--org", "nowhere", "--from", "1"], "the following arguments are required"),
    (["--org", "x", "--from", "1", "--to", "2", "--format", "xml"], "'xml'"),
]


def test_the_planverk_command_exits_2_without_a_traceback(tmp_path: Path) -> None:
    command = Path(sys.executable).parent / "planverk"
    env = {**os.environ, "DEBUG": "true", "PLANVERK_DATA": str(tmp_path)}
    for name in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL"):
        env.pop(name, None)
    for args, message in REFUSED:
        done = subprocess.run(
            [str(command), "diff", *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            cwd=settings.BASE_DIR,
        )
        assert done.returncode == 2, done.stderr
        assert "Traceback" not in done.stderr
        assert message in done.stderr
