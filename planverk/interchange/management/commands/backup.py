"""`planverk backup DIR`: every organisation's data, users and history to a new folder.

The folder's layout and what it leaves out are described in
planverk/interchange/backup/layout.py; `planverk restore DIR` reads it back. The
folder is confidential, so only its owner may read it (folders 0700, files 0600).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from planverk.interchange.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Write every organisation's strategies (all versions, as planverk/1), units, "
        "users with their memberships, and the change history to a new folder."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folder", help="folder to create (or an empty one)")

    def handle(self, *args: Any, folder: str, **options: Any) -> None:
        started = time.perf_counter()
        try:
            counts = backup(Path(folder))
        except BackupError as e:
            raise CommandError(str(e)) from e
        seconds = time.perf_counter() - started
        held = ", ".join(f"{n} {kind}" for kind, n in counts.items())
        self.stdout.write(f"wrote {held} to {folder} in {seconds:.1f} s")
