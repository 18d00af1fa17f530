"""The one world the permission matrix and the CSRF tests request every route in.

Organisation X, with units A ("Arkiv") and B ("Oppvekst og kultur"), holds a
draft, a strategy on hearing and an approved one whose theme 21 is exempt;
organisation Y has an editor. The fixture (planverk/tests/conftest.py) builds
it once per test module; each test's own changes are rolled back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.apps import apps

from planverk.interchange.load import load
from planverk.organizations.models import Membership, Organization, Role, Unit
from planverk.strategies.models import GoalAssessment, Measure, PendingImport, Strategy
from planverk.testing import make_member, make_personas, rich_document

DRAFT_MARK = "UTKAST-4711"  # in the draft's title and in one of its measures


@dataclass
class World:
    """Organisation X (units A and B) with a draft, a strategy on hearing and an
    approved one with exempt parts, and the personas (testing.Personas) around X."""

    x: Organization
    draft: Strategy
    hearing: Strategy
    approved: Strategy
    users: dict[str, Any]
    pending: dict[str, PendingImport]  # each signed-in user's own upload in X
    extra: dict[str, int] = field(default_factory=dict)  # ids of the account app's rows

    def base(self, strategy: Strategy) -> str:
        return f"/o/{self.x.slug}/s/{strategy.pk}/"

    def measure(self, strategy: Strategy, number: str) -> Measure:
        return Measure.objects.select_related("theme__strategy__organization").get(
            theme__strategy=strategy, number=number
        )

    def goal(self, strategy: Strategy, number: int | None) -> GoalAssessment:
        return GoalAssessment.objects.get(strategy=strategy, number=number)


def _document(state: str, title: str) -> dict[str, Any]:
    document = rich_document()
    document["organization"]["name"] = "Fjordvik kommune"
    document["strategy"].update(state=state, title=title)
    return document


def build_world() -> World:
    unpublished = _document("draft", f"Utkast {DRAFT_MARK}")
    unpublished["strategy"]["themes"][0]["measures"][0]["objective"] = DRAFT_MARK
    published = _document("approved", "IKT-strategi 2024–2027")
    data = published["strategy"]
    # Exempt through its theme only: "21" is exempt, its measure and goal are not.
    data["themes"][1]["exempt"] = True
    data["themes"][1]["exempt_basis"] = "offl. § 24 tredje ledd"
    for part in (data["themes"][1]["measures"][0], data["goal_assessments"][2]):
        part.pop("exempt"), part.pop("exempt_basis")
    draft = load(unpublished)
    hearing = load(_document("hearing", "IKT-strategi på høring"))
    approved = load(published)
    x = draft.organization
    unit_a = Unit.objects.get(organization=x, name="Arkiv")
    users = make_personas(x, unit_a).by_role()
    pending = {
        role: _pending(x, user) for role, user in users.items() if user.is_authenticated
    }
    world = World(x, draft, hearing, approved, users, pending)
    _account_rows(world)
    return world


def _pending(organization: Organization, user: Any) -> PendingImport:
    document = rich_document()
    document["strategy"]["state"] = "draft"
    return PendingImport.objects.create(
        organization=organization, user=user, filename="plan.json", document=document
    )


def _account_rows(world: World) -> None:
    """An invitation to withdraw and a member to remove, where accounts is installed."""
    if not apps.is_installed("planverk.accounts"):
        return
    from planverk.accounts import actions

    invitation, _token = actions.invite(
        world.x, user=world.users["editor"], email="ny@example.no", role=Role.READER
    )
    spare = make_member("spare", world.x, Role.READER)
    world.extra["invitation"] = invitation.pk
    world.extra["membership"] = Membership.objects.get(user=spare).pk
