"""What the document commands share: reading a file, with clean errors."""

from __future__ import annotations

from django.core.management.base import CommandError

from planverk.importers import parse
from planverk.importers.base import ParseError, ParseResult
from planverk.strategies.commandline import BAD_INPUT


def read(path: str, language: str | None = None) -> ParseResult:
    try:
        return parse(path, language=language)
    except ParseError as e:
        raise CommandError(str(e), returncode=BAD_INPUT) from e
