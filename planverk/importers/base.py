"""The importer's results and errors, shared by every source reader and layout."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from planverk.lib.located import Located


@dataclass(frozen=True)
class ImportWarning:
    """Something the importer read but could not place, or doubts."""

    code: str  # stable snake_case: "total_mismatch", "unparsed_table_row"
    message: str
    line: int | None  # 1-based source line, None when not tied to one

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "line": self.line}


class ParseError(Located):
    """A document that cannot be read at all; names the file and, if known, the line."""


@dataclass
class ParseResult:
    """A planverk/1 document (with its ``import_report``) and the warnings behind it."""

    document: dict[str, Any]
    warnings: list[ImportWarning] = field(default_factory=list)
