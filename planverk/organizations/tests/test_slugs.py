"""One rule for every slug, and the slugs an organisation gave up redirecting (301)."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.test import Client

from planverk.accounts.identity import unique_username
from planverk.lib.slugs import slug_of
from planverk.organizations.models import (
    Organization,
    PreviousSlug,
    find_organization,
    unique_slug,
)
from planverk.strategies.models import Measure, Strategy
from planverk.testing import make_strategy

RECOMPUTE = importlib.import_module(
    "planverk.organizations.migrations.0003_recompute_slugs"
).recompute_slugs


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Liøy kommune", "lioy-kommune"),
        ("Løvmo", "lovmo"),
        ("Askeås", "askeas"),
        ("Sør-Trøndelag fylkeskommune", "sor-trondelag-fylkeskommune"),
        ("Ærøy og Bø", "aeroy-og-bo"),
        ("ØVRE ÅSEN", "ovre-asen"),
        ("Šiaulių rajono savivaldybė", "siauliu-rajono-savivaldybe"),
        (
            "Ąžuolų Čekiškė, Ėriškiai, Įsrūtis, Ųžūtė",
            "azuolu-cekiske-eriskiai-isrutis-uzute",
        ),
        ("ĄČĘĖĮŠŲŪŽ ąčęėįšųūž", "aceeisuuz-aceeisuuz"),
        ("Straße", "strasse"),
        ("IKT-strategi 2010–2013", "ikt-strategi-20102013"),
        ("???", ""),
    ],
)
def test_the_slug_rule_spells_out_norwegian_and_lithuanian_letters(
    name: str, slug: str
) -> None:
    assert slug_of(name) == slug


@pytest.mark.django_db
def test_every_slug_is_made_by_the_one_rule() -> None:
    organization = Organization.objects.create(name="Liøy kommune", kind="municipality")
    assert organization.slug == "lioy-kommune"
    assert unique_slug("Løvmo") == "lovmo"
    # Usernames made from a sign-in's claims follow it too.
    assert unique_username({"name": "Bjørn Ærø Šimkus"}, fallback="x") == (
        "bjorn-aero-simkus"
    )


@pytest.fixture
def moved() -> Strategy:
    """An approved strategy of "Liøy kommune", whose slug was the old rule's."""
    strategy = make_strategy("approved", org="Liøy kommune")
    organization = strategy.organization
    Organization.objects.filter(pk=organization.pk).update(slug="liy-kommune")
    organization.refresh_from_db()
    organization.slug = "lioy-kommune"
    organization.save()
    return strategy


@pytest.mark.django_db
def test_a_changed_slug_is_kept_as_a_previous_one(moved: Strategy) -> None:
    (previous,) = PreviousSlug.objects.all()
    assert (previous.slug, previous.organization) == ("liy-kommune", moved.organization)
    # Not handed out again: its links are the old organisation's.
    assert unique_slug("Liy kommune") == "liy-kommune-2"
    # The command line's --org finds it by the old slug too.
    assert find_organization("liy-kommune") == moved.organization


@pytest.mark.django_db
def test_an_old_slug_answers_301_to_the_same_page_under_the_new_one(
    client: Client, moved: Strategy
) -> None:
    measure = Measure.objects.get(theme__strategy=moved, number="3.1")
    unit = moved.organization.units.get(name="Arkiv")
    pages = [
        "/o/{}/",
        f"/o/{{}}/s/{moved.pk}/",
        f"/o/{{}}/s/{moved.pk}/tiltak/3.1/",
        f"/o/{{}}/s/{moved.pk}/sok/?q=m%C3%B8ter",
        f"/o/{{}}/s/{moved.pk}/historikk/tiltak/{measure.pk}/",
        f"/o/{{}}/s/{moved.pk}/rapport/strategy.html",
        f"/o/{{}}/enhet/{unit.pk}/",
    ]
    for page in pages:
        old, new = page.format("liy-kommune"), page.format("lioy-kommune")
        response = client.get(old)
        assert (response.status_code, response["Location"]) == (301, new), old
        assert client.head(old).status_code == 301
        followed = client.get(old, follow=True)
        assert followed.status_code == 200, new
        assert followed.redirect_chain == [(new, 301)]  # one step, no loop
        assert client.get(new).status_code == 200


@pytest.mark.django_db
def test_a_slug_taken_back_does_not_loop(client: Client, moved: Strategy) -> None:
    organization = moved.organization
    organization.slug = "liy-kommune"
    organization.save()
    assert client.get("/o/liy-kommune/").status_code == 200
    response = client.get("/o/lioy-kommune/", follow=True)
    assert response.redirect_chain == [("/o/liy-kommune/", 301)]
    assert list(PreviousSlug.objects.values_list("slug", flat=True)) == ["lioy-kommune"]


@pytest.mark.django_db
def test_unknown_slugs_and_changes_stay_404(client: Client, moved: Strategy) -> None:
    assert client.get("/o/finnes-ikke/").status_code == 404
    assert client.get(f"/o/finnes-ikke/s/{moved.pk}/").status_code == 404
    # A page the organisation does not have: one redirect, then 404 as before.
    response = client.get("/o/liy-kommune/s/999999/", follow=True)
    assert response.status_code == 404
    assert response.redirect_chain == [("/o/lioy-kommune/s/999999/", 301)]
    # A form sent to the old address is not turned into a GET elsewhere.
    assert client.post(f"/o/liy-kommune/s/{moved.pk}/sok/").status_code in (404, 405)


@pytest.mark.django_db
def test_the_data_migration_recomputes_slugs_the_old_rule_made() -> None:
    rows = {
        "Liøy kommune": "liy-kommune",  # the old rule's: recomputed
        "Løvmo": "lvmo-2",  # the old rule's with a suffix: recomputed
        "Lioy kommune": "lioy-kommune",  # already the new rule's: kept
        "Askeås": "askeas",  # both rules agree: kept
        "Sørvik": "var-egen",  # set by hand: kept
    }
    for name, slug in rows.items():
        Organization.objects.create(name=name, slug=slug, kind="municipality")
    RECOMPUTE(apps, None)
    slugs = dict(Organization.objects.values_list("name", "slug"))
    assert slugs == {
        "Liøy kommune": "lioy-kommune-2",  # "lioy-kommune" is taken
        "Løvmo": "lovmo",
        "Lioy kommune": "lioy-kommune",
        "Askeås": "askeas",
        "Sørvik": "var-egen",
    }
    previous = dict(PreviousSlug.objects.values_list("slug", "organization__name"))
    assert previous == {"liy-kommune": "Liøy kommune", "lvmo-2": "Løvmo"}
    client = Client()
    assert client.get("/o/lvmo-2/")["Location"] == "/o/lovmo/"
