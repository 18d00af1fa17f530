"""The national agendas shipped as data files, read without Django.

Each file in ``agendas/`` describes one framework: its areas in the agenda's order,
each with numbered goals that carry a deadline year. The Django app loads them
into the database; the importer's goal matcher and the sample-data generator
read them directly through :func:`read_framework`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent / "agendas"

# Required keys and the JSON types their values may take, per level of the file.
_TOP_KEYS: dict[str, tuple[type, ...]] = {
    "slug": (str,),
    "name": (str,),
    "publisher": (str,),
    "published": (int,),
    "language": (str,),
    "source": (str,),
    "areas": (list,),
}
_AREA_KEYS: dict[str, tuple[type, ...]] = {
    "number": (int,),
    "title": (str,),
    "goals": (list,),
}
_GOAL_KEYS: dict[str, tuple[type, ...]] = {
    "number": (int,),
    "deadline": (int, type(None)),
    "text": (str,),
    "note": (str, type(None)),
}


def available() -> list[str]:
    """Slugs of the frameworks shipped in :data:`DATA_DIR`, sorted."""
    return sorted(path.stem for path in DATA_DIR.glob("*.json"))


def read_framework(slug_or_path: str | Path) -> dict[str, Any]:
    """The framework named by a shipped slug or a file path, checked for shape.

    Raises ``ValueError`` naming the file and what is wrong with it.
    """
    path = _resolve(slug_or_path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"{path}: cannot read framework: {exc}") from exc
    problem = _shape_problem(data)
    if problem:
        raise ValueError(f"{path}: {problem}")
    return data


def _resolve(slug_or_path: str | Path) -> Path:
    candidate = Path(slug_or_path)
    # A bare slug ("ekommune-2012") has neither a directory part nor a suffix.
    is_slug = isinstance(slug_or_path, str) and candidate.name == slug_or_path
    if is_slug and not candidate.suffix:
        candidate = DATA_DIR / f"{slug_or_path}.json"
    if not candidate.is_file():
        raise ValueError(f"{candidate}: no such framework file")
    return candidate


def _shape_problem(data: Any) -> str | None:
    """What is wrong with *data* as a framework, or None when nothing is."""
    problem = _keys_problem(data, _TOP_KEYS, "$")
    if problem:
        return problem
    if not data["areas"]:
        return "$.areas: a framework needs at least one area"
    for i, area in enumerate(data["areas"]):
        problem = _area_problem(area, f"$.areas[{i}]", expected_number=i + 1)
        if problem:
            return problem
    return None


def _area_problem(area: Any, where: str, expected_number: int) -> str | None:
    problem = _keys_problem(area, _AREA_KEYS, where) or _number_problem(
        area, where, expected_number
    )
    if problem:
        return problem
    if not area["title"].strip():
        return f"{where}.title: empty"
    for i, goal in enumerate(area["goals"]):
        goal_where = f"{where}.goals[{i}]"
        problem = _keys_problem(goal, _GOAL_KEYS, goal_where) or _number_problem(
            goal, goal_where, i + 1
        )
        if problem:
            return problem
        if not goal["text"].strip():
            return f"{goal_where}.text: empty"
    return None


def _keys_problem(
    value: Any, keys: dict[str, tuple[type, ...]], where: str
) -> str | None:
    if not isinstance(value, dict):
        return f"{where}: expected an object, got {type(value).__name__}"
    for key, types in keys.items():
        if key not in value:
            return f"{where}: missing key {key!r}"
        item = value[key]
        # bool is an int in Python but not a number in the file.
        if isinstance(item, bool) or not isinstance(item, types):
            wanted = _type_names(types)
            return f"{where}.{key}: expected {wanted}, got {json.dumps(item)[:40]}"
    return None


def _type_names(types: tuple[type, ...]) -> str:
    return " or ".join("null" if t is type(None) else t.__name__ for t in types)


def _number_problem(value: dict[str, Any], where: str, expected: int) -> str | None:
    # Numbers run 1, 2, 3 … in file order, so position and number never disagree.
    if value["number"] != expected:
        return f"{where}.number: expected {expected}, got {value['number']}"
    return None
