"""`planverk report KIND --org ORG [--strategy ID] --format F -o FILE`: write a report.

`planverk report budget --all --format xlsx|ods|csv -o FILE` writes every
organisation's adopted action plan in one table, for comparing them.

The command runs on the server, for its staff: like `planverk export` it
reports the whole strategy, exempt parts included, unless asked for --public.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from planverk.reports.formats import (
    FORMATS,
    KINDS,
    Comparison,
    ReportError,
    make,
    national_budget,
)
from planverk.strategies.commandline import (
    BAD_INPUT,
    chosen_strategy,
)
from planverk.strategies.models import Strategy


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as e:
        raise CommandError(
            f"{text!r} is not a date (YYYY-MM-DD)", returncode=BAD_INPUT
        ) from e


# What only a report on one strategy takes: (flag, option key).
ONE_STRATEGY = [
    ("--strategy", "strategy"),
    ("--against", "against"),
    ("--from", "first"),
    ("--to", "second"),
]


class Command(BaseCommand):
    # The system checks import every URL and view of the site (more than a
    # second), which a command that serves nothing does not need.
    requires_system_checks: list[str] = []
    help = "Write a report on a strategy: " + "; ".join(
        f"{k.name} ({', '.join(k.formats)})" for k in KINDS.values()
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=list(KINDS))
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--org", help="name or slug of the organisation")
        which.add_argument(
            "--all",
            action="store_true",
            help="budget only: every organisation's newest approved version",
        )
        parser.add_argument(
            "--strategy", type=int, help="id of the version (default: the one in force)"
        )
        parser.add_argument("--format", required=True, choices=list(FORMATS))
        parser.add_argument("-o", "--output", required=True, help="file to write")
        parser.add_argument(
            "--public",
            action="store_true",
            help="leave out parts exempt from public disclosure",
        )
        compare = parser.add_argument_group("changes report")
        compare.add_argument(
            "--against", type=int, help="id of the version to compare with"
        )
        compare.add_argument(
            "--from", dest="first", help="first date, YYYY-MM-DD (default: created)"
        )
        compare.add_argument(
            "--to", dest="second", help="second date, YYYY-MM-DD (default: today)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            data = self._national(options) if options["all"] else self._one(options)
        except ReportError as e:
            raise CommandError(str(e), returncode=BAD_INPUT) from e
        output = Path(options["output"])
        try:
            output.write_bytes(data)
        except OSError as e:
            raise CommandError(f"{output}: {e.strerror}") from e
        self.stdout.write(f"wrote {output} ({len(data)} bytes)")

    def _one(self, options: dict[str, Any]) -> bytes:
        strategy = chosen_strategy(options["org"], options["strategy"])
        comparison = Comparison(
            against=self._version(strategy, options["against"]),
            first=_date(options["first"]) if options["first"] else None,
            second=_date(options["second"]) if options["second"] else None,
        )
        return make(
            options["kind"],
            options["format"],
            strategy,
            include_exempt=not options["public"],
            comparison=comparison,
        )

    def _national(self, options: dict[str, Any]) -> bytes:
        if options["kind"] != "budget":
            raise ReportError("--all makes only the budget report")
        given = [flag for flag, key in ONE_STRATEGY if options[key] is not None]
        if given:
            raise ReportError(f"--all takes no {', '.join(given)}")
        return national_budget(options["format"], include_exempt=not options["public"])

    def _version(self, strategy: Strategy, pk: int | None) -> Strategy | None:
        if pk is None:
            return None
        other = Strategy.objects.filter(
            organization=strategy.organization, pk=pk
        ).first()
        if other is None:
            raise CommandError(
                f"{strategy.organization.name} has no strategy {pk}",
                returncode=BAD_INPUT,
            )
        return other
