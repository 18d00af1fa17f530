"""Editing a draft in place: one view, two templates (a page, or an htmx fragment).

Each edit view shows its form on GET and saves on POST through one action in
actions/editing.py, which checks permission and compares the revision the form
carries. Without JavaScript the same forms post normally and redirect back to
the editing page (POST/redirect/GET); with htmx the answer replaces the "slot"
(the element with class edit-slot) the form sits in.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.forms import ChoiceField, Form, ModelMultipleChoiceField
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from planverk.strategies.actions import editing as actions
from planverk.strategies.forms_editing import (
    MEASURE_VALUES,
    ActionItemForm,
    AssessmentForm,
    MeasureForm,
    MoveForm,
    action_item_initial,
    assessment_initial,
    measure_initial,
)
from planverk.strategies.models import (
    ActionItem,
    GoalAssessment,
    Measure,
    Strategy,
    Theme,
)
from planverk.strategies.permissions import Action, can, require
from planverk.strategies.timeline import base_values, merge
from planverk.strategies.visibility import visible_strategy

GET_POST = require_http_methods(["GET", "POST"])
EDIT = "strategies/edit/"


def is_partial(request: HttpRequest) -> bool:
    """An htmx request that swaps part of a page (not a boosted navigation)."""
    return (
        request.headers.get("HX-Request") == "true"
        and request.headers.get("HX-Boosted") != "true"
    )


def respond(
    request: HttpRequest, fragment: str, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    """The fragment alone for htmx; otherwise a full page around it."""
    if is_partial(request):
        context = {**context, "inline": True}
        return render(request, EDIT + fragment, context, status=status)
    page = {**context, "fragment": EDIT + fragment, "inline": False}
    return render(request, EDIT + "page.html", page, status=status)


def editing_url(strategy: Strategy, anchor: str = "") -> str:
    url = reverse(
        "strategies:strategy_edit", args=[strategy.organization.slug, strategy.pk]
    )
    return f"{url}#{anchor}" if anchor else url


def mark_editable(
    user: Any, strategy: Strategy, measures: Any = (), goals: Any = ()
) -> None:
    """Set ``editable`` on each measure and goal, for templates/strategies/edit/_controls.html."""
    edit_strategy = can(user, Action.EDIT_STRATEGY, strategy)
    for measure in measures:
        measure.editable = can(user, Action.EDIT_MEASURE, measure)
    for goal in goals:
        goal.editable = edit_strategy


@login_required
def strategy_edit(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    strategy = visible_strategy(request.user, org, pk)
    # The page lists every part, exempt ones too: for the organisation's members.
    require(request.user, Action.VIEW_EXEMPT, strategy)
    measures = Measure.objects.prefetch_related("measureunit_set__unit", "proposed_by")
    themes = list(strategy.themes.prefetch_related(Prefetch("measures", measures)))
    goals = list(strategy.goal_assessments.all())
    all_measures = [m for theme in themes for m in theme.measures.all()]
    mark_editable(request.user, strategy, all_measures, goals)
    context = {
        "strategy": strategy,
        "themes": themes,
        "goals": goals,
        "items": strategy.action_items.all(),
        "edit_strategy": can(request.user, Action.EDIT_STRATEGY, strategy),
    }
    return render(request, EDIT + "strategy.html", context)


# Measures


def find_measure(request: HttpRequest, org: str, pk: int, measure: int) -> Measure:
    strategy = visible_strategy(request.user, org, pk)
    found = get_object_or_404(
        Measure.objects.select_related("theme").prefetch_related(
            "measureunit_set__unit", "proposed_by"
        ),
        theme__strategy=strategy,
        pk=measure,
    )
    found.theme.strategy = strategy
    return found


@login_required
@GET_POST
def measure_edit(request: HttpRequest, org: str, pk: int, measure: int) -> HttpResponse:
    found = find_measure(request, org, pk, measure)
    require(request.user, Action.EDIT_MEASURE, found)
    if request.method == "GET":
        form = MeasureForm(initial=measure_initial(found), measure=found)
        return respond(request, "_measure_edit.html", measure_context(found, form))
    form = MeasureForm(request.POST, measure=found)
    if not form.is_valid():
        return respond(request, "_measure_edit.html", measure_context(found, form), 422)
    changes = {name: form.cleaned_data[name] for name in (*MEASURE_VALUES, "units")}
    try:
        saved = actions.update_measure(
            found,
            changes,
            loaded_revision=form.cleaned_data["revision"],
            user=request.user,
        )
    except actions.EditConflict as conflict:
        return measure_conflict(request, form, conflict)
    except ValidationError as error:
        form.add_error(None, error)
        return respond(request, "_measure_edit.html", measure_context(found, form), 422)
    return measure_saved(request, saved)


def measure_context(measure: Measure, form: Form) -> dict[str, Any]:
    return {
        "strategy": measure.theme.strategy,
        "measure": measure,
        "form": form,
        "title": f"{measure.number} {measure.objective}".strip(),
    }


def measure_saved(request: HttpRequest, measure: Measure) -> HttpResponse:
    strategy = measure.theme.strategy
    if not is_partial(request):
        return redirect(editing_url(strategy, f"measure-{measure.pk}"))
    measure = find_measure(request, strategy.organization.slug, strategy.pk, measure.pk)
    mark_editable(request.user, strategy, [measure])
    return render(
        request, EDIT + "_measure.html", {"strategy": strategy, "measure": measure}
    )


def measure_conflict(
    request: HttpRequest, form: MeasureForm, conflict: actions.EditConflict
) -> HttpResponse:
    current: Measure = conflict.current
    current.theme = form.measure.theme
    mine = {name: form.cleaned_data[name] for name in (*MEASURE_VALUES, "units")}
    now = measure_initial(current)
    loaded = form.cleaned_data["revision"]
    merged, clashes = merge(base_values(current, loaded, MEASURE_VALUES), mine, now)
    merge_form = MeasureForm(
        initial={**merged, "revision": current.revision}, measure=current
    )
    context = measure_context(current, merge_form)
    context.update(
        conflict_rows(form, mine, now, clashes), form_template="_measure_form.html"
    )
    return respond(request, "_conflict.html", context, status=409)


def conflict_rows(
    form: Form, mine: dict[str, Any], now: dict[str, Any], clashes: list[str]
) -> dict[str, Any]:
    """The fields where the refused edit and the stored version differ, side by side."""
    rows = [
        {
            "label": form.fields[name].label,
            "mine": as_text(form, name, value),
            "current": as_text(form, name, now[name]),
            "clash": name in clashes,
        }
        for name, value in mine.items()
        if value != now[name]
    ]
    return {"rows": rows}


def as_text(form: Form, name: str, value: Any) -> str:
    field = form.fields[name]
    if isinstance(field, ChoiceField) and not isinstance(
        field, ModelMultipleChoiceField
    ):
        return str(dict(field.choices).get(value, value))  # type: ignore[arg-type]
    if isinstance(value, list | tuple):
        return "; ".join(str(v) for v in value)
    return "" if value is None else str(value)


@login_required
@require_POST
def theme_reorder(request: HttpRequest, org: str, pk: int, number: str) -> HttpResponse:
    strategy = visible_strategy(request.user, org, pk)
    theme = get_object_or_404(Theme, strategy=strategy, number=number)
    theme.strategy = strategy
    require(request.user, Action.EDIT_STRATEGY, strategy)
    form = MoveForm(request.POST)
    status = 200
    if form.is_valid():
        measure = get_object_or_404(theme.measures, pk=form.cleaned_data["measure"])
        measure.theme = theme
        try:
            actions.move_measure(
                measure,
                form.cleaned_data["step"],
                loaded_revision=form.cleaned_data["revision"],
                user=request.user,
            )
        except actions.EditConflict:
            status = 409  # someone else moved first: show the order as it is now
    else:
        status = 422
    if not is_partial(request) and status == 200:
        return redirect(editing_url(strategy, f"theme-{theme.number}"))
    return theme_measures(request, strategy, theme.pk, status)


def theme_measures(
    request: HttpRequest, strategy: Strategy, theme_pk: int, status: int
) -> HttpResponse:
    measures = Measure.objects.prefetch_related("measureunit_set__unit", "proposed_by")
    theme = strategy.themes.prefetch_related(Prefetch("measures", measures)).get(
        pk=theme_pk
    )
    mark_editable(request.user, strategy, theme.measures.all())
    context = {
        "strategy": strategy,
        "theme": theme,
        "edit_strategy": True,
        "moved_meanwhile": status == 409,
        "title": str(theme),
    }
    return respond(request, "_theme_measures.html", context, status)


# Goal assessments


def find_goal(
    request: HttpRequest, org: str, pk: int, assessment: int
) -> GoalAssessment:
    strategy = visible_strategy(request.user, org, pk)
    goal = get_object_or_404(GoalAssessment, strategy=strategy, pk=assessment)
    goal.strategy = strategy
    return goal


@login_required
@GET_POST
def assessment_edit(
    request: HttpRequest, org: str, pk: int, assessment: int
) -> HttpResponse:
    goal = find_goal(request, org, pk, assessment)
    require(request.user, Action.EDIT_STRATEGY, goal.strategy)
    if request.method == "GET":
        form = AssessmentForm(initial=assessment_initial(goal), assessment=goal)
        return respond(request, "_assessment_edit.html", goal_context(goal, form))
    form = AssessmentForm(request.POST, assessment=goal)
    if not form.is_valid():
        return respond(request, "_assessment_edit.html", goal_context(goal, form), 422)
    data = form.cleaned_data
    try:
        saved = actions.set_assessment_level(
            goal,
            data["level"],
            reason=data["reason"],
            status_text=data["status_text"],
            as_of=data["as_of"],
            loaded_revision=data["revision"],
            user=request.user,
        )
    except actions.EditConflict as conflict:
        return assessment_conflict(request, form, conflict)
    if not is_partial(request):
        return redirect(editing_url(goal.strategy, f"goal-{goal.pk}"))
    mark_editable(request.user, goal.strategy, goals=[saved])
    return render(
        request, EDIT + "_assessment.html", {"strategy": goal.strategy, "goal": saved}
    )


def goal_context(goal: GoalAssessment, form: Form) -> dict[str, Any]:
    title = f"{goal.area} {goal.number or ''}".strip()
    return {"strategy": goal.strategy, "goal": goal, "form": form, "title": title}


ASSESSMENT_VALUES = ("level", "status_text", "as_of")


def assessment_conflict(
    request: HttpRequest, form: AssessmentForm, conflict: actions.EditConflict
) -> HttpResponse:
    current: GoalAssessment = conflict.current
    current.strategy = form.assessment.strategy
    mine = {name: form.cleaned_data[name] for name in ASSESSMENT_VALUES}
    now = {name: getattr(current, name) for name in ASSESSMENT_VALUES}
    base = base_values(current, form.cleaned_data["revision"], ASSESSMENT_VALUES)
    merged, clashes = merge(base, mine, now)
    initial = {
        **merged,
        "reason": form.cleaned_data["reason"],
        "revision": current.revision,
    }
    context = goal_context(current, AssessmentForm(initial=initial, assessment=current))
    context.update(
        conflict_rows(form, mine, now, clashes), form_template="_assessment_form.html"
    )
    return respond(request, "_conflict.html", context, status=409)


# Action items


@login_required
@GET_POST
def action_item_edit(
    request: HttpRequest, org: str, pk: int, number: str
) -> HttpResponse:
    strategy = visible_strategy(request.user, org, pk)
    item = get_object_or_404(ActionItem, strategy=strategy, number=number)
    item.strategy = strategy
    require(request.user, Action.EDIT_STRATEGY, strategy)
    if request.method == "GET":
        form = ActionItemForm(initial=action_item_initial(item), item=item)
        return respond(request, "_action_item_edit.html", item_context(item, form))
    form = ActionItemForm(request.POST, item=item)
    if not form.is_valid():
        return respond(request, "_action_item_edit.html", item_context(item, form), 422)
    try:
        saved = actions.update_action_item_amount(
            item,
            form.cleaned_data["amount_nok"],
            loaded_revision=form.cleaned_data["revision"],
            user=request.user,
        )
    except actions.EditConflict as conflict:
        return action_item_conflict(request, form, conflict, strategy)
    if not is_partial(request):
        return redirect(editing_url(strategy, f"item-{item.pk}"))
    context = {"strategy": strategy, "item": saved, "edit_strategy": True}
    return render(request, EDIT + "_action_item.html", context)


def item_context(item: ActionItem, form: Form) -> dict[str, Any]:
    return {"strategy": item.strategy, "item": item, "form": form, "title": str(item)}


def action_item_conflict(
    request: HttpRequest,
    form: ActionItemForm,
    conflict: actions.EditConflict,
    strategy: Strategy,
) -> HttpResponse:
    current: ActionItem = conflict.current
    current.strategy = strategy
    mine = {"amount_nok": form.cleaned_data["amount_nok"]}
    now = {"amount_nok": current.amount_nok}
    initial = {**action_item_initial(current), "revision": current.revision}
    if mine != now:
        initial["amount_nok"] = form.data.get("amount_nok", "")
    context = item_context(current, ActionItemForm(initial=initial, item=current))
    context.update(
        conflict_rows(form, mine, now, ["amount_nok"]),
        form_template="_action_item_form.html",
    )
    return respond(request, "_conflict.html", context, status=409)
