"""A backup holds password hashes and exempt parts: only its owner may read it."""

from __future__ import annotations

import io
import os
import stat
from pathlib import Path

import pytest
from django.core.management import call_command

from planverk.interchange.tests.test_backup import backup, empty_database
from planverk.organizations.models import Organization
from planverk.testing import make_personas, make_strategy

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("national_agenda"),
]


def populate() -> None:
    strategy = make_strategy("approved")  # and its organisation, units, history
    make_personas(strategy.organization)  # accounts.json holds their password hashes


def modes(folder: Path) -> dict[str, int]:
    return {
        str(p.relative_to(folder)): stat.S_IMODE(os.stat(p).st_mode)
        for p in [folder, *folder.rglob("*")]
    }


@pytest.mark.parametrize("mask", [0o022, 0o000, 0o777], ids=oct)
def test_the_backup_is_its_owners_alone_whatever_the_umask(
    tmp_path: Path, mask: int
) -> None:
    populate()
    previous = os.umask(mask)
    try:
        folder = backup(tmp_path / "backup")
    finally:
        os.umask(previous)
    found = modes(folder)
    assert {".", "organizations", "organizations/fjordvik-kommune"} <= set(found)
    assert {"manifest.json", "accounts.json", "history.json"} <= set(found)
    wrong = {
        name: oct(mode)
        for name, mode in found.items()
        if mode != (0o700 if (folder / name).is_dir() else 0o600)
    }
    assert wrong == {}


def restore(folder: Path) -> str:
    """Restores *folder* into the emptied database; returns what it said on stderr."""
    empty_database()
    stderr = io.StringIO()
    call_command("restore", str(folder), stdout=io.StringIO(), stderr=stderr)
    assert Organization.objects.filter(slug="fjordvik-kommune").exists()
    return stderr.getvalue()


def test_restoring_a_backup_others_may_read_warns_and_restores(tmp_path: Path) -> None:
    populate()
    folder = backup(tmp_path / "backup")
    folder.chmod(0o755)
    (folder / "accounts.json").chmod(0o644)
    warning = restore(folder)
    assert warning.startswith(
        f"warning: {folder} holds password hashes and exempt parts, but group or "
        "others may read or write 2 of its files and folders "
        f"(such as {folder}); make it private: chmod -R go-rwx {folder}"
    )


@pytest.mark.parametrize("mode", [0o620, 0o602, 0o640], ids=oct)
def test_a_single_file_others_may_read_or_write_is_warned_of(
    tmp_path: Path, mode: int
) -> None:
    populate()
    folder = backup(tmp_path / "backup")
    exposed = folder / "organizations" / "fjordvik-kommune" / "organization.json"
    exposed.chmod(mode)
    assert f"1 of its files and folders (such as {exposed})" in restore(folder)


def test_restoring_a_private_backup_warns_of_nothing(tmp_path: Path) -> None:
    populate()
    assert restore(backup(tmp_path / "backup")) == ""
