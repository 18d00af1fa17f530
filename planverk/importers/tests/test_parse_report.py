"""The import report says how the file was read: its text encoding, null for DOCX/ODT."""

from __future__ import annotations

from pathlib import Path

from planverk.format.schema import problems
from planverk.importers import parse
from planverk.importers.layouts.numbers import year_span
from planverk.importers.tests.builders import write_docx
from planverk.importers.tests.fixtures import KS_NB
from planverk.interchange.summary import describe


def test_a_cp1252_file_is_reported_as_cp1252(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    # “Typographic quotes” take the 0x80-0x9F bytes that only cp1252 has.
    path.write_bytes(KS_NB.replace("Innkjøp skal", "“Innkjøp” skal").encode("cp1252"))
    document = parse(path).document
    assert document["import_report"]["source"]["encoding"] == "cp1252"
    assert problems(document) == []


def test_a_docx_file_has_no_encoding(tmp_path: Path) -> None:
    document = parse(write_docx(KS_NB, tmp_path / "plan.docx")).document
    assert document["import_report"]["source"]["encoding"] is None
    assert problems(document) == []


def test_the_summary_starts_with_how_the_file_was_read(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_bytes(KS_NB.encode("cp1252"))
    lines = describe(parse(path).document)
    assert lines[0] == "plan.txt: read as latin-1 text, layout ks-ekommune, language nb"
    assert lines[1].startswith("Nordvik fylkeskommune: Digital plan 2011 - 2014: ")


def test_a_postcode_is_not_the_period() -> None:
    """Found by the mutation property test: with the title gone, "7004 Trondheim"
    named a period no document may have; a year outside planverk/1's bounds is
    passed over."""
    assert year_span("Erling Skakkes gt. 14, 7004 Trondheim") is None
    assert year_span("7004 Trondheim, IKT-strategi 2010 - 2013") == (2010, 2013)
    assert year_span("Plan 1850-2013") is None
