"""In the browser: an editor uploads a DOCX, cancels, uploads again and confirms."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pytest
from django.test import Client

from planverk.importers.blocks import Table
from planverk.importers.sources.text import text_to_blocks
from planverk.importers.tests.fixtures import KS_NB
from planverk.organizations.models import Organization
from planverk.strategies.models import PendingImport, Strategy
from planverk.testing import make_personas

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("national_agenda"),
]


def write_docx(text: str, path: Path) -> Path:
    """The fixture text as Word holds it: paragraphs, and tables for tabbed rows."""
    document = docx.Document()
    for block in text_to_blocks(text):
        if not isinstance(block, Table):
            document.add_paragraph(block.text)
            continue
        width = max(len(row.cells) for row in block.rows)
        table = document.add_table(rows=len(block.rows), cols=width)
        for row, source in zip(table.rows, block.rows, strict=True):
            for cell, content in zip(row.cells, source.cells, strict=False):
                cell.text = content
    document.save(str(path))
    return path


def log_in(page: Any, live_server: Any, user: Any) -> None:
    client = Client()
    client.force_login(user)
    cookie = {"name": "sessionid", "value": client.cookies["sessionid"].value}
    page.context.add_cookies([{**cookie, "url": live_server.url}])


def upload(page: Any, live_server: Any, path: Path) -> None:
    page.goto(f"{live_server.url}/o/nordvik/importer/")
    page.locator("input[type=file]").set_input_files(str(path))
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/importer/*/")


def test_an_editor_uploads_cancels_and_confirms(
    live_server: Any,
    page: Any,
    axe: Callable[[Any], list[dict[str, Any]]],
    tmp_path: Path,
    settings: Any,
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    Organization.objects.create(name="Nordvik", slug="nordvik", kind="county")
    org = Organization.objects.get(slug="nordvik")
    log_in(page, live_server, make_personas(org).editor)
    plan = write_docx(KS_NB, tmp_path / "digital-plan.docx")

    page.goto(f"{live_server.url}/o/nordvik/importer/")
    assert axe(page) == []
    upload(page, live_server, plan)
    assert "Digital plan 2011 - 2014" in page.locator("main").inner_text()
    report = page.locator("main").inner_text()
    assert "har ikke noe tiltaksnummer" in report  # the warning in plain Norwegian
    assert "unparsed_table_row" not in report
    assert axe(page) == []
    assert Strategy.objects.count() == 0

    page.locator("form[action='avbryt/'] button").click()
    page.wait_for_url("**/o/nordvik/importer/")
    assert PendingImport.objects.count() == 0
    assert Strategy.objects.count() == 0

    upload(page, live_server, plan)
    page.locator("form[action='lagre/'] button").click()
    page.wait_for_url("**/publisering/")
    strategy = Strategy.objects.get()
    assert strategy.title == "Digital plan 2011 - 2014"
    assert strategy.state == "draft"
    assert PendingImport.objects.count() == 0
    assert axe(page) == []


def test_the_approval_form_is_accessible_with_errors(
    live_server: Any, page: Any, axe: Callable[[Any], list[dict[str, Any]]]
) -> None:
    from planverk.interchange.load import load
    from planverk.testing import rich_document

    document = rich_document()
    document["strategy"]["state"] = "hearing"
    strategy = load(document)
    log_in(page, live_server, make_personas(strategy.organization).editor)
    base = (
        f"{live_server.url}/o/{strategy.organization.slug}/s/{strategy.pk}/publisering/"
    )
    page.goto(base + "godkjenn/")
    page.locator("main form button[type=submit]").click()  # everything empty
    page.wait_for_load_state()
    assert page.locator(".ds-validation-message").count() == 2
    assert axe(page) == []
    page.locator("#id_body").fill("Kommunestyret")
    page.locator("#id_date").fill("2024-06-20")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(base)
    assert Strategy.objects.get(pk=strategy.pk).state == "approved"
    assert axe(page) == []
