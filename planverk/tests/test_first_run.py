"""The first run: every verb works on a fresh clone, with no environment set.

The end-to-end tests copy the working tree (tracked and new files, as a clone
would have them with everyone's changes) to a folder of their own and run the
installed console script there, against a data folder that does not exist yet.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import get_commands, load_command_class

from planverk import datafolder
from planverk.cli import OWN_WORDS, VERBS

PLANVERK = Path(sys.executable).parent / "planverk"  # the installed console script
DOCUMENT = {
    "format": "planverk/1",
    "organization": {
        "name": "Nyby kommune",
        "kind": "municipality",
        "country": "NO",
        "code": None,
    },
    "strategy": {
        "title": "IKT-strategi 2025–2028 for Nyby",
        "language": "nb",
        "period": {"start": 2025, "end": 2028},
        "version": None,
        "vision": "Digitalt først, for alle",
        "sections": [
            {"number": "1", "title": "Innledning", "text": "Den gjelder hele kommunen."}
        ],
        "units": [],
        "revisions": [],
        "glossary": [],
        "themes": [],
        "goal_assessments": [],
        "action_plan": [],
        "budget_totals": [],
    },
}
NEW_DATABASE = "planverk: a new SQLite database, {}: creating its tables first"
NO_TABLES = "planverk: the database has no Planverk tables yet: run planverk migrate"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# ------------------------------------------------------------ the data folder's key


def test_the_key_is_made_once_and_is_the_owners_alone(tmp_path: Path) -> None:
    folder = tmp_path / "new" / "data"
    old_umask = os.umask(0)  # the modes must not depend on it
    try:
        key = datafolder.secret_key(folder)
    finally:
        os.umask(old_umask)
    assert mode(folder) == 0o700
    assert mode(folder / "secret_key") == 0o600
    assert len(key) >= 50
    assert datafolder.secret_key(folder) == key
    assert sorted(p.name for p in folder.iterdir()) == ["secret_key"]


def test_an_existing_folder_keeps_its_mode(tmp_path: Path) -> None:
    tmp_path.chmod(0o750)
    datafolder.secret_key(tmp_path)
    assert mode(tmp_path) == 0o750


def test_a_damaged_key_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "secret_key").write_text("short\n")
    with pytest.raises(ImproperlyConfigured, match="secret_key: not a key"):
        datafolder.secret_key(tmp_path)


def test_only_the_command_line_on_sqlite_gets_the_key_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(datafolder, "_offered", "none")
    assert datafolder.fallback_key(tmp_path, sqlite=True) == ""
    monkeypatch.setattr(datafolder, "_offered", "file")
    assert datafolder.fallback_key(tmp_path, sqlite=False) == ""
    assert not (tmp_path / "secret_key").exists()
    key = datafolder.fallback_key(tmp_path, sqlite=True)
    assert key == (tmp_path / "secret_key").read_text().strip()
    monkeypatch.setattr(datafolder, "_offered", "throwaway")
    assert datafolder.fallback_key(tmp_path / "other", sqlite=True) not in ("", key)
    assert not (tmp_path / "other").exists()


# ------------------------------------------------------------ from a fresh clone


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The working tree's files, as a fresh clone (after `make setup`) has them."""
    source = Path(settings.BASE_DIR)
    try:
        listed = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=source,
            capture_output=True,
            check=True,
            timeout=60,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git working tree")
    target = tmp_path_factory.mktemp("clone")
    for name in listed.decode().split("\0"):
        if name and (source / name).is_file():  # skip files deleted, not yet committed
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source / name, target / name)
    # What `make setup` installs besides the virtualenv: the npm packages.
    if (source / "node_modules").is_dir():
        (target / "node_modules").symlink_to(source / "node_modules")
    return target


def run(
    clone: Path, *args: str, data: Path, **env: str
) -> subprocess.CompletedProcess[str]:
    """The installed `planverk` in the clone, with no Planverk settings set."""
    environment = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PLANVERK_", "DJANGO_", "SECURE_"))
        and k not in ("SECRET_KEY", "DEBUG", "DATABASE_URL", "ALLOWED_HOSTS")
    }
    # The virtualenv's editable install points at the working tree: the clone's
    # own files come first.
    environment.update(PYTHONPATH=str(clone), PLANVERK_DATA=str(data), **env)
    return subprocess.run(
        [str(PLANVERK), *args],
        cwd=clone,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_clone_runs_its_own_code(clone: Path) -> None:
    found = subprocess.run(
        [sys.executable, "-c", "import planverk; print(planverk.__file__)"],
        env={**os.environ, "PYTHONPATH": str(clone)},
        cwd=clone.parent,  # not the working tree, which -c would put first
        capture_output=True,
        text=True,
        check=True,
    )
    assert found.stdout.strip() == str(clone / "planverk" / "__init__.py")


def test_help_lists_the_verbs_with_their_help(clone: Path, tmp_path: Path) -> None:
    shown = run(clone, "--help", data=tmp_path / "data")
    assert shown.returncode == 0, shown.stderr
    assert shown.stderr == ""
    words = " ".join(shown.stdout.split())
    commands = get_commands()
    for verb in VERBS:
        own = OWN_WORDS.get(verb) or load_command_class(commands[verb], verb).help
        assert f" {verb} {' '.join(str(own).split())}" in words
    assert not (tmp_path / "data" / "secret_key").exists()


@dataclass
class FirstRun:
    data: Path
    imported: subprocess.CompletedProcess[str]
    key_after_import: str
    exported: subprocess.CompletedProcess[str]
    key_after_export: str


@pytest.fixture(scope="module")
def first_run(clone: Path, tmp_path_factory: pytest.TempPathFactory) -> FirstRun:
    """`planverk import`, then `planverk export`, on a data folder not made yet."""
    work = tmp_path_factory.mktemp("first-run")
    document = work / "nyby.json"
    document.write_text(json.dumps(DOCUMENT, ensure_ascii=False), encoding="utf-8")
    data = work / "data"
    imported = run(clone, "import", str(document), data=data)
    key_after_import = (data / "secret_key").read_text()
    exported = run(clone, "export", "--org", "nyby-kommune", data=data)
    key_after_export = (data / "secret_key").read_text()
    return FirstRun(data, imported, key_after_import, exported, key_after_export)


def test_import_migrates_the_new_database_and_stores_the_strategy(
    first_run: FirstRun,
) -> None:
    imported = first_run.imported
    assert imported.returncode == 0, imported.stderr
    database = first_run.data / "planverk.sqlite3"
    assert imported.stderr.splitlines() == [NEW_DATABASE.format(database)]
    assert imported.stdout.splitlines()[-1] == "stored as strategy 1 of nyby-kommune"


def test_export_prints_it_with_the_same_key(first_run: FirstRun) -> None:
    exported = first_run.exported
    assert exported.returncode == 0, exported.stderr
    assert exported.stderr == ""  # migrated already
    assert json.loads(exported.stdout)["strategy"]["title"] == (
        "IKT-strategi 2025–2028 for Nyby"
    )
    assert first_run.key_after_export == first_run.key_after_import


def test_the_key_file_is_the_owners_alone(first_run: FirstRun) -> None:
    assert mode(first_run.data) == 0o700
    assert mode(first_run.data / "secret_key") == 0o600


def test_serve_refuses_the_data_folders_key(clone: Path, first_run: FirstRun) -> None:
    refused = run(clone, "serve", "--port", "8765", data=first_run.data)
    assert refused.returncode == 2
    assert refused.stdout == ""
    [line] = refused.stderr.splitlines()
    assert line.startswith("planverk: SECRET_KEY is not set: serving")


def test_development_mode_on_a_new_data_folder_migrates_too(
    clone: Path, tmp_path: Path
) -> None:
    listed = run(clone, "framework", "list", data=tmp_path, DEBUG="true")
    assert listed.returncode == 0, listed.stderr
    assert listed.stderr.splitlines() == [
        NEW_DATABASE.format(tmp_path / "planverk.sqlite3")
    ]
    assert not (tmp_path / "secret_key").exists()  # development has its own key


# ------------------------------------------------------------ PostgreSQL


def postgres_server() -> str:
    given = os.environ.get("DATABASE_URL", "")
    if given.startswith(("postgres://", "postgresql://")):
        return given.rsplit("/", 1)[0]
    return os.environ.get("PGSERVER", "postgresql://postgres@127.0.0.1:5432")


@pytest.fixture
def empty_postgres() -> Iterator[str]:
    """A new PostgreSQL database without tables; dropped afterwards."""
    psycopg = pytest.importorskip("psycopg")
    server = postgres_server()
    name = f"planverk_first_run_{uuid.uuid4().hex[:8]}"
    try:
        admin = psycopg.connect(
            f"{server}/postgres", autocommit=True, connect_timeout=3
        )
    except psycopg.OperationalError as e:
        pytest.skip(f"no PostgreSQL server at {server}: {e}")
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield f"{server}/{name}"
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.parametrize("verb", [["export", "--org", "nyby"], ["serve"]])
def test_postgresql_without_tables_says_run_migrate(
    clone: Path, tmp_path: Path, empty_postgres: str, verb: list[str]
) -> None:
    refused = run(
        clone,
        *verb,
        data=tmp_path,
        DATABASE_URL=empty_postgres,
        SECRET_KEY="Zq9-" + "k" * 50,
    )
    assert refused.returncode == 2
    assert refused.stderr.splitlines() == [NO_TABLES]
    assert refused.stdout == ""


def test_postgresql_needs_the_deployments_key(
    clone: Path, tmp_path: Path, empty_postgres: str
) -> None:
    refused = run(
        clone, "export", "--org", "nyby", data=tmp_path, DATABASE_URL=empty_postgres
    )
    assert refused.returncode == 2
    [line] = refused.stderr.splitlines()
    assert line.startswith("planverk: SECRET_KEY is not set: with DATABASE_URL")
    assert not (tmp_path / "secret_key").exists()
