"""Input refused at a place: the one error class that says where and what.

Every refusal of bad input (a document, a planverk/1 file, a backup) names its
place the same way, from what is known of it::

    FILE:LINE: message          a line of a file (broken JSON, a text document)
    FILE: $.a.b: message        a value inside a JSON file
    FILE: message               a file as a whole
    $.a.b: message              a value of a document that is no file (yet)
    message                     nowhere in particular

``file`` is a file's path as the user gave it, ``line`` its 1-based line, and
``path`` a JSON path into the document (``$.strategy.themes[2].number``).

The errors callers tell apart are subclasses with nothing of their own: the
importer's ParseError, the loader's DocumentError, the backup's BackupError, the
limits' TooMuch. Django-free, like the importers that raise it.

``message`` is for a terminal and the log, in English. An error a person may
meet on a page also carries a stable ``code`` and its ``params`` (what the
message names, as data), from which planverk/interchange/warnings.py says it in
the reader's language.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self


class Located(Exception):
    """*message*, about the place *file* (at *line*) and *path* name, where given."""

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        path: str | None = None,
        code: str = "",
        params: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.path = path
        self.code = code  # stable snake_case, "" for an error no page explains
        self.params = dict(params or {})

    @classmethod
    def of(cls, error: Located, *, file: str | None = None) -> Self:
        """*error*'s message, code and place, as a *cls*; *file*, when given, is
        the file it was met in (its line and JSON path are kept)."""
        return cls(
            error.message,
            file=error.file if file is None else file,
            line=error.line,
            path=error.path,
            code=error.code,
            params=error.params,
        )

    @property
    def where(self) -> str:
        """The place alone: "FILE:LINE", "FILE: $.a.b", "$.a.b", or "" for none."""
        parts = []
        if self.file is not None:
            parts.append(self.file if self.line is None else f"{self.file}:{self.line}")
        elif self.line is not None:
            parts.append(f"line {self.line}")
        if self.path is not None:
            parts.append(self.path)
        return ": ".join(parts)

    def __str__(self) -> str:
        where = self.where
        return f"{where}: {self.message}" if where else self.message
