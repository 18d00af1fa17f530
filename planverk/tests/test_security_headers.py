"""Security headers: a strict Content-Security-Policy, no framing or sniffing, HSTS in
production, and `planverk check --deploy` without a single issue.

The policy refuses inline script and style, so templates carry none: no
<script> without src, no on*= or hx-on attributes, no style attributes, no
javascript: URLs. A browser test checks that the pages break no rule of it.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from planverk.reports.views import REPORT_CSP
from planverk.strategies.models import Strategy
from planverk.testing import make_personas, make_strategy
from planverk.tests.test_cli import run_planverk

TEMPLATES = Path(settings.BASE_DIR) / "templates"
# Report downloads carry their own, stricter policy (REPORT_CSP) that allows
# their inline <style>; mail bodies are not HTML pages.
OWN_POLICY = ("reports",)
INLINE = {
    "inline script": re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE),
    "event handler attribute": re.compile(r"\son[a-z]+\s*=", re.IGNORECASE),
    "htmx inline code": re.compile(r"\shx-on[:\w-]*\s*=", re.IGNORECASE),
    "style attribute": re.compile(r"\sstyle\s*=", re.IGNORECASE),
    "style element": re.compile(r"<style[\s>]", re.IGNORECASE),
    "javascript: URL": re.compile(r"javascript:", re.IGNORECASE),
}


def policy(header: str) -> dict[str, list[str]]:
    """A Content-Security-Policy header as directive → sources."""
    directives = (part.split() for part in header.split(";") if part.strip())
    return {name: sources for name, *sources in directives}


@pytest.fixture
def approved(db: None) -> Strategy:
    return make_strategy("approved")


def test_pages_send_a_policy_without_inline_script(
    client: Client, approved: Strategy
) -> None:
    response = client.get(f"/o/{approved.organization.slug}/s/{approved.pk}/")
    csp = policy(response["Content-Security-Policy"])
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["form-action"] == ["'self'"]
    assert csp["base-uri"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert not any("unsafe" in s for sources in csp.values() for s in sources)


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/konto/logg-inn/", "/finnes-ikke/"])
def test_every_response_forbids_sniffing_framing_and_referrers(
    client: Client, path: str
) -> None:
    response = client.get(path)
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_a_report_keeps_its_stricter_policy_also_from_the_cache(
    client: Client, approved: Strategy
) -> None:
    url = f"/o/{approved.organization.slug}/s/{approved.pk}/rapport/strategy.html"
    first, cached = client.get(url), client.get(url)
    assert first["Content-Security-Policy"] == REPORT_CSP
    assert cached["Content-Security-Policy"] == REPORT_CSP
    assert policy(REPORT_CSP)["default-src"] == ["'none'"]


@pytest.mark.django_db
def test_https_requests_get_hsts_in_production(client: Client) -> None:
    assert not settings.DEBUG  # the test settings are the production settings
    response = client.get("/konto/logg-inn/", secure=True)
    assert response["Strict-Transport-Security"] == (
        "max-age=31536000; includeSubDomains; preload"
    )


PRODUCTION_REQUEST = """
import django
django.setup()
from django.test import Client
client = Client(HTTP_HOST="planverk.example.no")
# Choosing the language needs neither the database nor collected static files.
plain = client.get("/i18n/setlang/")
print(plain.status_code, plain["Location"])
secure = client.get("/i18n/setlang/", HTTP_X_FORWARDED_PROTO="https")
for name in ("Strict-Transport-Security", "Content-Security-Policy"):
    print(name + ": " + secure[name])
"""


def test_production_settings_redirect_to_https_and_send_hsts(tmp_path: Path) -> None:
    """planverk.settings as deployed (not the test settings): DEBUG off, behind TLS."""
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DEBUG", "SECURE_SSL_REDIRECT", "DATABASE_URL")
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="planverk.settings",
        SECRET_KEY="p" * 50 + "-production-9Xq!",
        ALLOWED_HOSTS="planverk.example.no",
        PLANVERK_DATA=str(tmp_path),
    )
    result = subprocess.run(
        [sys.executable, "-c", PRODUCTION_REQUEST],
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "301 https://planverk.example.no/i18n/setlang/"
    assert lines[1] == (
        "Strict-Transport-Security: max-age=31536000; includeSubDomains; preload"
    )
    assert "frame-ancestors 'none'" in lines[2]


def test_the_deployment_checks_find_no_issues(tmp_path: Path) -> None:
    """`planverk check --deploy` in production: not one warning, none silenced."""
    result = run_planverk(
        "check",
        "--deploy",
        SECRET_KEY="Zq9-" + "k" * 50,
        ALLOWED_HOSTS="planverk.example.no",
        PLANVERK_DATA=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."
    assert result.stderr == ""


def template_files() -> Iterator[Path]:
    for path in sorted(TEMPLATES.rglob("*.html")):
        if path.relative_to(TEMPLATES).parts[0] not in OWN_POLICY:
            yield path


def test_templates_carry_no_inline_script_or_style() -> None:
    found = [
        f"{path.relative_to(TEMPLATES)}:{text[: m.start()].count(chr(10)) + 1}: {what}"
        for path in template_files()
        for text in [path.read_text()]
        for what, pattern in INLINE.items()
        for m in pattern.finditer(text)
    ]
    assert not found, "the CSP refuses these; move them to static files:\n" + "\n".join(
        found
    )


# In Chromium: the pages, and htmx swapping an editing form in, break no rule.


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("national_agenda")
def test_no_page_breaks_the_policy_in_a_browser(browser: Any, live_server: Any) -> None:
    strategy = make_strategy("draft")
    editor = make_personas(strategy.organization).editor
    client = Client()
    client.force_login(editor)
    context = browser.new_context(locale="en-GB", base_url=live_server.url)
    context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": live_server.url,
            }
        ]
    )
    page = context.new_page()
    refused: list[str] = []
    page.on(
        "console",
        lambda m: (
            refused.append(m.text) if "Content Security Policy" in m.text else None
        ),
    )
    base = f"/o/{strategy.organization.slug}/s/{strategy.pk}/"
    for path in ["/", base, base + "kapittel/1/", base + "handlingsplan/"]:
        page.goto(path)
    page.goto(base + "rediger/")
    goal = strategy.goal_assessments.get(number=2)
    slot = page.locator(f"#goal-{goal.pk}")
    slot.get_by_role("link", name="Change status").click()  # htmx swaps the form in
    page.locator(f"#goal-{goal.pk} form").wait_for()
    # An invalid form answers 422; planverk.js lets htmx show it in place.
    page.locator(f"#goal-{goal.pk}").get_by_label("Achieved", exact=True).check()
    page.locator(f"#goal-{goal.pk}").get_by_role("button", name="Save").click()
    page.locator(f"#goal-{goal.pk} .ds-validation-message").wait_for()
    context.close()
    assert refused == []
