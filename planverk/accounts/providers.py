"""OpenID Connect providers (ID-porten, Feide, …) read from the environment.

``PLANVERK_OIDC_PROVIDERS=idporten,feide`` names them; each then needs
``PLANVERK_OIDC_<NAME>_DISCOVERY_URL``, ``…_CLIENT_ID`` and ``…_CLIENT_SECRET``,
and may set ``…_SCOPES`` (default "openid profile") and ``…_LABEL`` (the text on
the login button). Settings import this module, so it stays free of Django
models and of Authlib.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

DEFAULT_SCOPES = "openid profile"
KNOWN_LABELS = {"idporten": "ID-porten", "feide": "Feide"}
NAME = re.compile(r"^[a-z][a-z0-9]{0,29}$")
# Plain http is only for a provider on this machine (the tests' provider).
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


@dataclass(frozen=True)
class Provider:
    """One OpenID Connect provider: where to discover it and how we are registered there."""

    name: str  # in URLs and session keys: /konto/oidc/<name>/
    label: str
    discovery_url: str
    client_id: str
    client_secret: str
    scopes: str = DEFAULT_SCOPES


def from_environ(environ: Mapping[str, str]) -> tuple[Provider, ...]:
    """The providers configured in *environ*; ImproperlyConfigured names what is wrong."""
    listed = environ.get("PLANVERK_OIDC_PROVIDERS", "")
    names = [n.strip().lower() for n in listed.split(",") if n.strip()]
    if len(set(names)) != len(names):
        raise ImproperlyConfigured(
            f"PLANVERK_OIDC_PROVIDERS={listed!r}: a provider is named twice"
        )
    return tuple(_provider(name, environ) for name in names)


def _provider(name: str, environ: Mapping[str, str]) -> Provider:
    if not NAME.match(name):
        raise ImproperlyConfigured(
            f"PLANVERK_OIDC_PROVIDERS: {name!r} is not a provider name "
            "(a letter, then letters or digits, e.g. idporten)"
        )
    prefix = f"PLANVERK_OIDC_{name.upper()}_"

    def required(key: str) -> str:
        value = environ.get(prefix + key, "").strip()
        if not value:
            raise ImproperlyConfigured(
                f"{prefix}{key} is not set (needed for the provider {name!r} "
                "listed in PLANVERK_OIDC_PROVIDERS)"
            )
        return value

    provider = Provider(
        name=name,
        label=environ.get(prefix + "LABEL", "").strip() or KNOWN_LABELS.get(name, name),
        discovery_url=required("DISCOVERY_URL"),
        client_id=required("CLIENT_ID"),
        client_secret=required("CLIENT_SECRET"),
        scopes=" ".join(environ.get(prefix + "SCOPES", "").split()) or DEFAULT_SCOPES,
    )
    _check(provider, prefix)
    return provider


def _check(provider: Provider, prefix: str) -> None:
    url = urlsplit(provider.discovery_url)
    if url.scheme != "https" and not (
        url.scheme == "http" and url.hostname in LOOPBACK
    ):
        raise ImproperlyConfigured(
            f"{prefix}DISCOVERY_URL={provider.discovery_url!r}: expected an https URL "
            "(e.g. https://idporten.no/.well-known/openid-configuration)"
        )
    if "openid" not in provider.scopes.split():
        raise ImproperlyConfigured(
            f"{prefix}SCOPES={provider.scopes!r}: must include openid"
        )
