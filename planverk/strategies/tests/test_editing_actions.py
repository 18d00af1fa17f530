"""The editing actions: compare-and-set, permissions per role, history with reason."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from planverk.organizations.models import Unit
from planverk.strategies.actions import editing
from planverk.strategies.models import Measure, Strategy
from planverk.strategies.tests.editing_setup import Draft, make_draft

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft() -> Draft:
    return make_draft()


def test_update_measure_saves_and_counts_the_revision(draft: Draft) -> None:
    saved = editing.update_measure(
        draft.measure,
        {"objective": "Nytt mål", "items": ["  A ", "", "B"]},
        loaded_revision=1,
        user=draft.editor,
    )
    assert (saved.objective, saved.items, saved.revision) == ("Nytt mål", ["A", "B"], 2)


def test_a_stale_revision_is_refused_and_nothing_is_written(draft: Draft) -> None:
    editing.update_measure(
        draft.measure, {"objective": "Først"}, loaded_revision=1, user=draft.editor
    )
    with pytest.raises(editing.EditConflict) as refused:
        editing.update_measure(
            draft.measure, {"objective": "Sist"}, loaded_revision=1, user=draft.editor
        )
    assert refused.value.current.objective == "Først"
    assert refused.value.attempted == {"objective": "Sist"}
    draft.measure.refresh_from_db()
    assert (draft.measure.objective, draft.measure.revision) == ("Først", 2)


def test_each_save_is_recorded_with_user_and_reason(draft: Draft) -> None:
    editing.update_measure(
        draft.measure,
        {"description": "Ny"},
        loaded_revision=1,
        user=draft.editor,
        reason="fordi",
    )
    latest = draft.measure.history.latest()
    assert (latest.history_user, latest.history_change_reason, latest.history_type) == (
        draft.editor,
        "fordi",
        "~",
    )
    assert latest.description == "Ny" and latest.revision == 2
    delta = latest.diff_against(latest.prev_record)
    assert [c.field for c in delta.changes] == ["description"]


def test_a_unit_editor_edits_only_measures_of_their_units(draft: Draft) -> None:
    editing.update_measure(
        draft.measure, {"group": "G"}, loaded_revision=1, user=draft.unit_editor
    )
    with pytest.raises(PermissionDenied):
        editing.update_measure(
            draft.other_measure,
            {"group": "G"},
            loaded_revision=1,
            user=draft.unit_editor,
        )


@pytest.mark.parametrize("who", ["reader", "outsider"])
def test_readers_and_outsiders_cannot_edit(draft: Draft, who: str) -> None:
    user = getattr(draft, who)
    with pytest.raises(PermissionDenied):
        editing.update_measure(
            draft.measure, {"group": "G"}, loaded_revision=1, user=user
        )
    with pytest.raises(PermissionDenied):
        editing.set_assessment_level(
            draft.goal, "achieved", reason="x", loaded_revision=1, user=user
        )
    with pytest.raises(PermissionDenied):
        editing.update_action_item_amount(draft.item, 1, loaded_revision=1, user=user)


def test_a_unit_editor_cannot_change_goals_or_amounts(draft: Draft) -> None:
    with pytest.raises(PermissionDenied):
        editing.set_assessment_level(
            draft.goal,
            "achieved",
            reason="x",
            loaded_revision=1,
            user=draft.unit_editor,
        )
    with pytest.raises(PermissionDenied):
        editing.update_action_item_amount(
            draft.item, 1, loaded_revision=1, user=draft.unit_editor
        )


def test_nothing_is_editable_once_the_strategy_left_the_draft(draft: Draft) -> None:
    Strategy.objects.filter(pk=draft.strategy.pk).update(state="hearing")
    measure = Measure.objects.get(pk=draft.measure.pk)
    with pytest.raises(PermissionDenied):
        editing.update_measure(
            measure, {"group": "G"}, loaded_revision=1, user=draft.editor
        )


def test_units_are_replaced_in_order_with_history(draft: Draft) -> None:
    org_units = {
        u.name: u for u in Unit.objects.filter(organization=draft.strategy.organization)
    }
    editing.set_measure_units(
        draft.measure,
        [org_units["Helse- og omsorg"], org_units["IKT-tjenesten"]],
        loaded_revision=1,
        user=draft.editor,
    )
    measure = Measure.objects.get(pk=draft.measure.pk)
    assert [u.name for u in measure.owners] == ["Helse- og omsorg", "IKT-tjenesten"]
    assert measure.revision == 2
    removed = measure.measureunit_set.model.history.filter(history_type="-").get()
    assert removed.unit.name == "Arkiv" and removed.history_user == draft.editor


def test_a_unit_of_another_organisation_is_refused(draft: Draft) -> None:
    foreign = Unit.objects.get(name="Fremmed enhet")
    with pytest.raises(ValidationError) as refused:
        editing.set_measure_units(
            draft.measure, [foreign], loaded_revision=1, user=draft.editor
        )
    assert "units" in refused.value.message_dict
    assert Measure.objects.get(pk=draft.measure.pk).revision == 1


def test_changing_a_level_needs_a_reason_and_keeps_it_in_the_history(
    draft: Draft,
) -> None:
    with pytest.raises(ValidationError):
        editing.set_assessment_level(
            draft.goal, "achieved", reason=" ", loaded_revision=1, user=draft.editor
        )
    goal = editing.set_assessment_level(
        draft.goal,
        "achieved",
        reason="Alle sider oppfyller kravene",
        loaded_revision=1,
        user=draft.editor,
    )
    assert (goal.level, goal.level_confirmed) == ("achieved", True)
    latest = goal.history.latest()
    assert latest.history_change_reason == "Alle sider oppfyller kravene"
    assert latest.history_user == draft.editor


def test_confirming_the_suggestion_is_the_same_level_without_a_reason(
    draft: Draft,
) -> None:
    goal = editing.set_assessment_level(
        draft.goal, "partial", reason="", loaded_revision=1, user=draft.editor
    )
    assert (goal.level, goal.level_confirmed, goal.revision) == ("partial", True, 2)
    assert goal.history.latest().history_change_reason == "level confirmed"


def test_an_unknown_level_is_refused(draft: Draft) -> None:
    with pytest.raises(ValidationError):
        editing.set_assessment_level(
            draft.goal, "great", reason="x", loaded_revision=1, user=draft.editor
        )


def test_amounts_are_set_and_never_negative(draft: Draft) -> None:
    item = editing.update_action_item_amount(
        draft.item, 450000, loaded_revision=1, user=draft.editor
    )
    assert (item.amount_nok, item.revision) == (450000, 2)
    with pytest.raises(ValidationError):
        editing.update_action_item_amount(
            item, -1, loaded_revision=2, user=draft.editor
        )
    with pytest.raises(editing.EditConflict):
        editing.update_action_item_amount(item, 5, loaded_revision=1, user=draft.editor)


def test_reordering_hands_the_numbers_out_again(draft: Draft) -> None:
    theme = draft.measure.theme
    by_number = {m.number: m.pk for m in theme.measures.all()}
    assert list(by_number) == ["3.1", "3.2", "3.10"]
    editing.reorder_measures(
        theme,
        [by_number["3.10"], by_number["3.1"], by_number["3.2"]],
        loaded_revision=1,
        user=draft.editor,
    )
    after = {m.pk: m.number for m in Measure.objects.filter(theme=theme)}
    assert after == {
        by_number["3.10"]: "3.1",
        by_number["3.1"]: "3.2",
        by_number["3.2"]: "3.10",
    }
    assert (
        Measure.objects.get(pk=by_number["3.1"]).history.latest().history_change_reason
        == "reordered"
    )


def test_reordering_from_a_stale_order_is_refused(draft: Draft) -> None:
    measure = Measure.objects.get(pk=draft.other_measure.pk)
    editing.move_measure(measure, -1, loaded_revision=1, user=draft.editor)
    with pytest.raises(editing.EditConflict):
        editing.move_measure(measure, -1, loaded_revision=1, user=draft.editor)


def test_an_edit_form_opened_before_a_reorder_is_refused(draft: Draft) -> None:
    editing.move_measure(draft.other_measure, -2, loaded_revision=1, user=draft.editor)
    with pytest.raises(editing.EditConflict):
        editing.update_measure(
            draft.measure, {"group": "G"}, loaded_revision=1, user=draft.editor
        )


def test_reordering_needs_the_editor_role(draft: Draft) -> None:
    with pytest.raises(PermissionDenied):
        editing.move_measure(
            draft.measure, 1, loaded_revision=1, user=draft.unit_editor
        )


def test_a_unit_editor_cannot_take_their_own_units_off_a_measure(draft: Draft) -> None:
    units = {
        u.name: u for u in Unit.objects.filter(organization=draft.strategy.organization)
    }
    with pytest.raises(ValidationError) as refused:
        editing.set_measure_units(
            draft.measure,
            [units["IKT-tjenesten"]],
            loaded_revision=1,
            user=draft.unit_editor,
        )
    assert "units" in refused.value.message_dict
    measure = Measure.objects.get(pk=draft.measure.pk)
    assert [u.name for u in measure.owners] == ["IKT-tjenesten", "Arkiv"]
    # Keeping Arkiv, their unit, is fine; an editor may hand the measure to anyone.
    editing.set_measure_units(
        measure, [units["Arkiv"]], loaded_revision=1, user=draft.unit_editor
    )
    editing.set_measure_units(
        Measure.objects.get(pk=draft.measure.pk),
        [units["IKT-tjenesten"]],
        loaded_revision=2,
        user=draft.editor,
    )
