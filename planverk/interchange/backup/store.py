"""``planverk restore DIR``: a backup, read and checked, into the database in one
transaction, with the ids it had.

What the folder holds and why is in layout.py; reading and checking it, in read.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TypeVar

from django.apps import apps
from django.core.management.color import no_style
from django.db import DatabaseError, connection, models, transaction

from planverk.accounts.models import Identity, Invitation, UserSession
from planverk.interchange.backup.layout import (
    ACCOUNTS,
    HISTORY,
    LIVE,
    OPEN_TO_OTHERS,
    ORGANIZATIONS,
    SIGN_IN,
    BackupError,
    DatabaseRefused,
    InvitationUnit,
    MembershipUnit,
    User,
    history_models,
    in_file,
)
from planverk.interchange.backup.plan import Plan, Rows
from planverk.interchange.backup.read import read
from planverk.interchange.load import Loader
from planverk.organizations.models import (
    Membership,
    Organization,
    PreviousSlug,
    Unit,
)
from planverk.strategies.models import PendingImport, Strategy

M = TypeVar("M", bound=models.Model)


def stored() -> dict[str, int]:
    """How much Planverk data the database holds, by kind (only kinds that have rows)."""
    counts = {
        "organisations": Organization.objects.count(),
        "units": Unit.objects.count(),
        "strategies": Strategy.objects.count(),
        "users": User.objects.count(),
        "memberships": Membership.objects.count(),
        "sign-in identities": Identity.objects.count(),
        "invitations": Invitation.objects.count(),
        "history rows": sum(m._default_manager.count() for m in history_models()),
    }
    return {kind: n for kind, n in counts.items() if n}


def restore(folder: Path, *, replace: bool = False) -> dict[str, int]:
    """Load the backup in *folder*, all or nothing; returns what was stored.

    Raises DatabaseRefused when the database holds Planverk data and *replace*
    is not given, or has no tables yet; and BackupError (naming the file) for a
    backup that does not read, fit together or fit this database. Either way the
    database is unchanged.
    """
    folder = Path(folder)
    _refuse_unless_empty(folder, replace)
    plan = read(folder)
    try:
        with transaction.atomic():
            if replace:
                _delete_everything()
            else:
                _refuse_unless_empty(folder, replace)  # it may have changed meanwhile
            _store(folder, plan)
    except DatabaseError as e:  # e.g. a reference checked only at commit
        raise BackupError(f"the database refused it: {e}", file=str(folder)) from e
    return {
        **plan.counts(),
        "history rows": sum(len(rows) for _, rows in plan.history),
    }


def exposed(folder: Path) -> list[Path]:
    """The folder itself and what it holds that group or others may read or write.

    ``planverk restore`` warns of them: backup writes none, so they were opened
    since (a copy, an archive unpacked, a chmod).
    """
    if not folder.is_dir():
        return []  # restore refuses it, naming why
    return [
        path
        for path in [folder, *sorted(folder.rglob("*"))]
        if _mode(path) & OPEN_TO_OTHERS
    ]


def _mode(path: Path) -> int:
    try:
        return path.stat().st_mode
    except OSError:  # e.g. a dangling link, which restore does not read either
        return 0


def _refuse_unless_empty(folder: Path, replace: bool) -> None:
    try:
        present = stored()
    except DatabaseError as e:
        raise DatabaseRefused(
            f"not restored: the database cannot be read ({e}); is it migrated "
            "(planverk migrate)?",
            file=str(folder),
        ) from e
    if present and not replace:
        held = ", ".join(f"{n} {kind}" for kind, n in present.items())
        raise DatabaseRefused(
            f"not restored: the database already holds Planverk data ({held}); "
            "restore into an empty database, or replace what it holds with --replace",
            file=str(folder),
        )


def _delete_everything() -> None:
    """Empty the tables a backup fills (and whatever refers to them), national agendas aside."""
    carried: list[type[models.Model]] = [
        *LIVE,
        *SIGN_IN,
        *history_models(),
        MembershipUnit,
        PendingImport,
        UserSession,
        User,
    ]
    if apps.is_installed("django.contrib.sessions"):
        # No one stays signed in as a user the backup replaces.
        carried.append(apps.get_model("sessions", "Session"))
    tables = [m._meta.db_table for m in carried]
    tables += [
        User.groups.through._meta.db_table,
        User.user_permissions.through._meta.db_table,
    ]
    statements = connection.ops.sql_flush(no_style(), tables, allow_cascade=True)
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def _store(folder: Path, plan: Plan) -> None:
    with in_file(folder / ACCOUNTS):
        User.objects.bulk_create(plan.users)
    with in_file(folder / ORGANIZATIONS):
        Organization.objects.bulk_create(plan.organizations)
        PreviousSlug.objects.bulk_create(plan.previous_slugs)
        Unit.objects.bulk_create(plan.units)
    with in_file(folder / ACCOUNTS):
        Membership.objects.bulk_create(plan.memberships)
        MembershipUnit.objects.bulk_create(plan.membership_units)
        # raw: created_at (auto_now_add) as backed up, not the time of restore.
        for obj in (*plan.identities, *plan.invitations):
            obj.save_base(raw=True, force_insert=True)
        InvitationUnit.objects.bulk_create(plan.invitation_units)
    for item in plan.strategies:
        with in_file(item.path):
            Loader(item.organization, KeptRows(item.rows)).strategy(item.document)
    with in_file(folder / HISTORY):
        for model, rows in plan.history:
            model._default_manager.bulk_create(rows, batch_size=1000)
    _reset_sequences()


def _reset_sequences() -> None:
    """Move PostgreSQL's id sequences past the restored ids (no-op on SQLite)."""
    tables = [User, *LIVE, *SIGN_IN, MembershipUnit, *history_models()]
    statements = connection.ops.sequence_reset_sql(no_style(), tables)
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


class KeptRows:
    """The restore's load.Writer: rows as the backup had them (ids, edit revisions,
    positions, timestamps from the rows file), and no new history, which comes
    from history.json."""

    def __init__(self, rows: Rows) -> None:
        self.rows = rows

    def save_strategy(self, strategy: Strategy) -> None:
        for name, value in self.rows.strategy.items():
            setattr(strategy, name, value)
        # raw: no auto_now stamps and no history.
        strategy.save_base(raw=True, force_insert=True)

    def create(self, model: type[M], objs: Sequence[M]) -> list[M]:
        objs = list(objs)
        if not objs:
            return []
        kept = self.rows.take(model, len(objs))
        for obj, values in zip(objs, kept, strict=True):
            for name, value in values.items():
                setattr(obj, name, value)
        created = list(model._default_manager.bulk_create(objs))
        # bulk_create stamps auto_now_add fields anew: put the backed-up times back.
        stamped = [
            f.name
            for f in model._meta.concrete_fields
            if getattr(f, "auto_now_add", False) or getattr(f, "auto_now", False)
        ]
        for obj, values in zip(created, kept, strict=True):
            times = {n: values[n] for n in stamped if n in values}
            if times:
                model._default_manager.filter(pk=obj.pk).update(**times)
                for name, value in times.items():
                    setattr(obj, name, value)
        return created
