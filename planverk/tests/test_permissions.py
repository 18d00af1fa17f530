"""The rule set: every role against every action."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from planverk.interchange.load import load
from planverk.strategies.choices import StrategyState
from planverk.strategies.models import Measure, Strategy
from planverk.strategies.permissions import Action, can, require
from planverk.testing import make_personas, rich_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft() -> Strategy:
    document = rich_document()
    document["strategy"]["state"] = "draft"
    return load(document)


@pytest.fixture
def people(draft: Strategy) -> dict[str, object]:
    org = draft.organization
    return make_personas(org, org.units.get(name="Arkiv")).by_role()


def measure(strategy: Strategy, number: str) -> Measure:
    return Measure.objects.get(theme__strategy=strategy, number=number)


# Who may do what on a draft strategy of the organisation. Measure 3.1 is
# proposed by Arkiv (the unit editor's unit); 21.1 is not.
DRAFT_RULES = {
    "anonymous": (False, False, False, False, False),
    "outsider": (False, False, False, False, False),
    "reader": (True, False, False, False, False),
    "unit_editor": (True, False, True, False, False),
    "editor": (True, True, True, True, True),
    "site_admin": (True, True, True, True, True),
}


@pytest.mark.parametrize("who", DRAFT_RULES)
def test_roles_on_a_draft(who: str, draft: Strategy, people: dict[str, object]) -> None:
    user = people[who]
    found = (
        can(user, Action.VIEW_STRATEGY, draft),
        can(user, Action.EDIT_STRATEGY, draft),
        can(user, Action.EDIT_MEASURE, measure(draft, "3.1")),
        can(user, Action.EDIT_MEASURE, measure(draft, "21.1")),
        can(user, Action.CREATE_STRATEGY, draft.organization),
    )
    assert found == DRAFT_RULES[who]


def test_an_approved_strategy_is_public_but_no_longer_editable(
    draft: Strategy, people: dict[str, object]
) -> None:
    draft.state = StrategyState.APPROVED
    draft.save()
    assert can(people["anonymous"], Action.VIEW_STRATEGY, draft)
    assert not can(people["editor"], Action.EDIT_STRATEGY, draft)
    assert not can(people["editor"], Action.EDIT_MEASURE, measure(draft, "3.1"))
    # Frozen for content, for site administrators too: a new version is the way.
    assert not can(people["site_admin"], Action.EDIT_STRATEGY, draft)
    assert not can(people["site_admin"], Action.EDIT_MEASURE, measure(draft, "3.1"))
    # Progress is still reported on the measures of an approved strategy.
    assert can(people["unit_editor"], Action.REPORT_MEASURE, measure(draft, "3.1"))
    assert not can(people["unit_editor"], Action.REPORT_MEASURE, measure(draft, "21.1"))


def test_nothing_is_reported_on_a_superseded_strategy(
    draft: Strategy, people: dict[str, object]
) -> None:
    draft.state = StrategyState.SUPERSEDED
    draft.save()
    assert not can(people["editor"], Action.REPORT_MEASURE, measure(draft, "3.1"))


def test_require_raises_permission_denied(
    draft: Strategy, people: dict[str, object]
) -> None:
    with pytest.raises(PermissionDenied):
        require(people["reader"], Action.EDIT_STRATEGY, draft)
    require(people["editor"], Action.EDIT_STRATEGY, draft)


@pytest.mark.parametrize(
    ("who", "sees_draft"),
    [
        ("anonymous", False),
        ("outsider", False),
        ("reader", True),
        ("site_admin", True),
    ],
)
def test_the_visible_queryset_agrees_with_the_rule(
    who: str, sees_draft: bool, draft: Strategy, people: dict[str, object]
) -> None:
    published = load(rich_document(), organization=draft.organization.slug)
    seen = set(Strategy.objects.visible_to(people[who]))
    assert seen == ({draft, published} if sees_draft else {published})
    assert (draft in seen) == can(people[who], Action.VIEW_STRATEGY, draft)


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("anonymous", (False, False)),
        ("outsider", (False, False)),
        ("reader", (False, True)),
        ("unit_editor", (False, True)),
        ("editor", (True, True)),
        ("site_admin", (True, True)),
    ],
)
def test_who_publishes_and_who_sees_exempt_parts(
    who: str, allowed: tuple[bool, bool], draft: Strategy, people: dict[str, object]
) -> None:
    user = people[who]
    found = (
        can(user, Action.PUBLISH_STRATEGY, draft),
        can(user, Action.VIEW_EXEMPT, draft),
    )
    assert found == allowed
