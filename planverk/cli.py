"""The `planverk` command: Django's management commands, with our verbs up front."""

from __future__ import annotations

import os
import sys

VERBS = {
    "demo": "set up SQLite, load sample strategies, create a demo login and serve",
    "serve": "run the web application with gunicorn (settings from the environment)",
    "parse": "read a strategy document and print it as planverk/1 JSON",
    "import": "store a strategy document (or planverk/1 JSON) in the database",
    "export": "write an organisation's strategy as planverk/1 JSON",
    "framework": "list or load the national agendas (e.g. eKommune 2012)",
    "sample": "load generated, fictional sample organisations and strategies",
    "report": "write a report (strategy, progress, budget, changes) as HTML, PDF/A, ODF …",
    "backup": "write every organisation's strategies, history and memberships to a folder",
    "restore": "load a backup folder into an empty database",
}


# The demo is a development server; parsing touches neither database nor secrets.
DEVELOPMENT_VERBS = ("demo", "parse")


def usage() -> str:
    width = max(map(len, VERBS))
    lines = [
        "usage: planverk VERB [options]   (planverk VERB --help for its options)",
        "",
    ]
    lines += [f"  {verb.ljust(width)}  {text}" for verb, text in VERBS.items()]
    lines += [
        "",
        "Every Django management command works too, e.g. `planverk migrate`,",
        "`planverk check --deploy`; `planverk help --commands` lists them all.",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args or args[0] in ("-h", "--help"):
        print(usage())
        return 0
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "planverk.settings")
    if args[0] in DEVELOPMENT_VERBS:
        os.environ.setdefault("DEBUG", "true")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        settings.INSTALLED_APPS  # noqa: B018 -- reads and checks the settings
    except ImproperlyConfigured as e:
        print(f"planverk: {e}", file=sys.stderr)
        return 2
    execute_from_command_line(["planverk", *args])
    return 0
