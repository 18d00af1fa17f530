"""`planverk revise --org ORG [--strategy ID] [--label L]`: the new version's id,
or on bad input a clear message, exit status 2 and nothing changed."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from planverk.strategies.models import Strategy
from planverk.testing import make_strategy, row_counts

pytestmark = pytest.mark.django_db


def revise(*args: str) -> str:
    out = io.StringIO()
    call_command("revise", *args, stdout=out)
    return out.getvalue()


def test_it_prints_the_new_versions_id() -> None:
    approved = make_strategy("approved")
    printed = revise("--org", "fjordvik-kommune")
    new = Strategy.objects.latest("pk")
    assert printed == f"{new.pk}\n"
    assert (new.revised_from, new.version_label, new.state) == (
        approved,
        "2.2",
        "draft",
    )


def test_it_revises_the_version_named_with_the_label_given() -> None:
    first = make_strategy("approved")
    second = make_strategy("draft")
    revise("--org", "Fjordvik kommune", "--strategy", str(first.pk), "--label", "3")
    new = Strategy.objects.latest("pk")
    assert (new.revised_from, new.version_label) == (first, "3")
    assert new.lineage == first.lineage != second.lineage


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--org", "nowhere"], "there is no organisation 'nowhere'"),
        (["--org", "fjordvik-kommune", "--strategy", "999"], "has no strategy 999"),
        (["--org", "fjordvik-kommune", "--label", " "], "a version label has"),
        (["--org", "fjordvik-kommune", "--label", "x" * 51], "a version label has"),
    ],
)
def test_bad_input_exits_2_and_changes_nothing(args: list[str], message: str) -> None:
    make_strategy("approved")
    counts = row_counts()
    with pytest.raises(CommandError) as refused:
        revise(*args)
    assert refused.value.returncode == 2
    assert message in str(refused.value)
    assert row_counts() == counts


def test_the_planverk_command_exits_2_without_a_traceback(tmp_path: Path) -> None:
    command = Path(sys.executable).parent / "planverk"
    env = {**os.environ, "DEBUG": "true", "PLANVERK_DATA": str(tmp_path)}
    for name in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL"):
        env.pop(name, None)
    done = subprocess.run(
        [str(command), "revise", "--org", "nowhere"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=settings.BASE_DIR,
    )
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert "there is no organisation 'nowhere'" in done.stderr
