"""`planverk serve [--host H] [--port P]`: the web application under gunicorn."""

from __future__ import annotations

import os
import sys
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from planverk import datafolder


def gunicorn_argv(host: str, port: int, workers: int) -> list[str]:
    """The command line this command replaces itself with."""
    return [
        sys.executable, "-m", "gunicorn", "planverk.wsgi:application",
        "--bind", f"{host}:{port}", "--workers", str(workers),
        "--access-logfile", "-",
        # gunicorn 25.1+ listens on a control socket at one path every server
        # of the user shares ($XDG_RUNTIME_DIR or ~/.gunicorn): each new server
        # replaces the last one's. Planverk does not use it.
        "--no-control-socket",
        # A worker may spend the whole report budget on one PDF before it
        # answers; gunicorn must not kill it first (its default is 30 s).
        "--timeout", str(settings.PLANVERK_REPORT_SECONDS + 30),
    ]  # fmt: skip


class Command(BaseCommand):
    help = (
        "Serve Planverk with gunicorn, with the settings from the environment "
        "(production mode needs SECRET_KEY)."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument(
            "--workers",
            type=int,
            default=settings.PLANVERK_WEB_CONCURRENCY,
            help="gunicorn workers (default: WEB_CONCURRENCY, else 2)",
        )

    def handle(
        self, *args: Any, host: str, port: int, workers: int, **options: Any
    ) -> None:
        if workers < 1:
            raise CommandError(
                f"--workers {workers}: at least one is needed", returncode=2
            )
        if not settings.DEBUG and not os.environ.get("SECRET_KEY"):
            # gunicorn reads the settings anew, from the environment: a key the
            # command line fell back on (the data folder's) is not for serving.
            raise CommandError(datafolder.missing_key_message(True), returncode=2)
        sys.stdout.flush()
        # gunicorn takes over this process
        os.execv(sys.executable, gunicorn_argv(host, port, workers))
