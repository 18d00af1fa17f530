"""The kind of a file comes from its content, not its name."""

from __future__ import annotations

import io
import zipfile

import pytest

from planverk.importers.base import ParseError
from planverk.importers.sources.detect import (
    ODT_MIMETYPE,
    refuse_binary,
    text_kind,
    zip_kind,
)


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ('{"format": "planverk/1"}', "json"),
        ('\ufeff\n  {"format": "planverk/1"}', "json"),
        ("<!DOCTYPE html>\n<html><body><p>x</p></body></html>", "html"),
        ("<html lang='nb'>", "html"),
        ('<?xml version="1.0"?>\n<!-- eksport -->\n<html>', "html"),
        ("<table><tr><td>Nr</td></tr></table>", "html"),
        ("  <H1>IKT-strategi</H1>", "html"),
        ("IKT-strategi 2010 - 2013\n\nForord\n", "text"),
        ("<<Utkast>> til høring\n", "text"),
        ("- et punkt {med klammer}\n", "text"),
    ],
)
def test_it_tells_text_kinds_by_how_they_start(text: str, kind: str) -> None:
    assert text_kind(text) == kind


def test_it_knows_odt_by_its_mimetype_member() -> None:
    raw = _zip({"mimetype": ODT_MIMETYPE, "content.xml": b"<x/>"})
    assert zip_kind("s.bin", raw) == "odt"


def test_it_knows_docx_by_its_parts() -> None:
    raw = _zip({"[Content_Types].xml": b"<x/>", "word/document.xml": b"<x/>"})
    assert zip_kind("s.odt", raw) == "docx"


def test_it_says_none_for_what_is_not_a_zip() -> None:
    assert zip_kind("s.docx", b"IKT-strategi\n") is None


def test_it_refuses_other_zips() -> None:
    with pytest.raises(ParseError, match="neither DOCX nor ODT"):
        zip_kind("s.zip", _zip({"readme.txt": b"hei"}))


def test_it_refuses_an_office_zip_without_a_word_document() -> None:
    raw = _zip({"[Content_Types].xml": b"<x/>", "xl/workbook.xml": b"<x/>"})
    with pytest.raises(ParseError, match=r"without word/document\.xml"):
        zip_kind("s.xlsx", raw)


def test_it_refuses_a_spreadsheet_odf() -> None:
    raw = _zip({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"})
    with pytest.raises(ParseError, match="neither DOCX nor ODT"):
        zip_kind("s.ods", raw)


@pytest.mark.parametrize(
    ("raw", "what"),
    [
        (b"%PDF-1.4\n", "PDF"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00", "old Word"),
        (b"{\\rtf1\\ansi", "RTF"),
        (b"IKT\x00\x01\x02", "binary data"),
    ],
)
def test_it_refuses_files_that_are_not_text(raw: bytes, what: str) -> None:
    with pytest.raises(ParseError, match=what):
        refuse_binary("s.txt", raw)


def test_it_lets_utf16_text_through() -> None:
    refuse_binary("s.txt", "Mål".encode("utf-16"))
