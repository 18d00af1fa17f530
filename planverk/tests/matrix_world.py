"""The one world the permission matrix and the CSRF tests request every route in.

Organisation X, with units A ("Arkiv") and B ("Oppvekst og kultur"), holds a
draft, a strategy on hearing and an approved one whose theme 21 is exempt, and
unit B's draft and approved action plans of the approved one; organisation Y
has an editor. The fixture (planverk/tests/conftest.py) builds
it once per test module; each test's own changes are rolled back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.apps import apps

from planverk.interchange.load import load
from planverk.organizations.models import Membership, Organization, Role, Unit
from planverk.strategies.models import (
    ActionBudget,
    ActionMeasure,
    ActionPlan,
    GoalAssessment,
    Measure,
    PendingImport,
    PlanAction,
    Strategy,
)
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
    # Unit B's action plans of the approved strategy, "draft" and "approved",
    # each with action 1 (unit B's, serving measure 3.1).
    plans: dict[str, ActionPlan] = field(default_factory=dict)

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
    # Unit B's: unit A is merged away in a case of the matrix, and merging does
    # not move plans yet.
    unit_b = Unit.objects.get(organization=x, name="Oppvekst og kultur")
    world.plans = {
        state: _plan(world, state, unit_b) for state in ("draft", "approved")
    }
    return world


def _plan(world: World, state: str, unit: Unit) -> ActionPlan:
    year = 2025 if state == "draft" else 2024
    # The draft's title is what the matrix looks for on its page (members only).
    title = "Utkast til handlingsplan" if state == "draft" else "Handlingsplan 2024"
    plan = ActionPlan.objects.create(
        strategy=world.approved,
        title=title,
        year_start=year,
        year_end=year,
        unit=unit,
        state=state,
    )
    action = PlanAction.objects.create(
        plan=plan,
        number="1",
        title="Nytt arkivsystem",
        category="investment",
        unit=unit,
    )
    ActionMeasure.objects.create(
        action=action, measure_key=world.measure(world.approved, "3.1").key
    )
    ActionBudget.objects.create(action=action, year=year, amount_nok=100_000)
    return plan


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
