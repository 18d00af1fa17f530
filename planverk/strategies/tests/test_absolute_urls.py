"""Every model with a page names it (get_absolute_url), and templates ask the rules
(``{% can %}``) and the URLconf instead of building paths by hand."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from planverk.strategies.models import Measure, Section, Theme
from planverk.strategies.tests.editing_setup import Draft, make_draft

TEMPLATES = Path(settings.BASE_DIR) / "templates"


@pytest.fixture
def draft() -> Draft:
    return make_draft()


@pytest.mark.django_db
def test_each_page_is_named_by_its_model(draft: Draft) -> None:
    strategy = draft.strategy
    organization = strategy.organization
    s = f"/o/{organization.slug}/s/{strategy.pk}/"
    unit = organization.units.get(name="Arkiv")
    theme = Theme.objects.get(strategy=strategy, number="3")
    section = Section.objects.filter(strategy=strategy).first()
    assert section is not None
    assert organization.get_absolute_url() == f"/o/{organization.slug}/"
    assert unit.get_absolute_url() == f"/o/{organization.slug}/enhet/{unit.pk}/"
    assert strategy.get_absolute_url() == s
    assert theme.get_absolute_url() == s + "tema/3/"
    assert draft.measure.get_absolute_url() == s + "tiltak/3.1/"
    assert draft.goal.get_absolute_url() == s + f"mal/{draft.goal.pk}/"
    assert section.get_absolute_url() == s + f"kapittel/{section.place}/"


@pytest.mark.django_db
def test_a_measure_with_its_strategy_loaded_names_its_page_without_a_query(
    draft: Draft,
) -> None:
    measures = Measure.objects.filter(theme__strategy=draft.strategy).select_related(
        "theme__strategy__organization"
    )
    listed = list(measures)
    with CaptureQueriesContext(connection) as queries:
        urls = [m.get_absolute_url() for m in listed]
    assert len(queries) == 0 and len(set(urls)) == len(listed)


CAN = Template(
    '{% load permissions %}{% can "measure.edit" measure as editable %}'
    '{% can "strategy.edit" strategy as edit_strategy %}{{ editable }} {{ edit_strategy }}'
)


def rendered(user: object, draft: Draft, measure: Measure) -> str:
    request = RequestFactory().get("/")
    request.user = user  # type: ignore[assignment]
    context = Context(
        {"request": request, "measure": measure, "strategy": draft.strategy}
    )
    return CAN.render(context)


@pytest.mark.django_db
def test_the_can_tag_asks_the_rules_for_the_requests_user(draft: Draft) -> None:
    mine, theirs = draft.measure, draft.other_measure
    for measure in (mine, theirs):
        measure.theme.strategy = draft.strategy
    assert rendered(draft.editor, draft, theirs) == "True True"
    assert rendered(draft.unit_editor, draft, mine) == "True False"
    assert rendered(draft.unit_editor, draft, theirs) == "False False"
    assert rendered(draft.reader, draft, mine) == "False False"
    assert rendered(draft.anonymous, draft, mine) == "False False"


@pytest.mark.django_db
def test_the_can_tag_costs_no_query_once_the_memberships_are_known(
    draft: Draft,
) -> None:
    measure = (
        Measure.objects.select_related("theme")
        .prefetch_related("measureunit_set__unit")
        .get(pk=draft.measure.pk)
    )
    measure.theme.strategy = draft.strategy
    rendered(draft.unit_editor, draft, measure)  # reads the memberships once
    with CaptureQueriesContext(connection) as queries:
        for _ in range(5):
            rendered(draft.unit_editor, draft, measure)
    assert len(queries) == 0


def test_without_a_request_the_reader_is_anonymous() -> None:
    template = Template(
        '{% load permissions %}{% can "strategy.publish" s as p %}{{ p }}'
    )

    class Published:
        is_draft = False
        state = "approved"
        organization = None

    assert template.render(Context({"s": Published()})) == "False"


def test_no_template_builds_a_path_by_hand() -> None:
    own = [
        path
        for path in TEMPLATES.rglob("*.html")
        if "reports" not in path.relative_to(TEMPLATES).parts[:1]
    ]
    assert own
    for path in own:
        text = path.read_text()
        assert "base_url" not in text, path
        assert '"/o/' not in text and '"/konto/' not in text, path
