"""history.json, both ways: every django-simple-history row, column by column.

Per history table (its model label) the file gives the column names, then one
array of values per row. A column's value is written as its model field keeps
it, timestamps in UTC and national-agenda rows by meaning (agendas.py); what it
must be on the way back depends on the field, so it is checked here, not by the
file's schema.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from django.core.exceptions import ValidationError
from django.db import models

from planverk.interchange.backup.agendas import References
from planverk.interchange.backup.files import check_schema, load_json, timestamp
from planverk.interchange.backup.layout import (
    HISTORY,
    BackupError,
    history_models,
    in_file,
    line,
    when,
)
from planverk.interchange.backup.plan import Plan


def _encoder(
    model_field: models.Field[Any, Any], references: References
) -> Callable[[Any], Any]:
    """A history column's value as history.json writes it."""
    related = model_field.related_model
    if related in references.out:
        known = references.out[related]
        return lambda pk: None if pk is None else known.get(pk)
    if isinstance(model_field, models.DateTimeField):
        return when
    if isinstance(model_field, models.DateField):
        return lambda d: None if d is None else d.isoformat()
    return lambda value: value


def write_history(out: TextIO, references: References) -> dict[str, int]:
    """history.json: per table its column names, then one JSON array per row."""
    counts = {}
    tables = history_models()
    out.write('{\n  "tables": {\n')
    for i, model in enumerate(tables):
        label = model._meta.label
        fields = list(model._meta.concrete_fields)
        names = [f.attname for f in fields]
        encoders = [_encoder(f, references) for f in fields]
        out.write(f'    {line(label)}: {{\n      "fields": {line(names)},\n')
        out.write('      "rows": [')
        count = 0
        rows = (
            model._default_manager.order_by("pk")
            .values_list(*names)
            .iterator(chunk_size=2000)
        )
        for row in rows:
            encoded = [encode(v) for encode, v in zip(encoders, row, strict=True)]
            out.write(("," if count else "") + "\n        " + line(encoded))
            count += 1
        out.write("\n      ]\n" if count else "]\n")
        out.write("    }" + ("," if i < len(tables) - 1 else "") + "\n")
        counts[label] = count
    out.write("  }\n}\n")
    return counts


def read_history(folder: Path, plan: Plan, references: References) -> None:
    """history.json's rows, checked against the models and the users of *plan*,
    into ``plan.history``."""
    path = folder / HISTORY
    data = load_json(path)
    known = {m._meta.label: m for m in history_models()}
    users = {u.pk for u in plan.users}
    with in_file(path):
        check_schema(data, "history")
        tables = data["tables"]
        for label in sorted(tables):
            if label not in known:
                raise BackupError(
                    "is not a history table of ours", path=f"$.tables.{label}"
                )
            model = known[label]
            where = f"$.tables[{label!r}]"
            names = tables[label]["fields"]
            fields = {f.attname: f for f in model._meta.concrete_fields}
            unknown = [n for n in names if n not in fields]
            if unknown:
                raise BackupError(f"unknown columns {unknown}", path=f"{where}.fields")
            if model._meta.pk.attname not in names:
                raise BackupError("the row id is missing", path=f"{where}.fields")
            decoders = [_decoder(fields[n], references) for n in names]
            objs = []
            for i, row in enumerate(tables[label]["rows"]):
                rwhere = f"{where}.rows[{i}]"
                if len(row) != len(names):
                    raise BackupError(f"expected {len(names)} values", path=rwhere)
                values = {
                    name: decode(value, f"{rwhere}[{k}] ({name})")
                    for k, (name, decode, value) in enumerate(
                        zip(names, decoders, row, strict=True)
                    )
                }
                user = values.get("history_user_id")
                if user is not None and user not in users:
                    raise BackupError(
                        f"names user {user}, whom accounts.json lacks", path=rwhere
                    )
                objs.append(model(**values))
            plan.history.append((model, objs))


def _decoder(
    model_field: models.Field[Any, Any], references: References
) -> Callable[[Any, str], Any]:
    """A history column's value as the model keeps it, or BackupError at *where*."""
    related = model_field.related_model
    if related in references.back:
        return lambda value, where: references.pk(related, value, where)

    def decode(value: Any, where: str) -> Any:
        if value is None:
            if not model_field.null:
                raise BackupError("may not be null", path=where)
            return None
        if isinstance(model_field, models.DateTimeField):
            return timestamp(value, where)
        if isinstance(model_field, models.JSONField):
            return value
        try:
            return model_field.to_python(value)
        except ValidationError as e:
            raise BackupError("; ".join(e.messages), path=where) from None

    return decode
