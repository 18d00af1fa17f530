"""One way of writing an amount per language, on the page and in every report format."""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal

import openpyxl
import pytest
from django.test import Client
from django.utils import translation

from planverk.lib.numbers import amount_text, nok_text, number_text, separators
from planverk.reports.formats import make
from planverk.strategies.models import Strategy
from planverk.testing import make_strategy

NBSP = "\u00a0"
AMOUNT = 2_500_000  # the rich strategy's item 17
# Lithuanian groups with a space, as Norwegian does (Django's lt formats say ".").
WRITTEN = {
    "nb": f"2{NBSP}500{NBSP}000",
    "nn": f"2{NBSP}500{NBSP}000",
    "lt": f"2{NBSP}500{NBSP}000",
    "en": "2,500,000",
}


@pytest.mark.parametrize("language", ["nb", "nn", "lt", "en"])
def test_the_formatter_per_language(language: str) -> None:
    with translation.override(language):
        assert amount_text(AMOUNT) == WRITTEN[language]
        assert nok_text(AMOUNT) == f"{WRITTEN[language]}{NBSP}kr"
        assert amount_text(-AMOUNT) == "\u2212" + WRITTEN[language]  # a minus sign
        assert amount_text(None) == nok_text(None) == ""
        decimal = "." if language == "en" else ","
        assert number_text(Decimal("1234.5"), 1).endswith(f"234{decimal}5")
        assert separators()[1] == decimal


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["nb", "nn", "lt", "en"])
def test_page_html_odt_and_xlsx_write_an_amount_alike(language: str) -> None:
    strategy = make_strategy("approved")
    Strategy.objects.filter(pk=strategy.pk).update(language=language)
    strategy.refresh_from_db()
    written = WRITTEN[language]
    base = f"/o/{strategy.organization.slug}/s/{strategy.pk}/"
    page = Client().get(base + "handlingsplan/", HTTP_ACCEPT_LANGUAGE=language)
    assert page.status_code == 200 and page["Content-Language"] == language
    assert f"{written}{NBSP}kr" in page.content.decode()
    html = make("budget", "html", strategy, include_exempt=False).decode()
    assert f"{written}{NBSP}kr" in html
    odt = make("budget", "odt", strategy, include_exempt=False)
    with zipfile.ZipFile(io.BytesIO(odt)) as package:
        content = package.read("content.xml").decode()
    assert (
        f'office:value="{AMOUNT}"><text:p text:style-name="Table_20_Number">{written}<'
        in content
    )
    xlsx = make("budget", "xlsx", strategy, include_exempt=False)
    items = openpyxl.load_workbook(io.BytesIO(xlsx)).worksheets[0]
    (cell,) = [row[5] for row in items.iter_rows(min_row=2) if row[5].value == AMOUNT]
    # A number grouped in thousands, the reader's spreadsheet in the language's way.
    assert cell.number_format == "#,##0"
    assert items.parent.properties.language.startswith(language)
