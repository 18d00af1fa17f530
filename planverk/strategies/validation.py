"""What Planverk takes as a number, a year, an amount or a day, from a form or a query.

Each rule is written here once, and every field that takes such a value uses it:

- a digit is one of the ASCII 0–9 (``DIGIT``): int() also reads "٣" (Arabic-Indic)
  and str.isdigit() passes "²", which int() then refuses, and ``\\d`` in a
  regular expression matches the digits of every script;
- a year lies in YEARS, and a part of a strategy names only years near the
  strategy's period (``near_period``);
- an amount is whole kroner from 0 to MAX_AMOUNT_NOK, its thousands optionally
  set apart by spaces, as Norwegians write them: "1 800 000";
- a key (an id, a revision) is at most LARGEST_KEY, the largest integer the
  databases' columns hold (SQLite cannot even be asked about a larger one).

A page reads its query string through a ``Query`` form: the parameters the form
declares, parsed; any other parameter is ignored.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from django import forms
from django.core.exceptions import BadRequest, ValidationError
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

DIGIT = "[0-9]"
YEARS = range(1990, 2101)
NEAR_YEARS = 10  # before a strategy's first year and after its last
MAX_AMOUNT_NOK = 10**12
LARGEST_KEY = 2**63 - 1
# An organisation's name has at most 200 characters; no search needs more.
SEARCH_MAX_LENGTH = 200

_NUMBER = re.compile(f"{DIGIT}+")
# Groups of three after a space, a no-break space or a narrow no-break space.
_GROUPED = re.compile(f"{DIGIT}{{1,3}}(?:[ \u00a0\u202f]{DIGIT}{{3}})+")
_DAY = re.compile(f"({DIGIT}{{4}})-({DIGIT}{{2}})-({DIGIT}{{2}})")
_MONTH = re.compile(f"({DIGIT}{{4}})(?:-(0[1-9]|1[0-2]))?")
# As the importer reads a measure's start: "2024", "2024-2027", "2024 – 2027".
_PERIOD = re.compile(rf"({DIGIT}{{4}})(?:\s*[-–/]\s*({DIGIT}{{4}}))?")


def whole_number(text: str, *, grouped: bool = False) -> int | None:
    """*text* as a whole number, or None if it is none in ASCII digits.

    With *grouped*, thousands may be set apart by spaces ("1 800 000"), but only
    in groups of three: "18 00000" is more likely a slip than a number.
    """
    text = text.strip()
    if _NUMBER.fullmatch(text) or (grouped and _GROUPED.fullmatch(text)):
        return int("".join(text.split()))
    return None


def thousands(number: int) -> str:
    """*number* with its thousands set apart as ``whole_number`` reads them back."""
    return f"{number:,}".replace(",", "\u00a0")


def day(text: str) -> dt.date | None:
    """*text* (YYYY-MM-DD) as a date, or None if it is none."""
    found = _DAY.fullmatch(text.strip())
    if found is None:
        return None
    try:
        return dt.date(*(int(part) for part in found.groups()))
    except ValueError:  # 2024-13-40
        return None


def period(text: str) -> tuple[int, int] | None:
    """The first and last year of "2024" or "2024-2027", or None if *text* is neither."""
    found = _PERIOD.fullmatch(text.strip())
    if found is None:
        return None
    first = int(found[1])
    return first, int(found[2] or first)


def near_period(first: int, last: int) -> range:
    """The years a part of a strategy for *first*–*last* may name: within YEARS,
    from NEAR_YEARS before its first year to NEAR_YEARS after its last."""
    return range(
        max(YEARS.start, first - NEAR_YEARS), min(YEARS.stop, last + NEAR_YEARS + 1)
    )


def validate_year(year: int, years: range = YEARS) -> None:
    """Refuse *year* outside *years* (by default the sane range, YEARS)."""
    if year not in years:
        raise ValidationError(
            _("%(year)s is not a year from %(first)s to %(last)s."),
            code="year",
            params={"year": year, "first": years.start, "last": years.stop - 1},
        )


class YearRule:
    """A field that takes years, which must lie in ``years``.

    A form on a part of a strategy narrows them with ``narrow_years``.
    """

    years = YEARS


def narrow_years(form: forms.Form, first: int, last: int) -> None:
    """The years *form*'s fields take: those near the strategy period *first*–*last*."""
    years = near_period(first, last)
    for field in form.fields.values():
        if isinstance(field, YearRule):
            field.years = years


class WholeNumberField(forms.Field):
    """A whole number from *low* to *high* (unbounded when None), in ASCII digits."""

    widget = forms.TextInput(attrs={"inputmode": "numeric"})
    default_error_messages = {
        "invalid": _("Write a whole number with the digits 0–9."),
        "too_small": _("Write a number of at least %(limit)s."),
        "too_large": _("Write a number of at most %(limit)s."),
    }
    grouped = False  # whether thousands may be set apart by spaces

    def __init__(self, *, low: int = 0, high: int | None = None, **kwargs: Any) -> None:
        self.low, self.high = low, high
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> int | None:
        text = "" if value is None else str(value).strip()
        if not text:
            return None
        number = whole_number(text, grouped=self.grouped)
        if number is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return number

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value is None:
            return
        if value < self.low:
            self._refuse("too_small", self.low)
        if self.high is not None and value > self.high:
            self._refuse("too_large", self.high)

    def _refuse(self, code: str, limit: int) -> None:
        shown = thousands(limit) if self.grouped else str(limit)
        raise ValidationError(
            self.error_messages[code], code=code, params={"limit": shown}
        )


class KeyField(WholeNumberField):
    """An id or a revision: from 1 to what a database column holds."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(low=1, high=LARGEST_KEY, **kwargs)


class AmountField(WholeNumberField):
    """Whole kroner from 0 to MAX_AMOUNT_NOK: "400000", "1 800 000"."""

    default_error_messages = {
        "invalid": _("Write the amount as a whole number of kroner."),
        "too_large": _("An amount can be at most %(limit)s kroner."),
    }
    grouped = True

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(low=0, high=MAX_AMOUNT_NOK, **kwargs)


class DayField(YearRule, forms.Field):
    """A date as YYYY-MM-DD (what a browser's date input sends), its year in ``years``."""

    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    default_error_messages = {"invalid": _("%(text)s is not a date (YYYY-MM-DD).")}

    def to_python(self, value: Any) -> dt.date | None:
        if value in self.empty_values or isinstance(value, dt.date):
            return value or None
        found = day(str(value))
        if found is None:
            raise ValidationError(
                self.error_messages["invalid"], code="invalid", params={"text": value}
            )
        return found

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value is not None:
            validate_year(value.year, self.years)


class MonthField(YearRule, forms.CharField):
    """A month as YYYY-MM, or a year alone (YYYY), as a goal's status is dated."""

    default_error_messages = {
        "invalid": _("Write the month as YYYY-MM, e.g. 2024-09."),
    }

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_length=7, **kwargs)

    def to_python(self, value: Any) -> str:
        text = super().to_python(value) or ""
        if text and not _MONTH.fullmatch(text):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return text

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value:
            validate_year(int(value[:4]), self.years)


class Query(forms.Form):
    """The query parameters one page understands; any other is ignored.

    A page's cache key holds ``key()``, so that only what changes the page can
    make it rendered anew. Takes the route's arguments too (``**route``), for a
    page whose parameters depend on them.
    """

    def __init__(self, data: QueryDict, **route: Any) -> None:
        super().__init__(data)

    def values(self) -> dict[str, Any]:
        """The parameters, parsed; refused ones are the requester's mistake (400)."""
        if not self.is_valid():
            raise BadRequest(self.message())
        return self.cleaned_data

    def key(self) -> str | None:
        """The parsed parameters in a fixed order; None when some are refused."""
        if not self.is_valid():
            return None
        return json.dumps(self.cleaned_data, sort_keys=True, default=str)

    def message(self) -> str:
        """What was refused, in one line for a page to show."""
        return " ".join(str(e) for errors in self.errors.values() for e in errors)


class SearchField(forms.CharField):
    """Text to look for: stripped, and no longer than anything it could match.

    Like every CharField it refuses NUL, which PostgreSQL cannot compare.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(required=False, max_length=SEARCH_MAX_LENGTH, **kwargs)
