"""Editing per theme: the strategy's editing page lists the themes, each theme has
a page of its own with its measures and goals; units are chosen in a bounded box
with a filter; the editor's links come first; "not confirmed" is explained once."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from conftest import COUNTY_SEED
from planverk.organizations.models import Unit
from planverk.strategies.models import GoalAssessment, Measure, MeasureUnit, Strategy
from planverk.strategies.tests.editing_setup import Draft, make_draft
from planverk.testing import make_personas

pytestmark = pytest.mark.django_db


@pytest.fixture
def client() -> Client:
    return Client(HTTP_ACCEPT_LANGUAGE="en")


@pytest.fixture
def draft() -> Draft:
    return make_draft()


def page_of(client: Client, user: Any, url: str) -> str:
    if user.is_authenticated:
        client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def slots(page: str, kind: str) -> set[int]:
    return {int(pk) for pk in re.findall(rf'id="{kind}-(\d+)"', page)}


# The pages


def test_the_strategy_page_lists_the_themes_not_their_measures(
    client: Client, draft: Draft
) -> None:
    page = page_of(client, draft.editor, f"{draft.base}/rediger/")
    soup = BeautifulSoup(page, "html.parser")
    links = [a["href"] for a in soup.select(".edit-themes a")]
    assert links == [f"{draft.base}/rediger/tema/3/", f"{draft.base}/rediger/tema/21/"]
    assert slots(page, "measure") == set()
    assert "3 measures" in page and "1 measure" in page
    # Goals with a theme are on its page; the one without stays here.
    assert slots(page, "goal") == {draft.goal.pk}


def test_a_theme_page_holds_only_its_own_measures_and_goals(
    client: Client, draft: Draft
) -> None:
    page = page_of(client, draft.editor, f"{draft.base}/rediger/tema/3/")
    ours = Measure.objects.filter(theme__strategy=draft.strategy, theme__number="3")
    assert slots(page, "measure") == {m.pk for m in ours}
    goal = GoalAssessment.objects.get(strategy=draft.strategy, number=1)
    assert slots(page, "goal") == {goal.pk}
    assert f'href="{draft.base}/rediger/tema/21/"' in page  # the next theme
    assert "Move 3.10 up" in page


def test_an_unknown_theme_is_not_found(client: Client, draft: Draft) -> None:
    client.force_login(draft.editor)
    assert client.get(f"{draft.base}/rediger/tema/99/").status_code == 404


@pytest.mark.parametrize("who", ["editor", "unit_editor"])
def test_the_theme_page_does_not_grow_with_its_measures(
    client: Client, draft: Draft, who: str
) -> None:
    client.force_login(getattr(draft, who))
    url = f"{draft.base}/rediger/tema/3/"

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    few = count()
    archive = Unit.objects.get(organization=draft.strategy.organization, name="Arkiv")
    for i in range(10):
        measure = Measure.objects.create(
            theme=draft.measure.theme, number=f"3.{50 + i}"
        )
        MeasureUnit.objects.create(measure=measure, unit=archive, position=1)
    assert count() == few
    assert few <= 14


def test_saving_a_goal_of_a_theme_goes_back_to_the_themes_page(
    client: Client, draft: Draft
) -> None:
    goal = GoalAssessment.objects.get(strategy=draft.strategy, number=1)
    url = f"{draft.base}/rediger/mal/{goal.pk}/"
    client.force_login(draft.editor)
    form = client.get(url).content.decode()
    assert f'href="{draft.base}/rediger/tema/3/#goal-{goal.pk}"' in form  # cancel
    r = client.post(url, {"revision": goal.revision, "level": goal.level})
    assert r["Location"] == f"{draft.base}/rediger/tema/3/#goal-{goal.pk}"


def test_reordering_without_js_goes_back_to_the_themes_page(
    client: Client, draft: Draft
) -> None:
    client.force_login(draft.editor)
    r = client.post(
        f"{draft.base}/rediger/tema/3/rekkefolge/",
        {"revision": "1", "measure": draft.other_measure.pk, "step": "-1"},
    )
    assert r["Location"] == f"{draft.base}/rediger/tema/3/#theme-3-measures"


def test_the_county_strategy_is_edited_in_pages_of_bounded_size(
    client: Client, seed_path: Callable[[str], Path]
) -> None:
    """The county's 61 measures in 20 themes: no longer all on one page."""
    call_command("import", str(seed_path(COUNTY_SEED)), verbosity=0)
    strategy = Strategy.objects.latest("pk")
    editor = make_personas(strategy.organization).editor
    base = f"/o/{strategy.organization.slug}/s/{strategy.pk}/rediger/"
    overview = page_of(client, editor, base)
    assert slots(overview, "measure") == set()
    assert len(overview) < 60_000  # it was 208 143 bytes with every measure on it
    themes = list(strategy.themes.all())
    for theme in themes:
        assert f'href="{base}tema/{theme.number}/"' in overview
    largest = 0
    for theme in themes:
        page = page_of(client, editor, f"{base}tema/{theme.number}/")
        assert slots(page, "measure") == set(
            theme.measures.values_list("pk", flat=True)
        )
        largest = max(largest, len(page))
    assert largest < 60_000


# Units


def test_the_units_are_a_filterable_list_with_the_chosen_first(
    client: Client, draft: Draft
) -> None:
    page = page_of(
        client, draft.editor, f"{draft.base}/rediger/tiltak/{draft.measure.pk}/"
    )
    picker = BeautifulSoup(page, "html.parser").select_one("[data-unit-picker]")
    assert picker is not None
    names = [label.get_text() for label in picker.select("[data-option] label")]
    assert names[:2] == ["IKT-tjenesten", "Arkiv"]  # the measure's, in its order
    assert sorted(names[2:]) == names[2:]
    checked = [box["value"] for box in picker.select("input[checked]")]
    assert len(checked) == 2
    # The filter waits hidden for the script; without it the list works alone.
    assert picker.select_one("[data-filter]").has_attr("hidden")
    assert 'src="/static/js/editing.js"' in page


def test_units_chosen_in_the_list_save_as_the_form_posts_them(
    client: Client, draft: Draft
) -> None:
    url = f"{draft.base}/rediger/tiltak/{draft.measure.pk}/"
    page = page_of(client, draft.editor, url)
    soup = BeautifulSoup(page, "html.parser")
    form = soup.select_one("form.edit-form")
    assert form is not None
    data: dict[str, Any] = {
        str(field["name"]): field.get("value", "")
        for field in form.select("input[type=hidden]")
    }
    for area in form.select("textarea"):
        data[str(area["name"])] = area.get_text().lstrip("\n")
    for field in form.select("input.ds-input:not([type=search])"):
        data[str(field["name"])] = field.get("value", "")
    by_name = {}
    for label in form.select("[data-unit-picker] [data-option] label"):
        box = form.select_one(f"#{label['for']}")
        assert box is not None
        by_name[label.get_text()] = box["value"]
    # Untick Arkiv, keep IKT-tjenesten, tick Helse- og omsorg.
    data["units"] = [by_name["IKT-tjenesten"], by_name["Helse- og omsorg"]]
    assert client.post(url, data).status_code == 302
    owners = [u.name for u in Measure.objects.get(pk=draft.measure.pk).owners]
    assert owners == ["IKT-tjenesten", "Helse- og omsorg"]


# The editor's links


def editor_links(page: str) -> list[str]:
    soup = BeautifulSoup(page, "html.parser")
    tools = soup.select_one("nav.editor-tools")
    return [] if tools is None else [a.get_text() for a in tools.select("a")]


def test_the_editors_links_come_first_on_the_strategys_pages(
    client: Client, draft: Draft
) -> None:
    page = page_of(client, draft.editor, f"{draft.base}/tema/3/")
    assert editor_links(page) == ["Edit the strategy", "Edit this theme", "Publishing"]
    soup = BeautifulSoup(page, "html.parser")
    tools = soup.select_one("nav.editor-tools")
    main = soup.select_one(".strategy-main")
    # First in the page's content, before its heading and the strategy's links.
    assert next(iter(main.find_all(True))) is tools
    order = [str(tag) for tag in soup.find_all(True)]
    assert order.index(str(tools)) < order.index(str(soup.select_one(".strategy-nav")))
    assert f'href="{draft.base}/rediger/tema/3/"' in str(tools)


@pytest.mark.parametrize(
    ("who", "links"),
    [
        ("anonymous", []),
        ("reader", []),
        ("outsider", []),
        ("unit_editor", ["Edit the strategy"]),
        ("site_admin", ["Edit the strategy", "Publishing"]),
    ],
)
def test_readers_are_not_offered_the_editors_links(
    client: Client, draft: Draft, who: str, links: list[str]
) -> None:
    draft.strategy.state = "hearing"  # public, so everyone may read the page
    draft.strategy.save()
    person = getattr(draft, who)
    page = page_of(client, person, f"{draft.base}/")
    # Once public, only who may publish is offered a link (editing is over).
    assert editor_links(page) == [link for link in links if link == "Publishing"]
    draft.strategy.state = "draft"
    draft.strategy.save()
    if who in ("anonymous", "outsider"):
        return  # a draft is not theirs to read
    assert editor_links(page_of(client, person, f"{draft.base}/")) == links


# "Not confirmed", explained once


def add_unconfirmed_goals(draft: Draft, theme: str, n: int) -> None:
    for i in range(n):
        GoalAssessment.objects.create(
            strategy=draft.strategy,
            area="Lokaldemokrati",
            theme_number=theme,
            number=10 + i,
            goal_text=f"Mål {i}",
            level="partial",
            position=100 + i,
        )


def test_not_confirmed_is_explained_once_before_the_first(
    client: Client, draft: Draft
) -> None:
    add_unconfirmed_goals(draft, "3", 3)
    for url in (f"{draft.base}/tema/3/", f"{draft.base}/rediger/tema/3/"):
        page = page_of(client, draft.editor, url)
        assert page.count('id="unconfirmed-note"') == 1, url
        note = page.index('id="unconfirmed-note"')
        first = min(
            page.index("(not confirmed)") if "(not confirmed)" in page else len(page),
            page.index("(suggested by the import")
            if "suggested by" in page
            else len(page),
        )
        assert note < first, url
        assert "the importer guessed it from the status text" in page
        assert f'href="{draft.base}/rediger/bekreft/"' in page[note : note + 800]


def test_the_note_offers_confirming_only_to_editors(
    client: Client, draft: Draft
) -> None:
    add_unconfirmed_goals(draft, "3", 1)
    page = page_of(client, draft.reader, f"{draft.base}/tema/3/")
    assert page.count('id="unconfirmed-note"') == 1
    assert "/rediger/bekreft/" not in page


def test_no_note_where_every_level_is_confirmed(client: Client, draft: Draft) -> None:
    GoalAssessment.objects.filter(strategy=draft.strategy).update(level_confirmed=True)
    page = page_of(client, draft.editor, f"{draft.base}/tema/3/")
    assert "unconfirmed-note" not in page
