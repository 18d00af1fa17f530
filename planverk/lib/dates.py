"""Dates as Planverk writes them for people, in the active language.

One formatter for every page, report (HTML, PDF/A, ODT), spreadsheet text
cell and feed: "16. januar 2010" in bokmål and nynorsk, "16 January 2010" in
English, "2010 m. sausio 16 d." in Lithuanian. A date only as precise as its
source gave it (a decision of "2010-01" or "2010") is written in the same
style: "januar 2010", "2010". The formats are Django's locale formats
(``DATE_FORMAT`` and ``YEAR_MONTH_FORMAT`` of
``django/conf/locale/<lang>/formats.py``), so every language of
settings.LANGUAGES gets its own, with the corrections below where Django's
data is not how Planverk writes the language in running text.

CSV and planverk/1 are for machines: they keep ISO 8601 (``iso_text``).

Call inside ``translation.override()`` (a report: ``in_language(strategy)``);
a page is written in the reader's language.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language

# How precise a date is: the values of strategies.choices.DatePrecision.
DAY, MONTH, YEAR = "day", "month", "year"

# Where Django's locale formats differ from the language's own style. Django's
# English is American ("Jan. 16, 2010"); Planverk writes the day first, as the
# other languages do. Lithuanian writes a year alone as "2010 m.", as its
# full dates and months ("2010 m. sausis") have it.
_DAY_FORMATS = {"en": "j F Y"}
_YEAR_FORMATS = {"lt": r"Y \m."}


def _language() -> str:
    return (get_language() or settings.LANGUAGE_CODE).split("-")[0].lower()


def _day(value: dt.date) -> dt.date:
    """The calendar day of *value*; an aware time of day in the site's time zone."""
    if isinstance(value, dt.datetime):
        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    return value


def date_text(value: dt.date | None, precision: str = DAY) -> str:
    """*value* for people, only as precise as *precision*: a day, a month or a year.

    16 January 2010 → "16. januar 2010" (nb), "16 January 2010" (en),
    "2010 m. sausio 16 d." (lt); with MONTH "januar 2010"; with YEAR "2010".
    "" for no date.
    """
    if value is None:
        return ""
    day = _day(value)
    language = _language()
    if precision == YEAR:
        return date_format(day, _YEAR_FORMATS.get(language, "Y"))
    if precision == MONTH:
        return date_format(day, "YEAR_MONTH_FORMAT")
    return date_format(day, _DAY_FORMATS.get(language, "DATE_FORMAT"))


def iso_text(value: dt.date | None, precision: str = DAY) -> str:
    """*value* as CSV and planverk/1 write it: "2010-01-16", "2010-01" or "2010"."""
    if value is None:
        return ""
    return _day(value).isoformat()[: {DAY: 10, MONTH: 7, YEAR: 4}[precision]]


def month(text: str | None) -> dt.date | None:
    """planverk/1's "YYYY-MM" (an "as of" month) as its first day; None if it is not one."""
    try:
        year, number = (int(part) for part in (text or "").split("-"))
        return dt.date(year, number, 1)
    except ValueError:
        return None


def month_text(text: str | None) -> str:
    """planverk/1's "YYYY-MM" for people ("september 2009"); other text as written."""
    first = month(text)
    if first is None:
        return text or ""  # kept as written rather than lost
    return date_text(first, MONTH)
