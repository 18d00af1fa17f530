"""A refused edit merged with what is stored now (actions.editing.merge_refused)."""

from __future__ import annotations

from typing import Any

import pytest

from planverk.organizations.models import Unit
from planverk.strategies.actions import editing
from planverk.strategies.tests.editing_setup import Draft, make_draft

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft() -> Draft:
    return make_draft()


def refused(draft: Draft, part: Any, save: Any, mine: dict[str, Any]) -> editing.Merge:
    """Someone saves first (*save*), then *mine* from the same revision is refused."""
    save()
    with pytest.raises(editing.EditConflict) as conflict:
        editing.update_measure(part, mine, loaded_revision=1, user=draft.editor)
    return editing.merge_refused(conflict.value, mine, loaded_revision=1)


def test_each_side_keeps_the_fields_only_it_changed(draft: Draft) -> None:
    loaded = editing.stored_values(draft.measure, editing.MEASURE_FIELDS)
    merge = refused(
        draft,
        draft.measure,
        lambda: editing.update_measure(
            draft.measure, {"objective": "Theirs"}, loaded_revision=1, user=draft.editor
        ),
        {**loaded, "description": "Mine"},
    )
    assert merge.merged == {**loaded, "objective": "Theirs", "description": "Mine"}
    assert merge.clashes == ()
    assert merge.differing == ["objective", "description"]
    assert merge.theirs["objective"] == "Theirs" and merge.mine["objective"] != "Theirs"


def test_a_field_both_changed_keeps_mine_and_is_a_clash(draft: Draft) -> None:
    merge = refused(
        draft,
        draft.measure,
        lambda: editing.update_measure(
            draft.measure, {"group": "Theirs"}, loaded_revision=1, user=draft.editor
        ),
        {"group": "Mine"},
    )
    assert merge.merged == {"group": "Mine"} and merge.clashes == ("group",)


def test_the_same_change_on_both_sides_is_no_clash(draft: Draft) -> None:
    merge = refused(
        draft,
        draft.measure,
        lambda: editing.update_measure(
            draft.measure, {"group": "Same"}, loaded_revision=1, user=draft.editor
        ),
        {"group": "Same"},
    )
    assert merge.merged == {"group": "Same"}
    assert merge.clashes == () and merge.differing == []


def test_units_the_history_does_not_keep_clash_whenever_they_differ(
    draft: Draft,
) -> None:
    arkiv = Unit.objects.get(organization=draft.strategy.organization, name="Arkiv")
    owners = editing.stored_values(draft.measure, ["units"])["units"]
    merge = refused(
        draft,
        draft.measure,
        lambda: editing.update_measure(
            draft.measure, {"group": "Theirs"}, loaded_revision=1, user=draft.editor
        ),
        {"units": [arkiv]},
    )
    assert merge.theirs == {"units": owners} and merge.merged == {"units": [arkiv]}
    assert merge.clashes == ("units",)


def test_an_amount_merges_like_any_other_field(draft: Draft) -> None:
    item = draft.item
    item.strategy = draft.strategy
    editing.update_action_item_amount(
        item, 500_000, loaded_revision=1, user=draft.editor
    )
    with pytest.raises(editing.EditConflict) as conflict:
        editing.update_action_item_amount(
            item, 600_000, loaded_revision=1, user=draft.editor
        )
    merge = editing.merge_refused(
        conflict.value, {"amount_nok": 600_000}, loaded_revision=1
    )
    assert merge.theirs == {"amount_nok": 500_000}
    assert merge.merged == {"amount_nok": 600_000}
    assert merge.clashes == ("amount_nok",)
