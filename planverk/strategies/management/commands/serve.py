"""`planverk serve [--host H] [--port P]`: the web application under gunicorn."""

from __future__ import annotations

import os
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Serve Planverk with gunicorn, with the settings from the environment."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "2"))
        )

    def handle(
        self, *args: Any, host: str, port: int, workers: int, **options: Any
    ) -> None:
        argv = [
            sys.executable, "-m", "gunicorn", "planverk.wsgi:application",
            "--bind", f"{host}:{port}", "--workers", str(workers),
            "--access-logfile", "-",
        ]  # fmt: skip
        sys.stdout.flush()
        os.execv(sys.executable, argv)  # gunicorn takes over this process
