"""`planverk restore DIR [--replace]`: load a backup folder, in one transaction.

Refuses a database that already holds Planverk data unless --replace is given;
a backup that does not read or fit is refused naming the file (and the line),
with exit status 2 and nothing changed. Warns, on stderr, when group or others
may read or write the backup. See planverk/interchange/backup/layout.py.
"""

from __future__ import annotations

import shlex
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from planverk.interchange.backup import (
    BackupError,
    DatabaseRefused,
    exposed,
    restore,
)
from planverk.strategies.commandline import BAD_INPUT


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
        self.warn_if_exposed(Path(folder))
        try:
            counts = restore(Path(folder), replace=replace)
        except DatabaseRefused as e:
            raise CommandError(str(e)) from e
        except BackupError as e:
            raise CommandError(str(e), returncode=BAD_INPUT) from e
        seconds = time.perf_counter() - started
        held = ", ".join(f"{n} {kind}" for kind, n in counts.items())
        self.stdout.write(f"restored {held} from {folder} in {seconds:.1f} s")

    def warn_if_exposed(self, folder: Path) -> None:
        """A backup open to others is not refused (it is the operator's), but said."""
        paths = exposed(folder)
        if paths:
            self.stderr.write(
                f"warning: {folder} holds password hashes and exempt parts, but "
                f"group or others may read or write {len(paths)} of its files and "
                f"folders (such as {paths[0]}); make it private: "
                f"chmod -R go-rwx {shlex.quote(str(folder))}",
                style_func=self.style.WARNING,
            )
