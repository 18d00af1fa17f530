"""Making and editing action plans and their actions (actions/plans.py).

The strategy is found through the one disclosure rule (404), an approved plan
answers 409 and why (plans.PlanFrozen, as views/drafting.py answers a frozen
version) before the rules are asked, and then anyone who may not change the
plan is refused (403). Bad input comes back next to its field (422), an edit
someone else saved first with the stored values beside the editor's (409).
Every page works with htmx (the fragment alone) and without JavaScript
(POST/redirect/GET).
"""

from __future__ import annotations

from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from planverk.strategies.actions import plans as actions
from planverk.strategies.actions.editing import EditConflict
from planverk.strategies.forms_plans import (
    ActionForm,
    ApproveForm,
    NewPlanForm,
    PlanFieldsForm,
)
from planverk.strategies.forms_records import RemoveForm
from planverk.strategies.models import (
    ActionPlan,
    Measure,
    PlanAction,
    Strategy,
)
from planverk.strategies.models.plans import FINISHED
from planverk.strategies.permissions import Action, can, membership, require
from planverk.strategies.views.drafting import GET_POST, RECORDS, View, done, respond
from planverk.strategies.views.fragments import HtmxHttpRequest
from planverk.strategies.views.records import (
    add_record,
    at_revision,
    differences,
    edit_record,
    save,
    stored,
)
from planverk.strategies.visibility import visible_strategy

PLANS = "strategies/plans/edit/"
PAGE = RECORDS + "page.html"


def planning(view: View) -> View:
    """Signed in only; an approved plan answers 409 and why."""

    @login_required
    @wraps(view)
    def wrapper(request: HtmxHttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except actions.PlanFrozen as frozen:
            context = {
                "plan": frozen.plan,
                "strategy": frozen.plan.strategy,
                "title": _("This action plan is frozen"),
            }
            return respond(
                request, PLANS + "_frozen.html", context, status=409, page=PAGE
            )

    return wrapper


def _url(name: str, strategy: Strategy, *args: Any) -> str:
    return reverse(
        f"strategies:{name}", args=[strategy.organization.slug, strategy.pk, *args]
    )


def _plan(strategy: Strategy, pk: int) -> ActionPlan:
    plan = get_object_or_404(
        ActionPlan.objects.select_related("unit"), strategy=strategy, pk=pk
    )
    plan.strategy = strategy
    return plan


def _draft_plan(request: HtmxHttpRequest, org: str, pk: int, plan: int) -> ActionPlan:
    """The plan, if the reader may see its strategy (404), it is a draft
    (PlanFrozen: 409) and the reader may change it (403)."""
    found = _plan(visible_strategy(request.user, org, pk), plan)
    actions.require_plan_draft(request.user, found)
    return found


def _action(plan: ActionPlan, pk: int) -> PlanAction:
    action = get_object_or_404(
        PlanAction.objects.prefetch_related("served", "budgets"), plan=plan, pk=pk
    )
    action.plan = plan
    return action


def _measures(strategy: Strategy) -> list[Measure]:
    return list(
        Measure.objects.filter(theme__strategy=strategy)
        .select_related("theme")
        .order_by("theme__sort_key", "sort_key")
    )


# The plans: the list and a new one


def _planned_units(user: Any, strategy: Strategy) -> tuple[bool, list[Any]]:
    """Whether *user* may make the organisation's plan, and the units whose plans
    they may make (every unit for an editor, their own for a unit editor)."""
    whole = can(user, Action.EDIT_PLAN, ActionPlan(strategy=strategy))
    units = list(strategy.organization.units.all())
    if not whole:
        member = membership(user, strategy.organization)
        mine = {u.pk for u in member.units.all()} if member else set()
        units = [
            u
            for u in units
            if u.pk in mine
            and can(user, Action.EDIT_PLAN, ActionPlan(strategy=strategy, unit=u))
        ]
    return whole, units


@planning
@GET_POST
def plan_add(request: HtmxHttpRequest, org: str, pk: int) -> HttpResponse:
    """The strategy's action plans, each to edit, and a new plan of the
    organisation or of a unit."""
    strategy = visible_strategy(request.user, org, pk)
    whole, units = _planned_units(request.user, strategy)
    if not whole and not units:
        raise PermissionDenied
    form = NewPlanForm(request.POST or None, strategy=strategy)
    # Offered: the units the reader may plan for. Any unit of the organisation is
    # taken, so that another's is refused by the rules (403), not as bad input.
    unit = form.fields["unit"]
    unit.required = not whole
    offered = [("", unit.empty_label)] if whole else []  # type: ignore[attr-defined]
    unit.widget.choices = [*offered, *((u.pk, u.name) for u in units)]
    plans = list(strategy.action_plans.select_related("unit", "parent"))

    def add(values: dict[str, Any]) -> ActionPlan:
        return actions.create_plan(strategy, user=request.user, **values)

    def page(form: NewPlanForm, status: int = 200) -> HttpResponse:
        context = {
            "strategy": strategy,
            "form": form,
            "plans": plans,
            "title": _("Action plans"),
            "url": _url("plan_add", strategy),
            "back": _url("strategy_edit", strategy),
        }
        return respond(request, PLANS + "_plans.html", context, status, page=PAGE)

    return add_record(
        request,
        form,
        add,
        page=page,
        saved=lambda plan: done(
            request,
            _url("plan_edit", strategy, plan.pk),
            _("The action plan “%(title)s” is made.") % {"title": plan.title},
        ),
    )


# One plan: its fields and its actions


@planning
@GET_POST
def plan_edit(request: HtmxHttpRequest, org: str, pk: int, plan: int) -> HttpResponse:
    """A draft plan's title and period, and its actions, each to edit or remove."""
    found = _draft_plan(request, org, pk, plan)
    strategy = found.strategy
    return edit_record(
        request,
        PlanFieldsForm,
        found,
        actions.PLAN_FIELDS,
        lambda values, revision: actions.update_plan(
            found, values, loaded_revision=revision, user=request.user
        ),
        page=lambda form, **shown: _plan_page(request, found, form, **shown),
        saved=lambda saved: done(
            request,
            _url("plan_edit", strategy, saved.pk),
            _("The action plan is saved."),
        ),
        strategy=strategy,
    )


def _plan_page(
    request: HtmxHttpRequest,
    plan: ActionPlan,
    form: PlanFieldsForm,
    status: int = 200,
    conflict: list[dict[str, Any]] | None = None,
) -> HttpResponse:
    strategy = plan.strategy
    rows = list(
        plan.actions.select_related("unit").prefetch_related("budgets", "served")
    )
    carried_from = None
    if plan.carried_from_id:
        carried_from = ActionPlan.objects.filter(pk=plan.carried_from_id).first()
    context = {
        "strategy": strategy,
        "plan": plan,
        "form": form,
        "actions": rows,
        "carried_from": carried_from,
        "title": plan.title,
        "title_lang": strategy.language,
        "url": _url("plan_edit", strategy, plan.pk),
        "back": _url("plan_add", strategy),
        "conflict": conflict,
    }
    return respond(request, PLANS + "_plan.html", context, status, page=PAGE)


# Actions


@planning
@GET_POST
def action_add(request: HtmxHttpRequest, org: str, pk: int, plan: int) -> HttpResponse:
    found = _draft_plan(request, org, pk, plan)
    measures = _measures(found.strategy)
    form = ActionForm(request.POST or None, plan=found, measures=measures, adding=True)
    return add_record(
        request,
        form,
        lambda values: actions.add_action(
            found,
            values,
            user=request.user,
            measures=form.served(),
            budget=form.budget(),
        ),
        page=lambda form, **shown: _action_page(request, found, form, None, **shown),
        saved=lambda action: _action_saved(request, found, action),
    )


@planning
@GET_POST
def action_edit(
    request: HtmxHttpRequest, org: str, pk: int, plan: int, action: int
) -> HttpResponse:
    """Every field of one action, the measures it serves and its budget."""
    found = _draft_plan(request, org, pk, plan)
    part = _action(found, action)
    kwargs: dict[str, Any] = {"plan": found, "measures": _measures(found.strategy)}

    def page(form: ActionForm, **shown: Any) -> HttpResponse:
        return _action_page(request, found, form, part, **shown)

    if request.method == "GET":
        return page(ActionForm(initial=_action_initial(part), **kwargs))
    form = ActionForm(request.POST, **kwargs)
    result = save(
        form,
        lambda values, revision: actions.update_action(
            part,
            values,
            loaded_revision=revision,
            user=request.user,
            measures=form.served(),
            budget=form.budget(),
        ),
    )
    if result.record is not None:
        return _action_saved(request, found, result.record)
    if result.status == 409:
        rows = differences(form, result.current)
        data = at_revision(request, result.current.revision)
        return page(ActionForm(data, **kwargs), status=409, conflict=rows)
    return page(form, status=result.status)


def _action_initial(action: PlanAction) -> dict[str, Any]:
    values = ActionForm.initial_from(
        stored(action, actions.ACTION_FIELDS), action.revision
    )
    values["measures"] = [s.measure_key for s in action.served.all()]
    for budget in action.budgets.all():
        values[f"budget_{budget.year}"] = budget.amount_nok
    return values


def _action_saved(
    request: HtmxHttpRequest, plan: ActionPlan, action: PlanAction
) -> HttpResponse:
    url = f"{_url('plan_edit', plan.strategy, plan.pk)}#action-{action.pk}"
    return done(
        request, url, _("Action %(number)s is saved.") % {"number": action.number}
    )


def _action_page(
    request: HtmxHttpRequest,
    plan: ActionPlan,
    form: ActionForm,
    action: PlanAction | None,
    status: int = 200,
    conflict: list[dict[str, Any]] | None = None,
) -> HttpResponse:
    strategy = plan.strategy
    if action is None:
        title, url = _("New action"), _url("plan_action_add", strategy, plan.pk)
    else:
        title = _("Action %(number)s") % {"number": action.number}
        url = _url("plan_action_edit", strategy, plan.pk, action.pk)
    context = {
        "strategy": strategy,
        "plan": plan,
        "action": action,
        "form": form,
        "title": title,
        "url": url,
        "back": _url("plan_edit", strategy, plan.pk),
        "conflict": conflict,
        "next_number": actions.next_action_number(plan) if action is None else "",
    }
    return respond(request, PLANS + "_action_form.html", context, status, page=PAGE)


@planning
@GET_POST
def action_remove(
    request: HtmxHttpRequest, org: str, pk: int, plan: int, action: int
) -> HttpResponse:
    """Asks why, then removes the action; the history keeps it."""
    found = _draft_plan(request, org, pk, plan)
    part = _action(found, action)
    back = _url("plan_edit", found.strategy, found.pk)
    form = RemoveForm(
        request.POST or None, revised=True, initial={"revision": part.revision}
    )
    status, changed = 200, False
    if request.method == "POST":
        status = 422
        if form.is_valid():
            try:
                actions.remove_action(
                    part,
                    user=request.user,
                    reason=form.cleaned_data["reason"],
                    loaded_revision=form.cleaned_data["revision"],
                )
            except EditConflict:
                status, changed = 409, True
            except ValidationError as error:
                form.add_error("reason", error.messages)
            else:
                message = _("Action %(number)s is removed.") % {"number": part.number}
                return done(request, back, message)
    name = _("action %(number)s, “%(title)s”") % {
        "number": part.number,
        "title": part.title[:80],
    }
    context = {
        "strategy": found.strategy,
        "part": {"name": name, "uses": [], "back": back},
        "form": form,
        "title": _("Remove action %(number)s") % {"number": part.number},
        "url": _url("plan_action_remove", found.strategy, found.pk, part.pk),
        "changed_meanwhile": changed,
    }
    return respond(request, RECORDS + "_remove.html", context, status, page=PAGE)


# Approving, and next year's plan


@planning
@GET_POST
def plan_approve(
    request: HtmxHttpRequest, org: str, pk: int, plan: int
) -> HttpResponse:
    """The decision that approves a draft plan: who, when, the reference."""
    found = _plan(visible_strategy(request.user, org, pk), plan)
    actions.check_plan_draft(found)
    strategy = found.strategy
    require(request.user, Action.PUBLISH_STRATEGY, strategy)
    form = ApproveForm(request.POST or None, strategy=strategy)

    def approve(values: dict[str, Any]) -> Any:
        return actions.approve_plan(found, user=request.user, **values)

    def page(form: ApproveForm, status: int = 200) -> HttpResponse:
        context = {
            "strategy": strategy,
            "plan": found,
            "form": form,
            "title": _("Approve “%(title)s”") % {"title": found.title},
            "url": _url("plan_approve", strategy, found.pk),
            "back": _url("plan_edit", strategy, found.pk),
        }
        return respond(request, PLANS + "_approve.html", context, status, page=PAGE)

    return add_record(
        request,
        form,
        approve,
        page=page,
        saved=lambda _decision: done(
            request,
            _url("plan_add", strategy),
            _("The action plan “%(title)s” is approved.") % {"title": found.title},
        ),
    )


@planning
@GET_POST
def plan_next_year(
    request: HtmxHttpRequest, org: str, pk: int, plan: int
) -> HttpResponse:
    """GET: what next year's plan would carry over; POST: make it, then its page
    shows what was carried over."""
    found = _plan(visible_strategy(request.user, org, pk), plan)
    strategy = found.strategy
    require(
        request.user, Action.EDIT_PLAN, ActionPlan(strategy=strategy, unit=found.unit)
    )
    status, error = 200, ""
    if request.method == "POST":
        try:
            carried = actions.next_year_plan(found, user=request.user)
        except ValidationError as refusal:
            status, error = 422, " ".join(refusal.messages)
        else:
            count = len(carried.actions)
            message = ngettext(
                "Next year's plan is made: %(count)d unfinished action was carried over.",
                "Next year's plan is made: %(count)d unfinished actions were carried over.",
                count,
            ) % {"count": count}
            return done(request, _url("plan_edit", strategy, carried.plan.pk), message)
    context = {
        "strategy": strategy,
        "plan": found,
        "unfinished": list(
            found.actions.exclude(status__in=FINISHED).select_related("unit")
        ),
        "error": error,
        "title": _("Next year's plan after “%(title)s”") % {"title": found.title},
        "url": _url("plan_next_year", strategy, found.pk),
        "back": _url("plan_add", strategy),
    }
    return respond(request, PLANS + "_next_year.html", context, status, page=PAGE)
