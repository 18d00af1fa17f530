"""A published version's public reports are rendered once, in the background,
kept in storage, and served from there to every reader who may not see exempt parts."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client, override_settings
from django_tasks_db.models import DBTaskResult

from planverk.organizations.models import Role
from planverk.reports import stored, views
from planverk.reports.formats import FORMATS, KINDS
from planverk.reports.tasks import render_public_reports
from planverk.strategies.actions.publishing import (
    approve,
    return_to_draft,
    set_exempt,
    start_hearing,
)
from planverk.strategies.models import Strategy
from planverk.testing import make_member, make_strategy

pytestmark = pytest.mark.django_db
TASK = "planverk.reports.tasks.render_public_reports"
STORED = [(k.name, f) for k in KINDS.values() if not k.compares for f in k.formats]


def url(strategy: Strategy, kind: str, fmt: str) -> str:
    return f"/o/{strategy.organization.slug}/s/{strategy.pk}/rapport/{kind}.{fmt}"


def queued() -> list[list[Any]]:
    """The strategies whose rendering is on the queue, in the order queued."""
    return [
        r.args_kwargs["args"]
        for r in DBTaskResult.objects.filter(task_path=TASK).order_by("enqueued_at")
    ]


@pytest.fixture
def editor(rich: Strategy) -> Any:
    return make_member("redaktør", rich.organization, Role.EDITOR)


@pytest.fixture
def renders(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, ...]]:
    """The reports the view renders itself, instead of serving them from storage."""
    made: list[tuple[Any, ...]] = []
    make = views.make

    def counting(*args: Any, **kwargs: Any) -> bytes:
        made.append(args[:2])
        return make(*args, **kwargs)

    monkeypatch.setattr(views, "make", counting)
    return made


def test_publishing_queues_the_rendering_once_committed(
    editor: Any, django_capture_on_commit_callbacks: Any
) -> None:
    draft = make_strategy("draft")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        start_hearing(draft, user=editor)
        assert queued() == []  # not before the commit
    assert len(callbacks) == 1 and queued() == [[draft.pk]]
    older = Strategy.objects.exclude(pk=draft.pk).get()  # the approved one
    with django_capture_on_commit_callbacks(execute=True):
        approve(
            draft,
            user=editor,
            body="Kommunestyret",
            date=dt.date(2026, 3, 1),
            reference="1/26",
        )
    # The older version is superseded: its state in its reports changed too.
    assert sorted(map(tuple, queued()[1:])) == sorted([(draft.pk,), (older.pk,)])


def test_exemption_on_a_public_version_queues_it_and_a_draft_does_not(
    rich: Strategy, editor: Any, django_capture_on_commit_callbacks: Any
) -> None:
    theme = rich.themes.filter(exempt=False)[0]
    with django_capture_on_commit_callbacks(execute=True):
        set_exempt(theme, True, user=editor, basis="offl. § 13")
    assert queued() == [[rich.pk]]
    draft = make_strategy("draft")
    with django_capture_on_commit_callbacks(execute=True):
        set_exempt(draft.themes.all()[0], True, user=editor, basis="offl. § 13")
        start_hearing(draft, user=editor)
        return_to_draft(draft, user=editor)  # withdrawn: nothing more for it
    assert queued() == [[rich.pk], [draft.pk]]


def test_the_task_keeps_every_public_report_but_the_compared_ones(
    rich: Strategy,
) -> None:
    assert render_public_reports.call(rich.pk) == len(STORED)
    for kind, fmt in STORED:
        assert stored.read(rich, kind, fmt), (kind, fmt)
    assert stored.read(rich, "changes", "csv") is None
    # A draft, or a version withdrawn before the task ran, gets none.
    assert render_public_reports.call(make_strategy("draft").pk) == 0


@pytest.mark.parametrize(("kind", "fmt"), [("strategy", "pdf"), ("budget", "xlsx")])
def test_the_next_reader_gets_the_kept_bytes_with_no_rendering(
    rich: Strategy, renders: list[tuple[Any, ...]], kind: str, fmt: str
) -> None:
    render_public_reports.call(rich.pk)
    kept = stored.read(rich, kind, fmt)
    response = Client().get(url(rich, kind, fmt))
    assert response.status_code == 200 and renders == []
    assert response.content == kept
    assert response["Content-Type"] == FORMATS[fmt].media_type


def test_a_change_makes_the_kept_rendering_stale(
    rich: Strategy, editor: Any, renders: list[tuple[Any, ...]]
) -> None:
    render_public_reports.call(rich.pk)
    before = Client().get(url(rich, "budget", "csv")).content
    item = rich.action_items.get(number="17")
    set_exempt(item, True, user=editor, basis="offl. § 23")
    rich.refresh_from_db()
    cache.clear()
    after = Client().get(url(rich, "budget", "csv")).content
    assert renders == [("budget", "csv")]  # rendered anew for the changed version
    assert after != before and item.title in before.decode("utf-8-sig")
    assert item.title not in after.decode("utf-8-sig")
    # That first reader's rendering is kept for the next one.
    cache.clear()
    assert Client().get(url(rich, "budget", "csv")).content == after
    assert renders == [("budget", "csv")]


def test_members_who_see_exempt_parts_get_their_own_rendering(
    rich: Strategy, renders: list[tuple[Any, ...]]
) -> None:
    render_public_reports.call(rich.pk)
    member = Client()
    member.force_login(make_member("anne", rich.organization, Role.READER))
    words = member.get(url(rich, "budget", "csv")).content.decode("utf-8-sig")
    assert "Intranett" in words and renders == [("budget", "csv")]
    assert "Intranett" not in stored.read(rich, "budget", "csv").decode("utf-8-sig")


def test_a_rendering_kept_twice_is_kept_once(rich: Strategy) -> None:
    stored.keep(rich, "budget", "csv", b"first")
    stored.keep(rich, "budget", "csv", b"second")  # another process, meanwhile
    assert stored.read(rich, "budget", "csv") == b"first"
    folder = stored.name(rich, "budget", "csv").rsplit("/", 1)[0]
    assert stored.storage().listdir(folder)[1] == ["budget.csv"]


def test_the_renderings_of_earlier_states_are_removed(rich: Strategy) -> None:
    stored.keep(rich, "budget", "csv", b"old")
    old = stored.name(rich, "budget", "csv")
    Strategy.objects.filter(pk=rich.pk).update(
        updated_at=rich.updated_at + dt.timedelta(seconds=1)
    )
    rich.refresh_from_db()
    render_public_reports.call(rich.pk)
    assert not stored.storage().exists(old)
    assert stored.read(rich, "budget", "csv") not in (None, b"old")


@override_settings(
    TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
)
def test_with_a_worker_at_hand_publishing_leaves_the_pdf_ready(
    editor: Any, django_capture_on_commit_callbacks: Any, renders: list[tuple[Any, ...]]
) -> None:
    draft = make_strategy("draft")
    with django_capture_on_commit_callbacks(execute=True):
        start_hearing(draft, user=editor)
    draft.refresh_from_db()
    pdf = stored.read(draft, "strategy", "pdf")
    assert pdf is not None and pdf.startswith(b"%PDF")
    assert Client().get(url(draft, "strategy", "pdf")).content == pdf
    assert renders == []
