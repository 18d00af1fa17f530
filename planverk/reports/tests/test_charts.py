"""Charts: labelled SVG that parses, PNG that is an image, words for what they show."""

from __future__ import annotations

import datetime as dt
import io
import xml.etree.ElementTree as ET
from collections.abc import Iterator

import pytest
from django.utils import translation
from django.utils.translation import gettext as _
from PIL import Image

from planverk.reports.charts import (
    Chart,
    budget_chart,
    changes_chart,
    levels_chart,
)
from planverk.reports.content import (
    AreaGoals,
    Budget,
    Front,
    Goal,
    Item,
    PeriodRow,
    Total,
)
from planverk.reports.kinds import chart_for
from planverk.reports.kinds.budget import BudgetReport
from planverk.reports.kinds.changes import Change, ChangesReport
from planverk.reports.kinds.progress import ProgressReport
from planverk.reports.kinds.strategy import StrategyReport

SVG = "{http://www.w3.org/2000/svg}"
NBSP = "\u00a0"


@pytest.fixture(autouse=True)
def bokmal() -> Iterator[None]:
    with translation.override("nb"):
        yield


def goal(area: str, level: str, number: int = 1) -> Goal:
    return Goal(area, number, "Et mål", 2011, level, "", False, "", "", "")


AREAS = [
    AreaGoals(
        "Tjenester på nett",
        [goal("Tjenester på nett", "achieved"), goal("Tjenester på nett", "unknown")],
    ),
    AreaGoals(
        "Lokaldemokrati og deltakelse i informasjonssamfunnet",
        [goal("Lokaldemokrati og deltakelse i informasjonssamfunnet", "partial")],
    ),
]
BUDGET = Budget(
    items=[
        Item("1", "Helsenett", [], "operating", "Drift", 2010, 2010, 1_800_000, "", "")
    ],
    totals=[Total("investment", "Investering", 2010, 2013, 10_000_000, 9_100_000)],
    periods=[
        PeriodRow("2010", [1_800_000, 0]),
        PeriodRow("2010–2013", [0, 9_100_000]),
    ],
)
FRONT = Front(
    "Fjordvik kommune",
    "IKT-strategi",
    "nb",
    "2010–2013",
    "",
    "",
    "",
    dt.date(2026, 1, 1),
)


def changes() -> ChangesReport:
    rows = [
        Change("A", 1, "a", "not_achieved", "", "achieved", ""),
        Change("A", 2, "b", "achieved", "", "partial", ""),
        Change("A", 3, "c", "unknown", "", "unknown", ""),
        Change("A", 4, "d", "unknown", "", "achieved", ""),
        Change("A", 5, "e", None, "", "achieved", ""),
    ]
    return ChangesReport(FRONT, "2024-01-01", "2025-01-01", rows)


def parsed(chart: Chart) -> ET.Element:
    return ET.fromstring(chart.svg)


def test_the_svg_parses_and_starts_with_its_title_and_description() -> None:
    chart = levels_chart(AREAS)
    root = parsed(chart)
    assert root.tag == f"{SVG}svg"
    assert [child.tag for child in root[:2]] == [f"{SVG}title", f"{SVG}desc"]
    assert root.get("role") == "img"
    ids = {e.get("id") for e in root.iter() if e.get("id")}
    assert set(root.get("aria-labelledby", "").split()) <= ids
    assert root[0].text == "Antall mål per område og nivå"
    assert not chart.svg.startswith("<?xml") and "<!DOCTYPE" not in chart.svg


def test_the_description_says_in_words_what_the_chart_shows() -> None:
    desc = parsed(levels_chart(AREAS))[1].text or ""
    assert "Tjenester på nett: Oppnådd 1, Ukjent 1." in desc
    assert (
        "Lokaldemokrati og deltakelse i informasjonssamfunnet: Delvis oppnådd 1."
        in desc
    )


def test_the_legend_names_every_level_in_the_active_language() -> None:
    text = " ".join(
        t.text or "" for t in parsed(levels_chart(AREAS)).iter(f"{SVG}text")
    )
    for level in ("Oppnådd", "Delvis oppnådd", "Under arbeid", "Ikke oppnådd"):
        assert level in text
    assert "Ikke relevant" in text and "Ukjent" in text


def test_amounts_are_written_norwegian_style() -> None:
    chart = budget_chart(BUDGET)
    texts = [t.text or "" for t in parsed(chart).iter(f"{SVG}text")]
    # Each amount on its segment, with the category's name: never colour alone.
    assert f"Drift 1{NBSP}800{NBSP}000" in texts
    assert f"Investering 9{NBSP}100{NBSP}000" in texts
    assert f"2010–2013: Drift 0, Investering 9{NBSP}100{NBSP}000." in chart.description


def test_the_changes_chart_counts_each_direction() -> None:
    chart = changes_chart(changes())
    labels = ["Moved up", "Moved down", "Unchanged", "Changed (not comparable)"]
    counted = "; ".join(f"{_(label)}: 1" for label in [*labels, "New goal"])
    assert f"{counted}; {_('Goal removed')}: 0." in chart.description


def test_png_is_an_image_of_plausible_size() -> None:
    png = levels_chart(AREAS).png()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = Image.open(io.BytesIO(png)).size
    assert 600 < width < 2000 and 150 < height < 1500


def test_the_same_chart_gives_the_same_svg() -> None:
    assert levels_chart(AREAS).svg == levels_chart(AREAS).svg


def test_each_report_kind_gets_its_chart() -> None:
    strategy = StrategyReport(FRONT, [], [], [], [], AREAS, BUDGET, [])
    assert chart_for(strategy).spec == levels_chart(AREAS).spec
    assert chart_for(ProgressReport(FRONT, "eKommune 2012", AREAS)).spec == (
        levels_chart(AREAS).spec
    )
    assert chart_for(BudgetReport(FRONT, BUDGET)).spec == budget_chart(BUDGET).spec
    report = changes()
    assert chart_for(report).spec == changes_chart(report).spec


def test_an_empty_budget_still_makes_a_chart_that_says_so() -> None:
    chart = budget_chart(Budget(items=[], totals=[], periods=[]))
    assert _("No amounts.") in chart.description
    assert parsed(chart).tag == f"{SVG}svg"
