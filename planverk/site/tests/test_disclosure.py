"""Nothing in draft, and nothing exempt from disclosure, reaches an outsider.

Every public URL (listed by name in PUBLIC_URLS, resolved with reverse) is
requested by an anonymous visitor and by a logged-in outsider for a draft (found
nowhere) and for an approved strategy with exempt parts (exempt text, and any
figure from which an exempt amount could be worked out, in no response). Some
parts are exempt only through their theme. A test fails when a public URL is
added without being listed here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import Any

import pytest
from django.test import Client
from django.urls import NoReverseMatch, URLPattern, reverse

from planverk.interchange.load import load
from planverk.organizations.models import Organization
from planverk.reports import urls as report_urls
from planverk.site import urls as site_urls
from planverk.strategies.models import (
    ActionItem,
    ActionPlan,
    GoalAssessment,
    Measure,
    Strategy,
)
from planverk.strategies.models.plans import PlanState
from planverk.strategies.tests.plan_setup import add_action
from planverk.strategies.tests.versions_setup import next_version
from planverk.testing import make_personas, rich_document

pytestmark = pytest.mark.django_db

DRAFT_MARK = "UTKAST-TEKST-4711"
# Text of the approved strategy's exempt parts (rich_document marks most of them).
EXEMPT_TEXTS = [
    "Rådmannens ledergruppe",  # a decision
    "Lokale satsingsområder",  # a theme, marked below
    "Velferdsteknologi i alle omsorgsboliger",  # a measure in that theme
    "Sensorer og digitalt tilsyn",
    "Et mål som ikke står i den nasjonale agendaen",  # a goal status
    "Intranett",  # an action item
    "Videre utvikling",
    "Skanning av byggesaksarkivet",  # an action item with an amount, marked below
    "Ąžuolas, čiuožėjai",  # a section, marked below
    "Per 2010 m. svetainės",  # a goal status, marked below
    "Apie 90 %",
    "Hemmelig tiltak i handlingsplanen",  # an exempt action of an approved plan
    "Utkast-handlingsplan",  # a draft plan of the approved strategy
]
# The exempt item's amount (437 000, set below), in any way a page, sheet or
# chart writes it: from the operating total stated beside the other items, it
# could be worked out.
EXEMPT_AMOUNT = re.compile(r"437[\s\u00a0\u202f.,]?000")
# Searches that match exempt or draft text; shorter than it, since the page
# repeats the query.
SEARCHES = ["Velferdsteknolog", "Intranet", "Rådmannen", "Ąžuol", "satsingsområd"]
DRAFT_SEARCH = DRAFT_MARK[:-2]


@dataclass
class Case:
    """One strategy and the arguments its URLs take."""

    org: str
    pk: int
    unit: int
    theme: str
    measure: str
    goal: int
    section: int = 1  # a chapter's place in the document
    key: str = "nokey"  # a measure's stable key (the permalinks)
    other: int | None = None  # another version of the strategy, to compare with
    plan: int = 0  # an approved action plan
    draft_plan: int = 0  # a draft action plan


def _strategy(f: Case) -> dict[str, Any]:
    return {"org": f.org, "pk": f.pk}


# The reports in text formats; test_report_views opens the binary ones.
TEXT_REPORTS = [
    ("strategy", "html"),
    ("strategy", "svg"),
    ("progress", "html"),
    ("progress", "csv"),
    ("budget", "html"),
    ("budget", "csv"),
    ("changes", "html"),
    ("changes", "csv"),
]

# Each public URL name → its arguments and query strings to try.
PUBLIC_URLS: dict[str, Callable[[Case], list[tuple[dict[str, Any], str]]]] = {
    "organization_list": lambda f: [({}, ""), ({}, f"?q={DRAFT_SEARCH}")],
    "organization_detail": lambda f: [({"org": f.org}, "")],
    "unit_detail": lambda f: [({"org": f.org, "unit": f.unit}, "")],
    "strategy_detail": lambda f: [(_strategy(f), "")],
    "section_detail": lambda f: [({**_strategy(f), "place": f.section}, "")],
    "theme_detail": lambda f: [({**_strategy(f), "number": f.theme}, "")],
    "measure_detail": lambda f: [({**_strategy(f), "number": f.measure}, "")],
    "goal_detail": lambda f: [({**_strategy(f), "goal": f.goal}, "")],
    "action_plan": lambda f: [(_strategy(f), "")],
    "plan_list": lambda f: [(_strategy(f), "")],
    "plan_detail": lambda f: [
        ({**_strategy(f), "plan": f.plan}, q) for q in ("", "?etter=enhet")
    ],
    "decision_log": lambda f: [(_strategy(f), "")],
    "glossary": lambda f: [(_strategy(f), "")],
    "permalink": lambda f: [({**_strategy(f), "key": f.key}, "")],
    "permalink_in_force": lambda f: [({"org": f.org, "key": f.key}, "")],
    "versions": lambda f: [(_strategy(f), "")],
    "search": lambda f: [(_strategy(f), f"?q={q}") for q in [*SEARCHES, DRAFT_SEARCH]],
    "diff": lambda f: [({**_strategy(f), "b": f.other or f.pk}, "")],
    "strategy_download": lambda f: [(_strategy(f), "")],
    "report_list": lambda f: [(_strategy(f), "")],
    "report": lambda f: [
        ({**_strategy(f), "kind": kind, "fmt": fmt}, "") for kind, fmt in TEXT_REPORTS
    ],
}
# The public URLs outside the site's own list; the site's are "site:<name>".
FULL_NAMES = {
    "strategy_download": "interchange:download",
    "report_list": "reports:report_list",
    "report": "reports:report",
    "versions": "strategies:versions",
}
# Site-wide, not about one strategy.
SITE_URLS = {"feed": "/feed/", "sitemap": "/sitemap.xml"}


def full_name(name: str) -> str:
    return FULL_NAMES.get(name, f"site:{name}")


# Pages about one strategy: a draft's are not found at all, nor a unit that only
# a draft names.
STRATEGY_PAGES = {
    "unit_detail",
    "strategy_detail",
    "section_detail",
    "theme_detail",
    "measure_detail",
    "goal_detail",
    "action_plan",
    "plan_list",
    "plan_detail",
    "decision_log",
    "glossary",
    "versions",
    "permalink",
    "permalink_in_force",
    "search",
    "diff",
    "strategy_download",
    "report_list",
    "report",
}


def urls(case: Case) -> Iterator[tuple[str, str]]:
    """(name, URL) of every public page that exists, filled in for *case*."""
    for name, arguments in PUBLIC_URLS.items():
        for kwargs, query in arguments(case):
            try:
                yield name, reverse(full_name(name), kwargs=kwargs) + query
            except NoReverseMatch:
                break  # not built yet; test_every_public_url_is_listed catches new ones
    yield from SITE_URLS.items()


def make_case(name: str, state: str, change: Callable[[dict[str, Any]], None]) -> Case:
    document = rich_document()
    document["organization"]["name"] = name
    document["strategy"]["state"] = state
    change(document["strategy"])
    strategy = load(document)
    goal = strategy.goal_assessments.order_by("pk").first()
    assert goal is not None
    plan, draft_plan = _plans(strategy)
    return Case(
        org=strategy.organization.slug,
        pk=strategy.pk,
        unit=strategy.organization.units.get(name="IKT-tjenesten").pk,
        theme="3",
        measure="3.1",
        goal=goal.pk,
        key=Measure.objects.get(theme__strategy=strategy, number="3.1").key,
        plan=plan,
        draft_plan=draft_plan,
    )


def _plans(strategy: Strategy) -> tuple[int, int]:
    """An approved plan with an exempt action costing the exempt amount, and a
    draft plan: (their pks)."""
    measure = Measure.objects.get(theme__strategy=strategy, number="3.1")
    approved = add_action(
        ActionPlan.objects.create(
            strategy=strategy,
            title="Handlingsplan 2024",
            year_start=2024,
            year_end=2024,
            state=PlanState.APPROVED,
        ),
        "1",
        measures=[measure],
        budgets={2024: 100_000},
    ).plan
    add_action(
        approved,
        "2",
        title="Hemmelig tiltak i handlingsplanen",
        budgets={2024: 437_000},
        spent={2024: 437_000},
        measures=[measure],
        exempt=True,
        exempt_basis="offl. § 24",
    )
    draft = ActionPlan.objects.create(
        strategy=strategy, title="Utkast-handlingsplan", year_start=2025, year_end=2025
    )
    add_action(draft, "1", title="Utkast-handlingsplan tiltak", budgets={2025: 1})
    return approved.pk, draft.pk


def _draft_marks(data: dict[str, Any]) -> None:
    data["title"] = f"Utkast {DRAFT_MARK}"
    data["themes"][0]["measures"][0]["objective"] = DRAFT_MARK


def _exempt(part: dict[str, Any], basis: str = "offl. § 13") -> None:
    part.update(exempt=True, exempt_basis=basis)


def _only_through_its_theme(part: dict[str, Any]) -> None:
    part.pop("exempt"), part.pop("exempt_basis")


def _more_exempt(data: dict[str, Any]) -> None:
    _exempt(data["themes"][1], "offl. § 24 tredje ledd")  # "21 Lokale satsingsområder"
    _only_through_its_theme(data["themes"][1]["measures"][0])  # 21.1
    _only_through_its_theme(data["goal_assessments"][2])  # a goal of theme 21
    _exempt(data["goal_assessments"][1], "offl. § 15")  # "Vietos demokratija" 2
    _exempt(data["sections"][2])  # "1.2", Lithuanian
    _exempt(data["action_plan"][1], "offl. § 23")  # item 2, all of operating 2024
    data["action_plan"][1]["amount_nok"] = 437000
    data["budget_totals"][0].update(stated_nok=437000, computed_nok=437000)
    data["revisions"][3]["date"] = "2023-10-02"  # dated, so the feed would list it


@pytest.fixture
def draft() -> Case:
    return make_case("Lia kommune", "draft", _draft_marks)


@pytest.fixture
def approved() -> Case:
    """The approved version, and its revision on hearing (to compare with), in
    which the exempt parts read otherwise."""
    case = make_case("Fjordvik kommune", "approved", _more_exempt)
    revised = next_version(Strategy.objects.get(pk=case.pk), "hearing")
    Measure.objects.filter(theme__strategy=revised, number="21.1").update(
        description="Sensorer og digitalt tilsyn i alle rom"
    )
    ActionItem.objects.filter(strategy=revised, number="2").update(amount_nok=500_000)
    return replace(case, other=revised.pk)


@pytest.fixture(params=["anonymous", "outsider"])
def visitor(request: pytest.FixtureRequest) -> Client:
    """The anonymous or the outsider persona of the test's case (draft or approved)."""
    case: Case = request.getfixturevalue(
        "draft" if "draft" in request.fixturenames else "approved"
    )
    personas = make_personas(Organization.objects.get(slug=case.org))
    client = Client()
    if request.param == "outsider":
        client.force_login(personas.outsider)
    return client


def body(response: Any) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def test_every_public_url_is_listed() -> None:
    patterns = [*site_urls.urlpatterns, *report_urls.urlpatterns]
    names = {p.name for p in patterns if isinstance(p, URLPattern)} - set(SITE_URLS)
    listed = {full_name(n).split(":")[1] for n in PUBLIC_URLS}
    assert names <= listed, f"add {names - listed} to PUBLIC_URLS"


def test_the_pages_listed_exist() -> None:
    """The disclosure tests below really ran on the pages the issue names."""
    case = Case(org="x", pk=1, unit=1, theme="1", measure="1.1", goal=1)
    found = {name for name, _url in urls(case)}
    assert found >= {
        "organization_list",
        "strategy_detail",
        "strategy_download",
        "report",
    }
    assert found >= set(SITE_URLS)


def test_a_draft_is_found_nowhere(draft: Case, visitor: Client) -> None:
    for name, url in urls(draft):
        response = visitor.get(url)
        if name in STRATEGY_PAGES:
            assert response.status_code == 404, url
            continue
        assert response.status_code == 200, url
        page = body(response)
        assert DRAFT_MARK not in page, url
        assert f"/s/{draft.pk}/" not in page, url


def test_exempt_text_is_in_no_response(approved: Case, visitor: Client) -> None:
    for _name, url in urls(approved):
        response = visitor.get(url, follow=True)  # a permalink leads to its page
        assert response.status_code == 200, url
        page = body(response)
        for text in EXEMPT_TEXTS:
            assert text not in page, f"{text!r} in {url}"
        assert not EXEMPT_AMOUNT.search(page), f"the exempt amount in {url}"


def test_the_public_sees_where_a_part_was_withheld_and_why(
    approved: Case, visitor: Client
) -> None:
    base = f"/o/{approved.org}/s/{approved.pk}/"
    bases = {
        "": ["offl. § 24 tredje ledd", "offl. § 13"],  # theme 21, chapter 1.2
        "vedtak/": ["offl. § 14"],
        "handlingsplan/": ["offl. § 23"],
        "planverk.json": ["offl. § 24 tredje ledd", "offl. § 15", "offl. § 23"],
        "rapport/strategy.html": ["offl. § 24 tredje ledd", "offl. § 14"],
        "rapport/progress.html": ["offl. § 15"],
    }
    for path, wanted in bases.items():
        page = body(visitor.get(base + path))
        for basis in wanted:
            assert basis in page, f"{basis} not in {path}"


def exempt_case(approved: Case) -> list[tuple[str, Case]]:
    goals = GoalAssessment.objects.filter(strategy_id=approved.pk)
    own = goals.get(exempt=True)
    through_theme = goals.get(theme_number="21")
    return [
        ("section_detail", Case(**{**approved.__dict__, "section": 3})),  # "1.2"
        ("theme_detail", Case(**{**approved.__dict__, "theme": "21"})),
        ("measure_detail", Case(**{**approved.__dict__, "measure": "21.1"})),
        ("goal_detail", Case(**{**approved.__dict__, "goal": own.pk})),
        ("goal_detail", Case(**{**approved.__dict__, "goal": through_theme.pk})),
        ("plan_detail", Case(**{**approved.__dict__, "plan": approved.draft_plan})),
        ("permalink", Case(**{**approved.__dict__, "key": exempt_key(approved)})),
        (
            "permalink_in_force",
            Case(**{**approved.__dict__, "key": exempt_key(approved)}),
        ),
    ]


def exempt_key(approved: Case) -> str:
    """The key of measure 21.1, exempt with its theme."""
    return Measure.objects.get(theme__strategy_id=approved.pk, number="21.1").key


def test_exempt_parts_are_not_found_by_their_direct_url(
    approved: Case, visitor: Client
) -> None:
    for name, case in exempt_case(approved):
        (kwargs, _query), *_others = PUBLIC_URLS[name](case)
        try:
            url = reverse(full_name(name), kwargs=kwargs)
        except NoReverseMatch:
            continue
        assert visitor.get(url).status_code == 404, url


def test_the_sitemap_lists_public_themes_and_measures_only(
    approved: Case, draft: Case, client: Client
) -> None:
    page = body(client.get("/sitemap.xml"))
    base = f"/o/{approved.org}/s/{approved.pk}/"
    assert f"{base}</loc>" in page
    assert f"{base}tema/3/</loc>" in page
    assert f"{base}kapittel/1/</loc>" in page
    assert f"{base}kapittel/3/" not in page  # "1.2", exempt
    assert f"{base}tiltak/3.10/</loc>" in page
    assert f"{base}tema/21/" not in page
    assert f"{base}tiltak/21.1/" not in page
    assert f"/s/{draft.pk}/" not in page


def test_the_feed_has_published_strategies_and_public_decisions(
    approved: Case, draft: Case, client: Client
) -> None:
    response = client.get("/feed/")
    assert response["Content-Type"].startswith("application/atom+xml")
    page = body(response)
    assert f"/o/{approved.org}/s/{approved.pk}/" in page
    assert "Kommunestyret" in page
    assert "Rådmannens ledergruppe" not in page
    assert DRAFT_MARK not in page


def test_members_download_everything(approved: Case, client: Client) -> None:
    strategy = Strategy.objects.get(pk=approved.pk)
    client.force_login(make_personas(strategy.organization).reader)
    response = client.get(f"/o/{approved.org}/s/{approved.pk}/planverk.json")
    document = response.json()
    assert response["Content-Disposition"].startswith("attachment;")
    assert "Rådmannens ledergruppe" in body(response)
    assert document["import_report"] is not None


def test_the_public_download_has_placeholders_and_no_import_report(
    approved: Case, client: Client
) -> None:
    document = client.get(f"/o/{approved.org}/s/{approved.pk}/planverk.json").json()
    strategy = document["strategy"]
    assert [t["number"] for t in strategy["themes"]] == ["3", "21"]
    withheld = strategy["themes"][1]
    assert (withheld["exempt_basis"], withheld["measures"]) == (
        "offl. § 24 tredje ledd",
        [],
    )
    # The theme's goal is withheld with it, not listed on its own.
    assert [g["theme"] for g in strategy["goal_assessments"]] == ["3", None]
    operating = strategy["budget_totals"][0]
    assert (operating["stated_nok"], operating["includes_exempt"]) == (None, True)
    assert document["import_report"] is None


def test_members_download_their_draft(draft: Case, client: Client) -> None:
    strategy = Strategy.objects.get(pk=draft.pk)
    client.force_login(make_personas(strategy.organization).reader)
    response = client.get(f"/o/{draft.org}/s/{draft.pk}/planverk.json")
    assert DRAFT_MARK in body(response)
