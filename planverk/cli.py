"""The `planverk` command: Django's management commands, with our verbs up front.

Every verb works against the embedded SQLite with no environment set. Without
SECRET_KEY the command line signs with the data folder's own key (made the
first time, see planverk/datafolder.py), and a SQLite database with migrations
not yet applied is migrated first. Serving is different: `planverk serve` (and
`runserver`, and `check --deploy`, which judges a server) in production mode
needs SECRET_KEY given. On PostgreSQL nothing is migrated unasked: a database
without Planverk's tables is named as such, in one line, exit status 2.
"""

from __future__ import annotations

import os
import sys
import textwrap
from collections.abc import Sequence

from planverk import datafolder

# The usage text lists these, in this order, each with its command's own help.
VERBS = (
    "demo",
    "serve",
    "parse",
    "import",
    "export",
    "revise",
    "diff",
    "actionplan",
    "framework",
    "sample",
    "report",
    "backup",
    "restore",
    "db_worker",
)
# django-tasks' help ("Run a database background worker") does not say what for.
OWN_WORDS = {"db_worker": "Work the background queue (report rendering)."}

# The demo is a development server; parsing touches neither database nor secrets.
DEVELOPMENT_VERBS = ("demo", "parse")
# Servers: production mode needs SECRET_KEY given, never the data folder's key.
SERVING = ("serve", "runserver")
# Long-running verbs: on PostgreSQL, the migrations are checked before they start
# (other verbs are told only if a missing table stops them).
LONG_RUNNING = ("serve", "runserver", "db_worker")
# Verbs that need no database, or look after its migrations themselves: nothing
# is migrated or checked before them.
LEAVE_THE_DATABASE = frozenset(
    {
        "parse",
        "demo",  # migrates, with DATABASE_URL too
        "check",
        "collectstatic",
        "findstatic",
        "compilemessages",
        "makemessages",
        "diffsettings",
        "sendtestemail",
        "startapp",
        "startproject",
        "makemigrations",
        "migrate",
        "showmigrations",
        "sqlmigrate",
        "squashmigrations",
        "optimizemigration",
        "test",
        "testserver",
        # What is typed into these decides; a missing table is explained after.
        "shell",
        "dbshell",
    }
)
BAD_ENVIRONMENT = 2  # the exit status of a refusal, as for bad input


def asks_for_help(args: Sequence[str]) -> bool:
    return args[0] in ("help", "version", "--version") or any(
        a in ("-h", "--help") for a in args[1:]
    )


def serves(args: Sequence[str]) -> bool:
    return args[0] in SERVING or (args[0] == "check" and "--deploy" in args)


def usage() -> str:
    """The verbs with their commands' help; Django must be set up (no database)."""
    from django.core.management import get_commands, load_command_class

    commands = get_commands()
    width = max(map(len, VERBS))
    lines = [
        "usage: planverk VERB [options]   (planverk VERB --help for its options)",
        "",
    ]
    for verb in VERBS:
        try:
            text = OWN_WORDS.get(verb) or str(
                load_command_class(commands[verb], verb).help
            )
        except Exception as e:  # a broken command must not hide the others
            text = f"(its help cannot be read: {type(e).__name__}: {first_line(e)})"
        lines += textwrap.wrap(
            " ".join(text.split()),
            width=79,
            initial_indent=f"  {verb.ljust(width)}  ",
            subsequent_indent=" " * (width + 4),
        )
    lines += [
        "",
        "Every Django management command works too, e.g. `planverk migrate`,",
        "`planverk check --deploy`; `planverk help --commands` lists them all.",
        "Without SECRET_KEY, commands on SQLite use the data folder's own key",
        "(PLANVERK_DATA/secret_key, made the first time) and migrate a new database",
        "first; `planverk serve` in production mode needs SECRET_KEY given.",
    ]
    return "\n".join(lines)


def setup() -> None:
    import django
    from django.apps import apps

    if not apps.ready:
        django.setup()


def first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def unapplied() -> tuple[int, int, str]:
    """How many of Planverk's migrations are applied and unapplied, and the first
    unapplied one; raises DatabaseError if the database cannot be reached."""
    from django.db import DEFAULT_DB_ALIAS, connections
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    first = f"{plan[0][0].app_label}.{plan[0][0].name}" if plan else ""
    return len(executor.loader.applied_migrations), len(plan), first


def unmigrated_message(applied: int, missing: int, first: str) -> str:
    if not applied:
        return "the database has no Planverk tables yet: run planverk migrate"
    return (
        f"the database lacks {missing} of Planverk's migrations (from {first}): "
        "run planverk migrate"
    )


def prepare_database(verb: str) -> int:
    """Before a verb that uses the database: migrate SQLite if it needs it; on
    PostgreSQL, refuse a long-running verb when migrations are missing."""
    from django.core.management import call_command
    from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

    connection = connections[DEFAULT_DB_ALIAS]
    if connection.vendor != "sqlite" and verb not in LONG_RUNNING:
        return 0
    try:
        applied, missing, first = unapplied()
    except DatabaseError as e:
        print(f"planverk: cannot open the database: {first_line(e)}", file=sys.stderr)
        return BAD_ENVIRONMENT
    if not missing:
        return 0
    if connection.vendor != "sqlite":
        print(
            f"planverk: {unmigrated_message(applied, missing, first)}", file=sys.stderr
        )
        return BAD_ENVIRONMENT
    name = connection.settings_dict["NAME"]
    print(
        f"planverk: a new SQLite database, {name}: creating its tables first"
        if not applied
        else f"planverk: migrating the SQLite database {name} first "
        f"({missing} new migrations)",
        file=sys.stderr,
    )
    call_command("migrate", interactive=False, verbosity=0)
    return 0


def explain_database_error(error: Exception) -> int | None:
    """An exit status when *error* comes of missing migrations or no database."""
    from django.db import DatabaseError

    try:
        applied, missing, first = unapplied()
    except DatabaseError:
        print(
            f"planverk: cannot use the database: {first_line(error)}", file=sys.stderr
        )
        return BAD_ENVIRONMENT
    if not missing:
        return None
    print(f"planverk: {unmigrated_message(applied, missing, first)}", file=sys.stderr)
    return BAD_ENVIRONMENT


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    top_help = not args or args[0] in ("-h", "--help")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "planverk.settings")
    if not top_help and args[0] in DEVELOPMENT_VERBS:
        os.environ.setdefault("DEBUG", "true")
    if top_help or asks_for_help(args):
        datafolder.offer("throwaway")  # help signs nothing and keeps nothing
    elif not serves(args):
        datafolder.offer("file")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line, get_commands
    from django.db import DatabaseError

    try:
        settings.INSTALLED_APPS  # noqa: B018 -- reads and checks the settings
        setup()
        if top_help:
            print(usage())
            return 0
        verb = args[0]
        if (
            not asks_for_help(args)
            and verb not in LEAVE_THE_DATABASE
            and verb in get_commands()  # Django answers a typo
        ):
            status = prepare_database(verb)
            if status:
                return status
    except ImproperlyConfigured as e:
        print(f"planverk: {e}", file=sys.stderr)
        return BAD_ENVIRONMENT
    try:
        execute_from_command_line(["planverk", *args])
    except DatabaseError as e:
        explained = explain_database_error(e)
        if explained is None:
            raise
        return explained
    return 0
