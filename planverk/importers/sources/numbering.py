"""Word's automatic list numbers, rendered as the reader sees them ("1.", "2.1", "b)").

Numbered goals in a strategy ("1. I løpet av 2011 ...") are numbered by Word, not
typed, so without this a DOCX would lose the numbers a layout pairs goals by.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from lxml.etree import _Element


@dataclass(frozen=True)
class Level:
    fmt: str  # w:numFmt: "decimal", "lowerLetter", "bullet", ...
    text: str  # w:lvlText: "%1." or "%1.%2"
    start: int


@dataclass
class Numbering:
    """Level definitions per numId, and the running counters of each list."""

    levels: dict[int, dict[int, Level]] = field(default_factory=dict)
    lists: dict[int, str] = field(default_factory=dict)  # numId → abstractNumId
    # Word restarts a list ("1." again) with a new numId that overrides the start.
    restarts: dict[int, dict[int, int]] = field(default_factory=dict)
    counters: dict[str, list[int | None]] = field(default_factory=dict)

    @classmethod
    def of(cls, document: DocxDocument) -> Numbering:
        try:
            root = document.part.numbering_part.element
        except NotImplementedError:  # python-docx's answer when there is none
            return cls()
        abstract = {
            a.get(qn("w:abstractNumId"), ""): _levels(a)
            for a in root.findall(qn("w:abstractNum"))
        }
        numbering = cls()
        for num in root.findall(qn("w:num")):
            num_id = _int(num.get(qn("w:numId")))
            ref = num.find(qn("w:abstractNumId"))
            abstract_id = ref.get(qn("w:val"), "") if ref is not None else ""
            if num_id is not None and abstract_id in abstract:
                numbering.levels[num_id] = abstract[abstract_id]
                numbering.lists[num_id] = abstract_id
                numbering.restarts[num_id] = _start_overrides(num)
        return numbering

    def label(self, num_id: int, ilvl: int) -> str:
        """Advance list *num_id* at level *ilvl*; its label, or "" for a bullet."""
        levels = self.levels.get(num_id, {})
        level = levels.get(ilvl)
        if level is None or level.fmt in ("bullet", "none"):
            return ""
        counters = self.counters.setdefault(self.lists[num_id], [None] * 9)
        if ilvl >= len(counters):
            return ""
        for restart_level, start in self.restarts.pop(num_id, {}).items():
            counters[restart_level] = start - 1  # applies the first time only
        last = counters[ilvl]
        counters[ilvl] = level.start if last is None else last + 1
        counters[ilvl + 1 :] = [None] * (len(counters) - ilvl - 1)
        label = level.text
        for i in range(ilvl + 1):
            shown = levels.get(i, level)
            label = label.replace(
                f"%{i + 1}", format_number(counters[i] or 0, shown.fmt)
            )
        return label.strip()


def _levels(abstract: _Element) -> dict[int, Level]:
    levels = {}
    for lvl in abstract.findall(qn("w:lvl")):
        ilvl = _int(lvl.get(qn("w:ilvl")))
        if ilvl is not None:
            levels[ilvl] = Level(
                fmt=_val(lvl, "w:numFmt") or "decimal",
                text=_val(lvl, "w:lvlText") or "",
                start=_int(_val(lvl, "w:start")) or 1,
            )
    return levels


def _start_overrides(num: _Element) -> dict[int, int]:
    overrides = {}
    for override in num.findall(qn("w:lvlOverride")):
        ilvl = _int(override.get(qn("w:ilvl")))
        start = _int(_val(override, "w:startOverride"))
        if ilvl is not None and start is not None:
            overrides[ilvl] = start
    return overrides


def format_number(n: int, fmt: str) -> str:
    """*n* in the Word number format *fmt* ("decimal", "lowerLetter", "upperRoman", ...)."""
    if fmt in ("lowerLetter", "upperLetter"):
        letters = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(n)
        return roman.lower() if fmt == "lowerRoman" else roman
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for value, numeral in (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ):  # fmt: skip
        count, n = divmod(n, value)
        out += numeral * count
    return out


def _val(element: _Element, tag: str) -> str | None:
    child = element.find(qn(tag))
    return child.get(qn("w:val")) if child is not None else None


def _int(value: str | None) -> int | None:
    return int(value) if value is not None and value.isdigit() else None
