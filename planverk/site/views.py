"""Public pages: organisations, their strategies and units, read only.

Every page finds its strategy through ``visible_to(request.user)`` and its parts
through the one disclosure rule (``restrict`` for what it shows in full,
``for_reader`` where an exempt part leaves a placeholder), so drafts and exempt
parts never reach a reader who may not see them. Each page issues a fixed
number of queries whatever the size of the data (see test_public_queries.py).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.paginator import Paginator
from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _

from planverk.frameworks.models import goal_name_of
from planverk.lib.markdown import render_markdown
from planverk.organizations.models import Organization, OrganizationKind
from planverk.reports.content import budget, by_area, goals
from planverk.site import plans
from planverk.site.figures import (
    budget_coverage,
    budget_figure,
    goal_summary,
    levels_figure,
)
from planverk.site.permalinks import moved_measure, moved_theme
from planverk.strategies.choices import ActionCategory, AssessmentLevel
from planverk.strategies.models import (
    Measure,
    MeasureUnit,
    Strategy,
    last_decision,
)
from planverk.strategies.page_cache import public_page
from planverk.strategies.validation import Query, SearchField, WholeNumberField
from planverk.strategies.views.frame import render_strategy_page, shown
from planverk.strategies.visibility import (
    sees_exempt,
    visible_strategy,
    visible_units,
)

COUNTRY_NAMES = {"NO": _("Norway"), "LT": _("Lithuania")}
ORGANIZATIONS_PER_PAGE = 50
SEARCH_MIN_LENGTH = 2


class OrganizationQuery(Query):
    """The list's filters and page. A kind it does not offer is refused (400); a
    country code no organisation has lists none."""

    q = SearchField()
    kind = forms.ChoiceField(required=False, choices=OrganizationKind.choices)
    country = forms.RegexField(required=False, regex=r"\A[A-Za-z]{2}\Z")
    side = WholeNumberField(required=False, low=1)  # beyond the last: the last

    def clean_country(self) -> str:
        return str(self.cleaned_data["country"]).upper()


def organization_list(request: HttpRequest) -> HttpResponse:
    values = OrganizationQuery(request.GET).values()
    q, kind, country = values["q"], values["kind"], values["country"]
    organizations = Organization.objects.order_by("name")
    if q:
        organizations = organizations.filter(name__icontains=q)
    if kind:
        organizations = organizations.filter(kind=kind)
    if country:
        organizations = organizations.filter(country=country)
    visible = Strategy.objects.visible_to(request.user).order_by("-period_start", "-pk")
    organizations = organizations.prefetch_related(
        Prefetch("strategies", queryset=visible, to_attr="visible_strategies")
    )
    page = Paginator(organizations, ORGANIZATIONS_PER_PAGE).get_page(values["side"])
    context = {
        "page": page,
        "q": q,
        "kind": kind,
        "country": country,
        "kinds": OrganizationKind.choices,
        "countries": _countries(),
        "filtered": bool(q or kind or country),
    }
    return render(request, "strategies/organization_list.html", context)


def _countries() -> list[tuple[str, str]]:
    codes = Organization.objects.order_by("country").values_list("country", flat=True)
    return [(c, str(COUNTRY_NAMES.get(c, c))) for c in codes.distinct()]


def organization_detail(request: HttpRequest, org: str) -> HttpResponse:
    organization = get_object_or_404(Organization, slug=org)
    # Each links to its page (get_absolute_url), which names the organisation.
    strategies = Strategy.objects.visible_to(request.user).filter(
        organization=organization
    )
    units = visible_units(request.user).filter(organization=organization)
    context = {
        "organization": organization,
        "strategies": strategies.select_related("organization").order_by(
            "-period_start", "-pk"
        ),
        "units": units.select_related("organization").order_by("name"),
    }
    return render(request, "strategies/organization_detail.html", context)


@public_page
def strategy_detail(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    strategy = visible_strategy(request.user, org, pk)
    decisions = strategy.decisions.restrict(request.user)
    context = {
        "latest_decision": last_decision(decisions),
        "levels": AssessmentLevel.choices,
        "budget": _budget(request, strategy),
        **_at_a_glance(request, strategy),
    }
    return render_strategy_page(
        request, "strategies/strategy_detail.html", strategy, context
    )


def _at_a_glance(request: HttpRequest, strategy: Strategy) -> dict[str, Any]:
    """How far the strategy has come: the level per area as a table and a chart,
    and the goals' levels in one line. The figures the progress report has."""
    overview = by_area(goals(strategy, sees_exempt(request.user, strategy)))
    return {
        "overview": overview,
        "levels_chart": levels_figure(overview),
        "goal_summary": goal_summary(overview),
    }


@public_page
def theme_detail(request: HttpRequest, org: str, pk: int, number: str) -> HttpResponse:
    strategy = visible_strategy(request.user, org, pk)
    themes = shown(request, strategy.themes.all())
    if not any(t.number == number for t in themes):
        return moved_theme(request, strategy, number)
    theme = _found(themes, number=number)
    assessments = strategy.goal_assessments.filter(theme_number=number).select_related(
        "framework_goal__area"
    )
    measures = _with_owners(Measure.objects.filter(theme=theme)).select_related(
        "theme__strategy__organization"
    )
    context = {
        "here": theme.title,
        "theme": theme,
        "themes": themes,
        "assessments": shown(request, assessments),
        "measures": shown(request, measures),
    }
    return render_strategy_page(
        request, "strategies/theme_detail.html", strategy, context
    )


@public_page
def section_detail(request: HttpRequest, org: str, pk: int, place: int) -> HttpResponse:
    """A narrative chapter: its Markdown text as sanitised HTML."""
    strategy = visible_strategy(request.user, org, pk)
    sections = shown(request, strategy.sections.all())
    section = _found(sections, place=place)
    context = {
        "here": section.title,
        "section": section,
        "sections": sections,
        "text": render_markdown(section.text),
    }
    return render_strategy_page(
        request, "strategies/section_detail.html", strategy, context
    )


@public_page
def measure_detail(
    request: HttpRequest, org: str, pk: int, number: str
) -> HttpResponse:
    strategy = visible_strategy(request.user, org, pk)
    measures = _measures(request, strategy).select_related("theme")
    measure = measures.filter(number=number).first()
    if measure is None:
        return moved_measure(request, strategy, number)
    here = _("Measure %(number)s") % {"number": measure.number}
    context = {
        "here": here,
        "measure": measure,
        "theme": measure.theme,
        "serving": plans.serving(request, strategy, measure.key),
    }
    return render_strategy_page(
        request, "strategies/measure_detail.html", strategy, context
    )


@public_page
def goal_detail(request: HttpRequest, org: str, pk: int, goal: int) -> HttpResponse:
    strategy = visible_strategy(request.user, org, pk)
    assessments = strategy.goal_assessments.select_related("framework_goal__area")
    assessment = assessments.restrict(request.user).filter(pk=goal).first()
    if assessment is None:
        raise Http404
    themes = shown(request, strategy.themes.all())
    context = {
        "here": goal_name_of(assessment),
        "assessment": assessment,
        "themes": themes,
        "theme_of_goal": next(
            (
                t
                for t in themes
                if not t.is_withheld and t.number == assessment.theme_number
            ),
            None,
        ),
    }
    return render_strategy_page(
        request, "strategies/goal_detail.html", strategy, context
    )


@public_page
def action_plan(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    strategy = visible_strategy(request.user, org, pk)
    figures = _budget(request, strategy)
    context = {
        "here": _("Action plan and budget"),
        "categories": _by_category(shown(request, strategy.action_items.all())),
        "budget": figures,
        "budget_chart": budget_figure(figures),
        "budget_coverage": budget_coverage(figures),
        "category_labels": ActionCategory.labels,
    }
    return render_strategy_page(
        request, "strategies/action_plan.html", strategy, context
    )


def _budget(request: HttpRequest, strategy: Strategy) -> Any:
    """Totals and amounts per period: the figures the budget report shows too."""
    return budget(strategy, include_exempt=sees_exempt(request.user, strategy))


def _by_category(items: list[Any]) -> list[dict[str, Any]]:
    """Items (or their placeholders) grouped by category, in ActionCategory's order."""
    labels = dict(ActionCategory.choices)
    groups: dict[str, list[Any]] = {c: [] for c in ActionCategory}
    for item in items:
        groups[item.category].append(item)
    return [
        {"label": labels[c], "items": listed} for c, listed in groups.items() if listed
    ]


@public_page
def decision_log(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    strategy = visible_strategy(request.user, org, pk)
    context = {
        "here": _("Decision log"),
        # Each row names the version it approved, which is public once approved.
        "decisions": shown(
            request, strategy.decisions.select_related("approves__organization")
        ),
    }
    return render_strategy_page(
        request, "strategies/decision_log.html", strategy, context
    )


@public_page
def glossary(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    strategy = visible_strategy(request.user, org, pk)
    context = {"here": _("Glossary"), "terms": strategy.glossary.all()}
    return render_strategy_page(request, "strategies/glossary.html", strategy, context)


class SearchQuery(Query):
    q = SearchField()


@public_page(query=SearchQuery)
def search(request: HttpRequest, org: str, pk: int, query: Query) -> HttpResponse:
    strategy = visible_strategy(request.user, org, pk)
    q = query.values()["q"]
    context: dict[str, Any] = {
        "here": _("Search"),
        "q": q,
        "searched": len(q) >= SEARCH_MIN_LENGTH,
    }
    if context["searched"]:
        context.update(_search(request, strategy, q))
    return render_strategy_page(request, "strategies/search.html", strategy, context)


def _search(request: HttpRequest, strategy: Strategy, q: str) -> dict[str, Any]:
    """Measures, goals and themes whose text contains *q*, in any letter case.

    A strategy holds some hundred parts, so they are read once and matched in
    Python: casefold() treats "Å"/"å" and "Ą"/"ą" alike on SQLite as on
    PostgreSQL, which SQLite's LIKE does not.
    """
    needle = q.casefold()

    def hit(*texts: Any) -> bool:
        return any(needle in str(t).casefold() for t in texts if t)

    measures = _measures(request, strategy).select_related("theme")
    assessments = strategy.goal_assessments.restrict(request.user).select_related(
        "framework_goal__area"
    )
    themes = strategy.themes.restrict(request.user)
    found = {
        "measures": [
            m for m in measures if hit(m.objective, m.description, m.group, *m.items)
        ],
        "assessments": [a for a in assessments if hit(a.goal_text, a.status_text)],
        "found_themes": [t for t in themes if hit(t.title, t.text)],
    }
    return {**found, "hits": sum(len(v) for v in found.values())}


def unit_detail(request: HttpRequest, org: str, unit: int) -> HttpResponse:
    # A unit that no part the reader may read names is not found, like an unknown id.
    the_unit = get_object_or_404(
        visible_units(request.user).select_related("organization"),
        organization__slug=org,
        pk=unit,
    )
    measures = _with_owners(
        Measure.objects.restrict(request.user)
        .filter(measureunit__unit=the_unit)
        .order_by(
            "-theme__strategy__period_start", "theme__strategy", "theme", "sort_key"
        )
    )
    context = {
        "unit": the_unit,
        "organization": the_unit.organization,
        "measures": measures.select_related("theme__strategy__organization"),
        "sees_exempt": sees_exempt(request.user, the_unit),
        "plans": plans.unit_plans(request, the_unit),
    }
    return render(request, "strategies/unit_detail.html", context)


def _found(parts: list[Any], **wanted: Any) -> Any:
    """The part of *parts* with the *wanted* attributes that the reader may read; else 404."""
    for part in parts:
        if not part.is_withheld and all(
            getattr(part, k) == v for k, v in wanted.items()
        ):
            return part
    raise Http404


def _measures(request: HttpRequest, strategy: Strategy) -> QuerySet[Measure]:
    # The strategy rides along: the permission rules read measure.theme.strategy.
    measures = Measure.objects.filter(theme__strategy=strategy).select_related(
        "theme__strategy__organization"
    )
    return _with_owners(measures.restrict(request.user))


def _with_owners(measures: QuerySet[Measure]) -> QuerySet[Measure]:
    """Prefetch what Measure.owners reads, the links and their units in one query
    (with the units' organisation, which their links name)."""
    links = MeasureUnit.objects.select_related("unit__organization")
    return measures.prefetch_related(Prefetch("measureunit_set", queryset=links))
