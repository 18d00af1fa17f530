"""Dates as strategies write them, to ISO dates with only the precision the text has."""

from __future__ import annotations

import re

from planverk.importers.lexicon import Lexicon

_YMD = re.compile(r"(?<!\d)(\d{4})[.\-/](\d{1,2})[.\-/](\d{1,2})(?!\d)")
_DMY = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})(?![\d])")


def find_dates(text: str) -> list[tuple[int, str]]:
    """Every full date in *text* as (position, "YYYY-MM-DD"), in order of appearance."""
    found = [(m.start(), _iso(m[1], m[2], m[3])) for m in _YMD.finditer(text)]
    taken = [range(m.start(), m.end()) for m in _YMD.finditer(text)]
    for m in _DMY.finditer(text):
        if not any(m.start() in span for span in taken):
            year = m[3] if len(m[3]) == 4 else _century(m[3])
            found.append((m.start(), _iso(year, m[2], m[1])))
    return [(at, iso) for at, iso in sorted(found) if iso]


def month_of(text: str, lexicon: Lexicon) -> str | None:
    """ "2009 m. rugsėjo mėn." or "september 2009" → "2009-09"; None without both."""
    year = re.search(r"(?<!\d)(\d{4})(?!\d)", text)
    words = re.findall(r"[^\W\d_]+", text.casefold())
    month = next((lexicon.months[w] for w in words if w in lexicon.months), None)
    if not year or month is None:
        return None
    return f"{year[1]}-{month:02d}"


def _century(two_digits: str) -> str:
    # Decision logs of the 2000s write "12.10.06"; nothing here predates 1950.
    value = int(two_digits)
    return str(2000 + value if value < 50 else 1900 + value)


def _iso(year: str, month: str, day: str) -> str:
    m, d = int(month), int(day)
    if not (1 <= m <= 12 and 1 <= d <= 31):
        return ""
    return f"{year}-{m:02d}-{d:02d}"
