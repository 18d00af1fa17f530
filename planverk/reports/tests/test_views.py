"""Reports in the browser: who gets which, in what form, and that exempt text stays out.

The text formats are also walked by strategies/tests/test_disclosure.py with
every other public URL; here the binary formats are opened and read.
"""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from planverk.organizations.models import Role
from planverk.reports.formats import FORMATS, KINDS
from planverk.site.tests import test_disclosure as disclosure
from planverk.strategies.models import Strategy
from planverk.testing import make_member, make_strategy, make_user

pytestmark = pytest.mark.django_db


def url(strategy: Strategy, kind: str, fmt: str) -> str:
    return f"/o/{strategy.organization.slug}/s/{strategy.pk}/rapport/{kind}.{fmt}"


def text_of(fmt: str, data: bytes) -> str:
    """The words in a report file, whatever its format."""
    if fmt == "pdf":
        return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    if fmt == "xlsx":
        book = openpyxl.load_workbook(io.BytesIO(data))
        return "\n".join(
            str(v) for ws in book for row in ws.iter_rows(values_only=True) for v in row
        )
    if fmt in ("odt", "ods"):
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return z.read("content.xml").decode()
    return data.decode()


def test_the_report_page_offers_every_kind_and_format(rich: Strategy) -> None:
    page = Client().get(f"/o/{rich.organization.slug}/s/{rich.pk}/rapporter/")
    assert page.status_code == 200
    html = page.content.decode()
    for kind in KINDS.values():
        for fmt in kind.formats:
            assert f"rapport/{kind.name}.{fmt}" in html


BINARY = [
    (kind.name, fmt)
    for kind in KINDS.values()
    for fmt in kind.formats
    if fmt in ("pdf", "odt", "xlsx", "ods")
]


@pytest.mark.parametrize(("kind", "fmt"), BINARY)
def test_a_binary_report_withholds_exempt_parts_from_the_public(
    kind: str, fmt: str
) -> None:
    """The disclosure walk's strategy: parts exempt by themselves and with their
    theme, and an exempt amount that a stated total would give away."""
    case = disclosure.make_case("Fjordvik kommune", "approved", disclosure._more_exempt)
    strategy = Strategy.objects.get(pk=case.pk)
    response = Client().get(url(strategy, kind, fmt))
    assert response.status_code == 200
    assert response["Content-Type"] == FORMATS[fmt].media_type
    words = text_of(fmt, response.content)
    assert kind != "strategy" or strategy.themes.first().title in words
    for text in disclosure.EXEMPT_TEXTS:
        assert text not in words
    assert not disclosure.EXEMPT_AMOUNT.search(words)


def test_members_get_the_exempt_parts(rich: Strategy) -> None:
    client = Client()
    client.force_login(make_member("anne", rich.organization, Role.READER))
    words = text_of("xlsx", client.get(url(rich, "budget", "xlsx")).content)
    assert "Intranett" in words


def test_a_draft_has_no_reports_for_outsiders_but_its_members_have(
    rich: Strategy,
) -> None:
    draft = make_strategy("draft", org="Lia kommune")
    outsider = Client()
    outsider.force_login(make_user("outsider"))
    for client in (Client(), outsider):
        assert client.get(url(draft, "strategy", "html")).status_code == 404
        assert (
            client.get(
                f"/o/{draft.organization.slug}/s/{draft.pk}/rapporter/"
            ).status_code
            == 404
        )
    member = Client()
    member.force_login(make_member("lia", draft.organization, Role.EDITOR))
    assert member.get(url(draft, "strategy", "html")).status_code == 200


def test_downloads_are_named_and_cannot_run_script(rich: Strategy) -> None:
    response = Client().get(url(rich, "budget", "csv"))
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert response["Content-Disposition"].endswith('-budget-2024-2027.csv"')
    assert "default-src 'none'" in response["Content-Security-Policy"]
    assert "script" not in response["Content-Security-Policy"]


@pytest.mark.parametrize(
    "path", ["nothing.pdf", "strategy.exe", "strategy.xlsx", "budget.odt.pdf"]
)
def test_unknown_reports_and_formats_are_not_found(rich: Strategy, path: str) -> None:
    base = f"/o/{rich.organization.slug}/s/{rich.pk}/rapport/"
    assert Client().get(base + path).status_code == 404


def test_a_changes_report_checks_what_it_compares(rich: Strategy) -> None:
    other = make_strategy("approved", org="Lia kommune")
    draft = make_strategy("draft", org=rich.organization.name)
    base = url(rich, "changes", "html")
    refused = Client().get(base + "?fra=2024-13-40")
    assert refused.status_code == 400
    page = BeautifulSoup(refused.content, "html.parser")
    error, date = page.select("#changes-error[role=alert], #changes-from")
    assert "2024-13-40" in error.get_text()
    assert date["aria-invalid"] == "true"
    assert Client().get(base + f"?mot={other.pk}").status_code == 404  # not ours
    assert Client().get(base + f"?mot={draft.pk}").status_code == 404  # not public
    assert Client().get(base + "?mot=x").status_code == 400  # not a version at all
    assert Client().get(base + "?fra=2020-01-01&til=2030-12-31").status_code == 200


def test_anonymous_readers_share_one_rendering(rich: Strategy) -> None:
    cache.clear()
    first = Client().get(url(rich, "budget", "csv"))
    with CaptureQueriesContext(connection) as queries:
        second = Client().get(url(rich, "budget", "csv"))
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert second["Content-Disposition"] == first["Content-Disposition"]
    assert len(queries) == 1  # the strategy's stamp, nothing rebuilt
