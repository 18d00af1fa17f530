"""Dates for people in one style per language, partial dates alike; ISO for machines."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.conf import settings
from django.utils import timezone, translation

from planverk.lib.dates import DAY, MONTH, YEAR, date_text, iso_text, month_text

DAY_16 = dt.date(2010, 1, 16)


@pytest.mark.parametrize(
    ("language", "day", "month", "year"),
    [
        ("nb", "16. januar 2010", "januar 2010", "2010"),
        ("nn", "16. januar 2010", "januar 2010", "2010"),
        ("en", "16 January 2010", "January 2010", "2010"),
        ("lt", "2010 m. sausio 16 d.", "2010 m. sausis", "2010 m."),
    ],
)
def test_a_date_in_each_language_as_precise_as_its_source(
    language: str, day: str, month: str, year: str
) -> None:
    with translation.override(language):
        assert date_text(DAY_16) == date_text(DAY_16, DAY) == day
        assert date_text(DAY_16, MONTH) == month
        assert date_text(DAY_16, YEAR) == year


def test_every_language_of_the_site_writes_the_month_in_words() -> None:
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            text = date_text(DAY_16)
        month_in_words = re.search(r"[^\W\d_]{4,}", text)
        assert "2010" in text and "16" in text and month_in_words, (code, text)


def test_no_date_is_empty_text() -> None:
    assert date_text(None) == iso_text(None) == month_text(None) == ""


def test_machines_get_iso_8601_as_precise_as_the_source() -> None:
    assert [iso_text(DAY_16, p) for p in (DAY, MONTH, YEAR)] == [
        "2010-01-16",
        "2010-01",
        "2010",
    ]


def test_an_as_of_month_is_written_as_a_month_and_other_text_kept() -> None:
    with translation.override("nb"):
        assert month_text("2009-09") == "september 2009"
        assert month_text("høsten 2009") == "høsten 2009"


def test_a_moment_is_its_day_where_the_site_is() -> None:
    late = timezone.make_aware(dt.datetime(2010, 1, 16, 23, 30))
    with translation.override("nb"):
        assert date_text(late) == "16. januar 2010"
