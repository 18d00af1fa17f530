"""Likely duplicates among unit names: which pairs are suggested, why, and how fast."""

from __future__ import annotations

import random
import time
from dataclasses import dataclass

import pytest

from planverk.organizations.duplicates import (
    MIN_WORD,
    Duplicate,
    Reason,
    likely_duplicates,
    one_edit,
)


def reasons(*names: str) -> list[tuple[str, str, Reason]]:
    return [(d.first, d.second, d.reason) for d in likely_duplicates(names)]


@pytest.mark.parametrize(
    ("first", "second", "reason"),
    [
        ("Areal Regut", "Regut Areal", Reason.ORDER),
        (
            "Bygge- og eiendomstjenesten",
            "Bygge- og einedomstjenesten",
            Reason.SWAP,
        ),
        ("Fylkesrådm ann", "Fylkesrådmann", Reason.SPLIT),
        ("Fylkesrådmann", "Fylkes rådmann", Reason.SPLIT),
        ("Fylkesrådman", "Fylkesrådmann", Reason.LETTER),
        ("Eiendomstjenesten", "Eiendomstjeneste", Reason.LETTER),
        ("Helse og omsorg", "Helse og omsrog", Reason.SWAP),
        ("IKT-tjenesten", "ikt tjenesten", Reason.SAME),
        ("Oppvekst og kultur", "  Oppvekst  og kultur.", Reason.SAME),
        ("HELSE- OG OMSORG", "Helse og omsorg", Reason.SAME),
        ("Plan, bygg og geodata", "Plan bygg og geodata", Reason.SAME),
        ("Švietimo skyrius", "Švietimo skyriius", Reason.LETTER),
    ],
)
def test_a_likely_duplicate_is_paired_with_its_reason(
    first: str, second: str, reason: Reason
) -> None:
    assert reasons(first, second) == [(first, second, reason)]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # Short words: one letter makes another name.
        ("IKT", "IKS"),
        ("Skole", "Skoler"),
        ("Arkiv", "Arkid"),
        ("Avdeling IKT", "Avdeling IKS"),
        # A digit is another unit.
        ("Skole 1", "Skole 2"),
        ("Oppvekstsone1", "Oppvekstsone2"),
        ("Barnehage 12", "Barnehage 21"),
        # More than one edit, or in more than one word.
        ("Eiendomstjenesten", "Eiendomstjenesta"),
        ("Fylkesrådmann", "Fylkesrådmenn x"),
        ("Teknisk drift", "Teknisk dritt vei"),
        ("Kultur og fritid", "Kultur og idrett"),
        ("Helse og omsorg", "Helse"),
        ("Areal Regut", "Areal Regut Nord"),
    ],
)
def test_different_units_are_not_paired(first: str, second: str) -> None:
    assert reasons(first, second) == []


def test_the_one_letter_rule_starts_at_the_word_length_documented() -> None:
    assert MIN_WORD == 6
    assert one_edit("skoler", "skolen") == Reason.LETTER
    assert one_edit("skole", "skoler") is None


def test_every_pair_is_listed_once_in_the_order_given() -> None:
    names = ["Fylkesrådmann", "Arkiv", "Fylkesrådm ann", "fylkesrådmann", "IKS"]
    assert reasons(*names) == [
        ("Fylkesrådmann", "Fylkesrådm ann", Reason.SPLIT),
        ("Fylkesrådmann", "fylkesrådmann", Reason.SAME),
        ("Fylkesrådm ann", "fylkesrådmann", Reason.SPLIT),
    ]


@dataclass(frozen=True)
class Named:
    name: str


def test_units_are_named_by_a_function_of_the_callers_choice() -> None:
    a, b, c = Named("Regut Areal"), Named("Areal Regut"), Named("Arkiv")
    found = likely_duplicates([a, b, c], name=lambda u: u.name)
    assert found == [Duplicate(a, b, Reason.ORDER)]
    assert likely_duplicates([], name=lambda u: u.name) == []
    assert likely_duplicates(["", " - ", "Arkiv"]) == []


WORDS = [
    *("arkiv", "bygg", "drift", "eiendom", "fritid", "geodata", "helse", "idrett"),
    *("kultur", "landbruk", "miljø", "næring", "omsorg", "oppvekst", "plan"),
    *("regulering", "skole", "teknisk", "tjenesten", "barnehage", "økonomi"),
    *("personal", "innkjøp", "samfunn", "utvikling", "vann", "avløp", "veg"),
]


def _names(count: int) -> list[str]:
    """*count* names of units, one in ten with a misspelt twin (a split word)."""
    chooser = random.Random(14)
    names: set[str] = set()
    while len(names) < count:
        picked = chooser.sample(WORDS, chooser.randint(1, 4))
        name = " og ".join(picked).capitalize() + f" {len(names) % 7 or ''}"
        names.add(name)
        if len(names) % 10 == 0:
            names.add(name[:3] + " " + name[3:])
    return sorted(names)[:count]


def test_500_names_take_less_than_50_ms() -> None:
    names = _names(500)
    assert len(likely_duplicates(names)) >= 40
    best = min(_timed(names) for _ in range(5))
    print(f"likely_duplicates of 500 names: {best * 1000:.1f} ms")
    assert best < 0.05


def _timed(names: list[str]) -> float:
    """CPU time, which other processes on a busy machine do not add to."""
    start = time.process_time()
    likely_duplicates(names)
    return time.process_time() - start
