"""The public Atom feed: strategies as they are published, and their decisions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.xmlutils import SimplerXMLGenerator

from planverk.lib.dates import date_text
from planverk.strategies.models import Decision, Strategy

LIMIT = 50
# The feed is public: it lists what an anonymous reader may read.
ANONYMOUS = AnonymousUser()


@dataclass(frozen=True)
class Entry:
    title: str
    text: str
    link: str
    guid: str
    date: dt.datetime


def _midnight(date: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(date, dt.time()))


def strategy_entries() -> list[Entry]:
    """The newest public strategies (never drafts)."""
    strategies = (
        Strategy.objects.visible_to(ANONYMOUS)
        .select_related("organization")
        .order_by("-updated_at", "-pk")[:LIMIT]
    )
    return [
        Entry(
            title=f"{s.organization.name}: {s.title} ({s.get_state_display()})",
            text=s.vision,
            link=s.get_absolute_url(),
            guid=f"{s.get_absolute_url()}#{s.state}",
            date=s.updated_at,
        )
        for s in strategies
    ]


def decision_entries() -> list[Entry]:
    """The newest dated decisions of public strategies, leaving out exempt ones;
    decisions of one day in the document's order, the last row first."""
    decisions = (
        Decision.objects.restrict(ANONYMOUS)
        .filter(date__isnull=False)
        .select_related("strategy__organization")
        .order_by("-date", "strategy", "-position", "-pk")[:LIMIT]
    )
    return [
        Entry(
            title=f"{d.strategy.organization.name}: {_decided(d)}",
            text=d.note,
            link=_decision_log(d.strategy),
            guid=f"{_decision_log(d.strategy)}#decision-{d.pk}",
            date=_midnight(d.date),
        )
        for d in decisions
    ]


def _decided(decision: Decision) -> str:
    """Who decided, when and the reference: the date as the pages write it."""
    when = date_text(decision.date, decision.date_precision)
    return " ".join(filter(None, (decision.body, when, decision.reference)))


def _decision_log(strategy: Strategy) -> str:
    return reverse("site:decision_log", args=[strategy.organization.slug, strategy.pk])


class PlainTextAtomFeed(Atom1Feed):
    """Atom whose entry summaries are plain text: ``<summary type="text">``.

    Django writes summaries as ``type="html"``, which tells a feed reader to
    unescape the text once more and render it as markup, so a vision reading
    "<script>…" would become live markup there. Visions and decision notes are
    plain text: the summary carries them escaped once, and is shown as written.
    """

    def add_item_elements(
        self, handler: SimplerXMLGenerator, item: dict[str, Any]
    ) -> None:
        # Django's own elements, without its HTML summary; then ours.
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"] is not None:
            handler.addQuickElement("summary", item["description"], {"type": "text"})


class PublishedFeed(Feed):
    """Published strategies and decisions, newest first (two queries)."""

    feed_type = PlainTextAtomFeed
    title = "Planverk"
    subtitle = gettext_lazy("Published ICT strategies and their decisions")

    def link(self) -> str:
        return reverse("site:organization_list")

    def items(self) -> list[Entry]:
        entries = strategy_entries() + decision_entries()
        return sorted(entries, key=lambda e: e.date, reverse=True)[:LIMIT]

    def item_title(self, item: Entry) -> str:
        return item.title

    def item_description(self, item: Entry) -> str:
        return item.text or _("No description.")

    def item_link(self, item: Entry) -> str:
        return item.link

    def item_guid(self, item: Entry) -> str:
        return item.guid

    def item_updateddate(self, item: Entry) -> dt.datetime:
        return item.date

    def item_pubdate(self, item: Entry) -> dt.datetime:
        return item.date
