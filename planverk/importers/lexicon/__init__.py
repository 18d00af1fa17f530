"""The language-specific words the layouts look for, one table per language.

Adding a language (Swedish, Danish) is adding one module here and naming it in
LEXICONS; no layout code changes.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Lexicon:
    """Words and phrases of one language, as regular-expression fragments where noted."""

    code: str
    # Function words frequent in running text: language detection counts them.
    common_words: frozenset[str]
    # Headings (matched at the start of a paragraph, case-insensitively).
    contents: tuple[str, ...]
    goals: tuple[str, ...]
    status: tuple[str, ...]
    measures: tuple[str, ...]
    glossary: tuple[str, ...]
    vision: tuple[str, ...]
    decision_log: tuple[str, ...]
    priorities: tuple[str, ...]  # the chapter whose sub-chapters are the themes
    progress: tuple[str, ...]
    operating: tuple[str, ...]
    investment: tuple[str, ...]
    # Column header words of a measure table, by role.
    columns: dict[str, tuple[str, ...]]
    version: tuple[str, ...]
    participants: tuple[str, ...]  # the phrase that introduces the list of units
    # regex fragments with one group for the year: "I løpet av (\d{4,5})"
    deadline: tuple[str, ...]
    # status words by level, as regex fragments; negation words cancel "achieved"
    levels: dict[str, tuple[str, ...]]
    negations: tuple[str, ...]
    million: tuple[str, ...]
    thousand: tuple[str, ...]
    currency: tuple[str, ...]
    totals: tuple[str, ...]
    funding: tuple[str, ...]
    remarks: tuple[str, ...]
    comment: tuple[str, ...]  # "komentarai" beside a body in the decision log
    reference: tuple[str, ...]  # "Nr."
    and_words: tuple[str, ...]
    months: dict[str, int]
    year_suffix: tuple[str, ...] = ()  # "m." after a year in Lithuanian
    organization: dict[str, str] = field(default_factory=dict)  # word → kind
    organization_base: dict[str, str] = field(default_factory=dict)  # inflected → base


def heading_pattern(words: Iterable[str]) -> re.Pattern[str]:
    """A pattern matching a paragraph that starts with one of *words*."""
    alternatives = "|".join(re.escape(w).replace(r"\ ", r"\s*") for w in words)
    return re.compile(rf"^\s*(?:{alternatives})\b", re.IGNORECASE)


def any_word(words: Iterable[str]) -> re.Pattern[str]:
    """A pattern matching any of *words* (regex fragments) as whole words."""
    alternatives = "|".join(words)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def _load() -> dict[str, Lexicon]:
    from planverk.importers.lexicon import en, lt, nb, nn

    return {
        lexicon.code: lexicon
        for lexicon in (nb.LEXICON, nn.LEXICON, lt.LEXICON, en.LEXICON)
    }


LEXICONS: dict[str, Lexicon] = _load()

_WORD = re.compile(r"[^\W\d_]+")


def detect_language(texts: Iterable[str]) -> str | None:
    """The language whose common words occur most often in *texts*, or None."""
    words = Counter(w for text in texts for w in _WORD.findall(text.casefold()))
    counts = {
        code: sum(n for word, n in words.items() if word in lexicon.common_words)
        for code, lexicon in LEXICONS.items()
    }
    best = max(counts, key=lambda code: counts[code])
    return best if counts[best] >= 3 else None
