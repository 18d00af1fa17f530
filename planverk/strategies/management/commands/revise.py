"""`planverk revise --org ORG [--strategy ID] [--label L]`: the next version, as a draft."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from planverk.strategies.actions.versions import revise
from planverk.strategies.commandline import BAD_INPUT, chosen_strategy
from planverk.strategies.models import Strategy
from planverk.strategies.permissions import OPERATOR

LABEL_MAX = Strategy._meta.get_field("version_label").max_length


class Command(BaseCommand):
    help = (
        "Make the next version of a strategy (default: the current one): "
        "a draft copy of every part; prints its id."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--org", required=True, help="name or slug of the organisation"
        )
        parser.add_argument("--strategy", type=int, help="id of the version to revise")
        parser.add_argument(
            "--label", help="the new version's label (default: 1.1 → 1.2, 2 → 3)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        label = options["label"]
        if label is not None and (not label.strip() or len(label) > (LABEL_MAX or 0)):
            raise CommandError(
                f"a version label has 1 to {LABEL_MAX} characters", returncode=BAD_INPUT
            )
        strategy = chosen_strategy(options["org"], options["strategy"])
        new = revise(strategy, user=OPERATOR, label=label and label.strip())
        self.stdout.write(str(new.pk))
