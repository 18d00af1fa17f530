"""Amounts of money, start values and year spans as strategies write them."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from planverk.importers.lexicon import Lexicon, any_word

_NUMBER = re.compile(r"(?<![\d,.])(\d{1,3}(?:[ \u00a0.]\d{3})+|\d+)(?:,(\d+))?(?![\d])")
_SPAN = re.compile(r"(?<!\d)(\d{4})(?:\s*[-–/]\s*(\d{4}))?(?!\d)")


def amount_nok(text: str, lexicon: Lexicon) -> int | None:
    """Whole kroner in *text* ("0,4 mln. NOK" → 400000), or None when it names no amount."""
    found = _NUMBER.search(text)
    if not found:
        return None
    rest = text[found.end() :]
    million = any_word(lexicon.million).match(rest.strip())
    thousand = any_word(lexicon.thousand).match(rest.strip())
    if not (million or thousand or any_word(lexicon.currency).search(rest)):
        return None
    try:
        value = Decimal(re.sub(r"[ \u00a0.]", "", found[1]) + "." + (found[2] or "0"))
    except InvalidOperation:
        return None
    if million:
        value *= 1_000_000
    elif thousand:
        value *= 1_000
    return int(value)


def starts(text: str) -> list[str]:
    """Each start as written, normalised: "2010-2013 2010" → ["2010-2013", "2010"]."""
    return [f"{a}-{b}" if b else a for a, b in _SPAN.findall(text)]


# The years planverk/1 allows (its schema's period bounds): "7004 Trondheim",
# a postcode, is not a year.
YEARS = range(1900, 2201)


def year_span(text: str) -> tuple[int, int] | None:
    """The first year or span in *text*: "2011-2013 m." → (2011, 2013)."""
    for found in _SPAN.finditer(text):
        first = int(found[1])
        last = int(found[2] or first)
        if first in YEARS and last in YEARS:
            return first, last
    return None
