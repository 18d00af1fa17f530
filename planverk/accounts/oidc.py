"""Signing in through an OpenID Connect provider, with Authlib's Django client.

``authorize_redirect`` keeps the state, the nonce and the PKCE code verifier in
the session; ``authorize_access_token`` checks the returned state against it,
fetches the token with the verifier and validates the ID token: its signature
against the provider's JWKS, and iss, aud, exp, iat and nonce. This module adds
what Authlib leaves to the caller: an ``aud`` that must name our client (Authlib
alone accepts a foreign audience when ``azp`` names us), an ID token that must be
there, an issuer that matches the discovery URL, and a userinfo answer about the
same subject.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from authlib.integrations.base_client import MismatchingStateError, OAuthError
from authlib.integrations.django_client import DjangoOAuth2App, OAuth
from django.http import HttpRequest, HttpResponse
from joserfc.errors import JoseError
from requests import RequestException

from planverk.accounts.providers import Provider

TIMEOUT_SECONDS = 10
LEEWAY_SECONDS = 60  # clock skew allowed on exp and iat
DISCOVERY_PATH = "/.well-known/openid-configuration"
# The claims taken from the userinfo endpoint; sub always comes from the ID token.
PROFILE_CLAIMS = ("name", "given_name", "family_name", "email", "preferred_username")


@dataclass
class SignInFailed(Exception):
    """The provider's answer was refused. *kind* picks the message the user sees."""

    kind: str  # "state", "refused", "token", "unreachable"
    detail: str  # for the log, never shown


@lru_cache(maxsize=32)
def client(provider: Provider) -> DjangoOAuth2App:
    """Authlib's client for *provider*; it keeps the discovery document and the JWKS."""
    app: DjangoOAuth2App = OAuth().register(
        name=provider.name,
        client_id=provider.client_id,
        client_secret=provider.client_secret,
        server_metadata_url=provider.discovery_url,
        client_kwargs={
            "scope": provider.scopes,
            "code_challenge_method": "S256",  # PKCE
            "default_timeout": TIMEOUT_SECONDS,
        },
    )
    return app


def _metadata(provider: Provider) -> dict[str, Any]:
    try:
        metadata: dict[str, Any] = client(provider).load_server_metadata()
    except (RequestException, ValueError) as error:
        raise SignInFailed("unreachable", repr(error)) from error
    # OpenID Connect Discovery 4.3: the issuer is the discovery URL's prefix.
    if metadata.get("issuer", "") + DISCOVERY_PATH != provider.discovery_url:
        raise SignInFailed(
            "unreachable", f"issuer {metadata.get('issuer')!r} does not match"
        )
    return metadata


def start(request: HttpRequest, provider: Provider, redirect_uri: str) -> HttpResponse:
    """The redirect to *provider*'s authorisation endpoint, with state, nonce and PKCE."""
    _metadata(provider)
    try:
        response: HttpResponse = client(provider).authorize_redirect(
            request, redirect_uri
        )
    except RequestException as error:
        raise SignInFailed("unreachable", repr(error)) from error
    return response


def finish(request: HttpRequest, provider: Provider) -> dict[str, Any]:
    """The verified claims of the user *provider* sent back to the callback."""
    metadata = _metadata(provider)
    app = client(provider)
    claims_options = {
        "iss": {"essential": True, "value": metadata["issuer"]},
        "aud": {"essential": True, "value": provider.client_id},
    }
    try:
        token = app.authorize_access_token(
            request, claims_options=claims_options, leeway=LEEWAY_SECONDS
        )
    except MismatchingStateError as error:
        raise SignInFailed("state", repr(error)) from error
    except OAuthError as error:
        raise SignInFailed("refused", repr(error)) from error
    except (JoseError, ValueError) as error:
        raise SignInFailed("token", repr(error)) from error
    except RequestException as error:
        raise SignInFailed("unreachable", repr(error)) from error
    claims = token.get("userinfo")
    if not claims or not isinstance(claims.get("sub"), str) or not claims["sub"]:
        raise SignInFailed("token", "no ID token, or one without a subject")
    return {**_profile(app, metadata, token, claims["sub"]), **claims}


def _profile(
    app: DjangoOAuth2App, metadata: dict[str, Any], token: Any, subject: str
) -> dict[str, Any]:
    """Names and e-mail from the userinfo endpoint: ID-porten and Feide put few claims in the ID token."""
    if not metadata.get("userinfo_endpoint"):
        return {}
    try:
        info = app.userinfo(token=token)
    except (RequestException, ValueError) as error:
        raise SignInFailed("unreachable", repr(error)) from error
    if info.get("sub") != subject:  # OpenID Connect Core 5.3.2
        raise SignInFailed("token", "userinfo is about another subject")
    return {key: info[key] for key in PROFILE_CLAIMS if key in info}
