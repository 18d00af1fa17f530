"""Moving a strategy through draft → hearing → approved → superseded, and exemption.

Every move locks the strategy row and reads its state again inside the
transaction, so two people pressing "approve" at once cannot both succeed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from planverk.lib.audit import attributed
from planverk.strategies.choices import DatePrecision, StrategyState
from planverk.strategies.models import Decision, Strategy
from planverk.strategies.models.base import Part
from planverk.strategies.permissions import Action, require
from planverk.strategies.querysets import PUBLIC_STATES
from planverk.strategies.signals import strategy_published

# The legal moves: (from, to). Anything else raises InvalidTransition.
TRANSITIONS = {
    (StrategyState.DRAFT, StrategyState.HEARING),
    (StrategyState.HEARING, StrategyState.DRAFT),
    (StrategyState.DRAFT, StrategyState.APPROVED),
    (StrategyState.HEARING, StrategyState.APPROVED),
    (StrategyState.APPROVED, StrategyState.SUPERSEDED),
}


class InvalidTransition(Exception):
    """A move the state machine does not allow, e.g. approving a superseded strategy."""

    def __init__(self, current: str, target: str) -> None:
        self.current = StrategyState(current)
        self.target = StrategyState(target)
        super().__init__(
            _("A strategy cannot go from “%(current)s” to “%(target)s”.")
            % {"current": self.current.label, "target": self.target.label}
        )


def allowed_moves(strategy: Strategy) -> list[StrategyState]:
    """The states *strategy* may go to from where it is, in the order of the life cycle."""
    return [to for to in StrategyState if (strategy.state, to) in TRANSITIONS]


def _locked(strategy: Strategy, target: StrategyState) -> Strategy:
    """The strategy's row, locked, after checking the move to *target* is legal."""
    fresh = Strategy.objects.select_for_update().get(pk=strategy.pk)
    if (fresh.state, target) not in TRANSITIONS:
        raise InvalidTransition(fresh.state, target)
    return fresh


def _set_state(
    strategy: Strategy, state: StrategyState, *, user: Any, reason: str
) -> None:
    strategy.state = state
    attributed(strategy, user=user, reason=reason)
    strategy.save(update_fields=["state", "updated_at"])
    if state in PUBLIC_STATES:
        _published(strategy.pk)


def _published(strategy_id: int) -> None:
    """Tell the layers above that what the public sees of the strategy changed,
    once that is committed."""
    transaction.on_commit(
        lambda: strategy_published.send(sender=Strategy, strategy_id=strategy_id)
    )


def _move(
    strategy: Strategy, target: StrategyState, *, user: Any, reason: str
) -> Strategy:
    require(user, Action.PUBLISH_STRATEGY, strategy)
    fresh = _locked(strategy, target)
    _set_state(fresh, target, user=user, reason=reason)
    strategy.state = fresh.state
    return fresh


@transaction.atomic
def start_hearing(strategy: Strategy, *, user: Any) -> Strategy:
    """Send a draft out on hearing: from now on the public can read it."""
    return _move(
        strategy, StrategyState.HEARING, user=user, reason="strategy.start_hearing"
    )


@transaction.atomic
def return_to_draft(strategy: Strategy, *, user: Any) -> Strategy:
    """Withdraw a strategy from hearing; it is a private draft again."""
    return _move(
        strategy, StrategyState.DRAFT, user=user, reason="strategy.return_to_draft"
    )


@transaction.atomic
def supersede(strategy: Strategy, *, user: Any) -> Strategy:
    """Mark an approved strategy as no longer in force (it stays public)."""
    return _move(
        strategy, StrategyState.SUPERSEDED, user=user, reason="strategy.supersede"
    )


@transaction.atomic
def approve(
    strategy: Strategy, *, user: Any, body: str, date: dt.date, reference: str
) -> Decision:
    """Approve *strategy* by *body*'s decision: a row in its decision log, and the
    organisation's previously approved strategy is superseded."""
    require(user, Action.PUBLISH_STRATEGY, strategy)
    fresh = _locked(strategy, StrategyState.APPROVED)
    previous = Strategy.objects.select_for_update().filter(
        organization_id=fresh.organization_id, state=StrategyState.APPROVED
    )
    for old in previous.exclude(pk=fresh.pk):
        _set_state(
            old, StrategyState.SUPERSEDED, user=user, reason="strategy.supersede"
        )
    _set_state(fresh, StrategyState.APPROVED, user=user, reason="strategy.approve")
    strategy.state = fresh.state
    return _record_decision(fresh, user=user, body=body, date=date, reference=reference)


def _record_decision(
    strategy: Strategy, *, user: Any, body: str, date: dt.date, reference: str
) -> Decision:
    last = strategy.decisions.aggregate(last=Max("position"))["last"]
    decision = Decision(
        strategy=strategy,
        body=body,
        date=date,
        date_precision=DatePrecision.DAY,
        reference=reference,
        approves=strategy,
        position=0 if last is None else last + 1,
    )
    attributed(decision, user=user, reason="strategy.approve")
    decision.save()
    return decision


def exempt_action(strategy: Strategy) -> Action:
    """What marking a part of *strategy* exempt requires.

    In a draft it is an edit like any other. Once the strategy is public, lifting
    or setting an exemption changes what the public sees at once, which is a
    publishing decision.
    """
    return Action.EDIT_STRATEGY if strategy.is_draft else Action.PUBLISH_STRATEGY


def part_strategy(part: Part) -> Strategy:
    """The strategy a part belongs to (a measure through its theme)."""
    strategy = getattr(part, "strategy", None)
    if strategy is None:
        strategy = part.theme.strategy  # type: ignore[attr-defined]
    return strategy


BASIS_MAX_LENGTH = 200  # as Part.exempt_basis keeps it


class MissingBasis(ValueError):
    """Marking a part exempt without the legal basis the public is to be told."""

    def __init__(self) -> None:
        super().__init__(
            _("Give the legal basis for the exemption (at most %(n)d characters).")
            % {"n": BASIS_MAX_LENGTH}
        )


@transaction.atomic
def set_exempt(
    part: Part,
    exempt: bool,
    *,
    user: Any,
    basis: str = "",
    title_shown: bool = False,
) -> Part:
    """Mark *part* exempt from public disclosure (unntatt offentlighet) on its legal
    *basis* ("offl. § 24 tredje ledd"), or lift that.

    The public sees that the part is withheld and why, and its title only with
    *title_shown*.
    """
    strategy = part_strategy(part)
    require(user, exempt_action(strategy), strategy)
    basis = basis.strip() if exempt else ""
    if exempt and not 0 < len(basis) <= BASIS_MAX_LENGTH:
        raise MissingBasis
    title_shown = exempt and title_shown
    wanted = (exempt, basis, title_shown)
    if (part.exempt, part.exempt_basis, part.exempt_title_shown) == wanted:
        return part
    part.exempt, part.exempt_basis, part.exempt_title_shown = wanted
    attributed(part, user=user, reason="part.exempt" if exempt else "part.disclose")
    part.save(update_fields=["exempt", "exempt_basis", "exempt_title_shown"])
    seen_anew(strategy)
    return part


def seen_anew(strategy: Strategy) -> None:
    """What the public sees of *strategy* changed beyond its own rows (a part's
    exemption, an action plan approved, spending entered): its sitemap date and
    every cache keyed on ``updated_at`` must follow, and its public reports are
    made again."""
    Strategy.objects.filter(pk=strategy.pk).update(updated_at=timezone.now())
    if strategy.state in PUBLIC_STATES:
        _published(strategy.pk)
