"""ZIP containers (DOCX, ODT) opened without trusting them.

A ZIP archive's central directory says how large each member unpacks to, and a
zip bomb says it truthfully (gigabytes) or lies (a few bytes, then gigabytes of
data). open_zip() refuses the first from the directory alone, before anything
is unpacked; read_member() unpacks a member no further than its declared size
allows, which catches the second, and a corrupt one by its checksum.
python-docx and odfdo are handed unpacked(): a copy of the archive whose
members went through read_member(), stored uncompressed, so that they have
nothing left to inflate.
"""

from __future__ import annotations

import copy
import io
import zipfile
import zlib
from collections import Counter

from planverk.importers.base import ParseError

# Expanded size of every member together. A hundred-page strategy unpacks to a few
# MB; this leaves room for figures and still bounds the memory one upload takes.
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024

# Word and LibreOffice XML compresses 5-30:1, and a table of thousands of identical
# rows about 200:1 (measured on files written by python-docx and odfdo); images
# and fonts hardly compress at all. Deflate's best is 1032:1, which zip bombs use.
MAX_RATIO = 300
# Below this a member costs nothing to unpack, whatever its ratio (empty folders,
# a short XML part of repeated tags).
RATIO_FLOOR_BYTES = 1024 * 1024

# A DOCX or ODT holds a few dozen parts, and one more per image; copying each of
# tens of thousands of empty members costs seconds.
MAX_MEMBERS = 10_000

# What DOCX and ODT writers use. zipfile's bzip2 and LZMA readers also inflate a
# whole read at once, however large, so they are refused rather than bounded.
_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED}
_ENCRYPTED = 0x1  # general purpose flag bit 0


def open_zip(path: str, raw: bytes) -> zipfile.ZipFile:
    """*raw* as a ZIP archive whose directory promises members of sensible size.

    Nothing is unpacked here; read_member() holds each member to the promise.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except (zipfile.BadZipFile, EOFError, ValueError) as e:
        raise ParseError.coded("zip_damaged", file=path, detail=str(e)) from e
    _check_directory(path, archive.infolist())
    return archive


def _check_directory(path: str, members: list[zipfile.ZipInfo]) -> None:
    if len(members) > MAX_MEMBERS:
        raise ParseError.coded("zip_too_many_files", file=path, limit=MAX_MEMBERS)
    # Two members of one name: which of them a reader takes is anyone's guess.
    repeated = [
        n for n, count in Counter(m.filename for m in members).items() if count > 1
    ]
    if repeated:
        raise ParseError.coded("zip_repeated_member", file=path, member=repeated[0])
    if sum(m.file_size for m in members) > MAX_UNZIPPED_BYTES:
        limit = MAX_UNZIPPED_BYTES // 2**20
        raise ParseError.coded("zip_too_large", file=path, limit=limit)
    for member in members:
        _check_member(path, member)


def _check_member(path: str, member: zipfile.ZipInfo) -> None:
    if member.flag_bits & _ENCRYPTED:
        raise ParseError.coded("zip_encrypted", file=path, member=member.filename)
    if member.compress_type not in _METHODS:
        raise ParseError.coded(
            "zip_method",
            file=path,
            member=member.filename,
            method=member.compress_type,
        )
    if (
        member.file_size > RATIO_FLOOR_BYTES
        and member.file_size > MAX_RATIO * member.compress_size
    ):
        raise ParseError.coded(
            "zip_bomb", file=path, member=member.filename, ratio=MAX_RATIO
        )


def read_member(path: str, archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> bytes:
    """The unpacked bytes of *member* of the checked *archive*, exactly its declared
    size, or ParseError; inflates no more than a few KB past that size."""
    # zipfile stops at the declared size without telling whether more was to come;
    # letting it go one byte further shows a member larger than it says.
    probe = copy.copy(member)
    probe.file_size = member.file_size + 1
    try:
        with archive.open(probe) as stream:
            data = stream.read(probe.file_size)
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError) as e:
        raise ParseError.coded(
            "zip_member_corrupt", file=path, member=member.filename, detail=str(e)
        ) from e
    except NotImplementedError as e:  # patched data, strong encryption
        raise ParseError.coded("zip_unsupported", file=path, detail=str(e)) from e
    if len(data) != member.file_size:
        raise ParseError.coded(
            "zip_member_size",
            file=path,
            member=member.filename,
            size=member.file_size,
        )
    return data


def unpacked(path: str, archive: zipfile.ZipFile) -> io.BytesIO:
    """A copy of the checked *archive*, each member read by read_member() and stored
    uncompressed: what python-docx and odfdo may open, having nothing to inflate."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as target:
        for member in archive.infolist():
            target.writestr(member.filename, read_member(path, archive, member))
    buffer.seek(0)
    return buffer
