"""Source readers: a file on disk → its kind and a list of blocks (see ..blocks).

The kind is detected from the content (ZIP + mimetype, HTML, JSON, text), not
from the extension.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from planverk.importers.blocks import Block


@dataclass(frozen=True)
class Source:
    path: str
    kind: str  # "text" | "docx" | "odt" | "html" | "json"
    sha256: str
    encoding: str | None  # the text encoding that was detected, for text and HTML
    blocks: list[Block] = field(default_factory=list)
    text: str | None = None  # decoded content, for kinds "text", "html" and "json"
    data: Any = None


def read_source(path: str | Path) -> Source:
    """Read *path* into a Source, or raise ParseError naming the file (and line)."""
    raise NotImplementedError  # being written: content detection and the readers
