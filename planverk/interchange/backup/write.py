"""``planverk backup DIR``: the database, read in one snapshot, to a new folder.

What the folder holds and why is in layout.py.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from django.db import DatabaseError, connection, transaction

from planverk.accounts.models import Identity, Invitation
from planverk.frameworks.models import FrameworkArea
from planverk.interchange.backup.agendas import References
from planverk.interchange.backup.history import write_history
from planverk.interchange.backup.layout import (
    ACCOUNTS,
    FORMAT,
    HISTORY,
    IDENTITY_FIELDS,
    INVITATION_PEOPLE,
    INVITATION_TIMES,
    MANIFEST,
    ORGANIZATION,
    ORGANIZATIONS,
    PRIVATE_FILE,
    PRIVATE_FOLDER,
    USER_FIELDS,
    VERSION,
    BackupError,
    InvitationUnit,
    MembershipUnit,
    User,
    line,
    rows_file,
    strategy_file,
    text,
    when,
)
from planverk.interchange.dump import dump, load_for_dump, to_json
from planverk.interchange.dump_plans import known_measures, plans_in_order, served
from planverk.organizations.models import (
    Membership,
    Organization,
    PreviousSlug,
    Unit,
)
from planverk.strategies.models import Strategy


def backup(folder: Path) -> dict[str, int]:
    """Write all Planverk data to *folder* (new, or an empty directory); returns counts.

    The files are written beside it first and moved into place at the end, so a
    failed backup leaves no half-written folder. Its folders and files are the
    owner's alone (PRIVATE_FOLDER, PRIVATE_FILE), whatever the umask.
    """
    folder = Path(folder)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise BackupError("exists and is not an empty folder", file=str(folder))
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
            f"cannot read the database ({e}); is it migrated?", file=str(folder)
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
    references = References()
    counts: dict[str, int] = {}
    organizations = list(Organization.objects.order_by("slug"))
    units: dict[int, list[Unit]] = {}
    for unit in Unit.objects.order_by("pk"):
        units.setdefault(unit.organization_id, []).append(unit)
    previous: dict[int, list[PreviousSlug]] = {}
    for old in PreviousSlug.objects.order_by("pk"):
        previous.setdefault(old.organization_id, []).append(old)
    strategies: dict[int, list[int]] = {}
    for pk, owner in Strategy.objects.order_by("pk").values_list("pk", "organization"):
        strategies.setdefault(owner, []).append(pk)
    _private_folder(folder / ORGANIZATIONS)
    for org in organizations:
        where = folder / ORGANIZATIONS / org.slug
        _private_folder(where)
        _write_private(
            where / ORGANIZATION,
            text(
                {
                    "id": org.pk,
                    "slug": org.slug,
                    "name": org.name,
                    "kind": org.kind,
                    "country": org.country,
                    "code": org.code,
                    "history_attribution": org.history_attribution,
                    "previous_slugs": [
                        {"id": p.pk, "slug": p.slug, "replaced_at": when(p.replaced_at)}
                        for p in previous.get(org.pk, [])
                    ],
                    "units": [
                        {
                            "id": u.pk,
                            "name": u.name,
                            "parent": u.parent_id,
                            "active": u.active,
                        }
                        for u in units.get(org.pk, [])
                    ],
                    "strategies": strategies.get(org.pk, []),
                }
            ),
        )
        for pk in strategies.get(org.pk, []):
            strategy = load_for_dump(pk)
            document = dump(strategy)
            # PostgreSQL's jsonb keeps no key order; sorted, both databases agree.
            document["import_report"] = json.loads(line(document["import_report"]))
            _write_private(strategy_file(where, pk), to_json(document))
            _write_private(rows_file(where, pk), text(_rows(strategy, references)))
    counts["organizations"] = len(organizations)
    counts["units"] = sum(map(len, units.values()))
    counts["strategies"] = sum(map(len, strategies.values()))
    accounts = _accounts()
    _write_private(folder / ACCOUNTS, text(accounts))
    counts["users"] = len(accounts["users"])
    counts["memberships"] = sum(len(u["memberships"]) for u in accounts["users"])
    counts["identities"] = sum(len(u["identities"]) for u in accounts["users"])
    counts["invitations"] = len(accounts["invitations"])
    with _private_file(folder / HISTORY) as out:
        history = write_history(out, references)
    manifest = {
        "format": FORMAT,
        "version": VERSION,
        "counts": counts,
        "history": history,
    }
    _write_private(folder / MANIFEST, text(manifest))
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


def _write_private(path: Path, content: str) -> None:
    with _private_file(path) as out:
        out.write(content)


def _rows(strategy: Strategy, references: References) -> dict[str, Any]:
    """The bookkeeping of *strategy* in the order dump() writes its parts."""

    def part(obj: Any, *names: str) -> dict[str, Any]:
        return {"id": obj.pk, **{n: getattr(obj, n) for n in names}}

    areas = references.out[FrameworkArea]
    measures = known_measures(strategy)
    return {
        "strategy": {
            "id": strategy.pk,
            "lineage": strategy.lineage,
            "revised_from": strategy.revised_from_id,
            "revision": strategy.revision,
            "created_at": when(strategy.created_at),
            "updated_at": when(strategy.updated_at),
        },
        "units": [part(link, "position") for link in strategy.strategyunit_set.all()],
        "sections": [part(s, "revision", "position") for s in strategy.sections.all()],
        "revisions": [
            {
                **part(r, "revision", "position"),
                "approves": r.approves_id,
                "approves_plan": r.approves_plan_id,
            }
            for r in strategy.decisions.all()
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
        "action_plans": [
            {
                **part(plan, "revision", "position"),
                "created_at": when(plan.created_at),
                "actions": [
                    {
                        **part(action, "revision"),
                        "measures": [m.pk for m in served(action, measures)],
                        "budget": [b.pk for b in action.budgets.all()],
                        "spending": [s.pk for s in action.spending.all()],
                    }
                    for action in plan.actions.all()
                ],
            }
            for plan in plans_in_order(strategy)
        ],
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
                "created_at": when(identity.created_at),
                "last_used_at": when(identity.last_used_at),
            }
        )
    users = []
    for user in User.objects.order_by("pk"):
        users.append(
            {
                "id": user.pk,
                **{name: getattr(user, name) for name in USER_FIELDS},
                "date_joined": when(user.date_joined),
                "last_login": when(user.last_login),
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
            **{name: when(getattr(i, name)) for name in INVITATION_TIMES},
        }
        for i in Invitation.objects.select_related("organization").order_by("pk")
    ]
