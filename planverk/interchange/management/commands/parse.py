"""`planverk parse FILE`: print a document as planverk/1 JSON; touches no database."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from planverk.interchange.dump import to_json
from planverk.interchange.management.commands._documents import read


class Command(BaseCommand):
    help = "Read a strategy document (text, DOCX, ODT, HTML, JSON) and print planverk/1 JSON."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument(
            "--language", help="the document's language (nb, nn, lt, en)"
        )

    def handle(
        self, *args: Any, file: str, language: str | None, **options: Any
    ) -> None:
        self.stdout.write(to_json(read(file, language).document), ending="")
