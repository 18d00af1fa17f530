"""Signing in through the browser against two real OpenID Connect providers side by side.

Each provider is its own instance of npm's oidc-provider with its own issuer
and keys (conftest.node_providers), as ID-porten and Feide are.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
from django.contrib.auth import get_user_model

from planverk.accounts.models import Identity
from planverk.accounts.providers import Provider

pytestmark = pytest.mark.django_db(transaction=True)
DISCOVERY = "/.well-known/openid-configuration"


def sign_in_at_provider(page: Any, login: str) -> None:
    """The provider's own (devInteractions) sign-in and consent pages."""
    page.fill("input[name=login]", login)
    page.fill("input[name=password]", "any")
    page.get_by_role("button", name="Sign-in").click()
    page.get_by_role("button", name="Continue").click()


@pytest.fixture
def providers(
    node_providers: dict[str, Provider], settings: Any
) -> dict[str, Provider]:
    settings.PLANVERK_OIDC_PROVIDERS = tuple(node_providers.values())
    return node_providers


def test_two_providers_sign_in_side_by_side(
    live_server: Any,
    providers: Any,
    browser: Any,
    page: Any,
    national_agenda: None,
    axe: Any,
) -> None:
    authorizations: list[str] = []
    page.on(
        "request", lambda r: authorizations.append(r.url) if "/auth?" in r.url else None
    )
    page.goto(live_server.url + "/konto/logg-inn/?next=/konto/")
    assert axe(page) == []
    page.click('[data-provider="idporten"]')
    sign_in_at_provider(page, "kari")
    page.wait_for_url(live_server.url + "/konto/")
    assert page.locator("#no-memberships").is_visible()
    assert "Kari Testesen" in page.content()

    kari = get_user_model().objects.get(identities__provider="idporten")
    assert (
        kari.identities.get().issuer
        == providers["idporten"].discovery_url.split("/.well")[0]
    )
    assert not kari.memberships.exists()
    # PKCE: the authorisation request carried an S256 challenge.
    query = parse_qs(urlsplit(authorizations[0]).query)
    assert query["code_challenge_method"] == ["S256"] and query["code_challenge"]

    # The same login name at the other provider is another person.
    other = browser.new_context(locale="nb-NO")
    try:
        feide = other.new_page()
        feide.goto(live_server.url + "/konto/logg-inn/?next=/konto/")
        feide.click('[data-provider="feide"]')
        sign_in_at_provider(feide, "kari")
        feide.wait_for_url(live_server.url + "/konto/")
    finally:
        other.close()
    assert get_user_model().objects.count() == 2
    assert Identity.objects.filter(subject="kari").count() == 2


def test_the_same_subject_signs_in_to_the_same_user(
    live_server: Any, providers: Any, browser: Any, national_agenda: None
) -> None:
    for _ in range(2):
        context = browser.new_context(locale="nb-NO")
        try:
            page = context.new_page()
            page.goto(live_server.url + "/konto/oidc/idporten/?next=/konto/")
            sign_in_at_provider(page, "ola")
            page.wait_for_url(live_server.url + "/konto/")
        finally:
            context.close()
    assert Identity.objects.filter(subject="ola").count() == 1
    assert get_user_model().objects.filter(identities__subject="ola").count() == 1


def test_a_tampered_state_in_the_callback_is_refused(
    live_server: Any, providers: Any, page: Any, national_agenda: None
) -> None:
    page.goto(live_server.url + "/konto/oidc/feide/")
    page.fill("input[name=login]", "mallory")
    page.fill("input[name=password]", "any")
    page.get_by_role("button", name="Sign-in").click()
    # Consent outside the page, with its cookies, to hold the answer back.
    issuer = providers["feide"].discovery_url.removesuffix(DISCOVERY)
    action = page.locator("form").get_attribute("action")
    api = page.context.request
    resume = api.post(
        urljoin(issuer, action), form={"prompt": "consent"}, max_redirects=0
    )
    answer = api.get(urljoin(issuer, resume.headers["location"]), max_redirects=0)
    callback = urlsplit(answer.headers["location"])
    query = parse_qs(callback.query)
    assert query["code"] and query["state"]

    tampered = callback._replace(query=f"code={query['code'][0]}&state=x").geturl()
    response = page.goto(tampered)
    assert response.status == 400
    assert page.locator("#oidc-error").is_visible()
    page.goto(live_server.url + "/konto/")
    assert "/konto/logg-inn/" in page.url  # not signed in
    assert not Identity.objects.filter(subject="mallory").exists()
