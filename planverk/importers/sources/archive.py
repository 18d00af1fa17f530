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
        raise ParseError(f"truncated or damaged ZIP archive ({e})", file=path) from e
    _check_directory(path, archive.infolist())
    return archive


def _check_directory(path: str, members: list[zipfile.ZipInfo]) -> None:
    if len(members) > MAX_MEMBERS:
        raise ParseError(
            f"the ZIP archive holds more than {MAX_MEMBERS} files", file=path
        )
    # Two members of one name: which of them a reader takes is anyone's guess.
    repeated = [
        n for n, count in Counter(m.filename for m in members).items() if count > 1
    ]
    if repeated:
        raise ParseError(
            f"the ZIP archive holds {repeated[0]} more than once", file=path
        )
    if sum(m.file_size for m in members) > MAX_UNZIPPED_BYTES:
        limit = MAX_UNZIPPED_BYTES // 2**20
        raise ParseError(f"the ZIP archive unpacks to more than {limit} MB", file=path)
    for member in members:
        _check_member(path, member)


def _check_member(path: str, member: zipfile.ZipInfo) -> None:
    if member.flag_bits & _ENCRYPTED:
        raise ParseError(
            f"the ZIP archive's member {member.filename} is encrypted", file=path
        )
    if member.compress_type not in _METHODS:
        raise ParseError(
            f"ZIP archive that cannot be unpacked ({member.filename} is compressed "
            f"by method {member.compress_type}; DOCX and ODT use deflate)",
            file=path,
        )
    if (
        member.file_size > RATIO_FLOOR_BYTES
        and member.file_size > MAX_RATIO * member.compress_size
    ):
        raise ParseError(
            f"the ZIP archive's member {member.filename} is compressed more than "
            f"{MAX_RATIO}:1, like a zip bomb",
            file=path,
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
        raise ParseError(
            f"damaged ZIP archive: member {member.filename} is corrupt ({e})", file=path
        ) from e
    except NotImplementedError as e:  # patched data, strong encryption
        raise ParseError(f"ZIP archive that cannot be unpacked ({e})", file=path) from e
    if len(data) != member.file_size:
        raise ParseError(
            f"damaged ZIP archive: member {member.filename} does not unpack to the "
            f"{member.file_size} bytes its directory entry declares",
            file=path,
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
