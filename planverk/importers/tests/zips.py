"""ZIP archives that say whatever a test wants: zip bombs, honest or lying.

zipfile cannot write a member whose directory entry disagrees with its data,
nor a few MB that inflate to gigabytes without compressing the gigabytes first;
crafted() writes the archive's records itself, and deflated_zeros() repeats one
compressed block instead of compressing every one; docx_archive() puts a
document among the parts python-docx needs. Sizes stay below 4 GiB, so no
ZIP64 records are needed.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

_LOCAL = struct.Struct("<4s2B4HL2L2H")
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_END = struct.Struct("<4s4H2LH")
_DOS_DATE = 33  # 1 January 1980, the first day a ZIP archive can name
_VERSION = 20  # deflate needs version 2.0 to extract
_UTF8_NAMES = 0x800  # general purpose flag bit 11
_CHUNK = 16 * 2**20  # zeros compressed at a time; each repeat costs no more work

DOCUMENT = "word/document.xml"
# The least a DOCX needs for python-docx to come to its document.
_CONTENT_TYPES = (
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/'
    b'vnd.openxmlformats-package.relationships+xml"/>'
    b'<Override PartName="/word/document.xml" ContentType="application/'
    b'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    b"</Types>"
)
_RELATIONSHIPS = (
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
    b'relationships"><Relationship Id="rId1" Target="word/document.xml" Type="'
    b"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    b'officeDocument"/></Relationships>'
)


@dataclass(frozen=True)
class Member:
    """A member as its records tell it: *data* as stored, *size* and *crc* as declared."""

    name: str
    data: bytes
    size: int
    crc: int
    method: int = zipfile.ZIP_DEFLATED
    encrypted: bool = False  # only flagged so: the data stays as it is


def deflated(name: str, content: bytes) -> Member:
    """An honest member holding *content*, compressed at the best level."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    data = compressor.compress(content) + compressor.flush()
    return Member(name, data, len(content), zlib.crc32(content))


def deflated_zeros(size: int) -> bytes:
    """*size* zero bytes as a raw deflate stream, about 1000 times smaller."""
    full, rest = divmod(size, _CHUNK)
    blocks = [_flushed_zeros(_CHUNK)] * full
    if rest:
        blocks.append(_flushed_zeros(rest))
    # The final block, empty: a fixed-Huffman block holding only its end code.
    return b"".join(blocks) + b"\x03\x00"


def zeros_crc(size: int) -> int:
    """The CRC-32 of *size* zero bytes."""
    full, rest = divmod(size, _CHUNK)
    chunk = bytes(_CHUNK)
    crc = 0
    for _ in range(full):
        crc = zlib.crc32(chunk, crc)
    return zlib.crc32(bytes(rest), crc)


def _flushed_zeros(size: int) -> bytes:
    # A full flush ends the block byte-aligned and forgets the history, so the
    # next chunk's bytes are the same and copies of them chain into one stream.
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return compressor.compress(bytes(size)) + compressor.flush(zlib.Z_FULL_FLUSH)


def docx_archive(document: Member, *more: Member) -> bytes:
    """A DOCX archive of *document* (named DOCUMENT) and the parts it needs."""
    parts = [
        deflated("[Content_Types].xml", _CONTENT_TYPES),
        deflated("_rels/.rels", _RELATIONSHIPS),
    ]
    return crafted([*parts, document, *more])


def crafted(members: Sequence[Member]) -> bytes:
    """A ZIP archive of *members*, each record saying what the member declares."""
    body = bytearray()
    directory = bytearray()
    for member in members:
        name = member.name.encode()
        # Flags, method, time, date, CRC and stored size: alike in both records.
        fields = (
            _UTF8_NAMES | member.encrypted,
            member.method,
            0,
            _DOS_DATE,
            member.crc,
            len(member.data),
        )
        directory += _CENTRAL.pack(
            b"PK\x01\x02", _VERSION, 3, _VERSION, 0, *fields, member.size,
            len(name), 0, 0, 0, 0, 0, len(body),
        ) + name  # fmt: skip
        body += _LOCAL.pack(
            b"PK\x03\x04", _VERSION, 0, *fields, member.size, len(name), 0
        )
        body += name + member.data
    end = _END.pack(
        b"PK\x05\x06", 0, 0, len(members), len(members), len(directory), len(body), 0
    )
    return bytes(body + directory + end)
