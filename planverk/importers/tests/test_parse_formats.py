"""One layout parser for every file kind: a fixture as DOCX, ODT or HTML reads as its text does."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from planverk.importers import ParseResult, parse
from planverk.importers.tests.builders import write_docx, write_html, write_odt
from planverk.importers.tests.fixtures import ACTION_LT, KS_NB

WRITERS = {"docx": write_docx, "odt": write_odt, "html": write_html}


def _parse_as(text: str, kind: str, tmp_path: Path) -> ParseResult:
    if kind == "txt":
        path = tmp_path / "plan.txt"
        path.write_text(text, encoding="utf-8")
        return parse(path)
    return parse(WRITERS[kind](text, tmp_path / f"plan.{kind}"))


def _content(result: ParseResult) -> dict[str, Any]:
    """The document without the import report (whose lines are ordinals in DOCX/ODT)."""
    return {k: v for k, v in result.document.items() if k != "import_report"}


@pytest.mark.parametrize("kind", ["docx", "odt", "html"])
@pytest.mark.parametrize("text", [KS_NB, ACTION_LT], ids=["ks-ekommune", "action-plan"])
def test_a_file_reads_to_the_same_document_as_its_text(
    text: str, kind: str, tmp_path: Path
) -> None:
    expected = _parse_as(text, "txt", tmp_path)
    found = _parse_as(text, kind, tmp_path)
    assert (
        found.document["import_report"]["source"]["layout"]
        == (expected.document["import_report"]["source"]["layout"])
    )
    assert _content(found) == _content(expected)
    assert Counter(w.code for w in found.warnings) == Counter(
        w.code for w in expected.warnings
    )
