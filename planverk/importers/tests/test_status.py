"""Suggested levels: precise where the words are clear, "unknown" where they are not."""

from __future__ import annotations

import pytest

from planverk.importers.lexicon import LEXICONS
from planverk.importers.status import suggest_level


@pytest.mark.parametrize(
    ("code", "text", "level"),
    [
        ("nb", "Ingen tjenester", "not_achieved"),
        ("nb", "Vi tilbyr ikke elektronisk fakturering i dag.", "not_achieved"),
        ("nb", "Planen er under utarbeidelse.", "in_progress"),
        ("nb", "Løsningen er tatt i bruk hos oss.", "achieved"),
        ("nb", "Det er innarbeidet rutiner uten at de er skrevet ned.", "unknown"),
        ("nb", "Vi har en portal med ti tjenester.", "unknown"),
        ("nb", "Delvis på plass.", "partial"),
        ("nb", "", "unknown"),
        ("nn", "Vi tilbyr ikkje tenesta.", "not_achieved"),
        ("lt", "Įgyvendintas", "achieved"),
        ("lt", "Dalinai įgyvendintas kokybės sistemoje.", "partial"),
        ("lt", "Neįgyvendintas, neaktualus", "not_relevant"),
        ("lt", "Neįgyvendinta. Patalpinta nuoroda.", "not_achieved"),
        ("lt", "Projektas pradėtas 2009 m. rudenį", "in_progress"),
        ("lt", "Įgyvendinamas 2010-2012 m.", "in_progress"),
        ("lt", "Visi dokumentai bus paskelbti.", "unknown"),
        ("en", "Not implemented yet.", "not_achieved"),
        ("en", "Partly in place.", "partial"),
    ],
)
def test_suggest_level(code: str, text: str, level: str) -> None:
    assert suggest_level(text, LEXICONS[code]) == level


def test_the_first_sentence_decides() -> None:
    text = "Det er ikke utarbeidet en plan. Men det er etablert rutiner."
    assert suggest_level(text, LEXICONS["nb"]) == "not_achieved"
