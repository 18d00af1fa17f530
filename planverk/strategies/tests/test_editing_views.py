"""Editing views: forms, htmx fragments vs pages, validation, 403s and the 409 conflict."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from planverk.strategies.models import ActionItem, GoalAssessment, Measure
from planverk.strategies.tests.editing_setup import Draft, make_draft

pytestmark = pytest.mark.django_db


@pytest.fixture
def client() -> Client:
    return Client(HTTP_ACCEPT_LANGUAGE="en")  # the assertions read English labels


HTMX = {"HX-Request": "true"}


@pytest.fixture
def draft() -> Draft:
    return make_draft()


def measure_data(**changes: Any) -> dict[str, Any]:
    data = {
        "revision": "1",
        "objective": "Åpne møter for alle.",
        "description": "Strømme kommunestyremøtene.",
        "items": "Kamera i salen\nTeksting",
        "start": "2024, 2025",
        "group": "",
    }
    return {**data, **changes}


def login(client: Client, user: Any) -> Client:
    client.force_login(user)
    return client


def test_the_editing_page_lists_themes_goals_and_items(
    client: Client, draft: Draft
) -> None:
    page = login(client, draft.editor).get(f"{draft.base}/rediger/").content.decode()
    assert f'href="{draft.base}/rediger/tema/3/"' in page
    assert f'href="{draft.base}/historikk/mal/{draft.goal.pk}/"' in page  # no theme
    assert f"{draft.base}/rediger/handlingsplan/2/" in page
    theme = login(client, draft.editor).get(f"{draft.base}/rediger/tema/3/")
    assert f'href="{draft.base}/rediger/tiltak/{draft.measure.pk}/"' in theme.text
    assert "Move 3.10 up" in theme.text


def test_a_reader_sees_the_draft_without_edit_controls(
    client: Client, draft: Draft
) -> None:
    page = login(client, draft.reader).get(f"{draft.base}/rediger/tema/3/").text
    assert "Åpne møter for alle." in page
    assert "/rediger/tiltak/" not in page and "Move 3.10 up" not in page


def test_a_unit_editor_sees_edit_links_only_on_their_measures(
    client: Client, draft: Draft
) -> None:
    page = login(client, draft.unit_editor).get(f"{draft.base}/rediger/tema/3/").text
    assert f"/rediger/tiltak/{draft.measure.pk}/" in page
    assert f"/rediger/tiltak/{draft.other_measure.pk}/" not in page


def test_get_gives_a_page_or_a_fragment(client: Client, draft: Draft) -> None:
    url = f"{draft.base}/rediger/tiltak/{draft.measure.pk}/"
    login(client, draft.editor)
    page = client.get(url).content.decode()
    fragment = client.get(url, headers=HTMX).content.decode()
    assert "<html" in page and 'name="objective"' in page and "hx-post" not in page
    assert "<html" not in fragment and f'hx-post="{url}"' in fragment
    assert fragment.lstrip().startswith('<div class="edit-slot editing"')


def test_a_boosted_request_gets_the_full_page(client: Client, draft: Draft) -> None:
    url = f"{draft.base}/rediger/tiltak/{draft.measure.pk}/"
    page = login(client, draft.editor).get(
        url, headers={"HX-Request": "true", "HX-Boosted": "true"}
    )
    assert "<html" in page.content.decode()


def test_post_saves_and_redirects_without_js(client: Client, draft: Draft) -> None:
    url = f"{draft.base}/rediger/tiltak/{draft.measure.pk}/"
    r = login(client, draft.editor).post(url, measure_data(objective="Nytt"))
    assert r.status_code == 302
    assert r["Location"] == f"{draft.base}/rediger/tema/3/#measure-{draft.measure.pk}"
    measure = Measure.objects.get(pk=draft.measure.pk)
    assert (measure.objective, measure.items, measure.start) == (
        "Nytt",
        ["Kamera i salen", "Teksting"],
        ["2024", "2025"],
    )


def test_post_with_htmx_returns_the_saved_measure(client: Client, draft: Draft) -> None:
    url = f"{draft.base}/rediger/tiltak/{draft.measure.pk}/"
    r = login(client, draft.editor).post(
        url, measure_data(objective="Nytt"), headers=HTMX
    )
    assert r.status_code == 200
    assert (
        "Nytt" in r.content.decode()
        and f'id="measure-{draft.measure.pk}"' in r.content.decode()
    )


def test_units_are_chosen_with_checkboxes(client: Client, draft: Draft) -> None:
    url = f"{draft.base}/rediger/tiltak/{draft.measure.pk}/"
    helse = draft.strategy.organization.units.get(name="Helse- og omsorg")
    login(client, draft.editor).post(url, measure_data(units=[helse.pk]))
    assert [u.name for u in Measure.objects.get(pk=draft.measure.pk).owners] == [
        "Helse- og omsorg"
    ]


def test_errors_are_shown_next_to_the_field(client: Client, draft: Draft) -> None:
    url = f"{draft.base}/rediger/mal/{draft.goal.pk}/"
    r = login(client, draft.editor).post(
        url, {"revision": "1", "level": "achieved", "as_of": "sept"}
    )
    page = r.content.decode()
    assert r.status_code == 422
    assert f'id="goal{draft.goal.pk}_reason_error"' in page
    assert (
        f'aria-describedby="goal{draft.goal.pk}_reason_helptext goal{draft.goal.pk}_reason_error"'
        in page
    )
    assert "YYYY-MM" in page and 'aria-invalid="true"' in page
    assert GoalAssessment.objects.get(pk=draft.goal.pk).level == "partial"


def test_a_stale_measure_edit_gets_the_conflict_page(
    client: Client, draft: Draft
) -> None:
    url = f"{draft.base}/rediger/tiltak/{draft.measure.pk}/"
    login(client, draft.editor).post(url, measure_data(objective="Fra den andre"))
    r = client.post(url, measure_data(description="Min beskrivelse"))
    page = r.content.decode()
    assert r.status_code == 409
    assert "Your version" in page and "Current version" in page
    assert 'name="revision" value="2"' in page
    # The other person's objective is kept; my description is kept: a merge.
    assert (
        "\nFra den andre</textarea>" in page and "\nMin beskrivelse</textarea>" in page
    )
    assert (
        Measure.objects.get(pk=draft.measure.pk).description
        == "Strømme kommunestyremøtene."
    )


def test_saving_the_merge_form_succeeds(client: Client, draft: Draft) -> None:
    url = f"{draft.base}/rediger/tiltak/{draft.measure.pk}/"
    login(client, draft.editor).post(url, measure_data(objective="Fra den andre"))
    assert client.post(url, measure_data(description="Min")).status_code == 409
    r = client.post(
        url, measure_data(revision="2", objective="Fra den andre", description="Min")
    )
    assert r.status_code == 302
    measure = Measure.objects.get(pk=draft.measure.pk)
    assert (measure.objective, measure.description, measure.revision) == (
        "Fra den andre",
        "Min",
        3,
    )


def test_the_conflict_comes_as_a_fragment_for_htmx(
    client: Client, draft: Draft
) -> None:
    url = f"{draft.base}/rediger/handlingsplan/2/"
    login(client, draft.editor).post(url, {"revision": "1", "amount_nok": "500 000"})
    r = client.post(url, {"revision": "1", "amount_nok": "600000"}, headers=HTMX)
    assert r.status_code == 409 and "<html" not in r.content.decode()
    assert "500000" in r.content.decode() and "600000" in r.content.decode()
    assert ActionItem.objects.get(pk=draft.item.pk).amount_nok == 500000


def test_a_goal_level_changes_with_a_reason(client: Client, draft: Draft) -> None:
    url = f"{draft.base}/rediger/mal/{draft.goal.pk}/"
    data = {"revision": "1", "level": "achieved", "reason": "Målt i 2024"}
    assert login(client, draft.editor).post(url, data).status_code == 302
    history = client.get(
        f"{draft.base}/historikk/mal/{draft.goal.pk}/"
    ).content.decode()
    assert "Målt i 2024" in history and "Achieved" in history


def test_confirming_is_one_click(client: Client, draft: Draft) -> None:
    page = login(client, draft.editor).get(f"{draft.base}/rediger/").content.decode()
    assert 'name="level" value="partial"' in page
    url = f"{draft.base}/rediger/mal/{draft.goal.pk}/"
    r = client.post(
        url,
        {"revision": "1", "level": "partial", "status_text": "Apie 90 %.", "as_of": ""},
        headers=HTMX,
    )
    assert r.status_code == 200
    goal = GoalAssessment.objects.get(pk=draft.goal.pk)
    assert goal.level_confirmed and goal.status_text == "Apie 90 %."


def test_reordering_moves_a_measure_up(client: Client, draft: Draft) -> None:
    url = f"{draft.base}/rediger/tema/3/rekkefolge/"
    data = {"revision": "1", "measure": draft.other_measure.pk, "step": "-1"}
    r = login(client, draft.editor).post(url, data, headers=HTMX)
    assert r.status_code == 200 and "Move 3.2 up" in r.content.decode()
    assert Measure.objects.get(pk=draft.other_measure.pk).number == "3.2"
    assert client.post(url, data).status_code == 409  # the same form again is stale


def test_measure_history_shows_who_what_from_and_to(
    client: Client, draft: Draft
) -> None:
    url = f"{draft.base}/rediger/tiltak/{draft.measure.pk}/"
    login(client, draft.editor).post(url, measure_data(objective="Nytt mål"))
    page = client.get(
        f"{draft.base}/historikk/tiltak/{draft.measure.pk}/"
    ).content.decode()
    # Named as the organisation chose (the person; without a name, neutrally).
    assert "a member of Fjordvik kommune" in page
    assert 'class="old" lang="nb">Åpne møter for alle.</span>' in page
    assert 'class="new" lang="nb">Nytt mål</span>' in page
    assert ">IKT-tjenesten, Arkiv</span>" in page  # units before → after
    assert "Teksting</span>" in page  # the last bullet point


def test_history_of_an_exempt_part_is_hidden_from_outsiders(
    client: Client, draft: Draft
) -> None:
    exempt = Measure.objects.get(theme__strategy=draft.strategy, number="21.1")
    draft.strategy.state = "approved"
    draft.strategy.save()
    url = f"{draft.base}/historikk/tiltak/{exempt.pk}/"
    assert client.get(url).status_code == 404
    assert (
        client.get(f"{draft.base}/historikk/tiltak/{draft.measure.pk}/").status_code
        == 200
    )
    assert login(client, draft.reader).get(url).status_code == 200
