"""The HTML reports: complete, accessible documents in the strategy's language."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag
from django.utils.translation import gettext as _

from planverk.lib.markdown import render_markdown
from planverk.reports.kinds.budget import budget_report
from planverk.reports.kinds.changes import changes_between_versions
from planverk.reports.kinds.progress import progress_report
from planverk.reports.kinds.strategy import strategy_report
from planverk.reports.writers.html import to_html
from planverk.strategies.language import in_language
from planverk.strategies.models import ActionItem, GoalAssessment, Measure, Strategy
from planverk.strategies.tests.versions_setup import next_version

NBSP = "\u00a0"


def strategy_html(strategy: Strategy, *, include_exempt: bool = False) -> str:
    with in_language(strategy):
        return to_html(strategy_report(strategy, include_exempt=include_exempt))


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def text(node: Tag | None) -> str:
    """The text of *node*, ordinary white space collapsed; no-break spaces kept."""
    assert node is not None
    return re.sub(r"[ \t\r\n]+", " ", node.get_text(" ")).strip()


def heading_levels(doc: BeautifulSoup) -> list[int]:
    return [int(h.name[1]) for h in doc.find_all(re.compile(r"^h[1-6]$"))]


def assert_well_formed(doc: BeautifulSoup) -> None:
    """One h1 first, no heading level skipped, unique ids, tables labelled."""
    levels = heading_levels(doc)
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), levels
    ids = [e["id"] for e in doc.find_all(id=True)]
    assert len(ids) == len(set(ids))
    for table in doc.find_all("table"):
        assert table.caption is not None and text(table.caption)
        assert all(th.get("scope") in ("col", "row") for th in table.find_all("th"))
    # Self-contained: nothing fetched, nothing run.
    assert not doc.find_all(["script", "link", "img", "iframe", "object"])
    assert not doc.find_all(src=True)


# --- Markdown ----------------------------------------------------------------


@pytest.mark.parametrize(
    "source",
    [
        "<script>alert(1)</script>",
        "[klikk](javascript:alert(1))",
        "[klikk](JaVaScRiPt:alert(1))",
        '<a href="#" onclick="alert(1)">x</a>',
        '<img src="x" onerror="alert(1)">',
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
    ],
)
def test_markdown_never_lets_script_through(source: str) -> None:
    doc = soup(str(render_markdown(f"Tekst {source} mer tekst")))
    assert not doc.find_all(["script", "img"])
    for element in doc.find_all(True):
        assert not any(name.startswith("on") for name in element.attrs)
        assert not element.get("href", "").lower().startswith(("javascript:", "data:"))


def test_markdown_keeps_what_a_strategy_writes() -> None:
    html = str(
        render_markdown("Et **viktig** mål:\n\n- én\n- to\n\n[KS](https://www.ks.no)")
    )
    assert "<strong>viktig</strong>" in html and "<li>én</li>" in html
    assert '<a href="https://www.ks.no" rel="noopener noreferrer">KS</a>' in html


def test_markdown_headings_start_at_top_and_never_skip_a_level() -> None:
    html = str(render_markdown("### 1.1 A\n\n# B\n\n#### 1.1.1 C\n\n##### D", top=3))
    assert heading_levels(soup(html)) == [3, 3, 4, 5]


# --- the strategy report ---------------------------------------------------------


@pytest.mark.django_db
def test_the_county_strategy_is_a_complete_accessible_document(
    county: Strategy,
) -> None:
    doc = soup(strategy_html(county))
    assert doc.html is not None and doc.html["lang"] == "nb"
    assert text(doc.h1) == "IKT-strategi 2010 - 2013"
    assert doc.title is not None and "Sør-Trøndelag fylkeskommune" in doc.title.text
    assert_well_formed(doc)
    headings = [text(h) for h in doc.find_all(["h2", "h3"])]
    assert "3 Lokaldemokrati og deltakelse i informasjonssamfunnet" in headings
    assert "13 Åpne standarder" in headings and "Ordliste" in headings


@pytest.mark.django_db
def test_the_table_of_contents_links_resolve(county: Strategy) -> None:
    doc = soup(strategy_html(county))
    nav = doc.find("nav")
    assert isinstance(nav, Tag)
    links = [a["href"] for a in nav.find_all("a")]
    assert len(links) > 20
    for href in links:
        assert href.startswith("#") and doc.find(id=href[1:]) is not None, href


@pytest.mark.django_db
def test_themes_carry_their_goals_with_levels_in_words_and_their_measures(
    county: Strategy,
) -> None:
    doc = soup(strategy_html(county))
    theme = next(
        s
        for s in doc.find_all("section")
        if s.h2 and text(s.h2) == "4 Tjenester på nett"
    )
    goals, measures = theme.find_all("table")
    first = goals.tbody.tr
    assert [text(c) for c in first.find_all(["th", "td"])][:4] == [
        "Nasjonalt mål 2.1",
        "I løpet av 2009 skal kommuner og fylkeskommuner kunne tilby elektroniske "
        "tjenester til innbyggerne gjennom Minside.",
        "2009",
        "Ikke oppnådd (ikke bekreftet)",
    ]
    row = measures.tbody.tr
    assert text(row.th) == "4.1"
    assert [text(li) for li in row.find_all("li")] == [
        "forbedringspotensiale",
        "kost-nytte",
        "omdømme",
    ]
    assert "2010–2013, 2010" in text(row) and "IKT-tjenesten" in text(row)


@pytest.mark.django_db
def test_chapters_are_rendered_from_markdown_below_their_heading(
    county: Strategy,
) -> None:
    doc = soup(strategy_html(county))
    chapter = next(
        s for s in doc.find_all("section") if s.h2 and text(s.h2) == "1 Innledning"
    )
    assert [text(h) for h in chapter.find_all("h3")][:2] == [
        "1.1 Visjon for Sør-Trøndelag fylkeskommune",
        "Fylkeskommunens målsetting",
    ]
    assert "Brukerorientert kompetanseutvikling" in [
        text(li) for li in chapter.find_all("li")
    ]


@pytest.mark.django_db
def test_themes_numbered_under_a_chapter_follow_it_one_level_down(
    municipality: Strategy,
) -> None:
    doc = soup(strategy_html(municipality))
    chapter = next(
        s for s in doc.find_all("section") if s.h2 and text(s.h2).startswith("2 ")
    )
    assert [text(h) for h in chapter.find_all(["h3", "h4"])][:3] == [
        "2.1 IKT saugumas",
        "2.1.1 Techninės saugumo priemonės",
        "2.1.2 Informacijos saugumas",
    ]
    nav = doc.find("nav")
    assert nav is not None
    nested = [text(a) for a in nav.select("ol ol a")]
    assert nested[0] == "2.1 IKT saugumas" and len(nested) == 9
    assert [text(h) for h in doc.find_all("h2")].index("3 IKT kompetencija") > 0


@pytest.mark.django_db
def test_the_levels_chart_is_inlined_with_its_figures_as_a_table(
    county: Strategy,
) -> None:
    doc = soup(strategy_html(county))
    status = doc.find(id="status")
    assert isinstance(status, Tag)
    svg = status.find("svg")
    assert svg is not None and svg["role"] == "img"
    assert svg.find("title") is not None and "Tjenester på nett" in text(
        svg.find("desc")
    )
    total = status.find("tfoot")
    assert total is not None and text(total).endswith(" 45")


@pytest.mark.django_db
def test_the_municipality_budget_shows_amounts_and_a_difference_in_words(
    municipality: Strategy,
) -> None:
    doc = soup(strategy_html(municipality))
    assert doc.html is not None and doc.html["lang"] == "lt"
    assert_well_formed(doc)
    budget = doc.find(id="budget")
    assert isinstance(budget, Tag)
    periods = budget.find("table", class_="periods")
    rows = {
        text(r.th): [text(c) for c in r.find_all("td")]
        for r in periods.tbody.find_all("tr")
    }
    assert rows["2010"][0] == f"1{NBSP}800{NBSP}000{NBSP}kr"
    differs = budget.find("table", class_="totals").find("tr", class_="differs")
    cells = text(differs)
    assert f"10{NBSP}000{NBSP}000" in cells and f"9{NBSP}100{NBSP}000" in cells
    assert f"900{NBSP}000" in cells
    notice = text(budget.find(class_="notice"))
    assert "10 000 000" in notice.replace(NBSP, " ") and "9 100 000" in notice.replace(
        NBSP, " "
    )
    for cell in periods.find_all("td"):
        assert "num" in cell["class"]


@pytest.mark.django_db
def test_exempt_parts_are_withheld_unless_asked_for(rich: Strategy) -> None:
    exempt = [
        "Rådmannens ledergruppe",
        "Et mål som ikke står i den nasjonale agendaen.",
        "Intranett",
        "Velferdsteknologi",
    ]
    public = strategy_html(rich)
    for part in exempt:
        assert part not in public
    # Each in its place says that it is withheld, and on which basis.
    (row,) = [th.parent for th in soup(public).find_all("th") if text(th) == "21.1"]
    assert "offl. § 24 tredje ledd" in text(row)
    for basis in ("offl. § 14", "offl. § 23"):
        assert basis in public
    internal = strategy_html(rich, include_exempt=True)
    for part in exempt:
        assert part in internal
    assert "21.1" in [text(th) for th in soup(internal).find_all("th")]


# --- the other reports -------------------------------------------------------------


@pytest.mark.django_db
def test_the_progress_report_lists_every_goal_by_area(municipality: Strategy) -> None:
    with in_language(municipality):
        doc = soup(to_html(progress_report(municipality, include_exempt=False)))
    assert_well_formed(doc)
    areas = [text(h) for h in doc.find_all("h2")][1:]
    assert areas[0] == "Vietos demokratija ir dalyvavimas informacinėje visuomenėje"
    rows = doc.select("table.goals tbody tr")
    assert len(rows) == GoalAssessment.objects.filter(strategy=municipality).count()
    assert doc.find("svg") is not None
    levels = {text(span) for span in doc.select("table.goals .level")}
    assert levels & {"Pasiekta", "Vykdoma", "Pasiekta (nepatvirtinta)"}


@pytest.mark.django_db
def test_the_budget_report_has_totals_periods_items_and_chart(
    municipality: Strategy,
) -> None:
    with in_language(municipality):
        doc = soup(to_html(budget_report(municipality, include_exempt=False)))
    assert_well_formed(doc)
    assert doc.find("table", class_="totals") is not None
    assert len(doc.select("table.items tbody tr")) == 21
    assert doc.find("svg") is not None


@pytest.mark.django_db
def test_the_changes_report_gives_each_goal_before_after_and_direction(
    rich: Strategy,
) -> None:
    newer = next_version(rich)  # the same goals (by key) and levels
    goal = newer.goal_assessments.filter(exempt=False, level="achieved").first()
    goal.level = "not_achieved"
    goal.save()
    with in_language(rich):
        report = changes_between_versions(rich, newer, include_exempt=False)
        doc = soup(to_html(report))
        moved_down = _("Moved down")
    assert_well_formed(doc)
    rows = doc.select("table.changes tbody tr")
    assert len(rows) == len(report.changes) == report.count("same") + 1
    cells = {text(r.td): [text(td) for td in r.find_all("td")] for r in rows}
    assert cells[goal.goal_text][1:] == ["Oppnådd", "Ikke oppnådd", moved_down]
    assert doc.find("svg") is not None


@pytest.mark.django_db
def test_the_changes_report_has_every_parts_changes_from_the_comparison(
    rich: Strategy,
) -> None:
    newer = next_version(rich)
    measures = Measure.objects.filter(theme__strategy=newer)
    measures.filter(number="3.1").update(objective="Åpne digitale møter for alle.")
    measures.filter(number="21.1").update(description="Sensorer i alle rom")  # exempt
    ActionItem.objects.filter(strategy=newer, number="2").update(amount_nok=800_000)
    with in_language(rich):
        report = changes_between_versions(rich, newer, include_exempt=False)
        doc = soup(to_html(report))
    assert_well_formed(doc)
    assert report.parts is not None
    assert text(doc.find(id="parts").find_next("p")) == report.parts.summary
    rows = {text(r.th): r for r in doc.select("table.part-changes tbody tr")}
    assert "Mål: Åpne møter for alle. → Åpne digitale møter for alle." in text(
        rows["Tiltak 3.1"]
    )
    assert set(rows) == {"Tiltak 3.1", "Handlingsplanpost 2"}
    total = doc.select_one("table.budget-changes tfoot tr")
    assert f"+400{NBSP}000" in text(total)
    assert "Sensorer" not in str(doc)


# --- axe -------------------------------------------------------------------------------


@pytest.fixture
def both_seeds_html(county: Strategy, municipality: Strategy) -> dict[str, str]:
    return {s.language: strategy_html(s) for s in (county, municipality)}


# Transactional like the other browser tests: on PostgreSQL, a test in a rolled-back
# transaction that starts Playwright leaves a session behind, and the test database
# cannot be dropped at the end.
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("national_agenda")
def test_the_strategy_reports_pass_axe(
    both_seeds_html: dict[str, str],
    page: Any,
    axe: Callable[[Any], list[dict[str, Any]]],
) -> None:
    found = {}
    for language, html in both_seeds_html.items():
        page.set_content(html)
        found[language] = axe(page)
    assert found == {"nb": [], "lt": []}
