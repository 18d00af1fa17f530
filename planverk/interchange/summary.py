"""What a planverk/1 document holds, in a few lines for people at a terminal."""

from __future__ import annotations

from collections import Counter
from typing import Any


def counts(document: dict[str, Any]) -> dict[str, int]:
    s = document["strategy"]
    return {
        "themes": len(s["themes"]),
        "goals": len(s["goal_assessments"]),
        "measures": sum(len(t["measures"]) for t in s["themes"]),
        "action items": len(s["action_plan"]),
        "revisions": len(s["revisions"]),
    }


def describe(document: dict[str, Any]) -> list[str]:
    """One line of counts, one of warnings by code, then each warning with its line."""
    held = ", ".join(f"{n} {what}" for what, n in counts(document).items())
    lines = [
        f"{document['organization']['name']}: {document['strategy']['title']}: {held}"
    ]
    warnings = (document.get("import_report") or {}).get("warnings", [])
    if not warnings:
        return [*lines, "no warnings"]
    by_code = Counter(w["code"] for w in warnings)
    lines.append(
        f"{len(warnings)} warnings: "
        + ", ".join(f"{code} ×{n}" for code, n in sorted(by_code.items()))
    )
    for w in warnings:
        where = f"line {w['line']}" if w["line"] else "—"
        lines.append(f"  {where:>10}  {w['code']}: {w['message']}")
    return lines
