"""The public pages of a strategy's action plans: the plans with their roll-up,
and one plan's actions by theme or by unit.

The figures are the read model's (strategies/plan_figures.py), the reports'
too, for the reader: a draft plan is the organisation's own (404 to anyone
else), an exempt action is a row saying so, and no sum counts it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from planverk.lib.numbering import natural_key
from planverk.organizations.models import Unit
from planverk.reports.charts import Chart, spending_chart
from planverk.strategies.models import ActionPlan, Strategy
from planverk.strategies.page_cache import public_page
from planverk.strategies.plan_figures import (
    ActionFigures,
    PlanFigures,
    PlanRollUp,
    actions_serving,
    plan_figures,
)
from planverk.strategies.validation import Query
from planverk.strategies.views.frame import render_strategy_page
from planverk.strategies.visibility import visible_strategy

BY_THEME, BY_UNIT = "tema", "enhet"


class PlanQuery(Query):
    """``?etter=enhet``: the actions by responsible unit; by theme otherwise."""

    etter = forms.ChoiceField(
        required=False,
        choices=[(BY_THEME, _("By theme")), (BY_UNIT, _("By unit"))],
    )


@dataclass(frozen=True)
class ActionGroup:
    """A heading and the actions under it, in the plan's order."""

    id: str
    title: str
    actions: list[ActionFigures]
    number: str = ""  # the theme's number
    withheld: bool = False  # the group of rows exempt from public disclosure


@public_page
def plan_list(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    strategy = visible_strategy(request.user, org, pk)
    roll = plan_figures(strategy, request.user)
    context = {
        "here": _("Action plans"),
        "roll": roll,
        "plans": _in_tree(roll.plans),
        "chart": spending_figure(roll),
        "coverage": spending_coverage(roll),
    }
    return render_strategy_page(request, "strategies/plan_list.html", strategy, context)


@public_page(query=PlanQuery)
def plan_detail(
    request: HttpRequest, org: str, pk: int, plan: int, query: PlanQuery
) -> HttpResponse:
    strategy = visible_strategy(request.user, org, pk)
    roll = plan_figures(strategy, request.user, plan=plan)
    figures = roll.plan(plan)
    if figures is None or figures.withheld:
        raise Http404
    by = query.values()["etter"] or BY_THEME
    groups = by_unit(figures) if by == BY_UNIT else by_theme(figures)
    context = {
        "here": figures.title,
        "roll": roll,
        "figures": figures,
        "groups": groups,
        "by": by,
        "by_theme": BY_THEME,
        "by_unit": BY_UNIT,
        "years": figures.years,
    }
    return render_strategy_page(
        request, "strategies/plan_detail.html", strategy, context
    )


def spending_figure(roll: PlanRollUp) -> Chart | None:
    """Budget against spending, when some plan has an amount."""
    return spending_chart(roll) if roll.years else None


def spending_coverage(roll: PlanRollUp) -> str:
    text = gettext("Covers the approved action plans' budgets and spending.")
    if roll.any_withheld:
        text += " " + gettext("Amounts exempt from public disclosure are not included.")
    return text


def _in_tree(plans: list[PlanFigures]) -> list[tuple[PlanFigures, int]]:
    """The plans with their depth, each unit's plan under its parent's."""
    known = {p.pk for p in plans}
    children: dict[int | None, list[PlanFigures]] = {}
    for p in plans:
        children.setdefault(p.parent_pk if p.parent_pk in known else None, []).append(p)
    out: list[tuple[PlanFigures, int]] = []

    def walk(parent: int | None, depth: int) -> None:
        for p in children.get(parent, []):
            out.append((p, depth))
            walk(p.pk, depth + 1)

    walk(None, 0)
    return out


def by_theme(plan: PlanFigures) -> list[ActionGroup]:
    """The actions under the themes of the measures they serve (an action
    serving two themes under both), then those outside the strategy, those
    serving nothing, and the rows exempt from public disclosure."""
    themes: dict[str, ActionGroup] = {}
    outside, nothing, withheld = [], [], []
    for action in plan.actions:
        if action.withheld:
            withheld.append(action)
            continue
        if action.outside_strategy:
            outside.append(action)
        elif not action.measures:
            nothing.append(action)
        for m in action.measures:
            if m.theme_number not in themes:
                themes[m.theme_number] = ActionGroup(
                    id=f"tema-{m.theme_number}",
                    title=m.theme_title,
                    actions=[],
                    number=m.theme_number,
                )
            group = themes[m.theme_number].actions
            if action not in group:
                group.append(action)
    groups = sorted(themes.values(), key=lambda g: natural_key(g.number))
    return groups + _rest(outside, nothing, withheld)


def by_unit(plan: PlanFigures) -> list[ActionGroup]:
    """The actions under their responsible unit (else the plan's), the whole
    organisation's first, then the rows exempt from public disclosure."""
    units: dict[int | None, ActionGroup] = {}
    withheld = []
    for action in plan.actions:
        if action.withheld:
            withheld.append(action)
            continue
        unit = action.unit or plan.unit
        key = None if unit is None else unit.pk
        if key not in units:
            units[key] = ActionGroup(
                id=f"enhet-{key or 0}",
                title=gettext("The whole organisation") if unit is None else unit.name,
                actions=[],
            )
        units[key].actions.append(action)
    whole = [units.pop(None)] if None in units else []
    return (
        whole + sorted(units.values(), key=lambda g: g.title) + _rest([], [], withheld)
    )


def _rest(
    outside: list[ActionFigures],
    nothing: list[ActionFigures],
    withheld: list[ActionFigures],
) -> list[ActionGroup]:
    rest = [
        ActionGroup("utenfor", gettext("Outside the strategy"), outside),
        ActionGroup(
            "uten-tiltak", gettext("Serving no measure of the strategy"), nothing
        ),
        ActionGroup(
            "unntatt",
            gettext("Exempt from public disclosure"),
            withheld,
            withheld=True,
        ),
    ]
    return [g for g in rest if g.actions]


def serving(request: HttpRequest, strategy: Strategy, key: str) -> list[ActionFigures]:
    """The actions serving the measure *key*, for the measure's page."""
    return actions_serving(strategy, request.user, key)


def unit_plans(request: HttpRequest, unit: Unit) -> QuerySet[ActionPlan]:
    """The plans of *unit* the reader may read, newest first, for the unit's page."""
    return (
        ActionPlan.objects.restrict(request.user)
        .filter(unit=unit)
        .select_related("strategy__organization")
        .order_by("-year_start", "position", "pk")
    )
