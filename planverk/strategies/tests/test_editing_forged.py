"""Every mutating URL refuses a forged POST from anyone not allowed, and changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from planverk.strategies.models import ActionItem, GoalAssessment, Measure
from planverk.strategies.tests.editing_setup import Draft, make_draft

pytestmark = pytest.mark.django_db


@pytest.fixture
def client() -> Client:
    return Client(HTTP_ACCEPT_LANGUAGE="en")  # the assertions read English labels


def posts(draft: Draft) -> dict[str, tuple[str, dict[str, Any], Callable[[], Any]]]:
    """name → (url, data, a function returning the state the post would change)."""
    b = draft.base
    return {
        "measure": (
            f"{b}/rediger/tiltak/{draft.measure.pk}/",
            {"revision": "1", "objective": "Forged", "start": "", "items": ""},
            lambda: Measure.objects.get(pk=draft.measure.pk).objective,
        ),
        "other_measure": (
            f"{b}/rediger/tiltak/{draft.other_measure.pk}/",
            {"revision": "1", "objective": "Forged", "start": "", "items": ""},
            lambda: Measure.objects.get(pk=draft.other_measure.pk).objective,
        ),
        "goal": (
            f"{b}/rediger/mal/{draft.goal.pk}/",
            {"revision": "1", "level": "achieved", "reason": "forged"},
            lambda: GoalAssessment.objects.get(pk=draft.goal.pk).level,
        ),
        "item": (
            f"{b}/rediger/handlingsplan/2/",
            {"revision": "1", "amount_nok": "1"},
            lambda: ActionItem.objects.get(pk=draft.item.pk).amount_nok,
        ),
        "reorder": (
            f"{b}/rediger/tema/3/rekkefolge/",
            {"revision": "1", "measure": draft.other_measure.pk, "step": "-1"},
            lambda: Measure.objects.get(pk=draft.other_measure.pk).number,
        ),
    }


# Who may not: the unit editor (of Arkiv) owns "measure", so it is left out for them.
REFUSED = (
    [
        ("anonymous", name, 302)
        for name in ("measure", "other_measure", "goal", "item", "reorder")
    ]
    + [
        ("reader", name, 403)
        for name in ("measure", "other_measure", "goal", "item", "reorder")
    ]
    + [
        ("unit_editor", name, 403)
        for name in ("other_measure", "goal", "item", "reorder")
    ]
    + [
        # A draft of another organisation is not even found.
        ("outsider", name, 404)
        for name in ("measure", "other_measure", "goal", "item", "reorder")
    ]
)


@pytest.mark.parametrize(("who", "name", "status"), REFUSED)
def test_a_forged_post_is_refused(
    client: Client, who: str, name: str, status: int
) -> None:
    draft = make_draft()
    url, data, state = posts(draft)[name]
    before = state()
    if who != "anonymous":
        client.force_login(getattr(draft, who))
    r = client.post(url, data)
    assert r.status_code == status
    if status == 302:
        assert r["Location"].startswith("/konto/logg-inn/")
    assert state() == before


@pytest.mark.parametrize("name", ["measure", "other_measure", "goal", "item"])
def test_a_reader_cannot_even_open_the_form(client: Client, name: str) -> None:
    draft = make_draft()
    client.force_login(draft.reader)
    assert client.get(posts(draft)[name][0]).status_code == 403


def test_a_get_cannot_reorder(client: Client) -> None:
    draft = make_draft()
    client.force_login(draft.editor)
    assert client.get(f"{draft.base}/rediger/tema/3/rekkefolge/").status_code == 405


@pytest.mark.parametrize("name", ["measure", "goal", "item", "reorder"])
def test_the_editor_may(client: Client, name: str) -> None:
    draft = make_draft()
    url, data, state = posts(draft)[name]
    before = state()
    client.force_login(draft.editor)
    assert client.post(url, data).status_code == 302
    assert state() != before
