"""Years, amounts, months, dates and ids typed into a form: ASCII digits in range, or
refused next to the field with nothing changed.

Before these rules an amount too large for the database, or "²" (which
str.isdigit() passes and int() refuses), was a 500, and a start "tjuetolv" was
saved.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from planverk.strategies.models import ActionItem, GoalAssessment, Measure, Strategy
from planverk.strategies.tests.editing_setup import Draft, make_draft
from planverk.strategies.validation import (
    MAX_AMOUNT_NOK,
    day,
    near_period,
    thousands,
    whole_number,
)
from planverk.testing import row_counts

pytestmark = pytest.mark.django_db


@pytest.fixture
def client() -> Client:
    return Client(HTTP_ACCEPT_LANGUAGE="en")  # the assertions read English messages


@pytest.fixture
def draft() -> Draft:
    return make_draft()  # period 2024–2027: a part may name 2014–2037


def refused(client: Client, url: str, data: dict[str, Any], error_id: str) -> str:
    """POST *data*; assert it is refused with nothing stored; the error beside the field."""
    before = row_counts()
    response = client.post(url, data)
    assert response.status_code in (400, 422), response.status_code  # 422: editing
    assert row_counts() == before
    error = BeautifulSoup(response.content, "html.parser").find(id=error_id)
    assert error is not None, f"no #{error_id} in the page"
    return error.get_text(" ", strip=True)


# The rules themselves


@given(st.integers(min_value=0, max_value=MAX_AMOUNT_NOK))
def test_an_amount_written_in_thousands_reads_back(amount: int) -> None:
    assert whole_number(thousands(amount), grouped=True) == amount
    assert whole_number(f" {amount} ") == amount


@pytest.mark.parametrize(
    "text",
    ["²", "٣٠٠", "1e5", "1.5", "-5", "+5", "1,800,000", "18 00000", "1 800 000 ", ""],
)
def test_only_ascii_digits_are_a_number(text: str) -> None:
    assert whole_number(text) is None
    if text != "1 800 000 ":  # grouped, and the trailing space is stripped
        assert whole_number(text, grouped=True) is None


@pytest.mark.parametrize("text", ["٢٠٢٤-٠١-٠١", "2024-13-01", "20240101", "2024-W01-1"])
def test_a_day_is_yyyy_mm_dd(text: str) -> None:
    assert day(text) is None
    assert day(" 2024-02-29 ") == dt.date(2024, 2, 29)


def test_years_near_a_period_stay_in_the_sane_range() -> None:
    assert near_period(2024, 2027) == range(2014, 2038)
    assert near_period(1995, 2095) == range(1990, 2101)


# Editing forms


def measure_data(draft: Draft, **changes: str) -> dict[str, Any]:
    measure = draft.measure
    data = {
        "revision": str(measure.revision),
        "objective": measure.objective,
        "description": measure.description,
        "items": "\n".join(measure.items),
        "start": ", ".join(measure.start),
        "group": "",
        "units": [u.pk for u in measure.owners],
    }
    return {**data, **changes}


@pytest.mark.parametrize(
    ("start", "message"),
    [
        ("tjuetolv", "“tjuetolv” is not a year or a period"),
        ("2024, 20", "“20” is not a year or a period"),
        ("²⁰²⁴", "is not a year or a period"),
        ("٢٠٢٤", "is not a year or a period"),
        ("2050", "2050 is not a year from 2014 to 2037"),
        ("2013-2025", "2013 is not a year from 2014 to 2037"),
        ("2027-2024", "2027-2024 ends before it begins"),
        ("99999999999999999999999", "is not a year or a period"),
    ],
)
def test_a_measure_start_must_be_years_near_the_period(
    client: Client, draft: Draft, start: str, message: str
) -> None:
    client.force_login(draft.editor)
    url = f"{draft.base}/rediger/tiltak/{draft.measure.pk}/"
    data = measure_data(draft, start=start)
    error = refused(client, url, data, f"measure{draft.measure.pk}_start_error")
    assert message in error
    assert Measure.objects.get(pk=draft.measure.pk).start == ["2024"]


def test_a_measure_start_is_stored_as_the_importer_writes_it(
    client: Client, draft: Draft
) -> None:
    client.force_login(draft.editor)
    url = f"{draft.base}/rediger/tiltak/{draft.measure.pk}/"
    response = client.post(url, measure_data(draft, start=" 2025 – 2027, 2014,2037"))
    assert response.status_code == 302
    stored = Measure.objects.get(pk=draft.measure.pk).start
    assert stored == ["2025-2027", "2014", "2037"]


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        (
            "99999999999999999999999",
            "An amount can be at most 1 000 000 000 000 kroner",
        ),
        ("9223372036854775808", "An amount can be at most 1 000 000 000 000 kroner"),
        ("1000000000001", "An amount can be at most 1 000 000 000 000 kroner"),
        ("²", "Write the amount as a whole number of kroner"),
        ("٣٠٠", "Write the amount as a whole number of kroner"),
        ("1e5", "Write the amount as a whole number of kroner"),
        ("-5", "Write the amount as a whole number of kroner"),
        ("1.800.000", "Write the amount as a whole number of kroner"),
        ("18 00000", "Write the amount as a whole number of kroner"),
    ],
)
def test_an_amount_is_whole_kroner_up_to_a_trillion(
    client: Client, draft: Draft, amount: str, message: str
) -> None:
    client.force_login(draft.editor)
    url = f"{draft.base}/rediger/handlingsplan/2/"
    data = {"revision": "1", "amount_nok": amount}
    error = refused(client, url, data, f"item{draft.item.pk}_amount_nok_error")
    assert message in error.replace("\u00a0", " ")
    assert ActionItem.objects.get(pk=draft.item.pk).amount_nok == 400000


@pytest.mark.parametrize(
    ("amount", "stored"),
    [
        (" 1 800 000 ", 1_800_000),
        ("1\u00a0800\u00a0000", 1_800_000),
        ("1000000000000", MAX_AMOUNT_NOK),
        ("0", 0),
        ("", None),
    ],
)
def test_an_amount_may_be_written_in_thousands(
    client: Client, draft: Draft, amount: str, stored: int | None
) -> None:
    client.force_login(draft.editor)
    url = f"{draft.base}/rediger/handlingsplan/2/"
    response = client.post(url, {"revision": "1", "amount_nok": amount})
    assert response.status_code == 302
    assert ActionItem.objects.get(pk=draft.item.pk).amount_nok == stored


@pytest.mark.parametrize(
    ("as_of", "message"),
    [
        ("٢٠٢٤-٠٩", "Write the month as YYYY-MM"),
        ("2024-13", "Write the month as YYYY-MM"),
        ("0001-01", "1 is not a year from 2014 to 2037"),
        ("2099-01", "2099 is not a year from 2014 to 2037"),
    ],
)
def test_a_status_month_is_near_the_period(
    client: Client, draft: Draft, as_of: str, message: str
) -> None:
    client.force_login(draft.editor)
    url = f"{draft.base}/rediger/mal/{draft.goal.pk}/"
    data = {"revision": "1", "level": "partial", "as_of": as_of}
    error = refused(client, url, data, f"goal{draft.goal.pk}_as_of_error")
    assert message in error
    assert GoalAssessment.objects.get(pk=draft.goal.pk).revision == 1


def test_a_status_month_is_stored_as_written(client: Client, draft: Draft) -> None:
    client.force_login(draft.editor)
    url = f"{draft.base}/rediger/mal/{draft.goal.pk}/"
    data = {"revision": "1", "level": "partial", "as_of": " 2024-09 "}
    assert client.post(url, data).status_code == 302
    assert GoalAssessment.objects.get(pk=draft.goal.pk).as_of == "2024-09"


@pytest.mark.parametrize("revision", ["²", "٣", "99999999999999999999999", "0"])
def test_a_forged_revision_is_refused_not_a_500(
    client: Client, draft: Draft, revision: str
) -> None:
    client.force_login(draft.editor)
    url = f"{draft.base}/rediger/handlingsplan/2/"
    before = row_counts()
    response = client.post(url, {"revision": revision, "amount_nok": "1"})
    assert response.status_code == 422
    assert row_counts() == before


@pytest.mark.parametrize("measure", ["²", "99999999999999999999999"])
def test_a_forged_reorder_is_refused_not_a_500(
    client: Client, draft: Draft, measure: str
) -> None:
    client.force_login(draft.editor)
    url = f"{draft.base}/rediger/tema/3/rekkefolge/"
    before = row_counts()
    response = client.post(url, {"revision": "1", "measure": measure, "step": "-1"})
    assert response.status_code == 422
    assert row_counts() == before


# Publishing


@pytest.mark.parametrize(
    ("date", "message"),
    [
        ("9999-12-31", "9999 is not a year from 1990 to 2100"),
        ("0001-01-01", "1 is not a year from 1990 to 2100"),
        ("1989-12-31", "1989 is not a year from 1990 to 2100"),
        ("٢٠٢٤-٠١-٠١", "is not a date (YYYY-MM-DD)"),
        ("2024-02-30", "2024-02-30 is not a date (YYYY-MM-DD)"),
    ],
)
def test_a_decision_date_is_a_sane_day(
    client: Client, draft: Draft, date: str, message: str
) -> None:
    client.force_login(draft.editor)
    url = f"{draft.base}/publisering/godkjenn/"
    data = {"body": "Kommunestyret", "date": date, "reference": ""}
    assert message in refused(client, url, data, "id_date_error")
    assert Strategy.objects.get(pk=draft.strategy.pk).state == "draft"
