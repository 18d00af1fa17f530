"""Validation of planverk/1 documents against the committed JSON Schema.

Django-free, so the importers' tests can check their output with it too.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

SCHEMA_PATH = Path(__file__).with_name("planverk-1.schema.json")
FORMAT = "planverk/1"


@dataclass(frozen=True)
class SchemaProblem:
    """Where a document is not planverk/1 (a JSON path), and how (jsonschema's message).

    A record, not an error: whoever refuses the document raises its own located
    error (planverk.lib.located) with these two. planverk.format stands beside
    planverk.lib in the layers, so it cannot be one itself.
    """

    path: str  # JSON path of the offending value, e.g. "$.strategy.themes[2].number"
    message: str


@cache
def _validator() -> Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(_inline(schema, schema["$defs"]))


def _inline(node: Any, defs: dict[str, Any]) -> Any:
    """The schema with every local $ref replaced by its definition.

    The schema has no recursion, and resolving references at validation time
    was half the cost of validating a document (a generated strategy: 70 → 39 ms).
    """
    if isinstance(node, dict):
        ref = node.get("$ref", "")
        inlined = {
            k: _inline(v, defs) for k, v in node.items() if k not in ("$defs", "$ref")
        }
        if ref.startswith("#/$defs/"):
            # Keywords beside the reference (a maxLength) apply as well.
            return {**_inline(defs[ref.removeprefix("#/$defs/")], defs), **inlined}
        return inlined
    if isinstance(node, list):
        return [_inline(v, defs) for v in node]
    return node


def _json_path(error: ValidationError) -> str:
    path = "$"
    for part in error.absolute_path:
        path += f"[{part}]" if isinstance(part, int) else f".{part}"
    return path


def problems(document: Any, limit: int = 5) -> list[SchemaProblem]:
    """The first *limit* ways *document* is not planverk/1, in document order."""
    errors = sorted(
        _validator().iter_errors(document),
        key=lambda e: list(map(str, e.absolute_path)),
    )
    return [SchemaProblem(_json_path(e), e.message) for e in errors[:limit]]
