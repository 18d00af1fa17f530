"""A backup: all of Planverk's own data as a folder of JSON files.

``planverk backup DIR`` writes a new folder, ``planverk restore DIR`` reads it back::

    manifest.json        format ("planverk-backup", version 6: strategies carry
                         their lineage and the version each was revised from,
                         decisions the version and action plan they approved,
                         units their parent and whether they are active;
                         strategies their action plans) and the counts below
    accounts.json        users (password hashes included) with their memberships
                         and sign-in identities (OpenID Connect issuer and
                         subject), and every invitation: pending, accepted,
                         withdrawn or expired (its token's hash, role and units)
    history.json         every django-simple-history row of every model, one per line
    organizations/<slug>/organization.json
                         the organisation (with how its public history names people),
                         its units (each with its parent unit and whether it is
                         active), the slugs it had (which redirect to it) and
                         the ids of its strategies
    organizations/<slug>/strategy-<id>.planverk.json
                         each strategy version as planverk/1, in full: exempt parts,
                         the parts' stable keys and the import report included
                         (``dump`` for the operator)
    organizations/<slug>/strategy-<id>.rows.json
                         what planverk/1 does not carry, in the document's order:
                         row ids, edit revisions, positions, timestamps, the
                         strategy's lineage and the version it was revised from,
                         the version and action plan each decision approved,
                         and the action plans' rows (their actions, the measures
                         they serve, budgets and spending)

Each file of our own has a JSON Schema beside this module
(``schemas/<file>.schema.json``); planverk/1 has its own
(planverk/format/planverk-1.schema.json).

Why this shape:

* Strategies travel as planverk/1, so a backup is readable and each file also
  imports on its own (``planverk import``). Restore checks them as an import does
  (the schema, then load.py's ``check_document``) and stores them through load.py's
  ``Loader``, with a writer that puts back the ids and counters of the rows file
  and writes no new history.
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
(django-axes). Only backups of this version are read; older ones are
refused: version 1 was written before sign-in identities and invitations were
carried, version 3 before organisations' previous slugs and history naming,
version 4 before the parts' keys, the strategies' lineages, the versions
decisions approved and the units' parents.

Restore reads and checks every file before it writes anything, then writes in
one transaction: all of it or nothing. It refuses a database that already holds
Planverk data (organisations, units, strategies, users, memberships, sign-in
identities, invitations, history) unless *replace* is given; that data is then
deleted in the same transaction, and with it every session, so that no one
stays signed in as a user the backup replaced.

This module holds what the writing (write.py), the reading (read.py) and the
storing (store.py) share: the names, the tables carried, how our files are
written, and the error that names the file.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.db import DatabaseError, models

from planverk.accounts.models import Identity, Invitation
from planverk.lib.located import Located
from planverk.organizations.models import (
    Membership,
    Organization,
    PreviousSlug,
    Unit,
)
from planverk.strategies.models import (
    ActionBudget,
    ActionItem,
    ActionMeasure,
    ActionPlan,
    BudgetTotal,
    Decision,
    GlossaryTerm,
    GoalAssessment,
    Measure,
    MeasureUnit,
    PlanAction,
    Section,
    Spending,
    Strategy,
    StrategyUnit,
    Theme,
)

FORMAT = "planverk-backup"
VERSION = 6

# The folder's files.
MANIFEST = "manifest.json"
ACCOUNTS = "accounts.json"
HISTORY = "history.json"
ORGANIZATIONS = "organizations"
ORGANIZATION = "organization.json"  # in organizations/<slug>/


def strategy_file(directory: Path, pk: int) -> Path:
    """A strategy version as planverk/1, in its organisation's *directory*."""
    return directory / f"strategy-{pk}.planverk.json"


def rows_file(directory: Path, pk: int) -> Path:
    """What planverk/1 does not carry of a strategy version: ids, counters, times."""
    return directory / f"strategy-{pk}.rows.json"


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
    PreviousSlug,
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
    ActionPlan,
    PlanAction,
    ActionMeasure,
    ActionBudget,
    Spending,
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


# The columns of accounts.json beside ids, times and what is nested.
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


class BackupError(Located):
    """A backup that cannot be written or restored; names the file and, where
    known, the line or the JSON path in it."""


class DatabaseRefused(BackupError):
    """The database cannot take a restore as it is: it holds data, or has no tables."""


@contextlib.contextmanager
def in_file(path: Path) -> Iterator[None]:
    """Errors met while reading or storing *path* name it: a located one (a JSON
    path, a document the loader refuses) as a BackupError naming the file too."""
    try:
        yield
    except Located as e:
        if e.file is not None:
            raise  # names its file already
        raise BackupError.of(e, file=str(path)) from None
    except DatabaseError as e:
        raise BackupError(f"the database refused it: {e}", file=str(path)) from e


def text(data: Any) -> str:
    """Our own files: sorted keys, two-space indent, UTF-8 as is, final newline."""
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def line(data: Any) -> str:
    """One value on one line, keys sorted (a history row, a jsonb value)."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def when(value: dt.datetime | None) -> str | None:
    """A timestamp in UTC with every microsecond: restored, it compares equal."""
    return None if value is None else value.astimezone(dt.UTC).isoformat()
