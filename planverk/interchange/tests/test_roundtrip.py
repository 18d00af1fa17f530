"""planverk/1 in and out: lossless, byte-stable, validated, all or nothing."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from planverk.format.schema import problems
from planverk.interchange.dump import dump, load_for_dump, to_json
from planverk.interchange.load import DocumentError, load
from planverk.interchange.tests.test_keys import without_keys
from planverk.organizations.models import Organization
from planverk.strategies.permissions import PUBLIC
from planverk.testing import rich_document, row_counts

pytestmark = pytest.mark.django_db


def test_load_then_dump_gives_the_document_back() -> None:
    document = rich_document()
    strategy = load(document)
    dumped = dump(load_for_dump(strategy.pk))
    # The first plans the import made of the items (test_action_plans_format.py).
    dumped["strategy"].pop("action_plans")
    # With the key the import gave each part (test_keys.py).
    assert without_keys(dumped) == document


def test_export_import_export_is_byte_identical_through_the_commands(
    tmp_path: Path,
) -> None:
    load(rich_document())
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    call_command("export", org="fjordvik-kommune", output=str(first))
    Organization.objects.all().delete()  # an empty database (the framework ships with it)
    call_command("import", str(first))
    call_command("export", org="Fjordvik kommune", output=str(second))
    assert first.read_bytes() == second.read_bytes()
    assert "ąčęėįšųūž" in first.read_text(encoding="utf-8")  # UTF-8, not \\u escapes


def test_export_validates_against_the_schema() -> None:
    strategy = load(rich_document())
    assert problems(dump(load_for_dump(strategy.pk))) == []


def test_export_is_stable_key_order_and_ends_with_a_newline() -> None:
    strategy = load(rich_document())
    text = to_json(dump(load_for_dump(strategy.pk)))
    assert text.endswith("}\n")
    assert list(json.loads(text)) == [
        "format",
        "organization",
        "strategy",
        "import_report",
    ]


def test_natural_order_survives_the_round_trip() -> None:
    strategy = load(rich_document())
    themes = dump(load_for_dump(strategy.pk))["strategy"]["themes"]
    assert [m["number"] for m in themes[0]["measures"]] == ["3.1", "3.2", "3.10"]


def test_goal_assessments_link_to_the_shipped_goals() -> None:
    strategy = load(rich_document())
    linked = [a.framework_goal for a in strategy.goal_assessments.order_by("position")]
    assert [g.reference if g else None for g in linked] == ["1.1", "1.2", None]
    assert linked[0].deadline == 2009


def test_an_assessment_is_linked_by_area_title_and_number_when_no_link_is_given() -> (
    None
):
    document = rich_document()
    del document["strategy"]["goal_assessments"][0]["framework_goal"]
    strategy = load(document)
    first = strategy.goal_assessments.order_by("position").first()
    assert first.framework_goal.reference == "1.1"


def test_import_into_a_named_organisation(tmp_path: Path) -> None:
    Organization.objects.create(name="Nordre Lia kommune", kind="municipality")
    strategy = load(rich_document(), organization="nordre-lia-kommune")
    assert strategy.organization.name == "Nordre Lia kommune"
    assert not Organization.objects.filter(name="Fjordvik kommune").exists()


def test_an_unknown_organisation_is_refused() -> None:
    before = row_counts()
    with pytest.raises(DocumentError, match="no organisation 'Nowhere'"):
        load(rich_document(), organization="Nowhere")
    assert row_counts() == before


def test_the_history_records_the_import_with_its_reason() -> None:
    strategy = load(rich_document(), reason="import fjordvik.json")
    measure = strategy.themes.first().measures.first()
    record = measure.history.get()
    assert record.history_type == "+"
    assert record.history_change_reason == "import fjordvik.json"
    assert strategy.history.get().history_change_reason == "import fjordvik.json"


@pytest.mark.parametrize(
    ("change", "path"),
    [
        (lambda d: d.update(format="planverk/2"), "$.format"),
        (
            lambda d: d["strategy"]["themes"][0].update(number=3),
            "$.strategy.themes[0].number",
        ),
        (
            lambda d: d["strategy"]["goal_assessments"][0]["status"].update(
                level="done"
            ),
            "$.strategy.goal_assessments[0].status.level",
        ),
        (lambda d: d["strategy"].update(version=""), "$.strategy.version"),
        (lambda d: d["strategy"].pop("units"), "$.strategy"),
    ],
)
def test_an_invalid_document_is_refused_with_its_json_path(
    change: Callable[[dict[str, Any]], Any], path: str
) -> None:
    document = rich_document()
    change(document)
    before = row_counts()
    with pytest.raises(DocumentError) as raised:
        load(document)
    assert raised.value.path == path
    assert row_counts() == before


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda s: s["themes"][0]["measures"][1].update(number="3.1"),
            "measure number '3.1' appears twice",
        ),
        (lambda s: s["period"].update(start=2030), "starts in 2030, after it ends"),
        (
            lambda s: s["revisions"][0].update(date="2023-02-30"),
            "'2023-02-30' is not a date",
        ),
        (
            lambda s: s["budget_totals"][1].update(computed_nok=3000000),
            "add up to 2500000",
        ),
        (lambda s: s.update(framework="ekommune-2099"), "unknown national agenda"),
    ],
)
def test_what_the_schema_cannot_see_is_refused_too(
    change: Callable[[dict[str, Any]], Any], message: str
) -> None:
    document = rich_document()
    change(document["strategy"])
    before = row_counts()
    with pytest.raises(DocumentError, match=message):
        load(document)
    assert row_counts() == before


def test_a_failure_late_in_the_import_leaves_the_database_as_it_was() -> None:
    # The bad link is only found after the organisation, units, themes and
    # measures have been written: the transaction must take them all back.
    document = rich_document()
    document["strategy"]["goal_assessments"][-1]["framework_goal"] = "99.1"
    before = row_counts()
    with pytest.raises(DocumentError, match=r"no goal 99\.1"):
        load(document)
    assert row_counts() == before


def test_the_import_command_refuses_an_invalid_file_with_exit_status_2(
    tmp_path: Path,
) -> None:
    bad = tmp_path / "bad.json"
    document = rich_document()
    document["organization"]["kind"] = "village"
    bad.write_text(json.dumps(document), encoding="utf-8")
    before = row_counts()
    with pytest.raises(CommandError) as raised:
        call_command("import", str(bad))
    assert raised.value.returncode == 2
    assert "$.organization.kind" in str(raised.value)
    assert str(bad) in str(raised.value)
    assert row_counts() == before


def test_the_import_command_names_the_line_of_broken_json(tmp_path: Path) -> None:
    bad = tmp_path / "broken.json"
    bad.write_text(
        '{\n  "format": "planverk/1",\n  "organization": ,\n}\n', encoding="utf-8"
    )
    with pytest.raises(CommandError) as raised:
        call_command("import", str(bad))
    assert raised.value.returncode == 2
    assert f"{bad}:3:" in str(raised.value)


def test_dry_run_stores_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "doc.json"
    path.write_text(json.dumps(rich_document()), encoding="utf-8")
    before = row_counts()
    call_command("import", str(path), dry_run=True)
    assert row_counts() == before
    out = capsys.readouterr().out
    assert "2 themes, 3 goals, 4 measures, 4 action items, 4 revisions" in out
    assert "total_mismatch ×1" in out


def test_a_public_export_carries_only_placeholders_of_exempt_parts() -> None:
    strategy = load(rich_document())
    public = dump(load_for_dump(strategy.pk, reader=PUBLIC))["strategy"]
    text = json.dumps(public, ensure_ascii=False)
    assert "Velferdsteknologi" not in text  # the exempt measure 21.1
    assert "Rådmannens ledergruppe" not in text  # the exempt decision
    assert "Intranett" not in text and "Videre utvikling" not in text  # item 10
    (measure,) = public["themes"][1]["measures"]
    assert measure["number"] == "21.1" and measure["proposed_by"] == []
    assert (measure["exempt"], measure["exempt_basis"]) == (
        True,
        "offl. § 24 tredje ledd",
    )
    assert [a["number"] for a in public["action_plan"]] == ["1", "2", "10", "17"]
    assert public["action_plan"][2]["amount_nok"] is None
    assert public["revisions"][3]["exempt_basis"] == "offl. § 14"
    assert [t["computed_nok"] for t in public["budget_totals"]] == [400000, 2500000]


def test_a_public_export_hides_totals_that_would_give_exempt_amounts_away() -> None:
    document = rich_document()
    item = document["strategy"]["action_plan"][1]  # item 2: 400 000
    item.update(exempt=True, exempt_basis="offl. § 23")
    strategy = load(document)
    public = dump(load_for_dump(strategy.pk, reader=PUBLIC))
    operating, investment = public["strategy"]["budget_totals"]
    assert operating["stated_nok"] is None and operating["includes_exempt"] is True
    assert operating["computed_nok"] == 0
    assert "400000" not in json.dumps(public)
    assert (investment["stated_nok"], "includes_exempt" in investment) == (
        3000000,
        False,
    )
    assert problems(public) == []
    again = load(public)  # the placeholder loads again, still exempt
    assert again.action_items.get(number="2").exempt_basis == "offl. § 23"
