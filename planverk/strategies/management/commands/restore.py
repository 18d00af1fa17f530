"""`planverk restore DIR [--replace]`: load a backup folder, in one transaction.

Refuses a database that already holds Planverk data unless --replace is given;
a backup that does not read or fit is refused naming the file (and the line),
with exit status 2 and nothing changed. See planverk/interchange/backup.py.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from planverk.interchange.backup import BackupError, DatabaseRefused, restore
from planverk.strategies.management.commands._documents import BAD_INPUT


class Command(BaseCommand):
    help = (
        "Load a backup folder written by `planverk backup` into an empty database, "
        "all or nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folder")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="delete the organisations, strategies, users and history the "
            "database holds first (in the same transaction)",
        )

    def handle(self, *args: Any, folder: str, replace: bool, **options: Any) -> None:
        started = time.perf_counter()
        try:
            counts = restore(Path(folder), replace=replace)
        except DatabaseRefused as e:
            raise CommandError(str(e)) from e
        except BackupError as e:
            raise CommandError(str(e), returncode=BAD_INPUT) from e
        seconds = time.perf_counter() - started
        held = ", ".join(f"{n} {kind}" for kind, n in counts.items())
        self.stdout.write(f"restored {held} from {folder} in {seconds:.1f} s")
