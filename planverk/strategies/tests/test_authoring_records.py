"""Writing a draft's records: the strategy's own fields, action items, stated totals,
chapters, decision rows and glossary terms, as actions and as pages.

Each action checks the permission and the draft state, validates (duplicate
numbers, NOK *or* funding, partial dates), writes with its history and can be
undone from the history; each page works with htmx and without, answers bad
input with 422 next to the field, refuses approved and superseded versions
(409) and asks the database a bounded number of questions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from planverk.lib.numbers import nok_text
from planverk.strategies.actions import editing, records, removal
from planverk.strategies.models import (
    ActionItem,
    BudgetTotal,
    Decision,
    GlossaryTerm,
    Section,
    Strategy,
)
from planverk.strategies.tests.editing_setup import Draft, make_draft
from planverk.testing import make_strategy, row_counts

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


@pytest.fixture
def draft() -> Draft:
    return make_draft()


@pytest.fixture
def client(draft: Draft) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")  # the assertions read English labels
    client.force_login(draft.editor)
    return client


def item_values(**changes: Any) -> dict[str, Any]:
    values = {
        "title": "Nytt sak- og arkivsystem",
        "items": ["Anskaffelse", "Opplæring"],
        "category": "investment",
        "year_start": 2025,
        "year_end": 2026,
        "amount_nok": 1_200_000,
        "funding": "",
        "remarks": "",
    }
    return {**values, **changes}


def item_form(**changes: Any) -> dict[str, Any]:
    form = {
        "title": "Nytt sak- og arkivsystem",
        "items": "Anskaffelse\nOpplæring",
        "category": "investment",
        "year_start": "2025",
        "year_end": "2026",
        "amount_nok": "1 200 000",
        "funding": "",
        "remarks": "",
    }
    return {**form, **changes}


def field_error(response: Any, field_id: str) -> str:
    """The error shown next to the field with id *field_id*."""
    soup = BeautifulSoup(response.content, "html.parser")
    error = soup.find(id=f"{field_id}_error")
    assert error is not None, f"no error next to {field_id}"
    return error.get_text()


# The strategy's own fields


def test_the_strategys_own_fields_change_with_their_history(draft: Draft) -> None:
    strategy = records.update_strategy_fields(
        draft.strategy,
        {"title": "IKT-strategi 2025–2028", "period_start": 2025, "period_end": 2028},
        loaded_revision=1,
        user=draft.editor,
        reason="ny periode",
    )
    assert (strategy.title, strategy.period_end, strategy.revision) == (
        "IKT-strategi 2025–2028",
        2028,
        2,
    )
    latest = strategy.history.latest()
    assert (latest.history_user, latest.history_change_reason) == (
        draft.editor,
        "ny periode",
    )
    with pytest.raises(editing.EditConflict):
        records.update_strategy_fields(
            strategy, {"vision": "Sist"}, loaded_revision=1, user=draft.editor
        )


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"period_start": 2028, "period_end": 2025}, "period_end"),
        ({"language": "sv"}, "language"),
        ({"title": " "}, "title"),
        ({"framework": None}, "framework"),  # its goals are linked to eKommune 2012
    ],
)
def test_the_strategys_own_fields_are_checked(
    draft: Draft, changes: dict[str, Any], field: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        records.update_strategy_fields(
            draft.strategy, changes, loaded_revision=1, user=draft.editor
        )
    assert field in refused.value.message_dict


def test_a_language_the_strategy_has_stays_offered(draft: Draft) -> None:
    Strategy.objects.filter(pk=draft.strategy.pk).update(language="sv")
    draft.strategy.refresh_from_db()
    saved = records.update_strategy_fields(
        draft.strategy, {"language": "sv"}, loaded_revision=1, user=draft.editor
    )
    assert saved.language == "sv"


# Action items


def test_a_new_item_gets_the_next_free_number(draft: Draft) -> None:
    assert records.next_item_number(draft.strategy) == "18"  # after 1, 2, 10, 17
    item = records.add_action_item(draft.strategy, item_values(), user=draft.editor)
    assert (item.number, item.sort_key, item.items) == (
        "18",
        "00000018",
        ["Anskaffelse", "Opplæring"],
    )
    record = item.history.get()
    assert (record.history_type, record.history_user, record.history_change_reason) == (
        "+",
        draft.editor,
        "added",
    )


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"number": "2"}, "number"),
        ({"amount_nok": 5, "funding": "Statlige midler"}, "amount_nok"),
        ({"year_start": 2027, "year_end": 2025}, "year_end"),
        ({"title": ""}, "title"),
        ({"amount_nok": -1}, "amount_nok"),
    ],
)
def test_an_item_is_refused_next_to_its_field(
    draft: Draft, changes: dict[str, Any], field: str
) -> None:
    counts = row_counts()
    with pytest.raises(ValidationError) as refused:
        records.add_action_item(
            draft.strategy, item_values(**changes), user=draft.editor
        )
    assert field in refused.value.message_dict
    assert row_counts() == counts


def test_an_item_has_an_amount_or_a_named_funding(draft: Draft) -> None:
    funded = ActionItem.objects.get(strategy=draft.strategy, number="1")
    funded.strategy = draft.strategy
    with pytest.raises(ValidationError):  # the amount form keeps the rule too
        editing.update_action_item_amount(
            funded, 100, loaded_revision=1, user=draft.editor
        )
    saved = records.update_action_item(
        funded,
        {"amount_nok": 100, "funding": ""},
        loaded_revision=1,
        user=draft.editor,
    )
    assert (saved.amount_nok, saved.funding) == (100, "")


def test_a_stored_item_is_checked_in_what_changes(draft: Draft) -> None:
    # As an import may leave it: no title. Its amount can still be set.
    ActionItem.objects.filter(pk=draft.item.pk).update(title="")
    item = ActionItem.objects.get(pk=draft.item.pk)
    item.strategy = draft.strategy
    saved = editing.update_action_item_amount(
        item, 5, loaded_revision=1, user=draft.editor
    )
    assert saved.amount_nok == 5
    with pytest.raises(ValidationError) as refused:
        records.update_action_item(
            saved, {"title": " "}, loaded_revision=2, user=draft.editor
        )
    assert "title" in refused.value.message_dict


def test_an_item_changes_every_field_by_compare_and_set(draft: Draft) -> None:
    item = draft.item
    item.strategy = draft.strategy
    saved = records.update_action_item(
        item,
        item_values(number="2a"),
        loaded_revision=1,
        user=draft.editor,
        reason="omprioritert",
    )
    assert (saved.number, saved.sort_key, saved.category, saved.revision) == (
        "2a",
        "00000002a",
        "investment",
        2,
    )
    with pytest.raises(editing.EditConflict):
        records.update_action_item(
            item, {"title": "Sist"}, loaded_revision=1, user=draft.editor
        )


def test_a_removed_item_comes_back_from_the_history(draft: Draft) -> None:
    item = draft.item
    item.strategy = draft.strategy
    done = records.remove_action_item(
        item, loaded_revision=1, user=draft.editor, reason="finansiert annet sted"
    )
    assert not ActionItem.objects.filter(pk=done.pk).exists()
    removal.restore_removed(ActionItem, done.pk, user=draft.editor)
    back = ActionItem.objects.get(pk=done.pk)
    assert (back.number, back.key) == ("2", item.key)


# Stated budget totals


def test_a_total_is_unique_per_category_and_years(draft: Draft) -> None:
    total = records.add_budget_total(
        draft.strategy,
        {
            "category": "operating",
            "year_start": 2025,
            "year_end": 2027,
            "stated_nok": 9,
        },
        user=draft.editor,
    )
    with pytest.raises(ValidationError) as refused:
        records.add_budget_total(
            draft.strategy,
            {"category": "operating", "year_start": 2024, "year_end": 2024},
            user=draft.editor,
        )
    assert "category" in refused.value.message_dict
    with pytest.raises(ValidationError):
        records.update_budget_total(
            total, {"year_start": 2024, "year_end": 2024}, user=draft.editor
        )
    total.refresh_from_db()
    assert total.year_start == 2025
    records.update_budget_total(total, {"stated_nok": None}, user=draft.editor)
    records.remove_budget_total(total, user=draft.editor, reason="feil")
    assert not BudgetTotal.objects.filter(pk=total.pk).exists()


# Chapters


def test_chapters_are_added_at_the_end_moved_and_numbered_once(draft: Draft) -> None:
    strategy = draft.strategy
    added = records.add_section(
        strategy, {"number": "2", "title": "Visjon", "text": "*Ny*"}, user=draft.editor
    )
    assert added.place == 4
    with pytest.raises(ValidationError) as refused:
        records.add_section(strategy, {"number": "1", "title": "To"}, user=draft.editor)
    assert "number" in refused.value.message_dict
    records.add_section(strategy, {"number": "", "title": "Uten"}, user=draft.editor)
    records.move_section(added, -1, loaded_revision=1, user=draft.editor)
    order = list(strategy.sections.values_list("title", flat=True))
    assert order == ["Innledning", "Forord", "Visjon", "Įvadas (lietuviškai)", "Uten"]
    with pytest.raises(editing.EditConflict):
        records.move_section(added, -1, loaded_revision=1, user=draft.editor)


def test_a_removed_chapter_keeps_its_place_for_its_return(draft: Draft) -> None:
    last = draft.strategy.sections.get(position=2)
    done = records.remove_section(
        last, loaded_revision=1, user=draft.editor, reason="utgått"
    )
    added = records.add_section(draft.strategy, {"title": "Ny"}, user=draft.editor)
    assert added.position == 3  # not 2: that place is the removed chapter's
    removal.restore_removed(Section, done.pk, user=draft.editor)
    assert list(draft.strategy.sections.values_list("position", flat=True)) == [
        0,
        1,
        2,
        3,
    ]


# The decision log


@pytest.mark.parametrize(
    ("text", "date", "precision", "written"),
    [
        ("2009-12-02", dt.date(2009, 12, 2), "day", "2009-12-02"),
        ("2009-12", dt.date(2009, 12, 1), "month", "2009-12"),
        ("2009", dt.date(2009, 1, 1), "year", "2009"),
        ("", None, "day", None),
    ],
)
def test_a_decision_is_dated_as_precisely_as_its_source(
    draft: Draft, text: str, date: Any, precision: str, written: str | None
) -> None:
    decision = records.add_decision(
        draft.strategy,
        {"body": "Formannskapet", "date": text, "reference": "F/A 119/09"},
        user=draft.editor,
    )
    stored = Decision.objects.get(pk=decision.pk)
    assert (stored.date, stored.date_precision, stored.date_text) == (
        date,
        precision,
        written,
    )
    assert stored.position == 4


@pytest.mark.parametrize("text", ["2009-13", "2009-02-30", "02.12.2009", "1850"])
def test_a_date_that_is_none_is_refused(draft: Draft, text: str) -> None:
    with pytest.raises(ValidationError) as refused:
        records.add_decision(
            draft.strategy, {"body": "Rådmannen", "date": text}, user=draft.editor
        )
    assert "date" in refused.value.message_dict


def test_decision_rows_are_edited_moved_and_removed(draft: Draft) -> None:
    first = draft.strategy.decisions.get(position=0)
    first.strategy = draft.strategy
    changed = records.update_decision(
        first,
        {"date": "2023-12", "note": "vedtatt"},
        loaded_revision=1,
        user=draft.editor,
    )
    assert (changed.date_text, changed.note, changed.revision) == (
        "2023-12",
        "vedtatt",
        2,
    )
    records.move_decision(changed, 1, loaded_revision=2, user=draft.editor)
    assert draft.strategy.decisions.first().body == "Formannskapet"
    moved = Decision.objects.get(pk=first.pk)
    records.remove_decision(
        moved, loaded_revision=3, user=draft.editor, reason="dobbel"
    )
    assert not Decision.objects.filter(pk=first.pk).exists()


# The glossary


def test_glossary_terms_are_added_once_moved_and_removed(draft: Draft) -> None:
    term = records.add_glossary_term(
        draft.strategy, {"term": "Altinn", "definition": "Portal."}, user=draft.editor
    )
    with pytest.raises(ValidationError) as refused:
        records.add_glossary_term(
            draft.strategy, {"term": "id-porten"}, user=draft.editor
        )
    assert "term" in refused.value.message_dict
    records.move_glossary_term(term, -1, user=draft.editor)
    terms = list(draft.strategy.glossary.values_list("term", flat=True))
    assert terms == ["ID-porten", "Altinn", "Šaltinis"]
    records.update_glossary_term(
        term, {"definition": "Felles portal."}, user=draft.editor
    )
    done = records.remove_glossary_term(term, user=draft.editor, reason="ikke brukt")
    removal.restore_removed(GlossaryTerm, done.pk, user=draft.editor)
    assert GlossaryTerm.objects.get(pk=done.pk).definition == "Felles portal."


# Who may, and which versions


def test_only_editors_of_the_organisation_write(draft: Draft) -> None:
    for user in (draft.reader, draft.unit_editor, draft.outsider):
        with pytest.raises(PermissionDenied):
            records.add_glossary_term(draft.strategy, {"term": "X"}, user=user)


def frozen_calls(strategy: Strategy) -> list[Callable[[Any], Any]]:
    """Every action, on *strategy*, as a call of its user."""
    item = strategy.action_items.get(number="2")
    section = strategy.sections.get(position=0)
    decision = strategy.decisions.get(position=0)
    term = strategy.glossary.get(position=0)
    total = strategy.budget_totals.first()
    assert total is not None
    return [
        lambda u: records.update_strategy_fields(
            strategy, {"title": "X"}, loaded_revision=1, user=u
        ),
        lambda u: records.add_action_item(strategy, item_values(), user=u),
        lambda u: records.update_action_item(
            item, {"title": "X"}, loaded_revision=1, user=u
        ),
        lambda u: records.remove_action_item(
            item, loaded_revision=1, user=u, reason="x"
        ),
        lambda u: records.add_budget_total(
            strategy,
            {"category": "operating", "year_start": 2026, "year_end": 2026},
            user=u,
        ),
        lambda u: records.update_budget_total(total, {"stated_nok": 1}, user=u),
        lambda u: records.remove_budget_total(total, user=u, reason="x"),
        lambda u: records.add_section(strategy, {"title": "X"}, user=u),
        lambda u: records.update_section(
            section, {"title": "X"}, loaded_revision=1, user=u
        ),
        lambda u: records.move_section(section, 1, loaded_revision=1, user=u),
        lambda u: records.remove_section(
            section, loaded_revision=1, user=u, reason="x"
        ),
        lambda u: records.add_decision(strategy, {"body": "X"}, user=u),
        lambda u: records.update_decision(
            decision, {"body": "X"}, loaded_revision=1, user=u
        ),
        lambda u: records.move_decision(decision, 1, loaded_revision=1, user=u),
        lambda u: records.remove_decision(
            decision, loaded_revision=1, user=u, reason="x"
        ),
        lambda u: records.add_glossary_term(strategy, {"term": "X"}, user=u),
        lambda u: records.update_glossary_term(term, {"term": "X"}, user=u),
        lambda u: records.move_glossary_term(term, 1, user=u),
        lambda u: records.remove_glossary_term(term, user=u, reason="x"),
    ]


@pytest.mark.parametrize("state", ["hearing", "approved", "superseded"])
def test_no_action_changes_a_version_that_is_not_a_draft(
    draft: Draft, state: str
) -> None:
    strategy = make_strategy(state)
    counts = row_counts()
    for call in frozen_calls(strategy):
        for user in (draft.editor, draft.site_admin):
            with pytest.raises(removal.Frozen):
                call(user)
    assert row_counts() == counts


# The pages


def test_the_editing_page_links_every_records_page(
    client: Client, draft: Draft
) -> None:
    page = client.get(f"{draft.base}/rediger/").content.decode()
    for step in ("strategi", "kapittel", "handlingsplan", "budsjett", "vedtak"):
        assert f'href="{draft.base}/rediger/{step}/"' in page
    assert f'href="{draft.base}/rediger/ordliste/"' in page
    reader = Client()
    reader.force_login(draft.reader)
    assert "/rediger/ordliste/" not in reader.get(f"{draft.base}/rediger/").text


def test_the_strategy_form_saves_and_redirects_without_js(
    client: Client, draft: Draft
) -> None:
    url = f"{draft.base}/rediger/strategi/"
    assert 'name="vision"' in client.get(url).text
    data = {
        "revision": "1",
        "title": "IKT-strategi 2025–2028",
        "period_start": "2025",
        "period_end": "2028",
        "version_label": "3.0",
        "language": "nn",
        "vision": "Open og digital",
        "framework": str(draft.strategy.framework_id),
    }
    response = client.post(url, data)
    assert response.status_code == 302
    assert response["Location"] == f"{draft.base}/rediger/"
    strategy = Strategy.objects.get(pk=draft.strategy.pk)
    assert (strategy.language, strategy.version_label, strategy.revision) == (
        "nn",
        "3.0",
        2,
    )
    stale = client.post(url, {**data, "title": "Sist"})
    assert stale.status_code == 409 and "Someone else saved first" in stale.text
    assert 'name="revision" value="2"' in stale.text  # save again to overwrite


def test_the_strategy_form_with_htmx_answers_in_place(
    client: Client, draft: Draft
) -> None:
    url = f"{draft.base}/rediger/strategi/"
    bad = client.post(
        url,
        {
            "revision": "1",
            "title": "T",
            "period_start": "2027",
            "period_end": "2024",
            "language": "nb",
        },
        headers=HTMX,
    )
    assert bad.status_code == 422 and "<html" not in bad.text
    assert "ends before it begins" in field_error(bad, "id_period_end")
    good = client.post(
        url,
        {
            "revision": "1",
            "title": "T",
            "period_start": "2024",
            "period_end": "2027",
            "language": "nb",
            "framework": str(draft.strategy.framework_id),
        },
        headers=HTMX,
    )
    assert good.status_code == 200 and good["HX-Redirect"] == f"{draft.base}/rediger/"


def test_an_item_is_added_with_the_next_number_and_listed(
    client: Client, draft: Draft
) -> None:
    response = client.post(f"{draft.base}/rediger/ny-handlingsplanpost/", item_form())
    item = ActionItem.objects.get(strategy=draft.strategy, number="18")
    assert response["Location"] == f"{draft.base}/rediger/handlingsplan/#item-{item.pk}"
    listed = client.get(f"{draft.base}/rediger/handlingsplan/").text
    assert "Nytt sak- og arkivsystem" in listed and "Action item 18 is saved." in listed


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"number": "2"}, "number", "Another action item has the number 2."),
        ({"funding": "Statlige midler"}, "amount_nok", "not both"),
        ({"year_start": "2027", "year_end": "2025"}, "year_end", "end before"),
        ({"amount_nok": "12 00"}, "amount_nok", "whole number of kroner"),
    ],
)
def test_a_bad_item_is_refused_next_to_the_field_and_changes_nothing(
    client: Client, draft: Draft, changes: dict[str, str], field: str, message: str
) -> None:
    counts = row_counts()
    response = client.post(
        f"{draft.base}/rediger/ny-handlingsplanpost/", item_form(**changes)
    )
    assert response.status_code == 422
    assert message in field_error(response, f"id_{field}")
    assert row_counts() == counts


def test_an_item_is_changed_whole_and_a_duplicate_number_refused(
    client: Client, draft: Draft
) -> None:
    url = f"{draft.base}/rediger/handlingsplan/2/endre/"
    assert 'value="Skanning av byggesaksarkivet"' in client.get(url).text
    refused = client.post(url, item_form(revision="1", number="17"), headers=HTMX)
    assert refused.status_code == 422 and "<html" not in refused.text
    assert "Another action item has the number 17." in field_error(refused, "id_number")
    assert ActionItem.objects.get(pk=draft.item.pk).revision == 1
    saved = client.post(url, item_form(revision="1", number="2"), headers=HTMX)
    assert saved["HX-Redirect"].endswith(f"#item-{draft.item.pk}")
    assert ActionItem.objects.get(pk=draft.item.pk).category == "investment"


def test_removing_asks_says_where_it_is_used_and_needs_a_reason(
    client: Client, draft: Draft
) -> None:
    url = f"{draft.base}/rediger/handlingsplan/2/fjern/"
    question = client.get(url).text
    assert "Counted in the stated total" in question and 'name="reason"' in question
    without = client.post(url, {"revision": "1", "reason": ""})
    assert without.status_code == 422
    assert ActionItem.objects.filter(pk=draft.item.pk).exists()
    stale = client.post(url, {"revision": "7", "reason": "Utgår"})
    assert stale.status_code == 409 and ActionItem.objects.filter(pk=draft.item.pk)
    done = client.post(url, {"revision": "1", "reason": "Utgår"}, headers=HTMX)
    assert done["HX-Redirect"] == f"{draft.base}/rediger/handlingsplan/"
    assert not ActionItem.objects.filter(pk=draft.item.pk).exists()
    record = ActionItem.history.filter(id=draft.item.pk).latest()
    assert (record.history_type, record.history_change_reason) == ("-", "Utgår")


def test_the_preview_sanitises_as_the_public_pages_do(
    client: Client, draft: Draft
) -> None:
    url = f"{draft.base}/rediger/kapittel/forhandsvis/"
    text = "# Tittel\n\n<script>alert(1)</script> [x](#) [lenke](https://ks.no)"
    fragment = client.post(url, {"text": text}, headers=HTMX)
    soup = BeautifulSoup(fragment.content, "html.parser")
    assert soup.find("script") is None and "&lt;script&gt;" in fragment.text
    assert [a["href"] for a in soup.find_all("a")] == ["https://ks.no"]
    assert "x" in soup.get_text() and soup.find("h3").get_text() == "Tittel"
    assert "<html" not in fragment.text
    page = client.post(
        url, {"place": "1", "revision": "1", "title": "Innledning", "text": text}
    )
    assert page.status_code == 200 and "<html" in page.text
    soup = BeautifulSoup(page.content, "html.parser")
    preview = soup.find(id="section-preview")
    assert preview is not None and preview.find("script") is None
    assert "Tittel" in preview.get_text()
    form = soup.find("form", action=f"{draft.base}/rediger/kapittel/1/")
    assert form is not None and form.find("textarea").get_text() == text
    assert Section.objects.get(strategy=draft.strategy, position=0).text != text
    assert client.get(url)["Location"] == f"{draft.base}/rediger/kapittel/ny/"


def test_a_chapter_is_added_edited_and_moved(client: Client, draft: Draft) -> None:
    added = client.post(
        f"{draft.base}/rediger/kapittel/ny/",
        {"number": "4", "title": "Gjennomføring", "text": "**Slik**"},
    )
    section = Section.objects.get(strategy=draft.strategy, title="Gjennomføring")
    assert added["Location"] == f"{draft.base}/rediger/kapittel/#section-{section.pk}"
    duplicate = client.post(
        f"{draft.base}/rediger/kapittel/{section.place}/",
        {"revision": "1", "number": "1", "title": "Gjennomføring", "text": ""},
    )
    assert duplicate.status_code == 422
    assert "number 1" in field_error(duplicate, "id_number")
    moved = client.post(
        f"{draft.base}/rediger/kapittel/{section.place}/flytt/",
        {"revision": "1", "step": "-1"},
        headers=HTMX,
    )
    assert moved.status_code == 200 and 'id="section-list"' in moved.text
    assert Section.objects.get(pk=section.pk).place == 3


def test_a_decision_row_is_added_edited_in_place_and_moved(
    client: Client, draft: Draft
) -> None:
    url = f"{draft.base}/rediger/vedtak/"
    bad = client.post(url, {"body": "Kommunestyret", "date": "2009-13"}, headers=HTMX)
    assert bad.status_code == 422 and 'id="decision-list"' in bad.text
    assert "is not a date" in field_error(bad, "new_decision_date")
    added = client.post(url, {"body": "Kommunestyret", "date": "2009-12"})
    decision = Decision.objects.get(strategy=draft.strategy, position=4)
    assert added["Location"] == f"{url}#decision-{decision.pk}"
    assert (decision.date_precision, decision.date) == ("month", dt.date(2009, 12, 1))
    edit = client.get(f"{url}{decision.pk}/", headers=HTMX)
    assert 'value="2009-12"' in edit.text and "<html" not in edit.text
    saved = client.post(
        f"{url}{decision.pk}/",
        {
            "revision": "1",
            "body": "Kommunestyret",
            "date": "2009",
            "reference": "PS 1/09",
        },
        headers=HTMX,
    )
    assert saved.status_code == 200 and "PS 1/09" in saved.text
    client.post(f"{url}{decision.pk}/flytt/", {"revision": "2", "step": "-1"})
    assert Decision.objects.get(pk=decision.pk).position == 3


def test_a_glossary_term_is_added_and_a_duplicate_refused(
    client: Client, draft: Draft
) -> None:
    url = f"{draft.base}/rediger/ordliste/"
    counts = row_counts()
    refused = client.post(url, {"term": "ID-porten", "definition": "igjen"})
    assert refused.status_code == 422 and row_counts() == counts
    assert "already" in field_error(refused, "new_glossary_term_term")
    assert client.post(url, {"term": "Altinn"}).status_code == 302
    assert draft.strategy.glossary.filter(term="Altinn").exists()


def test_a_stated_total_is_listed_with_the_sum_of_its_items(
    client: Client, draft: Draft
) -> None:
    url = f"{draft.base}/rediger/budsjett/"
    page = client.get(url).text
    assert nok_text(3_000_000) in page and nok_text(2_500_000) in page  # the sum
    added = client.post(
        url, {"category": "operating", "year_start": "2025", "year_end": "2027"}
    )
    assert added.status_code == 302
    total = BudgetTotal.objects.get(strategy=draft.strategy, year_start=2025)
    duplicate = client.post(
        f"{url}{total.pk}/",
        {"category": "operating", "year_start": "2024", "year_end": "2024"},
    )
    assert duplicate.status_code == 422
    assert "a total for this category" in field_error(
        duplicate, f"budget_total{total.pk}_category"
    )


def test_a_removed_record_is_listed_to_undo_on_its_page(
    client: Client, draft: Draft
) -> None:
    term = draft.strategy.glossary.get(term="ID-porten")
    url = f"{draft.base}/rediger/ordliste/{term.pk}/fjern/"
    client.post(url, {"reason": "Ikke brukt"})
    listed = client.get(f"{draft.base}/rediger/ordliste/").text
    restore = f"{draft.base}/historikk/gjenopprett/ordliste/{term.pk}/"
    assert f'action="{restore}"' in listed and "Ikke brukt" in listed
    assert client.post(restore).status_code == 302
    assert GlossaryTerm.objects.get(pk=term.pk).term == "ID-porten"
    assert restore not in client.get(f"{draft.base}/rediger/ordliste/").text


# Every route refuses a version that is not a draft


def routes(strategy: Strategy) -> list[tuple[str, str, dict[str, Any]]]:
    """(method, path, data) of every route of views/records.py, for *strategy*."""
    base = f"/o/{strategy.organization.slug}/s/{strategy.pk}/rediger/"
    decision = strategy.decisions.get(position=0).pk
    term = strategy.glossary.get(position=0).pk
    total = strategy.budget_totals.get(category="operating").pk
    gets = [
        "strategi/",
        "handlingsplan/",
        "ny-handlingsplanpost/",
        "handlingsplan/2/endre/",
        "handlingsplan/2/fjern/",
        "budsjett/",
        f"budsjett/{total}/",
        f"budsjett/{total}/fjern/",
        "kapittel/",
        "kapittel/ny/",
        "kapittel/1/",
        "kapittel/1/fjern/",
        "vedtak/",
        f"vedtak/{decision}/",
        f"vedtak/{decision}/fjern/",
        "ordliste/",
        f"ordliste/{term}/",
        f"ordliste/{term}/fjern/",
    ]
    posts = [
        (
            "strategi/",
            {
                "revision": "1",
                "title": "X",
                "period_start": "2024",
                "period_end": "2027",
                "language": "nb",
                "framework": str(strategy.framework_id),
            },
        ),
        ("ny-handlingsplanpost/", item_form()),
        ("handlingsplan/2/endre/", item_form(revision="1", number="2")),
        ("handlingsplan/2/fjern/", {"revision": "1", "reason": "x"}),
        (
            "budsjett/",
            {"category": "operating", "year_start": "2026", "year_end": "2026"},
        ),
        (
            f"budsjett/{total}/",
            {"category": "investment", "year_start": "2025", "year_end": "2027"},
        ),
        (f"budsjett/{total}/fjern/", {"reason": "x"}),
        ("kapittel/ny/", {"title": "X"}),
        ("kapittel/1/", {"revision": "1", "title": "X"}),
        ("kapittel/1/flytt/", {"revision": "1", "step": "1"}),
        ("kapittel/1/fjern/", {"revision": "1", "reason": "x"}),
        ("kapittel/forhandsvis/", {"text": "x"}),
        ("vedtak/", {"body": "X"}),
        (f"vedtak/{decision}/", {"revision": "1", "body": "X"}),
        (f"vedtak/{decision}/flytt/", {"revision": "1", "step": "1"}),
        (f"vedtak/{decision}/fjern/", {"revision": "1", "reason": "x"}),
        ("ordliste/", {"term": "X"}),
        (f"ordliste/{term}/", {"term": "X"}),
        (f"ordliste/{term}/flytt/", {"step": "1"}),
        (f"ordliste/{term}/fjern/", {"reason": "x"}),
    ]
    return [("get", base + path, {}) for path in gets] + [
        ("post", base + path, data) for path, data in posts
    ]


ROUTE_COUNT = 38  # every route of views/records.py, GET and POST


def test_the_frozen_walk_covers_every_route(draft: Draft) -> None:
    from django.urls import resolve

    walked = routes(draft.strategy)
    assert len(walked) == ROUTE_COUNT
    names = {resolve(path).func.__module__ for _method, path, _data in walked}
    assert names == {"planverk.strategies.views.records"}
    views = {resolve(path).url_name for _method, path, _data in walked}
    assert len(views) == 22  # every URL name in urls_authoring.py of records


@pytest.mark.parametrize("state", ["approved", "superseded"])
@pytest.mark.parametrize("index", range(ROUTE_COUNT))
@pytest.mark.parametrize("role", ["editor", "site_admin"])
def test_every_route_refuses_an_approved_or_superseded_version(
    draft: Draft, state: str, index: int, role: str
) -> None:
    strategy = make_strategy(state)
    method, path, data = routes(strategy)[index]
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(getattr(draft, role))
    counts = row_counts()
    response = getattr(client, method)(path, data)
    assert response.status_code == 409, (path, response.status_code)
    assert "only a draft can be changed" in response.text
    assert row_counts() == counts


# Query counts


def count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200, url
    return len(queries)


PAGES = [
    "strategi/",
    "handlingsplan/",
    "ny-handlingsplanpost/",
    "handlingsplan/2/endre/",
    "handlingsplan/2/fjern/",
    "budsjett/",
    "kapittel/",
    "kapittel/ny/",
    "kapittel/1/",
    "kapittel/1/fjern/",
    "vedtak/",
    "vedtak/{decision}/",
    "vedtak/{decision}/fjern/",
    "ordliste/",
    "ordliste/{term}/",
    "budsjett/{total}/",
]


def add_rows(draft: Draft, n: int) -> None:
    """*n* more records of every kind, and one of each removed (listed to undo)."""
    strategy, user = draft.strategy, draft.editor
    item = ActionItem.objects.get(strategy=strategy, number="17")
    records.remove_action_item(item, loaded_revision=1, user=user, reason="x")
    section = strategy.sections.get(position=2)
    records.remove_section(section, loaded_revision=1, user=user, reason="x")
    decision = strategy.decisions.get(position=3)
    records.remove_decision(decision, loaded_revision=1, user=user, reason="x")
    term = strategy.glossary.get(position=1)
    records.remove_glossary_term(term, user=user, reason="x")
    total = strategy.budget_totals.get(category="investment")
    records.remove_budget_total(total, user=user, reason="x")
    for i in range(n):
        records.add_action_item(
            strategy, item_values(number=f"{30 + i}", year_start=2024), user=user
        )
        records.add_section(strategy, {"title": f"Kapittel {i}"}, user=user)
        records.add_decision(
            strategy, {"body": f"Organ {i}", "date": "2024"}, user=user
        )
        records.add_glossary_term(strategy, {"term": f"Ord {i}"}, user=user)
        records.add_budget_total(
            strategy,
            {"category": "investment", "year_start": 2025, "year_end": 2025 + i},
            user=user,
        )


@pytest.mark.parametrize("page", PAGES)
def test_a_records_page_does_not_grow_with_the_rows(
    client: Client, draft: Draft, page: str
) -> None:
    strategy = draft.strategy
    rows = {
        "decision": strategy.decisions.get(position=0).pk,
        "term": strategy.glossary.get(position=0).pk,
        "total": strategy.budget_totals.get(category="operating").pk,
    }
    url = f"{draft.base}/rediger/{page.format(**rows)}"
    few = count(client, url)
    add_rows(draft, 8)
    assert count(client, url) == few
    assert few <= 10
