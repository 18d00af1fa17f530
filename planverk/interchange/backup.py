"""Backup and restore: all of Planverk's own data as a folder of JSON files.

``planverk backup DIR`` writes a new folder, ``planverk restore DIR`` reads it back::

    manifest.json        format ("planverk-backup", version 3: the decision log is Decision) and the counts below
    accounts.json        users (password hashes included) with their memberships
                         and sign-in identities (OpenID Connect issuer and
                         subject), and every invitation: pending, accepted,
                         withdrawn or expired (its token's hash, role and units)
    history.json         every django-simple-history row of every model, one per line
    organizations/<slug>/organization.json
                         the organisation, its units and the ids of its strategies
    organizations/<slug>/strategy-<id>.planverk.json
                         each strategy version as planverk/1, in full: exempt parts
                         and the import report included (``dump`` for the operator)
    organizations/<slug>/strategy-<id>.rows.json
                         what planverk/1 does not carry, in the document's order:
                         row ids, edit revisions, positions, timestamps

Why this shape:

* Strategies travel as planverk/1, so a backup is readable and each file also
  imports on its own (``planverk import``). Restore checks them as an import does
  (the schema, then load.py's checks) and stores them through load.py's loader,
  with the ids and counters of the rows file put back and no new history written.
* Primary keys are kept. History rows name their object and user by id, so kept
  ids are what make the history pages, the unit timeline and the edit-conflict
  merge (which reads history by revision) line up after a restore. The id
  sequences are then moved past the restored ids (PostgreSQL; SQLite's
  AUTOINCREMENT does it by itself).
* National agendas are not carried: a migrated database has them. Everything
  refers to them by meaning, never by row id: a strategy's agenda by slug, a
  theme's area as ``[slug, area number]``, a goal as ``[slug, "area.goal"]`` (in
  planverk/1 as its ``framework_goal``); history rows likewise (a history row's
  reference to an agenda row deleted since is written as null). Restore stops,
  naming the file, when the database lacks one.
* Output is deterministic (fixed order, sorted keys in the files of our own, no
  time of backup anywhere): backup → restore → backup gives the same bytes, on
  SQLite, on PostgreSQL, and from one to the other. planverk/1 files are as
  ``planverk export`` writes them, but with the import report's keys sorted
  (PostgreSQL's jsonb does not keep their order).
* Sign-in identities are carried because the issuer and subject, never the
  e-mail address, find a user at an OpenID Connect sign-in: without them,
  people signing in through ID-porten or Feide after a restore would get new,
  empty accounts. Invitations keep their token's hash, so pending links still
  work after a restore; used and withdrawn ones are kept as the record of who
  invited whom.

Not carried: uploads waiting for confirmation (PendingImport) and their files,
sessions (neither Django's nor the records of them, UserSession, that "sign
out on all devices" uses: after a restore everyone signs in again), Django
groups and permissions (Planverk does not use them), the sign-in lockout log
(django-axes). Version 1 backups, written before sign-in identities and
invitations were carried, are refused.

Restore reads and checks every file before it writes anything, then writes in
one transaction: all of it or nothing. It refuses a database that already holds
Planverk data (organisations, units, strategies, users, memberships, sign-in
identities, invitations, history) unless *replace* is given; that data is then
deleted in the same transaction, and with it every session, so that no one
stays signed in as a user the backup replaced.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import shutil
import stat
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.color import no_style
from django.db import DatabaseError, connection, models, transaction

from planverk.accounts.models import Identity, Invitation, UserSession
from planverk.format.schema import problems
from planverk.frameworks.models import Framework, FrameworkArea, FrameworkGoal
from planverk.importers.jsondoc import MAX_DEPTH, nesting_depth
from planverk.interchange.dump import dump, load_for_dump, to_json
from planverk.interchange.load import DocumentError, _check, _Loader
from planverk.organizations.models import (
    Membership,
    Organization,
    OrganizationKind,
    Role,
    Unit,
)
from planverk.strategies.models import (
    ActionItem,
    BudgetTotal,
    Decision,
    GlossaryTerm,
    GoalAssessment,
    Measure,
    MeasureUnit,
    PendingImport,
    Section,
    Strategy,
    StrategyUnit,
    Theme,
)

FORMAT = "planverk-backup"
VERSION = 3
# Password hashes and exempt parts: only the owner may read a backup.
PRIVATE_FOLDER = 0o700
PRIVATE_FILE = 0o600
OPEN_TO_OTHERS = stat.S_IRGRP | stat.S_IWGRP | stat.S_IROTH | stat.S_IWOTH

User = get_user_model()
MembershipUnit = Membership.units.through
InvitationUnit = Invitation.units.through

# The tables a backup carries, and what "the database holds Planverk data" means.
LIVE: tuple[type[models.Model], ...] = (
    Organization,
    Unit,
    Membership,
    Strategy,
    StrategyUnit,
    Section,
    Decision,
    GlossaryTerm,
    Theme,
    Measure,
    MeasureUnit,
    GoalAssessment,
    ActionItem,
    BudgetTotal,
)

# Who signs in how (planverk.accounts), all in accounts.json; UserSession is not.
SIGN_IN: tuple[type[models.Model], ...] = (Identity, Invitation, InvitationUnit)


def history_models() -> list[type[models.Model]]:
    """Every history table of the carried models, the m2m ones (membership units) too."""
    found = []
    for model in (*LIVE, *SIGN_IN):
        if not hasattr(model, "history"):  # the sign-in tables keep none (yet)
            continue
        historical = model.history.model
        found.append(historical)
        for m2m in historical._history_m2m_fields:
            found.append(getattr(historical, m2m.name).model)
    return sorted(found, key=lambda m: m._meta.label)


USER_FIELDS = (
    "username",
    "first_name",
    "last_name",
    "email",
    "password",
    "is_active",
    "is_staff",
    "is_superuser",
)


IDENTITY_FIELDS = ("provider", "issuer", "subject", "email")
# An invitation's users, by id; null when there is none (or the user was deleted).
INVITATION_PEOPLE = ("invited_by", "accepted_by", "withdrawn_by")
INVITATION_TIMES = ("created_at", "expires_at", "accepted_at", "withdrawn_at")


class BackupError(Exception):
    """A backup that cannot be written or restored; names the file and, where known, the line."""

    def __init__(self, path: str, reason: str, line: int | None = None) -> None:
        self.path = path
        self.reason = reason
        self.line = line
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {reason}")


class DatabaseRefused(BackupError):
    """The database cannot take a restore as it is: it holds data, or has no tables."""


# --------------------------------------------------------------------------- shared


def _text(data: Any) -> str:
    """Our own files: sorted keys, two-space indent, UTF-8 as is, final newline."""
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _line(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def _when(value: dt.datetime | None) -> str | None:
    """A timestamp in UTC with every microsecond: restored, it compares equal."""
    return None if value is None else value.astimezone(dt.UTC).isoformat()


# Messages are in English, like the rest of the command line; verbose names are not.
AGENDA_NAMES = {
    Framework: "national agenda",
    FrameworkArea: "national-agenda area",
    FrameworkGoal: "national goal",
}


class _References:
    """National-agenda rows by meaning (slug, area number, goal number) and back."""

    def __init__(self) -> None:
        slugs = dict(Framework.objects.values_list("pk", "slug"))
        areas = {
            pk: (slugs[framework], number)
            for pk, framework, number in FrameworkArea.objects.values_list(
                "pk", "framework_id", "number"
            )
        }
        goals = {
            pk: (areas[area][0], f"{areas[area][1]}.{number}")
            for pk, area, number in FrameworkGoal.objects.values_list(
                "pk", "area_id", "number"
            )
        }
        self.out: dict[type[models.Model], dict[int, Any]] = {
            Framework: slugs,
            FrameworkArea: {pk: list(key) for pk, key in areas.items()},
            FrameworkGoal: {pk: list(key) for pk, key in goals.items()},
        }
        self.back: dict[type[models.Model], dict[Any, int]] = {
            Framework: {slug: pk for pk, slug in slugs.items()},
            FrameworkArea: {key: pk for pk, key in areas.items()},
            FrameworkGoal: {key: pk for pk, key in goals.items()},
        }

    def pk(self, model: type[models.Model], reference: Any, where: str) -> int | None:
        if reference is None:
            return None
        key = reference if isinstance(reference, str) else tuple(reference)
        try:
            return self.back[model][key]
        except (KeyError, TypeError):
            raise _Invalid(
                where,
                f"refers to {AGENDA_NAMES[model]} {reference!r}, which this "
                "database lacks (load it first: planverk framework load)",
            ) from None


# --------------------------------------------------------------------------- backup


def backup(folder: Path) -> dict[str, int]:
    """Write all Planverk data to *folder* (new, or an empty directory); returns counts.

    The files are written beside it first and moved into place at the end, so a
    failed backup leaves no half-written folder. Its folders and files are the
    owner's alone (PRIVATE_FOLDER, PRIVATE_FILE), whatever the umask.
    """
    folder = Path(folder)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise BackupError(str(folder), "exists and is not an empty folder")
    folder.parent.mkdir(parents=True, exist_ok=True)
    partial = folder.with_name(f".{folder.name}.partial-{os.getpid()}")
    shutil.rmtree(partial, ignore_errors=True)
    try:
        _private_folder(partial)
        with _snapshot():
            counts = _write(partial)
        if folder.exists():
            folder.rmdir()
        partial.rename(folder)
    except DatabaseError as e:
        raise BackupError(
            str(folder), f"cannot read the database ({e}); is it migrated?"
        ) from e
    finally:
        shutil.rmtree(partial, ignore_errors=True)
    return counts


@contextlib.contextmanager
def _snapshot() -> Iterator[None]:
    """Read everything in one transaction, so edits meanwhile cannot tear the backup.

    PostgreSQL gives a repeatable-read snapshot; SQLite (Planverk opens its
    transactions IMMEDIATE) holds off writers for the few seconds it takes.
    """
    outermost = not connection.in_atomic_block
    connection.ensure_connection()
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"
                )
        yield


def _write(folder: Path) -> dict[str, int]:
    references = _References()
    counts: dict[str, int] = {}
    organizations = list(Organization.objects.order_by("slug"))
    units: dict[int, list[Unit]] = {}
    for unit in Unit.objects.order_by("pk"):
        units.setdefault(unit.organization_id, []).append(unit)
    strategies: dict[int, list[int]] = {}
    for pk, owner in Strategy.objects.order_by("pk").values_list("pk", "organization"):
        strategies.setdefault(owner, []).append(pk)
    _private_folder(folder / "organizations")
    for org in organizations:
        where = folder / "organizations" / org.slug
        _private_folder(where)
        _write_private(
            where / "organization.json",
            _text(
                {
                    "id": org.pk,
                    "slug": org.slug,
                    "name": org.name,
                    "kind": org.kind,
                    "country": org.country,
                    "code": org.code,
                    "units": [
                        {"id": u.pk, "name": u.name} for u in units.get(org.pk, [])
                    ],
                    "strategies": strategies.get(org.pk, []),
                }
            ),
        )
        for pk in strategies.get(org.pk, []):
            strategy = load_for_dump(pk)
            document = dump(strategy)
            # PostgreSQL's jsonb keeps no key order; sorted, both databases agree.
            document["import_report"] = json.loads(_line(document["import_report"]))
            _write_private(where / f"strategy-{pk}.planverk.json", to_json(document))
            _write_private(
                where / f"strategy-{pk}.rows.json", _text(_rows(strategy, references))
            )
    counts["organizations"] = len(organizations)
    counts["units"] = sum(map(len, units.values()))
    counts["strategies"] = sum(map(len, strategies.values()))
    accounts = _accounts()
    _write_private(folder / "accounts.json", _text(accounts))
    counts["users"] = len(accounts["users"])
    counts["memberships"] = sum(len(u["memberships"]) for u in accounts["users"])
    counts["identities"] = sum(len(u["identities"]) for u in accounts["users"])
    counts["invitations"] = len(accounts["invitations"])
    with _private_file(folder / "history.json") as out:
        history = _write_history(out, references)
    manifest = {
        "format": FORMAT,
        "version": VERSION,
        "counts": counts,
        "history": history,
    }
    _write_private(folder / "manifest.json", _text(manifest))
    return {**counts, "history rows": sum(history.values())}


def _private_folder(path: Path) -> None:
    os.mkdir(path, PRIVATE_FOLDER)
    os.chmod(path, PRIVATE_FOLDER)  # the umask may have taken bits from mkdir's


@contextlib.contextmanager
def _private_file(path: Path) -> Iterator[TextIO]:
    """A new file, open for writing, private from the moment it exists."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    os.fchmod(descriptor, PRIVATE_FILE)  # the umask may have taken bits here too
    with open(descriptor, "w", encoding="utf-8") as out:
        yield out


def _write_private(path: Path, text: str) -> None:
    with _private_file(path) as out:
        out.write(text)


def _rows(strategy: Strategy, references: _References) -> dict[str, Any]:
    """The bookkeeping of *strategy* in the order dump() writes its parts."""

    def part(obj: Any, *names: str) -> dict[str, Any]:
        return {"id": obj.pk, **{n: getattr(obj, n) for n in names}}

    areas = references.out[FrameworkArea]
    return {
        "strategy": {
            "id": strategy.pk,
            "revision": strategy.revision,
            "created_at": _when(strategy.created_at),
            "updated_at": _when(strategy.updated_at),
        },
        "units": [part(link, "position") for link in strategy.strategyunit_set.all()],
        "sections": [part(s, "revision", "position") for s in strategy.sections.all()],
        "revisions": [
            part(r, "revision", "position") for r in strategy.decisions.all()
        ],
        "glossary": [part(g, "position") for g in strategy.glossary.all()],
        "themes": [
            {
                **part(theme, "revision"),
                "framework_area": areas.get(theme.framework_area_id or 0),
                "measures": [
                    {
                        **part(measure, "revision"),
                        "proposed_by": [
                            part(link, "position")
                            for link in measure.measureunit_set.all()
                        ],
                    }
                    for measure in theme.measures.all()
                ],
            }
            for theme in strategy.themes.all()
        ],
        "goal_assessments": [
            part(a, "revision", "position") for a in strategy.goal_assessments.all()
        ],
        "action_plan": [part(i, "revision") for i in strategy.action_items.all()],
        "budget_totals": [part(b) for b in strategy.budget_totals.all()],
    }


def _accounts() -> dict[str, Any]:
    links: dict[int, list[dict[str, int]]] = {}
    for pk, membership, unit in MembershipUnit.objects.order_by("pk").values_list(
        "pk", "membership_id", "unit_id"
    ):
        links.setdefault(membership, []).append({"link": pk, "unit": unit})
    memberships: dict[int, list[dict[str, Any]]] = {}
    for m in Membership.objects.select_related("organization").order_by("pk"):
        memberships.setdefault(m.user_id, []).append(
            {
                "id": m.pk,
                "organization": m.organization.slug,
                "role": m.role,
                "units": links.get(m.pk, []),
            }
        )
    identities: dict[int, list[dict[str, Any]]] = {}
    for identity in Identity.objects.order_by("pk"):
        identities.setdefault(identity.user_id, []).append(
            {
                "id": identity.pk,
                **{name: getattr(identity, name) for name in IDENTITY_FIELDS},
                "created_at": _when(identity.created_at),
                "last_used_at": _when(identity.last_used_at),
            }
        )
    users = []
    for user in User.objects.order_by("pk"):
        users.append(
            {
                "id": user.pk,
                **{name: getattr(user, name) for name in USER_FIELDS},
                "date_joined": _when(user.date_joined),
                "last_login": _when(user.last_login),
                "memberships": memberships.get(user.pk, []),
                "identities": identities.get(user.pk, []),
            }
        )
    return {"users": users, "invitations": _invitations()}


def _invitations() -> list[dict[str, Any]]:
    """Every invitation, used and withdrawn ones too: they record who invited whom."""
    links: dict[int, list[dict[str, int]]] = {}
    for pk, invitation, unit in InvitationUnit.objects.order_by("pk").values_list(
        "pk", "invitation_id", "unit_id"
    ):
        links.setdefault(invitation, []).append({"link": pk, "unit": unit})
    return [
        {
            "id": i.pk,
            "organization": i.organization.slug,
            "email": i.email,
            "role": i.role,
            "units": links.get(i.pk, []),
            "token_hash": i.token_hash,
            **{name: getattr(i, f"{name}_id") for name in INVITATION_PEOPLE},
            **{name: _when(getattr(i, name)) for name in INVITATION_TIMES},
        }
        for i in Invitation.objects.select_related("organization").order_by("pk")
    ]


def _encoder(
    model_field: models.Field[Any, Any], references: _References
) -> Callable[[Any], Any]:
    related = model_field.related_model
    if related in references.out:
        known = references.out[related]
        return lambda pk: None if pk is None else known.get(pk)
    if isinstance(model_field, models.DateTimeField):
        return _when
    if isinstance(model_field, models.DateField):
        return lambda d: None if d is None else d.isoformat()
    return lambda value: value


def _write_history(out: TextIO, references: _References) -> dict[str, int]:
    """history.json: per table its column names, then one JSON array per row."""
    counts = {}
    tables = history_models()
    out.write('{\n  "tables": {\n')
    for i, model in enumerate(tables):
        label = model._meta.label
        fields = list(model._meta.concrete_fields)
        names = [f.attname for f in fields]
        encoders = [_encoder(f, references) for f in fields]
        out.write(f'    {_line(label)}: {{\n      "fields": {_line(names)},\n')
        out.write('      "rows": [')
        count = 0
        rows = (
            model._default_manager.order_by("pk")
            .values_list(*names)
            .iterator(chunk_size=2000)
        )
        for row in rows:
            encoded = [encode(v) for encode, v in zip(encoders, row, strict=True)]
            out.write(("," if count else "") + "\n        " + _line(encoded))
            count += 1
        out.write("\n      ]\n" if count else "]\n")
        out.write("    }" + ("," if i < len(tables) - 1 else "") + "\n")
        counts[label] = count
    out.write("  }\n}\n")
    return counts


# --------------------------------------------------------------------------- restore


class _Invalid(Exception):
    """A value that does not fit, at a JSON path inside the file being read."""

    def __init__(self, where: str, reason: str) -> None:
        self.where = where
        self.reason = reason
        super().__init__(f"{where}: {reason}")


@contextlib.contextmanager
def _in_file(path: Path) -> Iterator[None]:
    """Errors raised while reading or storing *path* name it."""
    try:
        yield
    except _Invalid as e:
        raise BackupError(str(path), str(e)) from None
    except DocumentError as e:
        raise BackupError(str(path), str(e)) from None
    except DatabaseError as e:
        raise BackupError(str(path), f"the database refused it: {e}") from e


def _get(data: Any, key: str, kinds: tuple[type, ...], where: str) -> Any:
    if not isinstance(data, dict):
        raise _Invalid(where, "expected an object")
    if key not in data:
        raise _Invalid(where, f"{key!r} is missing")
    value = data[key]
    # To Python true is an int; in a backup it is not.
    if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
        names = " or ".join("null" if k is type(None) else k.__name__ for k in kinds)
        raise _Invalid(f"{where}.{key}", f"expected {names}, found {value!r}")
    return value


def _int(data: Any, key: str, where: str) -> int:
    return int(_get(data, key, (int,), where))


def _str(data: Any, key: str, where: str) -> str:
    return str(_get(data, key, (str,), where))


def _list(data: Any, key: str, where: str) -> list[Any]:
    return list(_get(data, key, (list,), where))


def _time(data: Any, key: str, where: str) -> dt.datetime:
    value = _parse_time(_get(data, key, (str,), where), f"{where}.{key}")
    assert value is not None
    return value


def _parse_time(value: Any, where: str) -> dt.datetime | None:
    if value is None:
        return None
    try:
        parsed = dt.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise _Invalid(where, f"{value!r} is not a timestamp") from None
    if parsed.tzinfo is None:
        raise _Invalid(where, f"{value!r} has no time zone")
    return parsed


def _unique(values: Sequence[Any], where: str, what: str) -> None:
    seen: set[Any] = set()
    for value in values:
        if value in seen:
            raise _Invalid(where, f"{what} {value!r} appears twice")
        seen.add(value)


@dataclass
class _Rows:
    """A strategy's rows file, as the values load.py's loader leaves unset, per model."""

    strategy: dict[str, Any]
    queues: dict[type[models.Model], list[dict[str, Any]]]

    def take(self, model: type[models.Model], count: int) -> list[dict[str, Any]]:
        queue = self.queues.get(model, [])
        if len(queue) < count:
            raise _Invalid("$", f"has too few rows for {model.__name__}")
        taken, self.queues[model] = queue[:count], queue[count:]
        return taken


@dataclass
class _StrategyFile:
    path: Path
    organization: Organization
    document: dict[str, Any]
    rows: _Rows


@dataclass
class _Plan:
    """Everything a backup holds, read and checked, ready to be written."""

    users: list[Any] = field(default_factory=list)
    organizations: list[Organization] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)
    memberships: list[Membership] = field(default_factory=list)
    membership_units: list[Any] = field(default_factory=list)
    identities: list[Identity] = field(default_factory=list)
    invitations: list[Invitation] = field(default_factory=list)
    invitation_units: list[Any] = field(default_factory=list)
    strategies: list[_StrategyFile] = field(default_factory=list)
    history: list[tuple[type[models.Model], list[models.Model]]] = field(
        default_factory=list
    )

    def counts(self) -> dict[str, int]:
        return {
            "organizations": len(self.organizations),
            "units": len(self.units),
            "strategies": len(self.strategies),
            "users": len(self.users),
            "memberships": len(self.memberships),
            "identities": len(self.identities),
            "invitations": len(self.invitations),
        }


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
    plan = _read(folder)
    try:
        with transaction.atomic():
            if replace:
                _delete_everything()
            else:
                _refuse_unless_empty(folder, replace)  # it may have changed meanwhile
            _store(folder, plan)
    except DatabaseError as e:  # e.g. a reference checked only at commit
        raise BackupError(str(folder), f"the database refused it: {e}") from e
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
            str(folder),
            f"not restored: the database cannot be read ({e}); is it migrated "
            "(planverk migrate)?",
        ) from e
    if present and not replace:
        held = ", ".join(f"{n} {kind}" for kind, n in present.items())
        raise DatabaseRefused(
            str(folder),
            f"not restored: the database already holds Planverk data ({held}); "
            "restore into an empty database, or replace what it holds with --replace",
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


def _store(folder: Path, plan: _Plan) -> None:
    with _in_file(folder / "accounts.json"):
        User.objects.bulk_create(plan.users)
    with _in_file(folder / "organizations"):
        Organization.objects.bulk_create(plan.organizations)
        Unit.objects.bulk_create(plan.units)
    with _in_file(folder / "accounts.json"):
        Membership.objects.bulk_create(plan.memberships)
        MembershipUnit.objects.bulk_create(plan.membership_units)
        # raw: created_at (auto_now_add) as backed up, not the time of restore.
        for obj in (*plan.identities, *plan.invitations):
            obj.save_base(raw=True, force_insert=True)
        InvitationUnit.objects.bulk_create(plan.invitation_units)
    for item in plan.strategies:
        with _in_file(item.path):
            _RestoreLoader(item.organization, item.rows).strategy(item.document)
    with _in_file(folder / "history.json"):
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


class _RestoreLoader(_Loader):
    """load.py's loader, writing the backup's ids and counters and no new history."""

    def __init__(self, organization: Organization, rows: _Rows) -> None:
        super().__init__(organization, user=None, reason="")
        self.rows = rows

    def create(self, model: type, objs: Sequence[Any]) -> list[Any]:
        objs = list(objs)
        if not objs:
            return []
        for obj, values in zip(objs, self.rows.take(model, len(objs)), strict=True):
            for name, value in values.items():
                setattr(obj, name, value)
        return list(model._default_manager.bulk_create(objs))  # type: ignore[attr-defined]

    def save_strategy(self, strategy: Strategy) -> None:
        # The backed-up id, revision and timestamps; raw: no auto_now stamps and
        # no history, which comes from history.json.
        for name, value in self.rows.strategy.items():
            setattr(strategy, name, value)
        strategy.save_base(raw=True, force_insert=True)


def _read(folder: Path) -> _Plan:
    """Every file of the backup, parsed and checked; nothing is written."""
    if not folder.is_dir():
        raise BackupError(str(folder), "is not a folder")
    manifest_path = folder / "manifest.json"
    manifest = _load_json(manifest_path)
    with _in_file(manifest_path):
        if _get(manifest, "format", (str,), "$") != FORMAT:
            raise _Invalid("$.format", f"is not {FORMAT!r}: not a Planverk backup")
        version = _get(manifest, "version", (int,), "$")
        if version != VERSION:
            raise _Invalid(
                "$.version", f"this Planverk reads version {VERSION}, not {version}"
            )
        expected = _get(manifest, "counts", (dict,), "$")
        expected_history = _get(manifest, "history", (dict,), "$")
    references = _References()
    plan = _Plan()

    def compare(*kinds: str) -> None:
        """A missing file is named by the manifest, before what misses it fails."""
        found = plan.counts()
        with _in_file(manifest_path):
            for kind in kinds:
                if expected.get(kind) != found[kind]:
                    raise _Invalid(
                        f"$.counts.{kind}",
                        f"says {expected.get(kind)}, but the folder holds "
                        f"{found[kind]}: is the backup complete?",
                    )

    _read_organizations(folder, plan, references)
    compare("organizations", "units", "strategies")
    _read_accounts(folder, plan)
    compare("users", "memberships", "identities", "invitations")
    _read_history(folder, plan, references)
    with _in_file(manifest_path):
        history = {model._meta.label: len(rows) for model, rows in plan.history}
        if expected_history != history:
            raise _Invalid("$.history", "does not match the rows in history.json")
    return plan


def _load_json(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BackupError(str(path), "is missing") from None
    except (OSError, UnicodeDecodeError) as e:
        raise BackupError(str(path), f"cannot be read: {e}") from None
    if nesting_depth(text) > MAX_DEPTH:  # json.loads would recurse until it fails
        raise BackupError(
            str(path), f"nested too deeply (more than {MAX_DEPTH} levels)"
        )
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        raise BackupError(
            str(path), f"not JSON: {e.msg} (column {e.colno})", e.lineno
        ) from None


def _read_organizations(folder: Path, plan: _Plan, references: _References) -> None:
    root = folder / "organizations"
    if not root.is_dir():
        raise BackupError(str(root), "is missing")
    unit_ids: set[int] = set()
    for directory in sorted(p for p in root.iterdir() if p.is_dir()):
        path = directory / "organization.json"
        data = _load_json(path)
        with _in_file(path):
            org = Organization(
                id=_int(data, "id", "$"),
                slug=_str(data, "slug", "$"),
                name=_str(data, "name", "$"),
                kind=_str(data, "kind", "$"),
                country=_str(data, "country", "$"),
                code=_str(data, "code", "$"),
            )
            if org.slug != directory.name:
                raise _Invalid("$.slug", f"is {org.slug!r}, not the folder's name")
            if org.kind not in OrganizationKind.values:
                raise _Invalid("$.kind", f"{org.kind!r} is not a kind of organisation")
            units = []
            for i, unit in enumerate(_list(data, "units", "$")):
                where = f"$.units[{i}]"
                units.append(
                    Unit(
                        id=_int(unit, "id", where),
                        organization_id=org.pk,
                        name=_str(unit, "name", where),
                    )
                )
            _unique([u.name for u in units], "$.units", "unit")
            for unit in units:
                if unit.pk in unit_ids:
                    raise _Invalid("$.units", f"unit id {unit.pk} is used twice")
                unit_ids.add(unit.pk)
            ids = _list(data, "strategies", "$")
            if not all(type(pk) is int for pk in ids):
                raise _Invalid("$.strategies", "expected a list of strategy ids")
            _unique(ids, "$.strategies", "strategy")
        plan.organizations.append(org)
        plan.units += units
        names = {u.name for u in units}
        for pk in ids:
            plan.strategies.append(
                _read_strategy(directory, pk, org, names, references)
            )
    with _in_file(root):
        _unique([o.pk for o in plan.organizations], "$", "organisation id")
        _unique([o.name for o in plan.organizations], "$", "organisation name")
        _unique([s.rows.strategy["id"] for s in plan.strategies], "$", "strategy id")


def _read_strategy(
    directory: Path,
    pk: int,
    org: Organization,
    units: set[str],
    references: _References,
) -> _StrategyFile:
    path = directory / f"strategy-{pk}.planverk.json"
    document = _load_json(path)
    with _in_file(path):
        found = problems(document, limit=1)
        if found:
            raise _Invalid(found[0].path, found[0].reason)
        _check(document["strategy"])
        if document["organization"]["name"] != org.name:
            raise _Invalid(
                "$.organization.name",
                f"is {document['organization']['name']!r}, but the file is in the "
                f"folder of {org.name!r}",
            )
        data = document["strategy"]
        references.pk(Framework, data.get("framework"), "$.strategy.framework")
        named = list(data["units"])
        for theme in data["themes"]:
            for measure in theme["measures"]:
                named += measure["proposed_by"]
        unknown = sorted(set(named) - units)
        if unknown:
            raise _Invalid(
                "$.strategy",
                f"names units that organization.json lacks: {', '.join(unknown)}",
            )
        if data.get("state") is None:
            raise _Invalid("$.strategy.state", "a backup gives every strategy's state")
    rows_path = directory / f"strategy-{pk}.rows.json"
    rows = _load_json(rows_path)
    with _in_file(rows_path):
        parsed = _parse_rows(rows, data, references)
        if parsed.strategy["id"] != pk:
            raise _Invalid("$.strategy.id", f"is not {pk}, the file's id")
    return _StrategyFile(path, org, document, parsed)


def _parse_rows(rows: Any, data: dict[str, Any], references: _References) -> _Rows:
    """Check the rows file against the document's shape; the values per model."""

    def entries(key: str, count: int, names: tuple[str, ...]) -> list[dict[str, Any]]:
        return _shaped(_list(rows, key, "$"), count, names, f"$.{key}")

    def _shaped(
        found: list[Any], count: int, names: tuple[str, ...], where: str
    ) -> list[dict[str, Any]]:
        if len(found) != count:
            raise _Invalid(where, f"has {len(found)} entries, the document {count}")
        return [
            {"id": _int(e, "id", f"{where}[{i}]")}
            | {n: _int(e, n, f"{where}[{i}]") for n in names}
            for i, e in enumerate(found)
        ]

    head = _get(rows, "strategy", (dict,), "$")
    strategy = {
        "id": _int(head, "id", "$.strategy"),
        "revision": _int(head, "revision", "$.strategy"),
        "created_at": _time(head, "created_at", "$.strategy"),
        "updated_at": _time(head, "updated_at", "$.strategy"),
    }
    queues: dict[type[models.Model], list[dict[str, Any]]] = {
        StrategyUnit: entries("units", len(data["units"]), ("position",)),
        Section: entries("sections", len(data["sections"]), ("revision", "position")),
        Decision: entries(
            "revisions", len(data["revisions"]), ("revision", "position")
        ),
        GlossaryTerm: entries("glossary", len(data["glossary"]), ("position",)),
        GoalAssessment: entries(
            "goal_assessments",
            len(data["goal_assessments"]),
            ("revision", "position"),
        ),
        ActionItem: entries("action_plan", len(data["action_plan"]), ("revision",)),
        BudgetTotal: entries("budget_totals", len(data["budget_totals"]), ()),
        Theme: [],
        Measure: [],
        MeasureUnit: [],
    }
    themes = _list(rows, "themes", "$")
    if len(themes) != len(data["themes"]):
        raise _Invalid(
            "$.themes", f"has {len(themes)} entries, the document {len(data['themes'])}"
        )
    for i, (theme, theme_data) in enumerate(zip(themes, data["themes"], strict=True)):
        where = f"$.themes[{i}]"
        area = _get(theme, "framework_area", (list, type(None)), where)
        queues[Theme].append(
            {
                "id": _int(theme, "id", where),
                "revision": _int(theme, "revision", where),
                "framework_area_id": references.pk(
                    FrameworkArea, area, f"{where}.framework_area"
                ),
            }
        )
        measures = _list(theme, "measures", where)
        queues[Measure] += _shaped(
            measures, len(theme_data["measures"]), ("revision",), f"{where}.measures"
        )
        for j, (measure, measure_data) in enumerate(
            zip(measures, theme_data["measures"], strict=True)
        ):
            mwhere = f"{where}.measures[{j}]"
            queues[MeasureUnit] += _shaped(
                _list(measure, "proposed_by", mwhere),
                len(measure_data["proposed_by"]),
                ("position",),
                f"{mwhere}.proposed_by",
            )
    for model, values in queues.items():
        _unique([v["id"] for v in values], "$", f"{model.__name__} id")
    return _Rows(strategy, queues)


def _read_accounts(folder: Path, plan: _Plan) -> None:
    path = folder / "accounts.json"
    data = _load_json(path)
    organizations = {o.slug: o for o in plan.organizations}
    units = {u.pk for u in plan.units}
    with _in_file(path):
        for i, user in enumerate(_list(data, "users", "$")):
            where = f"$.users[{i}]"
            fields: dict[str, Any] = {
                name: _get(
                    user, name, (bool,) if name.startswith("is_") else (str,), where
                )
                for name in USER_FIELDS
            }
            plan.users.append(
                User(
                    id=_int(user, "id", where),
                    date_joined=_time(user, "date_joined", where),
                    last_login=_parse_time(
                        _get(user, "last_login", (str, type(None)), where),
                        f"{where}.last_login",
                    ),
                    **fields,
                )
            )
            for j, m in enumerate(_list(user, "memberships", where)):
                mwhere = f"{where}.memberships[{j}]"
                slug = _str(m, "organization", mwhere)
                if slug not in organizations:
                    raise _Invalid(
                        f"{mwhere}.organization", f"there is no organisation {slug!r}"
                    )
                role = _str(m, "role", mwhere)
                if role not in Role.values:
                    raise _Invalid(f"{mwhere}.role", f"{role!r} is not a role")
                membership = Membership(
                    id=_int(m, "id", mwhere),
                    user_id=plan.users[-1].pk,
                    organization_id=organizations[slug].pk,
                    role=role,
                )
                plan.memberships.append(membership)
                for k, link in enumerate(_list(m, "units", mwhere)):
                    lwhere = f"{mwhere}.units[{k}]"
                    unit = _int(link, "unit", lwhere)
                    if unit not in units:
                        raise _Invalid(f"{lwhere}.unit", f"there is no unit {unit}")
                    plan.membership_units.append(
                        MembershipUnit(
                            id=_int(link, "link", lwhere),
                            membership_id=membership.pk,
                            unit_id=unit,
                        )
                    )
            for j, identity in enumerate(_list(user, "identities", where)):
                iwhere = f"{where}.identities[{j}]"
                plan.identities.append(
                    Identity(
                        id=_int(identity, "id", iwhere),
                        user_id=plan.users[-1].pk,
                        created_at=_time(identity, "created_at", iwhere),
                        last_used_at=_time(identity, "last_used_at", iwhere),
                        **{n: _str(identity, n, iwhere) for n in IDENTITY_FIELDS},
                    )
                )
        _unique([u.pk for u in plan.users], "$.users", "user id")
        _unique([u.username for u in plan.users], "$.users", "user name")
        _unique([m.pk for m in plan.memberships], "$.users", "membership id")
        _unique([m.pk for m in plan.membership_units], "$.users", "unit link id")
        _unique([i.pk for i in plan.identities], "$.users", "identity id")
        _unique(
            [(i.issuer, i.subject) for i in plan.identities],
            "$.users",
            "identity (issuer, subject)",
        )
        _read_invitations(data, plan, organizations, units)


def _read_invitations(
    data: Any, plan: _Plan, organizations: dict[str, Organization], units: set[int]
) -> None:
    users = {u.pk for u in plan.users}
    for i, invitation in enumerate(_list(data, "invitations", "$")):
        where = f"$.invitations[{i}]"
        slug = _str(invitation, "organization", where)
        if slug not in organizations:
            raise _Invalid(
                f"{where}.organization", f"there is no organisation {slug!r}"
            )
        role = _str(invitation, "role", where)
        if role not in Role.values:
            raise _Invalid(f"{where}.role", f"{role!r} is not a role")
        people: dict[str, int | None] = {}
        for name in INVITATION_PEOPLE:
            pk = _get(invitation, name, (int, type(None)), where)
            if pk is not None and pk not in users:
                raise _Invalid(f"{where}.{name}", f"there is no user {pk}")
            people[f"{name}_id"] = pk
        times = {
            name: _parse_time(
                _get(invitation, name, (str, type(None)), where), f"{where}.{name}"
            )
            for name in INVITATION_TIMES
        }
        for name in ("created_at", "expires_at"):
            if times[name] is None:
                raise _Invalid(f"{where}.{name}", "may not be null")
        token = _str(invitation, "token_hash", where)
        if len(token) != 64:
            raise _Invalid(f"{where}.token_hash", "is not a SHA-256 hash")
        obj = Invitation(
            id=_int(invitation, "id", where),
            organization_id=organizations[slug].pk,
            email=_str(invitation, "email", where),
            role=role,
            token_hash=token,
            **people,
            **times,
        )
        plan.invitations.append(obj)
        for k, link in enumerate(_list(invitation, "units", where)):
            lwhere = f"{where}.units[{k}]"
            unit = _int(link, "unit", lwhere)
            if unit not in units:
                raise _Invalid(f"{lwhere}.unit", f"there is no unit {unit}")
            plan.invitation_units.append(
                InvitationUnit(
                    id=_int(link, "link", lwhere), invitation_id=obj.pk, unit_id=unit
                )
            )
    _unique([i.pk for i in plan.invitations], "$.invitations", "invitation id")
    _unique([i.token_hash for i in plan.invitations], "$.invitations", "token hash")
    _unique([u.pk for u in plan.invitation_units], "$.invitations", "unit link id")


def _read_history(folder: Path, plan: _Plan, references: _References) -> None:
    path = folder / "history.json"
    data = _load_json(path)
    known = {m._meta.label: m for m in history_models()}
    users = {u.pk for u in plan.users}
    with _in_file(path):
        tables = _get(data, "tables", (dict,), "$")
        for label in sorted(tables):
            if label not in known:
                raise _Invalid(f"$.tables.{label}", "is not a history table of ours")
            model = known[label]
            where = f"$.tables[{label!r}]"
            names = _list(tables[label], "fields", where)
            fields = {f.attname: f for f in model._meta.concrete_fields}
            unknown = [n for n in names if n not in fields]
            if unknown:
                raise _Invalid(f"{where}.fields", f"unknown columns {unknown}")
            if model._meta.pk.attname not in names:
                raise _Invalid(f"{where}.fields", "the row id is missing")
            decoders = [_decoder(fields[n], references) for n in names]
            objs = []
            for i, row in enumerate(_list(tables[label], "rows", where)):
                rwhere = f"{where}.rows[{i}]"
                if not isinstance(row, list) or len(row) != len(names):
                    raise _Invalid(rwhere, f"expected {len(names)} values")
                values = {
                    name: decode(value, f"{rwhere}[{k}] ({name})")
                    for k, (name, decode, value) in enumerate(
                        zip(names, decoders, row, strict=True)
                    )
                }
                user = values.get("history_user_id")
                if user is not None and user not in users:
                    raise _Invalid(
                        rwhere, f"names user {user}, whom accounts.json lacks"
                    )
                objs.append(model(**values))
            plan.history.append((model, objs))


def _decoder(
    model_field: models.Field[Any, Any], references: _References
) -> Callable[[Any, str], Any]:
    related = model_field.related_model
    if related in references.back:
        return lambda value, where: references.pk(related, value, where)

    def decode(value: Any, where: str) -> Any:
        if value is None:
            if not model_field.null:
                raise _Invalid(where, "may not be null")
            return None
        if isinstance(model_field, models.DateTimeField):
            return _parse_time(value, where)
        if isinstance(model_field, models.JSONField):
            return value
        try:
            return model_field.to_python(value)
        except ValidationError as e:
            raise _Invalid(where, "; ".join(e.messages)) from None

    return decode
