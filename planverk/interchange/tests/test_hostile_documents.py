"""Hostile documents (deep JSON, zip bombs, lying ZIP directories) on the command
line and the upload page: a clean refusal naming the file, nothing stored, and
no uploaded file left behind."""

from __future__ import annotations

import html
import json
import os
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from planverk.importers.tests.zips import (
    DOCUMENT,
    Member,
    deflated_zeros,
    docx_archive,
    zeros_crc,
)
from planverk.organizations.models import Organization
from planverk.strategies.models import PendingImport
from planverk.testing import make_personas, rich_document, row_counts

pytestmark = pytest.mark.django_db

URL = "/o/nordvik/importer/"
DEEP_JSON = ('{"strategy": ' + "[" * 200_000 + "]" * 200_000 + "}").encode()
DEEP_REASON = "nested too deeply (more than 64 levels)"
BOMB_REASON = "the ZIP archive unpacks to more than 200 MB"
# What the upload page says instead, in plain words (interchange/warnings.py).
DEEP_WORDS = "The file is not a strategy document in Planverk's own format."
BOMB_WORDS = "The file unpacks to far more than a strategy document holds"
# Declared as 300 MB; its data would fail to inflate, had anything tried.
BOMB = docx_archive(Member(DOCUMENT, random.Random(1).randbytes(4096), 300 * 2**20, 0))
# 64 MB of zeros declared as 1000 bytes, with a checksum of the first 1000.
LIAR = docx_archive(Member(DOCUMENT, deflated_zeros(64 * 2**20), 1000, zeros_crc(1000)))


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    """Uploaded files go to a folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def editor_client(client: Client, media: Path) -> Client:
    org = Organization.objects.create(name="Nordvik", slug="nordvik", kind="county")
    client.force_login(make_personas(org).editor)
    return client


def _refused_upload(client: Client, media: Path, name: str, content: bytes) -> str:
    """The message next to the upload field, once the refusal is known to have
    stored nothing and left no file behind."""
    upload = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    response = client.post(URL, {"document": upload}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert not PendingImport.objects.exists()
    assert not any((media / "imports").glob("*"))
    page = response.content.decode()
    start = page.index('id="id_document_error"')
    return html.unescape(page[start : page.index("</div>", start)])


def test_deep_json_is_refused_next_to_the_field(
    editor_client: Client, media: Path
) -> None:
    error = _refused_upload(editor_client, media, "plan.json", DEEP_JSON)
    assert f"plan.json: {DEEP_WORDS}" in error
    assert "nested" not in error


def test_a_zip_bomb_is_refused_with_its_reason(
    editor_client: Client, media: Path
) -> None:
    error = _refused_upload(editor_client, media, "plan.docx", BOMB)
    assert f"plan.docx: {BOMB_WORDS}" in error
    assert "ZIP" not in error


def test_a_lying_zip_directory_is_refused_as_damaged(
    editor_client: Client, media: Path
) -> None:
    error = _refused_upload(editor_client, media, "plan.docx", LIAR)
    assert "plan.docx: The file is damaged and cannot be opened." in error
    assert "word/document.xml" not in error


def test_an_upload_over_the_limits_is_refused_before_its_report(
    editor_client: Client, media: Path
) -> None:
    document = rich_document()
    document["strategy"]["themes"][0]["measures"][0]["objective"] = "o" * 2001
    content = json.dumps(document).encode()
    error = _refused_upload(editor_client, media, "plan.json", content)
    assert "plan.json: Measure 3.1: the objective has 2001 characters" in error


def test_an_upload_that_fails_unexpectedly_leaves_no_file(
    editor_client: Client, media: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*args: Any, **kwargs: Any) -> None:
        raise MemoryError

    monkeypatch.setattr("planverk.interchange.views.parse", fail)
    upload = SimpleUploadedFile("plan.txt", b"IKT-strategi\n")
    with pytest.raises(MemoryError):
        editor_client.post(URL, {"document": upload})
    assert (media / "imports").is_dir()
    assert not any((media / "imports").glob("*"))
    assert not PendingImport.objects.exists()


@pytest.mark.parametrize("command", ["parse", "import"])
@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [("plan.json", DEEP_JSON, DEEP_REASON), ("plan.docx", BOMB, BOMB_REASON)],
)
def test_the_commands_refuse_with_status_2(
    tmp_path: Path, command: str, name: str, content: bytes, reason: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    before = row_counts()
    with pytest.raises(CommandError) as refused:
        call_command(command, str(path))
    assert refused.value.returncode == 2
    assert str(refused.value) == f"{path}: {reason}"
    assert row_counts() == before


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [("plan.json", DEEP_JSON, DEEP_REASON), ("plan.docx", BOMB, BOMB_REASON)],
)
def test_the_planverk_command_prints_one_line(
    tmp_path: Path, name: str, content: bytes, reason: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    env = {**os.environ, "DEBUG": "true", "PLANVERK_DATA": str(tmp_path)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    done = subprocess.run(
        [str(Path(sys.executable).parent / "planverk"), "parse", str(path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=settings.BASE_DIR,
    )
    assert done.returncode == 2, done.stderr
    assert done.stderr == f"CommandError: {path}: {reason}\n"
    assert done.stdout == ""
