"""Suggest an assessment level from status text, precision before coverage.

A wrong "achieved" misleads a council, so the first sentence decides, a clause
with a negation never counts as achieved, and conflicting signals give "unknown".
"""

from __future__ import annotations

import re
from functools import cache

from planverk.importers.lexicon import Lexicon, any_word

UNKNOWN = "unknown"
# Checked in this order: the more specific verdicts first ("neįgyvendintas,
# neaktualus" is not relevant, "ikke alle" is partial, not just a negation).
_ORDER = ("not_relevant", "partial", "not_achieved", "in_progress", "achieved")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[^\W\d_])")
_CLAUSE = re.compile(r"[,;]|\s[-–]\s|\bmen\b|\bbut\b|\btačiau\b")


def suggest_level(text: str | None, lexicon: Lexicon) -> str:
    """One of the six levels for *text*; "unknown" when it is empty or doubtful."""
    if not text or not text.strip():
        return UNKNOWN
    first = _SENTENCE.split(text.strip(), maxsplit=1)[0]
    return _level(first, lexicon)


def _level(sentence: str, lexicon: Lexicon) -> str:
    found = {
        level
        for clause in _CLAUSE.split(sentence)
        for level in _clause_levels(clause, lexicon)
    }
    for level in _ORDER:
        if level in found:
            others = found - {level}
            # A verdict and its opposite in one sentence is doubt, not a verdict.
            if level in ("achieved", "in_progress") and others & {
                "not_achieved",
                "partial",
            }:
                return UNKNOWN
            return level
    return UNKNOWN


def _clause_levels(clause: str, lexicon: Lexicon) -> set[str]:
    patterns = _patterns(lexicon.code)
    found = {level for level, pattern in patterns.items() if pattern.search(clause)}
    if "achieved" in found and _negation(lexicon.code).search(clause):
        found.discard("achieved")
    if found & {"not_relevant", "not_achieved"}:
        # "neįgyvendintas" contains "įgyvendint"; the negative form wins.
        found -= {"achieved", "in_progress"}
    return found


@cache
def _patterns(code: str) -> dict[str, re.Pattern[str]]:
    from planverk.importers.lexicon import LEXICONS

    return {level: any_word(words) for level, words in LEXICONS[code].levels.items()}


@cache
def _negation(code: str) -> re.Pattern[str]:
    from planverk.importers.lexicon import LEXICONS

    return any_word(LEXICONS[code].negations)
