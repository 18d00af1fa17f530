"""`planverk report`: every kind in its formats, clean refusals for what cannot be."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from planverk.strategies.models import Strategy
from planverk.strategies.tests.versions_setup import next_version
from planverk.testing import make_strategy

pytestmark = pytest.mark.django_db


def report(tmp_path: Path, *args: str) -> Path:
    out = tmp_path / "out"
    call_command("report", *args, "-o", str(out), verbosity=0)
    return out


def test_the_budget_of_the_municipality_as_csv(
    municipality: Strategy, tmp_path: Path
) -> None:
    out = report(
        tmp_path, "budget", "--org", municipality.organization.slug, "--format", "csv"
    )
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert len(rows) > 20  # a header and the 21 action items
    assert any("400000" in row for row in rows)


def test_exempt_parts_are_in_unless_public(rich: Strategy, tmp_path: Path) -> None:
    org = rich.organization.slug
    full = report(tmp_path, "budget", "--org", org, "--format", "csv").read_text()
    assert "Intranett" in full
    public = report(
        tmp_path, "budget", "--org", org, "--format", "csv", "--public"
    ).read_text()
    assert "Intranett" not in public


def test_changes_against_another_version(rich: Strategy, tmp_path: Path) -> None:
    newer = next_version(rich, "draft")
    goal = newer.goal_assessments.exclude(level="achieved").first()
    goal.level = "achieved"
    goal.save()
    out = report(
        tmp_path,
        "changes",
        "--org",
        rich.organization.slug,
        "--strategy",
        str(newer.pk),
        "--against",
        str(rich.pk),
        "--format",
        "csv",
    )
    text = out.read_text(encoding="utf-8-sig")
    assert goal.goal_text[:30] in text


def test_every_organisations_adopted_budget_in_one_table(
    rich: Strategy, tmp_path: Path
) -> None:
    make_strategy("draft", org=rich.organization.name)  # not adopted: left out
    make_strategy("approved", org="Lia kommune")
    newest = make_strategy("approved", org="Lia kommune")
    newest.title = "Lia 2.0"
    newest.save()
    out = report(tmp_path, "budget", "--all", "--format", "xlsx", "--public")
    book = openpyxl.load_workbook(io.BytesIO(out.read_bytes()))
    items, totals = book.worksheets
    listed = [(row[0], row[1]) for row in totals.iter_rows(min_row=2, values_only=True)]
    assert [org for org, _name in listed[:-1]] == ["Fjordvik kommune", "Lia kommune"]
    assert listed[1][1].startswith("Lia 2.0")
    titles = {row[3] for row in items.iter_rows(min_row=2, values_only=True)}
    assert "Intranett" not in titles  # exempt, and --public
    full = report(tmp_path, "budget", "--all", "--format", "csv").read_text()
    assert "Intranett" in full


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["progress", "--all", "--format", "csv"], "only the budget"),
        (["budget", "--all", "--format", "pdf"], "comes as ods, xlsx, csv"),
        (
            ["budget", "--all", "--format", "csv", "--strategy", "3", "--to", "2020"],
            "takes no --strategy, --to",
        ),
        (
            ["strategy", "--org", "Nowhere", "--format", "pdf"],
            "no organisation 'Nowhere'",
        ),
        (["strategy", "--org", "fjordvik-kommune", "--format", "xlsx"], "not 'xlsx'"),
        (
            [
                "strategy",
                "--org",
                "fjordvik-kommune",
                "--strategy",
                "999",
                "--format",
                "pdf",
            ],
            "no strategy 999",
        ),
        (
            [
                "changes",
                "--org",
                "fjordvik-kommune",
                "--format",
                "csv",
                "--from",
                "juni",
            ],
            "not a date",
        ),
        (
            [
                "changes",
                "--org",
                "fjordvik-kommune",
                "--format",
                "csv",
                "--against",
                "999",
            ],
            "no strategy 999",
        ),
    ],
)
def test_what_cannot_be_made_is_refused_by_name(
    rich: Strategy, tmp_path: Path, args: list[str], message: str
) -> None:
    with pytest.raises(CommandError, match=message) as refused:
        report(tmp_path, *args)
    assert refused.value.returncode == 2
    assert not (tmp_path / "out").exists()
