"""Numbers and amounts as Planverk writes them, in the active language.

One formatter for every page, report and chart: "1 800 000" in bokmål, nynorsk
and Lithuanian, "1,800,000" in English. The separators are Django's locale formats
(``django/conf/locale/<lang>/formats.py``) with one correction: Lithuanian
groups thousands with a space, as the state commission for the language
prescribes, where Django's lt formats say ".". A space between digit groups is
always a no-break space, so an amount never wraps over two lines; a negative
amount has a minus sign (U+2212), not a hyphen.

Call inside ``translation.override()`` (a report: ``in_language(strategy)``);
a page is written in the reader's language.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.utils import numberformat
from django.utils.formats import get_format
from django.utils.translation import get_language

NBSP = "\u00a0"
MINUS = "\u2212"
CURRENCY = "kr"  # every amount in Planverk is in Norwegian kroner

# Where Django's locale data disagrees with the language's own rules.
_THOUSANDS = {"lt": NBSP}


def separators(language: str | None = None) -> tuple[str, str]:
    """The thousands and decimal separators of *language* (default: the active one)."""
    code = (language or get_language() or settings.LANGUAGE_CODE).split("-")[0]
    thousands = _THOUSANDS.get(code) or str(get_format("THOUSAND_SEPARATOR", code))
    if thousands.isspace():
        thousands = NBSP
    return thousands, str(get_format("DECIMAL_SEPARATOR", code))


def number_text(value: int | float | Decimal, decimals: int | None = None) -> str:
    """*value* with its digits grouped in thousands: 1800000 → "1 800 000"."""
    thousands, decimal = separators()
    text = numberformat.format(
        value,
        decimal,
        decimal_pos=decimals,
        grouping=3,
        thousand_sep=thousands,
        force_grouping=True,
    )
    return MINUS + text[1:] if text.startswith("-") else text


def amount_text(amount: int | None) -> str:
    """An amount in kroner without its unit, for a column that names it; "" for none."""
    return "" if amount is None else number_text(amount)


def nok_text(amount: int | None) -> str:
    """An amount with its unit: 1800000 → "1 800 000 kr"; "" for none."""
    return "" if amount is None else f"{number_text(amount)}{NBSP}{CURRENCY}"


def years_text(start: int, end: int) -> str:
    """A span of years as written: "2024–2027" with an en dash, or "2025" alone."""
    return str(start) if start == end else f"{start}–{end}"
