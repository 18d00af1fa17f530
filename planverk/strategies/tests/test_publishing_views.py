"""The publishing panel: who may use it, the moves, the approval form, exemptions."""

from __future__ import annotations

import pytest
from django.test import Client

from planverk.strategies.models import Measure, Strategy
from planverk.testing import Personas, make_personas, make_strategy

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft() -> Strategy:
    return make_strategy()


@pytest.fixture
def personas(draft: Strategy) -> Personas:
    return make_personas(draft.organization)


@pytest.fixture
def editor_client(personas: Personas, client: Client) -> Client:
    client.force_login(personas.editor)
    return client


def url(strategy: Strategy, rest: str = "") -> str:
    return f"/o/fjordvik-kommune/s/{strategy.pk}/publisering/{rest}"


def state_of(strategy: Strategy) -> str:
    return Strategy.objects.get(pk=strategy.pk).state


def test_the_panel_shows_state_and_allowed_moves(
    draft: Strategy, editor_client: Client
) -> None:
    page = editor_client.get(url(draft)).content.decode()
    assert 'data-state="draft"' in page
    assert 'href="godkjenn/"' in page
    assert 'href="hoering/"' in page
    assert 'href="erstatt/"' not in page


def test_a_move_asks_first_and_happens_on_post(
    draft: Strategy, editor_client: Client
) -> None:
    assert editor_client.get(url(draft, "hoering/")).status_code == 200
    assert state_of(draft) == "draft"
    response = editor_client.post(url(draft, "hoering/"))
    assert response.status_code == 302
    assert state_of(draft) == "hearing"


def test_an_illegal_move_is_refused_with_a_message(
    draft: Strategy, editor_client: Client
) -> None:
    response = editor_client.post(url(draft, "erstatt/"))
    assert response.status_code == 409
    assert state_of(draft) == "draft"
    assert 'role="alert"' in response.content.decode()


def test_an_unknown_move_is_not_found(draft: Strategy, editor_client: Client) -> None:
    assert editor_client.post(url(draft, "slett/")).status_code == 404


def test_approval_validates_next_to_the_fields(
    draft: Strategy, editor_client: Client
) -> None:
    response = editor_client.post(url(draft, "godkjenn/"), {"body": "", "date": "x"})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="id_body_error"' in page
    assert 'id="id_date_error"' in page
    assert state_of(draft) == "draft"


def test_approval_stores_the_decision(draft: Strategy, editor_client: Client) -> None:
    decision = {"body": "Bystyret", "date": "2024-06-20", "reference": "PS 7/24"}
    response = editor_client.post(url(draft, "godkjenn/"), decision)
    assert response.status_code == 302
    assert state_of(draft) == "approved"
    assert draft.decisions.filter(body="Bystyret", reference="PS 7/24").exists()


def test_a_future_decision_date_is_refused(
    draft: Strategy, editor_client: Client
) -> None:
    decision = {"body": "Bystyret", "date": "2999-01-01"}
    assert editor_client.post(url(draft, "godkjenn/"), decision).status_code == 400


@pytest.mark.parametrize("role", ["reader", "unit_editor"])
def test_members_who_are_not_editors_get_403(
    draft: Strategy, personas: Personas, client: Client, role: str
) -> None:
    client.force_login(getattr(personas, role))
    assert client.get(url(draft)).status_code == 403
    assert client.post(url(draft, "hoering/")).status_code == 403
    decision = {"body": "X", "date": "2024-01-01"}
    assert client.post(url(draft, "godkjenn/"), decision).status_code == 403
    assert state_of(draft) == "draft"


def test_an_outsider_does_not_learn_the_draft_exists(
    draft: Strategy, personas: Personas, client: Client
) -> None:
    client.force_login(personas.outsider)
    assert client.get(url(draft)).status_code == 404
    assert client.post(url(draft, "hoering/")).status_code == 404


def test_an_outsider_may_not_publish_a_public_strategy(client: Client) -> None:
    public = make_strategy("hearing")
    client.force_login(make_personas(public.organization).outsider)
    assert client.get(url(public)).status_code == 403
    assert client.post(url(public, "godkjenn/"), {}).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(draft: Strategy, client: Client) -> None:
    response = client.post(url(draft, "hoering/"))
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/logg-inn/")
    assert state_of(draft) == "draft"


def test_an_editor_marks_a_measure_exempt_and_back(
    draft: Strategy, editor_client: Client
) -> None:
    measure = Measure.objects.get(theme__strategy=draft, number="3.1")
    target = url(draft, f"unntak/tiltak/{measure.pk}/")
    form = editor_client.get(target)
    assert form.status_code == 200 and 'name="ground"' in form.content.decode()
    refused = editor_client.post(target, {"exempt": "1"})
    assert refused.status_code == 400
    assert "Velg hjemmelen" in refused.content.decode()
    measure.refresh_from_db()
    assert not measure.exempt
    chosen = {"exempt": "1", "ground": "offl. § 24", "detail": "tredje ledd"}
    assert editor_client.post(target, chosen).status_code == 302
    measure.refresh_from_db()
    assert (measure.exempt, measure.exempt_basis) == (True, "offl. § 24 tredje ledd")
    editor_client.post(target, {"exempt": "0"})
    measure.refresh_from_db()
    assert not measure.exempt and measure.exempt_basis == ""


def test_a_part_of_another_strategy_is_not_found(
    draft: Strategy, editor_client: Client
) -> None:
    other = make_strategy(org="Annen kommune")
    measure = Measure.objects.get(theme__strategy=other, number="3.1")
    target = url(draft, f"unntak/tiltak/{measure.pk}/")
    assert editor_client.post(target, {"exempt": "1"}).status_code == 404
