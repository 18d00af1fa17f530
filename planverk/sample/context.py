"""The organisation and the document a sample strategy is being written for."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from planverk.sample.lexicon import Lexicon
from planverk.sample.names import place_of


@dataclass(frozen=True)
class Organisation:
    """An invented organisation and the units its strategies name."""

    name: str
    kind: str
    country: str
    language: str
    units: tuple[str, ...]


@dataclass(frozen=True)
class Plan:
    """What one document is being written for: whom, when, in which words."""

    rng: random.Random
    org: Organisation
    lexicon: Lexicon
    start: int
    end: int

    def fill(self, template: str, **fields: Any) -> str:
        """*template* with the organisation, the period and *fields* filled in."""
        place = place_of(self.org.name)
        return template.format(
            org=self.org.name, short=place, start=self.start, end=self.end, **fields
        )

    def pick(self, options: Sequence[str], **fields: Any) -> str:
        """One of *options*, drawn at random and filled in."""
        return self.fill(self.rng.choice(options), **fields)
