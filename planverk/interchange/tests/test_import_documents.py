"""Importing real documents: stored whole, exported valid, stable on the way back."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from conftest import COUNTY_SEED, MUNICIPALITY_SEED
from planverk.format.schema import problems
from planverk.interchange.dump import dump, load_for_dump
from planverk.interchange.load import load
from planverk.organizations.models import Organization
from planverk.strategies.models import Measure, Strategy
from planverk.testing import row_counts

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("seed", [COUNTY_SEED, MUNICIPALITY_SEED])
def test_a_seed_imports_and_exports_stably(
    seed: str, seed_path: Callable[[str], Path], tmp_path: Path
) -> None:
    call_command("import", str(seed_path(seed)))
    strategy = Strategy.objects.get()
    first = dump(load_for_dump(strategy.pk))
    assert problems(first) == []
    again = dump(load_for_dump(load(first).pk))
    assert again == first


def test_the_county_seed_keeps_its_measures_and_units(
    seed_path: Callable[[str], Path],
) -> None:
    call_command("import", str(seed_path(COUNTY_SEED)))
    org = Organization.objects.get()
    assert org.kind == "county"
    assert Measure.objects.count() == 61
    measure = Measure.objects.get(number="20.2")
    assert "IKT-tjenesten" in [u.name for u in measure.owners]
    assert all(a.framework_goal for a in Strategy.objects.get().goal_assessments.all())


def test_the_municipality_seed_keeps_stated_and_computed_totals(
    seed_path: Callable[[str], Path],
) -> None:
    call_command("import", str(seed_path(MUNICIPALITY_SEED)))
    strategy = Strategy.objects.get()
    items = list(strategy.action_items.all())
    totals = {t.category: t for t in strategy.budget_totals.all()}
    assert len(items) == 21
    assert totals["operating"].stated_nok == 1_800_000
    assert totals["operating"].computed_from(items) == 1_800_000
    assert totals["investment"].stated_nok == 10_000_000
    assert totals["investment"].computed_from(items) == 9_100_000
    codes = [w["code"] for w in (strategy.import_report or {})["warnings"]]
    assert "total_mismatch" in codes


def test_an_unreadable_document_stores_nothing(tmp_path: Path) -> None:
    junk = tmp_path / "strategi.docx"
    junk.write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    with pytest.raises(CommandError) as raised:
        call_command("import", str(junk))
    assert raised.value.returncode == 2
    assert str(junk) in str(raised.value)
    assert not Organization.objects.exists()


def _docx_bytes(*paragraphs: str) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _sparse(path: Path) -> None:
    with path.open("wb") as f:
        f.truncate(50 * 2**20)  # 50 MB of holes: no disk used


BAD_FILES: dict[str, Callable[[Path], object]] = {
    "empty.txt": lambda p: p.write_bytes(b""),
    "junk.bin": lambda p: p.write_bytes(bytes(range(256)) * 8),
    "huge.txt": _sparse,
    "paragraphs.docx": lambda p: p.write_bytes(
        _docx_bytes("Dette er en plan, og det er ingen tabeller i den.")
    ),
    "truncated.docx": lambda p: p.write_bytes(_docx_bytes("Avbrutt.")[:3000]),
    "other.json": lambda p: p.write_text('{"format": "something/2", "items": []}'),
    "undecodable.txt": lambda p: p.write_bytes(
        "Mål og tiltak\n".encode() + b"\xff\xfe\x80"
    ),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_input_is_a_clean_error_that_stores_nothing(
    name: str, tmp_path: Path
) -> None:
    path = tmp_path / name
    BAD_FILES[name](path)
    before = row_counts()
    with pytest.raises(CommandError) as raised:
        call_command("import", str(path))
    assert raised.value.returncode == 2
    assert str(path) in str(raised.value)
    assert row_counts() == before


def test_the_planverk_command_exits_2_without_a_traceback(tmp_path: Path) -> None:
    junk = tmp_path / "junk.docx"
    junk.write_bytes(b"PK\x03\x04" + bytes(range(256)))
    command = Path(sys.executable).parent / "planverk"
    env = {**os.environ, "DEBUG": "true", "PLANVERK_DATA": str(tmp_path)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    done = subprocess.run(
        [str(command), "import", str(junk)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=settings.BASE_DIR,
    )
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert str(junk) in done.stderr
