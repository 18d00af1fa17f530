"""The public pages: what an anonymous reader sees, and what a member sees besides."""

from __future__ import annotations

import pytest
from django.test import Client

from planverk.interchange.load import load
from planverk.strategies.models import GoalAssessment, Strategy
from planverk.testing import make_personas, rich_document

pytestmark = pytest.mark.django_db

# The rich document's exempt parts (unntatt offentlighet), one of each kind.
EXEMPT_TEXTS = (
    "Velferdsteknologi i alle omsorgsboliger.",  # measure 21.1
    "Et mål som ikke står i den nasjonale agendaen.",  # goal assessment
    "Intranett",  # action item 10
    "Rådmannens ledergruppe",  # decision-log row
)


def make(name: str = "Fjordvik kommune", state: str = "approved", **org: str) -> int:
    document = rich_document()
    document["organization"]["name"] = name
    document["organization"].update(org)
    document["strategy"]["state"] = state
    document["strategy"]["title"] = f"IKT-strategi for {name}"
    return load(document).pk


def get(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def public_urls(pk: int) -> list[str]:
    goal = GoalAssessment.objects.filter(strategy=pk, exempt=False).first()
    assert goal is not None
    s = f"/o/fjordvik-kommune/s/{pk}/"
    return [
        s,
        s + "tema/3/",
        s + "tiltak/3.1/",
        s + f"mal/{goal.pk}/",
        s + "handlingsplan/",
        s + "vedtak/",
        s + "ordliste/",
        s + "sok/?q=e",
    ]


def test_the_list_links_published_strategies_and_hides_drafts(client: Client) -> None:
    published = make("Fjordvik kommune", "approved")
    make("Lia kommune", "draft")
    page = get(client, "/")
    assert f'href="/o/fjordvik-kommune/s/{published}/"' in page
    assert "Lia kommune" in page  # the organisation is listed …
    assert "IKT-strategi for Lia kommune" not in page  # … its draft is not


def test_the_list_searches_names_and_filters_kind_and_country(client: Client) -> None:
    make("Fjordvik kommune")
    make("Nordland fylkeskommune", kind="county")
    make("Šakių rajono savivaldybė", country="LT")
    assert "Nordland" not in get(client, "/?q=fjord")
    assert "Fjordvik" in get(client, "/?q=FJORD")
    by_kind = get(client, "/?kind=county")
    assert "Nordland" in by_kind and "Fjordvik" not in by_kind
    by_country = get(client, "/?country=LT")
    assert "Šakių" in by_country and "Fjordvik" not in by_country
    assert "Ingen organisasjon passer til søket." in get(client, "/?q=zzz")


def test_the_organisation_page_lists_strategies_and_units(client: Client) -> None:
    pk = make()
    page = get(client, "/o/fjordvik-kommune/")
    assert f'href="/o/fjordvik-kommune/s/{pk}/"' in page
    assert "IKT-tjenesten" in page and "/o/fjordvik-kommune/enhet/" in page


def test_units_only_a_draft_names_stay_unlisted(client: Client) -> None:
    make("Lia kommune", "draft")
    assert "IKT-tjenesten" not in get(client, "/o/lia-kommune/")


def test_the_front_page_shows_facts_overview_and_totals(client: Client) -> None:
    pk = make()
    page = get(client, f"/o/fjordvik-kommune/s/{pk}/")
    assert "IKT-strategi for Fjordvik kommune" in page
    assert "2024–2027" in page and "2.1" in page
    assert "Ærlig, åpen og digital" in page
    # The latest decision is the log's last row the public may read, in the
    # document's order; this document lists its decisions newest first.
    assert '<dd><span lang="nb">Vadovų forumas</span>, 2023 (Nr. 7/23)</dd>' in page
    assert 'data-color="success">Oppnådd</span>' in page  # a badge with its text
    assert (
        "3\u00a0000\u00a0000\u00a0kr" in page and "2\u00a0500\u00a0000\u00a0kr" in page
    )
    assert "men postene summerer seg til" in page  # stated ≠ computed is noticed


def test_a_theme_page_shows_goals_and_measures(client: Client) -> None:
    pk = make()
    page = get(client, f"/o/fjordvik-kommune/s/{pk}/tema/3/")
    assert "Flere digitale kanaler mellom innbyggere og folkevalgte." in page
    assert "Nettside, e-post og direktesending." in page
    assert "september 2023" in page and "2009" in page
    assert "Åpne møter for alle." in page and "Kamera i salen" in page
    assert ">IKT-tjenesten</a>, <a" in page
    assert "2024–2027, 2025" in page
    assert page.index("3.2") < page.index("3.10")  # the document's numbering order
    assert 'lang="nb"' in page


def test_every_theme_goal_and_measure_has_a_permalink(client: Client) -> None:
    pk = make()
    theme = get(client, f"/o/fjordvik-kommune/s/{pk}/tema/3/")
    assert f'href="/o/fjordvik-kommune/s/{pk}/tiltak/3.10/"' in theme
    goal = GoalAssessment.objects.get(strategy=pk, number=1)
    assert f'href="/o/fjordvik-kommune/s/{pk}/mal/{goal.pk}/"' in theme
    measure = get(client, f"/o/fjordvik-kommune/s/{pk}/tiltak/3.10/")
    assert "Ordning etter nummer" in measure and "Oppvekst og kultur" in measure
    goal_page = get(client, f"/o/fjordvik-kommune/s/{pk}/mal/{goal.pk}/")
    assert "Flere digitale kanaler" in goal_page and "1.1" in goal_page
    assert client.get(f"/o/fjordvik-kommune/s/{pk}/tiltak/9.9/").status_code == 404
    assert client.get(f"/o/fjordvik-kommune/s/{pk}/tema/99/").status_code == 404


def test_the_action_plan_shows_items_amounts_and_funding(client: Client) -> None:
    pk = make()
    page = get(client, f"/o/fjordvik-kommune/s/{pk}/handlingsplan/")
    assert "Skanning av byggesaksarkivet" in page and "400\u00a0000\u00a0kr" in page
    assert "Sektorfinansiering" in page
    assert "2024–2027" in page
    assert page.count("total-differs") == 1  # only the investment total differs


def test_decision_log_and_glossary(client: Client) -> None:
    pk = make()
    log = get(client, f"/o/fjordvik-kommune/s/{pk}/vedtak/")
    assert "Formannskapet" in log and "november 2023" in log
    assert "Vadovų forumas" in log and ">2023<" in log
    glossary = get(client, f"/o/fjordvik-kommune/s/{pk}/ordliste/")
    assert "ID-porten" in glossary and "Šaltinis" in glossary


def test_search_finds_measures_goals_and_themes_in_any_case(client: Client) -> None:
    pk = make()
    url = f"/o/fjordvik-kommune/s/{pk}/sok/?q="
    assert "3.1" in get(client, url + "KAMERA")  # a bullet point
    assert "Åpne møter for alle." in get(client, url + "åpne")
    assert "Åpne møter for alle." in get(client, url + "ÅPNE")  # not ASCII
    assert "Apie 90 %." in get(client, url + "apie 90")  # a status text
    assert "Lokale satsingsområder" in get(client, url + "satsingsområder")
    assert "0 treff" in get(client, url + "ingenting slikt")


def test_a_unit_page_lists_the_measures_it_proposed(client: Client) -> None:
    pk = make()
    strategy = Strategy.objects.get(pk=pk)
    unit = strategy.units.get(name="Oppvekst og kultur")
    page = get(client, f"/o/fjordvik-kommune/enhet/{unit.pk}/")
    assert "Ordning etter nummer" in page
    assert "Åpne møter for alle." not in page
    assert client.get(f"/o/lia-kommune/enhet/{unit.pk}/").status_code == 404


def test_a_draft_is_not_found_by_any_direct_url(client: Client) -> None:
    pk = make("Fjordvik kommune", "draft")
    for url in public_urls(pk):
        assert client.get(url).status_code == 404, url


def test_a_unit_named_only_in_a_draft_is_not_found(client: Client) -> None:
    pk = make("Fjordvik kommune", "draft")
    unit = Strategy.objects.get(pk=pk).units.get(name="Arkiv")
    assert client.get(f"/o/fjordvik-kommune/enhet/{unit.pk}/").status_code == 404
    assert client.get("/o/fjordvik-kommune/enhet/999999/").status_code == 404
    assert "Arkiv" not in get(client, "/o/fjordvik-kommune/")


def test_exempt_parts_never_reach_anonymous_readers(client: Client) -> None:
    pk = make()
    pages = [get(client, url) for url in public_urls(pk)]
    for q in ("velferd", "agendaen", "Sensorer", "intranett"):
        pages.append(get(client, f"/o/fjordvik-kommune/s/{pk}/sok/?q={q}"))
    units = Strategy.objects.get(pk=pk).units.exclude(name="Helse- og omsorg")
    pages += [get(client, f"/o/fjordvik-kommune/enhet/{u.pk}/") for u in units]
    for text in EXEMPT_TEXTS:
        assert not any(text in page for page in pages), text
    assert not any('class="ds-tag exempt"' in page for page in pages)  # members' mark


def test_a_unit_named_only_by_exempt_measures_is_not_found(client: Client) -> None:
    pk = make()
    unit = Strategy.objects.get(pk=pk).units.get(name="Helse- og omsorg")
    url = f"/o/fjordvik-kommune/enhet/{unit.pk}/"
    assert client.get(url).status_code == 404
    client.force_login(make_personas(unit.organization).reader)
    assert "Velferdsteknologi" in get(client, url)


def test_exempt_parts_are_not_found_by_their_direct_urls(client: Client) -> None:
    pk = make()
    exempt_goal = GoalAssessment.objects.get(strategy=pk, exempt=True)
    assert client.get(f"/o/fjordvik-kommune/s/{pk}/tiltak/21.1/").status_code == 404
    assert (
        client.get(f"/o/fjordvik-kommune/s/{pk}/mal/{exempt_goal.pk}/").status_code
        == 404
    )


def test_an_exempt_theme_hides_its_measures_and_goals(client: Client) -> None:
    document = rich_document()
    document["strategy"]["themes"][0]["exempt"] = True
    pk = load(document).pk
    url = f"/o/fjordvik-kommune/s/{pk}/"
    assert client.get(url + "tema/3/").status_code == 404
    assert client.get(url + "tiltak/3.1/").status_code == 404
    assert "Lokaldemokrati og deltakelse" not in get(client, url)
    assert "Flere digitale kanaler" not in get(client, url + "sok/?q=digitale")


def test_members_see_drafts_and_exempt_parts_marked(client: Client) -> None:
    pk = make("Fjordvik kommune", "draft")
    strategy = Strategy.objects.get(pk=pk)
    client.force_login(make_personas(strategy.organization).reader)
    front = get(client, f"/o/fjordvik-kommune/s/{pk}/")
    assert "Dette er et utkast." in front
    theme = get(client, f"/o/fjordvik-kommune/s/{pk}/tema/21/")
    assert "Velferdsteknologi i alle omsorgsboliger." in theme
    assert "Unntatt offentlighet" in theme
    assert "Rådmannens ledergruppe" in get(
        client, f"/o/fjordvik-kommune/s/{pk}/vedtak/"
    )


def test_members_of_another_organisation_see_no_exempt_parts(client: Client) -> None:
    pk = make()
    outsider = make_personas(Strategy.objects.get(pk=pk).organization).outsider
    make(outsider.memberships.get().organization.name)  # theirs has a strategy too
    client.force_login(outsider)
    page = get(client, f"/o/fjordvik-kommune/s/{pk}/handlingsplan/")
    assert "Intranett" not in page
