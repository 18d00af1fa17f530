"""docs/format.md and the JSON Schema describe the same planverk/1: every key, and
whether it is required."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from planverk.format.schema import SCHEMA_PATH

DOCS = Path(__file__).resolve().parents[3] / "docs" / "format.md"
ROW = re.compile(r"^\| `(\w+)` \| .+? \| (yes|optional) \|", re.MULTILINE)


def documented() -> dict[str, dict[str, bool]]:
    """Each section of docs/format.md: its keys, and whether each is required."""
    sections: dict[str, dict[str, bool]] = {}
    for part in re.split(r"^## ", DOCS.read_text(encoding="utf-8"), flags=re.M)[1:]:
        heading, _, body = part.partition("\n")
        rows = ROW.findall(body)
        if rows:
            sections[heading.strip()] = {key: need == "yes" for key, need in rows}
    return sections


def in_schema() -> dict[str, dict[str, Any]]:
    """The same sections, from the schema: (properties, required) of each object."""
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    defs = schema["$defs"]
    report = defs["ImportReport"]["properties"]
    return {
        "Document": schema,
        "Years": defs["years"],
        **{name: defs[name] for name in defs if name[0].isupper()},
        "Status": defs["GoalAssessment"]["properties"]["status"],
        "Source": report["source"],
        "Warning": report["warnings"]["items"],
    }


@pytest.mark.parametrize("section", sorted(in_schema()))
def test_the_docs_list_every_key_of_the_schema(section: str) -> None:
    node = in_schema()[section]
    wanted = {key: key in node.get("required", []) for key in node["properties"]}
    assert documented().get(section) == wanted


def test_the_docs_describe_nothing_the_schema_lacks() -> None:
    assert set(documented()) == set(in_schema())
