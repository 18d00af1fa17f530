"""Writing a draft's structure: adding, changing, renumbering and removing its
themes, measures and goal statuses, and undoing a removal.

Each route shows its form (or its confirmation) on GET and changes the draft
on POST through one action in actions/structure.py or actions/removal.py.
Without JavaScript a form posts normally and a save redirects to the editing
page that shows the part (POST/redirect/GET); with htmx the form posts in
place (the slot it sits in, ``.edit-slot``), bad input comes back as the form
alone, and a save answers with HX-Redirect to the same page. Bad input is 422,
with the errors beside the fields.

A version that is not a draft is frozen for content: every route here answers
409 with a page that says so (``removal.Frozen``), before asking who the
reader is; for everyone but a site admin the permission rules refuse it too.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from planverk.frameworks.models import FrameworkGoal, goal_name_of
from planverk.strategies.actions import removal, structure
from planverk.strategies.actions.editing import EditConflict, merge_refused
from planverk.strategies.forms_authoring import (
    NewAssessmentForm,
    NewMeasureForm,
    RemoveForm,
    RenumberForm,
    RestoreForm,
    ThemeForm,
    ThemeSettingsForm,
)
from planverk.strategies.models import GoalAssessment, Measure, Strategy, Theme
from planverk.strategies.permissions import Action, require
from planverk.strategies.views.drafting import (
    AUTHOR,
    GET_POST,
    add_errors,
    authoring,
    done,
    draft_for,
    respond,
)
from planverk.strategies.views.fragments import HtmxHttpRequest, editing_url
from planverk.strategies.visibility import visible_strategy


def theme_of(strategy: Strategy, number: str) -> Theme:
    theme = get_object_or_404(Theme, strategy=strategy, number=number)
    theme.strategy = strategy
    return theme


def save_form(
    request: HtmxHttpRequest, form: Form, save: Callable[[dict[str, Any]], Any]
) -> HttpResponse | None:
    """Run *save* on a valid form; it returns (where to go, what to say). None
    if the form or the action refused the input (the form has the errors)."""
    if not form.is_valid():
        return None
    try:
        url, message = save(form.cleaned_data)
    except ValidationError as error:
        add_errors(form, error)
        return None
    return done(request, url, message)


def status_of(request: HtmxHttpRequest) -> int:
    """A form shown again after a POST holds errors: 422."""
    return 422 if request.method == "POST" else 200


# Themes


@authoring
@GET_POST
def theme_add(request: HtmxHttpRequest, org: str, pk: int) -> HttpResponse:
    strategy = draft_for(request, org, pk)
    initial = {"number": structure.next_theme_number(strategy)}
    form = ThemeForm(request.POST or None, initial=initial, strategy=strategy)

    def save(data: dict[str, Any]) -> tuple[str, str]:
        theme = structure.add_theme(
            strategy,
            number=data["number"],
            title=data["title"],
            text=data["text"],
            area=data.get("framework_area"),
            area_title=data["framework_area_title"],
            user=request.user,
        )
        added = _("Theme %(number)s is added.") % {"number": theme.number}
        return editing_url(strategy, theme=theme.number), added

    if request.method == "POST" and (response := save_form(request, form, save)):
        return response
    context = {"strategy": strategy, "form": form, "title": _("Add a theme")}
    return respond(request, AUTHOR + "_theme_form.html", context, status_of(request))


THEME_SETTINGS = ("number", "title", "text", "framework_area", "framework_area_title")


@authoring
@GET_POST
def theme_settings(
    request: HtmxHttpRequest, org: str, pk: int, number: str
) -> HttpResponse:
    """A theme's own fields; a stale save shows both versions and the merge (409)."""
    strategy = draft_for(request, org, pk)
    theme = theme_of(strategy, number)
    context: dict[str, Any] = {
        "strategy": strategy,
        "theme": theme,
        "title": _("Theme %(number)s: settings") % {"number": theme.number},
    }
    if request.method == "GET":
        initial = {name: getattr(theme, name) for name in THEME_SETTINGS}
        form = ThemeSettingsForm(
            initial={**initial, "revision": theme.revision}, strategy=strategy
        )
        return respond(request, AUTHOR + "_theme_form.html", {**context, "form": form})
    form = ThemeSettingsForm(request.POST, strategy=strategy)

    def save(data: dict[str, Any]) -> tuple[str, str]:
        changes = {name: data[name] for name in ("number", "title", "text")}
        saved = structure.update_theme(
            theme,
            {
                **changes,
                "area": data.get("framework_area"),
                "area_title": data["framework_area_title"],
            },
            loaded_revision=data["revision"],
            user=request.user,
        )
        message = _("Theme %(number)s is saved.") % {"number": saved.number}
        return editing_url(strategy, theme=saved.number), message

    try:
        if response := save_form(request, form, save):
            return response
    except EditConflict as conflict:
        return theme_conflict(request, form, conflict, context)
    return respond(request, AUTHOR + "_theme_form.html", {**context, "form": form}, 422)


def theme_conflict(
    request: HtmxHttpRequest,
    refused: ThemeSettingsForm,
    conflict: EditConflict,
    context: dict[str, Any],
) -> HttpResponse:
    """The refused edit beside the stored theme, and a form holding the merge."""
    data = refused.cleaned_data
    fields = [name for name in THEME_SETTINGS if name in refused.fields]
    mine = {name: data.get(name) for name in fields}
    merge = merge_refused(conflict, mine, loaded_revision=data["revision"])
    current = conflict.current
    form = ThemeSettingsForm(
        initial={**merge.merged, "revision": current.revision},
        strategy=context["strategy"],
    )
    rows = [
        {
            "label": refused.fields[name].label,
            "mine": merge.mine[name] or "",
            "current": merge.theirs[name] or "",
            "clash": name in merge.clashes,
        }
        for name in merge.differing
    ]
    context = {**context, "form": form, "rows": rows}
    return respond(request, AUTHOR + "_theme_form.html", context, status=409)


@authoring
@GET_POST
def theme_remove(
    request: HtmxHttpRequest, org: str, pk: int, number: str
) -> HttpResponse:
    """Removing a theme, with its measures and goal statuses, once confirmed."""
    strategy = draft_for(request, org, pk)
    theme = theme_of(strategy, number)
    uses = structure.theme_uses(theme)
    for goal in uses.goals:
        goal.strategy = strategy
    context = {
        "strategy": strategy,
        "part": theme,
        "uses": uses,
        "kind": "tema",
        "title": _("Remove theme %(number)s") % {"number": theme.number},
        "back": editing_url(strategy, theme=theme.number),
    }
    return confirm_removal(
        request,
        context,
        lambda reason, revision: structure.remove_theme(
            theme, user=request.user, reason=reason, loaded_revision=revision
        ),
        editing_url(strategy, "themes"),
        _("Theme %(number)s is removed.") % {"number": theme.number},
    )


def confirm_removal(
    request: HtmxHttpRequest,
    context: dict[str, Any],
    remove: Callable[[str, int | None], Any],
    after: str,
    message: str,
) -> HttpResponse:
    """GET: where the part is still used, and the form; POST: remove it.

    If the part changed since the page was shown, nothing is removed and the
    page comes again with the part as it is now (409)."""
    part = context["part"]
    if request.method == "GET":
        form = RemoveForm(initial={"revision": part.revision})
        return respond(request, AUTHOR + "_remove.html", {**context, "form": form})
    form = RemoveForm(request.POST)
    if form.is_valid():
        try:
            remove(form.cleaned_data["reason"], form.cleaned_data["revision"])
        except ValidationError as error:
            add_errors(form, error)
        except EditConflict as conflict:
            fresh = RemoveForm(
                initial={
                    "revision": conflict.current.revision,
                    "reason": form.cleaned_data["reason"],
                }
            )
            context = {**context, "form": fresh, "moved": True}
            return respond(request, AUTHOR + "_remove.html", context, status=409)
        else:
            return done(request, after, message)
    return respond(
        request, AUTHOR + "_remove.html", {**context, "form": form}, status=422
    )


@authoring
@GET_POST
def theme_renumber(
    request: HtmxHttpRequest, org: str, pk: int, number: str
) -> HttpResponse:
    """GET: what renumbering the theme's measures 7.1, 7.2 … would change; POST:
    do it. If the theme changed since (a move, a renumbering), 409 and the plan
    as it is now."""
    strategy = draft_for(request, org, pk)
    theme = theme_of(strategy, number)
    back = editing_url(strategy, f"theme-{theme.number}-measures", theme=theme.number)
    status = 200
    if request.method == "POST":
        form = RenumberForm(request.POST)
        if form.is_valid():
            try:
                changed = structure.renumber_theme(
                    theme,
                    loaded_revision=form.cleaned_data["revision"],
                    user=request.user,
                )
            except EditConflict:
                status = 409
                theme.refresh_from_db()
            else:
                return done(request, back, renumbered_message(changed))
        else:
            status = 422
    context = {
        "strategy": strategy,
        "theme": theme,
        "plan": structure.renumber_plan(theme),
        "form": RenumberForm(initial={"revision": theme.revision}),
        "moved": status == 409,
        "title": _("Renumber theme %(number)s") % {"number": theme.number},
        "back": back,
    }
    return respond(request, AUTHOR + "_renumber.html", context, status)


def renumbered_message(changed: list[tuple[str, str]]) -> str:
    if not changed:
        return _("The measures were numbered in order already; nothing changed.")
    pairs = ", ".join(f"{old} → {new}" for old, new in changed)
    return _("Renumbered: %(changes)s.") % {"changes": pairs}


# Measures


@authoring
@GET_POST
def measure_add(
    request: HtmxHttpRequest, org: str, pk: int, number: str
) -> HttpResponse:
    strategy = draft_for(request, org, pk)
    theme = theme_of(strategy, number)
    initial = {"number": structure.next_measure_number(theme)}
    form = NewMeasureForm(request.POST or None, initial=initial, theme=theme)

    def save(data: dict[str, Any]) -> tuple[str, str]:
        measure = structure.add_measure(
            theme,
            number=data["number"],
            objective=data["objective"],
            description=data["description"],
            items=data["items"],
            start=data["start"],
            group=data["group"],
            units=data["units"],
            user=request.user,
        )
        added = _("Measure %(number)s is added.") % {"number": measure.number}
        url = editing_url(strategy, f"measure-{measure.pk}", theme=theme.number)
        return url, added

    if request.method == "POST" and (response := save_form(request, form, save)):
        return response
    context = {
        "strategy": strategy,
        "theme": theme,
        "form": form,
        "title": _("Add a measure to theme %(number)s") % {"number": theme.number},
        "back": editing_url(strategy, theme=theme.number),
    }
    return respond(request, AUTHOR + "_measure_form.html", context, status_of(request))


@authoring
@GET_POST
def measure_remove(
    request: HtmxHttpRequest, org: str, pk: int, measure: int
) -> HttpResponse:
    """Removing a measure, once confirmed; the page names the action items
    that still mention it, and its units."""
    strategy = draft_for(request, org, pk)
    measures = Measure.objects.select_related("theme").prefetch_related(
        "measureunit_set__unit"
    )
    found = get_object_or_404(measures, theme__strategy=strategy, pk=measure)
    found.theme.strategy = strategy
    back = editing_url(strategy, theme=found.theme.number)
    context = {
        "strategy": strategy,
        "part": found,
        "uses": structure.measure_uses(found),
        "kind": "tiltak",
        "title": _("Remove measure %(number)s") % {"number": found.number},
        "back": back,
    }
    return confirm_removal(
        request,
        context,
        lambda reason, revision: structure.remove_measure(
            found, user=request.user, reason=reason, loaded_revision=revision
        ),
        back,
        _("Measure %(number)s is removed.") % {"number": found.number},
    )


# Goal statuses


@authoring
@GET_POST
def assessment_add(request: HtmxHttpRequest, org: str, pk: int) -> HttpResponse:
    """A status on a national goal; ``?tema=7`` proposes theme 7 for it."""
    strategy = draft_for(request, org, pk)
    initial = {"theme_number": request.GET.get("tema", "")}
    form = NewAssessmentForm(request.POST or None, initial=initial, strategy=strategy)

    def save(data: dict[str, Any]) -> tuple[str, str]:
        goal = structure.add_assessment(
            strategy,
            framework_goal=data.get("framework_goal"),
            area=data["area"],
            number=data["number"],
            deadline=data["deadline"],
            goal_text=data["goal_text"],
            theme_number=data["theme_number"],
            level=data["level"],
            status_text=data["status_text"],
            as_of=data["as_of"],
            user=request.user,
        )
        goal.strategy = strategy
        added = _("The status on %(goal)s is added.") % {"goal": goal_name_of(goal)}
        return goal_page(strategy, goal, f"goal-{goal.pk}"), added

    if request.method == "POST" and (response := save_form(request, form, save)):
        return response
    context = {
        "strategy": strategy,
        "form": form,
        "title": _("Add a status on a national goal"),
    }
    return respond(
        request, AUTHOR + "_assessment_form.html", context, status_of(request)
    )


@authoring
@GET_POST
def assessment_remove(
    request: HtmxHttpRequest, org: str, pk: int, assessment: int
) -> HttpResponse:
    strategy = draft_for(request, org, pk)
    goals = GoalAssessment.objects.select_related("framework_goal__area")
    goal = get_object_or_404(goals, strategy=strategy, pk=assessment)
    goal.strategy = strategy
    back = goal_page(strategy, goal)
    name = goal_name_of(goal)
    context = {
        "strategy": strategy,
        "part": goal,
        "kind": "mal",
        "title": _("Remove the status on %(goal)s") % {"goal": name},
        "back": back,
    }
    return confirm_removal(
        request,
        context,
        lambda reason, revision: structure.remove_assessment(
            goal, user=request.user, reason=reason, loaded_revision=revision
        ),
        back,
        _("The status on %(goal)s is removed.") % {"goal": name},
    )


def goal_page(strategy: Strategy, goal: GoalAssessment, anchor: str = "") -> str:
    """The editing page that shows *goal*: its theme's, if the strategy has it."""
    on_theme = strategy.themes.filter(number=goal.theme_number).exists()
    return editing_url(strategy, anchor, theme=goal.theme_number if on_theme else None)


# Removed parts, and undoing a removal


@login_required
def removed_list(request: HtmxHttpRequest, org: str, pk: int) -> HttpResponse:
    """The parts removed from the strategy (of every kind in removal.KINDS),
    newest first, with who, when and why; in a draft, each can be brought back."""
    strategy = visible_strategy(request.user, org, pk)
    require(request.user, Action.VIEW_EXEMPT, strategy)
    return removed_page(request, strategy)


def removed_page(
    request: HtmxHttpRequest, strategy: Strategy, error: str = "", status: int = 200
) -> HttpResponse:
    entries = removal.removed_parts(strategy)
    parts = [e.part for entry in entries for e in (entry, *entry.carried)]
    goals = [p for p in parts if isinstance(p, GoalAssessment)]
    # What the goals' names read, in one query however many were removed.
    agenda = FrameworkGoal.objects.select_related("area").in_bulk(
        {g.framework_goal_id for g in goals if g.framework_goal_id}
    )
    for goal in goals:
        goal.framework_goal = agenda.get(goal.framework_goal_id)
    context = {
        "strategy": strategy,
        "entries": entries,
        "error": error,
        "title": _("Removed parts"),
    }
    return render(request, AUTHOR + "removed.html", context, status=status)


@authoring
@require_POST
def part_restore(
    request: HtmxHttpRequest, org: str, pk: int, kind: str, part: int
) -> HttpResponse:
    """Undo the removal of a part of the strategy (any kind in removal.KINDS)."""
    model = removal.KINDS.get(kind)
    if model is None:
        raise Http404
    strategy = draft_for(request, org, pk)
    form = RestoreForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    listing = reverse("strategies:removed_parts", args=[org, strategy.pk])
    try:
        restored = removal.restore_removed(
            model, part, user=request.user, reason=reason, strategy=strategy
        )
    except removal.NotRemoved:
        messages.info(request, _("That part is not removed (any more)."))
        return redirect(listing)
    except ValidationError as error:
        return removed_page(request, strategy, " ".join(error.messages), 422)
    return done(request, restored_url(strategy, restored), restored_message(restored))


def restored_url(strategy: Strategy, restored: removal.Restored) -> str:
    part: Any = restored.part
    if isinstance(part, Theme):
        return editing_url(strategy, theme=part.number)
    if isinstance(part, Measure):
        number = Theme.objects.get(pk=part.theme_id).number
        return editing_url(strategy, f"measure-{part.pk}", theme=number)
    if isinstance(part, GoalAssessment):
        return goal_page(strategy, part, f"goal-{part.pk}")
    return editing_url(strategy)


def restored_message(restored: removal.Restored) -> str:
    message = _("The removal is undone.")
    if restored.renumbered:
        note = _("Its number was taken meanwhile; it is now %(number)s.")
        message = f"{message} {note % {'number': restored.renumbered}}"
    return message
