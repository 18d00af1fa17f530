"""Errors: logged with a request id, shown on Planverk's own pages, also in the demo.

Besides: each request's id (X-Request-ID) and Cache-Control: private for
whoever is signed in.
"""

from __future__ import annotations

import io
import logging
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory, override_settings
from django.utils import translation

from planverk.middleware import RequestIdFilter, RequestIdMiddleware, current_request_id
from planverk.sample.management.commands import demo
from planverk.testing import make_personas, make_strategy
from planverk.tests.error_urls import FAILURE
from planverk.tests.test_cli import run_planverk

ERROR_URLS = "planverk.tests.error_urls"
NEW_ID = re.compile(r"[0-9a-f]{32}")
# Django's technical 404 (DEBUG on) lists the URL patterns it tried.
TECHNICAL = ("URLconf", "URL patterns", "sitemap.xml", "DEBUG = True")


def translated(language: str, message: str) -> str:
    with translation.override(language):
        return translation.gettext(message)


def client_in(language: str) -> Client:
    """A reader's browser: bokmål by default, English by the site's language
    switch (its cookie), nynorsk and Lithuanian by the browser's Accept-Language."""
    if language == "en":
        client = Client(raise_request_exception=False)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        return client
    if language in ("nn", "lt"):
        return Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE=language)
    return Client(raise_request_exception=False)


def assert_planverk_page(page: str, language: str, heading: str) -> None:
    assert f'<html lang="{language}"' in page
    assert 'class="site-header"' in page and "css/planverk.css" in page
    assert f">{translated(language, heading)}</h1>" in page
    assert not [text for text in TECHNICAL if text in page]


@pytest.fixture
def server_log() -> Iterator[io.StringIO]:
    """What the configured stderr handler (settings.LOGGING) writes."""
    handler = next(
        h
        for h in logging.getLogger().handlers
        if isinstance(h, logging.StreamHandler)
        and any(isinstance(f, RequestIdFilter) for f in h.filters)
    )
    log = io.StringIO()
    stderr = handler.setStream(log)
    yield log
    handler.setStream(stderr)


# No database: the 500 page must not need it (pytest-django would refuse it).
@override_settings(DEBUG=False, ROOT_URLCONF=ERROR_URLS)
def test_a_server_error_is_logged_with_its_traceback_and_request_id(
    server_log: io.StringIO,
) -> None:
    response = client_in("nb").get("/test/feil/")
    assert response.status_code == 500
    request_id = response["X-Request-ID"]
    assert NEW_ID.fullmatch(request_id)
    log = server_log.getvalue()
    assert (
        f"ERROR django.request [{request_id}] Internal Server Error: /test/feil/" in log
    )
    assert "Traceback (most recent call last)" in log and FAILURE in log
    page = response.content.decode()
    assert_planverk_page(page, "nb", "Something went wrong")
    assert f"<code>{request_id}</code>" in page
    assert FAILURE not in page


@override_settings(DEBUG=False, ROOT_URLCONF=ERROR_URLS)
def test_the_500_page_needs_no_collected_static_files(tmp_path: Path) -> None:
    manifest = "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
    storages = {**settings.STORAGES, "staticfiles": {"BACKEND": manifest}}
    with override_settings(STORAGES=storages, STATIC_ROOT=tmp_path):  # no manifest
        response = client_in("nb").get("/test/feil/")
    assert response.status_code == 500
    assert_planverk_page(response.content.decode(), "nb", "Something went wrong")


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["nb", "nn", "en", "lt"])
@pytest.mark.parametrize("path", ["/finnes-ikke/", "/o/finnes-ikke/"])
@override_settings(DEBUG=False)
def test_a_missing_page_is_planverks_own_in_the_readers_language(
    language: str, path: str
) -> None:
    response = client_in(language).get(path)  # no such URL; no such organisation
    assert response.status_code == 404
    assert_planverk_page(response.content.decode(), language, "Page not found")


@pytest.mark.parametrize("language", ["nb", "nn", "en", "lt"])
@override_settings(DEBUG=False, ROOT_URLCONF=ERROR_URLS)
def test_a_refusal_is_planverks_own_page_in_the_readers_language(
    language: str,
) -> None:
    response = client_in(language).get("/test/forbudt/")
    assert response.status_code == 403
    page = response.content.decode()
    assert_planverk_page(page, language, "No access")
    assert "edit is not allowed" not in page  # the exception is for the log


@override_settings(DEBUG=False)
def test_a_bad_request_is_planverks_own_page() -> None:
    response = client_in("en").get("/", HTTP_HOST="planverk.example.invalid")
    assert response.status_code == 400
    assert_planverk_page(response.content.decode(), "en", "Bad request")


DEMO_REQUESTS = """
from django.test import Client
browser = Client(HTTP_HOST="127.0.0.1")
missing = browser.get("/finnes-ikke/")
print(missing.status_code, browser.get("/static/css/planverk.css").status_code)
print(missing.content.decode())
"""


def test_the_demo_server_shows_planverks_own_404(tmp_path: Path) -> None:
    # As `planverk demo` runs gunicorn: the demo verb's DEBUG=true, its settings.
    result = run_planverk(
        "shell",
        "--no-imports",
        "--command",
        DEMO_REQUESTS,
        DEBUG="true",
        DJANGO_SETTINGS_MODULE=demo.DEMO_SETTINGS,
        PLANVERK_DATA=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    statuses, page = result.stdout.split("\n", 1)
    assert statuses == "404 200"  # static files are still served
    assert_planverk_page(page, "nb", "Page not found")


@pytest.mark.django_db
def test_the_demo_serves_with_its_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    make_strategy("approved")  # an organisation: the demo generates none
    calls: list[tuple[str, str | None]] = []

    def record(name: str, *args: Any, **options: Any) -> None:
        calls.append((name, os.environ.get("DJANGO_SETTINGS_MODULE")))

    monkeypatch.setattr(demo, "call_command", record)
    monkeypatch.setenv("DJANGO_SETTINGS_MODULE", settings.SETTINGS_MODULE)
    call_command("demo", stdout=io.StringIO())
    assert calls[-1] == ("serve", "planverk.demo_settings")


@pytest.mark.parametrize("given", ["abc-123", "A" * 64, "0F3E-9bd2"])
def test_a_sane_request_id_is_kept(given: str) -> None:
    seen: dict[str, str] = {}

    def view(request: HttpRequest) -> HttpResponse:
        seen["request"] = request.request_id  # type: ignore[attr-defined]
        seen["log"] = current_request_id.get()
        return HttpResponse()

    request = RequestFactory().get("/", HTTP_X_REQUEST_ID=given)
    response = RequestIdMiddleware(view)(request)
    assert response["X-Request-ID"] == seen["request"] == seen["log"] == given
    assert current_request_id.get() == ""  # the next request starts without


@pytest.mark.parametrize(
    "given", ["", "a" * 65, "abc def", "abc_def", "<script>", "id\r\nX-Evil: 1", "æøå"]
)
def test_any_other_request_id_is_replaced_by_a_new_one(given: str) -> None:
    response = Client(HTTP_X_REQUEST_ID=given).get("/finnes-ikke/")
    assert NEW_ID.fullmatch(response["X-Request-ID"])


def test_the_request_id_is_given_right_after_the_security_middleware() -> None:
    security = settings.MIDDLEWARE.index(
        "django.middleware.security.SecurityMiddleware"
    )
    assert (
        settings.MIDDLEWARE[security + 1] == "planverk.middleware.RequestIdMiddleware"
    )
    response = Client(HTTP_X_REQUEST_ID="proxy-given-1").get("/finnes-ikke/")
    assert response["X-Request-ID"] == "proxy-given-1"


@pytest.mark.django_db
def test_signed_in_responses_are_private_and_anonymous_ones_are_not() -> None:
    strategy = make_strategy("approved")
    urls = ["/", f"/o/{strategy.organization.slug}/s/{strategy.pk}/"]
    anonymous = Client()
    signed_in = Client()
    signed_in.force_login(make_personas(strategy.organization).reader)
    for url in urls:
        assert "private" not in anonymous.get(url).get("Cache-Control", ""), url
        response = signed_in.get(url)
        assert response.status_code == 200, url
        assert "private" in response["Cache-Control"], url
