"""The one rule that turns a name into a slug, for every slug Planverk makes.

Django's slugify() keeps only what Unicode decomposes into an ASCII letter, so
"ø" and "æ" vanish ("Liøy" became "liy"). Norwegian and Lithuanian letters are
spelled out first: æ → ae, ø → o, å → a, and ą, č, ę, ė, į, š, ų, ū, ž without
their marks, in either case; then slugify() does the rest ("Liøy kommune" →
"lioy-kommune", "Askeås" → "askeas", "Šiaulių" → "siauliu").
"""

from __future__ import annotations

from django.utils.text import slugify

_LOWER = {
    "æ": "ae",
    "ø": "o",
    "å": "a",
    "ß": "ss",
    "ą": "a",
    "č": "c",
    "ę": "e",
    "ė": "e",
    "į": "i",
    "š": "s",
    "ų": "u",
    "ū": "u",
    "ž": "z",
}
SPELLED_OUT = str.maketrans(
    {**_LOWER, **{k.upper(): v.capitalize() for k, v in _LOWER.items() if k != "ß"}}
)


def slug_of(text: str) -> str:
    """*text* as a slug: ASCII letters, digits and hyphens, lower case ("" if none)."""
    return slugify(text.translate(SPELLED_OUT))
