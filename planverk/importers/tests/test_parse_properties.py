"""Whatever the text, the parser returns a document or raises its own ParseError."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from conftest import COUNTY_SEED, MUNICIPALITY_SEED, SEEDS_DIR
from planverk.format.schema import problems
from planverk.importers import ParseError
from planverk.importers.tests.fixtures import ACTION_LT, KS_NB, parse_text

# Text made of the pieces the layouts react to, so the layouts, not only the
# "no layout fits" path, are exercised.
PIECES = st.sampled_from(
    [
        "\t", "\n", "\n\n", "Mål eKommune 2012:", "Status:", "Målsetting og tiltak:",
        "Nr\tMål\tTiltak\tForslag fra\tStart", "3.1\t", "1. ", "2. ", "3. Tema", "I løpet av 2009",
        "Per 20120 m.", "VISO\t", "0,4 mln. NOK", "Veiklos priemonės 2010 m.", "Innhold",
        "Sprendimų ir pakeitimų protokolai", "2009.12.02 Nr. 1/09", "<ul>", "•", "●\t",
        "įgyvendinimo pažanga", "IKT-strategi 2010 - 2013", "og i det som er", "ir yra kad",
    ]
)  # fmt: skip
TEXTS = st.one_of(
    st.text(), st.lists(st.one_of(PIECES, st.text(max_size=5))).map("".join)
)


def _seed_texts() -> list[str]:
    paths = [SEEDS_DIR / COUNTY_SEED, SEEDS_DIR / MUNICIPALITY_SEED]
    return [p.read_text("utf-8") for p in paths if p.is_file()] or [KS_NB, ACTION_LT]


def _check(text: str) -> None:
    try:
        result = parse_text(text)
    except ParseError:
        return
    assert problems(result.document) == []


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_arbitrary_text_raises_only_parse_error(text: str) -> None:
    _check(text)


@st.composite
def mutated(draw: st.DrawFn) -> str:
    lines = draw(st.sampled_from(_seed_texts())).split("\n")
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["drop", "duplicate", "tab", "cut", "insert"]))
        if action == "drop":
            del lines[at]
        elif action == "duplicate":
            lines.insert(at, lines[at])
        elif action == "tab":
            lines[at] = "\t" + lines[at]
        elif action == "cut":
            lines[at] = lines[at][: draw(st.integers(0, len(lines[at])))]
        else:
            lines.insert(at, draw(TEXTS))
        if not lines:
            lines = [""]
    return "\n".join(lines)


# Shrinking a whole seed takes minutes; a failing mutation is printed unshrunk.
@settings(
    max_examples=40,
    deadline=None,
    phases=(Phase.explicit, Phase.reuse, Phase.generate),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(mutated())
def test_mutated_documents_raise_only_parse_error(text: str) -> None:
    _check(text)


def test_a_document_no_layout_fits_names_the_problem() -> None:
    with pytest.raises(ParseError, match="no known document layout"):
        parse_text(
            "Dette er bare et brev om været i dag, og det er ikke en strategi.\n"
        )


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(ParseError, match="unknown language 'xx'"):
        parse_text(KS_NB, language="xx")
