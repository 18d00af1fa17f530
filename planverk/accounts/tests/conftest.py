"""Sign-in test fixtures: a Python provider whose tokens tests choose, and two
instances of npm's oidc-provider (an "ID-porten" and a "Feide") for the browser."""

from __future__ import annotations

import os
import socket
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client

from planverk.accounts.providers import Provider
from planverk.accounts.tests.fake_idp import FakeIdP

REPOSITORY = Path(__file__).resolve().parents[3]
PROVIDER_SCRIPT = Path(__file__).with_name("oidc_provider.mjs")
NODE = os.environ.get("NODE", "/usr/bin/node")


@pytest.fixture(scope="session")
def fake_idp() -> Iterator[FakeIdP]:
    idp = FakeIdP()
    yield idp
    idp.close()


@pytest.fixture
def with_fake_idp(fake_idp: FakeIdP, settings: Any) -> FakeIdP:
    """The fake provider is the one configured, as "fake"."""
    settings.PLANVERK_OIDC_PROVIDERS = (fake_idp.provider(),)
    return fake_idp


@pytest.fixture
def sign_in_via(with_fake_idp: FakeIdP) -> Callable[..., Any]:
    """Sign in through the fake provider with the test client; returns the callback's response.

    ``fault`` picks what the provider gets wrong; ``state`` replaces the state
    the callback carries back; ``claims`` go into the userinfo answer.
    """

    def sign_in(
        client: Client,
        subject: str,
        *,
        fault: str | None = None,
        state: str | None = None,
        next_url: str = "/konto/",
        **claims: Any,
    ) -> Any:
        start = client.get("/konto/oidc/fake/", {"next": next_url})
        assert start.status_code == 302, start.content
        authorize = start["Location"]
        code = with_fake_idp.grant(authorize, subject=subject, fault=fault, **claims)
        returned = state or parse_qs(urlsplit(authorize).query)["state"][0]
        callback = "/konto/oidc/fake/tilbake/"
        return client.get(callback, {"code": code, "state": returned})

    return sign_in


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _wait_for(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    for _ in range(150):
        if process.poll() is not None:
            break
        try:
            urllib.request.urlopen(url, timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    process.kill()
    raise RuntimeError(f"oidc-provider did not start:\n{log.read_text()}")


@pytest.fixture(scope="session")
def node_providers(live_server: Any) -> Iterator[dict[str, Provider]]:
    """Two oidc-provider instances, each its own issuer: "idporten" and "feide"."""
    started: list[tuple[subprocess.Popen[bytes], Provider, Path]] = []
    logs = Path(tempfile.mkdtemp(prefix="planverk-op-"))
    for name, label in (("idporten", "ID-porten"), ("feide", "Feide")):
        port = _free_port()
        provider = Provider(
            name=name,
            label=label,
            discovery_url=f"http://127.0.0.1:{port}/.well-known/openid-configuration",
            client_id=f"planverk-{name}",
            client_secret=f"test-secret-{name}-{port}",
            scopes="openid profile email",
        )
        env = dict(
            os.environ,
            OP_PORT=str(port),
            OP_CLIENT_ID=provider.client_id,
            OP_CLIENT_SECRET=provider.client_secret,
            OP_REDIRECT_URI=f"{live_server.url}/konto/oidc/{name}/tilbake/",
        )
        log = logs / f"{name}.log"
        with log.open("wb") as out:
            process = subprocess.Popen(
                [NODE, str(PROVIDER_SCRIPT)],
                cwd=REPOSITORY,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        started.append((process, provider, log))
    try:
        for process, provider, log in started:
            _wait_for(provider.discovery_url, process, log)
        yield {provider.name: provider for _, provider, _ in started}
    finally:
        for process, _, _ in started:
            process.terminate()
            process.wait(5)
