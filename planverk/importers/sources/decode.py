"""Bytes → text, with the encoding that was used.

Strategies come from Word and from old intranets: UTF-8 (with or without a
BOM), UTF-16 from Word's "Unicode text", Windows-1252 or Latin-1 for Norwegian,
Windows-1257 or ISO 8859-13 for Lithuanian. Control characters that no text
file holds are refused rather than passed on as garbage.
"""

from __future__ import annotations

import codecs
import re

from planverk.importers.base import ParseError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE, whose BOM is its prefix
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# A well-formed UTF-8 multi-byte sequence; legacy 8-bit text almost never has one.
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)

# Each 8-bit family: the Windows code page, and the ISO set it extends. The two
# differ only in 0x80-0x9F, printable in the first and control codes in the second.
_FAMILIES = {"cp1252": "latin-1", "cp1257": "iso8859-13"}

# Letters that only the right code page turns into a letter of the language: the
# bytes of æ ø å read as cp1257 are ę ų ą (also Lithuanian), and the bytes of
# č ė į š ū ž read as cp1252 are è ë á ð û þ (neither Norwegian nor Lithuanian).
# charset-normalizer knows no Lithuanian, and scores both code pages alike.
_WESTERN_ONLY = frozenset("æøåÆØÅ")
_BALTIC_ONLY = frozenset("čėįšūžČĖĮŠŪŽ")

# Control characters besides tab, line feed, vertical tab (Word's manual line
# break), form feed and carriage return; C1 codes are what undecodable bytes
# become under an ISO 8859 set.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def decode(path: str, raw: bytes) -> tuple[str, str]:
    """Decode *raw* (the content of *path*); return (text, encoding name)."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return _checked(path, raw, encoding), encoding
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        if _UTF8_SEQUENCE.search(raw):
            # UTF-8 elsewhere in the file: a damaged file, not a legacy one.
            raise _undecodable(path, raw, e.start, "UTF-8") from e
        encoding = _legacy_encoding(raw)
        return _checked(path, raw, encoding), encoding
    _refuse_controls(path, raw, text)
    return text, "utf-8"


def _legacy_encoding(raw: bytes) -> str:
    """Pick the 8-bit encoding of *raw*: Western or Baltic by the letters, then
    the Windows code page only where its extra punctuation (0x80-0x9F) occurs."""
    western = sum(c in _WESTERN_ONLY for c in raw.decode("cp1252", "ignore"))
    baltic = sum(c in _BALTIC_ONLY for c in raw.decode("cp1257", "ignore"))
    windows = "cp1257" if baltic > western else "cp1252"
    has_c1 = any(0x80 <= byte <= 0x9F for byte in raw)
    return windows if has_c1 else _FAMILIES[windows]


def _checked(path: str, raw: bytes, encoding: str) -> str:
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as e:
        raise _undecodable(path, raw, e.start, encoding) from e
    _refuse_controls(path, raw, text)
    return text


def _refuse_controls(path: str, raw: bytes, text: str) -> None:
    found = _CONTROL.search(text)
    if found is None:
        return
    if "\x00" in text:
        raise ParseError.coded("binary", file=path)
    line = text.count("\n", 0, found.start()) + 1
    raise ParseError.coded(
        "control_character", file=path, line=line, codepoint=ord(found.group())
    )


def _undecodable(path: str, raw: bytes, offset: int, encoding: str) -> ParseError:
    line = raw.count(b"\n", 0, offset) + 1
    byte = raw[offset]
    return ParseError.coded(
        "undecodable_byte", file=path, line=line, byte=byte, encoding=encoding
    )
