"""The publishing actions: legal moves, refused moves, permissions, history."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from planverk.strategies.actions.publishing import (
    InvalidTransition,
    MissingBasis,
    allowed_moves,
    approve,
    return_to_draft,
    set_exempt,
    start_hearing,
    supersede,
)
from planverk.strategies.choices import StrategyState
from planverk.strategies.models import Decision, Measure, Strategy
from planverk.testing import Personas, make_personas, make_strategy

pytestmark = pytest.mark.django_db

DECISION: dict[str, Any] = {
    "body": "Kommunestyret",
    "date": dt.date(2024, 6, 20),
    "reference": "PS 44/24",
}


@pytest.fixture
def draft() -> Strategy:
    return make_strategy()


@pytest.fixture
def personas(draft: Strategy) -> Personas:
    return make_personas(draft.organization)


@pytest.fixture
def editor(personas: Personas) -> object:
    return personas.editor


def state_of(strategy: Strategy) -> str:
    return Strategy.objects.get(pk=strategy.pk).state


def test_a_draft_goes_on_hearing_and_back(draft: Strategy, editor: object) -> None:
    start_hearing(draft, user=editor)
    assert state_of(draft) == StrategyState.HEARING
    return_to_draft(draft, user=editor)
    assert state_of(draft) == StrategyState.DRAFT


def test_approving_logs_the_decision(draft: Strategy, editor: object) -> None:
    decision = approve(draft, user=editor, **DECISION)
    assert state_of(draft) == StrategyState.APPROVED
    assert decision.strategy_id == draft.pk
    assert (decision.body, decision.reference) == ("Kommunestyret", "PS 44/24")
    assert decision.date_text == "2024-06-20"
    assert draft.decisions.order_by("position").last() == decision


def test_approving_supersedes_the_previous_approved_strategy(editor: object) -> None:
    old = make_strategy("approved")
    other_org = make_strategy("approved", org="Annen kommune")
    new = make_strategy("hearing")
    approve(new, user=editor, **DECISION)
    assert state_of(old) == StrategyState.SUPERSEDED
    assert state_of(new) == StrategyState.APPROVED
    assert state_of(other_org) == StrategyState.APPROVED


@pytest.mark.parametrize(
    ("state", "move"),
    [
        ("approved", start_hearing),
        ("superseded", start_hearing),
        ("draft", return_to_draft),
        ("approved", return_to_draft),
        ("draft", supersede),
        ("hearing", supersede),
        ("superseded", supersede),
    ],
)
def test_illegal_moves_are_refused(state: str, move: object, editor: object) -> None:
    strategy = make_strategy(state)
    with pytest.raises(InvalidTransition):
        move(strategy, user=editor)  # type: ignore[operator]
    assert state_of(strategy) == state


@pytest.mark.parametrize("state", ["approved", "superseded"])
def test_approving_twice_is_refused_and_logs_nothing(
    state: str, editor: object
) -> None:
    strategy = make_strategy(state)
    before = Decision.objects.count()
    with pytest.raises(InvalidTransition):
        approve(strategy, user=editor, **DECISION)
    assert Decision.objects.count() == before


def test_the_refusal_names_both_states(editor: object) -> None:
    strategy = make_strategy("superseded")
    with pytest.raises(InvalidTransition) as refused:
        start_hearing(strategy, user=editor)
    assert (refused.value.current, refused.value.target) == ("superseded", "hearing")


def test_a_stale_object_cannot_move_twice(draft: Strategy, editor: object) -> None:
    stale = Strategy.objects.get(pk=draft.pk)
    approve(draft, user=editor, **DECISION)
    with pytest.raises(InvalidTransition):
        approve(stale, user=editor, **DECISION)  # it still says "draft" in memory


@pytest.mark.parametrize("role", ["reader", "unit_editor"])
def test_only_editors_publish(draft: Strategy, personas: Personas, role: str) -> None:
    member = getattr(personas, role)
    for move in (start_hearing,):
        with pytest.raises(PermissionDenied):
            move(draft, user=member)
    with pytest.raises(PermissionDenied):
        approve(draft, user=member, **DECISION)
    assert state_of(draft) == StrategyState.DRAFT


def test_an_editor_of_another_organisation_may_not_publish(
    draft: Strategy, personas: Personas
) -> None:
    with pytest.raises(PermissionDenied):
        start_hearing(draft, user=personas.outsider)


def test_moves_are_attributed_in_the_history(draft: Strategy, editor: object) -> None:
    start_hearing(draft, user=editor)
    approve(draft, user=editor, **DECISION)
    latest = draft.history.order_by("-history_id")[:2]
    assert [h.history_change_reason for h in latest] == [
        "strategy.approve",
        "strategy.start_hearing",
    ]
    assert {h.history_user for h in latest} == {editor}


def test_allowed_moves_follow_the_life_cycle() -> None:
    assert allowed_moves(Strategy(state="draft")) == ["hearing", "approved"]
    assert allowed_moves(Strategy(state="hearing")) == ["draft", "approved"]
    assert allowed_moves(Strategy(state="approved")) == ["superseded"]
    assert allowed_moves(Strategy(state="superseded")) == []


def test_an_editor_marks_a_draft_measure_exempt(
    draft: Strategy, editor: object
) -> None:
    measure = Measure.objects.get(theme__strategy=draft, number="3.1")
    set_exempt(measure, True, user=editor, basis="offl. § 14")
    measure.refresh_from_db()
    assert measure.exempt
    assert measure.history.first().history_change_reason == "part.exempt"


def test_marking_a_part_exempt_needs_its_legal_basis(
    draft: Strategy, editor: object
) -> None:
    measure = Measure.objects.get(theme__strategy=draft, number="3.1")
    for basis in ("", "   ", "x" * 201):
        with pytest.raises(MissingBasis):
            set_exempt(measure, True, user=editor, basis=basis)
    measure.refresh_from_db()
    assert not measure.exempt and measure.history.count() == 1


def test_lifting_an_exemption_forgets_its_basis(
    draft: Strategy, editor: object
) -> None:
    measure = Measure.objects.get(theme__strategy=draft, number="3.1")
    set_exempt(measure, True, user=editor, basis="offl. § 24", title_shown=True)
    set_exempt(measure, False, user=editor)
    measure.refresh_from_db()
    assert (measure.exempt, measure.exempt_basis, measure.exempt_title_shown) == (
        False,
        "",
        False,
    )


def test_exemption_on_a_public_strategy_is_a_publishing_decision() -> None:
    approved = make_strategy("approved", org="Annen kommune")
    theirs = make_personas(approved.organization)
    theme = approved.themes.get(number="3")
    with pytest.raises(PermissionDenied):
        set_exempt(theme, True, user=theirs.reader, basis="offl. § 14")
    with pytest.raises(PermissionDenied):
        set_exempt(
            theme, True, user=theirs.outsider, basis="offl. § 14"
        )  # another organisation's editor
    set_exempt(theme, True, user=theirs.editor, basis="offl. § 14")
    theme.refresh_from_db()
    assert theme.exempt


def test_anonymous_users_cannot_mark_anything(
    draft: Strategy, personas: Personas
) -> None:
    revision = draft.decisions.first()
    assert revision is not None
    with pytest.raises(PermissionDenied):
        set_exempt(revision, True, user=personas.anonymous)


def test_marking_a_part_touches_its_strategy(draft: Strategy, editor: object) -> None:
    before = Strategy.objects.get(pk=draft.pk).updated_at
    set_exempt(draft.themes.get(number="3"), True, user=editor, basis="offl. § 14")
    assert Strategy.objects.get(pk=draft.pk).updated_at > before
