"""Who may do what: the one rule set that views, the API, commands and tests use.

Roles: a site admin (superuser) may do everything; in an organisation a user is
an editor, a unit editor bound to units, or a reader. Anonymous users and
outsiders see only strategies that have left the draft state.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from planverk.organizations.models import Membership, Organization, Role, Unit
from planverk.strategies.choices import StrategyState
from planverk.strategies.models import ActionPlan
from planverk.strategies.querysets import PUBLIC_STATES

if TYPE_CHECKING:
    from planverk.strategies.models import Measure, Strategy


class Action(StrEnum):
    VIEW_STRATEGY = "strategy.view"
    EDIT_STRATEGY = "strategy.edit"  # anything in a draft: text, themes, status, budget
    CREATE_STRATEGY = (
        "strategy.create"  # start or import one (object: the organisation)
    )
    EDIT_MEASURE = "measure.edit"  # a measure's content, in a draft
    REPORT_MEASURE = "measure.report"  # progress on a measure, while not superseded
    MANAGE_ORGANIZATION = "organization.manage"  # members, units (object: organisation)
    CREATE_ORGANIZATION = "organization.create"  # site admins only (object: None)
    PUBLISH_STRATEGY = "strategy.publish"  # send on hearing, approve, supersede
    VIEW_EXEMPT = "strategy.view_exempt"  # parts exempt from public disclosure
    EDIT_PLAN = "plan.edit"  # an action plan's content, while the plan is a draft
    REPORT_SPENDING = "action.report"  # spending on an action of an approved plan


def membership(user: Any, organization: Organization) -> Membership | None:
    """The user's membership in *organization*, cached on the user for the request."""
    if not user.is_authenticated:
        return None
    cache: dict[int, Membership] | None = getattr(user, "_planverk_memberships", None)
    if cache is None:
        cache = {
            m.organization_id: m
            for m in Membership.objects.filter(user=user).prefetch_related("units")
        }
        user._planverk_memberships = cache
    return cache.get(organization.pk)


def _owns(member: Membership, measure: Measure) -> bool:
    """Whether a unit editor's units include one that proposed or owns *measure*."""
    mine = {unit.pk for unit in member.units.all()}
    return any(unit.pk in mine for unit in measure.owners)


def _may_change_measure(member: Membership | None, measure: Measure) -> bool:
    if member is None:
        return False
    if member.role == Role.EDITOR:
        return True
    return member.role == Role.UNIT_EDITOR and _owns(member, measure)


def can(user: Any, action: Action, obj: Any) -> bool:
    """Whether *user* may do *action* to *obj* (a Strategy, Measure or Organization)."""
    if action in CONTENT_EDITS and not _in_draft(obj):
        return False  # a version out of draft is frozen, for site admins too
    if user.is_authenticated and user.is_superuser:
        return True
    if action == Action.VIEW_STRATEGY:
        return (
            obj.state in PUBLIC_STATES or membership(user, obj.organization) is not None
        )
    if action == Action.CREATE_ORGANIZATION:
        return False  # site admins only: they were allowed above
    if action in (Action.CREATE_STRATEGY, Action.MANAGE_ORGANIZATION):
        return _role(user, obj) == Role.EDITOR
    if action == Action.EDIT_STRATEGY:
        return obj.is_draft and _role(user, obj.organization) == Role.EDITOR
    if action == Action.PUBLISH_STRATEGY:
        return _role(user, obj.organization) == Role.EDITOR
    if action == Action.VIEW_EXEMPT:
        return membership(user, obj.organization) is not None
    if action in (Action.EDIT_PLAN, Action.REPORT_SPENDING):
        return _may_change_plan(user, action, obj)
    strategy: Strategy = obj.theme.strategy
    member = membership(user, strategy.organization)
    if action == Action.EDIT_MEASURE:
        return strategy.is_draft and _may_change_measure(member, obj)
    if action == Action.REPORT_MEASURE:
        return strategy.state != StrategyState.SUPERSEDED and _may_change_measure(
            member, obj
        )
    raise ValueError(f"no rule for {action!r}")  # a new action needs a rule here


# What changes a version's content, or an action plan's: only a draft's,
# whoever asks.
CONTENT_EDITS = (Action.EDIT_STRATEGY, Action.EDIT_MEASURE, Action.EDIT_PLAN)


def _in_draft(obj: Any) -> bool:
    """*obj* (a Strategy, a Measure of one, or an ActionPlan) is a draft."""
    if isinstance(obj, ActionPlan):
        return obj.is_draft and obj.strategy.state != StrategyState.SUPERSEDED
    strategy: Strategy = obj.theme.strategy if hasattr(obj, "theme") else obj
    return strategy.is_draft


def _may_change_plan(user: Any, action: Action, obj: Any) -> bool:
    """An action plan (EDIT_PLAN) or an action of one (REPORT_SPENDING): its
    organisation's editors, and unit editors of the plan's or action's unit.
    Spending is entered on an approved plan of a strategy still in force."""
    plan = obj if action == Action.EDIT_PLAN else obj.plan
    strategy: Strategy = plan.strategy
    if action == Action.REPORT_SPENDING and (
        plan.is_draft or strategy.state == StrategyState.SUPERSEDED
    ):
        return False
    member = membership(user, strategy.organization)
    if member is None:
        return False
    if member.role == Role.EDITOR:
        return True
    unit = obj.unit_id
    mine = {u.pk for u in member.units.all()}
    return member.role == Role.UNIT_EDITOR and unit is not None and unit in mine


def _role(user: Any, organization: Organization) -> str | None:
    member = membership(user, organization)
    return member.role if member else None


def keeps_measure(user: Any, organization: Organization, units: Iterable[Unit]) -> bool:
    """Whether *user* could still change a measure once *units* own it.

    A unit editor who takes all their own units off a measure would lock
    themselves out of it; the editing actions refuse that change.
    """
    if user.is_authenticated and user.is_superuser:
        return True
    member = membership(user, organization)
    if member is None or member.role != Role.UNIT_EDITOR:
        return member is not None and member.role == Role.EDITOR
    mine = {unit.pk for unit in member.units.all()}
    return any(unit.pk in mine for unit in units)


def require(user: Any, action: Action, obj: Any) -> None:
    """Raise PermissionDenied unless *user* may do *action* to *obj*."""
    if not can(user, action, obj):
        raise PermissionDenied(f"{action} is not allowed")


class _Operator:
    """Whoever runs Planverk's commands on the server: they see everything."""

    is_authenticated = True
    is_anonymous = False
    is_superuser = True
    pk = None


OPERATOR = _Operator()


class _Public(AnonymousUser):
    """The public, as it sees a strategy once that is public: exempt parts withheld.

    Reports and exports are written for it after their caller has decided that
    the strategy itself may be shown (or, on the command line, to preview a
    draft as the public will see it).
    """

    previews = True


PUBLIC = _Public()


def reader(include_exempt: bool) -> Any:
    """The reader a command or report writes for: everything, or the public's view."""
    return OPERATOR if include_exempt else PUBLIC
