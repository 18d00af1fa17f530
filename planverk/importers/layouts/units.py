"""Unit names from a proposer/owner cell, split and repaired.

Cells list units with commas, but also with a bare space where a line ended
("IKT-tjenesten Fylkesrådmann") and with names broken by a wrap
("Fylkesrådm ann", "IKT- tjenesten"). Known names (the document's participant
list and names it uses often) decide where to split and what to join.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable


class UnitNames:
    """The vocabulary of unit names one document uses."""

    def __init__(self, participants: Iterable[str], cells: Iterable[str]) -> None:
        counts = Counter(part for cell in cells for part in _parts(cell))
        self.known = {p.casefold() for p in participants if p}
        self.frequent = {name.casefold() for name, n in counts.items() if n >= 2}
        self.known |= self.frequent
        self._words = {word for name in self.known for word in name.split(" ")}

    def split(self, cell: str) -> list[str]:
        names: list[str] = []
        for part in _parts(cell):
            for name in self._split_part(self._join_wraps(part)):
                if name not in names:
                    names.append(name)
        return names

    def _join_wraps(self, part: str) -> str:
        words = part.split(" ")
        out: list[str] = []
        for word in words:
            if (
                out
                and word[:1].islower()
                and (out[-1] + word).casefold() in self._words
            ):
                out[-1] += word
            elif (
                out
                and word[:1].islower()
                and out[-1].casefold().endswith(word.casefold())
            ):
                continue  # the tail of a wrapped name repeated after a page break
            else:
                out.append(word)
        return " ".join(out)

    def _split_part(self, part: str) -> list[str]:
        if part.casefold() in self.frequent:
            return [part]
        words = part.split(" ")
        for cut in range(1, len(words)):
            head, tail = " ".join(words[:cut]), " ".join(words[cut:])
            if tail[:1].isupper() and (
                head.casefold() in self.known or tail.casefold() in self.known
            ):
                return [head, *self._split_part(tail)]
        return [part]


def _parts(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(",") if part.strip()]
