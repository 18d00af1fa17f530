"""The importer's results and errors, shared by every source reader and layout."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class ImportWarning:
    """Something the importer read but could not place, or doubts."""

    code: str  # stable snake_case: "total_mismatch", "unparsed_table_row"
    message: str
    line: int | None  # 1-based source line, None when not tied to one

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "line": self.line}


class ParseError(Exception):
    """A document that cannot be read at all. Names the file and, where known, the line."""

    def __init__(self, path: str, message: str, line: int | None = None) -> None:
        self.path = path
        self.line = line
        self.message = message
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {message}")


@dataclass
class ParseResult:
    """A planverk/1 document (with its ``import_report``) and the warnings behind it."""

    document: dict[str, Any]
    warnings: list[ImportWarning] = field(default_factory=list)
