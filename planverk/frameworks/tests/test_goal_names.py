"""A national goal has one name: its numbers in the agenda, else its area and number."""

from __future__ import annotations

import pytest
from django.utils import translation

from planverk.frameworks.models import FrameworkGoal, goal_name_of, national_goal_name
from planverk.strategies.models import GoalAssessment
from planverk.strategies.querysets import Withheld
from planverk.testing import make_strategy


def test_a_goal_is_named_by_area_and_goal_number_in_the_agenda() -> None:
    with translation.override("nb"):
        assert national_goal_name("7.2") == "Nasjonalt mål 7.2"
    with translation.override("en"):
        assert national_goal_name("7.2") == "National goal 7.2"


def test_without_a_place_in_the_agenda_the_area_tells_which() -> None:
    with translation.override("en"):
        assert (
            national_goal_name(number=2, area="Elektronisk handel")
            == "National goal 2 of Elektronisk handel"
        )
        assert national_goal_name() == "National goal"


@pytest.mark.django_db
def test_a_status_is_named_by_its_agenda_goal_not_its_documents_number() -> None:
    strategy = make_strategy("approved")
    status = GoalAssessment.objects.select_related("framework_goal__area").get(
        strategy=strategy, number=2
    )
    goal = status.framework_goal
    assert isinstance(goal, FrameworkGoal)
    with translation.override("nb"):
        assert goal_name_of(status) == goal.name == "Nasjonalt mål 1.2"
        # A placeholder tells no more than the document's area and number.
        placeholder = Withheld.of(status)
        assert goal_name_of(placeholder) == national_goal_name(
            number=2, area="Vietos demokratija"
        )
