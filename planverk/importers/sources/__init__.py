"""Source readers: a file on disk → its kind and a list of blocks (see ..blocks).

The kind is detected from the content (ZIP + mimetype, HTML, JSON, text), not
from the extension.
"""

from __future__ import annotations

import hashlib
import os
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from planverk.importers.base import ParseError
from planverk.importers.blocks import Block
from planverk.importers.sources.archive import open_zip
from planverk.importers.sources.decode import decode
from planverk.importers.sources.detect import (
    archive_kind,
    is_zip,
    refuse_binary,
    text_kind,
)
from planverk.importers.sources.docx import docx_blocks
from planverk.importers.sources.html import html_blocks
from planverk.importers.sources.odt import odt_blocks
from planverk.importers.sources.text import text_to_blocks

# A strategy of a hundred pages is about 1 MB as DOCX with its figures; anything
# much larger is the wrong file, and reading it would only tie up a worker.
MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class Source:
    path: str
    kind: str  # "text" | "docx" | "odt" | "html" | "json"
    sha256: str
    encoding: str | None  # the text encoding that was detected, for text and HTML
    blocks: list[Block] = field(default_factory=list)
    text: str | None = None  # decoded content, for kinds "text", "html" and "json"


def read_source(path: str | Path) -> Source:
    """Read *path* into a Source, or raise ParseError naming the file (and line)."""
    name = os.fspath(path)
    raw = _read_bytes(name)
    digest = hashlib.sha256(raw).hexdigest()
    if is_zip(raw):
        return _container(name, digest, open_zip(name, raw))
    refuse_binary(name, raw)
    text, encoding = decode(name, raw)
    kind = text_kind(text)
    if kind == "text":
        blocks = text_to_blocks(text)
    elif kind == "html":
        blocks = html_blocks(name, text)
    else:
        blocks = []
    return Source(name, kind, digest, encoding, blocks, text=text)


def _container(path: str, digest: str, archive: zipfile.ZipFile) -> Source:
    """The Source of a checked DOCX or ODT *archive*."""
    kind = archive_kind(path, archive)
    read = docx_blocks if kind == "docx" else odt_blocks
    return Source(path, kind, digest, None, read(path, archive))


def _read_bytes(path: str) -> bytes:
    """The whole file, once it is known to be a regular file of acceptable size."""
    try:
        if not os.path.isfile(path):
            os.stat(path)  # raises the precise OSError for a missing path
            raise ParseError.coded("not_a_file", file=path)
        _check_size(path, os.stat(path).st_size)
        with open(path, "rb") as f:
            raw = f.read(MAX_BYTES + 1)
    except OSError as e:
        raise ParseError.coded("unreadable_file", file=path, reason=e.strerror) from e
    _check_size(path, len(raw))  # it may have grown since the stat
    if not raw.strip():
        raise ParseError.coded("empty_file", file=path)
    return raw


def _check_size(path: str, size: int) -> None:
    if size > MAX_BYTES:
        mb = size / 2**20
        limit = MAX_BYTES // 2**20
        raise ParseError.coded("too_large", file=path, mb=mb, limit=limit)
