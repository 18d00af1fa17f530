"""Making and editing action plans (handlingsplaner) and their actions.

A plan's content changes only while the plan is a draft of a strategy still in
force: every function here raises PlanFrozen for an approved plan before it
asks the rules (which refuse it too, for site admins as well), so the views
can answer 409 as they do for a frozen strategy version. Spending, entered on
approved plans, is actions/spending.py's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from planverk.lib.audit import attributed
from planverk.lib.numbering import natural_key
from planverk.organizations.models import Unit
from planverk.strategies.actions import removal
from planverk.strategies.actions.editing import _compare_and_set
from planverk.strategies.actions.publishing import seen_anew
from planverk.strategies.choices import DatePrecision, StrategyState
from planverk.strategies.language import in_language
from planverk.strategies.models import (
    ActionBudget,
    ActionMeasure,
    ActionPlan,
    Decision,
    Measure,
    PlanAction,
    Strategy,
)
from planverk.strategies.models.plans import FINISHED, PlanState
from planverk.strategies.permissions import Action, require

PLAN_FIELDS = ("title", "year_start", "year_end")
ACTION_FIELDS = (
    "number",
    "title",
    "description",
    "outside_strategy",
    "unit",
    "role",
    "start",
    "deadline",
    "category",
    "funding",
    "status",
    "remarks",
)
# What "next year's plan" copies of an action, besides its served measures and budgets.
CARRIED_FIELDS = (*(f for f in ACTION_FIELDS if f != "unit"), "key", "unit_id")


class PlanFrozen(Exception):
    """*plan* is approved (or its strategy superseded): its content cannot change."""

    def __init__(self, plan: ActionPlan) -> None:
        self.plan = plan
        super().__init__(f"plan {plan.pk} is {plan.state}")


def check_plan_draft(plan: ActionPlan) -> None:
    """Raise PlanFrozen unless *plan*'s content may still change."""
    if not plan.is_draft or plan.strategy.state == StrategyState.SUPERSEDED:
        raise PlanFrozen(plan)


def require_plan_draft(user: Any, plan: ActionPlan) -> None:
    """What every change to a plan's content asks first: a draft, and an editor of it."""
    check_plan_draft(plan)
    require(user, Action.EDIT_PLAN, plan)


def _require_action_draft(user: Any, action: Any) -> None:
    require_plan_draft(user, action.plan)


# Plans


def years_text(start: int, end: int) -> str:
    return str(start) if start == end else f"{start}–{end}"


def default_title(strategy: Strategy, year_start: int, year_end: int) -> str:
    """ "Handlingsplan 2011", in the strategy's language."""
    with in_language(strategy):
        return _("Action plan %(years)s") % {"years": years_text(year_start, year_end)}


def default_parent(
    strategy: Strategy, unit: Unit | None, year_start: int
) -> ActionPlan | None:
    """The plan a unit's plan sits under: the nearest ancestor unit's plan of the
    same first year, else the organisation's; none for the organisation's own."""
    if unit is None:
        return None
    plans = ActionPlan.objects.filter(strategy=strategy, year_start=year_start)
    ancestor = unit.parent
    seen = {unit.pk}
    while ancestor is not None and ancestor.pk not in seen:
        found = plans.filter(unit=ancestor).first()
        if found is not None:
            return found
        seen.add(ancestor.pk)
        ancestor = ancestor.parent
    return plans.filter(unit__isnull=True).first()


def _check_years(year_start: int, year_end: int) -> None:
    if year_end < year_start:
        raise ValidationError({"year_end": _("The period ends before it begins.")})


def _check_unit(strategy: Strategy, unit: Unit | None, field: str) -> None:
    if unit is not None and unit.organization_id != strategy.organization_id:
        raise ValidationError({field: _("Not a unit of this organisation.")})


@transaction.atomic
def create_plan(
    strategy: Strategy,
    *,
    user: Any,
    title: str = "",
    year_start: int,
    year_end: int,
    unit: Unit | None = None,
    parent: ActionPlan | None = None,
    carried_from: ActionPlan | None = None,
) -> ActionPlan:
    """A new draft plan of the organisation (*unit* None) or of *unit*, for a period.

    Without *title* it is named "Handlingsplan <years>"; a unit's plan without
    *parent* sits under its parent unit's plan, else the organisation's."""
    _check_years(year_start, year_end)
    _check_unit(strategy, unit, "unit")
    if parent is None:
        parent = default_parent(strategy, unit, year_start)
    elif parent.strategy_id != strategy.pk:
        raise ValidationError({"parent": _("Not a plan of this strategy.")})
    last = strategy.action_plans.aggregate(last=Max("position"))["last"]
    plan = ActionPlan(
        strategy=strategy,
        title=title.strip() or default_title(strategy, year_start, year_end),
        year_start=year_start,
        year_end=year_end,
        unit=unit,
        parent=parent,
        carried_from=carried_from,
        position=0 if last is None else last + 1,
    )
    require(user, Action.EDIT_PLAN, plan)
    attributed(plan, user=user, reason="plan.create")
    plan.save()
    return plan


@transaction.atomic
def update_plan(
    plan: ActionPlan,
    changes: dict[str, Any],
    *,
    loaded_revision: int,
    user: Any,
    reason: str = "",
) -> ActionPlan:
    """Change a draft plan's title and period (PLAN_FIELDS)."""
    require_plan_draft(user, plan)
    unknown = set(changes) - set(PLAN_FIELDS)
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    start = changes.get("year_start", plan.year_start)
    end = changes.get("year_end", plan.year_end)
    _check_years(start, end)
    if "title" in changes and not changes["title"].strip():
        raise ValidationError({"title": _("Give the plan a title.")})
    return _compare_and_set(
        plan, changes, loaded_revision=loaded_revision, user=user, reason=reason
    )


@transaction.atomic
def approve_plan(
    plan: ActionPlan, *, user: Any, body: str, date: dt.date, reference: str
) -> Decision:
    """Approve *plan* by *body*'s decision: a row in its strategy's decision log
    naming the plan, and from now on the plan is public and its content frozen."""
    fresh = (
        ActionPlan.objects.select_for_update()
        .select_related("strategy")
        .get(pk=plan.pk)
    )
    check_plan_draft(fresh)
    strategy = fresh.strategy
    require(user, Action.PUBLISH_STRATEGY, strategy)
    if not body.strip():
        raise ValidationError({"body": _("Name who decided.")})
    fresh.state = PlanState.APPROVED
    attributed(fresh, user=user, reason="plan.approve")
    fresh.save(update_fields=["state"])
    plan.state = fresh.state
    last = strategy.decisions.aggregate(last=Max("position"))["last"]
    decision = Decision(
        strategy=strategy,
        body=body.strip(),
        date=date,
        date_precision=DatePrecision.DAY,
        reference=reference.strip(),
        approves_plan=fresh,
        position=0 if last is None else last + 1,
    )
    attributed(decision, user=user, reason="plan.approve")
    decision.save()
    seen_anew(strategy)  # the plan is public from now on
    return decision


@dataclass(frozen=True)
class Carried:
    """Next year's plan, and the actions it carried over from *plan.carried_from*."""

    plan: ActionPlan
    actions: list[PlanAction]


@transaction.atomic
def next_year_plan(plan: ActionPlan, *, user: Any) -> Carried:
    """A draft plan for the year after *plan*'s, of the same owner, carrying over
    the actions that are not finished: with their keys, numbers, served measures
    and the budgets of the new year and later. Refused if it was made already."""
    if plan.carried_to.exists():
        raise ValidationError(_("Next year's plan has been made already."))
    year = plan.year_end + 1
    new = create_plan(
        plan.strategy,
        user=user,
        year_start=year,
        year_end=year,
        unit=plan.unit,
        carried_from=plan,
    )
    old = list(
        plan.actions.exclude(status__in=FINISHED).prefetch_related("served", "budgets")
    )
    copies = [
        PlanAction(plan=new, **{f: getattr(a, f) for f in CARRIED_FIELDS}) for a in old
    ]
    for copy in copies:
        attributed(copy, user=user, reason="plan.carry_over")
        copy.save()
    for action, copy in zip(old, copies, strict=True):
        served = [
            ActionMeasure(action=copy, measure_key=s.measure_key)
            for s in action.served.all()
        ]
        budgets = [
            ActionBudget(action=copy, year=b.year, amount_nok=b.amount_nok)
            for b in action.budgets.all()
            if b.year >= year
        ]
        _save_all([*served, *budgets], user=user, reason="plan.carry_over")
    return Carried(new, copies)


def _save_all(rows: Iterable[Any], *, user: Any, reason: str) -> None:
    # One by one, so each row writes its history.
    for row in rows:
        attributed(row, user=user, reason=reason)
        row.save()


# Actions


def next_action_number(plan: ActionPlan) -> str:
    return removal.next_number(plan.actions.values_list("number", flat=True))


def _check_action(plan: ActionPlan, values: dict[str, Any], pk: int | None) -> None:
    number = values.get("number")
    if number is not None:
        taken = plan.actions.filter(number=number)
        if pk is not None:
            taken = taken.exclude(pk=pk)
        if taken.exists():
            raise ValidationError(
                {"number": _("Another action of this plan has number %s.") % number}
            )
    if "title" in values and not str(values["title"]).strip():
        raise ValidationError({"title": _("Give the action a title.")})
    start, deadline = values.get("start"), values.get("deadline")
    if start and deadline and deadline < start:
        raise ValidationError({"deadline": _("The deadline is before the start.")})
    _check_unit(plan.strategy, values.get("unit"), "unit")


def _measure_keys(plan: ActionPlan, keys: Iterable[str]) -> list[str]:
    """*keys* that are keys of measures of *plan*'s strategy, in the given order;
    ValidationError naming any other."""
    wanted = list(dict.fromkeys(keys))
    known = set(
        Measure.objects.filter(
            theme__strategy_id=plan.strategy_id, key__in=wanted
        ).values_list("key", flat=True)
    )
    if set(wanted) - known:
        raise ValidationError({"measures": _("Not a measure of this strategy.")})
    return wanted


def _check_served(keys: list[str], outside_strategy: bool) -> None:
    if not keys and not outside_strategy:
        raise ValidationError(
            {
                "measures": _(
                    "Choose at least one measure the action serves, or mark it outside the strategy."
                )
            }
        )


@transaction.atomic
def add_action(
    plan: ActionPlan,
    values: dict[str, Any],
    *,
    user: Any,
    measures: Iterable[str] = (),
    budget: dict[int, int | None] | None = None,
) -> PlanAction:
    """A new action of a draft plan, with the next free number unless *values* names
    one, serving *measures* (keys) and with *budget* (year → NOK)."""
    require_plan_draft(user, plan)
    fields = {k: v for k, v in values.items() if k in ACTION_FIELDS}
    if not fields.get("number"):
        fields["number"] = next_action_number(plan)
    _check_action(plan, fields, None)
    keys = _measure_keys(plan, measures)
    _check_served(keys, bool(fields.get("outside_strategy")))
    action = PlanAction(plan=plan, **fields)
    attributed(action, user=user, reason="plan.action_add")
    action.save()
    _replace_served(action, keys, user=user, reason="plan.action_add")
    if budget:
        _write_budget(action, budget, user=user, reason="plan.action_add")
    return action


@transaction.atomic
def update_action(
    action: PlanAction,
    changes: dict[str, Any],
    *,
    loaded_revision: int,
    user: Any,
    measures: Iterable[str] | None = None,
    budget: dict[int, int | None] | None = None,
    reason: str = "",
) -> PlanAction:
    """Change an action of a draft plan if it is still at *loaded_revision* (else
    EditConflict), with its served *measures* and *budget* where given."""
    plan = action.plan
    require_plan_draft(user, plan)
    unknown = set(changes) - set(ACTION_FIELDS)
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    fields = dict(changes)
    if "number" in fields and not fields["number"]:
        del fields["number"]
    merged = {f: getattr(action, f) for f in ("start", "deadline")} | fields
    _check_action(plan, merged, action.pk)
    outside = fields.get("outside_strategy", action.outside_strategy)
    keys = None
    if measures is not None:
        keys = _measure_keys(plan, measures)
        _check_served(keys, outside)
    elif not outside and not action.served.exists():
        _check_served([], outside)
    if "number" in fields:
        fields["sort_key"] = natural_key(fields["number"])
    fields = {
        (f"{k}_id" if k == "unit" else k): (v.pk if k == "unit" and v else v)
        for k, v in fields.items()
    }
    action = _compare_and_set(
        action, fields, loaded_revision=loaded_revision, user=user, reason=reason
    )
    if keys is not None:
        _replace_served(action, keys, user=user, reason=reason)
    if budget is not None:
        _write_budget(action, budget, user=user, reason=reason)
    return action


@transaction.atomic
def set_served_measures(
    action: PlanAction, keys: Iterable[str], *, user: Any, reason: str = ""
) -> list[str]:
    """The measures (by key) *action* serves: at least one of its strategy's, unless
    it is marked outside the strategy."""
    require_plan_draft(user, action.plan)
    wanted = _measure_keys(action.plan, keys)
    _check_served(wanted, action.outside_strategy)
    _replace_served(action, wanted, user=user, reason=reason)
    return wanted


def _replace_served(
    action: PlanAction, keys: list[str], *, user: Any, reason: str
) -> None:
    links = {link.measure_key: link for link in action.served.all()}
    for key, link in links.items():
        if key not in keys:
            attributed(link, user=user, reason=reason)
            link.delete()
    _save_all(
        [ActionMeasure(action=action, measure_key=k) for k in keys if k not in links],
        user=user,
        reason=reason,
    )


@transaction.atomic
def set_budget(
    action: PlanAction,
    amounts: dict[int, int | None],
    *,
    user: Any,
    reason: str = "",
) -> None:
    """*action*'s budget in NOK for each year given; None takes a year's budget away.
    Years not given are left as they are."""
    require_plan_draft(user, action.plan)
    _write_budget(action, amounts, user=user, reason=reason)


def _write_budget(
    action: PlanAction, amounts: dict[int, int | None], *, user: Any, reason: str
) -> None:
    for year, amount in amounts.items():
        if amount is not None and amount < 0:
            raise ValidationError({f"budget_{year}": _("A budget cannot be negative.")})
    rows = {b.year: b for b in action.budgets.filter(year__in=list(amounts))}
    for year, amount in amounts.items():
        row = rows.get(year)
        if amount is None:
            if row is not None:
                attributed(row, user=user, reason=reason)
                row.delete()
        elif row is None or row.amount_nok != amount:
            row = row or ActionBudget(action=action, year=year)
            row.amount_nok = amount
            attributed(row, user=user, reason=reason)
            row.save()


def remove_action(
    action: PlanAction,
    *,
    user: Any,
    reason: str,
    loaded_revision: int | None = None,
) -> removal.Removal:
    """Remove an action of a draft plan for *reason*; the history keeps it."""
    return removal.remove_part(
        action,
        user=user,
        reason=reason,
        loaded_revision=loaded_revision,
        check=_require_action_draft,
    )


def restore_action(
    plan: ActionPlan, pk: int, *, user: Any, reason: str = ""
) -> removal.Restored:
    """Undo the removal of action *pk* of *plan* (a draft): it comes back with its
    key, served measures and budget; NotRemoved if it was not removed from *plan*."""
    record = removal.removed_record(PlanAction, pk)
    if record.plan_id != plan.pk:
        raise removal.NotRemoved(f"action {pk} is not of plan {plan.pk}")
    return removal.restore_removed(
        PlanAction,
        pk,
        user=user,
        reason=reason,
        strategy=plan.strategy,
        check=_require_action_draft,
    )
