"""Editing a draft in place: one view, two templates (a page, or an htmx fragment).

Each edit view shows its form on GET and saves on POST through one action in
actions/editing.py, which checks permission and compares the revision the form
carries. Without JavaScript the same forms post normally and redirect back to
the editing page that shows the part: its theme's page for measures and for
goals of a theme, else the strategy's (POST/redirect/GET); with htmx the answer
replaces the "slot" (the element with class edit-slot) the form sits in.
Measures, goal statuses and action items share that flow, and its conflict
page: ``PartEditor``.

What a reader may do is asked in the templates (``{% can %}``, templatetags/
permissions.py); the views only refuse what the reader may not do.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any, ClassVar, Generic, TypeVar

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, QuerySet, prefetch_related_objects
from django.forms import ChoiceField, Form, ModelMultipleChoiceField
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from planverk.frameworks.models import goal_name_of
from planverk.strategies.actions import editing as actions
from planverk.strategies.forms_editing import (
    ActionItemForm,
    AssessmentForm,
    ConfirmLevelsForm,
    MeasureForm,
    MoveForm,
    RevisionForm,
)
from planverk.strategies.models import (
    ActionItem,
    GoalAssessment,
    Measure,
    Strategy,
    Theme,
)
from planverk.strategies.models.base import Part
from planverk.strategies.permissions import Action, require
from planverk.strategies.views.fragments import (
    EDIT,
    HtmxHttpRequest,
    editing_url,
    respond,
    swaps_part,
)
from planverk.strategies.visibility import visible_strategy

GET_POST = require_http_methods(["GET", "POST"])
P = TypeVar("P", bound=Part)


def measures_with_owners() -> QuerySet[Measure]:
    """Measures with what their cards and the permission rule read (their owners)."""
    return Measure.objects.prefetch_related("measureunit_set__unit", "proposed_by")


def goals_of(strategy: Strategy) -> QuerySet[GoalAssessment]:
    """The strategy's goal statuses with what their names read (the agenda's goal)."""
    return strategy.goal_assessments.select_related("framework_goal__area")


@dataclass(frozen=True)
class ThemeEntry:
    """A theme in the editing page's list of themes, with what its page holds."""

    theme: Theme
    measures: int
    goals: int
    unconfirmed: int  # goals whose level is still the importer's suggestion


@login_required
def strategy_edit(request: HtmxHttpRequest, org: str, pk: int) -> HttpResponse:
    """The strategy's editing page: its themes (each edited on a page of its own),
    the goals outside the themes, and the action plan."""
    strategy = visible_strategy(request.user, org, pk)
    # The pages list every part, exempt ones too: for the organisation's members.
    require(request.user, Action.VIEW_EXEMPT, strategy)
    themes = list(strategy.themes.annotate(measure_count=Count("measures")))
    goals = list(goals_of(strategy))
    numbers = {theme.number for theme in themes}
    per_theme = Counter(goal.theme_number for goal in goals)
    unconfirmed = Counter(g.theme_number for g in goals if not g.level_confirmed)
    context = {
        "strategy": strategy,
        "themes": [
            ThemeEntry(
                theme,
                theme.measure_count,
                per_theme[theme.number],
                unconfirmed[theme.number],
            )
            for theme in themes
        ],
        "goals": [goal for goal in goals if goal.theme_number not in numbers],
        "unconfirmed": sum(unconfirmed.values()),
        "items": strategy.action_items.all(),
    }
    return render(request, EDIT + "strategy.html", context)


@login_required
def theme_edit(
    request: HtmxHttpRequest, org: str, pk: int, number: str
) -> HttpResponse:
    """One theme's editing page: its measures, in order, and its goals' status."""
    strategy = visible_strategy(request.user, org, pk)
    require(request.user, Action.VIEW_EXEMPT, strategy)
    themes = list(strategy.themes.all())
    place = next((i for i, t in enumerate(themes) if t.number == number), None)
    if place is None:
        raise Http404
    theme = themes[place]
    prefetch_related_objects([theme], Prefetch("measures", measures_with_owners()))
    context = {
        "strategy": strategy,
        "theme": theme,
        "previous": themes[place - 1] if place else None,
        "next": themes[place + 1] if place + 1 < len(themes) else None,
        "goals": goals_of(strategy).filter(theme_number=theme.number),
        "moved_meanwhile": False,
    }
    return render(request, EDIT + "theme.html", context)


# The flow every part is edited by


class PartEditor(Generic[P]):
    """Editing one part in place: the flow measures, goals and items share.

    GET shows the form with the stored values and their revision. POST saves
    through the part's action: invalid input shows the form again (422); a
    revision someone else moved past shows the refused edit beside the stored
    version, and a form holding the two merged (409, actions.merge_refused);
    a save answers with the part in its slot (htmx) or a redirect to it.
    """

    key: ClassVar[str]  # the part's name in the templates, and its slot's id
    fields: ClassVar[tuple[str, ...]]  # what the form changes (actions.*_EDIT)
    # Fields of a refused form carried as they were into the merge form.
    kept_on_conflict: ClassVar[tuple[str, ...]] = ()
    form_class: ClassVar[type[RevisionForm]]
    shown_template: ClassVar[str]  # the part, read only, in its slot
    edit_template: ClassVar[str]  # its form, in its slot
    form_template: ClassVar[str]  # the form alone (also inside a conflict)

    def __init__(self, request: HtmxHttpRequest) -> None:
        self.request = request

    # What differs between the kinds of part

    def strategy(self, part: P) -> Strategy:
        strategy: Strategy = part.strategy  # type: ignore[attr-defined]
        return strategy

    def form(self, part: P, **kwargs: Any) -> RevisionForm:
        raise NotImplementedError

    def save(self, part: P, data: dict[str, Any]) -> P:
        """Save *data* (the form's cleaned data) through the part's action."""
        raise NotImplementedError

    def title(self, part: P) -> str:
        return str(part)

    def theme(self, part: P) -> str | None:
        """The number of the theme whose editing page shows *part*; None: the
        strategy's editing page shows it."""
        return None

    def back(self, part: P) -> str:
        """The editing page that shows *part*, at its slot."""
        return editing_url(
            self.strategy(part), f"{self.key}-{part.pk}", theme=self.theme(part)
        )

    def attach(self, current: P, loaded: P) -> P:
        """*current* (as a conflict found it stored) with *loaded*'s strategy."""
        current.strategy = self.strategy(loaded)  # type: ignore[attr-defined]
        return current

    def shown(self, saved: P, strategy: Strategy) -> P:
        """The saved part as its read-only slot shows it (saving reloaded its
        fields, and forgot its relations)."""
        saved.strategy = strategy  # type: ignore[attr-defined]
        return saved

    # The flow

    def edit(self, part: P) -> HttpResponse:
        if self.request.method == "GET":
            values = actions.stored_values(part, self.fields)
            initial = self.form_class.initial_from(values, part.revision)
            return self.show_form(part, self.form(part, initial=initial))
        form = self.form(part, data=self.request.POST)
        if not form.is_valid():
            return self.show_form(part, form, status=422)
        strategy = self.strategy(part)
        try:
            saved = self.save(part, form.cleaned_data)
        except actions.EditConflict as conflict:
            return self.conflict(part, form, conflict)
        except ValidationError as error:
            form.add_error(None, error)
            return self.show_form(part, form, status=422)
        if not swaps_part(self.request):
            return redirect(self.back(part))
        context = {"strategy": strategy, self.key: self.shown(saved, strategy)}
        return render(self.request, EDIT + self.shown_template, context)

    def context(self, part: P, form: Form) -> dict[str, Any]:
        return {
            "strategy": self.strategy(part),
            self.key: part,
            "form": form,
            "title": self.title(part),
            "back": self.back(part).partition("#")[0],
        }

    def show_form(self, part: P, form: Form, status: int = 200) -> HttpResponse:
        return respond(
            self.request, self.edit_template, self.context(part, form), status
        )

    def conflict(
        self, loaded: P, refused: Form, conflict: actions.EditConflict
    ) -> HttpResponse:
        """Both versions side by side, and a form with the merge at the new revision."""
        current = self.attach(conflict.current, loaded)
        data = refused.cleaned_data
        merge = actions.merge_refused(
            conflict,
            {name: data[name] for name in self.fields},
            loaded_revision=data["revision"],
        )
        initial = {
            **self.form_class.initial_from(merge.merged, current.revision),
            **{name: data[name] for name in self.kept_on_conflict},
        }
        context = self.context(current, self.form(current, initial=initial))
        context.update(
            rows=conflict_rows(refused, merge), form_template=self.form_template
        )
        return respond(self.request, "_conflict.html", context, status=409)


def conflict_rows(form: Form, merge: actions.Merge) -> list[dict[str, Any]]:
    """The fields where the refused edit and the stored version differ, side by side."""
    return [
        {
            "label": form.fields[name].label,
            "mine": as_text(form, name, merge.mine[name]),
            "current": as_text(form, name, merge.theirs[name]),
            "clash": name in merge.clashes,
        }
        for name in merge.differing
    ]


def as_text(form: Form, name: str, value: Any) -> str:
    field = form.fields[name]
    if isinstance(field, ChoiceField) and not isinstance(
        field, ModelMultipleChoiceField
    ):
        return str(dict(field.choices).get(value, value))  # type: ignore[arg-type]
    if isinstance(value, list | tuple):
        return "; ".join(str(v) for v in value)
    return "" if value is None else str(value)


# Measures


class MeasureEditor(PartEditor[Measure]):
    key = "measure"
    fields = actions.MEASURE_EDIT
    form_class = MeasureForm
    shown_template = "_measure.html"
    edit_template = "_measure_edit.html"
    form_template = "_measure_form.html"

    def strategy(self, part: Measure) -> Strategy:
        return part.theme.strategy

    def form(self, part: Measure, **kwargs: Any) -> RevisionForm:
        return MeasureForm(measure=part, **kwargs)

    def save(self, part: Measure, data: dict[str, Any]) -> Measure:
        return actions.update_measure(
            part,
            {name: data[name] for name in self.fields},
            loaded_revision=data["revision"],
            user=self.request.user,
        )

    def title(self, part: Measure) -> str:
        return f"{part.number} {part.objective}".strip()

    def theme(self, part: Measure) -> str | None:
        return part.theme.number

    def attach(self, current: Measure, loaded: Measure) -> Measure:
        current.theme = loaded.theme
        return current

    def shown(self, saved: Measure, strategy: Strategy) -> Measure:
        measure = measures_with_owners().select_related("theme").get(pk=saved.pk)
        measure.theme.strategy = strategy
        return measure


def find_measure(request: HtmxHttpRequest, org: str, pk: int, measure: int) -> Measure:
    strategy = visible_strategy(request.user, org, pk)
    found = get_object_or_404(
        measures_with_owners().select_related("theme"),
        theme__strategy=strategy,
        pk=measure,
    )
    found.theme.strategy = strategy
    return found


@login_required
@GET_POST
def measure_edit(
    request: HtmxHttpRequest, org: str, pk: int, measure: int
) -> HttpResponse:
    found = find_measure(request, org, pk, measure)
    require(request.user, Action.EDIT_MEASURE, found)
    return MeasureEditor(request).edit(found)


@login_required
@require_POST
def theme_reorder(
    request: HtmxHttpRequest, org: str, pk: int, number: str
) -> HttpResponse:
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
    if not swaps_part(request) and status == 200:
        anchor = f"theme-{theme.number}-measures"
        return redirect(editing_url(strategy, anchor, theme=theme.number))
    return theme_measures(request, strategy, theme.pk, status)


def theme_measures(
    request: HtmxHttpRequest, strategy: Strategy, theme_pk: int, status: int
) -> HttpResponse:
    theme = strategy.themes.prefetch_related(
        Prefetch("measures", measures_with_owners())
    ).get(pk=theme_pk)
    context = {
        "strategy": strategy,
        "theme": theme,
        "moved_meanwhile": status == 409,
        "title": str(theme),
    }
    return respond(request, "_theme_measures.html", context, status)


# Goal assessments


class AssessmentEditor(PartEditor[GoalAssessment]):
    key = "goal"
    fields = actions.ASSESSMENT_EDIT
    kept_on_conflict = ("reason",)
    form_class = AssessmentForm
    shown_template = "_assessment.html"
    edit_template = "_assessment_edit.html"
    form_template = "_assessment_form.html"

    def form(self, part: GoalAssessment, **kwargs: Any) -> RevisionForm:
        return AssessmentForm(assessment=part, **kwargs)

    def save(self, part: GoalAssessment, data: dict[str, Any]) -> GoalAssessment:
        return actions.set_assessment_level(
            part,
            data["level"],
            reason=data["reason"],
            status_text=data["status_text"],
            as_of=data["as_of"],
            loaded_revision=data["revision"],
            user=self.request.user,
        )

    def title(self, part: GoalAssessment) -> str:
        return goal_name_of(part)

    def theme(self, part: GoalAssessment) -> str | None:
        """The goal's theme, where the strategy has it (then on the theme's page)."""
        number = part.theme_number
        themes = Theme.objects.filter(strategy_id=part.strategy_id, number=number)
        return number if number and themes.exists() else None


@login_required
@GET_POST
def assessment_edit(
    request: HtmxHttpRequest, org: str, pk: int, assessment: int
) -> HttpResponse:
    strategy = visible_strategy(request.user, org, pk)
    goal = get_object_or_404(GoalAssessment, strategy=strategy, pk=assessment)
    goal.strategy = strategy
    require(request.user, Action.EDIT_STRATEGY, strategy)
    return AssessmentEditor(request).edit(goal)


# Action items


class ActionItemEditor(PartEditor[ActionItem]):
    key = "item"
    fields = actions.ACTION_ITEM_EDIT
    form_class = ActionItemForm
    shown_template = "_action_item.html"
    edit_template = "_action_item_edit.html"
    form_template = "_action_item_form.html"

    def form(self, part: ActionItem, **kwargs: Any) -> RevisionForm:
        return ActionItemForm(item=part, **kwargs)

    def save(self, part: ActionItem, data: dict[str, Any]) -> ActionItem:
        return actions.update_action_item_amount(
            part,
            data["amount_nok"],
            loaded_revision=data["revision"],
            user=self.request.user,
        )


@login_required
@GET_POST
def action_item_edit(
    request: HtmxHttpRequest, org: str, pk: int, number: str
) -> HttpResponse:
    strategy = visible_strategy(request.user, org, pk)
    item = get_object_or_404(ActionItem, strategy=strategy, number=number)
    item.strategy = strategy
    require(request.user, Action.EDIT_STRATEGY, strategy)
    return ActionItemEditor(request).edit(item)


# Confirming suggested levels, many at once


def unconfirmed_goals(strategy: Strategy) -> list[GoalAssessment]:
    """The strategy's goals whose level is still the importer's suggestion."""
    goals = list(goals_of(strategy).filter(level_confirmed=False))
    for goal in goals:
        goal.strategy = strategy
    return goals


@login_required
@GET_POST
def assessments_confirm(request: HtmxHttpRequest, org: str, pk: int) -> HttpResponse:
    """Every suggested level of a draft in one list, to confirm (or change) at once.

    GET lists them; POST confirms those ticked, or every one listed ("all"),
    through actions.confirm_assessment_levels, and redirects back here. If
    someone else confirmed or changed any of them meanwhile, nothing is saved
    and the list comes back as it is now (409).
    """
    strategy = visible_strategy(request.user, org, pk)
    require(request.user, Action.EDIT_STRATEGY, strategy)
    goals = unconfirmed_goals(strategy)
    if request.method == "GET":
        return confirm_page(request, strategy, ConfirmLevelsForm(goals=goals))
    form = ConfirmLevelsForm(goals=goals, data=request.POST)
    if form.is_valid():
        try:
            saved = actions.confirm_assessment_levels(
                strategy,
                form.cleaned_data["confirmations"],
                reason=form.cleaned_data["reason"],
                user=request.user,
            )
        except actions.StaleConfirmations as refused:
            moved = len(refused.stale)
        except ValidationError as error:
            form.add_error(None, error.messages)
            return confirm_page(request, strategy, form, status=422)
        else:
            done = ngettext(
                "%(count)s level is confirmed.",
                "%(count)s levels are confirmed.",
                len(saved),
            )
            messages.success(request, done % {"count": len(saved)})
            return redirect(
                reverse("strategies:assessments_confirm", args=[org, strategy.pk])
            )
    elif form.moved:
        moved = len(form.moved)
    else:
        return confirm_page(request, strategy, form, status=422)
    fresh = ConfirmLevelsForm(goals=unconfirmed_goals(strategy))
    return confirm_page(request, strategy, fresh, status=409, moved=moved)


def confirm_page(
    request: HtmxHttpRequest,
    strategy: Strategy,
    form: ConfirmLevelsForm,
    status: int = 200,
    moved: int = 0,
) -> HttpResponse:
    themes = {theme.number: theme for theme in strategy.themes.all()}
    rows = form.rows()
    for row in rows:
        row["theme"] = themes.get(row["goal"].theme_number)
    context = {"strategy": strategy, "form": form, "rows": rows, "moved": moved}
    return render(request, EDIT + "confirm.html", context, status=status)
