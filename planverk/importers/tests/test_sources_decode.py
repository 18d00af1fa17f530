"""Bytes → text: UTF-8, BOMs, and the legacy code pages Word and old intranets used."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from planverk.importers.base import ParseError
from planverk.importers.sources import read_source
from planverk.importers.sources.decode import decode

NORWEGIAN = "Tiltak for «bære» og “økt” samhandling – på tvers av år\n"
LITHUANIAN = "Priemonė: šviečiamųjų įstaigų ryšių ūkis ir žinių bazė, ąžuolas čia\n"


def test_it_reads_utf8() -> None:
    assert decode("a.txt", NORWEGIAN.encode()) == (NORWEGIAN, "utf-8")


def test_it_drops_the_utf8_bom() -> None:
    raw = b"\xef\xbb\xbf" + NORWEGIAN.encode()
    assert decode("a.txt", raw) == (NORWEGIAN, "utf-8-sig")


def test_it_reads_utf16_with_a_bom() -> None:
    assert decode("a.txt", NORWEGIAN.encode("utf-16")) == (NORWEGIAN, "utf-16")


def test_it_reads_cp1252_with_curly_quotes() -> None:
    raw = "Mål for æøå og “gode” ‘tiltak’\n".encode("cp1252")
    assert any(0x91 <= b <= 0x94 for b in raw)
    assert decode("a.txt", raw) == ("Mål for æøå og “gode” ‘tiltak’\n", "cp1252")


def test_it_calls_text_without_windows_punctuation_latin1() -> None:
    text = "Fylkeskommunen skal være blant de fremste på økt samhandling.\n" * 3
    assert decode("a.txt", text.encode("latin-1")) == (text, "latin-1")


def test_it_reads_lithuanian_in_windows_1257() -> None:
    text = (LITHUANIAN + "„Elektroninė valdžia“ – savivaldybės tikslas.\n") * 3
    assert decode("a.txt", text.encode("cp1257")) == (text, "cp1257")


def test_it_names_the_line_of_a_byte_no_encoding_reads() -> None:
    raw = "første linje\nandre linje\n".encode("cp1252") + b"tredje \x81\x8d\n"
    with pytest.raises(ParseError) as e:
        decode("a.txt", raw)
    assert e.value.line == 3
    assert "0x81" in e.value.message


def test_it_refuses_damaged_utf8_at_the_bad_byte() -> None:
    raw = "første\nandre\n".encode() + b"\xff tredje\n"
    with pytest.raises(ParseError) as e:
        decode("a.txt", raw)
    assert (e.value.line, e.value.message) == (3, "byte 0xFF cannot be read as UTF-8")


def test_it_refuses_control_characters_with_their_line() -> None:
    with pytest.raises(ParseError) as e:
        decode("a.txt", b"ok\nok\nbad \x1b[0m\n")
    assert e.value.line == 3
    assert "U+001B" in e.value.message


def test_it_keeps_tabs_form_feeds_and_word_line_breaks() -> None:
    text = "Nr\tMål\x0bneste\x0c\r\n"
    assert decode("a.txt", text.encode()) == (text, "utf-8")


def test_the_county_seed_reads_alike_in_utf8_and_cp1252(
    seed_path: Callable[[str], Path], tmp_path: Path
) -> None:
    seed = seed_path("stfk-ikt-strategi-2010-2013.nb.txt")
    legacy = tmp_path / "fylket.txt"
    legacy.write_bytes(seed.read_text(encoding="utf-8").encode("cp1252"))
    modern, old = read_source(seed), read_source(legacy)
    assert (modern.encoding, old.encoding) == ("utf-8", "cp1252")
    assert modern.blocks == old.blocks
