"""One file of a backup, read and checked: JSON, its schema, and the checks of values
that every file needs (timestamps, unique ids). Each refusal names the file and
the line (broken JSON) or, through ``layout.in_file``, the JSON path.

Our own files have their JSON Schemas in ``schemas/<name>.schema.json`` (Draft
2020-12, each compiled once); planverk/1 files are checked by planverk/1's.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import Any, overload

from jsonschema import Draft202012Validator

from planverk.importers.jsondoc import MAX_DEPTH, nesting_depth
from planverk.interchange.backup.layout import BackupError

SCHEMAS = Path(__file__).with_name("schemas")


def load_json(path: Path) -> Any:
    """The JSON in *path*; BackupError naming the file (and the line) if it is not."""
    try:
        content = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BackupError("is missing", file=str(path)) from None
    except (OSError, UnicodeDecodeError) as e:
        raise BackupError(f"cannot be read: {e}", file=str(path)) from None
    if nesting_depth(content) > MAX_DEPTH:  # json.loads would recurse until it fails
        raise BackupError(
            f"nested too deeply (more than {MAX_DEPTH} levels)", file=str(path)
        )
    try:
        return json.loads(content)
    except json.JSONDecodeError as e:
        raise BackupError(
            f"not JSON: {e.msg} (column {e.colno})", file=str(path), line=e.lineno
        ) from None


@cache
def _validator(name: str) -> Draft202012Validator:
    schema = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def check_schema(data: Any, name: str) -> None:
    """Raise BackupError at the JSON path of the first place, in document order,
    where *data* does not fit ``schemas/<name>.schema.json``."""
    errors = list(_validator(name).iter_errors(data))
    if errors:
        first = min(errors, key=lambda e: [_order(p) for p in e.absolute_path])
        raise BackupError(first.message, path=_json_path(first.absolute_path))


def _order(part: str | int) -> tuple[int, int, str]:
    return (0, part, "") if isinstance(part, int) else (1, 0, part)


def _json_path(parts: Iterable[str | int]) -> str:
    """``$.users[2].id``; a key that is no identifier in brackets, as in
    ``$.tables['strategies.HistoricalTheme']``."""
    path = "$"
    for part in parts:
        if isinstance(part, int):
            path += f"[{part}]"
        elif part.isidentifier():
            path += f".{part}"
        else:
            path += f"[{part!r}]"
    return path


@overload
def timestamp(value: str, where: str) -> dt.datetime: ...
@overload
def timestamp(value: None, where: str) -> None: ...
def timestamp(value: str | None, where: str) -> dt.datetime | None:
    """A timestamp as the backup writes it (None for null), or BackupError at the
    JSON path *where*: it must be one datetime.fromisoformat reads, with a zone."""
    if value is None:
        return None
    try:
        parsed = dt.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise BackupError(f"{value!r} is not a timestamp", path=where) from None
    if parsed.tzinfo is None:
        raise BackupError(f"{value!r} has no time zone", path=where)
    return parsed


def unique(values: Sequence[Any], where: str, what: str) -> None:
    seen: set[Any] = set()
    for value in values:
        if value in seen:
            raise BackupError(f"{what} {value!r} appears twice", path=where)
        seen.add(value)
