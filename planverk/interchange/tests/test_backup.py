"""planverk backup / restore: the same bytes after a round trip, all or nothing, refusals."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.test import Client
from django.utils import timezone

from planverk.accounts import actions
from planverk.accounts.identity import user_for_sign_in
from planverk.accounts.models import Identity, Invitation, UserSession, token_hash
from planverk.format.agendas import read_framework
from planverk.frameworks.loading import load_framework
from planverk.frameworks.models import Framework
from planverk.importers import parse
from planverk.interchange.backup import LIVE, SIGN_IN, history_models, store
from planverk.interchange.load import load
from planverk.organizations.models import Membership, Organization, Role, Unit
from planverk.strategies.actions import editing
from planverk.strategies.models import (
    ActionItem,
    Decision,
    GoalAssessment,
    Measure,
    PendingImport,
    Section,
    Strategy,
    Theme,
)
from planverk.strategies.tests.editing_setup import Draft, make_draft
from planverk.strategies.timeline import assessment_timeline, measure_timeline
from planverk.testing import make_member, make_personas, make_strategy, make_user
from planverk.testing import row_counts as planverk_rows

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("national_agenda"),
]

REASON = "Alle sider oppfyller kravene"
IDPORTEN = "https://idporten.example.no"
FEIDE = "https://auth.feide.example.no"


@dataclass
class Data:
    draft: Draft
    approved: Strategy  # a second version of the draft's organisation
    token: str  # the link of a pending invitation to a unit editor's role


def populate() -> Data:
    """Three organisations, several versions, exempt parts, every role, real edits."""
    draft = make_draft()  # Fjordvik (draft, the personas) and the outsider's "Nabo"
    approved = make_strategy("approved")
    make_strategy("approved", org=draft.outsider.memberships.get().organization.name)
    org = draft.strategy.organization
    units = {u.name: u for u in Unit.objects.filter(organization=org)}
    make_member(
        "to-enheter", org, Role.UNIT_EDITOR, [units["IKT-tjenesten"], units["Arkiv"]]
    )
    empty = Organization.objects.create(name="Tomvik fylkeskommune", kind="county")
    Unit.objects.create(organization=empty, name="Sentraladministrasjonen")
    make_member("tomvik-leser", empty, Role.READER)
    make_user("sluttet", is_active=False, first_name="Ola", last_name="Nordmann")
    # A slug given up (it redirects), and a history that names units.
    moved = Organization.objects.create(
        name="Liøy kommune", slug="liy-kommune", kind="municipality"
    )
    moved.slug = "lioy-kommune"
    moved.save()
    actions.set_history_attribution(org, "unit", user=draft.editor)
    make_strategy("superseded", org="Tomvik fylkeskommune").delete()  # history only
    editing.set_assessment_level(
        draft.goal, "achieved", reason=REASON, loaded_revision=1, user=draft.editor
    )
    editing.update_measure(
        draft.measure,
        {"objective": "Nytt mål", "units": [units["Arkiv"], units["Helse- og omsorg"]]},
        loaded_revision=1,
        user=draft.unit_editor,
        reason="Arkiv tar over",
    )
    editing.update_action_item_amount(
        draft.item, 450000, loaded_revision=1, user=draft.editor, reason="Nytt tilbud"
    )
    # Sign-in: people known by their providers' issuer and subject ...
    Identity.objects.create(
        user=draft.editor, provider="idporten", issuer=IDPORTEN, subject="idp-editor"
    )
    Identity.objects.create(
        user=draft.editor, provider="feide", issuer=FEIDE, subject="feide-editor"
    )
    joined = user_for_sign_in(
        provider="feide", issuer=FEIDE, claims={"sub": "feide-ny", "name": "Kari"}
    )
    # ... and invitations: pending (with units), accepted, withdrawn.
    _, token = actions.invite(
        org,
        user=draft.editor,
        email="enhet@example.no",
        role=Role.UNIT_EDITOR,
        units=[units["Arkiv"], units["IKT-tjenesten"]],
    )
    accepted, _ = actions.invite(
        org, user=draft.editor, email="kari@example.no", role=Role.READER
    )
    actions.accept(accepted, user=joined)
    withdrawn, _ = actions.invite(
        org, user=draft.editor, email="feil@example.no", role=Role.EDITOR
    )
    actions.withdraw(withdrawn, user=draft.editor)
    # Versions: the draft revises the approved one, which a decision approved;
    # units in a tree, one of them deactivated.
    Strategy.objects.filter(pk=draft.strategy.pk).update(
        lineage=approved.lineage, revised_from=approved
    )
    approved.decisions.filter(position=0).update(approves=approved)
    Unit.objects.filter(pk=units["Arkiv"].pk).update(parent=units["IKT-tjenesten"])
    Unit.objects.filter(pk=units["Helse- og omsorg"].pk).update(active=False)
    return Data(draft, approved, token)


def row_counts() -> dict[str, int]:
    """Rows in every table of ours, the sign-in ones (accounts) included."""
    return planverk_rows() | {
        m._meta.label: m._default_manager.count()
        for m in apps.get_models()
        if m._meta.app_label == "accounts"
    }


def files(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def empty_database() -> None:
    """As after `planverk migrate`: nothing but the shipped national agenda."""
    call_command("flush", interactive=False)
    load_framework(read_framework("ekommune-2012"))


def restore(folder: Path, **options: Any) -> None:
    call_command("restore", str(folder), **options)


def backup(folder: Path) -> Path:
    call_command("backup", str(folder))
    return folder


def strategy_file(folder: Path, strategy: Strategy, kind: str = "planverk") -> Path:
    slug = strategy.organization.slug
    return folder / "organizations" / slug / f"strategy-{strategy.pk}.{kind}.json"


def test_backup_restore_backup_gives_the_same_bytes(tmp_path: Path) -> None:
    data = populate()
    first = backup(tmp_path / "first")
    counts = row_counts()
    empty_database()
    restore(first)
    second = backup(tmp_path / "second")
    assert files(first) == files(second)
    assert row_counts() == counts
    assert counts["accounts.Identity"] == 3 and counts["accounts.Invitation"] == 3
    names = set(files(first))
    assert "organizations/tomvik-fylkeskommune/organization.json" in names
    assert strategy_file(first, data.approved).relative_to(first).as_posix() in names


def test_the_backup_holds_full_strategies_accounts_and_history(tmp_path: Path) -> None:
    data = populate()
    folder = backup(tmp_path / "backup")
    document = json.loads(strategy_file(folder, data.draft.strategy).read_text())
    assert document["format"] == "planverk/1"
    assert any(a.get("exempt") for a in document["strategy"]["action_plan"])
    assert document["import_report"]["source"]["filename"] == "fjordvik.txt"
    accounts = json.loads((folder / "accounts.json").read_text())
    users = {u["username"]: u for u in accounts["users"]}
    (membership,) = users["to-enheter"]["memberships"]
    assert membership["role"] == "unit_editor" and len(membership["units"]) == 2
    assert users["sluttet"]["is_active"] is False
    assert users["sluttet"]["password"].startswith("md5$")
    editor = users[data.draft.editor.username]
    assert [(i["issuer"], i["subject"]) for i in editor["identities"]] == [
        (IDPORTEN, "idp-editor"),
        (FEIDE, "feide-editor"),
    ]
    invitations = {i["email"]: i for i in accounts["invitations"]}
    pending = invitations["enhet@example.no"]
    assert pending["role"] == "unit_editor" and len(pending["units"]) == 2
    assert pending["token_hash"] == token_hash(data.token)  # never the token
    assert data.token not in (folder / "accounts.json").read_text()
    assert pending["invited_by"] == data.draft.editor.pk
    assert pending["accepted_at"] is None and pending["withdrawn_at"] is None
    assert invitations["kari@example.no"]["accepted_by"] == users["kari"]["id"]
    assert invitations["feil@example.no"]["withdrawn_at"] is not None
    moved = json.loads(
        (folder / "organizations" / "lioy-kommune" / "organization.json").read_text()
    )
    assert [p["slug"] for p in moved["previous_slugs"]] == ["liy-kommune"]
    assert moved["history_attribution"] == "person"
    fjordvik = folder / "organizations" / "fjordvik-kommune" / "organization.json"
    assert json.loads(fjordvik.read_text())["history_attribution"] == "unit"
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["counts"]["identities"] == 3
    assert manifest["counts"]["invitations"] == 3
    history = json.loads((folder / "history.json").read_text())["tables"]
    reasons = [
        row[
            history["strategies.HistoricalGoalAssessment"]["fields"].index(
                "history_change_reason"
            )
        ]
        for row in history["strategies.HistoricalGoalAssessment"]["rows"]
    ]
    assert REASON in reasons
    # National agendas by meaning, not by their row ids.
    table = history["strategies.HistoricalGoalAssessment"]
    column = table["fields"].index("framework_goal_id")
    assert ["ekommune-2012", "1.1"] in [row[column] for row in table["rows"]]


def test_after_a_restore_history_people_and_new_rows_work(tmp_path: Path) -> None:
    data = populate()
    draft = data.draft
    folder = backup(tmp_path / "backup")
    empty_database()
    restore(folder)
    goal = GoalAssessment.objects.get(pk=draft.goal.pk)
    entries = assessment_timeline(goal)
    assert (entries[-1].who.username, entries[-1].reason) == (
        draft.editor.username,
        REASON,
    )
    measure = Measure.objects.get(pk=draft.measure.pk)
    assert [u.name for u in measure.owners] == ["Arkiv", "Helse- og omsorg"]
    assert any(
        c.new == "Arkiv, Helse- og omsorg"
        for e in measure_timeline(measure)
        for c in e.changes
    )
    editor = get_user_model().objects.get(username=draft.editor.username)
    assert editor.check_password("x")  # the password hash came back
    client = Client()
    client.force_login(editor)
    page = client.get(f"{draft.base}/historikk/mal/{goal.pk}/")
    assert page.status_code == 200
    # The history names the editor as the organisation chose: by unit, here the
    # organisation itself, as the editor is bound to none.
    assert REASON in page.text and "Fjordvik kommune</td>" in page.text
    member = Membership.objects.get(user__username="to-enheter")
    assert sorted(u.name for u in member.units.all()) == ["Arkiv", "IKT-tjenesten"]
    old = Client().get("/o/liy-kommune/")  # the slug given up still redirects
    assert (old.status_code, old["Location"]) == (301, "/o/lioy-kommune/")
    # An edit started before the backup still merges against the history.
    editing.update_measure(
        measure, {"group": "Etter"}, loaded_revision=measure.revision, user=draft.editor
    )
    # New rows get new ids: the sequences were moved past the restored ones.
    newest = make_strategy("draft", org="Nyvik kommune")
    assert newest.pk > Strategy.objects.exclude(pk=newest.pk).latest("pk").pk
    make_user("ny-bruker")


def test_after_a_restore_people_sign_in_to_their_accounts_and_invitations_work(
    tmp_path: Path,
) -> None:
    data = populate()
    editor = data.draft.editor
    before = {
        (i.issuer, i.subject): (i.user_id, i.created_at, i.last_used_at)
        for i in Identity.objects.all()
    }
    folder = backup(tmp_path / "backup")
    empty_database()
    restore(folder)
    after = {
        (i.issuer, i.subject): (i.user_id, i.created_at, i.last_used_at)
        for i in Identity.objects.all()
    }
    assert after == before  # created_at too, though it is auto_now_add
    users = get_user_model().objects.count()
    # Signing in through ID-porten finds the editor, with the memberships, again.
    found = user_for_sign_in(
        provider="idporten", issuer=IDPORTEN, claims={"sub": "idp-editor"}
    )
    assert found.pk == editor.pk and found.username == editor.username
    assert Membership.objects.filter(user=found, role=Role.EDITOR).exists()
    assert get_user_model().objects.count() == users  # no new, empty account
    # The pending link still works, into the invited role and units.
    invitation = actions.find_invitation(data.token)
    assert invitation is not None and invitation.is_pending
    newcomer = make_user("nykommer")
    membership = actions.accept(invitation, user=newcomer)
    assert membership.role == Role.UNIT_EDITOR
    assert sorted(u.name for u in membership.units.all()) == ["Arkiv", "IKT-tjenesten"]
    # Used and withdrawn invitations come back as the record they are.
    used = Invitation.objects.get(email="kari@example.no")
    assert (used.accepted_by.username, used.invited_by) == ("kari", editor)
    assert Invitation.objects.get(email="feil@example.no").withdrawn_by == editor
    assert not Invitation.objects.filter(email="feil@example.no").pending().exists()
    # New sign-in rows get new ids.
    Identity.objects.create(
        user=newcomer, provider="idporten", issuer=IDPORTEN, subject="idp-ny"
    )
    actions.invite(
        invitation.organization, user=found, email="x@example.no", role=Role.READER
    )


def versions_and_units() -> dict[str, Any]:
    """What planverk/1 does not carry of versions and units, and every part's key."""
    return {
        "strategies": list(
            Strategy.objects.order_by("pk").values_list("pk", "lineage", "revised_from")
        ),
        "approves": list(Decision.objects.order_by("pk").values_list("pk", "approves")),
        "units": list(
            Unit.objects.order_by("pk").values_list("pk", "parent", "active")
        ),
        "keys": [
            list(model.objects.order_by("pk").values_list("pk", "key"))
            for model in (Section, Theme, Measure, GoalAssessment, ActionItem)
        ],
    }


def test_keys_versions_and_the_unit_tree_survive_the_round_trip(
    tmp_path: Path,
) -> None:
    data = populate()
    before = versions_and_units()
    folder = backup(tmp_path / "backup")
    rows = json.loads(strategy_file(folder, data.draft.strategy, "rows").read_text())
    assert rows["strategy"]["revised_from"] == data.approved.pk
    empty_database()
    restore(folder)
    assert versions_and_units() == before
    draft = Strategy.objects.get(pk=data.draft.strategy.pk)
    assert (draft.lineage, draft.revised_from_id) == (
        data.approved.lineage,
        data.approved.pk,
    )
    assert Decision.objects.filter(approves=data.approved).count() == 1
    units = {u.name: u for u in Unit.objects.filter(organization=draft.organization)}
    assert units["Arkiv"].parent == units["IKT-tjenesten"]
    assert not units["Helse- og omsorg"].active


@pytest.mark.parametrize(
    ("change", "path"),
    [
        (
            lambda rows: rows["strategy"].update(revised_from=10**6),
            "$.strategy.revised_from",
        ),
        (lambda rows: rows["revisions"][0].update(approves=10**6), "$.revisions[0]"),
    ],
)
def test_a_version_the_backup_lacks_is_named_and_nothing_stored(
    tmp_path: Path, change: Callable[[dict[str, Any]], Any], path: str
) -> None:
    data = populate()
    folder = backup(tmp_path / "backup")
    rows_path = strategy_file(folder, data.draft.strategy, "rows")
    rows = json.loads(rows_path.read_text())
    change(rows)
    rows_path.write_text(json.dumps(rows), encoding="utf-8")
    empty_database()
    before = row_counts()
    with pytest.raises(CommandError, match="there is no strategy 1000000") as e:
        restore(folder)
    assert str(e.value).startswith(f"{rows_path}: {path}")
    assert row_counts() == before


def test_seed_strategies_survive_the_round_trip(
    tmp_path: Path, seed_path: Callable[[str], Path]
) -> None:
    for name in (
        "stfk-ikt-strategi-2010-2013.nb.txt",
        "sorum-ikt-strategi-2010-2013.lt.txt",
    ):
        load(parse(str(seed_path(name))).document)
    first = backup(tmp_path / "first")
    empty_database()
    restore(first)
    assert files(first) == files(backup(tmp_path / "second"))


def test_restore_refuses_a_database_with_data_and_changes_nothing(
    tmp_path: Path,
) -> None:
    populate()
    folder = backup(tmp_path / "backup")
    before = row_counts()
    with pytest.raises(CommandError, match="already holds Planverk data") as refused:
        restore(folder)
    assert refused.value.returncode == 1
    assert row_counts() == before


def test_a_single_user_is_enough_to_refuse(tmp_path: Path) -> None:
    populate()
    folder = backup(tmp_path / "backup")
    empty_database()
    make_user("admin", is_superuser=True)
    with pytest.raises(CommandError, match=r"\(1 users\)"):
        restore(folder)


@pytest.mark.parametrize(
    ("kind", "model"),
    [
        ("sign-in identities", "accounts.Identity"),
        ("invitations", "accounts.Invitation"),
    ],
)
def test_a_single_identity_or_invitation_is_enough_to_refuse(
    tmp_path: Path, kind: str, model: str
) -> None:
    populate()
    folder = backup(tmp_path / "backup")
    empty_database()
    # Alone, pointing at no one: foreign keys are checked at commit, never reached.
    with transaction.atomic():
        if kind == "invitations":
            Invitation.objects.create(
                organization_id=10**6,
                email="x@example.no",
                role=Role.READER,
                token_hash="0" * 64,
                expires_at=timezone.now(),
            )
        else:
            Identity.objects.create(
                user_id=10**6, provider="feide", issuer=FEIDE, subject="alene"
            )
        before = row_counts()
        shipped = ("frameworks.", "auth.Permission")  # as after migrate
        held = {k: n for k, n in before.items() if n and not k.startswith(shipped)}
        assert held == {model: 1}
        with pytest.raises(CommandError, match=rf"\(1 {kind}\)"):
            restore(folder)
        assert row_counts() == before
        transaction.set_rollback(True)


def test_replace_deletes_what_is_there_and_restores_the_backup(tmp_path: Path) -> None:
    data = populate()
    first = backup(tmp_path / "first")
    counts = row_counts()
    nyvik = Organization.objects.create(name="Nyvik kommune", kind="municipality")
    editor = make_personas(nyvik, prefix="nyvik-").editor
    newcomer = make_user("ny-bruker")
    data.draft.strategy.delete()
    Identity.objects.create(
        user=newcomer, provider="idporten", issuer=IDPORTEN, subject="idp-ny"
    )
    Identity.objects.filter(subject="feide-editor").update(subject="endret")
    actions.invite(nyvik, user=editor, email="ny@example.no", role=Role.READER)
    Invitation.objects.filter(email="enhet@example.no").delete()
    client = Client()
    client.force_login(newcomer)  # a session, and the record of it
    assert UserSession.objects.exists() and Session.objects.exists()
    restore(first, replace=True)
    assert not Organization.objects.filter(name="Nyvik kommune").exists()
    assert not Identity.objects.filter(subject__in=["idp-ny", "endret"]).exists()
    assert not Invitation.objects.filter(email="ny@example.no").exists()
    # Sessions are not carried: no one stays signed in as a replaced user.
    assert not UserSession.objects.exists() and not Session.objects.exists()
    assert client.get("/konto/").status_code != 200
    assert row_counts() == counts
    assert files(first) == files(backup(tmp_path / "second"))


def test_broken_json_names_the_file_and_line_and_changes_nothing(
    tmp_path: Path,
) -> None:
    data = populate()
    folder = backup(tmp_path / "backup")
    path = strategy_file(folder, data.approved)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    broken = next(i for i, line in enumerate(lines) if '"title":' in line)
    lines[broken] = lines[broken].replace('": "', '": oops "')
    path.write_text("".join(lines), encoding="utf-8")
    before = row_counts()
    with pytest.raises(CommandError) as refused:
        restore(folder, replace=True)  # replacing must not have begun either
    assert str(refused.value).startswith(f"{path}:{broken + 1}: not JSON")
    assert refused.value.returncode == 2
    assert row_counts() == before


def test_deeply_nested_json_is_refused_and_changes_nothing(tmp_path: Path) -> None:
    data = populate()
    folder = backup(tmp_path / "backup")
    path = strategy_file(folder, data.approved)
    path.write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    before = row_counts()
    with pytest.raises(CommandError) as refused:
        restore(folder, replace=True)
    assert str(refused.value) == f"{path}: nested too deeply (more than 64 levels)"
    assert refused.value.returncode == 2
    assert row_counts() == before


def test_a_document_that_is_not_planverk_1_names_the_file_and_the_path(
    tmp_path: Path,
) -> None:
    data = populate()
    folder = backup(tmp_path / "backup")
    path = strategy_file(folder, data.draft.strategy)
    document = json.loads(path.read_text(encoding="utf-8"))
    document["strategy"]["goal_assessments"][1]["status"]["level"] = "great"
    path.write_text(json.dumps(document), encoding="utf-8")
    empty_database()
    before = row_counts()
    with pytest.raises(
        CommandError, match=re.escape("goal_assessments[1].status.level")
    ) as e:
        restore(folder)
    assert str(path) in str(e.value)
    assert row_counts() == before


def test_a_missing_national_agenda_is_named(tmp_path: Path) -> None:
    populate()
    folder = backup(tmp_path / "backup")
    call_command("flush", interactive=False)  # no national agenda at all
    with pytest.raises(
        CommandError, match=r"ekommune-2012.*which this database lacks"
    ) as e:
        restore(folder)
    assert re.match(
        rf"{folder}/organizations/[^/]+/strategy-\d+\.planverk\.json: ", str(e.value)
    )
    assert not Framework.objects.exists() and not Strategy.objects.exists()


def test_a_failure_late_in_the_restore_rolls_back_everything(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    populate()
    first = backup(tmp_path / "first")
    Organization.objects.create(name="Nyvik kommune", kind="municipality")
    before = row_counts()

    def fail() -> None:
        raise RuntimeError("the disk is full")

    # After the old data is deleted and every new row and history row is written.
    monkeypatch.setattr(store, "_reset_sequences", fail)
    with pytest.raises(RuntimeError):
        restore(first, replace=True)
    assert row_counts() == before
    assert Organization.objects.filter(name="Nyvik kommune").exists()


def test_rows_the_database_refuses_name_the_file_and_store_nothing(
    tmp_path: Path,
) -> None:
    data = populate()
    folder = backup(tmp_path / "backup")
    # Two strategies claiming the same section id pass the checks of each file.
    draft_rows = json.loads(
        strategy_file(folder, data.draft.strategy, "rows").read_text()
    )
    path = strategy_file(folder, data.approved, "rows")
    rows = json.loads(path.read_text())
    rows["sections"][0]["id"] = draft_rows["sections"][0]["id"]
    path.write_text(json.dumps(rows), encoding="utf-8")
    empty_database()
    before = row_counts()
    with pytest.raises(CommandError, match="the database refused it") as e:
        restore(folder)
    # The approved version is stored after the draft, and clashes with it.
    assert str(e.value).startswith(f"{strategy_file(folder, data.approved)}: ")
    assert row_counts() == before


def test_backup_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "old.txt").write_text("x")
    with pytest.raises(CommandError, match="not an empty folder"):
        backup(tmp_path)


def test_an_incomplete_backup_is_refused(tmp_path: Path) -> None:
    data = populate()
    folder = backup(tmp_path / "backup")
    organization = folder / "organizations" / "tomvik-fylkeskommune"
    for path in organization.iterdir():
        path.unlink()
    organization.rmdir()
    empty_database()
    with pytest.raises(CommandError, match="is the backup complete") as e:
        restore(folder)
    assert str(folder / "manifest.json") in str(e.value)
    assert not Strategy.objects.filter(pk=data.approved.pk).exists()


def test_every_table_of_ours_is_carried_or_deliberately_left_out() -> None:
    left_out = {
        PendingImport,  # uploads waiting for a confirmation
        UserSession,  # sessions are not carried
    }
    carried = {
        *LIVE,
        *SIGN_IN,
        *history_models(),
        Membership.units.through,
        get_user_model(),
    }
    assert Invitation.units.through in carried
    ours = {
        m
        for m in apps.get_models()
        if m._meta.app_label in ("organizations", "strategies", "accounts")
    }
    assert ours - carried - left_out == set()
    assert left_out <= ours


def test_an_older_backup_is_refused(tmp_path: Path) -> None:
    folder = backup(tmp_path / "backup")
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["version"] = 5
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(CommandError, match="reads version 6, not 5"):
        restore(folder)


def test_an_invitation_naming_no_one_names_the_file_and_stores_nothing(
    tmp_path: Path,
) -> None:
    populate()
    folder = backup(tmp_path / "backup")
    path = folder / "accounts.json"
    accounts = json.loads(path.read_text())
    accounts["invitations"][1]["accepted_by"] = 10**6
    path.write_text(json.dumps(accounts), encoding="utf-8")
    empty_database()
    before = row_counts()
    with pytest.raises(CommandError, match="there is no user 1000000") as e:
        restore(folder)
    assert str(e.value).startswith(f"{path}: $.invitations[1].accepted_by: ")
    assert e.value.returncode == 2
    assert row_counts() == before
