"""Collecting warnings while a layout reads a document."""

from __future__ import annotations

from planverk.importers.base import ImportWarning


class Report:
    """The warnings of one parse, in the order they were found."""

    def __init__(self) -> None:
        self.warnings: list[ImportWarning] = []

    def warn(self, code: str, message: str, line: int | None) -> None:
        self.warnings.append(ImportWarning(code, message, line))


class Unreadable(Exception):
    """Raised by a layout for a document it recognised but cannot read; parse() names the file."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
