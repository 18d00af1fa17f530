"""Which part of the earlier version each part of a new document continues.

A document imported as the next version of a strategy gives each of its
themes, measures, goal assessments, action items and chapters the key of the
part of the earlier version it continues (planverk/lib/keys.py), so that
history, follow-up and the comparison of the versions follow it. Both
versions are planverk/1 documents here (the earlier one as ``dump`` writes
it), and each kind is matched on its own, in three passes:

1. the same key, where the new document brings keys (an edited planverk.json);
2. the same text, under the same or a new number: at least SAME of difflib's
   ratio over the words (a measure moved from 3.4 to 3.5, a typo mended);
3. the same number and similar text: at least SIMILAR (a measure reworded).

A pass pairs the closest first, and each earlier part is continued by at most
one new part. "Number" is what the kind is numbered by: a goal assessment by
the national goal it is linked to (else its area and number), a chapter by its
number (unnumbered ones all share ""). The text compared is what names the
part from version to version: a measure's objective, text and bullet points,
an action item's title and sub-points, a goal's text (not its status, which a
new version is expected to change), and the title alone of a theme or chapter,
whose introduction or text is rewritten as a matter of course.

SIMILAR is 0.6 and SAME 0.9, from the seeds: no two measures of the county
strategy come above 0.54, nor two of the municipality's action items above
0.57, so a part reworded to 0.6 of its words is still itself; two different
national goals come up to 0.88 (their texts run alike), under SAME, and
similar ones are told apart by their number. A new part that continues none
gets a new key. The editor sees the result in the import report and corrects
it there.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from planverk.lib.keys import new_key

SAME = 0.9
SIMILAR = 0.6
LABEL_LENGTH = 80  # how much of a part the report shows in a choice

# The kinds, in the order the report shows them.
THEMES, MEASURES, GOALS, ITEMS, SECTIONS = (
    "themes",
    "measures",
    "goal_assessments",
    "action_plan",
    "sections",
)
KINDS = (THEMES, MEASURES, GOALS, ITEMS, SECTIONS)
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Piece:
    """One part of a planverk/1 document, as matching compares and names it."""

    kind: str
    number: str
    label: str  # "3.1 Åpne møter for alle.": how the report names it
    words: tuple[str, ...]
    part: dict[str, Any]  # the document's own object, whose key is set

    @property
    def key(self) -> str | None:
        return self.part.get("key")


@dataclass
class Match:
    """A part of the new document and the earlier part it continues (or None),
    and how that was found: "key", "text", "number" or "" for none."""

    new: Piece
    old: Piece | None
    how: str


def pieces(strategy: dict[str, Any]) -> dict[str, list[Piece]]:
    """The parts of a planverk/1 strategy by kind, in the document's order."""
    found: dict[str, list[Piece]] = {kind: [] for kind in KINDS}
    for kind, number, label, texts, part in _parts(strategy):
        words = tuple(_WORD.findall(" ".join(texts).casefold()))
        label = label.strip()
        if len(label) > LABEL_LENGTH:
            label = label[: LABEL_LENGTH - 1].rstrip() + "…"
        found[kind].append(Piece(kind, number, label, words, part))
    return found


def _parts(
    strategy: dict[str, Any],
) -> Iterator[tuple[str, str, str, list[str], dict[str, Any]]]:
    """(kind, number, label, texts compared, part) of every part with a key."""
    for t in strategy["themes"]:
        yield THEMES, t["number"], f"{t['number']} {t['title']}", [t["title"]], t
        for m in t["measures"]:
            label = f"{m['number']} {m['objective'] or m['description']}"
            texts = [m["objective"], m["description"], *m["items"]]
            yield MEASURES, m["number"], label, texts, m
    for a in strategy["goal_assessments"]:
        # The national goal's numbers, "7.2", where it is linked to one.
        linked = a.get("framework_goal")
        number = linked or f"{a['area']} {a['number']}"
        label = f"{linked or a['number'] or ''} {a['goal']}"
        yield GOALS, number, label, [a["goal"]], a
    for i in strategy["action_plan"]:
        label = f"{i['number']} {i['title']}"
        yield ITEMS, i["number"], label, [i["title"], *i["items"]], i
    for s in strategy["sections"]:
        number = s["number"] or ""
        yield SECTIONS, number, f"{number} {s['title']}", [s["title"]], s


def _ratio(a: Piece, b: Piece, at_least: float) -> float:
    """difflib's ratio of the two parts' words, or 0 when it is below *at_least*
    (its cheap upper bounds tell most of those without the full comparison)."""
    matcher = SequenceMatcher(None, a.words, b.words, autojunk=False)
    if matcher.real_quick_ratio() < at_least or matcher.quick_ratio() < at_least:
        return 0.0
    ratio = matcher.ratio()
    return ratio if ratio >= at_least else 0.0


@dataclass
class Matching:
    """One kind's matching: each new part with the earlier part it continues,
    and the earlier version's parts of the kind (what a correction may choose)."""

    kind: str
    matches: list[Match]
    earlier: list[Piece]

    @property
    def dropped(self) -> list[Piece]:
        """The earlier parts no new part continues: those the new version leaves out."""
        continued = {id(m.old) for m in self.matches if m.old is not None}
        return [p for p in self.earlier if id(p) not in continued]

    def corrected(self, keys: list[str | None]) -> Matching:
        """The matching with the new parts continuing the earlier parts of *keys*
        (one per new part, None for none), as the editor chose them."""
        by_key = {p.key: p for p in self.earlier}
        matches = []
        for m, key in zip(self.matches, keys, strict=True):
            old = by_key.get(key) if key else None
            same = old is m.old
            matches.append(Match(m.new, old, m.how if same else "chosen"))
        return Matching(self.kind, matches, self.earlier)


def match(document: dict[str, Any], earlier: dict[str, Any]) -> list[Matching]:
    """Per kind, each part of *document* with the part of *earlier* it continues."""
    new, old = pieces(document["strategy"]), pieces(earlier["strategy"])
    return [Matching(k, _match_kind(new[k], old[k]), old[k]) for k in KINDS]


def _match_kind(new: list[Piece], old: list[Piece]) -> list[Match]:
    found: dict[int, tuple[int, str]] = {}  # new index → (old index, how)
    by_key = {o.key: j for j, o in enumerate(old) if o.key}
    for i, piece in enumerate(new):
        j = by_key.get(piece.key) if piece.key else None
        if j is not None and j not in {k for k, _how in found.values()}:
            found[i] = (j, "key")

    def pairs(same_number_only: bool, at_least: float) -> list[Pair]:
        taken = {j for j, _how in found.values()}
        listed = []
        for i, n in enumerate(new):
            if i in found:
                continue
            for j, o in enumerate(old):
                same = n.number == o.number
                if j in taken or (same_number_only and not same):
                    continue
                ratio = _ratio(n, o, at_least)
                if ratio:
                    listed.append(Pair(ratio, same, i, j))
        return listed

    def claim(listed: list[Pair], how: str) -> None:
        taken = {j for j, _how in found.values()}
        # The closest first; on a tie the same number, then the document's order.
        for pair in sorted(listed, key=lambda p: (-p.ratio, not p.same, p.i, p.j)):
            if pair.i not in found and pair.j not in taken:
                found[pair.i] = (pair.j, how)
                taken.add(pair.j)

    claim(pairs(False, SAME), "text")
    claim(pairs(True, SIMILAR), "number")
    matches = []
    for i, piece in enumerate(new):
        j, how = found.get(i, (None, ""))
        matches.append(Match(piece, None if j is None else old[j], how))
    return matches


@dataclass(frozen=True)
class Pair:
    """A new part (*i*) and an earlier one (*j*) close enough to be matched."""

    ratio: float
    same: bool  # the same number
    i: int
    j: int


def give_keys(matchings: list[Matching]) -> None:
    """Set each new part's key in its document: the earlier part's it continues,
    else a new one (never a key the document brought, which may be another's)."""
    for matching in matchings:
        for m in matching.matches:
            old = m.old.key if m.old is not None else None
            m.new.part["key"] = old or new_key()
