"""The front pages tell at a glance what this is and how far a plan has come: a line
on where the strategy stands, and its figures as inline charts beside their tables."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from planverk.interchange.load import load
from planverk.strategies.models import Strategy
from planverk.testing import rich_document

pytestmark = pytest.mark.django_db


def approved() -> Strategy:
    document = rich_document()
    document["strategy"]["revisions"] = [
        {
            "body": "Kommunestyret",
            "date": "2023-12-14",
            "reference": "PS 112/23",
            "note": None,
        }
    ]
    return load(document)


def page(url: str) -> BeautifulSoup:
    response = Client().get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def test_the_site_says_what_planverk_and_ekommune_are() -> None:
    intro = page("/").find(class_="intro")
    assert intro is not None
    text = intro.get_text(" ", strip=True)
    assert "Planverk" in text and "eKommune 2012" in text and "KS" in text


def test_the_front_page_says_in_one_line_where_the_strategy_stands() -> None:
    strategy = approved()
    line = page(strategy.get_absolute_url()).find(class_="status-line")
    assert line is not None
    text = line.get_text(" ", strip=True)
    assert text.startswith("Vedtatt 14. desember 2023 av Kommunestyret.")
    # Two public goals (the third is exempt), in the levels' order.
    assert text.endswith("2 nasjonale mål: 1 oppnådd, 1 delvis oppnådd.")


def test_a_draft_and_a_hearing_say_so() -> None:
    document = rich_document()
    document["strategy"]["state"] = "hearing"
    strategy = load(document)
    text = page(strategy.get_absolute_url()).find(class_="status-line").get_text()
    assert "høring" in text


def test_the_goal_levels_are_an_inline_chart_with_words_on_its_segments() -> None:
    strategy = approved()
    soup = page(strategy.get_absolute_url())
    figure = soup.find("figure", class_="chart")
    assert figure is not None
    svg = figure.find("svg")
    assert svg is not None and svg.get("role") == "img"
    title, desc = svg.find("title"), svg.find("desc")
    assert title is not None and desc is not None
    assert title.get_text() == "Antall mål per område og nivå"
    assert "Oppnådd" in desc.get_text()
    marks = [t.get_text() for t in svg.find_all("text")]
    assert "Oppnådd 1" in marks and "Delvis oppnådd 1" in marks  # never colour alone
    assert "style=" not in str(svg)  # the page's CSP allows no inline style
    assert "per" in figure.find("figcaption").get_text(" ").lower()
    # The table of the same figures stands beside it.
    assert soup.find("table", class_="overview") is not None


def test_the_action_plan_charts_its_amounts_with_the_categories_named() -> None:
    strategy = approved()
    soup = page(strategy.get_absolute_url() + "handlingsplan/")
    svg = soup.find("figure", class_="chart").find("svg")
    marks = " ".join(t.get_text() for t in svg.find_all("text"))
    assert re.search(r"Drift 400\s000", marks)
    assert re.search(r"Investering 2\s500\s000", marks)
    assert soup.find("table", class_="periods") is not None


def test_a_strategy_without_goals_or_amounts_has_no_empty_chart() -> None:
    document = rich_document()
    document["strategy"].update(goal_assessments=[], action_plan=[], budget_totals=[])
    strategy = load(document)
    assert page(strategy.get_absolute_url()).find("figure", class_="chart") is None
