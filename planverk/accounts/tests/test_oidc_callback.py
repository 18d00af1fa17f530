"""The callback refuses every answer it cannot verify, and signs in only a verified subject.

The answers come from FakeIdP (fake_idp.py): real HTTP, real signatures, so
each refusal is Authlib's (or our) validation at work, not a mock's.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from planverk.accounts.models import Identity
from planverk.accounts.tests.fake_idp import FAULTS, FakeIdP

pytestmark = pytest.mark.django_db


def test_a_verified_answer_signs_in_a_new_user_without_memberships(
    client: Client, sign_in_via: Any
) -> None:
    response = sign_in_via(client, "sub-1", given_name="Kari", family_name="Nordmann")
    assert response.status_code == 302
    assert response["Location"] == "/konto/"
    user = get_user_model().objects.get(identities__subject="sub-1")
    assert int(client.session["_auth_user_id"]) == user.pk
    assert (user.first_name, user.last_name) == ("Kari", "Nordmann")
    assert not user.memberships.exists()
    assert not user.has_usable_password()
    assert "no-memberships" in client.get("/konto/").content.decode()


def test_the_start_asks_for_pkce_state_and_nonce(
    client: Client, with_fake_idp: FakeIdP
) -> None:
    location = client.get("/konto/oidc/fake/")["Location"]
    query = parse_qs(urlsplit(location).query)
    assert location.startswith(with_fake_idp.issuer + "/authorize?")
    assert query["code_challenge_method"] == ["S256"]
    assert len(query["code_challenge"][0]) == 43
    assert query["state"] and query["nonce"]
    assert query["scope"] == ["openid profile"]
    assert query["redirect_uri"] == ["http://testserver/konto/oidc/fake/tilbake/"]


@pytest.mark.parametrize("fault", FAULTS)
def test_a_faulty_answer_is_refused_and_nobody_is_signed_in(
    client: Client, sign_in_via: Any, fault: str, caplog: Any
) -> None:
    with caplog.at_level(logging.WARNING, logger="planverk.accounts"):
        response = sign_in_via(client, "sub-2", fault=fault)
    assert FAULTS[fault] in caplog.text  # refused for this reason, not another
    assert response.status_code == 400
    assert 'id="oidc-error"' in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert not Identity.objects.exists()
    assert not get_user_model().objects.exists()


def test_a_tampered_state_is_refused_before_the_code_is_used(
    client: Client, sign_in_via: Any, with_fake_idp: FakeIdP
) -> None:
    before = with_fake_idp.token_requests
    response = sign_in_via(client, "sub-3", state="forged-state")
    assert response.status_code == 400
    assert "_auth_user_id" not in client.session
    assert with_fake_idp.token_requests == before  # never sent to the provider
    assert not Identity.objects.exists()


def test_a_callback_without_a_started_sign_in_is_refused(
    client: Client, with_fake_idp: FakeIdP
) -> None:
    response = client.get("/konto/oidc/fake/tilbake/", {"code": "x", "state": "y"})
    assert response.status_code == 400
    assert "_auth_user_id" not in client.session


def test_an_answer_for_another_browser_is_refused(
    client: Client, sign_in_via: Any, with_fake_idp: FakeIdP
) -> None:
    """Login CSRF: the victim's browser does not hold the state the attacker started."""
    start = Client().get("/konto/oidc/fake/")["Location"]
    code = with_fake_idp.grant(start, subject="attacker")
    state = parse_qs(urlsplit(start).query)["state"][0]
    response = client.get("/konto/oidc/fake/tilbake/", {"code": code, "state": state})
    assert response.status_code == 400
    assert "_auth_user_id" not in client.session


def test_a_state_works_once(
    client: Client, with_fake_idp: FakeIdP, sign_in_via: Any
) -> None:
    start = client.get("/konto/oidc/fake/")["Location"]
    state = parse_qs(urlsplit(start).query)["state"][0]
    code = with_fake_idp.grant(start, subject="sub-4")
    callback = "/konto/oidc/fake/tilbake/"
    assert client.get(callback, {"code": code, "state": state}).status_code == 302
    again = with_fake_idp.grant(start, subject="sub-4")
    assert client.get(callback, {"code": again, "state": state}).status_code == 400


def test_the_provider_refusing_shows_why(
    client: Client, with_fake_idp: FakeIdP
) -> None:
    start = client.get("/konto/oidc/fake/")["Location"]
    state = parse_qs(urlsplit(start).query)["state"][0]
    response = client.get(
        "/konto/oidc/fake/tilbake/", {"error": "access_denied", "state": state}
    )
    assert response.status_code == 400
    assert 'id="oidc-error"' in response.content.decode()


def test_an_unknown_provider_is_not_found(client: Client, with_fake_idp: Any) -> None:
    assert client.get("/konto/oidc/nowhere/").status_code == 404
    assert client.get("/konto/oidc/nowhere/tilbake/").status_code == 404


def test_an_unreachable_provider_is_a_clear_error(
    client: Client, settings: Any
) -> None:
    from planverk.accounts.providers import Provider

    settings.PLANVERK_OIDC_PROVIDERS = (
        Provider(
            name="gone",
            label="Gone",
            discovery_url="http://127.0.0.1:9/.well-known/openid-configuration",
            client_id="x",
            client_secret="y",
        ),
    )
    response = client.get("/konto/oidc/gone/")
    assert response.status_code == 503
    assert 'id="oidc-error"' in response.content.decode()


def test_only_a_local_next_is_followed(client: Client, sign_in_via: Any) -> None:
    response = sign_in_via(client, "sub-5", next_url="https://evil.example/")
    assert response.status_code == 302
    assert response["Location"] == "/"
