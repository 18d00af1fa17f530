"""Deeply nested JSON is refused by its nesting depth, before anything recurses."""

from __future__ import annotations

from pathlib import Path

import pytest

from planverk.importers import parse
from planverk.importers.base import ParseError
from planverk.importers.jsondoc import (
    MAX_DEPTH,
    InvalidDocument,
    nesting_depth,
    read_json_document,
)

DEEP = '{"strategy": ' + "[" * 200_000 + "]" * 200_000 + "}"


def _nested(depth: int) -> str:
    """An object holding arrays to *depth* levels in all."""
    inner = depth - 1
    return '{"format": "planverk/1", "x": ' + "[" * inner + "]" * inner + "}"


@pytest.mark.parametrize(
    ("text", "depth"),
    [
        ("{}", 1),
        ('{"a": [1, {"b": [2]}], "c": {}}', 4),
        ('{"a": "[[[{{{"}', 1),
        (r'{"a": "\"[[[", "b": "\\", "c": [[]]}', 3),
        ('{"a": "[[[ unterminated', 1),
        ("[" * 1000, 1000),
        ("", 0),
    ],
)
def test_the_depth_counts_brackets_outside_strings(text: str, depth: int) -> None:
    assert nesting_depth(text) == depth


def test_deep_nesting_is_refused_by_name() -> None:
    with pytest.raises(ParseError) as refused:
        read_json_document("plan.json", DEEP)
    assert str(refused.value) == "plan.json: nested too deeply (more than 64 levels)"


def test_unclosed_deep_nesting_is_refused_too() -> None:
    with pytest.raises(ParseError, match="nested too deeply"):
        read_json_document("plan.json", '{"strategy": ' + "[" * 200_000)


def test_the_deepest_allowed_nesting_reaches_the_schema() -> None:
    with pytest.raises(InvalidDocument):
        read_json_document("plan.json", _nested(MAX_DEPTH))
    with pytest.raises(ParseError, match="nested too deeply"):
        read_json_document("plan.json", _nested(MAX_DEPTH + 1))


def test_brackets_in_strings_are_no_nesting() -> None:
    text = '{"format": "planverk/1", "x": "' + "[{" * 1000 + '"}'
    with pytest.raises(InvalidDocument):
        read_json_document("plan.json", text)


def test_parse_refuses_a_deep_file_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "plan.json"
    path.write_text(DEEP, encoding="utf-8")
    with pytest.raises(ParseError) as refused:
        parse(path)
    assert str(refused.value) == f"{path}: nested too deeply (more than 64 levels)"
