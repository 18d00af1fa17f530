"""What the import says to a person is in plain words of their language; codes stay
data (planverk/1), and the command line still names its flags.

The bokmål sentences asserted here come from the catalogue: they pass once the
catalogue carries the msgids of planverk/interchange/warnings.py.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.utils import translation

from conftest import COUNTY_SEED
from planverk.importers import parse
from planverk.interchange.warnings import (
    language_name,
    layout_name,
    warning_label,
    warning_message,
)
from planverk.organizations.models import Organization
from planverk.strategies.models import PendingImport
from planverk.testing import make_personas
from planverk.tests.test_cli import run_planverk

pytestmark = pytest.mark.django_db

URL = "/o/nordvik/importer/"
# Text with a title and years, but no common word of any language the importer knows.
NO_LANGUAGE = "Qwerty zxcv 2010 - 2013\n\nAsdf ghjk lmnop qrst uvwx.\n"


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def editor_client(client: Client) -> Client:
    org = Organization.objects.create(name="Nordvik", slug="nordvik", kind="county")
    client.force_login(make_personas(org).editor)
    return client


def _error_next_to_the_field(response: Any) -> str:
    assert response.status_code == 400
    page = response.content.decode()
    start = page.index('id="id_document_error"')
    return html.unescape(page[start : page.index("</div>", start)])


def test_an_undetectable_language_asks_for_the_field_below_in_bokmal(
    editor_client: Client,
) -> None:
    upload = SimpleUploadedFile("plan.txt", NO_LANGUAGE.encode())
    response = editor_client.post(URL, {"document": upload})  # bokmål: the default
    error = _error_next_to_the_field(response)
    assert "plan.txt: " in error
    assert "Velg språket nedenfor" in error
    assert "--" not in error and "language" not in error
    page = response.content.decode()
    assert page.index('id="id_document_error"') < page.index('id="id_language"')
    assert not PendingImport.objects.exists()


def test_in_english_the_same_refusal_is_plain_too(editor_client: Client) -> None:
    upload = SimpleUploadedFile("plan.txt", NO_LANGUAGE.encode())
    editor_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    error = _error_next_to_the_field(editor_client.post(URL, {"document": upload}))
    assert "Choose the language below" in error and "--" not in error


def test_an_unknown_layout_is_said_without_its_code_names(
    editor_client: Client,
) -> None:
    upload = SimpleUploadedFile("plan.txt", NO_LANGUAGE.encode())
    editor_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = editor_client.post(URL, {"document": upload, "language": "nb"})
    error = _error_next_to_the_field(response)
    assert "Planverk does not recognise how this document is set up" in error
    assert "layout" not in error and "fits" not in error


def test_the_command_line_still_names_its_flag_and_exits_with_2(
    tmp_path: Path,
) -> None:
    path = tmp_path / "plan.txt"
    path.write_text(NO_LANGUAGE, encoding="utf-8")
    with pytest.raises(CommandError) as refused:
        call_command("parse", str(path))
    assert refused.value.returncode == 2
    assert str(refused.value) == (
        f"{path}: cannot tell the document's language; give --language"
    )
    done = run_planverk("parse", str(path), PLANVERK_DATA=str(tmp_path))
    assert done.returncode == 2
    assert done.stderr.strip().endswith("give --language"), done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_the_seeds_report_page_has_labels_and_messages_not_codes(
    editor_client: Client, seed_path: Callable[[str], Path]
) -> None:
    path = seed_path(COUNTY_SEED)
    upload = SimpleUploadedFile(path.name, path.read_bytes())
    response = editor_client.post(URL, {"document": upload})
    assert response.status_code == 302
    pending = PendingImport.objects.get()
    page = html.unescape(editor_client.get(response["Location"]).content.decode())
    warnings = pending.document["import_report"]["warnings"]
    with translation.override("nb"):
        label = warning_label("status_without_goal", 3)
        messages = [warning_message(w) for w in warnings]
        layout, language = layout_name("ks-ekommune"), language_name("nb")
    assert f"<summary>{label}</summary>" in page
    assert "3 statuser uten tilhørende mål" in page  # the catalogue's bokmål
    for warning, message in zip(warnings, messages, strict=True):
        assert f"{warning['line']}: {message}</li>" in page
    assert "Status 5 i tema 7" in page
    for code in ("status_without_goal", "ks-ekommune", "(3)"):
        assert code not in page
    assert f"<dd>{layout}</dd>" in page and f"<dd>{language}</dd>" in page


def test_a_warning_keeps_its_code_and_names_its_params_as_data(
    seed_path: Callable[[str], Path],
) -> None:
    document = parse(seed_path(COUNTY_SEED)).document
    first = document["import_report"]["warnings"][0]
    assert first["code"] == "status_without_goal"
    assert first["message"].startswith("status 5 in theme 7 has no goal 5: ")
    assert first["params"]["status"] == 5 and first["params"]["theme"] == "7"


def test_a_warning_without_params_keeps_the_words_it_came_with() -> None:
    stored = {"code": "status_without_goal", "message": "as written", "line": 3}
    assert warning_message(stored) == "as written"
    odd = {**stored, "params": {"status": 5}}  # not all it names
    assert warning_message(odd) == "as written"
    assert warning_message({**stored, "code": "new_kind", "params": {}}) == (
        "as written"
    )
    with translation.override("en"):
        assert warning_label("new_kind", 2) == "2 other warnings"
