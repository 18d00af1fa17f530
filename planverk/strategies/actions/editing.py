"""Editing a draft strategy: one function per mutation, each a compare-and-set.

Every function checks permission first, then writes only if the part still has
the revision the editor loaded; otherwise it raises EditConflict and writes
nothing. How the write and its history are done (see _compare_and_set):

* the write is one conditional ``UPDATE … WHERE pk = %s AND revision = %s`` that
  also bumps the revision. The database evaluates it atomically, on SQLite and
  PostgreSQL alike, so of two saves from the same revision exactly one matches a
  row. No lock is held while a person edits, and no ``select_for_update`` is needed.
* ``update()`` sends no signals, so django-simple-history writes nothing by
  itself. Inside the same transaction (the UPDATE holds the row until commit) we
  re-read the row and record it with the history manager's public
  ``bulk_history_create(update=True)``, the call simple-history's own
  ``bulk_update_with_history`` uses, giving user and reason explicitly.

When an edit is refused, ``merge_refused`` tells the editing page what each
side changed and what can be merged, so the editor can save again.
"""

from __future__ import annotations

import operator
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import reduce
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Case, F, Q, Value, When
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from planverk.lib.audit import attributed
from planverk.lib.numbering import natural_key
from planverk.organizations.models import Unit
from planverk.strategies.choices import ActionCategory, AssessmentLevel
from planverk.strategies.models import (
    ActionItem,
    GoalAssessment,
    Measure,
    MeasureUnit,
    Strategy,
    Theme,
)
from planverk.strategies.permissions import Action, keeps_measure, require

P = TypeVar("P", bound=models.Model)

MEASURE_FIELDS = ("objective", "description", "items", "start", "group")
# What each editing form changes, named as the actions below take it.
MEASURE_EDIT = (*MEASURE_FIELDS, "units")
ASSESSMENT_EDIT = ("level", "status_text", "as_of")
ACTION_ITEM_EDIT = ("amount_nok",)
# What check_action_item reads of an action item.
ACTION_ITEM_RULED = (
    "number",
    "title",
    "category",
    "year_start",
    "year_end",
    "amount_nok",
    "funding",
)
# Reasons the system gives are stored untranslated and translated when shown.
REORDERED = gettext_noop("reordered")
CONFIRMED = gettext_noop("level confirmed")


class EditConflict(Exception):
    """The part moved on since the editor loaded it: *current* is what is stored now,
    *attempted* the changes that were refused."""

    def __init__(self, current: Any, attempted: dict[str, Any]) -> None:
        self.current = current
        self.attempted = attempted
        super().__init__(f"{current!r} is at revision {current.revision}")


def _compare_and_set(
    obj: P, changes: dict[str, Any], *, loaded_revision: int, user: Any, reason: str
) -> P:
    """Write *changes* to *obj* if it is still at *loaded_revision*, and record history."""
    model = type(obj)
    matched = model._default_manager.filter(pk=obj.pk, revision=loaded_revision).update(
        **changes, revision=F("revision") + 1
    )
    if not matched:
        raise EditConflict(model._default_manager.get(pk=obj.pk), changes)
    obj.refresh_from_db()
    model.history.bulk_history_create(  # type: ignore[attr-defined]
        [obj], update=True, default_user=user, default_change_reason=reason
    )
    return obj


def text_lines(value: Any, field: str) -> list[str]:
    """*value*, a list of texts (a measure's bullets or starts), stripped, empty ones dropped."""
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValidationError({field: _("Expected a list of texts.")})
    return [v.strip() for v in value if v.strip()]


@transaction.atomic
def update_measure(
    measure: Measure,
    changes: dict[str, Any],
    *,
    loaded_revision: int,
    user: Any,
    reason: str = "",
) -> Measure:
    """Change a measure's texts, bullets, start and (key ``units``) its units.

    The units are replaced in the given order; each must belong to the strategy's
    organisation. Raises EditConflict when the measure moved past *loaded_revision*.
    """
    require(user, Action.EDIT_MEASURE, measure)
    fields = dict(changes)
    units = fields.pop("units", None)
    unknown = set(fields) - set(MEASURE_FIELDS)
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    for key in ("items", "start"):
        if key in fields:
            fields[key] = text_lines(fields[key], key)
    if units is not None:
        _check_units(measure, units, user)
    measure = _compare_and_set(
        measure, fields, loaded_revision=loaded_revision, user=user, reason=reason
    )
    if units is not None:
        _replace_units(measure, list(units), user=user, reason=reason)
    return measure


def set_measure_units(
    measure: Measure, units: Iterable[Unit], *, loaded_revision: int, user: Any
) -> Measure:
    """Replace the units that proposed or own *measure*, in the given order."""
    return update_measure(
        measure, {"units": list(units)}, loaded_revision=loaded_revision, user=user
    )


def _check_units(measure: Measure, units: Iterable[Unit], user: Any) -> None:
    organization = measure.theme.strategy.organization
    foreign = [u.name for u in units if u.organization_id != organization.pk]
    if foreign:
        raise ValidationError(
            {"units": _("Not a unit of this organisation: %s") % ", ".join(foreign)}
        )
    if not keeps_measure(user, organization, units):
        raise ValidationError(
            {
                "units": _(
                    "Keep at least one of your own units on the measure, or you can no longer edit it."
                )
            }
        )


def _replace_units(
    measure: Measure, units: list[Unit], *, user: Any, reason: str
) -> None:
    # Saved and deleted one by one (not in bulk) so each link writes its history.
    links = {link.unit_id: link for link in measure.measureunit_set.all()}
    wanted = [u.pk for u in units]
    for unit_id, link in links.items():
        if unit_id not in wanted:
            attributed(link, user=user, reason=reason)
            link.delete()
    for position, unit_id in enumerate(wanted, start=1):
        link = links.get(unit_id) or MeasureUnit(measure=measure, unit_id=unit_id)
        if link.pk and link.position == position:
            continue
        link.position = position
        attributed(link, user=user, reason=reason)
        link.save()


@transaction.atomic
def reorder_measures(
    theme: Theme, order: Sequence[int], *, loaded_revision: int, user: Any
) -> Theme:
    """Put the theme's measures in *order* (their pks) by handing out their numbers anew.

    Measures are ordered by number, so moving one means the numbers already in use
    are given out again in the new order: "3.10" moved above "3.2" becomes 3.2.
    The theme's revision guards the order; each renumbered measure gets a new
    revision too, so an edit form opened before the move is refused, not misapplied.
    """
    require(user, Action.EDIT_STRATEGY, theme.strategy)
    measures = {m.pk: m for m in theme.measures.all()}
    if sorted(order) != sorted(measures):
        raise ValidationError(_("The new order must name each measure once."))
    theme = _compare_and_set(
        theme, {}, loaded_revision=loaded_revision, user=user, reason=REORDERED
    )
    numbers = sorted((m.number for m in measures.values()), key=natural_key)
    moved = [
        (measures[pk], number)
        for pk, number in zip(order, numbers, strict=True)
        if measures[pk].number != number
    ]
    assign_numbers(moved, user=user, reason=REORDERED)
    return theme


def assign_numbers(
    moved: Sequence[tuple[Measure, str]], *, user: Any, reason: str
) -> None:
    """Give each measure its new number (also renumber_theme's write), with history."""
    # Two passes keep (theme, number) unique at every step.
    for measure, _number in moved:
        Measure.objects.filter(pk=measure.pk).update(number=f"~{measure.pk}")
    for measure, number in moved:
        _compare_and_set(
            measure,
            {"number": number, "sort_key": natural_key(number)},
            loaded_revision=measure.revision,
            user=user,
            reason=reason,
        )


def move_measure(
    measure: Measure, step: int, *, loaded_revision: int, user: Any
) -> Theme:
    """Move *measure* *step* places (−1 up, +1 down) within its theme."""
    theme = measure.theme
    order = list(theme.measures.values_list("pk", flat=True))
    index = order.index(measure.pk)
    target = min(max(index + step, 0), len(order) - 1)
    order.insert(target, order.pop(index))
    return reorder_measures(theme, order, loaded_revision=loaded_revision, user=user)


@transaction.atomic
def set_assessment_level(
    assessment: GoalAssessment,
    level: str,
    *,
    reason: str,
    loaded_revision: int,
    user: Any,
    status_text: str | None = None,
    as_of: str | None = None,
) -> GoalAssessment:
    """Set a goal's status level, confirmed, with *reason* kept as the history's reason.

    Confirming the importer's suggestion is this call with the same level. A change
    of level needs a reason; a confirmation does not.
    """
    require(user, Action.EDIT_STRATEGY, assessment.strategy)
    if level not in AssessmentLevel.values:
        raise ValidationError({"level": _("Not a status level.")})
    reason = reason.strip()
    if level != assessment.level and not reason:
        raise ValidationError({"reason": _("Say why the level changes.")})
    changes: dict[str, Any] = {"level": level, "level_confirmed": True}
    if status_text is not None:
        changes["status_text"] = status_text
    if as_of is not None:
        changes["as_of"] = as_of
    return _compare_and_set(
        assessment,
        changes,
        loaded_revision=loaded_revision,
        user=user,
        reason=reason or CONFIRMED,
    )


@dataclass(frozen=True)
class Confirmation:
    """One goal whose level is to be confirmed: at *level* (its suggestion, or
    the editor's change of it), if it is still at *loaded_revision*."""

    assessment: GoalAssessment
    level: str
    loaded_revision: int


class StaleConfirmations(Exception):
    """Goals that moved past the revision the editor loaded (*stale*: their pks);
    none of the confirmations was written."""

    def __init__(self, stale: list[int]) -> None:
        self.stale = stale
        super().__init__(f"moved on meanwhile: {stale}")


class _Moved(Exception):
    """Fewer rows matched than were confirmed: roll back, then find which."""


def confirm_assessment_levels(
    strategy: Strategy,
    confirmations: Sequence[Confirmation],
    *,
    reason: str = "",
    user: Any,
) -> list[GoalAssessment]:
    """Confirm the levels of several of *strategy*'s goals at once, all or none.

    Each goal is confirmed at the level given: its suggestion, or a change of
    it, which needs *reason* (as ``set_assessment_level``). The write is one
    conditional UPDATE for them all, each row only at the revision its editor
    loaded; if any moved on, nothing is written and StaleConfirmations names
    them. The history gets one record per goal, in one insert, whose reason is
    *reason* where the level changed and "level confirmed" where it did not.
    """
    require(user, Action.EDIT_STRATEGY, strategy)
    if not confirmations:
        raise ValidationError(_("Choose at least one goal to confirm."))
    reason = reason.strip()
    loaded: dict[int, int] = {}
    for confirmation in confirmations:
        goal = confirmation.assessment
        if goal.strategy_id != strategy.pk or goal.pk in loaded:
            raise ValueError(f"not a goal of {strategy.pk}, or named twice: {goal.pk}")
        if confirmation.level not in AssessmentLevel.values:
            raise ValidationError({"level": _("Not a status level.")})
        if confirmation.level != goal.level and not reason:
            raise ValidationError({"reason": _("Say why the level changes.")})
        loaded[goal.pk] = confirmation.loaded_revision
    try:
        return _confirm_all(confirmations, reason=reason, user=user)
    except _Moved:
        pass
    current = dict(
        GoalAssessment.objects.filter(pk__in=loaded).values_list("pk", "revision")
    )
    raise StaleConfirmations(
        [pk for pk, revision in loaded.items() if current.get(pk) != revision]
    )


@transaction.atomic
def _confirm_all(
    confirmations: Sequence[Confirmation], *, reason: str, user: Any
) -> list[GoalAssessment]:
    """The write of confirm_assessment_levels: a fixed number of queries however
    many goals (the update, one read, the history's insert)."""
    at_loaded = reduce(
        operator.or_,
        (Q(pk=c.assessment.pk, revision=c.loaded_revision) for c in confirmations),
    )
    level = Case(
        *(When(pk=c.assessment.pk, then=Value(c.level)) for c in confirmations),
        output_field=models.CharField(),
    )
    matched = GoalAssessment.objects.filter(at_loaded).update(
        level=level, level_confirmed=True, revision=F("revision") + 1
    )
    if matched != len(confirmations):
        raise _Moved
    changed = {c.assessment.pk for c in confirmations if c.level != c.assessment.level}
    saved = list(
        GoalAssessment.objects.filter(pk__in=[c.assessment.pk for c in confirmations])
    )
    for goal in saved:
        attributed(goal, user=user, reason=reason if goal.pk in changed else CONFIRMED)
    GoalAssessment.history.bulk_history_create(saved, update=True, default_user=user)
    return saved


@transaction.atomic
def update_action_item_amount(
    item: ActionItem,
    amount_nok: int | None,
    *,
    loaded_revision: int,
    user: Any,
    reason: str = "",
) -> ActionItem:
    """Set an action item's amount in NOK (None: no amount, e.g. funded elsewhere).

    The whole item is edited by actions.records.update_action_item; both keep
    the rules of check_action_item.
    """
    require(user, Action.EDIT_STRATEGY, item.strategy)
    check_action_item(item, {"amount_nok": amount_nok})
    return _compare_and_set(
        item,
        {"amount_nok": amount_nok},
        loaded_revision=loaded_revision,
        user=user,
        reason=reason,
    )


def check_action_item(item: ActionItem, changes: dict[str, Any]) -> None:
    """Refuse *item* with *changes* where it breaks the action plan's rules: a
    number no other item has, a title, a category, years in order, and an
    amount in NOK (not negative) *or* a named funding, not both.

    A stored item is checked only in what *changes* touch, so that an amount
    can be set on an item imported with, say, no title; a new one in full.
    """
    value = {name: changes.get(name, getattr(item, name)) for name in ACTION_ITEM_RULED}
    touched = set(changes) if item.pk else set(ACTION_ITEM_RULED)
    if "number" in touched:
        _check_item_number(item, value["number"])
    if "title" in touched and not value["title"]:
        raise ValidationError({"title": _("An action item needs a title.")})
    if "category" in touched and value["category"] not in ActionCategory.values:
        raise ValidationError({"category": _("Not a category of the action plan.")})
    if touched & {"year_start", "year_end"} and value["year_end"] < value["year_start"]:
        raise ValidationError({"year_end": _("The years end before they begin.")})
    amount = value["amount_nok"]
    if "amount_nok" in touched and amount is not None and amount < 0:
        raise ValidationError({"amount_nok": _("An amount cannot be negative.")})
    if touched & {"amount_nok", "funding"} and amount is not None and value["funding"]:
        raise ValidationError(
            {
                "amount_nok": _(
                    "An item has an amount in NOK or a named funding, not both."
                )
            }
        )


def _check_item_number(item: ActionItem, number: str) -> None:
    if not number:
        raise ValidationError({"number": _("An action item needs a number.")})
    if item.pk is not None and number == item.number:
        return  # its own number
    others = ActionItem.objects.filter(strategy_id=item.strategy_id).exclude(pk=item.pk)
    if others.filter(number=number).exists():
        message = _("Another action item has the number %(number)s.")
        raise ValidationError({"number": message % {"number": number}})


# Refused edits


@dataclass(frozen=True)
class Merge:
    """A refused edit beside what is stored now, and the two merged.

    *mine* is the refused edit, *theirs* the same fields as stored now, *merged*
    what a second attempt starts from, and *clashes* the fields both sides
    changed, differently: there *merged* keeps mine and the editor decides.
    """

    mine: dict[str, Any]
    theirs: dict[str, Any]
    merged: dict[str, Any]
    clashes: tuple[str, ...]

    @property
    def differing(self) -> list[str]:
        """The fields where the refused edit and the stored version differ."""
        return [name for name, value in self.mine.items() if value != self.theirs[name]]


def merge_refused(
    conflict: EditConflict, mine: dict[str, Any], *, loaded_revision: int
) -> Merge:
    """Three-way merge of *mine*, an edit refused as stale, with what is stored now.

    The base is the part as the editor loaded it (*loaded_revision*, from its
    history). A field I left as it was takes the stored value; a field only I
    changed keeps mine; a field both changed differently keeps mine and is a
    clash. Where the history does not say what a field was (a measure's units,
    a part stored before its history was kept), any difference is a clash.
    """
    current = conflict.current
    theirs = stored_values(current, mine)
    base = _values_at(current, loaded_revision, mine)
    merged: dict[str, Any] = {}
    clashes = []
    for name, value in mine.items():
        now = theirs[name]
        known = name in base
        untouched = known and value == base[name]
        they_changed = not known or now != base[name]
        merged[name] = now if untouched else value
        if not untouched and value != now and they_changed:
            clashes.append(name)
    return Merge(dict(mine), theirs, merged, tuple(clashes))


def stored_values(part: Any, names: Iterable[str]) -> dict[str, Any]:
    """What *part* stores now under *names*, as the actions above take them
    (a measure's ``units``: the units that own it, in order)."""
    return {
        name: part.owners
        if name == "units" and isinstance(part, Measure)
        else getattr(part, name)
        for name in names
    }


def _values_at(part: Any, revision: int, names: Iterable[str]) -> dict[str, Any]:
    """The values *part* had at *revision*, of those of *names* its history keeps."""
    record = part.history.filter(revision=revision).order_by("-history_date").first()
    if record is None:
        return {}
    kept = {field.name for field in record._meta.concrete_fields}
    return {name: getattr(record, name) for name in names if name in kept}
