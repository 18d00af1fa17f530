"""Reading a planverk/1 JSON file: decode, then validate against the schema."""

from __future__ import annotations

import json
from typing import Any

from planverk.importers.base import ParseError
from planverk.interchange.schema import SchemaProblem, problems


class InvalidDocument(ParseError):
    """Well-formed JSON that is not planverk/1; carries the first schema problems."""

    def __init__(self, path: str, found: list[SchemaProblem]) -> None:
        self.problems = found
        listed = "; ".join(str(p) for p in found)
        super().__init__(path, f"not a planverk/1 document: {listed}")


def read_json_document(path: str, text: str) -> dict[str, Any]:
    """Parse *text* (the content of *path*) as planverk/1, or raise ParseError."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as e:
        raise ParseError(
            path, f"invalid JSON: {e.msg} (column {e.colno})", e.lineno
        ) from e
    found = problems(document)
    if found:
        raise InvalidDocument(path, found)
    return document
