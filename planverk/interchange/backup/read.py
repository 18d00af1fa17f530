"""Reading a backup folder: every file parsed and checked, nothing written.

Each file is checked in three steps, and a refusal names the file and the line
(broken JSON) or the JSON path (anything else):

1. it is JSON, and not nested deeper than any of ours (files.py);
2. it fits its JSON Schema: ``schemas/<name>.schema.json`` for our own files,
   planverk/1's schema and load.py's ``check_document`` for the strategies;
3. what no schema of one file can say is checked here (history.json's columns
   and values in history.py): that the files agree
   (the manifest's counts, the organisations, units and users they name, the
   rows file's entries against its document's parts, unique ids), and that the
   values fit the models (kinds, roles, the history's columns and values) and
   this database (the national agendas it has).

``read`` returns the Plan that store.py writes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.db import models

from planverk.accounts.models import Identity, Invitation
from planverk.format.schema import problems
from planverk.frameworks.models import Framework, FrameworkArea
from planverk.interchange.backup.agendas import References
from planverk.interchange.backup.files import (
    check_schema,
    load_json,
    timestamp,
    unique,
)
from planverk.interchange.backup.history import read_history
from planverk.interchange.backup.layout import (
    ACCOUNTS,
    FORMAT,
    IDENTITY_FIELDS,
    INVITATION_PEOPLE,
    INVITATION_TIMES,
    MANIFEST,
    ORGANIZATION,
    ORGANIZATIONS,
    USER_FIELDS,
    VERSION,
    BackupError,
    InvitationUnit,
    MembershipUnit,
    User,
    in_file,
    rows_file,
    strategy_file,
)
from planverk.interchange.backup.plan import Plan, Rows, StrategyFile
from planverk.interchange.load import check_document
from planverk.interchange.load_plans import plan_unit_names
from planverk.organizations.models import (
    HistoryAttribution,
    Membership,
    Organization,
    OrganizationKind,
    PreviousSlug,
    Role,
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
    StrategyUnit,
    Theme,
)


def read(folder: Path) -> Plan:
    """Every file of the backup in *folder*, parsed and checked; nothing is written."""
    if not folder.is_dir():
        raise BackupError("is not a folder", file=str(folder))
    manifest_path = folder / MANIFEST
    manifest = load_json(manifest_path)
    with in_file(manifest_path):
        _check_version(manifest)
        check_schema(manifest, "manifest")
    references = References()
    plan = Plan()

    def compare(*kinds: str) -> None:
        """A missing file is named by the manifest, before what misses it fails."""
        found = plan.counts()
        with in_file(manifest_path):
            for kind in kinds:
                if manifest["counts"].get(kind) != found[kind]:
                    raise BackupError(
                        f"says {manifest['counts'].get(kind)}, but the folder holds "
                        f"{found[kind]}: is the backup complete?",
                        path=f"$.counts.{kind}",
                    )

    _read_organizations(folder, plan, references)
    compare("organizations", "units", "strategies")
    _read_accounts(folder, plan)
    compare("users", "memberships", "identities", "invitations")
    read_history(folder, plan, references)
    with in_file(manifest_path):
        history = {model._meta.label: len(rows) for model, rows in plan.history}
        if manifest["history"] != history:
            raise BackupError(
                "does not match the rows in history.json", path="$.history"
            )
    return plan


def _check_version(manifest: Any) -> None:
    """Before the schema, which a backup of another version need not fit."""
    if not isinstance(manifest, dict):
        return  # the schema says what it should be
    found = manifest.get("format")
    if isinstance(found, str) and found != FORMAT:
        raise BackupError(f"is not {FORMAT!r}: not a Planverk backup", path="$.format")
    version = manifest.get("version")
    if type(version) is int and version != VERSION:
        raise BackupError(
            f"this Planverk reads version {VERSION}, not {version}", path="$.version"
        )


def _read_organizations(folder: Path, plan: Plan, references: References) -> None:
    root = folder / ORGANIZATIONS
    if not root.is_dir():
        raise BackupError("is missing", file=str(root))
    unit_ids: set[int] = set()
    for directory in sorted(p for p in root.iterdir() if p.is_dir()):
        path = directory / ORGANIZATION
        data = load_json(path)
        with in_file(path):
            check_schema(data, "organization")
            if data["slug"] != directory.name:
                raise BackupError(
                    f"is {data['slug']!r}, not the folder's name", path="$.slug"
                )
            if data["kind"] not in OrganizationKind.values:
                raise BackupError(
                    f"{data['kind']!r} is not a kind of organisation", path="$.kind"
                )
            if data["history_attribution"] not in HistoryAttribution.values:
                raise BackupError(
                    f"{data['history_attribution']!r} is not a way of naming people",
                    path="$.history_attribution",
                )
            plan.previous_slugs += [
                PreviousSlug(
                    id=p["id"],
                    organization_id=data["id"],
                    slug=p["slug"],
                    replaced_at=timestamp(
                        p["replaced_at"], f"$.previous_slugs[{i}].replaced_at"
                    ),
                )
                for i, p in enumerate(data["previous_slugs"])
            ]
            unique([u["name"] for u in data["units"]], "$.units", "unit")
            for unit in data["units"]:
                if unit["id"] in unit_ids:
                    raise BackupError(
                        f"unit id {unit['id']} is used twice", path="$.units"
                    )
                unit_ids.add(unit["id"])
            _parents(data["units"])
        org = Organization(
            **{
                k: data[k]
                for k in (
                    "id",
                    "slug",
                    "name",
                    "kind",
                    "country",
                    "code",
                    "history_attribution",
                )
            }
        )

        units = [
            Unit(
                id=u["id"],
                organization_id=org.pk,
                name=u["name"],
                parent_id=u["parent"],
                active=u["active"],
            )
            for u in data["units"]
        ]
        plan.organizations.append(org)
        plan.units += units
        names = {u.name for u in units}
        for pk in data["strategies"]:
            plan.strategies.append(
                _read_strategy(directory, pk, org, names, references)
            )
    with in_file(root):
        unique([o.pk for o in plan.organizations], "$", "organisation id")
        unique([o.name for o in plan.organizations], "$", "organisation name")
        unique([p.pk for p in plan.previous_slugs], "$", "previous slug id")
        unique(
            [o.slug for o in plan.organizations]
            + [p.slug for p in plan.previous_slugs],
            "$",
            "slug (current or previous)",
        )
        unique([s.rows.strategy["id"] for s in plan.strategies], "$", "strategy id")
    _versions(plan.strategies)


def _parents(units: list[dict[str, Any]]) -> None:
    """Each unit's parent is another unit of the same organisation."""
    ids = {u["id"] for u in units}
    for i, unit in enumerate(units):
        parent = unit["parent"]
        if parent is not None and (parent not in ids or parent == unit["id"]):
            raise BackupError(
                f"there is no other unit {parent} in this organisation",
                path=f"$.units[{i}].parent",
            )


def _versions(strategies: list[StrategyFile]) -> None:
    """The versions a strategy was revised from and its decisions approved are
    strategies of the backup."""
    ids = {s.rows.strategy["id"] for s in strategies}
    for item in strategies:
        path = rows_file(item.path.parent, item.rows.strategy["id"])
        revised_from = item.rows.strategy["revised_from_id"]
        if revised_from is not None and revised_from not in ids:
            raise BackupError(
                f"there is no strategy {revised_from}",
                file=str(path),
                path="$.strategy.revised_from",
            )
        plans = {p["id"] for p in item.rows.queues[ActionPlan]}
        for i, decision in enumerate(item.rows.queues[Decision]):
            approves = decision["approves_id"]
            if approves is not None and approves not in ids:
                raise BackupError(
                    f"there is no strategy {approves}",
                    file=str(path),
                    path=f"$.revisions[{i}].approves",
                )
            approves_plan = decision["approves_plan_id"]
            if approves_plan is not None and approves_plan not in plans:
                raise BackupError(
                    f"the strategy has no action plan {approves_plan}",
                    file=str(path),
                    path=f"$.revisions[{i}].approves_plan",
                )


def _read_strategy(
    directory: Path,
    pk: int,
    org: Organization,
    units: set[str],
    references: References,
) -> StrategyFile:
    path = strategy_file(directory, pk)
    document = load_json(path)
    with in_file(path):
        found = problems(document, limit=1)
        if found:
            raise BackupError(found[0].message, path=found[0].path)
        check_document(document)
        if document["organization"]["name"] != org.name:
            raise BackupError(
                f"is {document['organization']['name']!r}, but the file is in the "
                f"folder of {org.name!r}",
                path="$.organization.name",
            )
        data = document["strategy"]
        references.pk(Framework, data.get("framework"), "$.strategy.framework")
        named = list(data["units"])
        for theme in data["themes"]:
            for measure in theme["measures"]:
                named += measure["proposed_by"]
        named += plan_unit_names(data)
        unknown = sorted(set(named) - units)
        if unknown:
            raise BackupError(
                f"names units that organization.json lacks: {', '.join(unknown)}",
                path="$.strategy",
            )
        if data.get("state") is None:
            raise BackupError(
                "a backup gives every strategy's state", path="$.strategy.state"
            )
    path_of_rows = rows_file(directory, pk)
    rows = load_json(path_of_rows)
    with in_file(path_of_rows):
        check_schema(rows, "rows")
        parsed = _parse_rows(rows, data, references)
        if parsed.strategy["id"] != pk:
            raise BackupError(f"is not {pk}, the file's id", path="$.strategy.id")
    return StrategyFile(path, org, document, parsed)


def _parse_rows(rows: Any, data: dict[str, Any], references: References) -> Rows:
    """The rows file, checked against the document's parts: the values per model."""

    def shaped(
        found: list[dict[str, Any]], count: int, names: tuple[str, ...], where: str
    ) -> list[dict[str, Any]]:
        if len(found) != count:
            raise BackupError(
                f"has {len(found)} entries, the document {count}", path=where
            )
        return [{"id": e["id"]} | {n: e[n] for n in names} for e in found]

    def entries(key: str, names: tuple[str, ...]) -> list[dict[str, Any]]:
        return shaped(rows[key], len(data[key]), names, f"$.{key}")

    head = rows["strategy"]
    strategy = {
        "id": head["id"],
        "lineage": head["lineage"],
        "revised_from_id": head["revised_from"],
        "revision": head["revision"],
        "created_at": timestamp(head["created_at"], "$.strategy.created_at"),
        "updated_at": timestamp(head["updated_at"], "$.strategy.updated_at"),
    }
    queues: dict[type[models.Model], list[dict[str, Any]]] = {
        StrategyUnit: entries("units", ("position",)),
        Section: entries("sections", ("revision", "position")),
        Decision: [
            # The approved version by id, as the model's column is named.
            {
                (f"{name}_id" if name.startswith("approves") else name): v
                for name, v in e.items()
            }
            for e in entries(
                "revisions", ("revision", "position", "approves", "approves_plan")
            )
        ],
        GlossaryTerm: entries("glossary", ("position",)),
        GoalAssessment: entries("goal_assessments", ("revision", "position")),
        ActionItem: entries("action_plan", ("revision",)),
        BudgetTotal: entries("budget_totals", ()),
        Theme: [],
        Measure: [],
        MeasureUnit: [],
    }
    themes = shaped(rows["themes"], len(data["themes"]), (), "$.themes")
    for i, theme_data in enumerate(data["themes"]):
        where = f"$.themes[{i}]"
        theme = rows["themes"][i]
        area = references.pk(
            FrameworkArea, theme["framework_area"], f"{where}.framework_area"
        )
        queues[Theme].append(
            {**themes[i], "revision": theme["revision"], "framework_area_id": area}
        )
        queues[Measure] += shaped(
            theme["measures"],
            len(theme_data["measures"]),
            ("revision",),
            f"{where}.measures",
        )
        for j, measure_data in enumerate(theme_data["measures"]):
            queues[MeasureUnit] += shaped(
                theme["measures"][j]["proposed_by"],
                len(measure_data["proposed_by"]),
                ("position",),
                f"{where}.measures[{j}].proposed_by",
            )
    queues.update(_plan_rows(rows["action_plans"], data.get("action_plans", [])))
    for model, values in queues.items():
        unique([v["id"] for v in values], "$", f"{model.__name__} id")
    return Rows(strategy, queues)


def _plan_rows(
    rows: list[dict[str, Any]], plans: list[dict[str, Any]]
) -> dict[type[models.Model], list[dict[str, Any]]]:
    """The rows of the action plans, checked against the document's, per model."""

    def ids(found: list[int], count: int, where: str) -> list[dict[str, Any]]:
        if len(found) != count:
            raise BackupError(
                f"has {len(found)} entries, the document {count}", path=where
            )
        return [{"id": pk} for pk in found]

    if len(rows) != len(plans):
        raise BackupError(
            f"has {len(rows)} entries, the document {len(plans)}", path="$.action_plans"
        )
    queues: dict[type[models.Model], list[dict[str, Any]]] = {
        ActionPlan: [],
        PlanAction: [],
        ActionMeasure: [],
        ActionBudget: [],
        Spending: [],
    }
    for i, (row, plan) in enumerate(zip(rows, plans, strict=True)):
        where = f"$.action_plans[{i}]"
        queues[ActionPlan].append(
            {
                "id": row["id"],
                "revision": row["revision"],
                "position": row["position"],
                "created_at": timestamp(row["created_at"], f"{where}.created_at"),
            }
        )
        ids([a["id"] for a in row["actions"]], len(plan["actions"]), f"{where}.actions")
        for j, (entry, action) in enumerate(
            zip(row["actions"], plan["actions"], strict=True)
        ):
            at = f"{where}.actions[{j}]"
            queues[PlanAction].append(
                {"id": entry["id"], "revision": entry["revision"]}
            )
            queues[ActionMeasure] += ids(
                entry["measures"], len(action["measures"]), f"{at}.measures"
            )
            queues[ActionBudget] += ids(
                entry["budget"], len(action["budget"]), f"{at}.budget"
            )
            queues[Spending] += ids(
                entry["spending"], len(action["spending"]), f"{at}.spending"
            )
    return queues


def _read_accounts(folder: Path, plan: Plan) -> None:
    path = folder / ACCOUNTS
    data = load_json(path)
    organizations = {o.slug: o for o in plan.organizations}
    units = {u.pk for u in plan.units}
    with in_file(path):
        check_schema(data, "accounts")
        for i, user in enumerate(data["users"]):
            where = f"$.users[{i}]"
            plan.users.append(
                User(
                    id=user["id"],
                    date_joined=timestamp(user["date_joined"], f"{where}.date_joined"),
                    last_login=timestamp(user["last_login"], f"{where}.last_login"),
                    **{name: user[name] for name in USER_FIELDS},
                )
            )
            for j, m in enumerate(user["memberships"]):
                mwhere = f"{where}.memberships[{j}]"
                membership = Membership(
                    id=m["id"],
                    user_id=user["id"],
                    organization_id=_organization(m, organizations, mwhere).pk,
                    role=_role(m, mwhere),
                )
                plan.memberships.append(membership)
                plan.membership_units += [
                    MembershipUnit(id=link, membership_id=m["id"], unit_id=unit)
                    for link, unit in _links(m["units"], units, f"{mwhere}.units")
                ]
            for j, identity in enumerate(user["identities"]):
                iwhere = f"{where}.identities[{j}]"
                plan.identities.append(
                    Identity(
                        id=identity["id"],
                        user_id=user["id"],
                        created_at=timestamp(
                            identity["created_at"], f"{iwhere}.created_at"
                        ),
                        last_used_at=timestamp(
                            identity["last_used_at"], f"{iwhere}.last_used_at"
                        ),
                        **{n: identity[n] for n in IDENTITY_FIELDS},
                    )
                )
        unique([u.pk for u in plan.users], "$.users", "user id")
        unique([u.username for u in plan.users], "$.users", "user name")
        unique([m.pk for m in plan.memberships], "$.users", "membership id")
        unique([m.pk for m in plan.membership_units], "$.users", "unit link id")
        unique([i.pk for i in plan.identities], "$.users", "identity id")
        unique(
            [(i.issuer, i.subject) for i in plan.identities],
            "$.users",
            "identity (issuer, subject)",
        )
        _read_invitations(data["invitations"], plan, organizations, units)


def _read_invitations(
    invitations: list[dict[str, Any]],
    plan: Plan,
    organizations: dict[str, Organization],
    units: set[int],
) -> None:
    users = {u.pk for u in plan.users}
    for i, invitation in enumerate(invitations):
        where = f"$.invitations[{i}]"
        organization = _organization(invitation, organizations, where)
        role = _role(invitation, where)
        people: dict[str, int | None] = {}
        for name in INVITATION_PEOPLE:
            pk = invitation[name]
            if pk is not None and pk not in users:
                raise BackupError(f"there is no user {pk}", path=f"{where}.{name}")
            people[f"{name}_id"] = pk
        times = {
            name: timestamp(invitation[name], f"{where}.{name}")
            for name in INVITATION_TIMES
        }
        plan.invitations.append(
            Invitation(
                id=invitation["id"],
                organization_id=organization.pk,
                email=invitation["email"],
                role=role,
                token_hash=invitation["token_hash"],
                **people,
                **times,
            )
        )
        plan.invitation_units += [
            InvitationUnit(id=link, invitation_id=invitation["id"], unit_id=unit)
            for link, unit in _links(invitation["units"], units, f"{where}.units")
        ]
    unique([i.pk for i in plan.invitations], "$.invitations", "invitation id")
    unique([i.token_hash for i in plan.invitations], "$.invitations", "token hash")
    unique([u.pk for u in plan.invitation_units], "$.invitations", "unit link id")


def _organization(
    data: dict[str, Any], organizations: dict[str, Organization], where: str
) -> Organization:
    slug = data["organization"]
    if slug not in organizations:
        raise BackupError(
            f"there is no organisation {slug!r}", path=f"{where}.organization"
        )
    return organizations[slug]


def _role(data: dict[str, Any], where: str) -> str:
    role: str = data["role"]
    if role not in Role.values:
        raise BackupError(f"{role!r} is not a role", path=f"{where}.role")
    return role


def _links(
    links: list[dict[str, int]], units: set[int], where: str
) -> list[tuple[int, int]]:
    """A membership's or invitation's unit links as (link id, unit id)."""
    for k, link in enumerate(links):
        if link["unit"] not in units:
            raise BackupError(
                f"there is no unit {link['unit']}", path=f"{where}[{k}].unit"
            )
    return [(link["link"], link["unit"]) for link in links]
