"""Phones in Chromium, 320 and 375 px wide: no page is wider than the screen, the
header keeps the languages in one row, and the status table on the national goals
reads as cards whose labels never break inside a word. Over every public page of
both seeds and of the rich test document, and the pages an editor works on."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import NoReverseMatch, reverse

from conftest import COUNTY_SEED, MUNICIPALITY_SEED
from planverk.importers import parse
from planverk.interchange.load import load
from planverk.organizations.models import Role
from planverk.site.tests.test_public_pages import make
from planverk.strategies.models import (
    ActionItem,
    GoalAssessment,
    Measure,
    PendingImport,
    Strategy,
)
from planverk.strategies.tests.test_accessibility import public_pages
from planverk.testing import make_member

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("national_agenda"),
]

PHONES = (320, 375)

# How wide the page is, and what reaches past the screen (outside a scrolling
# region, which may be wider than the screen: it scrolls within itself).
MEASURE = """() => {
    const width = window.innerWidth;
    const wide = [];
    const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
        + (typeof e.className === 'string' && e.className.trim()
           ? '.' + e.className.trim().split(/\\s+/).join('.') : '');
    const range = document.createRange();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode() && wide.length < 5) {
        const node = walker.currentNode;
        const parent = node.parentElement;
        if (!node.textContent.trim() || parent.closest('[role=region], .ds-sr-only')) continue;
        range.selectNodeContents(node);
        const right = range.getBoundingClientRect().right;
        if (right > width + 0.5) {
            wide.push(`${name(parent)} to ${Math.round(right)} px: `
                      + node.textContent.trim().slice(0, 40));
        }
    }
    for (const e of document.querySelectorAll('body *')) {
        const box = e.getBoundingClientRect();
        if (wide.length < 10 && box.width && box.right > width + 0.5
                && !e.closest('[role=region], .ds-sr-only')) {
            wide.push(`${name(e)} to ${Math.round(box.right)} px`);
        }
    }
    return {width: document.documentElement.scrollWidth, wide: wide};
}"""

# The languages of the header in one row: every button beside the first one, none below it.
LANGUAGE_ROWS = """() => {
    const boxes = [...document.querySelectorAll('.language-switch button')]
        .map(b => b.getBoundingClientRect());
    return boxes.every(b => b.top < boxes[0].bottom && b.bottom > boxes[0].top);
}"""

# Words that a line break cuts inside the cells of *selector*: drawn on two lines.
BROKEN_WORDS = """(selector) => {
    const broken = [];
    const range = document.createRange();
    for (const cell of document.querySelectorAll(selector)) {
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        while (walker.nextNode()) {
            const node = walker.currentNode;
            // A hyphen ends a word: "IKT-systemer" may wrap after "IKT-".
            for (const m of node.textContent.matchAll(/[^\\s\u2010-]+[\u2010-]?/g)) {
                range.setStart(node, m.index);
                range.setEnd(node, m.index + m[0].length);
                const lines = new Set([...range.getClientRects()]
                    .filter(r => r.width > 0).map(r => Math.round(r.top)));
                if (lines.size > 1) broken.push(m[0]);
            }
        }
    }
    return broken;
}"""

# The status table on a phone: each row a card, each value with its column's name
# (data-label, drawn before it), and room for that name's longest word.
STATUS_CARDS = """() => {
    const table = document.querySelector('table.overview');
    if (!table) return null;
    const problems = [];
    const canvas = document.createElement('canvas').getContext('2d');
    const rows = table.querySelectorAll('tbody tr');
    for (const row of rows) {
        const display = getComputedStyle(row).display;
        if (display.startsWith('table')) problems.push('a row is not a card: ' + display);
    }
    for (const cell of table.querySelectorAll('tbody td')) {
        const label = cell.dataset.label || '';
        const before = getComputedStyle(cell, '::before');
        if (!label || before.content !== JSON.stringify(label)) {
            problems.push('a value without its label: ' + cell.outerHTML);
            continue;
        }
        canvas.font = [before.fontStyle, before.fontWeight, before.fontSize,
                       before.fontFamily].join(' ');
        const longest = Math.max(...label.split(/\\s+/).map(w => canvas.measureText(w).width));
        const style = getComputedStyle(cell);
        const box = cell.getBoundingClientRect();
        const start = box.left + parseFloat(style.borderLeftWidth) + parseFloat(style.paddingLeft);
        let room = cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
        if (style.display === 'flex') {  // the name beside the value
            const value = document.createRange();
            value.selectNodeContents(cell);
            room = value.getBoundingClientRect().left - start - parseFloat(style.columnGap || '0');
        }
        if (longest > room + 0.5) {
            problems.push(`"${label}" needs ${Math.ceil(longest)} px, has ${Math.floor(room)}`);
        }
    }
    return {rows: rows.length, problems: problems};
}"""


@dataclass
class Site:
    public: list[str]
    editing: list[str]
    editor: Any
    status: list[str]  # the pages with a status table


def _seed(path: Path, state: str) -> Strategy:
    document = parse(path).document
    document["strategy"]["state"] = state
    return load(document)


def seed_pages(strategy: Strategy) -> list[str]:
    """Every public page of *strategy*: all its chapters and themes, a measure and
    a goal, the pages of the whole strategy, its organisation and two units."""
    org = strategy.organization
    s = strategy.get_absolute_url()
    pages = ["/?q=" + org.name.split()[0], org.get_absolute_url(), s]
    pages += [section.get_absolute_url() for section in strategy.sections.all()]
    pages += [theme.get_absolute_url() for theme in strategy.themes.all()]
    measure = Measure.objects.filter(theme__strategy=strategy).first()
    goal = GoalAssessment.objects.filter(strategy=strategy).first()
    pages += [part.get_absolute_url() for part in (measure, goal) if part]
    pages += [s + p for p in ("handlingsplan/", "vedtak/", "ordliste/", "rapporter/")]
    pages += [s + "sok/?q=" + strategy.title.split()[0]]
    pages += [unit.get_absolute_url() for unit in strategy.units.all()[:2]]
    return pages


def editing_pages(strategy: Strategy, editor: Any, document: Path) -> list[str]:
    """The pages an editor works on, for the draft *strategy*: its editing pages and
    forms, the history of a changed measure and goal, publishing, the upload of
    *document* and its report, the members and the editor's own page."""
    org = strategy.organization.slug
    b = f"/o/{org}/s/{strategy.pk}/"
    measure = Measure.objects.filter(theme__strategy=strategy).order_by("pk").first()
    goal = GoalAssessment.objects.filter(strategy=strategy).order_by("pk").first()
    item = ActionItem.objects.filter(strategy=strategy).order_by("pk").first()
    assert measure is not None and goal is not None
    # A change of each, so that the history pages show their tables.
    measure.description += " Informasjonssikkerhetsarbeidet styrkes."
    measure.save()
    goal.level = "achieved" if goal.level != "achieved" else "partial"
    goal.save()
    client = Client()
    client.force_login(editor)
    upload = SimpleUploadedFile(document.name, document.read_bytes(), "text/plain")
    response = client.post(f"/o/{org}/importer/", {"document": upload})
    assert response.status_code == 302, response.content.decode()[:2000]
    pending = PendingImport.objects.get(organization__slug=org)
    theme = strategy.themes.order_by("pk").first()
    assert theme is not None
    # Editing one theme, and confirming suggested levels, where the site has them.
    optional = [("theme_edit", [theme.number]), ("assessments_confirm", [])]
    return [
        b + "rediger/",
        *[page for name, args in optional if (page := _url(name, strategy, *args))],
        b + f"rediger/tiltak/{measure.pk}/",
        b + f"rediger/mal/{goal.pk}/",
        *([b + f"rediger/handlingsplan/{item.number}/"] if item else []),
        b + f"historikk/tiltak/{measure.pk}/",
        b + f"historikk/mal/{goal.pk}/",
        b + "publisering/",
        f"/o/{org}/importer/",
        f"/o/{org}/importer/{pending.pk}/",
        f"/o/{org}/medlemmer/",
        "/konto/",
    ]


def _url(name: str, strategy: Strategy, *args: Any) -> str | None:
    try:
        slug = strategy.organization.slug
        return reverse(f"strategies:{name}", args=[slug, strategy.pk, *args])
    except NoReverseMatch:
        return None


@pytest.fixture
def site(seed_path: Callable[[str], Path], settings: Any, tmp_path: Path) -> Site:
    settings.MEDIA_ROOT = tmp_path  # uploads land here
    rich = make()
    county = _seed(seed_path(COUNTY_SEED), "approved")
    municipality = _seed(seed_path(MUNICIPALITY_SEED), "approved")
    draft = _seed(seed_path(COUNTY_SEED), "draft")
    editor = make_member("redaktor", draft.organization, Role.EDITOR)
    public = public_pages(rich) + seed_pages(county) + seed_pages(municipality)
    status = [s.get_absolute_url() for s in Strategy.objects.filter(state="approved")]
    return Site(
        public=list(dict.fromkeys(public)),
        editing=editing_pages(draft, editor, seed_path(COUNTY_SEED)),
        editor=editor,
        status=status,
    )


@pytest.fixture
def signed_in(site: Site, live_server: Any) -> Iterator[Callable[[Any, int], Any]]:
    """Opens a page of *width* in a context of its own, signed in as the editor or not."""
    client = Client()
    client.force_login(site.editor)
    cookie = {"name": "sessionid", "value": client.cookies["sessionid"].value}
    contexts: list[Any] = []

    def open_page(browser: Any, width: int, editor: bool = False) -> Any:
        context = browser.new_context(
            locale="nb-NO", viewport={"width": width, "height": 740}
        )
        if editor:
            context.add_cookies([{**cookie, "url": live_server.url}])
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def test_no_page_is_wider_than_a_phone_and_the_status_table_reads_as_cards(
    site: Site, browser: Any, live_server: Any, signed_in: Callable[..., Any]
) -> None:
    too_wide: dict[str, Any] = {}
    unreadable: dict[str, Any] = {}
    cards = 0
    for width in PHONES:
        for editor, urls in ((False, site.public), (True, site.editing)):
            page = signed_in(browser, width, editor)
            for url in urls:
                response = page.goto(live_server.url + url)
                assert response is not None and response.status == 200, url
                measured = page.evaluate(MEASURE)
                if measured["width"] > width:
                    too_wide[f"{width} px {url}"] = measured
                if not page.evaluate(LANGUAGE_ROWS):
                    too_wide[f"{width} px {url}: the languages"] = "more than one row"
                status = page.evaluate(STATUS_CARDS)
                if status is not None:
                    cards += status["rows"]
                    broken = page.evaluate(BROKEN_WORDS, "table.overview th")
                    if status["problems"] or broken:
                        unreadable[f"{width} px {url}"] = [*status["problems"], *broken]
    assert too_wide == {}
    assert unreadable == {}
    assert cards > 2 * 20  # the seeds' tables were seen, row by row, at both widths


def test_the_status_table_headers_never_break_inside_a_word_on_wider_screens(
    site: Site, browser: Any, live_server: Any, signed_in: Callable[..., Any]
) -> None:
    for width in (1280, 800):  # beside the strategy's navigation; alone, scrolling
        page = signed_in(browser, width)
        for url in site.status:
            page.goto(live_server.url + url)
            headers = page.locator("table.overview thead th")
            assert headers.count() == 8, url  # the area, six levels, the total
            assert page.evaluate(BROKEN_WORDS, "table.overview thead th") == [], url
            assert page.evaluate(MEASURE)["width"] <= width, url
