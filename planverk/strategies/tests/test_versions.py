"""Starting a strategy from the national agenda, revising a version into the next,
the versions page and the decisions bound to the versions they approved."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.db import connection, models
from django.test import Client
from django.test.utils import CaptureQueriesContext

from conftest import COUNTY_SEED
from planverk.frameworks.models import Framework, FrameworkGoal
from planverk.interchange.load import load
from planverk.strategies.actions.publishing import approve
from planverk.strategies.actions.versions import (
    REVISED,
    revise,
    start_from_agenda,
    suggest_label,
)
from planverk.strategies.models import (
    ActionItem,
    BudgetTotal,
    Decision,
    GlossaryTerm,
    GoalAssessment,
    Measure,
    MeasureUnit,
    Section,
    Strategy,
    StrategyUnit,
    Theme,
)
from planverk.strategies.permissions import OPERATOR
from planverk.testing import Personas, make_personas, rich_document, row_counts

pytestmark = pytest.mark.django_db

DRAFT_MARK = "UTKAST-VERSJON-4711"
# Every table of a strategy's parts, and what ties a row to its strategy.
PARTS: dict[type[models.Model], str] = {
    StrategyUnit: "strategy",
    Section: "strategy",
    Decision: "strategy",
    GlossaryTerm: "strategy",
    Theme: "strategy",
    Measure: "theme__strategy",
    MeasureUnit: "measure__theme__strategy",
    GoalAssessment: "strategy",
    ActionItem: "strategy",
    BudgetTotal: "strategy",
}
# Ids, and what points at them, differ from version to version; all else is copied.
OWN = {"id", "strategy", "theme", "measure", "revision"}


@pytest.fixture
def client() -> Client:
    return Client(HTTP_ACCEPT_LANGUAGE="en")


@pytest.fixture
def draft() -> Strategy:
    document = rich_document()
    document["strategy"]["state"] = "draft"
    return load(document)


@pytest.fixture
def personas(draft: Strategy) -> Personas:
    return make_personas(draft.organization)


@pytest.fixture
def approved(draft: Strategy, personas: Personas) -> Strategy:
    """Version 2.1 of Fjordvik's strategy, approved by the council: a row in its log."""
    approve(
        draft,
        user=personas.editor,
        body="Fylkestinget",
        date=dt.date(2024, 2, 1),
        reference="PS 7/24",
    )
    return Strategy.objects.select_related("organization").get(pk=draft.pk)


def parts(strategy: Strategy) -> dict[str, list[tuple[Any, ...]]]:
    """Each table's rows of *strategy*, by their fields without ids, in order."""
    found = {}
    for model, to_strategy in PARTS.items():
        fields = [f.attname for f in model._meta.concrete_fields if f.name not in OWN]
        rows = model._default_manager.filter(**{to_strategy: strategy})
        found[model.__name__] = [tuple(r) for r in rows.values_list(*fields)]
    return found


def ids(strategy: Strategy) -> set[tuple[str, int]]:
    return {
        (model.__name__, pk)
        for model, to_strategy in PARTS.items()
        for pk in model._default_manager.filter(**{to_strategy: strategy}).values_list(
            "pk", flat=True
        )
    }


def links(page: str, selector: str = "main a") -> list[str]:
    return [str(a["href"]) for a in BeautifulSoup(page, "html.parser").select(selector)]


# Starting from the national agenda


def ekommune() -> Framework:
    return Framework.objects.get(slug="ekommune-2012")


def start(user: Any, organization: Any, **chosen: Any) -> Strategy:
    framework = ekommune()
    return start_from_agenda(
        organization,
        user=user,
        framework=framework,
        title="IKT-strategi 2026–2029",
        period_start=2026,
        period_end=2029,
        language="nn",
        areas=chosen.get("areas", framework.areas.all()),
    )


def test_a_strategy_starts_with_a_theme_per_area_holding_its_goals(
    approved: Strategy, personas: Personas
) -> None:
    strategy = start(personas.editor, approved.organization)
    framework = ekommune()
    themes = list(strategy.themes.all())
    areas = list(framework.areas.order_by("number"))
    assert [(t.number, t.title, t.framework_area) for t in themes] == [
        (str(a.number), a.title, a) for a in areas
    ]
    goals = list(strategy.goal_assessments.select_related("framework_goal__area"))
    in_agenda = FrameworkGoal.objects.filter(area__framework=framework).count()
    assert len(goals) == in_agenda == 46
    for goal in goals:
        agenda = goal.framework_goal
        assert agenda is not None
        assert (goal.area, goal.theme_number, goal.number) == (
            agenda.area.title,
            str(agenda.area.number),
            agenda.number,
        )
        assert (goal.deadline, goal.goal_text) == (agenda.deadline, agenda.text)
        assert (goal.level, goal.level_confirmed) == ("unknown", False)
    assert [g.position for g in goals] == list(range(46))
    assert (strategy.state, strategy.language, strategy.framework) == (
        "draft",
        "nn",
        framework,
    )
    assert strategy.lineage != approved.lineage
    assert strategy.history.get().history_user == personas.editor


def test_the_chosen_areas_become_themes_in_the_agendas_order(
    approved: Strategy, personas: Personas
) -> None:
    areas = ekommune().areas
    chosen = [areas.get(number=7), areas.get(number=2)]
    strategy = start(personas.editor, approved.organization, areas=chosen)
    assert list(strategy.themes.values_list("number", flat=True)) == ["2", "7"]
    assert list(strategy.goal_assessments.values_list("theme_number", "number")) == [
        ("2", 1),
        ("2", 2),
        ("2", 3),
        ("7", 1),
        ("7", 2),
        ("7", 3),
    ]


def test_only_editors_start_a_strategy(approved: Strategy, personas: Personas) -> None:
    counts = row_counts()
    for user in (personas.reader, personas.unit_editor, personas.outsider):
        with pytest.raises(PermissionDenied):
            start(user, approved.organization)
    assert row_counts() == counts


# Revising


def test_revising_copies_every_part_with_its_key_and_new_ids(
    approved: Strategy, personas: Personas
) -> None:
    new = revise(approved, user=personas.editor)
    before, after = parts(approved), parts(new)
    assert after == before
    assert all(before.values()), "the rich document has rows in every table"
    assert not ids(new) & ids(approved)
    keys = {
        m: list(m.objects.filter(strategy=approved).values_list("key", flat=True))
        for m in (Theme, GoalAssessment, ActionItem, Section)
    }
    for model, old_keys in keys.items():
        assert (
            list(model.objects.filter(strategy=new).values_list("key", flat=True))
            == old_keys
        )
    assert (new.state, new.lineage, new.revised_from) == (
        "draft",
        approved.lineage,
        approved,
    )
    assert new.version_label == "2.2"
    # The log's rows are copied, and the one that approved 2.1 still names it.
    assert new.decisions.get(reference="PS 7/24").approves == approved


def test_exempt_marks_are_kept(approved: Strategy, personas: Personas) -> None:
    new = revise(approved, user=personas.editor)
    exempt = Measure.objects.get(theme__strategy=new, number="21.1")
    assert (exempt.exempt, exempt.exempt_basis) == (True, "offl. § 24 tredje ledd")
    assert new.decisions.get(body="Rådmannens ledergruppe").exempt


def test_a_measures_units_keep_their_order(
    approved: Strategy, personas: Personas
) -> None:
    new = revise(approved, user=personas.editor)
    measure = Measure.objects.get(theme__strategy=new, number="21.1")
    assert [u.name for u in measure.owners] == ["Helse- og omsorg", "IKT-tjenesten"]


def test_every_copy_is_in_the_history_as_the_revision(
    approved: Strategy, personas: Personas
) -> None:
    new = revise(approved, user=personas.editor)
    assert new.history.get().history_change_reason == REVISED
    for model, to_strategy in PARTS.items():
        rows = model.history.filter(**{to_strategy: new})  # type: ignore[attr-defined]
        assert rows.exists(), model
        assert set(rows.values_list("history_change_reason", "history_user")) == {
            (REVISED, personas.editor.pk)
        }


@pytest.mark.parametrize(
    ("label", "suggested"),
    [
        ("1.1", "1.2"),
        ("2", "3"),
        ("", "2"),
        ("1.9", "1.10"),
        ("v3", "v4"),
        ("2024-1", "2024-2"),
        ("utkast", "2"),
    ],
)
def test_the_next_label_counts_the_last_number_up(label: str, suggested: str) -> None:
    assert suggest_label(label) == suggested


def test_the_suggested_label_is_one_no_other_version_has(
    approved: Strategy, personas: Personas
) -> None:
    first = revise(approved, user=personas.editor)
    second = revise(approved, user=personas.editor)
    assert (first.version_label, second.version_label) == ("2.2", "2.3")
    assert revise(first, user=personas.editor, label="3.0").version_label == "3.0"


def test_a_draft_is_revised_too(approved: Strategy, personas: Personas) -> None:
    draft = revise(approved, user=personas.editor)
    again = revise(draft, user=personas.editor)
    assert again.revised_from == draft
    assert parts(again) == parts(approved)


def test_only_editors_revise(approved: Strategy, personas: Personas) -> None:
    counts = row_counts()
    for user in (personas.reader, personas.unit_editor, personas.outsider):
        with pytest.raises(PermissionDenied):
            revise(approved, user=user)
    assert row_counts() == counts


def bigger(name: str, extra: int) -> Strategy:
    """The rich document with *extra* more measures, goals and action items."""
    document = rich_document()
    document["organization"]["name"] = name
    data = document["strategy"]
    measure, goal, item = (
        data["themes"][0]["measures"][0],
        data["goal_assessments"][0],
        data["action_plan"][0],
    )
    for i in range(extra):
        data["themes"][0]["measures"].append({**measure, "number": f"3.{20 + i}"})
        data["goal_assessments"].append(
            {**goal, "number": 10 + i, "framework_goal": None}
        )
        data["action_plan"].append({**item, "number": str(30 + i)})
    return Strategy.objects.select_related("organization").get(pk=load(document).pk)


def queries_of(strategy: Strategy, user: Any) -> int:
    with CaptureQueriesContext(connection) as queries:
        revise(strategy, user=user)
    return len(queries)


def test_revising_takes_as_many_queries_whatever_the_parts() -> None:
    small, large = bigger("Lia kommune", 0), bigger("Nes kommune", 20)
    few = queries_of(small, OPERATOR)
    assert few == queries_of(large, OPERATOR)
    # Per table: read the rows, insert the copies, insert their history.
    assert few <= 3 * len(PARTS) + 6


def test_the_county_strategy_is_revised_whole(
    seed_path: Callable[[str], Path],
) -> None:
    call_command("import", str(seed_path(COUNTY_SEED)), verbosity=0)
    county = Strategy.objects.latest("pk")
    new = revise(county, user=OPERATOR)
    assert Measure.objects.filter(theme__strategy=new).count() == 61
    assert new.goal_assessments.count() == 45
    assert parts(new) == parts(county)
    assert new.history.get().history_user is None  # the command line's operator


# The start page


def start_url(strategy: Strategy) -> str:
    return f"/o/{strategy.organization.slug}/ny/"


def agenda_form(**changes: Any) -> dict[str, Any]:
    framework = ekommune()
    return {
        "framework": framework.pk,
        "title": "IKT-strategi 2026–2029",
        "period_start": "2026",
        "period_end": "2029",
        "language": "nb",
        "areas": [a.pk for a in framework.areas.filter(number__in=[1, 9])],
        **changes,
    }


def test_the_start_page_offers_three_ways(
    client: Client, approved: Strategy, personas: Personas
) -> None:
    client.force_login(personas.editor)
    page = client.get(start_url(approved)).content.decode()
    soup = BeautifulSoup(page, "html.parser")
    boxes = soup.select('input[name="areas"]')
    assert len(boxes) == 18 and all(box.has_attr("checked") for box in boxes)
    assert soup.select_one(
        f'form[action="/o/fjordvik-kommune/s/{approved.pk}/revider/"]'
    )
    assert "/o/fjordvik-kommune/importer/" in links(page)


def test_starting_from_the_agenda_opens_the_new_draft(
    client: Client, approved: Strategy, personas: Personas
) -> None:
    client.force_login(personas.editor)
    response = client.post(start_url(approved), agenda_form())
    new = Strategy.objects.latest("pk")
    assert response.status_code == 302
    assert response["Location"] == f"/o/fjordvik-kommune/s/{new.pk}/rediger/"
    assert list(new.themes.values_list("number", flat=True)) == ["1", "9"]
    assert "ready to be written" in client.get(response["Location"]).content.decode()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": ""}, "title"),
        ({"period_start": "2030"}, "period_end"),
        ({"period_start": "٢٠٢٦"}, "period_start"),
        ({"period_end": "3000"}, "period_end"),
        ({"framework": "999"}, "framework"),
        ({"areas": ["999999"]}, "areas"),
        ({"language": "xx"}, "language"),
    ],
)
def test_bad_input_is_refused_next_to_its_field(
    client: Client,
    approved: Strategy,
    personas: Personas,
    changes: dict[str, Any],
    field: str,
) -> None:
    client.force_login(personas.editor)
    counts = row_counts()
    response = client.post(start_url(approved), agenda_form(**changes))
    assert response.status_code == 422
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one(f"#id_{field}_error"), field
    assert row_counts() == counts


def test_the_start_page_is_for_editors(
    client: Client, approved: Strategy, personas: Personas
) -> None:
    assert client.get(start_url(approved)).status_code == 302  # to sign in
    client.force_login(personas.reader)
    assert client.get(start_url(approved)).status_code == 403


# The "Revise" button


def test_the_revise_button_opens_the_new_draft(
    client: Client, approved: Strategy, personas: Personas
) -> None:
    client.force_login(personas.editor)
    panel = client.get(f"/o/fjordvik-kommune/s/{approved.pk}/publisering/")
    url = f"/o/fjordvik-kommune/s/{approved.pk}/revider/"
    assert f'action="{url}"' in panel.content.decode()
    assert client.get(url).status_code == 405
    response = client.post(url)
    new = Strategy.objects.latest("pk")
    assert new.revised_from == approved
    assert response["Location"] == f"/o/fjordvik-kommune/s/{new.pk}/rediger/"


# The versions page


@pytest.fixture
def lineage(approved: Strategy, personas: Personas) -> list[Strategy]:
    """2.1 approved, then 2.2 approved (superseding it), then 2.3 in draft."""
    second = revise(approved, user=personas.editor)
    approve(
        second,
        user=personas.editor,
        body="Bystyret",
        date=dt.date(2025, 3, 4),
        reference="PS 9/25",
    )
    third = revise(second, user=personas.editor)
    Strategy.objects.filter(pk=third.pk).update(title=f"Utkast {DRAFT_MARK}")
    return [Strategy.objects.get(pk=s.pk) for s in (approved, second, third)]


def versions_page(client: Client, strategy: Strategy) -> str:
    response = client.get(f"/o/fjordvik-kommune/s/{strategy.pk}/versjoner/")
    assert response.status_code == 200
    return response.content.decode()


def rows(page: str) -> list[list[str]]:
    soup = BeautifulSoup(page, "html.parser")
    return [
        [" ".join(cell.get_text().split()) for cell in tr.select("th, td")]
        for tr in soup.select("main tbody tr")
    ]


def test_the_public_sees_the_published_versions_and_what_approved_them(
    client: Client, lineage: list[Strategy]
) -> None:
    first, second, draft = lineage
    page = versions_page(client, first)
    assert [r[:2] for r in rows(page)] == [
        ["Version 2.1 This version", "Superseded"],
        ["Version 2.2", "Approved"],
    ]
    assert rows(page)[0][3] == "Fylkestinget, 1 February 2024 (PS 7/24)"
    assert rows(page)[1][3] == "Bystyret, 4 March 2025 (PS 9/25)"
    found = links(page, "main tbody a")
    assert found == [
        f"/o/fjordvik-kommune/s/{first.pk}/",
        f"/o/fjordvik-kommune/s/{second.pk}/",
        f"/o/fjordvik-kommune/s/{first.pk}/endringer/{second.pk}/",
    ]
    assert DRAFT_MARK not in page and f"/s/{draft.pk}/" not in page
    assert "revider" not in page


def test_members_see_the_draft_version_too(
    client: Client, lineage: list[Strategy], personas: Personas
) -> None:
    _first, second, draft = lineage
    client.force_login(personas.reader)
    page = versions_page(client, second)
    assert [r[1] for r in rows(page)] == ["Superseded", "Approved", "Draft"]
    assert f"/o/fjordvik-kommune/s/{second.pk}/endringer/{draft.pk}/" in links(page)
    assert "revider" not in page  # a reader does not revise


def test_editors_revise_from_the_versions_page(
    client: Client, lineage: list[Strategy], personas: Personas
) -> None:
    client.force_login(personas.editor)
    page = versions_page(client, lineage[0])
    assert page.count("/revider/") == 3


def test_a_draft_has_no_versions_page_for_the_public(
    client: Client, lineage: list[Strategy], personas: Personas
) -> None:
    url = f"/o/fjordvik-kommune/s/{lineage[2].pk}/versjoner/"
    assert client.get(url).status_code == 404
    client.force_login(personas.outsider)
    assert client.get(url).status_code == 404


def test_an_exempt_approval_is_withheld_in_its_place(
    client: Client, lineage: list[Strategy]
) -> None:
    Decision.objects.filter(reference="PS 9/25").update(
        exempt=True, exempt_basis="offl. § 14"
    )
    page = versions_page(client, lineage[0])
    assert "Bystyret" not in page
    assert "offl. § 14" in rows(page)[1][3]


def test_the_versions_page_takes_as_many_queries_whatever_the_versions(
    client: Client, lineage: list[Strategy], personas: Personas
) -> None:
    client.force_login(personas.editor)
    versions_page(client, lineage[0])  # the session and the memberships, once

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            versions_page(client, lineage[0])
        return len(queries)

    few = count()
    for _i in range(4):
        revise(lineage[2], user=personas.editor)
    assert count() == few
    assert few <= 12


def test_the_strategys_navigation_links_its_versions(
    client: Client, approved: Strategy
) -> None:
    page = client.get(f"/o/fjordvik-kommune/s/{approved.pk}/").content.decode()
    assert f"/o/fjordvik-kommune/s/{approved.pk}/versjoner/" in links(
        page, ".strategy-nav a"
    )


# Decisions bound to the versions they approved


def test_the_decision_log_shows_which_version_each_decision_approved(
    client: Client, lineage: list[Strategy]
) -> None:
    first, second, _draft = lineage
    log = rows(
        client.get(f"/o/fjordvik-kommune/s/{second.pk}/vedtak/").content.decode()
    )
    approved_by = {r[1]: r[4] for r in log if len(r) == 5}
    assert approved_by["Kommunestyret"] == ""  # imported: names no version
    assert approved_by["Fylkestinget"].startswith(
        "IKT-strategi 2024–2027 for Fjordvik v2.1"
    )
    assert approved_by["Bystyret"] == "This version"
    own = rows(client.get(f"/o/fjordvik-kommune/s/{first.pk}/vedtak/").content.decode())
    assert [r[4] for r in own if r[2:3] == ["PS 7/24"]] == ["This version"]
    later = client.get(f"/o/fjordvik-kommune/s/{second.pk}/vedtak/").content.decode()
    assert f"/o/fjordvik-kommune/s/{first.pk}/" in links(later, "main tbody a")


# Accessibility


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("national_agenda")
def test_the_start_and_versions_pages_pass_axe(
    live_server: Any, page: Any, axe: Callable[[Any], list[dict[str, Any]]]
) -> None:
    document = rich_document()
    document["strategy"]["state"] = "approved"
    first = load(document)
    editor = make_personas(first.organization).editor
    second = revise(first, user=editor)
    client = Client()
    client.force_login(editor)
    page.context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": live_server.url,
            }
        ]
    )
    found = {}
    for url in (
        "/o/fjordvik-kommune/ny/",
        f"/o/fjordvik-kommune/s/{first.pk}/versjoner/",
        f"/o/fjordvik-kommune/s/{second.pk}/versjoner/",
    ):
        response = page.goto(live_server.url + url)
        assert response is not None and response.status == 200, url
        violations = axe(page)
        if violations:
            found[url] = violations
    assert found == {}
