"""What kind of file this is, from its content rather than its name."""

from __future__ import annotations

import re
import zipfile

from planverk.importers.base import ParseError
from planverk.importers.sources.archive import open_zip, read_member

ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
# An ODF file's "mimetype" member is its media type and nothing else: tens of bytes.
_MIMETYPE_MAX_BYTES = 100

# Formats people save strategies in that we do not read, so the message can say what
# the file is instead of "binary data".
_FOREIGN = (
    (b"%PDF", "pdf"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "doc"),  # an old Word or other OLE file
    (b"{\\rtf", "rtf"),
)  # importers/messages.py FOREIGN_KINDS names each

_HTML_START = re.compile(
    r"<(!doctype\s+html|html|head|body|meta|title|h[1-6]|p|div|table|ul|ol)[\s>/]",
    re.IGNORECASE,
)
# An XML declaration and comments may come before the first tag.
_PROLOGUE = re.compile(r"\A(\s*(<\?xml[^>]*\?>|<!--.*?-->))*\s*", re.DOTALL)


class ForeignFormat(ParseError):
    """Content in none of the formats the importer reads: a PDF, a spreadsheet,
    binary data. Other ParseErrors are about a format it reads."""


def is_zip(raw: bytes) -> bool:
    """Whether *raw* starts as a ZIP archive does (a member, or an empty one's end)."""
    return raw.startswith((b"PK\x03\x04", b"PK\x05\x06"))


def zip_kind(path: str, raw: bytes) -> str | None:
    """ "docx" or "odt" for a word-processing ZIP, None when *raw* is not a ZIP."""
    if not is_zip(raw):
        return None
    return archive_kind(path, open_zip(path, raw))


def archive_kind(path: str, archive: zipfile.ZipFile) -> str:
    """ "docx" or "odt" for the checked ZIP *archive* (the content of *path*)."""
    if _mimetype(path, archive) == ODT_MIMETYPE:
        return "odt"
    names = set(archive.namelist())
    if "[Content_Types].xml" in names and "word/document.xml" in names:
        return "docx"
    if "[Content_Types].xml" in names:
        raise ForeignFormat.coded("office_not_docx", file=path)
    raise ForeignFormat.coded("zip_not_document", file=path)


def _mimetype(path: str, archive: zipfile.ZipFile) -> bytes | None:
    """The media type an ODF archive holds in its "mimetype" member, if it has one."""
    try:
        member = archive.getinfo("mimetype")
    except KeyError:
        return None
    if member.file_size > _MIMETYPE_MAX_BYTES:
        return None
    return read_member(path, archive, member).strip()


def refuse_binary(path: str, raw: bytes) -> None:
    """Raise ForeignFormat for a file that is not text in any encoding we read."""
    for signature, kind in _FOREIGN:
        if raw.startswith(signature):
            raise ForeignFormat.coded("foreign_format", file=path, kind=kind)
    # Only UTF-16/32 text holds NUL bytes, and that always starts with a BOM here.
    if b"\x00" in raw and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ForeignFormat.coded("binary", file=path)


def text_kind(text: str) -> str:
    """ "json", "html" or "text" for decoded *text*, from how it starts."""
    head = _PROLOGUE.sub("", text.lstrip("\ufeff"), count=1)
    if head.startswith("{"):
        return "json"
    if _HTML_START.match(head):
        return "html"
    return "text"
