"""What the document commands share: reading a file into planverk/1, with clean errors."""

from __future__ import annotations

from django.core.management.base import CommandError

from planverk.importers import parse
from planverk.importers.base import ParseError, ParseResult

# Bad input (unreadable file, not planverk/1) exits with 2, like argparse's usage errors.
BAD_INPUT = 2


def read(path: str, language: str | None = None) -> ParseResult:
    try:
        return parse(path, language=language)
    except ParseError as e:
        raise CommandError(str(e), returncode=BAD_INPUT) from e
