"""The editing pages ask the database a bounded number of questions."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from planverk.organizations.models import Unit
from planverk.strategies.actions.editing import update_measure
from planverk.strategies.models import Measure, MeasureUnit
from planverk.strategies.tests.editing_setup import Draft, make_draft

pytestmark = pytest.mark.django_db


def count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def add_measures(draft: Draft, n: int) -> None:
    theme = draft.measure.theme
    unit = Unit.objects.get(organization=draft.strategy.organization, name="Arkiv")
    for i in range(n):
        measure = Measure.objects.create(theme=theme, number=f"3.{50 + i}")
        MeasureUnit.objects.create(measure=measure, unit=unit, position=1)


@pytest.mark.parametrize("who", ["editor", "unit_editor"])
def test_the_editing_page_does_not_grow_with_the_measures(
    client: Client, who: str
) -> None:
    draft = make_draft()
    client.force_login(getattr(draft, who))
    url = f"{draft.base}/rediger/"
    few = count(client, url)
    add_measures(draft, 10)
    assert count(client, url) == few
    assert few <= 14


def test_a_history_page_does_not_grow_with_the_changes(client: Client) -> None:
    draft = make_draft()
    client.force_login(draft.editor)
    url = f"{draft.base}/historikk/tiltak/{draft.measure.pk}/"
    few = count(client, url)
    for revision in range(1, 6):
        measure = Measure.objects.get(pk=draft.measure.pk)
        update_measure(
            measure,
            {"group": f"G{revision}"},
            loaded_revision=revision,
            user=draft.editor,
        )
    assert count(client, url) == few
