"""One located error: every refusal says where (file, line, JSON path) the same way."""

from __future__ import annotations

import pickle

import pytest

from planverk.importers.base import ParseError
from planverk.lib.located import Located


@pytest.mark.parametrize(
    ("error", "said"),
    [
        (Located("not JSON", file="a.json", line=3), "a.json:3: not JSON"),
        (
            Located("too long", file="a.json", path="$.a[0].b"),
            "a.json: $.a[0].b: too long",
        ),
        (Located("too long", path="$.a.b"), "$.a.b: too long"),
        (Located("is missing", file="a.json"), "a.json: is missing"),
        (Located("no heading", line=7), "line 7: no heading"),
        (Located("refused"), "refused"),
    ],
)
def test_the_place_comes_first(error: Located, said: str) -> None:
    assert str(error) == said
    assert error.message == said.rsplit(": ", 1)[-1]


def test_an_error_met_in_a_file_keeps_its_place_and_names_the_file() -> None:
    inner = Located("appears twice", path="$.strategy.themes[1]")
    outer = ParseError.of(inner, file="plan.json")
    assert isinstance(outer, ParseError)
    assert (outer.file, outer.line, outer.path) == ("plan.json", None, inner.path)
    assert str(outer) == "plan.json: $.strategy.themes[1]: appears twice"
    assert ParseError.of(outer).file == "plan.json"


def test_it_pickles_with_its_place() -> None:
    error = ParseError("byte 0xFF", file="a.txt", line=2)
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is ParseError and str(copy) == str(error)
