"""No query string, however malformed, makes any page of the site answer 5xx.

Every URL pattern (through every include; Django's admin aside, which is
Django's own, and bench/, which is not there in production) is filled from one
approved strategy and its parts, then requested with each query string in
MALFORMED by an anonymous visitor and by a site admin, GET only. A page may
refuse (400), not find (404), redirect or answer: never fail.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.urls import resolve

from planverk.strategies.models import ActionPlan, Measure, PlanAction, Strategy
from planverk.strategies.models.plans import PlanState
from planverk.testing import make_personas, make_strategy
from planverk.tests.test_permission_matrix import url_patterns

LONG = "x" * 100_000
MALFORMED = [
    "fra=9999-12-31&til=0001-01-01",
    "fra=2000-01-01&til=9999-12-31",
    "fra=%D9%A2%D9%A0%D9%A2%D9%A4-01-01",  # Arabic-Indic digits
    "mot=%C2%B2",  # ², which str.isdigit() passes and int() refuses
    "mot=99999999999999999999999",
    "mot=-1",
    "side=%C2%B2",
    "side=99999999999999999999",
    "side=-1",
    f"q={LONG}",
    "kind=%00",
    "country=xx",
    "n=1",
    "%00=%00",
    "q=%00&fra=%00&til=%00&mot=%00&side=%00&kind=%00&country=%00&next=%00&p=%00",
    "p=%C2%B2&p=99999999999999999999",  # the sitemap's page
    "next=%00",
    "etter=%00&etter=enhet",  # an action plan's grouping
    "fra=1&fra=2&til=&mot=&mot=1",  # repeated and empty
]
# Values of the route arguments, by name, where one value fits every route.
ROUTE_ARGUMENT = re.compile(r"<(?:\w+:)?(\w+)>")
# Routes whose arguments need their own values; each dict is one URL to try.
OWN_ARGUMENTS: dict[str, list[dict[str, str]]] = {
    "site:theme_detail": [{"number": "3"}],
    "site:measure_detail": [{"number": "3.1"}],
    "strategies:action_item_edit": [{"number": "2"}],
    "strategies:theme_reorder": [{"number": "3"}],
    "strategies:theme_edit": [{"number": "3"}],
    "strategies:publishing_exempt": [{"kind": "tema"}],
    "reports:report": [
        {"kind": kind, "fmt": fmt}
        for kind, fmt in [
            ("changes", "html"),
            ("changes", "csv"),
            ("strategy", "html"),
            ("budget", "csv"),
        ]
    ],
}


def routes() -> list[Any]:
    return [
        pytest.param(route, name, own, id=f"{name}-{'.'.join(own.values())}".strip("-"))
        for route, name in url_patterns()
        for own in OWN_ARGUMENTS.get(name, [{}])
    ]


@dataclass
class Site:
    strategy: Strategy
    admin: Any  # a superuser
    arguments: dict[str, str]


@pytest.fixture(scope="module")
def site(django_db_setup: None, django_db_blocker: Any) -> Iterator[Site]:
    """One approved strategy for the module; each test's db savepoint rolls back in it."""
    with django_db_blocker.unblock(), transaction.atomic():
        strategy = make_strategy("approved")
        theme = strategy.themes.get(number="3")
        goal = strategy.goal_assessments.order_by("pk").first()
        assert goal is not None
        arguments = {
            "org": strategy.organization.slug,
            "pk": str(strategy.pk),
            "unit": str(strategy.organization.units.get(name="Arkiv").pk),
            "place": "1",
            "goal": str(goal.pk),
            "assessment": str(goal.pk),
            "measure": str(Measure.objects.get(theme=theme, number="3.1").pk),
            "key": Measure.objects.get(theme=theme, number="3.1").key,
            "part": str(theme.pk),
            "b": str(strategy.pk),  # a version compared with itself
            "number": "3",  # a theme's; routes of other numbers answer 404
            "kind": "tiltak",
            # A decision row's; routes of other records answer 404.
            "record": str(strategy.decisions.values_list("pk", flat=True)[0]),
            "word": "hoering",
            "provider": "idporten",
            "token": "no-such-invitation",
            "plan": str(
                ActionPlan.objects.create(
                    strategy=strategy,
                    title="Handlingsplan",
                    year_start=2024,
                    year_end=2024,
                    state=PlanState.APPROVED,
                ).pk
            ),
        }
        action = PlanAction.objects.create(
            plan_id=arguments["plan"], number="1", title="Tiltak", category="operating"
        )
        arguments["action"] = str(action.pk)
        admin = make_personas(strategy.organization).site_admin
        yield Site(strategy, admin, arguments)
        transaction.set_rollback(True)


def fill(route: str, arguments: dict[str, str]) -> str:
    def value(found: re.Match[str]) -> str:
        name = found[1]
        assert name in arguments, f"say in this test what <{name}> of {route} is"
        return arguments[name]

    return "/" + ROUTE_ARGUMENT.sub(value, route)


def test_the_walk_reaches_into_every_include() -> None:
    names = {name for _route, name in url_patterns()}
    assert {"site:feed", "reports:report", "strategies:measure_edit"} <= names
    assert {"accounts:members", "interchange:cancel"} <= names
    assert not any(name.startswith("admin:") for name in names)


@pytest.mark.django_db
@pytest.mark.parametrize(("route", "name", "own"), routes())
def test_no_query_string_makes_a_page_fail(
    site: Site, route: str, name: str, own: dict[str, str]
) -> None:
    path = fill(route, {**site.arguments, **own})
    assert resolve(path).view_name == name, path
    # Answers, not exceptions: every failure of the route is listed at once.
    anonymous = Client(raise_request_exception=False)
    admin = Client(raise_request_exception=False)
    admin.force_login(site.admin)
    failed = [
        f"{who} GET {path}?{query[:80]}: {response.status_code}"
        for query in MALFORMED
        for who, client in (("anonymous", anonymous), ("admin", admin))
        if (response := client.get(f"{path}?{query}")).status_code >= 500
    ]
    assert not failed, "\n".join(failed)
