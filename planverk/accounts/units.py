"""Changes to an organisation's unit register: adding, renaming, deactivating,
placing a unit under another, and merging two units into one.

Each action checks MANAGE_ORGANIZATION on the unit's organisation and records
who did it and why in the unit's history (django-simple-history). They live
here, above strategies, because a merge moves the strategies' links too.

A merge deletes the unit merged away: its history rows keep its id and last
name (they name it on history pages), and the kept unit's history holds a
record with the reason ``unit.merge`` dated exactly as the merged unit's
deletion, which is how ``merged_into`` finds what was merged into a unit.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from planverk.accounts.models import Invitation
from planverk.lib.audit import attributed
from planverk.organizations.models import Membership, Organization, Unit
from planverk.strategies.models import ActionPlan, MeasureUnit, PlanAction, StrategyUnit
from planverk.strategies.permissions import Action, require

MERGE = "unit.merge"
NAME_LENGTH = Unit._meta.get_field("name").max_length or 200


def clean_name(name: str) -> str:
    """*name* as it is stored: trimmed, runs of white space as one space."""
    return re.sub(r"\s+", " ", name).strip()


def name_in(names: Iterable[str], name: str) -> bool:
    """Whether *name* is among *names* in any case ("LIØY" is "Liøy"), which
    SQLite's case-insensitive lookups do not see beyond ASCII."""
    wanted = name.casefold()
    return any(other.casefold() == wanted for other in names)


def _name_taken(organization: Organization, name: str, unit: Unit | None) -> bool:
    """Whether another unit of *organization* has *name*, in any case."""
    others = Unit.objects.filter(organization=organization)
    if unit is not None:
        others = others.exclude(pk=unit.pk)
    return name_in(others.values_list("name", flat=True), name)


def _taken(name: str) -> ValidationError:
    return ValidationError(
        {
            "name": _("The organisation already has a unit named “%(name)s”.")
            % {"name": name}
        },
        code="unique",
    )


def _save_named(unit: Unit, name: str, *, user: Any, reason: str) -> Unit:
    name = clean_name(name)
    if not name:
        raise ValidationError({"name": _("Give the unit a name.")}, code="required")
    if len(name) > NAME_LENGTH:
        raise ValidationError(
            {"name": _("At most %(count)d characters.") % {"count": NAME_LENGTH}}
        )
    if _name_taken(unit.organization, name, unit if unit.pk else None):
        raise _taken(name)
    unit.name = name
    attributed(unit, user=user, reason=reason)
    try:
        with transaction.atomic():  # the constraint, should two save one name at once
            unit.save()
    except IntegrityError:
        raise _taken(name) from None
    return unit


@transaction.atomic
def add_unit(
    organization: Organization, name: str, *, user: Any, parent: Unit | None = None
) -> Unit:
    """A new unit of *organization*, under *parent* if given."""
    require(user, Action.MANAGE_ORGANIZATION, organization)
    if parent is not None and parent.organization_id != organization.pk:
        raise ValidationError({"parent": _("Choose a unit of this organisation.")})
    unit = Unit(organization=organization, parent=parent)
    return _save_named(unit, name, user=user, reason="unit.add")


@transaction.atomic
def rename_unit(unit: Unit, name: str, *, user: Any) -> Unit:
    """*unit* named *name*; a name another unit of the organisation has is refused."""
    require(user, Action.MANAGE_ORGANIZATION, unit.organization)
    if clean_name(name) == unit.name:
        return unit
    return _save_named(unit, name, user=user, reason="unit.rename")


@transaction.atomic
def set_active(unit: Unit, active: bool, *, user: Any) -> Unit:
    """*unit* offered again (active) or no longer (deactivated, kept for the history)."""
    require(user, Action.MANAGE_ORGANIZATION, unit.organization)
    if unit.active != active:
        unit.active = active
        reason = "unit.reactivate" if active else "unit.deactivate"
        attributed(unit, user=user, reason=reason)
        unit.save(update_fields=["active"])
    return unit


def deactivate_unit(unit: Unit, *, user: Any) -> Unit:
    return set_active(unit, False, user=user)


def reactivate_unit(unit: Unit, *, user: Any) -> Unit:
    return set_active(unit, True, user=user)


def _parents(organization: Organization) -> dict[int, int | None]:
    """Each unit's parent, the rows locked until the transaction ends."""
    rows = Unit.objects.select_for_update().filter(organization=organization)
    return dict(rows.values_list("pk", "parent_id"))


def descendants(unit: Unit, parents: dict[int, int | None]) -> set[int]:
    """The ids of the units under *unit*, at any depth (*parents*: id → parent id)."""
    children: dict[int | None, list[int]] = defaultdict(list)
    for pk, parent in parents.items():
        children[parent].append(pk)
    found: set[int] = set()
    todo = list(children[unit.pk])
    while todo:
        pk = todo.pop()
        if pk not in found:
            found.add(pk)
            todo.extend(children[pk])
    return found


@transaction.atomic
def set_parent(unit: Unit, parent: Unit | None, *, user: Any) -> Unit:
    """*unit* placed under *parent* (None: at the top); never under itself."""
    require(user, Action.MANAGE_ORGANIZATION, unit.organization)
    if parent is not None:
        if parent.organization_id != unit.organization_id:
            raise ValidationError({"parent": _("Choose a unit of this organisation.")})
        parents = _parents(unit.organization)
        if parent.pk == unit.pk or parent.pk in descendants(unit, parents):
            raise ValidationError(
                {
                    "parent": _(
                        "A unit cannot be placed under itself or a unit under it."
                    )
                },
                code="cycle",
            )
    if unit.parent_id != (parent.pk if parent else None):
        unit.parent = parent
        attributed(unit, user=user, reason="unit.parent")
        unit.save(update_fields=["parent"])
    return unit


@dataclass(frozen=True)
class MergeEffect:
    """What merging one unit into another moves: shown before it is confirmed."""

    measures: int  # measures that name the merged unit
    on_both: int  # of which already name the kept one (their link goes)
    strategies: int
    memberships: int
    invitations: int  # pending ones
    children: int


def merge_effect(kept: Unit, merged: Unit) -> MergeEffect:
    """The counts merging *merged* into *kept* would move."""
    measures = MeasureUnit.objects.filter(unit=merged)
    both = measures.filter(measure__measureunit__unit=kept)
    return MergeEffect(
        measures=measures.count(),
        on_both=both.count(),
        strategies=StrategyUnit.objects.filter(unit=merged).count(),
        memberships=Membership.objects.filter(units=merged).count(),
        invitations=Invitation.objects.pending().filter(units=merged).count(),
        children=merged.children.exclude(pk=kept.pk).count(),
    )


def _check_pair(kept: Unit, merged: Unit) -> None:
    if kept.organization_id != merged.organization_id:
        raise ValidationError(
            {"kept": _("Both units must belong to the same organisation.")}
        )
    if kept.pk == merged.pk:
        raise ValidationError({"kept": _("Choose two different units.")})


def _relink(
    model: type[MeasureUnit] | type[StrategyUnit],
    owner: str,
    merged: Unit,
    kept: Unit,
    *,
    user: Any,
) -> None:
    """Each *model* link to *merged* deleted and one to *kept* made in its place,
    unless its *owner* (measure_id, strategy_id) names *kept* already; so the
    links' history reads as the change it is."""
    links: list[Any] = list(model.objects.filter(unit=merged).order_by("pk"))
    owners = [getattr(link, owner) for link in links]
    linked = model.objects.filter(unit=kept, **{f"{owner}__in": owners})
    already = set(linked.values_list(owner, flat=True))
    for link in links:
        attributed(link, user=user, reason=MERGE)
        link.delete()
        if getattr(link, owner) not in already:
            moved = model(unit=kept, position=link.position)
            setattr(moved, owner, getattr(link, owner))
            attributed(moved, user=user, reason=MERGE)
            moved.save()


@transaction.atomic
def merge_units(kept: Unit, merged: Unit, *, user: Any) -> Unit:
    """*merged* folded into *kept*, in one transaction: every measure, strategy,
    membership, pending invitation, action plan and plan action that names it
    names *kept* instead (in its place in the order, once), its children move
    under *kept*, and it is deleted."""
    require(user, Action.MANAGE_ORGANIZATION, kept.organization)
    _check_pair(kept, merged)
    parents = _parents(kept.organization)
    kept = Unit.objects.select_related("organization").get(pk=kept.pk)
    merged = Unit.objects.get(pk=merged.pk)
    _relink(MeasureUnit, "measure_id", merged, kept, user=user)
    _relink(StrategyUnit, "strategy_id", merged, kept, user=user)
    for membership in Membership.objects.filter(units=merged):
        attributed(membership, user=user, reason=MERGE)
        membership.units.remove(merged)
        membership.units.add(kept)
    for invitation in Invitation.objects.filter(units=merged):
        invitation.units.remove(merged)
        invitation.units.add(kept)
    owned: list[ActionPlan | PlanAction] = [
        *ActionPlan.objects.filter(unit=merged),
        *PlanAction.objects.filter(unit=merged),
    ]
    for owned_part in owned:  # the plans it owns, and the actions it answers for
        owned_part.unit = kept
        attributed(owned_part, user=user, reason=MERGE)
        owned_part.save(update_fields=["unit"])
    if kept.pk in descendants(merged, parents):
        kept.parent_id = merged.parent_id  # it takes the merged unit's place
    for child in merged.children.exclude(pk=kept.pk):
        child.parent = kept
        attributed(child, user=user, reason=MERGE)
        child.save(update_fields=["parent"])
    when = timezone.now()
    for unit in (kept, merged):
        attributed(unit, user=user, reason=MERGE)
        setattr(unit, "_history_date", when)  # noqa: B010 -- simple-history's name
    kept.save()
    merged.delete()
    return kept


@dataclass(frozen=True)
class Merged:
    """A unit merged into another: its name then, when, by whom."""

    name: str
    when: Any
    user: Any


def merged_into(organization: Organization) -> dict[int, list[Merged]]:
    """For each unit of *organization*, the units merged into it (one query):
    a merge's records share their date, the merged unit's is its deletion."""
    records = Unit.history.filter(
        organization_id=organization.pk, history_change_reason=MERGE
    ).select_related("history_user")
    by_date: dict[Any, list[Any]] = defaultdict(list)
    for record in records:
        by_date[record.history_date].append(record)
    found: dict[int, list[Merged]] = defaultdict(list)
    for together in by_date.values():
        gone = [r for r in together if r.history_type == "-"]
        for record in together:
            if gone and record.history_type != "-":
                away = gone[0]
                merged = Merged(away.name, away.history_date, away.history_user)
                found[record.id].append(merged)
    return found
