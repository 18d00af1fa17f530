"""Reading a planverk/1 JSON file: decode, then validate against the schema."""

from __future__ import annotations

import json
import re
from array import array
from itertools import accumulate
from typing import Any

from planverk.format.schema import problems
from planverk.importers.base import ParseError
from planverk.lib.located import Located

# planverk/1 nests less than 10 levels deep. json.loads and the schema validator
# both recurse once per level, and deep enough input ends in a RecursionError,
# so anything deeper than this is refused before either of them sees it.
MAX_DEPTH = 64

# A JSON string, escapes included; possessive, and with the closing quote optional,
# so that an unterminated string (invalid JSON, left to json.loads to report)
# cannot make the pattern backtrack.
_STRING = re.compile(r'"[^"\\]*+(?:\\.[^"\\]*+)*+"?', re.DOTALL)
# An opening bracket goes one level deeper, a closing one a level back (-1 as a
# signed byte); every other byte is dropped.
_STEPS = bytes.maketrans(b"[{]}", b"\x01\x01\xff\xff")
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")


class InvalidDocument(ParseError):
    """Well-formed JSON that is not planverk/1; the message lists the first problems."""


def read_json_document(path: str, text: str) -> dict[str, Any]:
    """Parse *text* (the content of *path*) as planverk/1, or raise ParseError."""
    if nesting_depth(text) > MAX_DEPTH:
        raise ParseError.coded("json_too_deep", file=path, limit=MAX_DEPTH)
    try:
        document = json.loads(text)
    except json.JSONDecodeError as e:
        raise ParseError.coded(
            "json_invalid", file=path, line=e.lineno, detail=e.msg, column=e.colno
        ) from e
    found = problems(document)
    if found:
        listed = "; ".join(str(Located(p.message, path=p.path)) for p in found)
        raise InvalidDocument.coded("not_planverk", file=path, problems=listed)
    return document


def nesting_depth(text: str) -> int:
    """How deeply the arrays and objects of the JSON *text* nest, found without
    parsing it: the deepest running count of the brackets outside strings."""
    outside = _STRING.sub("", text).encode("utf-8", "surrogatepass")
    steps = array("b", outside.translate(_STEPS, delete=_NOT_BRACKETS))
    return max(accumulate(steps), default=0)
