"""What a planverk/1 document holds, in a few lines for people at a terminal."""

from __future__ import annotations

from collections import Counter
from typing import Any

from planverk.interchange.warnings import warning_message


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
    """How the file was read, one line of counts, one of warnings by code, then each
    warning with its line, its code and its message (warnings.py, in the active
    language: the command line's is the site's default)."""
    held = ", ".join(f"{n} {what}" for what, n in counts(document).items())
    report = document.get("import_report") or {}
    lines = [read_as(report["source"])] if report.get("source") else []
    lines.append(
        f"{document['organization']['name']}: {document['strategy']['title']}: {held}"
    )
    warnings = report.get("warnings", [])
    if not warnings:
        return [*lines, "no warnings"]
    by_code = Counter(w["code"] for w in warnings)
    lines.append(
        f"{len(warnings)} warnings: "
        + ", ".join(f"{code} ×{n}" for code, n in sorted(by_code.items()))
    )
    for w in warnings:
        where = f"line {w['line']}" if w["line"] else "—"
        lines.append(f"  {where:>10}  {w['code']}: {warning_message(w)}")
    return lines


def read_as(source: dict[str, Any]) -> str:
    """ "plan.txt: read as cp1252 text, layout ks-ekommune, language nb"."""
    how = []
    if "encoding" in source:  # reports of older imports lack it
        encoding = source["encoding"]
        how.append(f"read as {encoding} text" if encoding else "read as DOCX/ODT")
    how += [f"layout {source['layout']}", f"language {source['language']}"]
    return f"{source['filename']}: " + ", ".join(how)
