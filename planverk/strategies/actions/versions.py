"""Starting a strategy from a national agenda, and revising a version into the next.

Both write a new draft and its parts table by table with ``bulk_create``
(through simple-history's ``bulk_create_with_history``, which records each row
with its user and reason), so the number of queries does not grow with the
parts beyond the database's batches (SQLite takes some 40 rows per insert).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

from django.contrib.auth.models import AbstractBaseUser
from django.db import models, transaction
from simple_history.utils import bulk_create_with_history

from planverk.frameworks.models import Framework, FrameworkArea
from planverk.lib.audit import attributed
from planverk.lib.numbering import natural_key
from planverk.organizations.models import Organization
from planverk.strategies.choices import AssessmentLevel, StrategyState
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
from planverk.strategies.permissions import Action, require

M = TypeVar("M", bound=models.Model)

STARTED = "strategy.start"
REVISED = "strategy.revise"
# What a copy does not take from its original: its own id and edit counter.
NOT_COPIED = ("id", "revision")
_LAST_NUMBER = re.compile(r"(\d+)(\D*)$")


def _history_user(user: Any) -> Any:
    """*user* as a history row can name them: the command line's operator is no one."""
    return user if isinstance(user, AbstractBaseUser) else None


def _create(model: type[M], objs: Sequence[M], *, user: Any, reason: str) -> list[M]:
    """Store *objs*, each with a history row naming *user* and *reason*."""
    if not objs:
        return []
    created: list[M] = bulk_create_with_history(
        list(objs),
        model,
        default_user=_history_user(user),
        default_change_reason=reason,
    )
    return created


def _save_strategy(strategy: Strategy, *, user: Any, reason: str) -> Strategy:
    attributed(strategy, user=_history_user(user), reason=reason)
    strategy.save()
    return strategy


@transaction.atomic
def start_from_agenda(
    organization: Organization,
    *,
    user: Any,
    framework: Framework,
    title: str,
    period_start: int,
    period_end: int,
    language: str,
    areas: Iterable[FrameworkArea],
) -> Strategy:
    """A new draft strategy (a lineage of its own) following *framework*: one theme
    per area of *areas*, in the agenda's order, each with the area's national
    goals as statuses at level "unknown", linked to the agenda's goals."""
    require(user, Action.CREATE_STRATEGY, organization)
    areas = list(areas)
    if any(area.framework_id != framework.pk for area in areas):
        raise ValueError("an area of another national agenda")
    strategy = _save_strategy(
        Strategy(
            organization=organization,
            framework=framework,
            title=title,
            language=language,
            period_start=period_start,
            period_end=period_end,
            state=StrategyState.DRAFT,
        ),
        user=user,
        reason=STARTED,
    )
    chosen = framework.areas.filter(pk__in=[area.pk for area in areas])
    themes: list[Theme] = []
    goals: list[GoalAssessment] = []
    for area in chosen.order_by("number").prefetch_related("goals"):
        number = str(area.number)
        themes.append(
            Theme(
                strategy=strategy,
                number=number,
                sort_key=natural_key(number),
                title=area.title,
                framework_area_title=area.title,
                framework_area=area,
            )
        )
        for goal in area.goals.all():
            goals.append(
                GoalAssessment(
                    strategy=strategy,
                    framework_goal=goal,
                    area=area.title,
                    theme_number=number,
                    number=goal.number,
                    deadline=goal.deadline,
                    goal_text=goal.text,
                    level=AssessmentLevel.UNKNOWN,
                    level_confirmed=False,
                    position=len(goals),
                )
            )
    _create(Theme, themes, user=user, reason=STARTED)
    _create(GoalAssessment, goals, user=user, reason=STARTED)
    return strategy


def suggest_label(label: str, taken: Iterable[str] = ()) -> str:
    """The next version's label: its last number counted up ("1.1" → "1.2",
    "2" → "3", "v1.9" → "v1.10"); "2" after a version without one. Skips the
    labels already *taken* by other versions of the strategy."""
    taken = set(taken)
    suggestion = _next(label)
    while suggestion in taken:
        suggestion = _next(suggestion)
    return suggestion


def _next(label: str) -> str:
    found = _LAST_NUMBER.search(label)
    if found is None:
        return "2"
    start, end = found.span(1)
    return f"{label[:start]}{int(found[1]) + 1}{label[end:]}"


def _copy(obj: M, **changes: Any) -> M:
    """A new row with *obj*'s fields, its stable key among them, and *changes*."""
    fields = {
        f.attname: getattr(obj, f.attname)
        for f in obj._meta.concrete_fields
        if f.attname not in NOT_COPIED
    }
    return type(obj)(**{**fields, **changes})


@transaction.atomic
def revise(strategy: Strategy, *, user: Any, label: str | None = None) -> Strategy:
    """A new draft version of *strategy* (any state): the same lineage, a copy of
    every part with the same stable key, exempt marks kept, and the decision
    log's rows still naming the version each approved. Its label is *label*, or
    the one ``suggest_label`` proposes."""
    organization = strategy.organization
    require(user, Action.CREATE_STRATEGY, organization)
    if label is None:
        versions = Strategy.objects.filter(lineage=strategy.lineage)
        label = suggest_label(
            strategy.version_label, versions.values_list("version_label", flat=True)
        )
    new = _copy(
        strategy,
        version_label=label,
        state=StrategyState.DRAFT,
        revised_from_id=strategy.pk,
        import_report=None,
    )
    _save_strategy(new, user=user, reason=REVISED)
    _copy_parts(strategy, new, user=user)
    return new


# The tables whose rows hang on the strategy itself, in the order they are copied.
STRATEGY_TABLES: tuple[type[models.Model], ...] = (
    StrategyUnit,
    Section,
    Decision,
    GlossaryTerm,
    GoalAssessment,
    ActionItem,
    BudgetTotal,
)


def _copy_parts(old: Strategy, new: Strategy, *, user: Any) -> None:
    """Every part of *old* into *new*: one read and one insert (with its history)
    per table; measures and their units follow their themes' new ids."""

    def create(model: type[M], originals: Iterable[M], **changes: Any) -> list[M]:
        def copy(row: M) -> M:
            return _copy(row, **{k: v(row) for k, v in changes.items()})

        copies = [copy(row) for row in originals]
        return _create(model, copies, user=user, reason=REVISED)

    def to_new(_row: Any) -> int:
        return new.pk

    for model in STRATEGY_TABLES:
        create(model, model._default_manager.filter(strategy=old), strategy_id=to_new)
    themes = list(Theme.objects.filter(strategy=old))
    theme_of = _new_ids(themes, create(Theme, themes, strategy_id=to_new))
    measures = list(Measure.objects.filter(theme__strategy=old))
    copied = create(Measure, measures, theme_id=lambda m: theme_of[m.theme_id])
    measure_of = _new_ids(measures, copied)
    links = MeasureUnit.objects.filter(measure__theme__strategy=old)
    create(MeasureUnit, links, measure_id=lambda link: measure_of[link.measure_id])


def _new_ids(
    originals: Sequence[models.Model], copies: Sequence[models.Model]
) -> dict[int, int]:
    """Each original's id → its copy's (the copies were made in the same order)."""
    return {o.pk: c.pk for o, c in zip(originals, copies, strict=True)}
