"""The publishing panel: move a strategy through its states, and mark parts exempt."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from planverk.strategies.actions import publishing
from planverk.strategies.choices import StrategyState
from planverk.strategies.forms_publishing import ApproveForm, ExemptionForm
from planverk.strategies.models import (
    ActionItem,
    Decision,
    GoalAssessment,
    Measure,
    Section,
    Strategy,
    Theme,
)
from planverk.strategies.models.base import Part
from planverk.strategies.permissions import Action, require
from planverk.strategies.visibility import visible_strategy

# The moves without a form, by their (Norwegian) URL word.
MOVES: dict[str, tuple[StrategyState, Callable[..., Strategy], Any, Any]] = {
    "hoering": (
        StrategyState.HEARING,
        publishing.start_hearing,
        gettext_lazy("Send on hearing"),
        gettext_lazy("The draft becomes public: anyone can read it and send input."),
    ),
    "tilbake-til-utkast": (
        StrategyState.DRAFT,
        publishing.return_to_draft,
        gettext_lazy("Withdraw to draft"),
        gettext_lazy("The strategy is no longer public; only members can read it."),
    ),
    "erstatt": (
        StrategyState.SUPERSEDED,
        publishing.supersede,
        gettext_lazy("Mark as superseded"),
        gettext_lazy("The strategy stays public, marked as no longer in force."),
    ),
}
# The parts that may be exempt from disclosure, by their URL word.
PARTS: dict[str, tuple[type[Part], str]] = {
    "kapittel": (Section, "strategy"),
    "tema": (Theme, "strategy"),
    "tiltak": (Measure, "theme__strategy"),
    "mal": (GoalAssessment, "strategy"),
    "handlingsplan": (ActionItem, "strategy"),
    "vedtak": (Decision, "strategy"),
}


def _publishable(request: HttpRequest, org: str, pk: int) -> Strategy:
    """The strategy, if the user may see it (else 404) and publish it (else 403)."""
    strategy = visible_strategy(request.user, org, pk)
    require(request.user, Action.PUBLISH_STRATEGY, strategy)
    return strategy


def panel_url(strategy: Strategy) -> str:
    return reverse(
        "strategies:publishing_panel", args=[strategy.organization.slug, strategy.pk]
    )


def _parts(strategy: Strategy) -> list[tuple[Any, str, list[Any]]]:
    """Each kind of part with its rows, for the exemption list (one query per kind)."""
    measures = Measure.objects.filter(theme__strategy=strategy).select_related("theme")
    return [
        (_("Chapters"), "kapittel", list(strategy.sections.all())),
        (_("Themes"), "tema", list(strategy.themes.all())),
        (
            _("Measures"),
            "tiltak",
            list(measures.order_by("theme__sort_key", "sort_key")),
        ),
        (_("Goal statuses"), "mal", list(strategy.goal_assessments.all())),
        (_("Action plan"), "handlingsplan", list(strategy.action_items.all())),
        (_("Decision log"), "vedtak", list(strategy.decisions.all())),
    ]


@login_required
@require_GET
def panel(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    strategy = _publishable(request, org, pk)
    return _render_panel(request, strategy)


def _render_panel(
    request: HttpRequest, strategy: Strategy, *, error: str = "", status: int = 200
) -> HttpResponse:
    moves = [
        (word, label) for word, (to, _act, label, _help) in MOVES.items()
        if to in publishing.allowed_moves(strategy)
    ]  # fmt: skip
    context = {
        "strategy": strategy,
        "moves": moves,
        "may_approve": StrategyState.APPROVED in publishing.allowed_moves(strategy),
        "parts": _parts(strategy),
        "error": error,
    }
    return render(request, "strategies/publish/panel.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def move(request: HttpRequest, org: str, pk: int, word: str) -> HttpResponse:
    """GET asks for confirmation; POST makes the move."""
    if word not in MOVES:
        raise Http404
    strategy = _publishable(request, org, pk)
    target, action, label, explanation = MOVES[word]
    if request.method == "GET":
        context = {"strategy": strategy, "label": label, "explanation": explanation}
        return render(request, "strategies/publish/confirm.html", context)
    try:
        action(strategy, user=request.user)
    except publishing.InvalidTransition as refused:
        return _render_panel(request, strategy, error=str(refused), status=409)
    messages.success(
        request, _("The strategy is now “%(state)s”.") % {"state": target.label}
    )
    return redirect(panel_url(strategy))


@login_required
@require_http_methods(["GET", "POST"])
def approve(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    strategy = _publishable(request, org, pk)
    form = ApproveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            publishing.approve(strategy, user=request.user, **form.cleaned_data)
        except publishing.InvalidTransition as refused:
            return _render_panel(request, strategy, error=str(refused), status=409)
        messages.success(request, _("The strategy is approved."))
        return redirect(panel_url(strategy))
    status = 400 if form.is_bound else 200
    context = {"strategy": strategy, "form": form}
    return render(request, "strategies/publish/approve.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def exempt(
    request: HttpRequest, org: str, pk: int, kind: str, part: int
) -> HttpResponse:
    """GET asks for the legal basis; POST marks the part exempt on it (exempt=1),
    or lifts the exemption (exempt=0)."""
    if kind not in PARTS:
        raise Http404
    strategy = _publishable(request, org, pk)
    model, to_strategy = PARTS[kind]
    found = get_object_or_404(
        model._default_manager, pk=part, **{to_strategy: strategy}
    )
    marking = request.method == "GET" or request.POST.get("exempt") == "1"
    form = ExemptionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and (not marking or form.is_valid()):
        basis = form.cleaned_data["basis"] if marking else ""
        shown = marking and form.cleaned_data["title_shown"]
        publishing.set_exempt(
            found, marking, user=request.user, basis=basis, title_shown=shown
        )
        return redirect(panel_url(strategy) + f"#{kind}-{part}")
    context = {"strategy": strategy, "part": found, "form": form}
    status = 400 if form.is_bound else 200
    return render(request, "strategies/publish/exempt.html", context, status=status)
