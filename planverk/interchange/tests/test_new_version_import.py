"""Uploading a document as the next version of a strategy: the matching of its
parts to the earlier version, the editor's corrections, and what is stored."""

from __future__ import annotations

import copy
import html
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from conftest import COUNTY_SEED
from planverk.importers import parse
from planverk.interchange.dump import dump, load_for_dump, to_json
from planverk.interchange.load import keyed_parts
from planverk.interchange.matching import MEASURES, Matching, give_keys, match
from planverk.interchange.new_version import offered_versions
from planverk.interchange.tests.test_keys import keys_of, without_keys
from planverk.lib.keys import new_key
from planverk.strategies.models import Measure, PendingImport, Strategy, Theme
from planverk.testing import make_personas, make_strategy, rich_document

pytestmark = pytest.mark.django_db

EARLIER_31 = "Strømme kommunestyremøtene og arkivere opptakene."
REWORDED_31 = "Strømme alle møtene i kommunestyret og legge opptakene ut."
NEW_MEASURE = "Et helt nytt tiltak om sensorer i skolene."


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def earlier() -> Strategy:
    return make_strategy("approved")


@pytest.fixture
def client() -> Client:
    return Client(HTTP_ACCEPT_LANGUAGE="en")  # the assertions read English labels


@pytest.fixture
def editor_client(client: Client, earlier: Strategy) -> Client:
    client.force_login(make_personas(earlier.organization).editor)
    return client


def revised() -> dict[str, Any]:
    """The next version as a new document (no keys): measure 3.1 reworded, 3.2
    moved to 3.5 as it was, and a new 3.3; in this order, the measures are
    3.1, 3.10, 3.3, 3.5 and 21.1 (the report's fields measures-0 … -4)."""
    document = rich_document()
    measures = document["strategy"]["themes"][0]["measures"]
    measures[0]["description"] = REWORDED_31
    moved = measures.pop(1)
    moved["number"] = "3.5"
    added = copy.deepcopy(moved)
    added.update(number="3.3", objective="", description=NEW_MEASURE, items=[])
    measures += [added, moved]
    return document


def by_number(matching: Matching) -> dict[str, tuple[str | None, str]]:
    return {
        m.new.number: (m.old.number if m.old else None, m.how) for m in matching.matches
    }


def test_parts_are_matched_by_number_and_text_or_by_text_under_a_new_number() -> None:
    earlier = dump(load_for_dump(make_strategy("approved").pk))
    matchings = {m.kind: m for m in match(revised(), earlier)}
    assert by_number(matchings[MEASURES]) == {
        "3.1": ("3.1", "number"),  # reworded
        "3.10": ("3.10", "text"),
        "3.3": (None, ""),  # new
        "3.5": ("3.2", "text"),  # moved
        "21.1": ("21.1", "text"),
    }
    assert matchings[MEASURES].dropped == []
    for kind in ("themes", "goal_assessments", "action_plan", "sections"):
        assert all(m.old is not None for m in matchings[kind].matches), kind


def test_a_measure_reworded_beyond_recognition_is_not_continued() -> None:
    earlier = dump(load_for_dump(make_strategy("approved").pk))
    document = rich_document()
    document["strategy"]["themes"][0]["measures"][0].update(
        objective="Noe annet.", description=NEW_MEASURE, items=[]
    )
    (measures,) = [m for m in match(document, earlier) if m.kind == MEASURES]
    assert by_number(measures)["3.1"] == (None, "")
    assert [p.number for p in measures.dropped] == ["3.1"]


def test_keys_a_document_brings_match_first_and_are_never_kept_unmatched() -> None:
    earlier = dump(load_for_dump(make_strategy("approved").pk))
    document = copy.deepcopy(earlier)
    first, second = document["strategy"]["themes"][0]["measures"][:2]
    first["description"], second["description"] = NEW_MEASURE, EARLIER_31
    first["objective"] = second["objective"] = ""
    stray = document["strategy"]["themes"][1]
    stray["key"] = new_key()  # a key the earlier version does not know
    matchings = match(document, earlier)
    (measures,) = [m for m in matchings if m.kind == MEASURES]
    assert by_number(measures)["3.1"] == ("3.1", "key")  # the key decides
    give_keys(matchings)
    assert keys_of(document) == keys_of(earlier)


def upload(client: Client, document: dict[str, Any], **fields: Any) -> PendingImport:
    url = "/o/fjordvik-kommune/importer/"
    text = to_json(document).encode()
    response = client.post(
        url, {"document": SimpleUploadedFile("ny.json", text), **fields}
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    return PendingImport.objects.get()


def report_url(pending: PendingImport) -> str:
    return f"/o/fjordvik-kommune/importer/{pending.pk}/"


def test_the_upload_offers_a_new_version_of_the_organisations_strategy(
    editor_client: Client, earlier: Strategy
) -> None:
    page = html.unescape(editor_client.get("/o/fjordvik-kommune/importer/").text)
    assert f"New version of {earlier.version_text()}" in page
    assert 'name="revises"' in page
    pending = upload(editor_client, revised(), revises=earlier.pk)
    response = editor_client.get(f"{report_url(pending)}?versjon={earlier.pk}")
    assert response.status_code == 200
    assert 'name="revises"' in response.text


def test_the_report_shows_the_matching_with_a_choice_per_part(
    editor_client: Client, earlier: Strategy, django_assert_max_num_queries: Any
) -> None:
    pending = upload(editor_client, revised(), revises=earlier.pk)
    new_version = f"{report_url(pending)}?versjon={earlier.pk}"
    with django_assert_max_num_queries(30):
        response = editor_client.get(new_version, HTTP_ACCEPT_LANGUAGE="en")
    page = response.text
    old = {m.number: m.key for m in Measure.objects.filter(theme__strategy=earlier)}
    # 3.5 continues 3.2, chosen in its select; 3.3 is new.
    select = page[page.index('name="measures-3"') :]
    select = select[: select.index("</select>")]
    assert f'value="{old["3.2"]}" selected' in select
    select = page[page.index('name="measures-2"') :]
    assert '<option value="" selected>' in select[: select.index("</select>")]
    assert "the same text" in page and "no earlier part found" in page
    # Without the choice, no matching: a new strategy.
    plain = editor_client.get(report_url(pending)).text
    assert 'name="measures-0"' not in plain and 'name="revises"' not in plain


def test_confirming_stores_a_new_version_with_the_matched_keys(
    editor_client: Client, earlier: Strategy
) -> None:
    pending = upload(editor_client, revised())
    response = editor_client.post(
        f"{report_url(pending)}lagre/", {"revises": earlier.pk}
    )
    assert response.status_code == 302
    new = Strategy.objects.exclude(pk=earlier.pk).get()
    assert (new.lineage, new.revised_from, new.state) == (
        earlier.lineage,
        earlier,
        "draft",
    )
    old = {m.number: m.key for m in Measure.objects.filter(theme__strategy=earlier)}
    now = {m.number: m.key for m in Measure.objects.filter(theme__strategy=new)}
    assert now["3.1"] == old["3.1"] and now["3.5"] == old["3.2"]
    assert now["3.3"] not in old.values()  # unmatched: a new key
    themes = Theme.objects.filter(strategy__in=[earlier, new])
    assert len({t.key for t in themes}) == 2  # both themes continued


def test_a_correction_is_applied_on_confirm(
    editor_client: Client, earlier: Strategy
) -> None:
    pending = upload(editor_client, revised())
    old = {m.number: m.key for m in Measure.objects.filter(theme__strategy=earlier)}
    # The editor says: 3.3 continues 3.2 after all, and 3.5 is new.
    response = editor_client.post(
        f"{report_url(pending)}lagre/",
        {"revises": earlier.pk, "measures-2": old["3.2"], "measures-3": ""},
    )
    assert response.status_code == 302
    new = Strategy.objects.exclude(pk=earlier.pk).get()
    now = {m.number: m.key for m in Measure.objects.filter(theme__strategy=new)}
    assert now["3.3"] == old["3.2"]
    assert now["3.5"] not in old.values()
    assert now["3.1"] == old["3.1"]  # not posted: as matched


def test_an_earlier_part_chosen_twice_is_refused_next_to_the_second(
    editor_client: Client, earlier: Strategy
) -> None:
    pending = upload(editor_client, revised())
    old = {m.number: m.key for m in Measure.objects.filter(theme__strategy=earlier)}
    response = editor_client.post(
        f"{report_url(pending)}lagre/",
        {"revises": earlier.pk, "measures-2": old["3.1"]},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 422
    page = html.unescape(response.text)
    error = page[page.index('id="id_measures-2_error"') :]
    assert "3.1 Åpne møter for alle. continues this part already." in error[:300]
    assert Strategy.objects.count() == 1
    assert PendingImport.objects.exists()


def test_a_choice_that_is_no_part_of_the_earlier_version_is_refused(
    editor_client: Client, earlier: Strategy
) -> None:
    pending = upload(editor_client, revised())
    response = editor_client.post(
        f"{report_url(pending)}lagre/", {"revises": earlier.pk, "themes-0": "zzzz"}
    )
    assert response.status_code == 422
    assert Strategy.objects.count() == 1


def test_only_the_newest_version_of_a_strategy_is_offered(
    editor_client: Client, earlier: Strategy
) -> None:
    pending = upload(editor_client, revised())
    editor_client.post(f"{report_url(pending)}lagre/", {"revises": earlier.pk})
    newest = Strategy.objects.exclude(pk=earlier.pk).get()
    assert offered_versions(earlier.organization) == [newest]
    pending = upload(editor_client, revised())
    assert (
        editor_client.get(f"{report_url(pending)}?versjon={earlier.pk}").status_code
        == 404
    )
    assert editor_client.get(f"{report_url(pending)}?versjon=x").status_code == 400
    response = editor_client.post(
        f"{report_url(pending)}lagre/", {"revises": earlier.pk}
    )
    assert response.status_code == 422
    assert Strategy.objects.count() == 2


def test_the_report_suggests_units_that_may_be_one(
    editor_client: Client, earlier: Strategy
) -> None:
    document = revised()
    document["strategy"]["units"].append("Ikt tjenesten")
    pending = upload(editor_client, document)
    page = html.unescape(editor_client.get(report_url(pending)).text)
    assert "“IKT-tjenesten” and “Ikt tjenesten”" in page
    assert 'href="/o/fjordvik-kommune/enheter/"' in page


def test_matching_the_county_strategy_takes_little_time(
    seed_path: Callable[[str], Path],
) -> None:
    document = parse(str(seed_path(COUNTY_SEED))).document
    earlier = copy.deepcopy(document)
    for i, (_where, part) in enumerate(keyed_parts(earlier["strategy"])):
        part["key"] = f"part{i:04d}"
    # Every measure renumbered: the worst case, every pair compared by text.
    for theme in document["strategy"]["themes"]:
        for measure in theme["measures"]:
            measure["number"] += "0"
    started = time.perf_counter()
    matchings = match(without_keys(document), earlier)
    elapsed = time.perf_counter() - started
    (measures,) = [m for m in matchings if m.kind == MEASURES]
    assert len(measures.matches) == 61
    assert all(m.how == "text" for m in measures.matches)
    assert elapsed < 1.0, elapsed


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("national_agenda")
def test_in_the_browser_an_editor_corrects_a_match_and_confirms(
    live_server: Any,
    page: Any,
    axe: Callable[[Any], list[dict[str, Any]]],
    tmp_path: Path,
) -> None:
    from planverk.interchange.tests.test_browser_upload import log_in

    earlier = make_strategy("approved")
    log_in(page, live_server, make_personas(earlier.organization).editor)
    path = tmp_path / "ny.json"
    path.write_text(to_json(revised()), encoding="utf-8")
    page.goto(f"{live_server.url}/o/fjordvik-kommune/importer/")
    page.locator("input[type=file]").set_input_files(str(path))
    page.locator("#id_revises").select_option(str(earlier.pk))
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**/importer/*/?versjon={earlier.pk}")
    assert page.locator("select[name^='measures-']").count() == 5
    assert axe(page) == []
    old = {m.number: m.key for m in Measure.objects.filter(theme__strategy=earlier)}
    page.locator("#id_measures-2").select_option(old["3.2"])  # 3.3 continues 3.2
    page.locator("#id_measures-3").select_option("")  # and 3.5 is new
    page.locator("form[action='lagre/'] button").click()
    page.wait_for_url("**/publisering/")
    new = Strategy.objects.exclude(pk=earlier.pk).get()
    now = {m.number: m.key for m in Measure.objects.filter(theme__strategy=new)}
    assert now["3.3"] == old["3.2"] and now["3.5"] not in old.values()
    assert new.revised_from_id == earlier.pk
