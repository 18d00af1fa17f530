"""The public history names people as their organisation chose, never by login name;
and the breadcrumbs above it (and every page) show each step once, the editing
page only to who may open it."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import PermissionDenied
from django.test import Client

from planverk.accounts.actions import set_history_attribution
from planverk.organizations.attribution import public_name
from planverk.organizations.models import HistoryAttribution, Organization
from planverk.strategies.actions.editing import set_assessment_level, update_measure
from planverk.strategies.models import Strategy
from planverk.strategies.tests.editing_setup import Draft, make_draft

pytestmark = pytest.mark.django_db

STATIC_CSS = Path(__file__).resolve().parents[3] / "static" / "css"


@pytest.fixture
def edited() -> Draft:
    """A public strategy whose measure 3.1 the unit editor (of Arkiv) changed and
    whose goal 2 the editor set; both have full names, which usernames are not."""
    draft = make_draft()
    editor, unit_editor = draft.editor, draft.unit_editor
    editor.first_name, editor.last_name = "Kari", "Nordmann"
    editor.save()
    unit_editor.first_name, unit_editor.last_name = "Ola", "Enhetsen"
    unit_editor.save()
    update_measure(
        draft.measure, {"group": "Ny gruppe"}, loaded_revision=1, user=unit_editor
    )
    set_assessment_level(
        draft.goal, "achieved", reason="Målt", loaded_revision=1, user=editor
    )
    Strategy.objects.filter(pk=draft.strategy.pk).update(state="approved")
    return draft


def history_pages(draft: Draft) -> list[str]:
    return [
        f"{draft.base}/historikk/tiltak/{draft.measure.pk}/",
        f"{draft.base}/historikk/mal/{draft.goal.pk}/",
    ]


def get(path: str, user: Any = None) -> BeautifulSoup:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.force_login(user)
    response = client.get(path)
    assert response.status_code == 200, path
    return BeautifulSoup(response.content.decode(), "html.parser")


def history(path: str, user: Any = None) -> str:
    """The history's own text: the page's main part (the header names whoever is signed in)."""
    main = get(path, user).find("main")
    assert main is not None
    return " ".join(main.get_text(" ").split())


def usernames(draft: Draft) -> list[str]:
    return [u.username for u in (draft.editor, draft.unit_editor)]


def choose(draft: Draft, attribution: str) -> None:
    set_history_attribution(draft.strategy.organization, attribution, user=draft.editor)


def test_the_public_history_names_people_by_their_full_names(edited: Draft) -> None:
    measure, goal = (history(p) for p in history_pages(edited))
    assert "Ola Enhetsen" in measure
    assert "Kari Nordmann" in goal  # in "All changes" and in "Level over time"
    for text in (measure, goal):
        assert not any(name in text for name in usernames(edited)), text


def test_without_a_full_name_a_person_is_a_member_of_the_organisation(
    edited: Draft,
) -> None:
    edited.unit_editor.first_name = edited.unit_editor.last_name = ""
    edited.unit_editor.save()
    text = history(history_pages(edited)[0])
    assert "a member of Fjordvik kommune" in text
    assert edited.unit_editor.username not in text


def test_an_organisation_may_name_units_instead(edited: Draft) -> None:
    choose(edited, HistoryAttribution.UNIT)
    measure, goal = (history(p) for p in history_pages(edited))
    assert "Arkiv" in measure  # the unit editor's unit
    assert "Fjordvik kommune" in goal  # the editor is bound to no unit
    for text in (measure, goal):
        assert "Ola Enhetsen" not in text and "Kari Nordmann" not in text
        assert not any(name in text for name in usernames(edited))


def test_an_organisation_may_name_only_itself(edited: Draft) -> None:
    choose(edited, HistoryAttribution.ORGANIZATION)
    for path in history_pages(edited):
        text = history(path)
        assert "Fjordvik kommune" in text
        assert "Ola Enhetsen" not in text and "Kari Nordmann" not in text
        assert "Arkiv ·" not in text


def test_members_see_the_same_names(edited: Draft) -> None:
    text = history(history_pages(edited)[0], edited.editor)
    assert "Ola Enhetsen" in text and edited.unit_editor.username not in text


def test_one_function_names_a_site_administrator_neutrally(edited: Draft) -> None:
    organization = edited.strategy.organization
    assert public_name(edited.site_admin, organization) == "a site administrator"
    assert public_name(None, organization) == ""


def test_the_setting_is_changed_by_an_action_with_history(edited: Draft) -> None:
    organization = edited.strategy.organization
    with pytest.raises(PermissionDenied):
        set_history_attribution(organization, "unit", user=edited.reader)
    with pytest.raises(ValueError):
        set_history_attribution(organization, "username", user=edited.editor)
    choose(edited, HistoryAttribution.UNIT)
    stored = Organization.objects.get(pk=organization.pk)
    assert stored.history_attribution == "unit"
    record = stored.history.first()
    assert (record.history_user, record.history_change_reason) == (
        edited.editor,
        "organization.history_attribution",
    )


def test_the_members_page_offers_the_setting(edited: Draft) -> None:
    members = f"/o/{edited.strategy.organization.slug}/medlemmer/"
    form = get(members, edited.editor).find("form", id="history-attribution")
    assert form is not None
    assert {i["value"] for i in form.find_all("input", type="radio")} == set(
        HistoryAttribution.values
    )
    client = Client()
    client.force_login(edited.editor)
    sent = client.post(f"{members}historikk/", {"history_attribution": "organization"})
    assert (sent.status_code, sent["Location"]) == (302, members)
    refused = client.post(f"{members}historikk/", {"history_attribution": "username"})
    assert refused.status_code == 400
    assert Organization.objects.get(slug="fjordvik-kommune").history_attribution == (
        "organization"
    )


# Breadcrumbs


def crumbs(soup: BeautifulSoup) -> Any:
    (nav,) = soup.find_all("nav", class_="ds-breadcrumbs")
    return nav


def assert_single_separators(nav: Any, path: str) -> None:
    """Every step is one list item holding one link and nothing else: the
    separators are the design system's, drawn once between items."""
    items = nav.find("ol").find_all("li", recursive=False)
    assert items, path
    for item in items:
        (link,) = item.find_all("a")
        outside = item.get_text().replace(link.get_text(), "", 1)
        assert not outside.strip(), (path, item)
    texts = [i.get_text().strip() for i in items]
    assert all(texts) and not any(t in ("/", "›", ">") for t in texts), path


def test_no_stylesheet_draws_separators_of_its_own() -> None:
    for css in STATIC_CSS.glob("*.css"):
        for rule in re.findall(r"[^{}]*breadcrumb[^{}]*\{[^}]*\}", css.read_text()):
            assert "content" not in rule, (css.name, rule)


def test_anonymous_readers_get_no_edit_step_in_the_history_breadcrumbs(
    edited: Draft,
) -> None:
    editing = f"{edited.base}/rediger/"
    for path in history_pages(edited):
        nav = crumbs(get(path))
        assert_single_separators(nav, path)
        assert not nav.find("a", href=editing), path
        steps = [a.get_text().strip() for a in nav.find_all("a")]
        assert steps[:3] == ["Organisations", "Fjordvik kommune", edited.strategy.title]
        assert "Edit" not in steps
        member = crumbs(get(path, edited.reader))  # a member may open the editing page
        assert member.find("a", href=editing).get_text().strip() == "Edit"
        assert_single_separators(member, path)


def every_page(draft: Draft) -> list[tuple[str, Any]]:
    """Each page with breadcrumbs, and whom to ask it as (None: anyone)."""
    strategy = f"{draft.base}/"
    unit = draft.strategy.organization.units.get(name="Arkiv")
    org = f"/o/{draft.strategy.organization.slug}/"
    anyone = [
        org,
        f"{org}enhet/{unit.pk}/",
        strategy,
        f"{strategy}kapittel/1/",
        f"{strategy}tema/3/",
        f"{strategy}tiltak/3.1/",
        f"{strategy}mal/{draft.goal.pk}/",
        f"{strategy}handlingsplan/",
        f"{strategy}vedtak/",
        f"{strategy}ordliste/",
        f"{strategy}sok/?q=møter",
        f"{strategy}rapporter/",
        *history_pages(draft),
    ]
    editor = [
        f"{strategy}publisering/",
        f"{org}medlemmer/",
        f"{strategy}rediger/tiltak/{draft.measure.pk}/",
    ]
    return [(p, None) for p in anyone] + [(p, draft.editor) for p in editor]


def test_every_page_s_breadcrumbs_show_each_step_once(edited: Draft) -> None:
    Strategy.objects.filter(pk=edited.strategy.pk).update(state="draft")
    pages = every_page(edited)
    for path, user in pages:
        who = user or edited.reader  # a draft: its members read it
        assert_single_separators(crumbs(get(path, who)), path)


def test_editors_get_the_edit_step_on_editing_pages(edited: Draft) -> None:
    """A measure's form, as a full page: the strategy's editing page is a step."""
    Strategy.objects.filter(pk=edited.strategy.pk).update(state="draft")
    nav = crumbs(
        get(f"{edited.base}/rediger/tiltak/{edited.measure.pk}/", edited.editor)
    )
    assert nav.find("a", href=f"{edited.base}/rediger/").get_text().strip() == "Edit"
