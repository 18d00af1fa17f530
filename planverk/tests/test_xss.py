"""Script in any text a user writes never runs on a page that shows it.

A strategy holds a payload in every user text field, each tagged with the
field's name. Every public page (test_disclosure's walk, reports included) and
the editing, history, publishing and upload pages of its members are parsed
with BeautifulSoup: no script element without a source, no on* attribute, no
javascript: URL, no injected <img>. Each tagged field must appear on some page
as text, so that no field escapes the test by not being shown.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from planverk.interchange.load import load
from planverk.site.tests.test_disclosure import Case, urls
from planverk.strategies.models import (
    ActionItem,
    ActionPlan,
    GoalAssessment,
    Measure,
    Strategy,
)
from planverk.strategies.models.plans import PlanState
from planverk.strategies.tests.plan_setup import add_action
from planverk.testing import make_personas, rich_document

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('{tag}')</script>"
IMG = '"><img src=x onerror=alert(1)>'
LINK = "[lenke](javascript:alert(1))"
# Responses that a browser does not render as a page: downloads, data.
NOT_PAGES = ("text/csv", "application/json", "application/vnd", "application/pdf")
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "data")


def payload(tag: str, room: int = 300) -> str:
    """The three attacks, tagged *tag*, cut to what the field holds."""
    return f"{SCRIPT.format(tag=tag)}{IMG}{LINK}"[:room]


FIELDS: list[str] = []  # every field filled in by hostile_document


def hostile(tag: str, room: int = 300) -> str:
    FIELDS.append(tag)
    return payload(tag, room)


def hostile_document(state: str) -> dict[str, Any]:
    FIELDS.clear()
    document = rich_document()
    document["organization"]["name"] = "Org " + hostile("organization", 150)
    data = document["strategy"]
    data.update(
        state=state,
        title=hostile("title"),
        vision=hostile("vision"),
        version=hostile("version", 50),
        units=[hostile("unit-a", 150), hostile("unit-b", 150)],
    )
    data["sections"][0].update(title=hostile("section-title"), text=hostile("text"))
    theme = data["themes"][0]
    theme.update(title=hostile("theme-title"), text=hostile("theme-text"))
    theme["measures"][0].update(
        objective=hostile("objective"),
        description=hostile("description"),
        items=[hostile("measure-item")],
        group=hostile("group"),
        proposed_by=data["units"],
    )
    for measure in (*theme["measures"][1:], *data["themes"][1]["measures"]):
        measure["proposed_by"] = []
    goal = data["goal_assessments"][0]
    goal.update(goal=hostile("goal"), area=hostile("area"))
    goal["status"]["text"] = hostile("status")
    data["goal_assessments"][1]["area"] = goal["area"]
    data["revisions"][0].update(
        body=hostile("body"), reference=hostile("reference", 100), note=hostile("note")
    )
    data["glossary"][0].update(term=hostile("term", 200), definition=hostile("def"))
    data["action_plan"][1].update(
        title=hostile("item-title"),
        items=[hostile("item-item")],
        remarks=hostile("remarks"),
    )
    data["action_plan"][0]["funding"] = hostile("funding")
    return document


@pytest.fixture
def strategies() -> tuple[Strategy, Strategy]:
    approved = load(hostile_document("approved"))
    draft = load(hostile_document("draft"))
    return approved, draft


def dangers(soup: BeautifulSoup) -> Iterator[str]:
    """What in the parsed page would run script."""
    for element in soup.find_all(True):
        if element.name == "script" and not element.get("src"):
            yield f"inline script: {element}"
        if element.name == "img" and element.get("src") == "x":
            yield f"injected image: {element}"
        for name, value in element.attrs.items():
            if name.lower().startswith("on"):
                yield f"event handler {name}= on <{element.name}>"
            text = value if isinstance(value, str) else " ".join(value)
            if name in URL_ATTRIBUTES and text.strip().lower().startswith(
                "javascript:"
            ):
                yield f"javascript: URL in {name}= on <{element.name}>"


def read(client: Client, url: str) -> BeautifulSoup | None:
    """The parsed page at *url* (a permalink's: where it leads), after checking
    it; None for a download."""
    response = client.get(url, follow=True)
    assert response.status_code == 200, url
    kind = response.get("Content-Type", "")
    streamed = getattr(response, "streaming_content", None)
    body = b"".join(streamed) if streamed is not None else response.content
    if kind.startswith(NOT_PAGES):
        return None
    text = body.decode()
    assert "<script>alert" not in text, url  # as written, even outside the DOM
    soup = BeautifulSoup(text, "xml" if "xml" in kind else "html.parser")
    found = list(dangers(soup))
    assert not found, f"{url}: {found}"
    return soup


def hostile_plan(strategy: Strategy) -> int:
    """An approved action plan of *strategy* whose every text is hostile: its pk."""
    plan = ActionPlan.objects.create(
        strategy=strategy,
        title=payload("plan-title"),
        year_start=2024,
        year_end=2024,
        unit=strategy.organization.units.order_by("pk").first(),
        state=PlanState.APPROVED,
    )
    add_action(
        plan,
        "1",
        title=payload("action-title"),
        description=payload("action-description"),
        role=payload("role", 100),
        funding=payload("action-funding"),
        remarks=payload("action-remarks"),
        budgets={2024: 1000},
        spent={2024: 2000},
        measures=[Measure.objects.get(theme__strategy=strategy, number="3.1")],
    )
    return plan.pk


def public_urls(strategy: Strategy) -> list[str]:
    goal = strategy.goal_assessments.order_by("pk").first()
    assert goal is not None
    case = Case(
        org=strategy.organization.slug,
        pk=strategy.pk,
        unit=strategy.organization.units.order_by("pk").first().pk,
        theme="3",
        measure="3.1",
        goal=goal.pk,
        key=Measure.objects.get(theme__strategy=strategy, number="3.1").key,
        plan=hostile_plan(strategy),
    )
    base = f"/o/{case.org}/s/{case.pk}/"
    reflected = [
        f"{base}sok/?q={SCRIPT}",
        f"{base}sok/?q=alert",
        f"/?q={IMG}",
        f"/konto/logg-inn/?next={IMG}",
        "/konto/logg-inn/?next=javascript:alert(1)",
    ]
    return [url for _name, url in urls(case)] + reflected


def unit_register_urls(draft: Strategy) -> list[str]:
    """The register, a unit's forms, and merging the two hostile units."""
    register = f"/o/{draft.organization.slug}/enheter/"
    a, b = draft.organization.units.order_by("pk").values_list("pk", flat=True)[:2]
    return [register, f"{register}{a}/", f"{register}slaa-sammen/?kept={a}&merged={b}"]


def record_urls(draft: Strategy) -> list[str]:
    """The pages of views/records.py, each showing the records' own text."""
    base = f"/o/{draft.organization.slug}/s/{draft.pk}/rediger/"
    decision = draft.decisions.order_by("position").first()
    term = draft.glossary.order_by("position").first()
    assert decision is not None and term is not None
    pages = ["strategi/", "handlingsplan/", "handlingsplan/2/endre/", "budsjett/"]
    pages += ["handlingsplan/2/fjern/", "kapittel/", "kapittel/1/", "kapittel/1/fjern/"]
    pages += ["vedtak/", f"vedtak/{decision.pk}/", f"vedtak/{decision.pk}/fjern/"]
    pages += ["ordliste/", f"ordliste/{term.pk}/", f"ordliste/{term.pk}/fjern/"]
    return [base + page for page in pages]


def plan_urls(approved: Strategy) -> list[str]:
    """The editing pages of a draft action plan (views/plans.py) whose texts are
    hostile, and which show the strategy's hostile measures and units."""
    from planverk.strategies.models import ActionMeasure, ActionPlan, PlanAction

    unit = approved.organization.units.order_by("pk").first()
    plan = ActionPlan.objects.create(
        strategy=approved, title=payload("plan"), year_start=2025, year_end=2025
    )
    action = PlanAction.objects.create(
        plan=plan,
        number="1",
        title=payload("plan-action"),
        role=payload("role", 100),
        funding=payload("plan-funding"),
        category="operating",
        unit=unit,
    )
    measure = Measure.objects.filter(theme__strategy=approved).first()
    assert measure is not None
    ActionMeasure.objects.create(action=action, measure_key=measure.key)
    base = f"/o/{approved.organization.slug}/s/{approved.pk}/handlingsplaner/"
    pages = ["ny/", f"{plan.pk}/rediger/", f"{plan.pk}/tiltak/ny/"]
    pages += [f"{plan.pk}/tiltak/{action.pk}/", f"{plan.pk}/tiltak/{action.pk}/fjern/"]
    pages += [f"{plan.pk}/vedta/", f"{plan.pk}/neste-ar/"]
    return [base + page for page in pages]


def spending_urls(approved: Strategy) -> list[str]:
    """The spending form of an approved plan whose action's title is hostile, and
    the organisation's spending import (views/spending.py)."""
    from planverk.strategies.models import ActionPlan, PlanAction

    plan = ActionPlan.objects.create(
        strategy=approved,
        title=payload("spending-plan"),
        year_start=2024,
        year_end=2024,
        state="approved",
    )
    PlanAction.objects.create(
        plan=plan, number="1", title=payload("spending-action"), category="operating"
    )
    org = approved.organization.slug
    return [
        f"/o/{org}/s/{approved.pk}/handlingsplaner/{plan.pk}/forbruk/",
        f"/o/{org}/forbruk/importer/",
    ]


def member_urls(draft: Strategy, approved: Strategy) -> list[str]:
    base = f"/o/{draft.organization.slug}/s/{draft.pk}/"
    measure = Measure.objects.get(theme__strategy=draft, number="3.1")
    goal = GoalAssessment.objects.filter(strategy=draft).order_by("pk").first()
    item = ActionItem.objects.get(strategy=draft, number="2")
    assert goal is not None
    return [
        base + "rediger/",
        f"{base}rediger/tiltak/{measure.pk}/",
        f"{base}rediger/mal/{goal.pk}/",
        f"{base}rediger/handlingsplan/{item.number}/",
        f"{base}historikk/tiltak/{measure.pk}/",
        f"{base}historikk/mal/{goal.pk}/",
        # Writing the structure: forms and confirmations that show the parts' text
        base + "rediger/tema/3/innstillinger/",
        base + "rediger/tema/3/fjern/",
        base + "rediger/tema/3/nummerer/",
        base + "rediger/tema/3/nytt-tiltak/",
        f"{base}rediger/tiltak/{measure.pk}/fjern/",
        f"{base}rediger/mal/{goal.pk}/fjern/",
        base + "rediger/nytt-mal/",
        base + "rediger/fjernet/",
        # Writing the records: lists, forms and confirmations with their text
        *record_urls(draft),
        *plan_urls(approved),
        *spending_urls(approved),
        base + "publisering/",
        base + "publisering/godkjenn/",
        f"/o/{draft.organization.slug}/s/{approved.pk}/publisering/erstatt/",
        f"/o/{draft.organization.slug}/medlemmer/",
        *unit_register_urls(draft),
        f"/o/{draft.organization.slug}/ny/",
        base + "versjoner/",
        "/konto/",
        # A draft is in force for no one: the in-force permalinks find nothing.
        *[u for u in public_urls(draft) if f"{draft.organization.slug}/k/" not in u],
    ]


def test_no_user_text_runs_as_script_on_a_public_page(
    strategies: tuple[Strategy, Strategy],
) -> None:
    approved, _draft = strategies
    client = Client()
    texts = [read(client, url) for url in public_urls(approved)]
    shown = " ".join(soup.get_text() for soup in texts if soup is not None)
    hidden = [tag for tag in FIELDS if f"alert('{tag}')" not in shown]
    assert hidden == [], f"fields on no public page: {hidden}"
    assert IMG in shown
    assert LINK in shown  # a chapter's Markdown link to javascript: stays text


def test_no_user_text_runs_as_script_on_a_members_page(
    strategies: tuple[Strategy, Strategy],
) -> None:
    approved, draft = strategies
    client = Client()
    client.force_login(make_personas(draft.organization).editor)
    for url in member_urls(draft, approved):
        read(client, url)


def test_an_upload_report_shows_the_document_as_text(
    strategies: tuple[Strategy, Strategy],
) -> None:
    from planverk.strategies.models import PendingImport

    approved, _draft = strategies
    admin = make_personas(approved.organization).site_admin
    document = hostile_document("draft")
    document["import_report"]["warnings"][0]["message"] = hostile("warning")
    pending = PendingImport.objects.create(
        organization=approved.organization,
        user=admin,
        filename=payload("filename", 255),
        document=document,
    )
    client = Client()
    client.force_login(admin)
    soup = read(client, f"/o/{approved.organization.slug}/importer/{pending.pk}/")
    assert soup is not None
    assert "alert('warning')" in soup.get_text()
    # As the next version: the parts of both versions named in the matching.
    report = f"/o/{approved.organization.slug}/importer/{pending.pk}/"
    soup = read(client, f"{report}?versjon={approved.pk}")
    assert soup is not None and soup.select("select[name^='measures-']")
