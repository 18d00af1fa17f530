"""The one Markdown renderer (planverk/lib/markdown.py): a link that leads nowhere is
only its text, on the pages and in every report format."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.template import Context, Template

from planverk.lib.markdown import leads_somewhere, render_markdown
from planverk.reports.document import BulletList, Markdown, Paragraph


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


@pytest.mark.parametrize(
    "source",
    ["[Plan](#)", "[Plan]()", "[Plan]( # )", "[Plan](kap3.html)", "[Plan](https://)"],
)
def test_a_link_that_leads_nowhere_is_its_text(source: str) -> None:
    doc = soup(str(render_markdown(f"Se {source} for mer.")))
    assert doc.find("a") is None
    assert doc.get_text().strip() == "Se Plan for mer."


def test_a_dead_link_in_a_list_keeps_its_item_and_emphasis() -> None:
    doc = soup(str(render_markdown("- Først\n- [**Plan** 2008-2012](#)")))
    assert [li.get_text() for li in doc.find_all("li")] == ["Først", "Plan 2008-2012"]
    assert doc.find("a") is None and doc.strong is not None
    assert "](#)" not in str(doc)


def test_a_link_to_an_address_is_kept_beside_a_dead_one() -> None:
    html = str(
        render_markdown("[KS](https://www.ks.no), [plan](#) og [oss](mailto:a@b.no)")
    )
    links = [(a["href"], a.get_text()) for a in soup(html).find_all("a")]
    assert links == [("https://www.ks.no", "KS"), ("mailto:a@b.no", "oss")]
    assert "plan" in html


@pytest.mark.parametrize(
    ("href", "live"),
    [
        ("https://www.ks.no", True),
        ("HTTP://ks.no/a", True),
        ("mailto:post@ks.no", True),
        ("#", False),
        ("", False),
        ("#kapittel-3", False),
        ("plan.pdf", False),
        ("ftp://ks.no", False),
        ("mailto:", False),
    ],
)
def test_which_links_lead_somewhere(href: str, live: bool) -> None:
    assert leads_somewhere(href) is live


def test_the_reports_read_dead_links_as_text_too() -> None:
    (listing,) = Markdown("- [Plan](#) og [KS](https://www.ks.no)", 1).blocks()
    assert isinstance(listing, BulletList)
    (paragraph,) = listing.items[0]
    assert isinstance(paragraph, Paragraph)
    assert paragraph.text == "Plan og KS"
    assert [run.href for run in paragraph.runs] == [None, None, "https://www.ks.no"]


def test_the_template_filter_is_the_renderer() -> None:
    template = Template("{% load planverk %}{{ text|markdown }}|{{ none|markdown }}")
    html = template.render(
        Context({"text": "#### 2.1.1 Tiltak\n\n[x](#)", "none": None})
    )
    assert html == str(render_markdown("#### 2.1.1 Tiltak\n\n[x](#)")) + "|"
    assert soup(html).h2 is not None and soup(html).h2.get_text() == "2.1.1 Tiltak"
