"""`planverk export --org ORG [--strategy ID] [-o FILE]`: write planverk/1 JSON."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from planverk.interchange.dump import dump, load_for_dump, to_json
from planverk.strategies.commandline import chosen_strategy


class Command(BaseCommand):
    help = "Write an organisation's strategy as planverk/1 JSON (default: its current one)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--org", required=True, help="name or slug of the organisation"
        )
        parser.add_argument("--strategy", type=int, help="id of the strategy version")
        parser.add_argument(
            "-o", "--output", help="file to write (default: standard output)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        strategy = chosen_strategy(options["org"], options["strategy"])
        text = to_json(dump(load_for_dump(strategy.pk)))
        if options["output"]:
            Path(options["output"]).write_text(text, encoding="utf-8")
        else:
            self.stdout.write(text, ending="")
