"""Fixtures shared by every test package."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

# The two real strategies live beside the repository, not in it.
SEEDS_DIR = Path(__file__).resolve().parent.parent / "shared" / "seeds"
COUNTY_SEED = "stfk-ikt-strategi-2010-2013.nb.txt"
MUNICIPALITY_SEED = "sorum-ikt-strategi-2010-2013.lt.txt"


@pytest.fixture
def seed_path() -> Callable[[str], Path]:
    """Path of a seed document; skips the test, saying why, where ../shared is absent."""

    def find(name: str) -> Path:
        path = SEEDS_DIR / name
        if not path.is_file():
            pytest.skip(f"seed document {path} is not here (../shared/seeds is absent)")
        return path

    return find


# Debian's chromium, driven by Playwright; it cannot download a browser of its own here.
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # Without these, chromium keeps calling home, and this closed network refuses it.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_JS = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    # Playwright's sync API runs an event loop in this thread; the ORM calls the
    # tests make around it are still synchronous and safe.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="nb-NO")
    yield context.new_page()
    context.close()


@pytest.fixture
def axe() -> Callable[[Page], list[dict[str, Any]]]:
    """Run axe-core in *page* at WCAG 2.1 AA; returns the violations (id, impact, nodes)."""

    def run(page: Page) -> list[dict[str, Any]]:
        # Evaluated through the browser's DevTools protocol, which the page's
        # Content-Security-Policy does not govern: a <script> tag it would refuse.
        page.evaluate(AXE_JS.read_text())
        result: list[dict[str, Any]] = page.evaluate(
            """async () => {
                const r = await axe.run(document, {runOnly: {type: 'tag',
                    values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}});
                return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                    nodes: v.nodes.map(n => n.target.join(' '))}));
            }"""
        )
        return result

    return run


@pytest.fixture(autouse=True)
def _empty_cache() -> Iterator[None]:
    """Each test starts with an empty cache: cached page bodies must not leak between tests."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture
def national_agenda(transactional_db: None) -> None:
    """The shipped national agenda, which a migration loads but a transactional test's flush removes."""
    from planverk.format.agendas import read_framework
    from planverk.frameworks.loading import load_framework

    load_framework(read_framework("ekommune-2012"))
