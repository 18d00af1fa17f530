"""Writing a draft's structure: themes, measures and goal statuses added,
renumbered and removed, removals undone, frozen versions refused, and the
pages' query counts."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from planverk.frameworks.models import FrameworkGoal
from planverk.organizations.models import Unit
from planverk.strategies.actions import removal, structure
from planverk.strategies.actions.editing import EditConflict
from planverk.strategies.choices import StrategyState
from planverk.strategies.models import (
    ActionItem,
    GoalAssessment,
    Measure,
    MeasureUnit,
    Strategy,
    Theme,
)
from planverk.strategies.tests.editing_setup import Draft, make_draft
from planverk.testing import row_counts

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


@pytest.fixture
def client() -> Client:
    return Client(HTTP_ACCEPT_LANGUAGE="en")  # the assertions read English labels


@pytest.fixture
def draft() -> Draft:
    return make_draft()


@pytest.fixture
def editor(client: Client, draft: Draft) -> Client:
    client.force_login(draft.editor)
    return client


def theme3(draft: Draft) -> Theme:
    return Theme.objects.select_related("strategy").get(
        strategy=draft.strategy, number="3"
    )


def theme_with_measures(draft: Draft, number: str, count: int) -> Theme:
    theme = structure.add_theme(
        draft.strategy, number=number, title=f"Tema {number}", user=draft.editor
    )
    for place in range(1, count + 1):
        structure.add_measure(theme, objective=f"Mål {place}", user=draft.editor)
    return theme


# Numbers


def test_a_new_measure_gets_the_next_free_number(draft: Draft) -> None:
    theme = theme_with_measures(draft, "7", 8)
    assert structure.next_measure_number(theme) == "7.9"
    added = structure.add_measure(theme, objective="Nytt", user=draft.editor)
    assert added.number == "7.9"


def test_the_form_proposes_the_next_free_number(editor: Client, draft: Draft) -> None:
    theme_with_measures(draft, "7", 8)
    page = editor.get(f"{draft.base}/rediger/tema/7/nytt-tiltak/").text
    assert 'name="number" value="7.9"' in page


def test_a_duplicate_measure_number_is_refused_next_to_the_field(
    editor: Client, draft: Draft
) -> None:
    counts = row_counts()
    r = editor.post(
        f"{draft.base}/rediger/tema/3/nytt-tiltak/",
        {"number": "3.2", "objective": "Dobbelt"},
    )
    assert r.status_code == 422
    assert 'id="new_measure_number_error"' in r.text
    assert "Another measure of this theme has the number 3.2." in r.text
    assert row_counts() == counts


def test_a_duplicate_theme_number_is_refused_next_to_the_field(
    editor: Client, draft: Draft
) -> None:
    counts = row_counts()
    r = editor.post(f"{draft.base}/rediger/ny-tema/", {"number": "21", "title": "X"})
    assert r.status_code == 422
    assert 'id="theme_number_error"' in r.text and "Another theme" in r.text
    assert row_counts() == counts


def test_a_number_with_a_slash_is_refused(draft: Draft) -> None:
    with pytest.raises(ValidationError) as refused:
        structure.add_theme(draft.strategy, number="7/8", title="X", user=draft.editor)
    assert "number" in refused.value.message_dict


def test_renumbering_shows_then_applies_the_changes(
    editor: Client, draft: Draft
) -> None:
    url = f"{draft.base}/rediger/tema/3/nummerer/"
    shown = editor.get(url)
    assert shown.status_code == 200
    assert "3.10" in shown.text and "3.3" in shown.text
    keys = dict(Measure.objects.filter(theme__number="3").values_list("pk", "key"))
    done = editor.post(url, {"revision": theme3(draft).revision}, follow=True)
    assert "Renumbered: 3.10 → 3.3." in done.text
    measures = Measure.objects.filter(theme__strategy=draft.strategy, theme__number="3")
    assert [m.number for m in measures] == ["3.1", "3.2", "3.3"]
    assert {m.pk: m.key for m in measures} == keys


def test_renumbering_a_stale_plan_is_refused(editor: Client, draft: Draft) -> None:
    url = f"{draft.base}/rediger/tema/3/nummerer/"
    stale = theme3(draft).revision
    structure.renumber_theme(theme3(draft), loaded_revision=stale, user=draft.editor)
    measure = Measure.objects.get(theme__strategy=draft.strategy, number="3.3")
    r = editor.post(url, {"revision": stale})
    assert r.status_code == 409
    assert Measure.objects.get(pk=measure.pk).number == "3.3"


def test_a_new_theme_number_takes_its_goals_along(draft: Draft) -> None:
    theme = theme3(draft)
    structure.update_theme(
        theme, {"number": "4"}, loaded_revision=theme.revision, user=draft.editor
    )
    goal = GoalAssessment.objects.get(strategy=draft.strategy, number=1)
    assert goal.theme_number == "4"


def test_a_stale_theme_save_shows_both_versions(editor: Client, draft: Draft) -> None:
    url = f"{draft.base}/rediger/tema/3/innstillinger/"
    data = {"number": "3", "title": "Først", "revision": "1"}
    assert editor.post(url, data).status_code == 302
    r = editor.post(url, {**data, "title": "Sist", "text": "Min tekst"})
    assert r.status_code == 409
    assert "Someone else saved first" in r.text and "Først" in r.text
    assert Theme.objects.get(pk=theme3(draft).pk).title == "Først"


# Goal statuses


def test_a_status_on_an_agenda_goal_takes_its_fields_from_it(draft: Draft) -> None:
    goal = FrameworkGoal.objects.filter(
        area__framework=draft.strategy.framework
    ).exclude(assessments__strategy=draft.strategy)[0]
    added = structure.add_assessment(
        draft.strategy, framework_goal=goal, user=draft.editor
    )
    assert (added.area, added.number, added.deadline, added.goal_text) == (
        goal.area.title,
        goal.number,
        goal.deadline,
        goal.text,
    )
    with pytest.raises(ValidationError) as twice:
        structure.add_assessment(draft.strategy, framework_goal=goal, user=draft.editor)
    assert "framework_goal" in twice.value.message_dict


def test_a_free_hand_goal_needs_its_area_and_text(editor: Client, draft: Draft) -> None:
    r = editor.post(f"{draft.base}/rediger/nytt-mal/", {"level": "unknown"})
    assert r.status_code == 422
    assert 'id="new_goal_area_error"' in r.text
    assert 'id="new_goal_goal_text_error"' in r.text
    r = editor.post(
        f"{draft.base}/rediger/nytt-mal/",
        {"level": "unknown", "area": "Lokale mål", "goal_text": "Nytt", "number": "9"},
    )
    assert r.status_code == 302
    assert GoalAssessment.objects.get(strategy=draft.strategy, number=9).level_confirmed


# Removing, and where a part is still used


def test_a_measure_named_by_an_action_item_is_shown_before_removal(
    editor: Client, draft: Draft
) -> None:
    ActionItem.objects.filter(pk=draft.item.pk).update(remarks="Se tiltak 3.10.")
    page = editor.get(
        f"{draft.base}/rediger/tiltak/{draft.other_measure.pk}/fjern/"
    ).text
    assert "Skanning av byggesaksarkivet" in page
    assert "Oppvekst og kultur" in page  # its unit
    assert Measure.objects.filter(pk=draft.other_measure.pk).exists()


@pytest.mark.parametrize(
    ("text", "named"),
    [("tiltak 3.10", True), ("(3.10)", True), ("13.10", False), ("3.101", False)],
)
def test_a_number_is_named_only_whole(text: str, named: bool) -> None:
    assert structure.names_number(text, "3.10") is named


def test_a_theme_shows_its_measures_and_goals_before_removal(
    editor: Client, draft: Draft
) -> None:
    page = editor.get(f"{draft.base}/rediger/tema/3/fjern/").text
    assert "Removed with the theme" in page
    assert "3.10" in page and "National goal 1.1" in page


def test_a_removal_is_in_the_history_with_who_when_and_why(
    editor: Client, draft: Draft
) -> None:
    url = f"{draft.base}/rediger/tiltak/{draft.measure.pk}/fjern/"
    r = editor.post(url, {"revision": draft.measure.revision, "reason": "Slått sammen"})
    assert r.status_code == 302 and r["Location"] == f"{draft.base}/rediger/tema/3/"
    record = removal.last_record(Measure, draft.measure.pk)
    assert (record.history_type, record.history_user, record.history_change_reason) == (
        "-",
        draft.editor,
        "Slått sammen",
    )
    listed = editor.get(f"{draft.base}/rediger/fjernet/").text
    assert "Slått sammen" in listed and "a member of Fjordvik kommune" in listed
    history = editor.get(f"{draft.base}/historikk/tiltak/{draft.measure.pk}/").text
    assert "deleted" in history and "Slått sammen" in history
    assert "Undo removal" in history


def test_a_removal_needs_a_reason(editor: Client, draft: Draft) -> None:
    url = f"{draft.base}/rediger/mal/{draft.goal.pk}/fjern/"
    r = editor.post(url, {"revision": draft.goal.revision, "reason": ""})
    assert r.status_code == 422 and 'id="remove_reason_error"' in r.text
    assert GoalAssessment.objects.filter(pk=draft.goal.pk).exists()


def test_a_stale_removal_is_refused(editor: Client, draft: Draft) -> None:
    url = f"{draft.base}/rediger/tiltak/{draft.measure.pk}/fjern/"
    r = editor.post(url, {"revision": 99, "reason": "x"})
    assert r.status_code == 409
    assert Measure.objects.filter(pk=draft.measure.pk).exists()


def test_the_history_of_a_removed_part_is_for_members(
    client: Client, draft: Draft
) -> None:
    pk = draft.measure.pk
    structure.remove_measure(draft.measure, user=draft.editor, reason="Ut")
    client.force_login(draft.outsider)
    assert client.get(f"{draft.base}/historikk/tiltak/{pk}/").status_code == 404
    client.force_login(draft.reader)
    page = client.get(f"{draft.base}/historikk/tiltak/{pk}/")
    assert page.status_code == 200 and "Undo removal" not in page.text


# Undoing a removal


def test_undo_brings_a_measure_back_with_its_pk_key_and_units(
    editor: Client, draft: Draft
) -> None:
    measure = Measure.objects.get(pk=draft.measure.pk)
    done = structure.remove_measure(measure, user=draft.editor, reason="Ut")
    r = editor.post(f"{draft.base}/historikk/gjenopprett/tiltak/{done.pk}/")
    assert r.status_code == 302
    back = Measure.objects.get(pk=done.pk)
    assert (back.key, back.number) == (measure.key, "3.1")
    assert [u.name for u in back.owners] == ["IKT-tjenesten", "Arkiv"]
    record = removal.last_record(Measure, done.pk)
    assert (record.history_type, record.history_user) == ("+", draft.editor)
    assert record.history_change_reason == "removal undone"


def test_undo_brings_a_theme_back_with_what_went_with_it(draft: Draft) -> None:
    theme = theme3(draft)
    before = {m.pk: m.key for m in theme.measures.all()}
    links = MeasureUnit.objects.filter(measure__theme=theme).count()
    done = structure.remove_theme(theme, user=draft.editor, reason="Ut")
    assert not GoalAssessment.objects.filter(strategy=draft.strategy, number=1)
    listed = removal.removed_parts(draft.strategy)
    assert [e.kind for e in listed] == ["tema"]
    assert {c.kind for c in listed[0].carried} == {"tiltak", "mal"}
    removal.restore_removed(Theme, done.pk, user=draft.editor)
    assert Theme.objects.get(pk=done.pk).key == theme.key
    assert dict(Measure.objects.filter(theme_id=done.pk).values_list("pk", "key")) == (
        before
    )
    assert MeasureUnit.objects.filter(measure__theme_id=done.pk).count() == links
    assert GoalAssessment.objects.get(strategy=draft.strategy, number=1).theme_number
    assert removal.removed_parts(draft.strategy) == []


def test_a_measure_removed_before_its_theme_stays_removed(draft: Draft) -> None:
    early = draft.other_measure.pk
    structure.remove_measure(draft.other_measure, user=draft.editor, reason="Først")
    done = structure.remove_theme(theme3(draft), user=draft.editor, reason="Så")
    alone = [e for e in removal.removed_parts(draft.strategy) if e.kind == "tiltak"]
    assert [(e.part.pk, e.restorable) for e in alone] == [(early, False)]
    removal.restore_removed(Theme, done.pk, user=draft.editor)
    assert not Measure.objects.filter(pk=early).exists()


def test_undo_gives_a_taken_number_the_next_free_one(draft: Draft) -> None:
    measure = Measure.objects.get(pk=draft.other_measure.pk)
    done = structure.remove_measure(measure, user=draft.editor, reason="Ut")
    structure.add_measure(theme3(draft), number="3.10", user=draft.editor)
    restored = removal.restore_removed(Measure, done.pk, user=draft.editor)
    assert restored.renumbered == "3.11"
    assert Measure.objects.get(pk=done.pk).key == measure.key


def test_any_kind_of_part_is_listed_and_comes_back(
    editor: Client, draft: Draft
) -> None:
    done = removal.remove_part(draft.item, user=draft.editor, reason="Ferdig")
    listed = editor.get(f"{draft.base}/rediger/fjernet/").text
    assert "Action item 2. Skanning av byggesaksarkivet" in listed
    r = editor.post(f"{draft.base}/historikk/gjenopprett/handlingsplan/{done.pk}/")
    assert r.status_code == 302
    assert ActionItem.objects.get(pk=done.pk).key == draft.item.key


def test_undo_is_refused_for_another_strategy(draft: Draft) -> None:
    other = make_draft("Nabokommune")
    done = structure.remove_measure(draft.measure, user=draft.editor, reason="Ut")
    with pytest.raises(removal.NotRemoved):
        removal.restore_removed(
            Measure, done.pk, user=draft.site_admin, strategy=other.strategy
        )


# htmx and plain posts


def test_a_plain_post_redirects_and_htmx_gets_hx_redirect(
    editor: Client, draft: Draft
) -> None:
    url = f"{draft.base}/rediger/tema/3/nytt-tiltak/"
    plain = editor.post(url, {"objective": "Uten JavaScript"})
    assert plain.status_code == 302
    added = Measure.objects.get(theme__strategy=draft.strategy, number="3.11")
    assert plain["Location"] == f"{draft.base}/rediger/tema/3/#measure-{added.pk}"
    htmx = editor.post(url, {"objective": "Med htmx"}, headers=HTMX)
    assert htmx.status_code == 200 and htmx["HX-Redirect"].startswith(
        f"{draft.base}/rediger/tema/3/#measure-"
    )


def test_bad_input_with_htmx_gets_the_form_alone(editor: Client, draft: Draft) -> None:
    r = editor.post(f"{draft.base}/rediger/ny-tema/", {"number": ""}, headers=HTMX)
    assert r.status_code == 422
    assert "<html" not in r.text and r.text.lstrip().startswith('<div class="edit-slot')
    page = editor.get(f"{draft.base}/rediger/ny-tema/")
    assert "<html" in page.text and 'hx-post="' in page.text


def test_the_editing_pages_link_the_new_routes(editor: Client, draft: Draft) -> None:
    strategy = editor.get(f"{draft.base}/rediger/").text
    assert f"{draft.base}/rediger/ny-tema/" in strategy
    assert f"{draft.base}/rediger/fjernet/" in strategy
    theme = editor.get(f"{draft.base}/rediger/tema/3/").text
    for link in ("nytt-tiltak/", "nummerer/", "fjern/", "innstillinger/"):
        assert f"{draft.base}/rediger/tema/3/{link}" in theme
    assert f"{draft.base}/rediger/tiltak/{draft.measure.pk}/fjern/" in theme


def test_a_unit_editor_may_not_add_or_remove(client: Client, draft: Draft) -> None:
    client.force_login(draft.unit_editor)
    assert client.get(f"{draft.base}/rediger/tema/3/nytt-tiltak/").status_code == 403
    with pytest.raises(PermissionDenied):
        structure.remove_measure(draft.measure, user=draft.unit_editor, reason="x")


# Frozen versions: every route refuses them, whoever asks


def _measure(d: Draft) -> int:
    return d.measure.pk


def _goal(d: Draft) -> int:
    return d.goal.pk


ROUTES: list[tuple[str, Callable[[Draft], str], dict[str, Any]]] = [
    ("theme_add", lambda d: "rediger/ny-tema/", {"number": "8", "title": "Nytt"}),
    (
        "theme_settings",
        lambda d: "rediger/tema/3/innstillinger/",
        {"number": "3", "title": "Nytt", "revision": "1"},
    ),
    ("theme_remove", lambda d: "rediger/tema/3/fjern/", {"reason": "Ut"}),
    ("theme_renumber", lambda d: "rediger/tema/3/nummerer/", {"revision": "1"}),
    ("measure_add", lambda d: "rediger/tema/3/nytt-tiltak/", {"objective": "Nytt"}),
    (
        "measure_remove",
        lambda d: f"rediger/tiltak/{_measure(d)}/fjern/",
        {"reason": "Ut"},
    ),
    (
        "assessment_add",
        lambda d: "rediger/nytt-mal/",
        {"area": "A", "goal_text": "G", "level": "unknown"},
    ),
    ("assessment_remove", lambda d: f"rediger/mal/{_goal(d)}/fjern/", {"reason": "Ut"}),
]
FROZEN = [StrategyState.HEARING, StrategyState.APPROVED, StrategyState.SUPERSEDED]


def freeze(strategy: Strategy, state: str) -> None:
    Strategy.objects.filter(pk=strategy.pk).update(state=state)


@pytest.mark.parametrize("state", FROZEN)
@pytest.mark.parametrize("who", ["editor", "site_admin"])
@pytest.mark.parametrize(("name", "path", "data"), ROUTES, ids=[r[0] for r in ROUTES])
def test_a_frozen_version_refuses_every_change(
    client: Client,
    draft: Draft,
    name: str,
    path: Callable[[Draft], str],
    data: dict[str, Any],
    who: str,
    state: str,
) -> None:
    url = f"{draft.base}/{path(draft)}"
    freeze(draft.strategy, state)
    client.force_login(getattr(draft, who))
    counts = row_counts()
    assert client.get(url).status_code == 409
    r = client.post(url, data)
    assert r.status_code == 409 and "This version is frozen" in r.text
    assert row_counts() == counts


@pytest.mark.parametrize("state", FROZEN)
def test_a_frozen_version_refuses_an_undo(
    client: Client, draft: Draft, state: str
) -> None:
    done = structure.remove_measure(draft.measure, user=draft.editor, reason="Ut")
    freeze(draft.strategy, state)
    client.force_login(draft.site_admin)
    counts = row_counts()
    url = f"{draft.base}/historikk/gjenopprett/tiltak/{done.pk}/"
    assert client.post(url).status_code == 409
    assert row_counts() == counts
    listed = client.get(f"{draft.base}/rediger/fjernet/")
    assert listed.status_code == 200 and "Undo removal" not in listed.text
    with pytest.raises(removal.Frozen):
        removal.restore_removed(Measure, done.pk, user=draft.site_admin)


@pytest.mark.parametrize("state", FROZEN)
def test_the_actions_refuse_a_frozen_version(draft: Draft, state: str) -> None:
    freeze(draft.strategy, state)
    strategy = Strategy.objects.get(pk=draft.strategy.pk)
    theme = Theme.objects.get(strategy=strategy, number="3")
    admin = draft.site_admin
    with pytest.raises(removal.Frozen):
        structure.add_theme(strategy, number="9", title="X", user=admin)
    with pytest.raises(removal.Frozen):
        structure.add_measure(theme, user=admin)
    with pytest.raises(removal.Frozen):
        structure.renumber_theme(theme, loaded_revision=theme.revision, user=admin)
    with pytest.raises(removal.Frozen):
        structure.remove_theme(theme, user=admin, reason="x")


def test_a_stale_removal_action_raises_a_conflict(draft: Draft) -> None:
    with pytest.raises(EditConflict):
        structure.remove_measure(
            draft.measure, user=draft.editor, reason="x", loaded_revision=99
        )


# Query counts: bounded, and not growing with the measures


def count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200, url
    return len(queries)


def grow(draft: Draft, n: int) -> None:
    theme = draft.measure.theme
    unit = Unit.objects.get(organization=draft.strategy.organization, name="Arkiv")
    for i in range(n):
        measure = Measure.objects.create(theme=theme, number=f"3.{50 + i}")
        MeasureUnit.objects.create(measure=measure, unit=unit, position=1)


# The most each page asks, signed in: the session, the user, the strategy and the
# user's memberships (four) come first.
PAGES: list[tuple[str, int]] = [
    ("rediger/ny-tema/", 7),
    ("rediger/tema/3/innstillinger/", 8),
    ("rediger/tema/3/fjern/", 8),
    ("rediger/tema/3/nummerer/", 7),
    ("rediger/tema/3/nytt-tiltak/", 8),
    ("rediger/tiltak/{measure}/fjern/", 9),
    ("rediger/nytt-mal/", 7),
    ("rediger/mal/{goal}/fjern/", 7),
]


@pytest.mark.parametrize(("path", "most"), PAGES, ids=[p for p, _m in PAGES])
def test_a_new_page_does_not_grow_with_the_measures(
    editor: Client, draft: Draft, path: str, most: int
) -> None:
    url = f"{draft.base}/" + path.format(measure=draft.measure.pk, goal=draft.goal.pk)
    few = count(editor, url)
    grow(draft, 12)
    assert count(editor, url) == few
    assert few <= most


def test_the_removed_list_does_not_grow_with_the_removals(
    editor: Client, draft: Draft
) -> None:
    url = f"{draft.base}/rediger/fjernet/"
    grow(draft, 12)
    extra = list(Measure.objects.filter(number__startswith="3.5"))
    # One removal of each kind first: each kind present asks its own questions.
    structure.remove_measure(extra[0], user=draft.editor, reason="En")
    structure.remove_assessment(draft.goal, user=draft.editor, reason="Mål")
    structure.remove_theme(
        Theme.objects.get(strategy=draft.strategy, number="21"),
        user=draft.editor,
        reason="Tema",
    )
    few = count(editor, url)
    for measure in extra[1:]:
        structure.remove_measure(measure, user=draft.editor, reason="Flere")
    structure.remove_theme(theme3(draft), user=draft.editor, reason="Tema")
    assert count(editor, url) == few
    assert few <= 15  # a fixed few, and one for each kind of part (eight)
