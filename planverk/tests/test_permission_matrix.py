"""Every route, for every role, is allowed or refused exactly as the rule set says.

ROUTES classifies every URL pattern of the site (Django's admin aside): a page
for everyone that never shows a draft, an account page, or cases that name the
rule (``planverk.strategies.permissions.Action``) and the object it is asked about — pages
that show drafts or editing forms, and requests that change data. A route added
without a line here fails ``test_every_route_is_classified``.

For each case and role the test sends a real request, with valid data, so that
an allowed request really succeeds: allowed means 2xx/3xx and the change made
(or the draft shown), refused means 403, 404 or a redirect to the login page,
and nothing changed. One world serves every case; each test's changes are
rolled back (the world is in matrix_world.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve

from planverk.frameworks.models import Framework
from planverk.importers.tests.fixtures import KS_NB
from planverk.organizations.models import Membership, Organization
from planverk.strategies.models import (
    ActionItem,
    ActionPlan,
    BudgetTotal,
    Decision,
    GlossaryTerm,
    GoalAssessment,
    Measure,
    PendingImport,
    Section,
    Strategy,
    Theme,
)
from planverk.strategies.permissions import Action, can
from planverk.testing import Personas, row_counts
from planverk.tests.matrix_world import DRAFT_MARK, World

ROLES = Personas.ROLES
# Not ours, or not there in production: Django's admin (for site admins, with
# Django's own permission checks), and bench/bench_web.py's comparison view.
SKIPPED = ("admin/", "bench/")


# The cases. A subject names the object the rule is asked about.
Subject = Callable[[World], Any]


@dataclass(frozen=True)
class Page:
    """A page that only shows: refused, unless the rule allows (then *mark* is on it).

    A *listing* is open to everyone; the rule decides only whether *mark* (the
    draft's text) is in it.
    """

    label: str
    action: Action
    subject: Subject
    path: Callable[..., str]  # of the world; and of the role, when *by_role*
    mark: str | None = None
    listing: bool = False
    by_role: bool = False


@dataclass(frozen=True)
class Change:
    """A request that changes data: *state* differs afterwards exactly when allowed."""

    label: str
    action: Action
    subject: Subject
    path: Callable[[World, str], str]  # by role: some name the user's own row
    data: Callable[[World], dict[str, Any]]
    state: Callable[[World], Any]


@dataclass(frozen=True)
class Public:
    """Open to everyone, and never showing a draft to anyone: *why*."""

    why: str


@dataclass(frozen=True)
class AccountPage:
    """Signing in and out, the user's own account, the interface language: *why*."""

    why: str


Case = Page | Change | Public | AccountPage

# Subjects
DRAFT: Subject = lambda w: w.draft  # noqa: E731
HEARING: Subject = lambda w: w.hearing  # noqa: E731
APPROVED: Subject = lambda w: w.approved  # noqa: E731
X: Subject = lambda w: w.x  # noqa: E731


def shows_draft(path: Callable[[str], str], label: str = "draft") -> list[Case]:
    """A public page of one strategy: members see the draft, others find nothing."""
    return [Page(label, Action.VIEW_STRATEGY, DRAFT, lambda w: path(w.base(w.draft)))]


def draft_plan(w: World) -> ActionPlan:
    """A draft plan of the approved strategy (the world's, else one made here)."""
    if "draft" in w.plans:
        return w.plans["draft"]
    return ActionPlan.objects.create(
        strategy=w.approved,
        title="Utkast til handlingsplan",
        year_start=2025,
        year_end=2025,
    )


def diff_path(w: World, older: Strategy, newer: Strategy) -> str:
    """The diff page of two of the world's strategies, made versions of one."""
    Strategy.objects.filter(pk=newer.pk).update(lineage=older.lineage)
    return f"{w.base(older)}endringer/{newer.pk}/"


def measure_values(measure: Measure) -> dict[str, Any]:
    return {
        "revision": measure.revision,
        "objective": "Nytt mål",
        "description": measure.description,
        "items": "\n".join(measure.items),
        "start": ", ".join(measure.start),
        "group": measure.group,
        "units": [u.pk for u in measure.owners],
    }


def measure_case(label: str, strategy: Subject, number: str) -> Change:
    def subject(w: World) -> Measure:
        return w.measure(strategy(w), number)

    return Change(
        label,
        Action.EDIT_MEASURE,
        subject,
        lambda w, _r: f"{w.base(strategy(w))}rediger/tiltak/{subject(w).pk}/",
        lambda w: measure_values(subject(w)),
        lambda w: subject(w).revision,
    )


def goal_case(label: str, strategy: Subject) -> Change:
    def goal(w: World) -> GoalAssessment:
        return w.goal(strategy(w), 2)

    return Change(
        label,
        Action.EDIT_STRATEGY,
        strategy,
        lambda w, _r: f"{w.base(strategy(w))}rediger/mal/{goal(w).pk}/",
        lambda w: {"revision": goal(w).revision, "level": "achieved", "reason": "Nå"},
        lambda w: goal(w).revision,
    )


def item_case(label: str, strategy: Subject) -> Change:
    def item(w: World) -> ActionItem:
        return ActionItem.objects.get(strategy=strategy(w), number="2")

    return Change(
        label,
        Action.EDIT_STRATEGY,
        strategy,
        lambda w, _r: f"{w.base(strategy(w))}rediger/handlingsplan/2/",
        lambda w: {"revision": item(w).revision, "amount_nok": "500 000"},
        lambda w: (item(w).amount_nok, item(w).revision),
    )


def reorder_case(label: str, strategy: Subject) -> Change:
    def theme(w: World) -> Theme:
        return Theme.objects.get(strategy=strategy(w), number="3")

    return Change(
        label,
        Action.EDIT_STRATEGY,
        strategy,
        lambda w, _r: f"{w.base(strategy(w))}rediger/tema/3/rekkefolge/",
        lambda w: {
            "revision": theme(w).revision,
            "measure": w.measure(strategy(w), "3.10").pk,
            "step": "-1",
        },
        lambda w: [m.pk for m in theme(w).measures.order_by("sort_key")],
    )


def confirm_case(label: str, strategy: Subject) -> Change:
    """Confirming every suggested level listed, as "Confirm all listed" posts it."""

    def unconfirmed(w: World) -> list[GoalAssessment]:
        return list(
            GoalAssessment.objects.filter(strategy=strategy(w), level_confirmed=False)
        )

    def data(w: World) -> dict[str, Any]:
        rows = unconfirmed(w)
        return {
            "confirm": "all",
            **{f"revision-{g.pk}": g.revision for g in rows},
            **{f"level-{g.pk}": g.level for g in rows},
        }

    return Change(
        label,
        Action.EDIT_STRATEGY,
        strategy,
        lambda w, _r: f"{w.base(strategy(w))}rediger/bekreft/",
        data,
        lambda w: [(g.pk, g.revision) for g in unconfirmed(w)],
    )


def move_case(label: str, strategy: Subject, word: str) -> Change:
    return Change(
        label,
        Action.PUBLISH_STRATEGY,
        strategy,
        lambda w, _r: f"{w.base(strategy(w))}publisering/{word}/",
        lambda w: {},
        lambda w: Strategy.objects.get(pk=strategy(w).pk).state,
    )


def history_cases(kind: str) -> list[Case]:
    """The history of a part: of a draft for members, of an exempt one for members."""

    def part_pk(w: World, strategy: Strategy, key: str) -> int:
        if kind == "tiltak":
            return w.measure(strategy, key).pk
        return w.goal(strategy, None if key == "21" else int(key)).pk

    first = "3.1" if kind == "tiltak" else "2"
    return [
        Page(
            "draft",
            Action.VIEW_STRATEGY,
            DRAFT,
            lambda w: (
                f"{w.base(w.draft)}historikk/{kind}/{part_pk(w, w.draft, first)}/"
            ),
        ),
        Page(
            "exempt-through-theme",
            Action.VIEW_EXEMPT,
            APPROVED,
            lambda w: (
                f"{w.base(w.approved)}historikk/{kind}/"
                f"{part_pk(w, w.approved, '21.1' if kind == 'tiltak' else '21')}/"
            ),
        ),
    ]


def start_data() -> dict[str, Any]:
    """A new strategy from the national agenda, with two of its areas."""
    framework = Framework.objects.get(slug="ekommune-2012")
    return {
        "framework": framework.pk,
        "title": "Ny strategi",
        "period_start": "2026",
        "period_end": "2029",
        "language": "nb",
        "areas": list(
            framework.areas.filter(number__lte=2).values_list("pk", flat=True)
        ),
    }


def revise_case(label: str, strategy: Subject) -> Change:
    """Revising a version: the organisation's editors, whatever its state."""
    return Change(
        label,
        Action.CREATE_STRATEGY,
        X,
        lambda w, _r: f"{w.base(strategy(w))}revider/",
        lambda w: {},
        lambda w: Strategy.objects.count(),
    )


def theme_of(w: World, number: str = "3") -> Theme:
    return Theme.objects.get(strategy=w.draft, number=number)


def draft_measures(w: World) -> list[tuple[int, str]]:
    measures = Measure.objects.filter(theme__strategy=w.draft).order_by("pk")
    return list(measures.values_list("pk", "number"))


def draft_goals(w: World) -> list[int]:
    return list(w.draft.goal_assessments.order_by("pk").values_list("pk", flat=True))


def structure_case(
    label: str, path: str, data: Callable[[World], dict[str, Any]], state: Any
) -> Change:
    """A change to the draft's structure (views/authoring.py): editors only."""
    return Change(
        label,
        Action.EDIT_STRATEGY,
        DRAFT,
        lambda w, _r: w.base(w.draft) + path,
        data,
        state,
    )


def removed_measure(w: World, _role: str) -> str:
    """Undoing a removal: measure 3.2 of the draft is removed first (rolled back
    with the test), by an editor."""
    from planverk.strategies.actions.structure import remove_measure

    measure = Measure.objects.filter(theme__strategy=w.draft, number="3.2").first()
    if measure is not None:
        w.extra["removed_measure"] = measure.pk
        remove_measure(measure, user=w.users["editor"], reason="Matrise")
    return (
        f"{w.base(w.draft)}historikk/gjenopprett/tiltak/{w.extra['removed_measure']}/"
    )


def own_pending(w: World, role: str) -> int:
    return w.pending.get(role, w.pending["editor"]).pk


def upload_data(w: World) -> dict[str, Any]:
    return {"document": SimpleUploadedFile("plan.txt", KS_NB.encode()), "language": ""}


def members(w: World) -> str:
    return f"/o/{w.x.slug}/medlemmer/"


def _account(name: str) -> str:
    return f"accounts:{name}"


def units(w: World, rest: str = "") -> str:
    return f"/o/{w.x.slug}/enheter/{rest}"


def unit_of(w: World, name: str, rest: str = "") -> str:
    return units(w, f"{w.x.units.get(name=name).pk}/{rest}")


def unit_rows(w: World) -> list[tuple[Any, ...]]:
    """X's units as the register's changes leave them."""
    rows = w.x.units.order_by("pk").values_list("pk", "name", "parent_id", "active")
    return list(rows)


def reactivation(w: World, _role: str) -> str:
    """X's units are all active: Arkiv is deactivated first (rolled back with the test)."""
    w.x.units.filter(name="Arkiv").update(active=False)
    return unit_of(w, "Arkiv", "aktiver/")


def unit_change(label: str, path: Callable[[World, str], str], data: Any) -> Change:
    return Change(label, Action.MANAGE_ORGANIZATION, X, path, data, unit_rows)


def merge_query(w: World) -> dict[str, Any]:
    pk = {name: w.x.units.get(name=name).pk for name in ("IKT-tjenesten", "Arkiv")}
    return {"kept": pk["IKT-tjenesten"], "merged": pk["Arkiv"]}


# The draft's records (views/records.py): editors only. The records a case
# changes are the draft's first of their kind (item "2", chapter 1).


def record_page(path: Callable[[World], str]) -> Page:
    return Page(
        "draft",
        Action.EDIT_STRATEGY,
        DRAFT,
        lambda w: f"{w.base(w.draft)}rediger/{path(w)}",
    )


def record_case(
    label: str,
    path: Callable[[World], str],
    data: Callable[[World], dict[str, Any]],
    state: Callable[[World], Any],
) -> Change:
    return Change(
        label,
        Action.EDIT_STRATEGY,
        DRAFT,
        lambda w, _r: f"{w.base(w.draft)}rediger/{path(w)}",
        data,
        state,
    )


def first_of(w: World, model: Any) -> Any:
    """The draft's first record of *model* (a chapter, decision, term or total)."""
    return model.objects.filter(strategy=w.draft).order_by("pk").first()


def record_rows(model: Any) -> Callable[[World], list[tuple[Any, ...]]]:
    """The draft's records of *model*: which there are, and their places."""
    fields = ["pk", "position"] if hasattr(model, "position") else ["pk"]
    return lambda w: list(
        model.objects.filter(strategy=w.draft).order_by("pk").values_list(*fields)
    )


def item_two(w: World) -> ActionItem:
    return ActionItem.objects.get(strategy=w.draft, number="2")


def item_data(w: World) -> dict[str, Any]:
    return {
        "title": "Ny sak",
        "category": "operating",
        "year_start": "2025",
        "year_end": "2025",
        "amount_nok": "10 000",
    }


def records_cases() -> dict[str, list[Case]]:
    """Every route of views/records.py, each with a real request."""
    section = lambda w: first_of(w, Section)  # noqa: E731
    decision = lambda w: first_of(w, Decision)  # noqa: E731
    term = lambda w: first_of(w, GlossaryTerm)  # noqa: E731
    total = lambda w: first_of(w, BudgetTotal)  # noqa: E731
    revised = lambda part: lambda w: part(w).revision  # noqa: E731
    return {
        "strategies:strategy_fields": [
            record_page(lambda w: "strategi/"),
            record_case(
                "draft",
                lambda w: "strategi/",
                lambda w: {
                    "revision": w.draft.revision,
                    "title": "Nytt navn",
                    "period_start": w.draft.period_start,
                    "period_end": w.draft.period_end,
                    "language": "nb",
                    "framework": w.draft.framework_id or "",
                },
                lambda w: Strategy.objects.get(pk=w.draft.pk).revision,
            ),
        ],
        "strategies:action_item_list": [record_page(lambda w: "handlingsplan/")],
        "strategies:action_item_add": [
            record_page(lambda w: "ny-handlingsplanpost/"),
            record_case(
                "draft",
                lambda w: "ny-handlingsplanpost/",
                item_data,
                record_rows(ActionItem),
            ),
        ],
        "strategies:action_item_change": [
            record_page(lambda w: "handlingsplan/2/endre/"),
            record_case(
                "draft",
                lambda w: "handlingsplan/2/endre/",
                lambda w: {
                    **item_data(w),
                    "number": "2",
                    "revision": item_two(w).revision,
                },
                lambda w: item_two(w).revision,
            ),
        ],
        "strategies:action_item_remove": [
            record_page(lambda w: "handlingsplan/2/fjern/"),
            record_case(
                "draft",
                lambda w: "handlingsplan/2/fjern/",
                lambda w: {"revision": item_two(w).revision, "reason": "Utgår"},
                record_rows(ActionItem),
            ),
        ],
        "strategies:budget_total_list": [
            record_page(lambda w: "budsjett/"),
            record_case(
                "add",
                lambda w: "budsjett/",
                lambda w: {
                    "category": "operating",
                    "year_start": "2026",
                    "year_end": "2026",
                },
                record_rows(BudgetTotal),
            ),
        ],
        "strategies:budget_total_edit": [
            record_page(lambda w: f"budsjett/{total(w).pk}/"),
            record_case(
                "draft",
                lambda w: f"budsjett/{total(w).pk}/",
                lambda w: {
                    "category": total(w).category,
                    "year_start": total(w).year_start,
                    "year_end": total(w).year_end,
                    "stated_nok": "123",
                },
                lambda w: total(w).stated_nok,
            ),
        ],
        "strategies:budget_total_remove": [
            record_page(lambda w: f"budsjett/{total(w).pk}/fjern/"),
            record_case(
                "draft",
                lambda w: f"budsjett/{total(w).pk}/fjern/",
                lambda w: {"reason": "Feil"},
                record_rows(BudgetTotal),
            ),
        ],
        "strategies:section_list": [record_page(lambda w: "kapittel/")],
        "strategies:section_add": [
            record_page(lambda w: "kapittel/ny/"),
            record_case(
                "draft",
                lambda w: "kapittel/ny/",
                lambda w: {"title": "Nytt kapittel", "text": "*Tekst*"},
                record_rows(Section),
            ),
        ],
        # Shows, never saves: a GET goes on to the new chapter's form.
        "strategies:section_preview": [record_page(lambda w: "kapittel/forhandsvis/")],
        "strategies:section_edit": [
            record_page(lambda w: "kapittel/1/"),
            record_case(
                "draft",
                lambda w: "kapittel/1/",
                lambda w: {"revision": section(w).revision, "title": "Ny tittel"},
                revised(section),
            ),
        ],
        "strategies:section_move": [
            record_case(
                "draft",
                lambda w: "kapittel/1/flytt/",
                lambda w: {"revision": section(w).revision, "step": "1"},
                record_rows(Section),
            )
        ],
        "strategies:section_remove": [
            record_page(lambda w: "kapittel/1/fjern/"),
            record_case(
                "draft",
                lambda w: "kapittel/1/fjern/",
                lambda w: {"revision": section(w).revision, "reason": "Utgår"},
                record_rows(Section),
            ),
        ],
        "strategies:decision_list": [
            record_page(lambda w: "vedtak/"),
            record_case(
                "add",
                lambda w: "vedtak/",
                lambda w: {"body": "Formannskapet", "date": "2024-05"},
                record_rows(Decision),
            ),
        ],
        "strategies:decision_edit": [
            record_page(lambda w: f"vedtak/{decision(w).pk}/"),
            record_case(
                "draft",
                lambda w: f"vedtak/{decision(w).pk}/",
                lambda w: {"revision": decision(w).revision, "body": "Bystyret"},
                revised(decision),
            ),
        ],
        "strategies:decision_move": [
            record_case(
                "draft",
                lambda w: f"vedtak/{decision(w).pk}/flytt/",
                lambda w: {"revision": decision(w).revision, "step": "1"},
                record_rows(Decision),
            )
        ],
        "strategies:decision_remove": [
            record_page(lambda w: f"vedtak/{decision(w).pk}/fjern/"),
            record_case(
                "draft",
                lambda w: f"vedtak/{decision(w).pk}/fjern/",
                lambda w: {"revision": decision(w).revision, "reason": "Dobbel"},
                record_rows(Decision),
            ),
        ],
        "strategies:glossary_term_list": [
            record_page(lambda w: "ordliste/"),
            record_case(
                "add",
                lambda w: "ordliste/",
                lambda w: {"term": "Altinn", "definition": "Portal"},
                record_rows(GlossaryTerm),
            ),
        ],
        "strategies:glossary_term_edit": [
            record_page(lambda w: f"ordliste/{term(w).pk}/"),
            record_case(
                "draft",
                lambda w: f"ordliste/{term(w).pk}/",
                lambda w: {"term": "ID-porten", "definition": "Ny forklaring"},
                lambda w: term(w).definition,
            ),
        ],
        "strategies:glossary_term_move": [
            record_case(
                "draft",
                lambda w: f"ordliste/{term(w).pk}/flytt/",
                lambda w: {"step": "1"},
                record_rows(GlossaryTerm),
            )
        ],
        "strategies:glossary_term_remove": [
            record_page(lambda w: f"ordliste/{term(w).pk}/fjern/"),
            record_case(
                "draft",
                lambda w: f"ordliste/{term(w).pk}/fjern/",
                lambda w: {"reason": "Ikke brukt"},
                record_rows(GlossaryTerm),
            ),
        ],
    }


def plans_cases() -> dict[str, list[Case]]:
    """Every route of views/plans.py, on unit B's plans of the approved strategy
    (the unit editor's is A): the draft one to change, the approved one to
    carry on into next year's."""
    draft = lambda w: w.plans["draft"]  # noqa: E731
    approved = lambda w: w.plans["approved"]  # noqa: E731
    # Plans to be made: unit B's. The form is for whoever may make some
    # plan: the unit editor makes unit A's.
    new_plan = lambda w: ActionPlan(strategy=w.approved, unit=draft(w).unit)  # noqa: E731
    own_plan = lambda w: ActionPlan(  # noqa: E731
        strategy=w.approved, unit=w.x.units.get(name="Arkiv")
    )
    one = lambda w: draft(w).actions.get(number="1")  # noqa: E731

    def at(plan: Subject, rest: str) -> Callable[[World], str]:
        return lambda w: f"{w.base(w.approved)}handlingsplaner/{plan(w).pk}/{rest}"

    def page(action: Action, subject: Subject, path: Callable[[World], str]) -> Page:
        return Page("draft-plan", action, subject, path)

    def change(
        action: Action,
        subject: Subject,
        path: Callable[[World], str],
        data: Callable[[World], dict[str, Any]],
        state: Callable[[World], Any],
    ) -> Change:
        return Change("draft-plan", action, subject, lambda w, _r: path(w), data, state)

    def action_data(w: World) -> dict[str, Any]:
        return {
            "title": "Nytt tiltak",
            "category": "operating",
            "status": "planned",
            "measures": [w.measure(w.approved, "3.1").key],
            "budget_2025": "1 000",
        }

    actions_of = lambda w: list(draft(w).actions.values_list("pk", "revision"))  # noqa: E731
    new_path = lambda w: f"{w.base(w.approved)}handlingsplaner/ny/"  # noqa: E731
    return {
        "strategies:plan_add": [
            page(Action.EDIT_PLAN, own_plan, new_path),
            change(
                Action.EDIT_PLAN,
                new_plan,
                new_path,
                lambda w: {
                    "unit": draft(w).unit_id,
                    "year_start": "2026",
                    "year_end": "2026",
                },
                lambda w: w.approved.action_plans.count(),
            ),
        ],
        "strategies:plan_edit": [
            page(Action.EDIT_PLAN, draft, at(draft, "rediger/")),
            change(
                Action.EDIT_PLAN,
                draft,
                at(draft, "rediger/"),
                lambda w: {
                    "revision": draft(w).revision,
                    "title": "Nytt navn",
                    "year_start": "2025",
                    "year_end": "2025",
                },
                lambda w: ActionPlan.objects.get(pk=draft(w).pk).revision,
            ),
        ],
        "strategies:plan_action_add": [
            page(Action.EDIT_PLAN, draft, at(draft, "tiltak/ny/")),
            change(
                Action.EDIT_PLAN,
                draft,
                at(draft, "tiltak/ny/"),
                action_data,
                actions_of,
            ),
        ],
        "strategies:plan_action_edit": [
            page(
                Action.EDIT_PLAN, draft, lambda w: at(draft, f"tiltak/{one(w).pk}/")(w)
            ),
            change(
                Action.EDIT_PLAN,
                draft,
                lambda w: at(draft, f"tiltak/{one(w).pk}/")(w),
                lambda w: {
                    **action_data(w),
                    "number": "1",
                    "revision": one(w).revision,
                },
                actions_of,
            ),
        ],
        "strategies:plan_action_remove": [
            page(
                Action.EDIT_PLAN,
                draft,
                lambda w: at(draft, f"tiltak/{one(w).pk}/fjern/")(w),
            ),
            change(
                Action.EDIT_PLAN,
                draft,
                lambda w: at(draft, f"tiltak/{one(w).pk}/fjern/")(w),
                lambda w: {"revision": one(w).revision, "reason": "Utgår"},
                actions_of,
            ),
        ],
        "strategies:plan_approve": [
            page(Action.PUBLISH_STRATEGY, APPROVED, at(draft, "vedta/")),
            change(
                Action.PUBLISH_STRATEGY,
                APPROVED,
                at(draft, "vedta/"),
                lambda w: {"body": "Kommunestyret", "date": "2025-01-15"},
                lambda w: ActionPlan.objects.get(pk=draft(w).pk).state,
            ),
        ],
        "strategies:plan_next_year": [
            page(Action.EDIT_PLAN, new_plan, at(approved, "neste-ar/")),
            change(
                Action.EDIT_PLAN,
                new_plan,
                at(approved, "neste-ar/"),
                lambda w: {},
                lambda w: approved(w).carried_to.count(),
            ),
        ],
    }


def spending_cases() -> dict[str, list[Case]]:
    """views/spending.py: unit B's approved plan's action "1" (the unit editor's
    is A), and the organisation's spending import (its editors)."""
    action = lambda w: w.plans["approved"].actions.get(number="1")  # noqa: E731
    form = lambda w: (  # noqa: E731
        f"{w.base(w.approved)}handlingsplaner/{w.plans['approved'].pk}/forbruk/"
    )
    spent = lambda w: list(  # noqa: E731
        action(w).spending.values_list("year", "amount_nok")
    )
    imported = lambda w: f"/o/{w.x.slug}/forbruk/importer/"  # noqa: E731

    def csv(w: World) -> dict[str, Any]:
        text = f"plan,action,year,amount\n{w.plans['approved'].key},1,2024,7000\n"
        return {"file": SimpleUploadedFile("forbruk.csv", text.encode())}

    return {
        "strategies:plan_spending": [
            Page("approved-plan", Action.REPORT_SPENDING, action, form),
            Change(
                "approved-plan",
                Action.REPORT_SPENDING,
                action,
                lambda w, _r: form(w),
                lambda w: {"year": "2024", f"amount_{action(w).pk}": "5000"},
                spent,
            ),
        ],
        "strategies:spending_import": [
            Page("organisation", Action.MANAGE_ORGANIZATION, X, imported),
            Change(
                "organisation",
                Action.MANAGE_ORGANIZATION,
                X,
                lambda w, _r: imported(w),
                csv,
                spent,
            ),
        ],
    }


ROUTES: dict[str, list[Case]] = {
    # Root URLconf
    "set_language": [AccountPage("the interface language; csrf-exempt, no data")],
    "login": [AccountPage("signing in")],
    "logout": [AccountPage("signing out")],
    "site:feed": [Public("published strategies and public decisions")],
    "site:sitemap": [Public("published strategies and their public parts")],
    # Public pages: lists open to all, strategy pages that members see in draft
    "site:organization_list": [
        Page("lists", Action.VIEW_STRATEGY, DRAFT, lambda w: "/", DRAFT_MARK, True)
    ],
    "site:organization_detail": [
        Page(
            "lists",
            Action.VIEW_STRATEGY,
            DRAFT,
            lambda w: f"/o/{w.x.slug}/",
            DRAFT_MARK,
            True,
        )
    ],
    "site:unit_detail": [
        Page(
            "lists",
            Action.VIEW_STRATEGY,
            DRAFT,
            lambda w: f"/o/{w.x.slug}/enhet/{w.x.units.get(name='Arkiv').pk}/",
            DRAFT_MARK,
            True,
        )
    ],
    "site:strategy_detail": shows_draft(lambda b: b),
    "site:section_detail": shows_draft(lambda b: b + "kapittel/1/"),
    "site:theme_detail": shows_draft(lambda b: b + "tema/3/"),
    "site:measure_detail": shows_draft(lambda b: b + "tiltak/3.1/"),
    "site:goal_detail": [
        Page(
            "draft",
            Action.VIEW_STRATEGY,
            DRAFT,
            lambda w: f"{w.base(w.draft)}mal/{w.goal(w.draft, 2).pk}/",
        )
    ],
    "site:action_plan": shows_draft(lambda b: b + "handlingsplan/"),
    "site:plan_list": shows_draft(lambda b: b + "handlingsplaner/"),
    # An approved strategy's draft plan: its organisation's members only.
    "site:plan_detail": [
        Page(
            "draft-plan",
            Action.VIEW_EXEMPT,
            APPROVED,
            lambda w: f"{w.base(w.approved)}handlingsplaner/{draft_plan(w).pk}/",
        )
    ],
    "site:decision_log": shows_draft(lambda b: b + "vedtak/"),
    "site:glossary": shows_draft(lambda b: b + "ordliste/"),
    "site:search": shows_draft(lambda b: b + "sok/?q=UTKAST"),
    # Two versions: a draft in the pair for members only, published ones for all
    "site:diff": [
        Page(
            "draft",
            Action.VIEW_STRATEGY,
            DRAFT,
            lambda w: diff_path(w, w.approved, w.draft),
        ),
        Page(
            "published",
            Action.VIEW_STRATEGY,
            HEARING,
            lambda w: diff_path(w, w.approved, w.hearing),
        ),
    ],
    # Permalinks by stable key: a draft's part for members, an exempt one too
    "site:permalink": [
        Page(
            "draft",
            Action.VIEW_STRATEGY,
            DRAFT,
            lambda w: f"{w.base(w.draft)}k/{w.measure(w.draft, '3.1').key}/",
        ),
        Page(
            "exempt-through-theme",
            Action.VIEW_EXEMPT,
            APPROVED,
            lambda w: f"{w.base(w.approved)}k/{w.measure(w.approved, '21.1').key}/",
        ),
    ],
    "site:permalink_in_force": [
        Page(
            "exempt-through-theme",
            Action.VIEW_EXEMPT,
            APPROVED,
            lambda w: f"/o/{w.x.slug}/k/{w.measure(w.approved, '21.1').key}/",
        )
    ],
    "interchange:download": shows_draft(lambda b: b + "planverk.json"),
    "reports:report_list": shows_draft(lambda b: b + "rapporter/"),
    "reports:report": shows_draft(lambda b: b + "rapport/strategy.html"),
    # Editing a draft
    "strategies:strategy_edit": [
        Page(
            "draft", Action.VIEW_EXEMPT, DRAFT, lambda w: w.base(w.draft) + "rediger/"
        ),
        # It lists every part, exempt ones too: members only.
        Page(
            "approved",
            Action.VIEW_EXEMPT,
            APPROVED,
            lambda w: w.base(w.approved) + "rediger/",
        ),
    ],
    "strategies:theme_edit": [
        Page(
            "draft",
            Action.VIEW_EXEMPT,
            DRAFT,
            lambda w: w.base(w.draft) + "rediger/tema/3/",
        ),
        # Like the strategy's editing page: every part, exempt ones too.
        Page(
            "approved",
            Action.VIEW_EXEMPT,
            APPROVED,
            lambda w: w.base(w.approved) + "rediger/tema/21/",
        ),
    ],
    "strategies:assessments_confirm": [
        Page(
            "list",
            Action.EDIT_STRATEGY,
            DRAFT,
            lambda w: w.base(w.draft) + "rediger/bekreft/",
        ),
        confirm_case("draft", DRAFT),
        confirm_case("approved", APPROVED),
    ],
    "strategies:measure_edit": [
        Page(
            "form",
            Action.EDIT_MEASURE,
            lambda w: w.measure(w.draft, "3.1"),
            lambda w: (
                f"{w.base(w.draft)}rediger/tiltak/{w.measure(w.draft, '3.1').pk}/"
            ),
        ),
        measure_case("unit-a", DRAFT, "3.1"),
        measure_case("unit-b", DRAFT, "3.10"),
        measure_case("approved", APPROVED, "3.1"),
    ],
    "strategies:assessment_edit": [
        Page(
            "form",
            Action.EDIT_STRATEGY,
            DRAFT,
            lambda w: f"{w.base(w.draft)}rediger/mal/{w.goal(w.draft, 2).pk}/",
        ),
        goal_case("draft", DRAFT),
        goal_case("approved", APPROVED),
    ],
    "strategies:action_item_edit": [
        Page(
            "form",
            Action.EDIT_STRATEGY,
            DRAFT,
            lambda w: f"{w.base(w.draft)}rediger/handlingsplan/2/",
        ),
        item_case("draft", DRAFT),
        item_case("approved", APPROVED),
    ],
    "strategies:theme_reorder": [
        reorder_case("draft", DRAFT),
        reorder_case("approved", APPROVED),
    ],
    "strategies:measure_history": history_cases("tiltak"),
    "strategies:assessment_history": history_cases("mal"),
    # Writing the draft's structure (views/authoring.py); frozen versions answer
    # 409 to everyone, site admins too (strategies/tests/test_authoring_structure.py)
    "strategies:theme_add": [
        Page(
            "form",
            Action.EDIT_STRATEGY,
            DRAFT,
            lambda w: w.base(w.draft) + "rediger/ny-tema/",
        ),
        structure_case(
            "draft",
            "rediger/ny-tema/",
            lambda w: {"number": "8", "title": "Nytt tema"},
            lambda w: list(w.draft.themes.values_list("number", flat=True)),
        ),
    ],
    "strategies:theme_settings": [
        Page(
            "form",
            Action.EDIT_STRATEGY,
            DRAFT,
            lambda w: w.base(w.draft) + "rediger/tema/3/innstillinger/",
        ),
        structure_case(
            "draft",
            "rediger/tema/3/innstillinger/",
            lambda w: {
                "number": "3",
                "title": "Nytt navn",
                "revision": theme_of(w).revision,
            },
            lambda w: (theme_of(w).title, theme_of(w).revision),
        ),
    ],
    "strategies:theme_remove": [
        Page(
            "confirm",
            Action.EDIT_STRATEGY,
            DRAFT,
            lambda w: w.base(w.draft) + "rediger/tema/3/fjern/",
        ),
        structure_case(
            "draft",
            "rediger/tema/3/fjern/",
            lambda w: {"revision": theme_of(w).revision, "reason": "Matrise"},
            lambda w: list(w.draft.themes.values_list("number", flat=True)),
        ),
    ],
    "strategies:theme_renumber": [
        Page(
            "plan",
            Action.EDIT_STRATEGY,
            DRAFT,
            lambda w: w.base(w.draft) + "rediger/tema/3/nummerer/",
        ),
        structure_case(
            "draft",
            "rediger/tema/3/nummerer/",
            lambda w: {"revision": theme_of(w).revision},
            draft_measures,
        ),
    ],
    "strategies:measure_add": [
        Page(
            "form",
            Action.EDIT_STRATEGY,
            DRAFT,
            lambda w: w.base(w.draft) + "rediger/tema/3/nytt-tiltak/",
        ),
        structure_case(
            "draft",
            "rediger/tema/3/nytt-tiltak/",
            lambda w: {"objective": "Nytt tiltak"},
            draft_measures,
        ),
    ],
    "strategies:measure_remove": [
        Page(
            "confirm",
            Action.EDIT_STRATEGY,
            DRAFT,
            lambda w: (
                f"{w.base(w.draft)}rediger/tiltak/{w.measure(w.draft, '3.2').pk}/fjern/"
            ),
        ),
        Change(
            "draft",
            Action.EDIT_STRATEGY,
            DRAFT,
            lambda w, _r: (
                f"{w.base(w.draft)}rediger/tiltak/{w.measure(w.draft, '3.2').pk}/fjern/"
            ),
            lambda w: {"reason": "Matrise"},
            draft_measures,
        ),
    ],
    "strategies:assessment_add": [
        Page(
            "form",
            Action.EDIT_STRATEGY,
            DRAFT,
            lambda w: w.base(w.draft) + "rediger/nytt-mal/",
        ),
        structure_case(
            "draft",
            "rediger/nytt-mal/",
            lambda w: {
                "area": "Lokale mål",
                "goal_text": "Nytt mål",
                "level": "unknown",
            },
            draft_goals,
        ),
    ],
    "strategies:assessment_remove": [
        Page(
            "confirm",
            Action.EDIT_STRATEGY,
            DRAFT,
            lambda w: f"{w.base(w.draft)}rediger/mal/{w.goal(w.draft, 2).pk}/fjern/",
        ),
        Change(
            "draft",
            Action.EDIT_STRATEGY,
            DRAFT,
            lambda w, _r: (
                f"{w.base(w.draft)}rediger/mal/{w.goal(w.draft, 2).pk}/fjern/"
            ),
            lambda w: {"reason": "Matrise"},
            draft_goals,
        ),
    ],
    # What was removed, with who and why: for members, like the editing pages
    "strategies:removed_parts": [
        Page(
            "draft",
            Action.VIEW_EXEMPT,
            DRAFT,
            lambda w: w.base(w.draft) + "rediger/fjernet/",
        ),
    ],
    "strategies:part_restore": [
        Change(
            "measure",
            Action.EDIT_STRATEGY,
            DRAFT,
            removed_measure,
            lambda w: {},
            draft_measures,
        ),
    ],
    # Writing the draft's records (views/records.py); frozen versions answer 409
    # to everyone (strategies/tests/test_authoring_records.py)
    **records_cases(),
    **plans_cases(),
    **spending_cases(),
    # Publishing
    "strategies:publishing_panel": [
        Page(
            "draft",
            Action.PUBLISH_STRATEGY,
            DRAFT,
            lambda w: w.base(w.draft) + "publisering/",
            DRAFT_MARK,
        )
    ],
    "strategies:publishing_approve": [
        Page(
            "form",
            Action.PUBLISH_STRATEGY,
            DRAFT,
            lambda w: w.base(w.draft) + "publisering/godkjenn/",
        ),
        Change(
            "draft",
            Action.PUBLISH_STRATEGY,
            DRAFT,
            lambda w, _r: w.base(w.draft) + "publisering/godkjenn/",
            lambda w: {
                "body": "Kommunestyret",
                "date": dt.date.today().isoformat(),
                "reference": "PS 1/25",
            },
            lambda w: Strategy.objects.get(pk=w.draft.pk).state,
        ),
    ],
    "strategies:publishing_exempt": [
        Page(
            "basis-form",
            Action.PUBLISH_STRATEGY,
            APPROVED,
            lambda w: (
                f"{w.base(w.approved)}publisering/unntak/tema/"
                f"{Theme.objects.get(strategy=w.approved, number='3').pk}/"
            ),
        ),
        Change(
            "approved-theme",
            Action.PUBLISH_STRATEGY,
            APPROVED,
            lambda w, _r: (
                f"{w.base(w.approved)}publisering/unntak/tema/"
                f"{Theme.objects.get(strategy=w.approved, number='3').pk}/"
            ),
            lambda w: {"exempt": "1", "ground": "offl. § 14"},
            lambda w: Theme.objects.get(strategy=w.approved, number="3").exempt,
        ),
    ],
    "strategies:publishing_move": [
        Page(
            "confirm",
            Action.PUBLISH_STRATEGY,
            DRAFT,
            lambda w: w.base(w.draft) + "publisering/hoering/",
        ),
        move_case("hearing", DRAFT, "hoering"),
        move_case("withdraw", HEARING, "tilbake-til-utkast"),
        move_case("supersede", APPROVED, "erstatt"),
    ],
    # Versions: starting a strategy, revising one, the list of a strategy's versions
    "strategies:strategy_start": [
        Page("ways", Action.CREATE_STRATEGY, X, lambda w: f"/o/{w.x.slug}/ny/"),
        Change(
            "agenda",
            Action.CREATE_STRATEGY,
            X,
            lambda w, _r: f"/o/{w.x.slug}/ny/",
            lambda w: start_data(),
            lambda w: Strategy.objects.count(),
        ),
    ],
    "strategies:strategy_revise": [
        revise_case("approved", APPROVED),
        revise_case("draft", DRAFT),
    ],
    "strategies:versions": shows_draft(lambda b: b + "versjoner/"),
    # Uploading a document: each user's own pending upload
    "interchange:upload": [
        Page("form", Action.CREATE_STRATEGY, X, lambda w: f"/o/{w.x.slug}/importer/"),
        Change(
            "upload",
            Action.CREATE_STRATEGY,
            X,
            lambda w, _r: f"/o/{w.x.slug}/importer/",
            upload_data,
            lambda w: PendingImport.objects.count(),
        ),
    ],
    "interchange:report": [
        Page(
            "own",
            Action.CREATE_STRATEGY,
            X,
            lambda w, r: f"/o/{w.x.slug}/importer/{own_pending(w, r)}/",
            by_role=True,
        ),
        # As the next version of a strategy: the matching of its parts.
        Page(
            "new-version",
            Action.CREATE_STRATEGY,
            X,
            lambda w, r: (
                f"/o/{w.x.slug}/importer/{own_pending(w, r)}/?versjon={w.approved.pk}"
            ),
            by_role=True,
        ),
    ],
    "interchange:confirm": [
        Change(
            "own",
            Action.CREATE_STRATEGY,
            X,
            lambda w, r: f"/o/{w.x.slug}/importer/{own_pending(w, r)}/lagre/",
            lambda w: {},
            lambda w: Strategy.objects.count(),
        ),
        Change(
            "new-version",
            Action.CREATE_STRATEGY,
            X,
            lambda w, r: f"/o/{w.x.slug}/importer/{own_pending(w, r)}/lagre/",
            lambda w: {"revises": w.approved.pk},
            lambda w: Strategy.objects.filter(revised_from=w.approved).count(),
        ),
    ],
    "interchange:cancel": [
        Change(
            "own",
            Action.CREATE_STRATEGY,
            X,
            lambda w, r: f"/o/{w.x.slug}/importer/{own_pending(w, r)}/avbryt/",
            lambda w: {},
            lambda w: PendingImport.objects.count(),
        )
    ],
    # The account app: the user's own pages, and an organisation's members
    _account("account"): [AccountPage("the user's own memberships")],
    _account("password"): [AccountPage("the user's own password")],
    _account("sign_out_everywhere"): [AccountPage("the user's own sessions")],
    _account("oidc_start"): [AccountPage("signing in through a provider")],
    _account("oidc_callback"): [AccountPage("signing in through a provider")],
    _account("invitation"): [AccountPage("accepting an invitation by its token")],
    _account("members"): [Page("list", Action.MANAGE_ORGANIZATION, X, members)],
    _account("member_invite"): [
        Change(
            "invite",
            Action.MANAGE_ORGANIZATION,
            X,
            lambda w, _r: members(w) + "inviter/",
            lambda w: {"email": "en@example.no", "role": "reader"},
            lambda w: _invitations(),
        )
    ],
    _account("history_attribution"): [
        Change(
            "unit",
            Action.MANAGE_ORGANIZATION,
            X,
            lambda w, _r: members(w) + "historikk/",
            lambda w: {"history_attribution": "unit"},
            lambda w: Organization.objects.get(pk=w.x.pk).history_attribution,
        )
    ],
    _account("invitation_withdraw"): [
        Change(
            "pending",
            Action.MANAGE_ORGANIZATION,
            X,
            lambda w, _r: (
                f"{members(w)}invitasjon/{w.extra['invitation']}/trekk-tilbake/"
            ),
            lambda w: {},
            lambda w: _invitations(),
        )
    ],
    _account("member_remove"): [
        Change(
            "reader",
            Action.MANAGE_ORGANIZATION,
            X,
            lambda w, _r: f"{members(w)}{w.extra['membership']}/fjern/",
            lambda w: {},
            lambda w: Membership.objects.filter(pk=w.extra["membership"]).exists(),
        )
    ],
    # The unit register, for the organisation's editors
    _account("units"): [Page("list", Action.MANAGE_ORGANIZATION, X, units)],
    _account("unit"): [
        Page("forms", Action.MANAGE_ORGANIZATION, X, lambda w: unit_of(w, "Arkiv"))
    ],
    _account("unit_add"): [
        unit_change("add", lambda w, _r: units(w, "ny/"), lambda w: {"name": "Ny"})
    ],
    _account("unit_rename"): [
        unit_change(
            "arkiv",
            lambda w, _r: unit_of(w, "Arkiv", "navn/"),
            lambda w: {"name": "Arkivet"},
        )
    ],
    _account("unit_parent"): [
        unit_change(
            "arkiv",
            lambda w, _r: unit_of(w, "Arkiv", "plassering/"),
            lambda w: {"parent": w.x.units.get(name="Oppvekst og kultur").pk},
        )
    ],
    _account("unit_deactivate"): [
        unit_change(
            "arkiv", lambda w, _r: unit_of(w, "Arkiv", "deaktiver/"), lambda w: {}
        )
    ],
    _account("unit_reactivate"): [unit_change("arkiv", reactivation, lambda w: {})],
    _account("unit_merge"): [
        Page(
            "effect",
            Action.MANAGE_ORGANIZATION,
            X,
            lambda w: units(w, "slaa-sammen/?kept={kept}&merged={merged}").format(
                **merge_query(w)
            ),
        ),
        unit_change("merge", lambda w, _r: units(w, "slaa-sammen/"), merge_query),
    ],
    # Creating an organisation, for site administrators
    _account("organization_create"): [
        Page(
            "form",
            Action.CREATE_ORGANIZATION,
            lambda w: None,
            lambda w: "/organisasjoner/ny/",
        ),
        Change(
            "create",
            Action.CREATE_ORGANIZATION,
            lambda w: None,
            lambda w, _r: "/organisasjoner/ny/",
            lambda w: {"name": "Nytt fylke", "kind": "county", "country": "NO"},
            lambda w: Organization.objects.count(),
        ),
    ],
}


def _invitations() -> list[tuple[Any, ...]]:
    from planverk.accounts.models import Invitation

    return list(Invitation.objects.values_list("pk", "withdrawn_at").order_by("pk"))


# The resolver


def url_patterns(
    patterns: list[Any] | None = None, prefix: str = "", namespace: str = ""
) -> Iterator[tuple[str, str]]:
    """(route, name with namespace) of every URL pattern, through every include()."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if route.startswith(SKIPPED) or route.startswith(settings.STATIC_URL):
            continue
        if isinstance(pattern, URLResolver):
            inner = (
                f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            )
            yield from url_patterns(pattern.url_patterns, route, inner)
        elif isinstance(pattern, URLPattern):
            yield route, f"{namespace}{pattern.name or ''}"


def test_every_route_is_classified() -> None:
    missing = [
        f"{route} (name {name!r})"
        for route, name in url_patterns()
        if name not in ROUTES
    ]
    assert not missing, (
        "URL patterns without a rule in test_permission_matrix.ROUTES — say whether "
        "each is public, an account page, or which Action it needs on what:\n  "
        + "\n  ".join(missing)
    )


def test_the_walk_reaches_into_every_include() -> None:
    names = {name for _route, name in url_patterns()}
    assert {"site:feed", "strategies:measure_edit", "interchange:cancel"} <= names
    assert not any(name.startswith("admin:") for name in names)


def test_every_classified_route_exists() -> None:
    names = {name for _route, name in url_patterns()}
    gone = [
        name
        for name in ROUTES
        if name not in names
        and not (name.startswith("accounts:") and not accounts_routed())
    ]
    assert not gone, f"ROUTES names routes that are not in the URLconf: {gone}"


def accounts_routed() -> bool:
    return any(name.startswith("accounts:") for _route, name in url_patterns())


# The requests


def cases(kind: type) -> list[Any]:
    return [
        pytest.param(name, case, role, id=f"{name.split(':')[-1]}-{_label(case)}{role}")
        for name, listed in ROUTES.items()
        for case in listed
        if isinstance(case, kind)
        for role in ROLES
    ]


def _label(case: Case) -> str:
    return f"{case.label}-" if isinstance(case, Page | Change) else ""


def client_for(world: World, role: str) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(world.users[role])
    return client


def refused(response: Any) -> bool:
    if response.status_code in (403, 404):
        return True
    location = response.get("Location", "")
    return response.status_code == 302 and location.startswith(settings.LOGIN_URL)


def allowed(response: Any) -> bool:
    return 200 <= response.status_code < 400 and not refused(response)


def content(response: Any) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def the_rule(world: World, name: str, case: Page | Change, role: str) -> bool:
    if name.startswith("accounts:") and not accounts_routed():
        pytest.skip("the account app is not in the URLconf")
    return can(world.users[role], case.action, case.subject(world))


def hits(path: str, name: str) -> None:
    assert resolve(path.split("?")[0]).view_name == name, f"{path} is not {name}"


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "case", "role"), cases(Page))
def test_a_page_shows_only_what_the_rule_allows(
    world: World, name: str, case: Page, role: str
) -> None:
    expected = the_rule(world, name, case, role)
    path = case.path(world, role) if case.by_role else case.path(world)
    hits(path, name)
    response = client_for(world, role).get(path)
    if case.listing:
        assert response.status_code == 200
        assert case.mark is not None
        assert (case.mark in content(response)) == expected, (role, path)
    elif expected:
        assert allowed(response), (role, path, response.status_code)
        assert case.mark is None or case.mark in content(response)
    else:
        assert refused(response), (role, path, response.status_code)
        assert DRAFT_MARK not in content(response)


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "case", "role"), cases(Change))
def test_a_change_happens_only_when_the_rule_allows(
    world: World, media: Path, name: str, case: Change, role: str
) -> None:
    expected = the_rule(world, name, case, role)
    path = case.path(world, role)
    hits(path, name)
    before, counts = case.state(world), row_counts()
    response = client_for(world, role).post(path, case.data(world))
    if expected:
        assert allowed(response), (role, path, response.status_code)
        assert case.state(world) != before, (
            f"{role}: {path} answered but changed nothing"
        )
    else:
        assert refused(response), (role, path, response.status_code)
        assert case.state(world) == before
        assert row_counts() == counts


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "case", "role"), cases(Public))
def test_a_public_page_shows_no_draft_to_anyone(
    world: World, name: str, case: Public, role: str
) -> None:
    path = {"site:feed": "/feed/", "site:sitemap": "/sitemap.xml"}[name]
    hits(path, name)
    response = client_for(world, role).get(path)
    assert response.status_code == 200
    assert DRAFT_MARK not in content(response)
    assert f"/s/{world.draft.pk}/" not in content(response)
