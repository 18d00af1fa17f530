"""The Atom feed carries visions and decision notes as plain text, never markup."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from django.test import Client

from planverk.interchange.load import load
from planverk.testing import rich_document

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
# Plain text that a reader would turn into markup if told the summary is HTML.
MARKUP = "<script>alert(1)</script> & <b>x</b>"
NOTE = "Vedtatt <script>alert(2)</script> & <i>enstemmig</i>"


def feed(client: Client) -> ET.Element:
    response = client.get("/feed/")
    assert response.status_code == 200
    return ET.fromstring(response.content)


def summaries(root: ET.Element) -> dict[str, ET.Element]:
    """Each entry's summary, by the entry's id."""
    found = {}
    for entry in root.iter(f"{ATOM}entry"):
        summary = entry.find(f"{ATOM}summary")
        assert summary is not None  # every entry has one, if only "No description."
        found[entry.findtext(f"{ATOM}id", "")] = summary
    return found


def test_summaries_are_plain_text_escaped_once(client: Client) -> None:
    document = rich_document()
    document["strategy"]["vision"] = MARKUP
    kommunestyret, *_rest, exempt = document["strategy"]["revisions"]
    kommunestyret["note"] = NOTE  # dated 2023-12-14, public
    exempt.update(date="2023-12-01", note="Unntatt <b>offentlighet</b>")
    strategy = load(document)
    base = f"/o/{strategy.organization.slug}/s/{strategy.pk}/"
    root = feed(client)
    by_entry = summaries(root)
    assert by_entry[f"{base}#approved"].text == MARKUP
    decisions = [s.text for key, s in by_entry.items() if "#decision-" in key]
    assert NOTE in decisions
    assert not any("Unntatt" in (text or "") for text in decisions)
    assert all(s.get("type") == "text" for s in by_entry.values())
    assert not [e.tag for e in root.iter() if e.get("type") == "html"]


def test_drafts_stay_out_of_the_feed(client: Client) -> None:
    document = rich_document()
    document["strategy"]["state"] = "draft"
    document["strategy"]["vision"] = MARKUP
    load(document)
    assert summaries(feed(client)) == {}
