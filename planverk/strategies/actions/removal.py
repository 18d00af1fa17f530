"""Removing a part of a draft, and undoing that from the history: for every kind.

A removal deletes the part (and what goes with it: a theme's measures, their
units and its goal statuses; a measure's units) one row at a time, so that
django-simple-history keeps a "-" record of each with who and why. The records
of one removal share its moment (``history_date``): undoing it brings back the
part and exactly what went with it, with the same primary keys and stable keys.

Only a draft changes: a version on hearing, approved or superseded is frozen
for content, and every authoring action raises ``Frozen`` for it, before it
asks the permission rules; the views answer that with 409 (the version's
state, not the reader, is what refuses; for everyone but a site admin the
rules refuse it too).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from planverk.lib.audit import attributed
from planverk.lib.numbering import natural_key
from planverk.organizations.attribution import Attribution
from planverk.organizations.models import Unit
from planverk.strategies.actions.editing import EditConflict
from planverk.strategies.models import (
    ActionBudget,
    ActionItem,
    ActionMeasure,
    ActionPlan,
    BudgetTotal,
    Decision,
    GlossaryTerm,
    GoalAssessment,
    Measure,
    MeasureUnit,
    PlanAction,
    Section,
    Strategy,
    Theme,
)
from planverk.strategies.permissions import Action, require

# The kinds a removal can be undone for, by the name the history's URLs use.
KINDS: dict[str, type[models.Model]] = {
    "tema": Theme,
    "tiltak": Measure,
    "mal": GoalAssessment,
    "handlingsplan": ActionItem,
    "budsjett": BudgetTotal,
    "kapittel": Section,
    "vedtak": Decision,
    "ordliste": GlossaryTerm,
}
# What goes with a part of each kind when it is removed, in the order it comes
# back (a measure before its units).
CARRIES: dict[type[models.Model], tuple[type[models.Model], ...]] = {
    Theme: (Measure, MeasureUnit, GoalAssessment),
    Measure: (MeasureUnit,),
    PlanAction: (ActionMeasure, ActionBudget),
}
UNDONE = gettext_noop("removal undone")
_SUFFIX = re.compile(r"(\d+)$")


class Frozen(Exception):
    """*strategy* has left the draft state: its content can no longer change."""

    def __init__(self, strategy: Strategy) -> None:
        self.strategy = strategy
        super().__init__(f"{strategy.pk} is {strategy.state}, not a draft")


class NotRemoved(Exception):
    """There is no removal to undo: the part exists, or never did."""


def check_draft(strategy: Strategy) -> None:
    """Raise Frozen unless *strategy* is a draft."""
    if not strategy.is_draft:
        raise Frozen(strategy)


def require_draft(user: Any, strategy: Strategy) -> None:
    """What every structural change asks first: a draft, and an editor of it."""
    check_draft(strategy)
    require(user, Action.EDIT_STRATEGY, strategy)


def strategy_of(part: Any) -> Strategy:
    """The strategy *part* belongs to (a measure's through its theme)."""
    if isinstance(part, MeasureUnit):
        part = part.measure
    if isinstance(part, Measure):
        return part.theme.strategy
    strategy: Strategy = part.strategy
    return strategy


def next_number(taken: Iterable[str], prefix: str = "") -> str:
    """The next free number after the highest "<prefix>N" in *taken*: with
    7.1 … 7.8 taken and prefix "7.", "7.9"; with no prefix, the next whole number."""
    highest = 0
    for number in taken:
        rest = number.removeprefix(prefix) if prefix else number
        if (not prefix or number.startswith(prefix)) and rest.isdigit():
            highest = max(highest, int(rest))
    return f"{prefix}{highest + 1}"


# Removing


@dataclass(frozen=True)
class Removal:
    """A part removed, with its *pk* (the delete clears the part's own), what went
    with it, and *when* (the moment its records share)."""

    part: models.Model
    pk: int
    when: dt.datetime
    carried: list[models.Model] = field(default_factory=list)


def carried_by(part: models.Model) -> list[models.Model]:
    """What is removed with *part*, in the order it is deleted (units first)."""
    if isinstance(part, Theme):
        goals = GoalAssessment.objects.filter(
            strategy_id=part.strategy_id, theme_number=part.number
        )
        return [
            *MeasureUnit.objects.filter(measure__theme=part),
            *part.measures.all(),
            *goals,
        ]
    if isinstance(part, Measure):
        return list(part.measureunit_set.all())
    if isinstance(part, PlanAction):
        return [*part.served.all(), *part.budgets.all()]
    return []


@transaction.atomic
def remove_part(
    part: models.Model,
    *,
    user: Any,
    reason: str,
    loaded_revision: int | None = None,
    check: Callable[[Any, Any], None] | None = None,
) -> Removal:
    """Remove *part* of a draft, and what goes with it (``carried_by``), for *reason*.

    With *loaded_revision* (the revision the confirmation page showed) the
    removal is a compare-and-set: if the part changed meanwhile, EditConflict,
    and nothing is removed. *check*(user, part) refuses what may not be removed
    (by default: all but an editor's removal from a draft strategy; an action
    plan's actions ask their plan, actions/plans.py).
    """
    if check is None:
        require_draft(user, strategy_of(part))
    else:
        check(user, part)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why it is removed.")})
    model = type(part)
    if loaded_revision is not None:
        # Claims the row: of a removal and an edit from the same revision, one wins.
        won = model._default_manager.filter(
            pk=part.pk, revision=loaded_revision
        ).update(revision=F("revision") + 1)
        if not won:
            raise EditConflict(model._default_manager.get(pk=part.pk), {})
        part.refresh_from_db()
    pk, when = part.pk, timezone.now()
    carried = carried_by(part)
    for obj in [*carried, part]:
        attributed(obj, user=user, reason=reason)
        obj._history_date = when  # type: ignore[attr-defined]
        obj.delete()
    return Removal(part, pk, when, carried)


# Undoing a removal


@dataclass(frozen=True)
class Restored:
    """A part back from its removal, with what went with it; *renumbered* is
    the number it got where its own was taken meanwhile (else "")."""

    part: models.Model
    carried: list[models.Model]
    renumbered: str = ""


def last_record(model: type[models.Model], pk: int) -> Any:
    """The newest historical record of *model* *pk*, or None."""
    history = model.history  # type: ignore[attr-defined]
    return history.filter(id=pk).order_by("-history_date", "-history_id").first()


def removed_record(model: type[models.Model], pk: int) -> Any:
    """The "-" record of *pk*'s removal, if its removal is the last thing that
    happened to it; else NotRemoved."""
    record = last_record(model, pk)
    if record is None or record.history_type != "-":
        raise NotRemoved(f"{model.__name__} {pk}")
    return record


def strategy_of_record(model: type[models.Model], record: Any) -> Strategy:
    """The strategy a removed part belonged to; ValidationError if a measure's
    theme is removed too (it comes back with its theme)."""
    if model is Measure:
        theme = Theme.objects.select_related("strategy").filter(pk=record.theme_id)
        found = theme.first()
        if found is None:
            raise ValidationError(
                _("Its theme is removed too: undo the removal of the theme.")
            )
        return found.strategy
    if model is PlanAction:
        return (
            ActionPlan.objects.select_related("strategy")
            .get(pk=record.plan_id)
            .strategy
        )
    return Strategy.objects.get(pk=record.strategy_id)


@transaction.atomic
def restore_removed(
    model: type[models.Model],
    pk: int,
    *,
    user: Any,
    reason: str = "",
    strategy: Strategy | None = None,
    check: Callable[[Any, Any], None] | None = None,
) -> Restored:
    """Undo the removal of *model* *pk*: the part comes back as it was removed,
    with the same primary key and stable key, and with what went with it.

    Its history records the restoring as *user*'s, for *reason* (by default
    "removal undone"). If its number was taken meanwhile, it gets the next free
    one (``Restored.renumbered``). With *strategy*, NotRemoved unless the part
    was removed from it. *check* refuses as remove_part's does.
    """
    record = removed_record(model, pk)
    found = strategy_of_record(model, record)
    if strategy is not None and found.pk != strategy.pk:
        raise NotRemoved(f"{model.__name__} {pk} is not of {strategy.pk}")
    strategy = found
    part = record.instance
    if check is None:
        require_draft(user, strategy)
    else:
        check(user, part)  # as remove_part's
    renumbered = _free_number(part)
    why = reason.strip() or UNDONE
    _insert(part, user=user, reason=why, revision=_revision(part))
    carried = []
    for kind in CARRIES.get(model, ()):
        for child in _removed_with(kind, record.history_date):
            if isinstance(child, GoalAssessment) and renumbered:
                child.theme_number = renumbered
            _insert(child, user=user, reason=why, revision=_revision(child))
            carried.append(child)
    return Restored(part, carried, renumbered)


def removed_from(
    strategy: Strategy, model: type[models.Model], pk: int
) -> tuple[Any, Any]:
    """(the part as it was removed, its "-" record), if *pk* was removed from
    *strategy* and is still removed; else NotRemoved. A measure carries its
    theme (as it was removed, if it is removed too) and *strategy*."""
    record = removed_record(model, pk)
    part = record.instance
    owner = part
    if model is Measure:
        theme = Theme.objects.filter(pk=record.theme_id).first()
        owner = part.theme = theme or removed_record(Theme, record.theme_id).instance
    if owner.strategy_id != strategy.pk:
        raise NotRemoved(f"{model.__name__} {pk} is not of {strategy.pk}")
    owner.strategy = strategy
    return part, record


def _removed_with(kind: type[models.Model], when: dt.datetime) -> list[Any]:
    """The parts of *kind* removed at the moment *when* that are still removed."""
    history = kind.history  # type: ignore[attr-defined]
    records = history.filter(history_type="-", history_date=when).exclude(
        id__in=kind._default_manager.values("pk")
    )
    if kind is MeasureUnit:
        # A unit merged away or deleted since does not come back.
        records = records.filter(unit_id__in=Unit.objects.values("pk"))
    return [r.instance for r in records.order_by("history_id")]


def _revision(part: Any) -> int:
    return int(getattr(part, "revision", 0)) + 1


def _free_number(part: Any) -> str:
    """Give *part* the next free number if another part now has its own; the
    number it got, or "" when its own was free."""
    siblings: Any
    if isinstance(part, Measure):
        siblings = Measure.objects.filter(theme_id=part.theme_id)
        prefix = f"{part.number.rpartition('.')[0]}." if "." in part.number else ""
    elif isinstance(part, PlanAction):
        siblings = PlanAction.objects.filter(plan_id=part.plan_id)
        prefix = ""
    elif isinstance(part, Theme | ActionItem):
        siblings = type(part).objects.filter(strategy_id=part.strategy_id)
        prefix = ""
    else:
        return ""
    taken = list(siblings.values_list("number", flat=True))
    if part.number not in taken:
        return ""
    part.number = next_number(taken, prefix)
    part.sort_key = natural_key(part.number)
    return str(part.number)


def _insert(part: Any, *, user: Any, reason: str, revision: int) -> None:
    if hasattr(part, "revision"):
        part.revision = revision
    attributed(part, user=user, reason=reason)
    try:
        with transaction.atomic():
            part.save(force_insert=True)
    except IntegrityError as error:
        raise ValidationError(
            _("It cannot come back: another part has taken its place since.")
        ) from error


# What was removed from a strategy


@dataclass
class RemovedPart:
    """A removal to show in a list: the part as it was removed, and its record."""

    kind: str  # a key of KINDS
    part: Any
    record: Any
    carried: list[RemovedPart] = field(default_factory=list)  # removed with it
    restorable: bool = True  # False: it comes back only with its theme
    by: str = ""  # who removed it, as the organisation names people

    @property
    def when(self) -> dt.datetime:
        return self.record.history_date

    @property
    def reason(self) -> str:
        return str(self.record.history_change_reason or "")

    @property
    def label(self) -> str:
        """The part as a list names it: its kind, then itself ("Glossary term X")."""
        return f"{capfirst(self.part._meta.verbose_name)} {self.part}"


def removed_parts(
    strategy: Strategy, kinds: Iterable[str] = tuple(KINDS)
) -> list[RemovedPart]:
    """What was removed from *strategy* and is still removed, newest first.

    A part removed with another (a theme's measures and goals) is listed under
    it, in ``carried``. A few queries for each kind, whatever was removed.
    """
    found = {kind: _removed_of(kind, strategy) for kind in kinds}
    themes = {r.record.history_date: r for r in found.get("tema", [])}
    names = Attribution(strategy.organization)
    shown = []
    for kind, entries in found.items():
        for entry in reversed(entries):  # oldest first: as they were removed
            parent = themes.get(entry.record.history_date)
            if kind != "tema" and parent is not None:
                parent.carried.append(entry)
            else:
                entry.by = names.name(entry.record.history_user)
                shown.append(entry)
    return sorted(shown, key=lambda entry: entry.when, reverse=True)


def _removed_of(kind: str, strategy: Strategy) -> list[RemovedPart]:
    model = KINDS[kind]
    history = model.history  # type: ignore[attr-defined]
    if model is Measure:
        themes = Theme.history.filter(strategy_id=strategy.pk).values("id")
        records = history.filter(theme_id__in=themes)
    else:
        records = history.filter(strategy_id=strategy.pk)
    removed = (
        records.filter(history_type="-")
        .exclude(id__in=model._default_manager.values("pk"))
        .select_related("history_user")
        .order_by("-history_date", "-history_id")
    )
    live_themes = set()
    if model is Measure:
        live_themes = set(strategy.themes.values_list("pk", flat=True))
    entries: dict[int, RemovedPart] = {}
    for record in removed:
        if record.id not in entries:  # its newest removal only
            restorable = model is not Measure or record.theme_id in live_themes
            entries[record.id] = RemovedPart(
                kind, record.instance, record, restorable=restorable
            )
    return list(entries.values())
