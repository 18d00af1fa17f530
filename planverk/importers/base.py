"""The importer's results and errors, shared by every source reader and layout."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Self

from planverk.importers.messages import error_text, warning_text
from planverk.lib.located import Located


@dataclass(frozen=True)
class ImportWarning:
    """Something the importer read but could not place, or doubts."""

    code: str  # stable snake_case: "total_mismatch", "unparsed_table_row"
    message: str  # in English (importers/messages.py)
    line: int | None  # 1-based source line, None when not tied to one
    # What the message names, as data, for saying it in another language.
    params: dict[str, Any] = field(default_factory=dict, compare=False)

    @classmethod
    def of(cls, code: str, line: int | None, **params: Any) -> ImportWarning:
        return cls(code, warning_text(code, params), line, params)

    def as_dict(self) -> dict[str, Any]:
        """As planverk/1 keeps it; ``params`` is a key of its own (readers that do
        not know it ignore it), left out when the warning names nothing."""
        found: dict[str, Any] = {
            "code": self.code,
            "message": self.message,
            "line": self.line,
        }
        if self.params:
            found["params"] = dict(self.params)
        return found


class ParseError(Located):
    """A document that cannot be read at all; names the file and, if known, the line."""

    @classmethod
    def coded(
        cls,
        code: str,
        *,
        file: str | None = None,
        line: int | None = None,
        **params: Any,
    ) -> Self:
        """The refusal *code* (importers/messages.py) about *params*, its message in
        English."""
        return cls(
            error_text(code, params), file=file, line=line, code=code, params=params
        )


@dataclass
class ParseResult:
    """A planverk/1 document (with its ``import_report``) and the warnings behind it."""

    document: dict[str, Any]
    warnings: list[ImportWarning] = field(default_factory=list)
