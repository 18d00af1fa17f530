"""`planverk framework list|load [SLUG|FILE]`: the national agendas."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from planverk.format.agendas import available, read_framework
from planverk.frameworks.loading import load_framework
from planverk.frameworks.models import Framework


class Command(BaseCommand):
    help = "List the national agendas in the database, or load shipped ones (or a data file)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["list", "load"])
        parser.add_argument(
            "names", nargs="*", help="slugs of shipped agendas or paths of data files"
        )

    def handle(self, *args: Any, action: str, names: list[str], **options: Any) -> None:
        if action == "list":
            for f in Framework.objects.prefetch_related("areas__goals"):
                goals = sum(a.goals.count() for a in f.areas.all())
                self.stdout.write(
                    f"{f.slug}\t{f.name}\t{f.areas.count()} areas, {goals} goals"
                )
            return
        for name in names or available():
            try:
                data = read_framework(name)
            except (OSError, ValueError) as e:
                raise CommandError(str(e)) from e
            framework = load_framework(data)
            self.stdout.write(f"loaded {framework.slug}: {framework.name}")
