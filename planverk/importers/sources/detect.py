"""What kind of file this is, from its content rather than its name."""

from __future__ import annotations

import io
import re
import zipfile
import zlib

from planverk.importers.base import ParseError

ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"

# Expanded size of every member together; stops a small ZIP that inflates to
# gigabytes before any library unpacks it.
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024

# Formats people save strategies in that we do not read, so the message can say what
# the file is instead of "binary data".
_FOREIGN = (
    (b"%PDF", "a PDF file"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Word (.doc) or other OLE file"),
    (b"{\\rtf", "an RTF file"),
)

_HTML_START = re.compile(
    r"<(!doctype\s+html|html|head|body|meta|title|h[1-6]|p|div|table|ul|ol)[\s>/]",
    re.IGNORECASE,
)
# An XML declaration and comments may come before the first tag.
_PROLOGUE = re.compile(r"\A(\s*(<\?xml[^>]*\?>|<!--.*?-->))*\s*", re.DOTALL)


def zip_kind(path: str, raw: bytes) -> str | None:
    """ "docx" or "odt" for a word-processing ZIP, None when *raw* is not a ZIP."""
    if not raw.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return None
    archive = open_zip(path, raw)
    names = set(archive.namelist())
    if "mimetype" in names and archive.read("mimetype").strip() == ODT_MIMETYPE:
        return "odt"
    if "[Content_Types].xml" in names and "word/document.xml" in names:
        return "docx"
    if "[Content_Types].xml" in names:
        raise ParseError(path, "an Office file without word/document.xml; not DOCX")
    raise ParseError(path, "a ZIP archive that is neither DOCX nor ODT")


def open_zip(path: str, raw: bytes) -> zipfile.ZipFile:
    """Open *raw* as a ZIP archive whose members are whole and of sensible size."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        damaged = archive.testzip()
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        zlib.error,
        EOFError,
        ValueError,
    ) as e:
        raise ParseError(path, f"truncated or damaged ZIP archive ({e})") from e
    except (NotImplementedError, RuntimeError) as e:  # unknown compression, password
        raise ParseError(path, f"ZIP archive that cannot be unpacked ({e})") from e
    if damaged is not None:
        raise ParseError(path, f"damaged ZIP archive: member {damaged} is corrupt")
    if sum(info.file_size for info in archive.infolist()) > MAX_UNZIPPED_BYTES:
        raise ParseError(path, "ZIP archive unpacks to more than 200 MB")
    return archive


def refuse_binary(path: str, raw: bytes) -> None:
    """Raise ParseError for a file that is not text in any encoding we read."""
    for signature, what in _FOREIGN:
        if raw.startswith(signature):
            raise ParseError(path, f"{what}; save it as DOCX, ODT, HTML or text")
    # Only UTF-16/32 text holds NUL bytes, and that always starts with a BOM here.
    if b"\x00" in raw and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ParseError(path, "binary data, not a text document")


def text_kind(text: str) -> str:
    """ "json", "html" or "text" for decoded *text*, from how it starts."""
    head = _PROLOGUE.sub("", text.lstrip("\ufeff"), count=1)
    if head.startswith("{"):
        return "json"
    if _HTML_START.match(head):
        return "html"
    return "text"
