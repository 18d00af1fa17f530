"""Collecting warnings while a layout reads a document."""

from __future__ import annotations

from typing import Any

from planverk.importers.base import ImportWarning
from planverk.importers.messages import error_text


class Report:
    """The warnings of one parse, in the order they were found."""

    def __init__(self) -> None:
        self.warnings: list[ImportWarning] = []

    def warn(self, code: str, line: int | None, **params: Any) -> None:
        """Warning *code* (importers/messages.py) about *params*, at *line*."""
        self.warnings.append(ImportWarning.of(code, line, **params))


class Unreadable(Exception):
    """Raised by a layout for a document it recognised but cannot read; parse() names the file."""

    def __init__(self, code: str, line: int | None = None, **params: Any) -> None:
        self.code = code  # a refusal of importers/messages.py
        self.params = params
        self.message = error_text(code, params)
        super().__init__(self.message)
        self.line = line
