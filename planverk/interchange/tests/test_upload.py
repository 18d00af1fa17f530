"""Uploading a document: read, report, then confirm or cancel; nothing stored before."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from planverk.importers.tests.fixtures import KS_NB
from planverk.interchange.warnings import warning_label
from planverk.organizations.models import Organization, Role
from planverk.strategies.models import PendingImport, Strategy
from planverk.testing import Personas, make_member, make_personas

pytestmark = pytest.mark.django_db

URL = "/o/nordvik/importer/"


@pytest.fixture(autouse=True)
def media(settings: object, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]
    return tmp_path


@pytest.fixture
def org() -> Organization:
    return Organization.objects.create(name="Nordvik", slug="nordvik", kind="county")


@pytest.fixture
def personas(org: Organization) -> Personas:
    return make_personas(org)


@pytest.fixture
def editor(personas: Personas) -> Any:
    return personas.editor


@pytest.fixture
def editor_client(client: Client, editor: Any) -> Client:
    client.force_login(editor)
    return client


def document(text: str = KS_NB, name: str = "plan.txt") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(), content_type="text/plain")


def upload(client: Client, **fields: object) -> PendingImport:
    response = client.post(URL, {"document": document(), **fields})
    assert response.status_code == 302, response.content.decode()[:2000]
    pending = PendingImport.objects.get()
    assert response["Location"] == f"{URL}{pending.pk}/"
    return pending


def test_the_form_offers_the_readable_kinds(editor_client: Client) -> None:
    page = editor_client.get(URL).content.decode()
    assert 'accept=".docx,.odt,.txt,.html,.htm,.json"' in page
    assert 'enctype="multipart/form-data"' in page


def test_an_upload_shows_the_report_and_stores_nothing(
    editor_client: Client, media: Path
) -> None:
    pending = upload(editor_client)
    page = editor_client.get(f"{URL}{pending.pk}/").content.decode()
    assert "Digital plan 2011 - 2014" in page
    assert "plan.txt" in page
    assert Strategy.objects.count() == 0
    assert len(list((media / "imports").iterdir())) == 1


def test_the_report_groups_warnings_by_code_with_lines(editor_client: Client) -> None:
    pending = upload(editor_client)
    warnings = pending.document["import_report"]["warnings"]
    assert warnings, "the fixture has rows the importer cannot place"
    page = editor_client.get(f"{URL}{pending.pk}/").content.decode()
    first = warnings[0]
    count = sum(w["code"] == first["code"] for w in warnings)
    assert f"<summary>{warning_label(first['code'], count)}</summary>" in page
    assert first["code"] not in page  # the code is data, not words
    if first["line"]:
        assert f"{first['line']}:" in page


def test_the_stored_file_has_a_random_name(editor_client: Client, media: Path) -> None:
    pending = upload(editor_client)
    (stored,) = (media / "imports").iterdir()
    assert stored.name != "plan.txt"
    assert pending.stored_name == f"imports/{stored.name}"
    assert pending.document["import_report"]["source"]["filename"] == "plan.txt"


def test_confirming_stores_a_draft_and_forgets_the_upload(
    editor_client: Client,
    editor: object,
    media: Path,
    django_capture_on_commit_callbacks: Any,
) -> None:
    pending = upload(editor_client)
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(f"{URL}{pending.pk}/lagre/")
    strategy = Strategy.objects.get()
    assert response["Location"] == f"/o/nordvik/s/{strategy.pk}/publisering/"
    assert strategy.organization.slug == "nordvik"
    assert strategy.state == "draft"
    assert strategy.history.get().history_change_reason == "upload plan.txt"
    assert strategy.history.get().history_user == editor
    assert not PendingImport.objects.exists()
    assert list((media / "imports").iterdir()) == []


def test_cancelling_stores_nothing(
    editor_client: Client, media: Path, django_capture_on_commit_callbacks: Any
) -> None:
    pending = upload(editor_client)
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(f"{URL}{pending.pk}/avbryt/")
    assert response["Location"] == URL
    assert Strategy.objects.count() == 0
    assert not PendingImport.objects.exists()
    assert list((media / "imports").iterdir()) == []


def test_a_json_upload_marked_approved_is_stored_as_a_draft(
    editor_client: Client,
) -> None:
    from planverk.interchange.dump import to_json
    from planverk.testing import rich_document

    text = to_json(rich_document())  # its state is "approved"
    response = editor_client.post(URL, {"document": document(text, "plan.json")})
    pending = PendingImport.objects.get()
    assert response.status_code == 302
    editor_client.post(f"{URL}{pending.pk}/lagre/")
    assert Strategy.objects.get().state == "draft"


def test_a_parse_error_names_the_file_and_stores_nothing(
    editor_client: Client, media: Path
) -> None:
    bad = "Bare en linje uten noe kjent oppsett.\n"
    response = editor_client.post(URL, {"document": document(bad, "tull.txt")})
    assert response.status_code == 400
    page = response.content.decode()
    assert "tull.txt" in page
    assert 'id="id_document_error"' in page
    assert not PendingImport.objects.exists()
    assert list((media / "imports").iterdir()) == []


def test_an_unreadable_kind_is_refused(editor_client: Client) -> None:
    response = editor_client.post(URL, {"document": document("x", "plan.exe")})
    assert response.status_code == 400
    assert not PendingImport.objects.exists()


def test_an_oversized_file_is_refused(editor_client: Client, settings: object) -> None:
    settings.PLANVERK_UPLOAD_MAX_BYTES = 100  # type: ignore[attr-defined]
    response = editor_client.post(URL, {"document": document()})
    assert response.status_code == 400
    assert "MB" in response.content.decode()


def test_only_the_uploader_may_confirm_or_cancel(
    editor_client: Client, org: Organization
) -> None:
    pending = upload(editor_client)
    colleague = Client()  # a second editor: the persona is the uploader
    colleague.force_login(make_member("colleague", org, Role.EDITOR))
    assert colleague.get(f"{URL}{pending.pk}/").status_code == 404
    assert colleague.post(f"{URL}{pending.pk}/lagre/").status_code == 404
    assert colleague.post(f"{URL}{pending.pk}/avbryt/").status_code == 404
    assert PendingImport.objects.exists()
    assert Strategy.objects.count() == 0


def test_an_upload_older_than_a_day_cannot_be_confirmed(editor_client: Client) -> None:
    pending = upload(editor_client)
    PendingImport.objects.update(created=timezone.now() - dt.timedelta(days=1, hours=1))
    response = editor_client.post(f"{URL}{pending.pk}/lagre/")
    assert response.status_code == 409
    assert Strategy.objects.count() == 0
    assert editor_client.post(f"{URL}{pending.pk}/avbryt/").status_code == 302


@pytest.mark.parametrize("role", ["reader", "unit_editor"])
def test_only_editors_may_upload(client: Client, personas: Personas, role: str) -> None:
    client.force_login(getattr(personas, role))
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"document": document()}).status_code == 403
    assert not PendingImport.objects.exists()


def test_an_editor_of_another_organisation_may_not_upload(
    client: Client, personas: Personas
) -> None:
    client.force_login(personas.outsider)
    assert client.post(URL, {"document": document()}).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(
    client: Client, org: Organization
) -> None:
    response = client.post(URL, {"document": document()})
    assert response.status_code == 302
    assert not PendingImport.objects.exists()


def _file_bytes(kind: str, tmp_path: Path) -> bytes:
    """Real content of *kind*: a DOCX or ODT written by the importer's test builders."""
    from planverk.importers.tests.builders import write_docx, write_odt

    write = {"docx": write_docx, "odt": write_odt}[kind]
    return write(KS_NB, tmp_path / f"plan.{kind}").read_bytes()


def _refused(client: Client, media: Path, name: str, content: bytes) -> str:
    upload = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    # In English: the assertions read the English messages.
    response = client.post(URL, {"document": upload}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert not PendingImport.objects.exists()
    assert not (media / "imports").exists() or not any((media / "imports").iterdir())
    page = response.content.decode()
    # The reason sits next to the field, where the form's error goes.
    start = page.index('id="id_document_error"')
    return page[start : page.index("</div>", start)]


@pytest.mark.parametrize(
    ("name", "content", "found"),
    [
        ("plan.docx", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "neither a document"),
        ("plan.txt", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00", "neither a document"),
        ("plan.docx", b"PK\x05\x06" + b"\x00" * 18, "neither a document"),
        ("plan.json", b"<!DOCTYPE html><html><body><p>Plan</p>", "an HTML page"),
        ("plan.html", b'{"format": "planverk/1"}', "JSON"),
        ("plan.txt", b"<html><body><p>IKT-strategi</p></body></html>", "an HTML page"),
    ],
)
def test_content_that_is_not_what_the_name_says_is_refused(
    editor_client: Client, media: Path, name: str, content: bytes, found: str
) -> None:
    error = _refused(editor_client, media, name, content)
    assert name in error
    assert found in error


@pytest.mark.parametrize(("name", "kind"), [("plan.odt", "docx"), ("plan.docx", "odt")])
def test_a_word_file_named_as_the_other_kind_is_refused(
    editor_client: Client, media: Path, tmp_path: Path, name: str, kind: str
) -> None:
    error = _refused(editor_client, media, name, _file_bytes(kind, tmp_path))
    found = {"docx": "a Word document (DOCX)", "odt": "an OpenDocument text (ODT)"}
    assert found[kind] in error


@pytest.mark.parametrize("kind", ["docx", "odt"])
def test_word_files_of_the_kind_named_are_read(
    editor_client: Client, tmp_path: Path, kind: str
) -> None:
    content = _file_bytes(kind, tmp_path)
    upload = SimpleUploadedFile(f"plan.{kind}", content)
    response = editor_client.post(URL, {"document": upload})
    assert response.status_code == 302
    assert PendingImport.objects.get().document["strategy"]["title"]


def test_an_oversized_file_is_refused_before_it_is_read(
    editor_client: Client, media: Path, settings: object
) -> None:
    settings.PLANVERK_UPLOAD_MAX_BYTES = 2 * 2**20  # type: ignore[attr-defined]
    error = _refused(editor_client, media, "plan.txt", b"x" * (2 * 2**20 + 1))
    assert "larger than 2 MB" in error
