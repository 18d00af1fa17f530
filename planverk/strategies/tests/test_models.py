"""Model invariants, natural ordering and change history."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from planverk.interchange.load import load
from planverk.lib.numbering import natural_key
from planverk.organizations.models import Organization
from planverk.strategies.models import Decision, Measure, Strategy, Theme
from planverk.testing import make_personas, rich_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def strategy() -> Strategy:
    return load(rich_document())


def test_natural_key_orders_like_the_document_numbering() -> None:
    numbers = ["10", "2", "7.10", "7.2", "7.2a", "21.1", "3"]
    assert sorted(numbers, key=natural_key) == [
        "2",
        "3",
        "7.2",
        "7.2a",
        "7.10",
        "10",
        "21.1",
    ]


def test_themes_and_measures_come_in_natural_order(strategy: Strategy) -> None:
    for number in ("10", "2"):
        Theme.objects.create(strategy=strategy, number=number, title=f"Tema {number}")
    assert [t.number for t in strategy.themes.all()] == ["2", "3", "10", "21"]
    theme = strategy.themes.get(number="3")
    assert [m.number for m in theme.measures.all()] == ["3.1", "3.2", "3.10"]


def test_a_period_must_not_end_before_it_starts(strategy: Strategy) -> None:
    strategy.period_start = 2030
    with pytest.raises(IntegrityError), transaction.atomic():
        strategy.save()


def test_a_measure_number_is_unique_within_its_theme(strategy: Strategy) -> None:
    theme = strategy.themes.get(number="3")
    with pytest.raises(IntegrityError), transaction.atomic():
        Measure.objects.create(theme=theme, number="3.1")


def test_an_amount_cannot_be_negative(strategy: Strategy) -> None:
    item = strategy.action_items.get(number="2")
    item.amount_nok = -1
    with pytest.raises(IntegrityError), transaction.atomic():
        item.save()


def test_computed_totals_follow_the_amounts(strategy: Strategy) -> None:
    investment = strategy.budget_totals.get(category="investment")
    assert investment.stated_nok == 3_000_000
    assert investment.computed_from(strategy.action_items.all()) == 2_500_000
    item = strategy.action_items.get(number="17")
    item.amount_nok = 3_000_000
    item.save()
    assert investment.computed_from(strategy.action_items.all()) == 3_000_000


def test_a_total_covers_only_its_category_and_years(strategy: Strategy) -> None:
    operating = strategy.budget_totals.get(category="operating")
    # Item 10 (2025–2027) lies outside the 2024 total; item 1 has no amount.
    assert operating.computed_from(strategy.action_items.all()) == 400_000


@pytest.mark.parametrize(
    ("precision", "text"),
    [("day", "2009-12-02"), ("month", "2009-12"), ("year", "2009")],
)
def test_a_decision_date_is_written_as_precisely_as_it_was_given(
    strategy: Strategy, precision: str, text: str
) -> None:
    revision = Decision(
        strategy=strategy,
        body="F/A",
        date=dt.date(2009, 12, 2),
        date_precision=precision,
        position=9,
    )
    assert revision.date_text == text


def test_a_change_is_recorded_with_who_when_before_and_after(
    strategy: Strategy,
) -> None:
    editor = make_personas(strategy.organization).editor
    measure = strategy.themes.get(number="3").measures.get(number="3.1")
    measure.objective = "Alle møter strømmes."
    measure._history_user = editor  # type: ignore[attr-defined]
    measure.save()
    latest, previous = measure.history.all()[:2]
    assert latest.history_user == editor
    assert latest.history_date is not None
    delta = latest.diff_against(previous)
    assert [(c.field, c.old, c.new) for c in delta.changes] == [
        ("objective", "Åpne møter for alle.", "Alle møter strømmes.")
    ]


def test_organisations_get_unique_slugs() -> None:
    first = Organization.objects.create(name="Ås kommune", kind="municipality")
    second = Organization.objects.create(name="Ås  Kommune", kind="municipality")
    assert (first.slug, second.slug) == ("as-kommune", "as-kommune-2")
