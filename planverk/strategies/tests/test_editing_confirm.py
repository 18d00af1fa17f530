"""Confirming many suggested levels at once: the page (without JavaScript too),
the all-or-nothing action with its history, who may, and bounded queries."""

from __future__ import annotations

from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from planverk.strategies.actions import editing
from planverk.strategies.actions.editing import Confirmation
from planverk.strategies.models import GoalAssessment
from planverk.strategies.tests.editing_setup import Draft, make_draft
from planverk.testing import Personas, row_counts

pytestmark = pytest.mark.django_db


@pytest.fixture
def client() -> Client:
    return Client(HTTP_ACCEPT_LANGUAGE="en")


@pytest.fixture
def draft() -> Draft:
    return make_draft()


def unconfirmed(draft: Draft) -> list[GoalAssessment]:
    return list(
        GoalAssessment.objects.filter(strategy=draft.strategy, level_confirmed=False)
    )


def add_goals(draft: Draft, n: int) -> None:
    for i in range(n):
        GoalAssessment.objects.create(
            strategy=draft.strategy,
            area="Lokaldemokrati",
            theme_number="3",
            number=10 + i,
            goal_text=f"Mål {i}",
            level="in_progress",
            position=100 + i,
        )


def selected(soup: BeautifulSoup, goal: GoalAssessment) -> str:
    """The level a row's select holds."""
    option = soup.select_one(f'select[name="level-{goal.pk}"] option[selected]')
    assert option is not None
    return str(option["value"])


def url(draft: Draft) -> str:
    return f"{draft.base}/rediger/bekreft/"


def listed(draft: Draft, **changes: Any) -> dict[str, Any]:
    """What the page posts for every goal it lists, at its suggested level."""
    data: dict[str, Any] = {}
    for goal in unconfirmed(draft):
        data[f"revision-{goal.pk}"] = goal.revision
        data[f"level-{goal.pk}"] = goal.level
    return {**data, **changes}


# The page


def test_the_page_lists_every_suggested_level_with_its_suggestion(
    client: Client, draft: Draft
) -> None:
    client.force_login(draft.editor)
    page = client.get(url(draft)).content.decode()
    soup = BeautifulSoup(page, "html.parser")
    rows = soup.select(".confirm-table tbody tr")
    goals = unconfirmed(draft)
    assert [row["id"] for row in rows] == [f"goal-{g.pk}" for g in goals]
    for goal in goals:
        assert selected(soup, goal) == goal.level
        assert soup.select_one(f'input[name="chosen"][value="{goal.pk}"]')
    confirmed = GoalAssessment.objects.get(strategy=draft.strategy, number=1)
    assert f"goal-{confirmed.pk}" not in page
    # Without JavaScript: "select all" stays hidden, "confirm all listed" works.
    assert soup.select_one("[data-select-all]").find_parent(attrs={"hidden": True})
    assert soup.select_one('button[name="confirm"][value="all"]')


def test_the_strategys_editing_page_leads_to_it(client: Client, draft: Draft) -> None:
    client.force_login(draft.editor)
    page = client.get(f"{draft.base}/rediger/").content.decode()
    assert "2 national goals have a suggested level" in page
    assert f'href="{url(draft)}"' in page
    client.force_login(draft.reader)
    assert f'href="{url(draft)}"' not in client.get(f"{draft.base}/rediger/").text


def test_confirm_all_listed_confirms_each_at_its_suggestion(
    client: Client, draft: Draft
) -> None:
    before = {g.pk: g.level for g in unconfirmed(draft)}
    client.force_login(draft.editor)
    r = client.post(url(draft), listed(draft, confirm="all"))
    assert r.status_code == 302 and r["Location"] == url(draft)
    assert unconfirmed(draft) == []
    for pk, level in before.items():
        goal = GoalAssessment.objects.get(pk=pk)
        assert (goal.level, goal.revision) == (level, 2)
        record = goal.history.latest()
        assert record.history_user == draft.editor
        assert record.history_change_reason == "level confirmed"
        assert (record.level, record.level_confirmed) == (level, True)
    page = client.get(r["Location"]).content.decode()
    assert "2 levels are confirmed." in page and "Every level is confirmed." in page


def test_only_the_ticked_are_confirmed_and_a_change_keeps_its_reason(
    client: Client, draft: Draft
) -> None:
    first, other = unconfirmed(draft)
    data = listed(
        draft,
        confirm="chosen",
        chosen=[first.pk],
        reason="Målt i 2024",
        **{f"level-{first.pk}": "achieved"},
    )
    client.force_login(draft.editor)
    assert client.post(url(draft), data).status_code == 302
    first.refresh_from_db()
    other.refresh_from_db()
    assert (first.level, first.level_confirmed) == ("achieved", True)
    assert first.history.latest().history_change_reason == "Målt i 2024"
    assert (other.level_confirmed, other.revision) == (False, 1)


def test_a_changed_level_needs_a_reason(client: Client, draft: Draft) -> None:
    first = unconfirmed(draft)[0]
    data = listed(draft, confirm="all", **{f"level-{first.pk}": "achieved"})
    client.force_login(draft.editor)
    counts = row_counts()
    r = client.post(url(draft), data)
    assert r.status_code == 422
    assert "Say why the level changes." in r.content.decode()
    assert row_counts() == counts
    # The editor's choice is kept in the form shown again.
    soup = BeautifulSoup(r.content, "html.parser")
    assert selected(soup, first) == "achieved"


def test_nothing_ticked_is_refused(client: Client, draft: Draft) -> None:
    client.force_login(draft.editor)
    r = client.post(url(draft), listed(draft, confirm="chosen"))
    assert r.status_code == 422
    assert "Tick the goals to confirm" in r.content.decode()
    assert len(unconfirmed(draft)) == 2


def test_a_stale_row_saves_nothing_and_shows_the_list_as_it_is(
    client: Client, draft: Draft
) -> None:
    data = listed(draft, confirm="all")
    first, other = unconfirmed(draft)
    GoalAssessment.objects.filter(pk=first.pk).update(revision=5)  # someone else
    client.force_login(draft.editor)
    counts = row_counts()
    r = client.post(url(draft), data)
    assert r.status_code == 409
    assert "Nothing was saved" in r.content.decode()
    assert f'name="revision-{first.pk}" value="5"' in r.content.decode()
    assert row_counts() == counts
    other.refresh_from_db()
    assert (other.level_confirmed, other.revision) == (False, 1)


def test_a_row_confirmed_meanwhile_saves_nothing(client: Client, draft: Draft) -> None:
    data = listed(draft, confirm="all")
    first, other = unconfirmed(draft)
    client.force_login(draft.editor)
    editing.set_assessment_level(
        first, first.level, reason="", loaded_revision=1, user=draft.editor
    )
    r = client.post(url(draft), data)
    assert r.status_code == 409 and f"goal-{first.pk}" not in r.content.decode()
    other.refresh_from_db()
    assert other.level_confirmed is False


def test_queries_do_not_grow_with_the_rows(client: Client, draft: Draft) -> None:
    client.force_login(draft.editor)

    def counted(method: str, data: dict[str, Any] | None = None) -> int:
        with CaptureQueriesContext(connection) as queries:
            response = getattr(client, method)(url(draft), data or {})
            assert response.status_code in (200, 302)
        return len(queries)

    few = counted("get"), counted("post", listed(draft, confirm="all"))  # 2 rows
    add_goals(draft, 20)
    many = counted("get"), counted("post", listed(draft, confirm="all"))
    assert unconfirmed(draft) == []
    assert many == few
    assert few[0] <= 10 and few[1] <= 16


# The action


def confirmations(draft: Draft) -> list[Confirmation]:
    return [Confirmation(g, g.level, g.revision) for g in unconfirmed(draft)]


@pytest.mark.parametrize("role", Personas.ROLES)
def test_who_may_confirm(draft: Draft, role: str) -> None:
    allowed = role in ("editor", "site_admin")
    counts = row_counts()
    chosen = confirmations(draft)
    if allowed:
        saved = editing.confirm_assessment_levels(
            draft.strategy, chosen, user=getattr(draft, role)
        )
        assert {g.pk for g in saved} == {c.assessment.pk for c in chosen}
        assert unconfirmed(draft) == []
    else:
        with pytest.raises(PermissionDenied):
            editing.confirm_assessment_levels(
                draft.strategy, chosen, user=getattr(draft, role)
            )
        assert row_counts() == counts


def test_an_approved_strategy_is_not_confirmed_by_its_editor(draft: Draft) -> None:
    chosen = confirmations(draft)
    draft.strategy.state = "approved"
    draft.strategy.save()
    with pytest.raises(PermissionDenied):
        editing.confirm_assessment_levels(draft.strategy, chosen, user=draft.editor)


def test_the_action_is_all_or_nothing(draft: Draft) -> None:
    first, other = confirmations(draft)
    stale = Confirmation(first.assessment, first.level, loaded_revision=7)
    counts = row_counts()
    with pytest.raises(editing.StaleConfirmations) as refused:
        editing.confirm_assessment_levels(
            draft.strategy, [stale, other], user=draft.editor
        )
    assert refused.value.stale == [first.assessment.pk]
    assert row_counts() == counts
    assert len(unconfirmed(draft)) == 2


def test_the_action_refuses_what_is_not_a_confirmation(draft: Draft) -> None:
    first, _other = confirmations(draft)
    with pytest.raises(ValidationError):
        editing.confirm_assessment_levels(draft.strategy, [], user=draft.editor)
    with pytest.raises(ValidationError):
        editing.confirm_assessment_levels(
            draft.strategy,
            [Confirmation(first.assessment, "splendid", 1)],
            user=draft.editor,
        )
    with pytest.raises(ValidationError):  # a change without a reason
        editing.confirm_assessment_levels(
            draft.strategy,
            [Confirmation(first.assessment, "achieved", 1)],
            user=draft.editor,
        )
    other = make_draft("Nabokommune")
    foreign = confirmations(other)[0]
    with pytest.raises(ValueError):
        editing.confirm_assessment_levels(draft.strategy, [foreign], user=draft.editor)
    with pytest.raises(ValueError):
        editing.confirm_assessment_levels(
            draft.strategy, [first, first], user=draft.editor
        )
    assert len(unconfirmed(draft)) == 2
