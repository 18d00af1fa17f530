"""The one comparison of two versions: parts matched by key, words marked, the
budget summed, and nothing exempt shown to a reader who may not see it."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.translation import override
from hypothesis import given
from hypothesis import strategies as st

from planverk.strategies.comparison import KINDS, Comparison, compare, word_diff
from planverk.strategies.models import (
    ActionItem,
    GoalAssessment,
    Measure,
    Strategy,
    Theme,
)
from planverk.strategies.querysets import Withheld
from planverk.strategies.tests.versions_setup import next_version, sixty_measures
from planverk.testing import make_strategy

pytestmark = pytest.mark.django_db


def measure(strategy: Strategy, number: str) -> Measure:
    return Measure.objects.get(theme__strategy=strategy, number=number)


@pytest.fixture
def older() -> Strategy:
    return make_strategy("approved")


@pytest.fixture
def newer(older: Strategy) -> Strategy:
    return next_version(older)


def everything(older: Strategy, newer: Strategy) -> Comparison:
    return compare(older, newer, include_exempt=True)


def test_a_revision_as_copied_has_no_changes(older: Strategy, newer: Strategy) -> None:
    comparison = everything(older, newer)
    assert not any(comparison.changed(kind) for kind in KINDS)
    assert len(comparison.parts["measure"]) == 4
    with override("en"):
        assert comparison.summary == "No changes."


def test_the_older_version_is_the_one_made_first(
    older: Strategy, newer: Strategy
) -> None:
    comparison = compare(newer, older, include_exempt=True)
    assert (comparison.older, comparison.newer) == (older, newer)


def test_a_renumbered_measure_is_renumbered_not_removed_and_added(
    older: Strategy, newer: Strategy
) -> None:
    moved = measure(newer, "3.2")
    moved.number = "3.5"
    moved.save()
    [change] = everything(older, newer).changed("measure")
    assert (change.status, change.renumbered, change.moved) == ("changed", True, False)
    assert change.fields == ()
    assert (change.before.number, change.after.number) == ("3.2", "3.5")


def test_a_measure_in_another_theme_is_moved(older: Strategy, newer: Strategy) -> None:
    moved = measure(newer, "3.10")
    moved.theme = Theme.objects.get(strategy=newer, number="21")
    moved.number = "21.2"
    moved.save()
    [change] = everything(older, newer).changed("measure")
    assert change.moved and change.renumbered
    assert (change.before.theme.number, change.after.theme.number) == ("3", "21")


def test_a_renumbered_theme_does_not_move_its_measures(
    older: Strategy, newer: Strategy
) -> None:
    Theme.objects.filter(strategy=newer, number="21").update(number="22")
    comparison = everything(older, newer)
    [theme] = comparison.changed("theme")
    assert theme.renumbered
    assert comparison.changed("measure") == []


def test_changed_words_are_marked_word_by_word(
    older: Strategy, newer: Strategy
) -> None:
    changed = measure(newer, "3.1")
    changed.objective = "Åpne digitale møter for alle."
    changed.items = ["Kamera i salen", "Teksting på samisk"]
    changed.save()
    [change] = everything(older, newer).changed("measure")
    fields = {f.name: f for f in change.fields}
    assert set(fields) == {"objective", "items"}
    assert fields["objective"].runs == (
        ("same", "Åpne "),
        ("ins", "digitale "),
        ("same", "møter for alle."),
    )
    assert ("del", "nynorsk og bokmål") in fields["items"].runs
    assert ("ins", "samisk") in fields["items"].runs
    assert fields["items"].after == ["Kamera i salen", "Teksting på samisk"]


@given(st.text(max_size=40), st.text(max_size=40))
def test_the_runs_give_back_both_texts(before: str, after: str) -> None:
    runs = word_diff(before, after)
    assert "".join(t for op, t in runs if op != "ins") == before
    assert "".join(t for op, t in runs if op != "del") == after
    assert all(a[0] != b[0] for a, b in itertools.pairwise(runs))


def test_added_and_removed_measures_and_their_units(
    older: Strategy, newer: Strategy
) -> None:
    theme = Theme.objects.get(strategy=newer, number="3")
    added = Measure.objects.create(theme=theme, number="3.11", objective="Nytt tiltak")
    gone = measure(newer, "3.2")
    gone.delete()
    owned = measure(newer, "3.1")
    owned.measureunit_set.filter(unit__name="Arkiv").delete()
    comparison = everything(older, newer)
    changes = {c.key: c for c in comparison.changed("measure")}
    assert changes[added.key].status == "added"
    assert changes[gone.key].status == "removed"
    [units] = changes[owned.key].fields
    assert (units.name, units.before, units.after) == (
        "units",
        ["IKT-tjenesten", "Arkiv"],
        ["IKT-tjenesten"],
    )


def test_goal_levels_and_status_texts(older: Strategy, newer: Strategy) -> None:
    goal = newer.goal_assessments.get(number=1)
    goal.level = "partial"
    goal.status_text = "Nettside og e-post."
    goal.save()
    new_goal = GoalAssessment.objects.create(
        strategy=newer, area="Lokale mål", goal_text="Et nytt mål", position=9
    )
    gone = newer.goal_assessments.get(number=2)
    gone.delete()
    changes = {c.key: c for c in everything(older, newer).changed("goal")}
    assert changes[new_goal.key].status == "added"
    assert changes[gone.key].status == "removed"
    fields = {f.name: f for f in changes[goal.key].fields}
    assert (fields["level"].before, fields["level"].after) == ("achieved", "partial")
    assert fields["level"].runs == ()
    with override("en"):
        assert changes[goal.key].name == "National goal 1.1"
    assert ("del", " og direktesending") in fields["status_text"].runs


def test_action_items_and_the_budget_before_and_after(
    older: Strategy, newer: Strategy
) -> None:
    ActionItem.objects.filter(strategy=newer, number="2").update(amount_nok=800_000)
    ActionItem.objects.create(
        strategy=newer,
        number="18",
        title="Nye PC-er",
        category="investment",
        year_start=2025,
        year_end=2025,
        amount_nok=100_000,
    )
    comparison = everything(older, newer)
    budget = comparison.budget
    assert (budget.before, budget.after, budget.change) == (
        2_900_000,
        3_400_000,
        500_000,
    )
    assert {c.category: (c.before, c.after) for c in budget.categories} == {
        "operating": (400_000, 800_000),
        "investment": (2_500_000, 2_600_000),
    }
    changed, added = comparison.changed("action_item")
    assert added.status == "added"
    [amount] = changed.fields
    assert (amount.name, amount.before, amount.after) == (
        "amount_nok",
        400_000,
        800_000,
    )


def test_the_summary_counts_each_kind_and_tells_the_budget(
    older: Strategy, newer: Strategy
) -> None:
    theme = Theme.objects.get(strategy=newer, number="3")
    Measure.objects.create(theme=theme, number="3.11", objective="Nytt tiltak")
    measure(newer, "3.2").delete()
    measure(newer, "3.10").delete()
    Measure.objects.filter(pk=measure(newer, "3.1").pk).update(group="Ny gruppe")
    ActionItem.objects.filter(strategy=newer, number="2").update(amount_nok=800_000)
    with override("en"):
        summary = everything(older, newer).summary
    assert summary == (
        "1 measure added, 2 removed, 1 changed; 1 action plan item changed; "
        "budget +0.4 million NOK."
    )


def test_exempt_parts_are_hidden_from_the_public(
    older: Strategy, newer: Strategy
) -> None:
    exempt = measure(newer, "21.1")  # exempt in both
    exempt.description = "Sensorer i alle rom"
    exempt.save()
    ActionItem.objects.filter(strategy=newer, number="2").update(
        exempt=True, exempt_basis="offl. § 23"
    )
    public = compare(older, newer, include_exempt=False)
    assert public.changed("measure") == []
    [item] = public.changed("action_item")
    assert (item.status, item.fields) == ("withheld", ())
    assert isinstance(item.after, Withheld) and "Skanning" not in item.title_after
    assert public.budget.withheld
    assert (public.budget.before, public.budget.after) == (2_500_000, 2_500_000)
    members = everything(older, newer)
    [shown] = members.changed("measure")
    assert [f.name for f in shown.fields] == ["description"]
    with override("en"):
        assert public.summary == "1 part exempt from public disclosure."
        assert members.summary == "1 measure changed."


def test_parts_of_a_theme_made_exempt_are_left_out_with_it(
    older: Strategy, newer: Strategy
) -> None:
    Theme.objects.filter(strategy=newer, number="3").update(
        exempt=True, exempt_basis="offl. § 14"
    )
    Measure.objects.filter(pk=measure(newer, "3.1").pk).update(group="Hemmelig")
    public = compare(older, newer, include_exempt=False)
    [theme] = public.changed("theme")
    assert theme.status == "withheld" and isinstance(theme.after, Withheld)
    assert theme.title_before == "Lokaldemokrati og deltakelse"
    assert public.changed("measure") == []
    assert public.changed("goal") == []  # the status on goal 1.1 is in theme 3


def queries(older: Strategy, newer: Strategy, include_exempt: bool) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert compare(older, newer, include_exempt=include_exempt).summary
    return len(captured)


@pytest.mark.parametrize("include_exempt", [True, False])
def test_the_queries_do_not_grow_with_the_parts(
    older: Strategy, newer: Strategy, include_exempt: bool, settings: Any
) -> None:
    big = sixty_measures()
    assert Measure.objects.filter(theme__strategy=big).count() == 60
    bigger = next_version(big)
    Measure.objects.filter(theme__strategy=bigger, number="3.20").update(group="Ny")
    few = queries(older, newer, include_exempt)
    assert queries(big, bigger, include_exempt) == few
    assert few <= 16
