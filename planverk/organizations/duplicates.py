"""Units that are probably one unit under two names, as an import splits them.

A pair is suggested, never merged: a person decides (the unit register, the
import report). The rules, on the names' words (letters and digits, in lower
case; punctuation and spacing do not count):

- ``same``: the same words ("IKT-tjenesten" / "Ikt tjenesten");
- ``order``: the same words in another order ("Areal Regut" / "Regut Areal");
- ``split``: the same letters with the spaces elsewhere, a word split by a
  stray space or two run together ("Fylkesrådm ann" / "Fylkesrådmann");
- ``letter``: one word differs by one letter, added, dropped or replaced
  ("Fylkesrådman" / "Fylkesrådmann");
- ``swap``: one word differs by two neighbouring letters swapped
  ("Bygge- og eiendomstjenesten" / "Bygge- og einedomstjenesten").

A letter counts only in a word of at least MIN_WORD letters (the shorter of the
two), and never when it is a digit: in a short word one letter usually makes
another name ("IKT" / "IKS", "Skole" / "Skoler", which may be a unit and its
sector), and "Skole 1" / "Skole 2" are two schools.

Pairs are found through keys, not by comparing every two names: a name has one
key per rule, and for the one-letter rules one per letter it could drop from a
long word (two words one edit apart share such a key); only names that share a
key are compared: 500 names take about 10 ms (tests/test_duplicates.py).
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Generic, TypeVar

T = TypeVar("T")
MIN_WORD = 6
_WORD = re.compile(r"[^\W_]+")


class Reason(StrEnum):
    SAME = "same"
    ORDER = "order"
    SPLIT = "split"
    LETTER = "letter"
    SWAP = "swap"


@dataclass(frozen=True)
class Duplicate(Generic[T]):
    """Two units that are probably one, in the order they were given, and why."""

    first: T
    second: T
    reason: Reason


def words(name: str) -> tuple[str, ...]:
    """The words of *name* as the rules compare them: letters and digits, lower case."""
    return tuple(_WORD.findall(unicodedata.normalize("NFKC", name).casefold()))


def likely_duplicates(
    units: Iterable[T], name: Callable[[T], str] = str
) -> list[Duplicate[T]]:
    """Every pair of *units* that is probably one unit, in the order given.

    *name* gives a unit's name (str() by default: a Unit, or a name itself).
    """
    items = list(units)
    split = [words(name(item)) for item in items]
    buckets: dict[str, list[int]] = defaultdict(list)
    for index, these in enumerate(split):
        for key in set(_keys(these)):  # "rådmann" drops either n to one key
            buckets[key].append(index)
    pairs: set[tuple[int, int]] = set()
    for members in buckets.values():
        for at, first in enumerate(members):
            pairs.update((first, second) for second in members[at + 1 :])
    found = []
    for first, second in sorted(pairs):
        reason = _reason(split[first], split[second])
        if reason is not None:
            found.append(Duplicate(items[first], items[second], reason))
    return found


def _keys(these: tuple[str, ...]) -> Iterable[str]:
    """The keys a name is found by: two names that are one share at least one.
    (Strings, which hash fast; a key shared by chance costs one comparison.)"""
    if not these:
        return
    text = " ".join(these)
    yield "~" + text  # also the key of the same words
    yield "<" + " ".join(sorted(these))
    yield "_" + "".join(these)
    start = 0
    for word in these:
        end = start + len(word)
        if len(word) >= MIN_WORD:
            head, tail = text[:start], text[end:]
            for drop in range(len(word)):
                yield "~" + head + word[:drop] + word[drop + 1 :] + tail
        start = end + 1


def _reason(a: tuple[str, ...], b: tuple[str, ...]) -> Reason | None:
    if a == b:
        return Reason.SAME
    if len(a) > 1 and sorted(a) == sorted(b):
        return Reason.ORDER
    if "".join(a) == "".join(b):
        return Reason.SPLIT
    if len(a) != len(b):
        return None
    differing = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    if len(differing) != 1:
        return None
    return one_edit(*differing[0])


def one_edit(a: str, b: str) -> Reason | None:
    """LETTER or SWAP if the words *a* and *b* are one edit apart by the rules above."""
    if min(len(a), len(b)) < MIN_WORD:
        return None
    if len(a) > len(b):
        a, b = b, a
    start = 0
    while start < len(a) and a[start] == b[start]:
        start += 1
    if len(a) + 1 == len(b):  # b has one letter more, at *start*
        added = a[start:] == b[start + 1 :]
        return _unless_digit(Reason.LETTER, b[start]) if added else None
    if len(a) != len(b):
        return None
    rest = start + 1
    if a[rest:] == b[rest:]:
        return _unless_digit(Reason.LETTER, a[start], b[start])
    swapped = (
        rest < len(a)
        and a[start] == b[rest]
        and a[rest] == b[start]
        and a[rest + 1 :] == b[rest + 1 :]
    )
    return _unless_digit(Reason.SWAP, a[start], a[rest]) if swapped else None


def _unless_digit(reason: Reason, *changed: str) -> Reason | None:
    return None if any(c.isdigit() for c in changed) else reason
