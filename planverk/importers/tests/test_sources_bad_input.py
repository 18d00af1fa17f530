"""Bad input: every refusal is a ParseError naming the file, and nothing else escapes."""

from __future__ import annotations

import io
import random
import tempfile
import zipfile
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planverk.importers.base import ParseError
from planverk.importers.blocks import Paragraph
from planverk.importers.jsondoc import read_json_document
from planverk.importers.sources import read_source


def _docx_bytes() -> bytes:
    document = docx.Document()
    document.add_heading("Informasjonssikkerhet", level=1)
    document.add_paragraph("Alle enheter skal ha en oppdatert risikovurdering.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _refusal(path: Path) -> ParseError:
    with pytest.raises(ParseError) as e:
        read_source(path)
    assert e.value.file == str(path)
    assert str(e.value).startswith(str(path))
    return e.value


def test_an_empty_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "tom.txt"
    path.write_bytes(b"")
    assert _refusal(path).message == "the file is empty"


def test_a_file_of_blank_lines_is_empty_too(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_bytes(b"\n \r\n\t\n")
    assert _refusal(path).message == "the file is empty"


def test_binary_junk_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "strategi.txt"
    path.write_bytes(random.Random(7).randbytes(4096))
    assert _refusal(path).message == "binary data, not a text document"


def test_a_50_mb_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "stor.txt"
    with path.open("wb") as f:
        f.truncate(50 * 2**20)  # sparse: no 50 MB written to disk
    error = _refusal(path)
    path.unlink()
    assert error.message == "file is 50.0 MB; the largest accepted is 20 MB"


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    assert "cannot read the file" in _refusal(tmp_path / "borte.docx").message


def test_a_directory_is_refused(tmp_path: Path) -> None:
    assert _refusal(tmp_path).message == "not a regular file"


def test_a_truncated_docx_is_refused(tmp_path: Path) -> None:
    raw = _docx_bytes()
    path = tmp_path / "halv.docx"
    path.write_bytes(raw[: len(raw) // 2])
    assert _refusal(path).message.startswith("truncated or damaged ZIP archive")


def test_a_zip_that_is_no_document_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "strategi.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("bilde.png", b"\x89PNG")
    assert _refusal(path).message == "a ZIP archive that is neither DOCX nor ODT"


def test_a_docx_with_broken_xml_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "skadet.docx"
    with (
        zipfile.ZipFile(io.BytesIO(_docx_bytes())) as source,
        zipfile.ZipFile(path, "w") as target,
    ):
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                data = data[: len(data) // 2]
            target.writestr(info, data)
    assert _refusal(path).message.startswith("damaged DOCX file")


def test_an_odt_with_broken_xml_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "skadet.odt"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content><unclosed")
    assert _refusal(path).message.startswith("damaged ODT file")


def test_cp1252_text_is_read_and_its_encoding_reported(tmp_path: Path) -> None:
    path = tmp_path / "gammel.txt"
    path.write_bytes("Mål: “økt” bruk av ærlige tjenester\n".encode("cp1252"))
    source = read_source(path)
    assert (source.kind, source.encoding) == ("text", "cp1252")
    assert source.blocks == [Paragraph("Mål: “økt” bruk av ærlige tjenester", 1)]


def test_latin1_text_is_read_and_its_encoding_reported(tmp_path: Path) -> None:
    path = tmp_path / "gammel.txt"
    path.write_bytes("Tiltak\n\nSøknader på nett for næringslivet\n".encode("latin-1"))
    source = read_source(path)
    assert (source.kind, source.encoding) == ("text", "latin-1")
    assert source.blocks[1] == Paragraph("Søknader på nett for næringslivet", 3)


def test_undecodable_bytes_are_refused_with_their_line(tmp_path: Path) -> None:
    path = tmp_path / "blandet.txt"
    path.write_bytes("Første\nAndre\n".encode() + b"Tredje \xe6\xf8 \xff\n")
    error = _refusal(path)
    assert error.line == 3
    assert str(error) == f"{path}:3: byte 0xE6 cannot be read as UTF-8"


def test_json_is_detected_and_left_to_the_document_reader(tmp_path: Path) -> None:
    path = tmp_path / "eksport.txt"
    path.write_text('{"format": "planverk/1"}\n', encoding="utf-8")
    source = read_source(path)
    assert (source.kind, source.text, source.blocks) == (
        "json",
        '{"format": "planverk/1"}\n',
        [],
    )


def test_json_that_is_not_planverk_1_is_refused_by_the_reader(tmp_path: Path) -> None:
    path = tmp_path / "annet.json"
    path.write_text('{"name": "noe annet"}', encoding="utf-8")
    source = read_source(path)
    with pytest.raises(ParseError, match="not a planverk/1 document"):
        read_json_document(source.path, source.text or "")


def _read_bytes(raw: bytes) -> None:
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "innspill"
        path.write_bytes(raw)
        try:
            read_source(path)
        except ParseError as e:
            assert e.file == str(path)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(
        st.binary(max_size=2000),
        st.binary(max_size=500).map(lambda b: b"PK\x03\x04" + b),
        st.binary(max_size=500).map(lambda b: b"<html><table><tr><td>" + b),
        st.text(max_size=500).map(lambda t: ("<ul><li>" + t).encode()),
        st.text(max_size=500).map(lambda t: t.encode("utf-8")),
    )
)
def test_any_bytes_give_blocks_or_a_parse_error(raw: bytes) -> None:
    _read_bytes(raw)


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_a_damaged_docx_gives_a_parse_error(data: st.DataObject) -> None:
    raw = bytearray(_docx_bytes())
    cut = data.draw(st.integers(1, len(raw)))
    for _ in range(data.draw(st.integers(0, 8))):
        raw[data.draw(st.integers(0, cut - 1))] = data.draw(st.integers(0, 255))
    _read_bytes(bytes(raw[:cut]))
