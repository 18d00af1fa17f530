"""Permalinks by stable key (302 to the part's page), in a version and in the
version in force, and numbers that moved (301); nothing for whoever may not see it."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from planverk.interchange.dump import dump, load_for_dump
from planverk.interchange.load import load
from planverk.lib.audit import attributed
from planverk.strategies.models import (
    ActionItem,
    GoalAssessment,
    Measure,
    Section,
    Strategy,
    Theme,
)
from planverk.testing import Personas, make_personas, make_strategy, rich_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved() -> Strategy:
    return make_strategy("approved")


@pytest.fixture
def personas(approved: Strategy) -> Personas:
    return make_personas(approved.organization)


def base(strategy: Strategy) -> str:
    return f"/o/{strategy.organization.slug}/s/{strategy.pk}/"


def measure(strategy: Strategy, number: str) -> Measure:
    return Measure.objects.get(theme__strategy=strategy, number=number)


def renumber(part: Any, number: str) -> None:
    """As an edit would: saved with its history."""
    part.number = number
    attributed(part, user=None, reason="test: renumbered")
    part.save()


def test_a_key_leads_to_the_page_of_its_part_in_the_version(
    client: Client, approved: Strategy
) -> None:
    here = base(approved)
    goal = GoalAssessment.objects.filter(strategy=approved).order_by("position")[0]
    expected = {
        measure(approved, "3.10").key: f"{here}tiltak/3.10/",
        Theme.objects.get(strategy=approved, number="3").key: f"{here}tema/3/",
        goal.key: f"{here}mal/{goal.pk}/",
        Section.objects.get(strategy=approved, position=1).key: f"{here}kapittel/2/",
        ActionItem.objects.get(strategy=approved, number="17").key: (
            f"{here}handlingsplan/#post-17"
        ),
    }
    for key, page in expected.items():
        response = client.get(f"{here}k/{key}/")
        assert (response.status_code, response["Location"]) == (302, page)
    assert client.get(f"{here}k/nosuchkey/").status_code == 404


def test_a_key_follows_its_measure_when_it_is_renumbered(
    client: Client, approved: Strategy
) -> None:
    moved = measure(approved, "3.2")
    renumber(moved, "3.5")
    response = client.get(f"{base(approved)}k/{moved.key}/")
    assert response["Location"] == f"{base(approved)}tiltak/3.5/"


def test_a_number_that_moved_redirects_permanently(
    client: Client, approved: Strategy
) -> None:
    renumber(measure(approved, "3.2"), "3.5")
    response = client.get(f"{base(approved)}tiltak/3.2/")
    assert (response.status_code, response["Location"]) == (
        301,
        f"{base(approved)}tiltak/3.5/",
    )
    assert client.get(f"{base(approved)}tiltak/3.5/").status_code == 200
    assert client.get(f"{base(approved)}tiltak/3.99/").status_code == 404


def test_a_number_taken_by_another_measure_shows_that_one(
    client: Client, approved: Strategy
) -> None:
    first, second = measure(approved, "3.1"), measure(approved, "3.2")
    renumber(first, "3.9")
    renumber(second, "3.1")  # 3.2 is free now; 3.1 is another measure's
    page = client.get(f"{base(approved)}tiltak/3.1/")
    assert page.status_code == 200 and second.description in page.text
    response = client.get(f"{base(approved)}tiltak/3.2/")
    assert (response.status_code, response["Location"]) == (
        301,
        f"{base(approved)}tiltak/3.1/",
    )


def test_a_theme_number_that_moved_redirects_permanently(
    client: Client, approved: Strategy
) -> None:
    renumber(Theme.objects.get(strategy=approved, number="3"), "4")
    response = client.get(f"{base(approved)}tema/3/")
    assert (response.status_code, response["Location"]) == (
        301,
        f"{base(approved)}tema/4/",
    )
    assert client.get(f"{base(approved)}tema/5/").status_code == 404


def test_exempt_parts_are_found_by_members_only(
    client: Client, approved: Strategy, personas: Personas
) -> None:
    exempt = measure(approved, "21.1")  # exempt, offl. § 24
    item = ActionItem.objects.get(strategy=approved, number="10")  # exempt
    renumber(exempt, "21.2")
    urls = [
        f"{base(approved)}k/{exempt.key}/",
        f"{base(approved)}k/{item.key}/",
        f"/o/{approved.organization.slug}/k/{exempt.key}/",
        f"{base(approved)}tiltak/21.1/",  # moved, but exempt
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
    outsider = Client()
    outsider.force_login(personas.outsider)
    reader = Client()
    reader.force_login(personas.reader)
    for url in urls:
        assert outsider.get(url).status_code == 404, url
        assert reader.get(url).status_code in (301, 302), url


def test_a_part_exempt_with_its_theme_is_not_found(
    client: Client, approved: Strategy
) -> None:
    Theme.objects.filter(strategy=approved, number="21").update(
        exempt=True, exempt_basis="offl. § 13"
    )
    goal = GoalAssessment.objects.get(strategy=approved, theme_number="21")
    goal.exempt = False
    goal.save()
    assert client.get(f"{base(approved)}k/{goal.key}/").status_code == 404


def test_a_draft_is_found_by_members_only(client: Client, personas: Personas) -> None:
    draft = make_strategy("draft")
    key = measure(draft, "3.1").key
    assert client.get(f"{base(draft)}k/{key}/").status_code == 404
    assert client.get(f"/o/{draft.organization.slug}/k/{key}/").status_code == 404
    member = Client()
    member.force_login(personas.reader)
    assert member.get(f"{base(draft)}k/{key}/").status_code == 302
    # A draft is in force for no one.
    assert member.get(f"/o/{draft.organization.slug}/k/{key}/").status_code == 404


def next_version(earlier: Strategy, state: str) -> Strategy:
    """The next version of *earlier*: a copy, with the same keys, in its lineage."""
    document = dump(load_for_dump(earlier.pk))
    document["strategy"]["state"] = state
    return load(document, revises=earlier)


def test_the_organisation_link_leads_to_the_version_in_force(
    client: Client, approved: Strategy
) -> None:
    org = approved.organization.slug
    key = measure(approved, "3.2").key
    draft = next_version(approved, "draft")
    renumber(measure(draft, "3.2"), "3.5")
    in_force = f"/o/{org}/k/{key}/"
    assert client.get(in_force)["Location"] == f"{base(approved)}tiltak/3.2/"
    Strategy.objects.filter(pk=approved.pk).update(state="superseded")
    Strategy.objects.filter(pk=draft.pk).update(state="approved")
    assert client.get(in_force)["Location"] == f"{base(draft)}tiltak/3.5/"
    # Left out of the version in force: not found, though an older one has it.
    measure(draft, "3.5").delete()
    assert client.get(in_force).status_code == 404
    assert client.get(f"{base(approved)}k/{key}/").status_code == 302


def test_the_organisation_link_keeps_to_its_own_strategy(
    client: Client, approved: Strategy
) -> None:
    # A second strategy of the same organisation, approved later, in its own lineage.
    other = load(rich_document())
    key = measure(approved, "3.1").key
    response = client.get(f"/o/{approved.organization.slug}/k/{key}/")
    assert response["Location"] == f"{base(approved)}tiltak/3.1/"
    assert other.lineage != approved.lineage


def queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code in (301, 302, 404)
    return len(captured)


def with_measures(org: str, count: int) -> Strategy:
    """The rich document for *org*, approved, with *count* measures in theme 3."""
    document = rich_document()
    document["organization"]["name"] = org
    theme = document["strategy"]["themes"][0]
    theme["measures"] = [
        {**theme["measures"][0], "number": f"3.{n}", "description": f"Tiltak {n}"}
        for n in range(1, count + 1)
    ]
    return load(document)


def test_the_number_of_queries_does_not_grow_with_the_strategy(
    client: Client,
) -> None:
    counts = []
    for org, count in (("Liten kommune", 3), ("Stor kommune", 60)):
        strategy = with_measures(org, count)
        moved = measure(strategy, "3.1")
        renumber(moved, "3.99")
        last = Section.objects.filter(strategy=strategy).order_by("-position")[0]
        counts.append(
            [
                queries(client, f"{base(strategy)}k/{moved.key}/"),
                queries(client, f"{base(strategy)}k/{last.key}/"),  # the last kind
                queries(client, f"{base(strategy)}k/nosuchkey/"),
                queries(client, f"/o/{strategy.organization.slug}/k/{moved.key}/"),
                queries(client, f"{base(strategy)}tiltak/3.1/"),  # moved: 301
            ]
        )
    assert counts[0] == counts[1]
    assert max(counts[0]) <= 8, counts[0]


def test_the_measure_page_shows_its_permanent_link(
    client: Client, approved: Strategy
) -> None:
    found = measure(approved, "3.1")
    page = client.get(f"{base(approved)}tiltak/3.1/").text
    link = f"{base(approved)}k/{found.key}/"
    assert f'href="{link}"' in page
    assert f"http://testserver{link}" in page
