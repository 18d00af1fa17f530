"""Providers come from PLANVERK_OIDC_* variables; incomplete ones are refused by name."""

from __future__ import annotations

import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from planverk.accounts.providers import Provider, from_environ

IDPORTEN = {
    "PLANVERK_OIDC_PROVIDERS": "idporten, Feide",
    "PLANVERK_OIDC_IDPORTEN_DISCOVERY_URL": "https://idporten.no/.well-known/openid-configuration",
    "PLANVERK_OIDC_IDPORTEN_CLIENT_ID": "planverk",
    "PLANVERK_OIDC_IDPORTEN_CLIENT_SECRET": "s1",
    "PLANVERK_OIDC_FEIDE_DISCOVERY_URL": "https://auth.dataporten.no/.well-known/openid-configuration",
    "PLANVERK_OIDC_FEIDE_CLIENT_ID": "abc",
    "PLANVERK_OIDC_FEIDE_CLIENT_SECRET": "s2",
    "PLANVERK_OIDC_FEIDE_SCOPES": "openid  profile email",
    "PLANVERK_OIDC_FEIDE_LABEL": "Feide (skole)",
}


def test_two_providers_side_by_side() -> None:
    idporten, feide = from_environ(IDPORTEN)
    assert idporten == Provider(
        name="idporten",
        label="ID-porten",
        discovery_url="https://idporten.no/.well-known/openid-configuration",
        client_id="planverk",
        client_secret="s1",
        scopes="openid profile",
    )
    assert (feide.name, feide.label, feide.scopes) == (
        "feide",
        "Feide (skole)",
        "openid profile email",
    )


def test_none_configured_means_password_only() -> None:
    assert from_environ({}) == ()
    assert from_environ({"PLANVERK_OIDC_PROVIDERS": " "}) == ()


@pytest.mark.parametrize(
    "missing",
    [
        "PLANVERK_OIDC_FEIDE_DISCOVERY_URL",
        "PLANVERK_OIDC_FEIDE_CLIENT_ID",
        "PLANVERK_OIDC_FEIDE_CLIENT_SECRET",
    ],
)
def test_a_missing_variable_is_named(missing: str) -> None:
    environ = {k: v for k, v in IDPORTEN.items() if k != missing}
    with pytest.raises(ImproperlyConfigured, match=f"^{missing} is not set"):
        from_environ(environ)


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("PLANVERK_OIDC_PROVIDERS", "idporten,id-porten", "not a provider name"),
        ("PLANVERK_OIDC_PROVIDERS", "idporten,idporten", "named twice"),
        (
            "PLANVERK_OIDC_IDPORTEN_DISCOVERY_URL",
            "http://idporten.no/.well-known/openid-configuration",
            "expected an https URL",
        ),
        ("PLANVERK_OIDC_IDPORTEN_SCOPES", "profile", "must include openid"),
    ],
)
def test_a_wrong_value_is_refused(key: str, value: str, message: str) -> None:
    with pytest.raises(ImproperlyConfigured, match=message):
        from_environ({**IDPORTEN, key: value})


def test_plain_http_is_allowed_on_this_machine_only() -> None:
    url = "http://127.0.0.1:4000/.well-known/openid-configuration"
    environ = {**IDPORTEN, "PLANVERK_OIDC_PROVIDERS": "idporten"}
    environ["PLANVERK_OIDC_IDPORTEN_DISCOVERY_URL"] = url
    assert from_environ(environ)[0].discovery_url == url


def test_the_command_line_reports_it_in_one_line() -> None:
    environ = {"PLANVERK_OIDC_PROVIDERS": "feide", "DEBUG": "true", "PATH": ""}
    run = subprocess.run(
        [sys.executable, "-m", "planverk", "check"],
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 2
    assert run.stderr.strip().splitlines() == [
        "planverk: PLANVERK_OIDC_FEIDE_DISCOVERY_URL is not set (needed for the "
        "provider 'feide' listed in PLANVERK_OIDC_PROVIDERS)"
    ]
