"""A part's history as people read it: who, when, why, and each field from → to.

Who is named as the organisation chose (organizations/attribution.py): an
entry's ``by``, a level record's ``by``; never a username.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from planverk.organizations.attribution import Attribution
from planverk.organizations.models import Organization, Unit
from planverk.strategies.models import GoalAssessment, Measure, MeasureUnit

# Bookkeeping columns that change with every edit but mean nothing to a reader.
HIDDEN = {"id", "revision", "sort_key", "theme", "strategy", "position"}
# Changes to a measure's units recorded this close together are one edit.
SAME_EDIT = dt.timedelta(seconds=2)


@dataclass
class Change:
    label: str
    old: str
    new: str


@dataclass
class Entry:
    when: dt.datetime
    who: Any
    reason: str
    kind: str  # "+" created, "~" changed, "-" deleted (simple-history's codes)
    changes: list[Change] = field(default_factory=list)
    by: str = ""  # who, as the public is told (Attribution); "" for no one


def display(record: Any, name: str) -> str:
    """A field's value in *record* as text: choices by label, lists joined."""
    value = getattr(record, name)
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    getter = getattr(record, f"get_{name}_display", None)
    if getter is not None:
        return str(getter())
    return "" if value is None else str(value)


def reason_text(record: Any) -> str:
    """The change reason in the reader's language where the system wrote it."""
    reason = record.history_change_reason or ""
    return _(reason) if reason else ""


def _entries(records: list[Any]) -> list[Entry]:
    entries, previous = [], None
    for record in records:
        entry = Entry(
            record.history_date,
            record.history_user,
            reason_text(record),
            record.history_type,
        )
        if previous is not None:
            delta = record.diff_against(previous)
            for change in delta.changes:
                if change.field not in HIDDEN:
                    label = str(record._meta.get_field(change.field).verbose_name)
                    old = display(previous, change.field)
                    entry.changes.append(
                        Change(label, old, display(record, change.field))
                    )
        entries.append(entry)
        previous = record
    return entries


def _records(obj: Any) -> list[Any]:
    return list(
        obj.history.select_related("history_user").order_by(
            "history_date", "history_id"
        )
    )


def _attributed(entries: list[Entry], organization: Organization) -> list[Entry]:
    names = Attribution(organization)
    for entry in entries:
        entry.by = names.name(entry.who)
    return entries


def assessment_timeline(assessment: GoalAssessment) -> list[Entry]:
    """Every recorded state of a goal's status, oldest first."""
    return _attributed(_entries(_records(assessment)), assessment.strategy.organization)


def level_over_time(assessment: GoalAssessment) -> list[Any]:
    """The historical records at which the level or its confirmation changed."""
    names = Attribution(assessment.strategy.organization)
    points, last = [], None
    for record in _records(assessment):
        key = (record.level, record.level_confirmed)
        if key != last:
            record.reason = reason_text(record)
            record.by = names.name(record.history_user)
            points.append(record)
            last = key
    return points


def measure_timeline(measure: Measure) -> list[Entry]:
    """A measure's history with its units' changes folded into the same edits."""
    entries = [e for e in _entries(_records(measure)) if e.changes or e.kind != "~"]
    for entry in _unit_entries(measure):
        near = [
            e
            for e in entries
            if e.who == entry.who and abs(e.when - entry.when) <= SAME_EDIT
        ]
        if near:
            near[-1].changes.extend(entry.changes)
        else:
            entries.append(entry)
    entries.sort(key=lambda e: e.when)
    return _attributed(entries, measure.theme.strategy.organization)


def _unit_entries(measure: Measure) -> list[Entry]:
    """Replay the unit links' history into "units: A, B → A, C" changes."""
    records = list(
        MeasureUnit.history.filter(measure_id=measure.pk)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    names = dict(measure.theme.strategy.organization.units.values_list("pk", "name"))
    # A unit merged into another is gone; its history keeps its name.
    gone = {record.unit_id for record in records} - names.keys()
    if gone:
        former = Unit.history.filter(id__in=gone).order_by("history_date")
        names.update(former.values_list("id", "name"))
    links: dict[int, int] = {}  # unit id → position
    entries: list[Entry] = []
    for record in records:
        before = _names(links, names)
        if record.history_type == "-":
            links.pop(record.unit_id, None)
        else:
            links[record.unit_id] = record.position
        after = _names(links, names)
        last = entries[-1] if entries else None
        if (
            last
            and last.who == record.history_user
            and record.history_date - last.when <= SAME_EDIT
        ):
            last.changes[0].new = after
        else:
            entries.append(
                Entry(
                    record.history_date,
                    record.history_user,
                    reason_text(record),
                    "~",
                    [Change(_("Units"), before, after)],
                )
            )
    return [e for e in entries if e.changes[0].old != e.changes[0].new]


def _names(links: dict[int, int], names: dict[int, str]) -> str:
    ordered = sorted(links, key=lambda unit_id: links[unit_id])
    return ", ".join(names.get(unit_id, "?") for unit_id in ordered)
