"""`planverk import FILE [--org ORG] [--dry-run]`: store a document as a new strategy."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from planverk.interchange.load import DocumentError, load
from planverk.interchange.management.commands._documents import read
from planverk.interchange.summary import describe
from planverk.strategies.commandline import BAD_INPUT


class Command(BaseCommand):
    help = (
        "Store a strategy document (planverk/1 JSON, text, DOCX, ODT, HTML) as a new "
        "strategy version, in one transaction: all of it or nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument(
            "--org",
            help="name or slug of the organisation (default: the one the document names)",
        )
        parser.add_argument(
            "--language", help="the document's language (nb, nn, lt, en)"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="read and report, store nothing"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = options["file"]
        document = read(path, options["language"]).document
        for line in describe(document):
            self.stdout.write(line)
        if options["dry_run"]:
            self.stdout.write("dry run: nothing stored")
            return
        try:
            strategy = load(
                document, organization=options["org"], reason=f"import {path}"
            )
        except DocumentError as e:
            located = DocumentError.of(e, file=path)
            raise CommandError(str(located), returncode=BAD_INPUT) from e
        self.stdout.write(
            f"stored as strategy {strategy.pk} of {strategy.organization.slug}"
        )
