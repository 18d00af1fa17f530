"""`planverk actionplan spending --org ORG FILE` and `planverk actionplan from-items --org ORG`.

``spending`` imports an accounting system's spending CSV (the README's
"Spending CSV") into the organisation's approved plans, all or nothing; a bad
file names itself, the row and the column, exits 2 and stores nothing.
``from-items`` makes the first action plans of the organisation's strategies
stored before action plans existed, from their action items (as an import does
now); a strategy with plans already is left alone.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from planverk.organizations.models import Organization, find_organization
from planverk.strategies.actions.from_items import plans_from_items
from planverk.strategies.actions.spending import (
    SpendingError,
    import_spending,
    read_csv,
)
from planverk.strategies.commandline import BAD_INPUT
from planverk.strategies.models import Strategy
from planverk.strategies.permissions import OPERATOR


class Command(BaseCommand):
    help = "Action plans: import spending from a CSV, or make plans from action items."

    def add_arguments(self, parser: CommandParser) -> None:
        verbs = parser.add_subparsers(dest="verb", required=True)
        spending = verbs.add_parser(
            "spending", help="Import spending (plan,action,year,amount) from a CSV."
        )
        spending.add_argument(
            "--org", required=True, help="name or slug of the organisation"
        )
        spending.add_argument("file", help="the CSV file (UTF-8)")
        items = verbs.add_parser(
            "from-items",
            help="Make the first action plans of strategies that have none, "
            "from their action items.",
        )
        items.add_argument(
            "--org", required=True, help="name or slug of the organisation"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        org = _organization(options["org"])
        if options["verb"] == "spending":
            self._spending(org, Path(options["file"]))
        else:
            made = 0
            for strategy in Strategy.objects.filter(organization=org):
                made += len(plans_from_items(strategy, reason="actionplan from-items"))
            self.stdout.write(f"made {made} action plans")

    def _spending(self, org: Organization, path: Path) -> None:
        try:
            data = path.read_bytes()
        except OSError as e:
            raise CommandError(f"{path}: {e.strerror}", returncode=BAD_INPUT) from e
        try:
            stored = import_spending(org, read_csv(data), user=OPERATOR)
        except SpendingError as e:
            lines = "\n".join(f"{path}: {error}" for error in e.errors)
            raise CommandError(lines, returncode=BAD_INPUT) from e
        self.stdout.write(f"stored {stored} rows of spending")


def _organization(reference: str) -> Organization:
    org = find_organization(reference)
    if org is None:
        raise CommandError(
            f"there is no organisation {reference!r}", returncode=BAD_INPUT
        )
    return org
