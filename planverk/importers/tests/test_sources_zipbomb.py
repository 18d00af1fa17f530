"""Zip bombs and damaged archives: refused from the central directory, or within
the declared size, and nothing unpacked twice.

The ``inflated`` fixture counts what zlib inflates, so "refused before anything
is unpacked" is asserted without timing anything.
"""

from __future__ import annotations

import io
import random
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import odfdo
import pytest

from planverk.importers.base import ParseError
from planverk.importers.sources import read_source
from planverk.importers.sources.detect import zip_kind
from planverk.importers.tests.zips import (
    DOCUMENT,
    Member,
    crafted,
    deflated,
    deflated_zeros,
    docx_archive,
    zeros_crc,
)

MB = 2**20


@pytest.fixture
def inflated(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The bytes each zlib decompressor call of the test gave, in order."""
    given: list[int] = []
    real = zlib.decompressobj

    class Counting:
        def __init__(self, *args: Any) -> None:
            self._inner = real(*args)

        def decompress(self, data: bytes, max_length: int = 0) -> bytes:
            out = self._inner.decompress(data, max_length)
            given.append(len(out))
            return out

        def flush(self, *args: Any) -> bytes:
            out = self._inner.flush(*args)
            given.append(len(out))
            return out

        def __getattr__(self, name: str) -> Any:  # eof, unconsumed_tail, ...
            return getattr(self._inner, name)

    monkeypatch.setattr(zlib, "decompressobj", Counting)
    return given


def _garbage(size: int) -> bytes:
    """Bytes no decompressor takes: reading them would fail as damaged, not as big."""
    return random.Random(size).randbytes(size)


def _refusal(tmp_path: Path, raw: bytes, name: str = "plan.docx") -> str:
    path = tmp_path / name
    path.write_bytes(raw)
    with pytest.raises(ParseError) as refused:
        read_source(path)
    assert str(refused.value) == f"{path}: {refused.value.message}"
    return refused.value.message


BOMBS: dict[str, Callable[[], Member]] = {
    # Compressed data that cannot be inflated at all proves none was.
    "garbage": lambda: Member(DOCUMENT, _garbage(4096), 300 * MB, 0),
    "zeros": lambda: Member(
        DOCUMENT, deflated_zeros(300 * MB), 300 * MB, zeros_crc(300 * MB)
    ),
}


@pytest.mark.parametrize("bomb", sorted(BOMBS))
def test_a_zip_declaring_more_than_200_mb_is_refused_unread(
    tmp_path: Path, inflated: list[int], bomb: str
) -> None:
    message = _refusal(tmp_path, docx_archive(BOMBS[bomb]()))
    assert message == "the ZIP archive unpacks to more than 200 MB"
    assert inflated == []


def test_the_content_check_refuses_it_unread_too(inflated: list[int]) -> None:
    with pytest.raises(ParseError, match="unpacks to more than 200 MB"):
        zip_kind("plan.docx", docx_archive(BOMBS["garbage"]()))
    assert inflated == []


def test_a_member_compressed_more_than_300_to_1_is_refused_unread(
    tmp_path: Path, inflated: list[int]
) -> None:
    bomb = Member(DOCUMENT, _garbage(4096), 2 * MB, 0)  # 512:1
    assert _refusal(tmp_path, docx_archive(bomb)) == (
        f"the ZIP archive's member {DOCUMENT} is compressed more than 300:1, "
        "like a zip bomb"
    )
    assert inflated == []


@pytest.mark.parametrize(
    ("declared", "real", "crc_of", "reason"),
    [
        # Declared small, 64 MB of zeros within: the first byte past the declared
        # size fails the checksum, or (a checksum forged for it) the size.
        (1000, 64 * MB, 1000, "is corrupt (Bad CRC-32 for file 'word/document.xml')"),
        (1000, 64 * MB, 1001, "does not unpack to the 1000 bytes"),
        # Declared larger than it unpacks to.
        (2000, 1000, 1000, "does not unpack to the 2000 bytes"),
    ],
)
def test_a_lying_directory_is_caught_within_the_declared_size(
    tmp_path: Path,
    inflated: list[int],
    declared: int,
    real: int,
    crc_of: int,
    reason: str,
) -> None:
    liar = Member(DOCUMENT, deflated_zeros(real), declared, zeros_crc(crc_of))
    message = _refusal(tmp_path, docx_archive(liar))
    assert message.startswith(f"damaged ZIP archive: member {DOCUMENT} {reason}")
    assert sum(inflated) <= declared + 64 * 1024


def _stored(raw: bytes, corrupt: str) -> bytes:
    """The ZIP archive *raw* rewritten uncompressed, one byte of *corrupt* changed
    behind its checksum's back."""
    members = []
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        for info in archive.infolist():
            content = archive.read(info)
            crc = zlib.crc32(content)
            if info.filename == corrupt:
                content = content[:-2] + bytes([content[-2] ^ 0x20]) + content[-1:]
            stored = Member(
                info.filename, content, len(content), crc, zipfile.ZIP_STORED
            )
            members.append(stored)
    return crafted(members)


def _docx_bytes() -> bytes:
    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("Alle enheter skal ha en oppdatert risikovurdering.")
    document.save(buffer)
    return buffer.getvalue()


def _odt_bytes() -> bytes:
    buffer = io.BytesIO()
    odfdo.Document("text").save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "write", "member"),
    [
        ("plan.docx", _docx_bytes, DOCUMENT),
        ("plan.docx", _docx_bytes, "docProps/core.xml"),
        ("plan.odt", _odt_bytes, "content.xml"),
        ("plan.odt", _odt_bytes, "META-INF/manifest.xml"),
    ],
)
def test_a_corrupt_member_is_refused_as_damaged(
    tmp_path: Path, name: str, write: Callable[[], bytes], member: str
) -> None:
    message = _refusal(tmp_path, _stored(write(), member), name)
    assert message == (
        f"damaged ZIP archive: member {member} is corrupt "
        f"(Bad CRC-32 for file {member!r})"
    )


def test_each_member_is_inflated_once(tmp_path: Path, inflated: list[int]) -> None:
    raw = _docx_bytes()
    inflated.clear()  # python-docx unpacked its template to write the file
    path = tmp_path / "plan.docx"
    path.write_bytes(raw)
    assert read_source(path).kind == "docx"
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        deflate = [i for i in archive.infolist() if i.compress_type == zlib.DEFLATED]
    assert sum(inflated) == sum(info.file_size for info in deflate)


def test_bzip2_members_are_refused(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_BZIP2) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(DOCUMENT, "<w:document/>")
    assert _refusal(tmp_path, buffer.getvalue()) == (
        "ZIP archive that cannot be unpacked ([Content_Types].xml is compressed "
        "by method 12; DOCX and ODT use deflate)"
    )


def test_a_member_named_twice_is_refused(tmp_path: Path) -> None:
    raw = docx_archive(deflated(DOCUMENT, b"<a/>"), deflated(DOCUMENT, b"<b/>"))
    assert _refusal(tmp_path, raw) == f"the ZIP archive holds {DOCUMENT} more than once"


def test_an_archive_of_too_many_members_is_refused(tmp_path: Path) -> None:
    empty = [Member(f"{n}.xml", b"", 0, 0, zipfile.ZIP_STORED) for n in range(10_001)]
    raw = docx_archive(deflated(DOCUMENT, b"<a/>"), *empty)
    assert _refusal(tmp_path, raw) == "the ZIP archive holds more than 10000 files"


def test_an_encrypted_member_is_refused(tmp_path: Path) -> None:
    locked = Member(DOCUMENT, b"\x00" * 12, 0, 0, zipfile.ZIP_STORED, encrypted=True)
    assert _refusal(tmp_path, docx_archive(locked)) == (
        f"the ZIP archive's member {DOCUMENT} is encrypted"
    )
