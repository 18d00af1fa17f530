"""The action-plan pages in Chromium: axe finds nothing at WCAG 2.1 AA, and on a
375 px phone no page is wider than the screen and the tables read as cards."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse

from planverk.site.tests.test_browser_phones import MEASURE
from planverk.strategies.tests.plan_setup import make_plans
from planverk.testing import make_strategy

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("national_agenda"),
]

# The cells of the plan's table, on a phone: none laid out as a table's.
CARDS = """() => {
    const cells = [...document.querySelectorAll('table.plan-actions tbody td')];
    const tabular = cells.filter(c => getComputedStyle(c).display === 'table-cell');
    return {cells: cells.length, tabular: tabular.length};
}"""


def plan_pages() -> list[str]:
    plans = make_plans(make_strategy("approved"))
    strategy = plans.strategy
    args = [strategy.organization.slug, strategy.pk]
    org = strategy.organization.slug
    return [
        reverse("site:plan_list", args=args),
        reverse("site:plan_detail", args=[*args, plans.whole.pk]),
        reverse("site:plan_detail", args=[*args, plans.whole.pk]) + "?etter=enhet",
        reverse("site:measure_detail", args=[*args, "3.1"]),
        reverse("site:unit_detail", args=[org, plans.unit_plan.unit_id]),
    ]


def test_the_plan_pages_pass_axe(
    browser: Any, live_server: Any, axe: Callable[[Any], list[dict[str, Any]]]
) -> None:
    urls = plan_pages()
    page = browser.new_page(locale="nb-NO")
    for url in urls:
        response = page.goto(live_server.url + url)
        assert response is not None and response.status == 200, url
        assert axe(page) == [], url
    page.close()


def test_the_plan_pages_fit_a_phone(browser: Any, live_server: Any) -> None:
    urls = plan_pages()
    context = browser.new_context(
        locale="nb-NO", viewport={"width": 375, "height": 740}
    )
    page = context.new_page()
    too_wide = {}
    for url in urls:
        page.goto(live_server.url + url)
        measured = page.evaluate(MEASURE)
        if measured["width"] > 375:
            too_wide[url] = measured
    assert too_wide == {}
    page.goto(live_server.url + urls[1])
    cards = page.evaluate(CARDS)
    assert cards["cells"] and cards["tabular"] == 0
    context.close()
