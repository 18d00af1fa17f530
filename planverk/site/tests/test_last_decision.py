"""The last decision is the decision log's last row, in the document's order.

Sørum's log ends with two rows of the same day, AMU and then F/A (the
approval): "last" is the last row, F/A, not whichever a sort by date puts
first. The front page, the decision log page, the reports and the feed all
follow the document's order. The county's document has no decision table; its
first decision is the approval recorded when it is approved.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.test import Client

from conftest import COUNTY_SEED, MUNICIPALITY_SEED
from planverk.importers import parse
from planverk.reports.kinds import KINDS
from planverk.site.feeds import decision_entries
from planverk.strategies.actions.publishing import approve
from planverk.strategies.models import Strategy
from planverk.testing import make_personas

pytestmark = pytest.mark.django_db


def imported(path: Path) -> Strategy:
    call_command("import", str(path), verbosity=0)
    return Strategy.objects.select_related("organization").latest("pk")


def published(strategy: Strategy) -> Strategy:
    Strategy.objects.filter(pk=strategy.pk).update(state="approved")
    strategy.refresh_from_db()
    return strategy


def page(path: str) -> BeautifulSoup:
    response = Client(HTTP_ACCEPT_LANGUAGE="en").get(path)
    assert response.status_code == 200, path
    return BeautifulSoup(response.content.decode(), "html.parser")


def latest_on_front_page(strategy: Strategy) -> str | None:
    """The front page's "Latest decision", as it reads."""
    front = page(strategy.get_absolute_url())
    term = front.find("dt", string="Latest decision")
    if term is None:
        return None
    return " ".join(term.find_next_sibling("dd").get_text(" ").split())


def last_row(table: Any) -> list[str]:
    assert table is not None
    cells = table.find("tbody").find_all("tr")[-1].find_all(["td", "th"])
    return [" ".join(c.get_text(" ").split()) for c in cells]


def log_page_last(strategy: Strategy) -> list[str]:
    log = page(f"{strategy.get_absolute_url()}vedtak/")
    return last_row(log.find("main").find("table"))


def report_last(strategy: Strategy, kind: str) -> list[str]:
    report = page(f"{strategy.get_absolute_url()}rapport/{kind}.html")
    return last_row(report.find("table", class_="decisions"))


def reports_with_the_log() -> list[str]:
    return [name for name in ("strategy", "decisions") if name in KINDS]


def test_sorum_s_last_decision_is_the_approval_not_the_same_day_s_first(
    seed_path: Callable[[str], Path],
) -> None:
    path = seed_path(MUNICIPALITY_SEED)
    rows = parse(path).document["strategy"]["revisions"]
    last, before = rows[-1], rows[-2]
    assert last["date"] == before["date"]  # the tie a sort by date cannot break
    strategy = published(imported(path))
    shown = latest_on_front_page(strategy)
    assert shown is not None
    assert shown.startswith(last["body"]) and f"({last['reference']})" in shown
    assert before["reference"] not in shown
    assert log_page_last(strategy)[1:3] == [last["body"], last["reference"]]
    for kind in reports_with_the_log():
        assert report_last(strategy, kind)[1:3] == [
            last["body"],
            last["reference"],
        ], kind
    # The feed, newest first: of one day, the last row first.
    entries = [
        e for e in decision_entries() if e.date.date().isoformat() == last["date"]
    ]
    assert [e.title.endswith(last["reference"]) for e in entries][:1] == [True]


def test_the_county_s_last_decision_is_the_approval_added_to_its_log(
    seed_path: Callable[[str], Path],
) -> None:
    path = seed_path(COUNTY_SEED)
    assert parse(path).document["strategy"]["revisions"] == []
    strategy = published(imported(path))
    assert latest_on_front_page(strategy) is None
    log = page(f"{strategy.get_absolute_url()}vedtak/")
    assert "No decisions recorded." in log.get_text()
    # Approved again: the decision goes last in the log, and is the last shown.
    Strategy.objects.filter(pk=strategy.pk).update(state="draft")
    editor = make_personas(strategy.organization).editor
    approve(
        strategy,
        user=editor,
        body="Fylkestinget",
        date=dt.date(2009, 12, 2),
        reference="PS 1/09",
    )
    shown = latest_on_front_page(strategy)
    assert shown is not None and shown.startswith("Fylkestinget")
    assert log_page_last(strategy)[1:3] == ["Fylkestinget", "PS 1/09"]
    for kind in reports_with_the_log():
        assert report_last(strategy, kind)[1:3] == ["Fylkestinget", "PS 1/09"], kind
