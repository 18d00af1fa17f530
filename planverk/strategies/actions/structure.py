"""Writing the structure of a draft: themes, measures and goal statuses, added,
changed, renumbered and removed.

Editing a measure's content, its units, its place, or a goal's level is
actions/editing.py's; these reuse it. Every function asks ``require_draft``
first (a version that is not a draft is frozen: ``removal.Frozen``), refuses a
number another part of the same kind already has (ValidationError on the
field ``number``), and records who and why in the history. Removing goes
through ``removal.remove_part``; ``*_uses`` say where a part is still used, for
the confirmation page.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from planverk.frameworks.models import FrameworkArea, FrameworkGoal
from planverk.lib.audit import attributed
from planverk.lib.numbering import natural_key
from planverk.organizations.models import Unit
from planverk.strategies.actions.editing import (
    _compare_and_set,
    assign_numbers,
    set_measure_units,
    text_lines,
)
from planverk.strategies.actions.removal import (
    Removal,
    next_number,
    remove_part,
    require_draft,
)
from planverk.strategies.choices import AssessmentLevel
from planverk.strategies.models import (
    ActionItem,
    GoalAssessment,
    Measure,
    Strategy,
    Theme,
)

# A number as documents write it ("7", "2.1", "21.10"): no slash or space, as it
# is a step of the part's URL.
NUMBER = re.compile(r"\w+(?:[.-]\w+)*")
THEME_FIELDS = ("number", "title", "text", "framework_area", "framework_area_title")
ADDED = gettext_noop("added")
RENUMBERED = gettext_noop("renumbered")


def _check_number(number: str, taken: Iterable[str], duplicate: str) -> str:
    """*number*, stripped, if it is one and free; *duplicate* says it is not free."""
    number = number.strip()
    if not NUMBER.fullmatch(number) or len(number) > 20:
        raise ValidationError(
            {"number": _("Write a number such as 7 or 7.2, without spaces.")}
        )
    if number in taken:
        raise ValidationError({"number": duplicate % {"number": number}})
    return number


def _saved(part: Any, *, user: Any, reason: str) -> Any:
    """Insert *part* with its history; a number taken meanwhile is refused."""
    attributed(part, user=user, reason=reason or ADDED)
    try:
        with transaction.atomic():
            part.save()
    except IntegrityError as error:
        raise ValidationError(
            {"number": _("Someone else took this number meanwhile.")}
        ) from error
    return part


# Themes


def next_theme_number(strategy: Strategy) -> str:
    """The number a new theme gets: after the highest whole number in use."""
    return next_number(strategy.themes.values_list("number", flat=True))


def _area_fields(
    strategy: Strategy, area: FrameworkArea | None, area_title: str
) -> dict[str, Any]:
    """A theme's national area: one of the strategy's agenda, or written out."""
    if area is None:
        return {"framework_area": None, "framework_area_title": area_title.strip()}
    if area.framework_id != strategy.framework_id:
        raise ValidationError(
            {"framework_area": _("Not an area of this strategy's national agenda.")}
        )
    return {"framework_area": area, "framework_area_title": area.title}


@transaction.atomic
def add_theme(
    strategy: Strategy,
    *,
    number: str,
    title: str,
    text: str = "",
    area: FrameworkArea | None = None,
    area_title: str = "",
    user: Any,
    reason: str = "",
) -> Theme:
    """Add a theme to a draft, following an area of its agenda (*area*) or one
    written out (*area_title*)."""
    require_draft(user, strategy)
    taken = strategy.themes.values_list("number", flat=True)
    number = _check_number(
        number, list(taken), _("Another theme has the number %(number)s.")
    )
    if not title.strip():
        raise ValidationError({"title": _("A theme needs a title.")})
    theme = Theme(
        strategy=strategy,
        number=number,
        title=title.strip(),
        text=text,
        **_area_fields(strategy, area, area_title),
    )
    return _saved(theme, user=user, reason=reason)


@transaction.atomic
def update_theme(
    theme: Theme,
    changes: dict[str, Any],
    *,
    loaded_revision: int,
    user: Any,
    reason: str = "",
) -> Theme:
    """Change a theme's number, title, introduction or national area (keys
    ``area`` and ``area_title``), if it is still at *loaded_revision*.

    A new number takes the theme's goal statuses with it (they name their theme
    by number); its measures keep theirs until the theme is renumbered.
    """
    strategy = theme.strategy
    require_draft(user, strategy)
    fields = {k: v for k, v in changes.items() if k not in ("area", "area_title")}
    if "area" in changes or "area_title" in changes:
        fields.update(
            _area_fields(strategy, changes.get("area"), changes.get("area_title", ""))
        )
    unknown = set(fields) - set(THEME_FIELDS)
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    old = theme.number
    if "number" in fields and fields["number"] != old:
        taken = strategy.themes.exclude(pk=theme.pk).values_list("number", flat=True)
        fields["number"] = _check_number(
            fields["number"], list(taken), _("Another theme has the number %(number)s.")
        )
        fields["sort_key"] = natural_key(fields["number"])
    if "title" in fields and not fields["title"].strip():
        raise ValidationError({"title": _("A theme needs a title.")})
    theme = _compare_and_set(
        theme, fields, loaded_revision=loaded_revision, user=user, reason=reason
    )
    if theme.number != old:
        for goal in GoalAssessment.objects.filter(strategy=strategy, theme_number=old):
            _compare_and_set(
                goal,
                {"theme_number": theme.number},
                loaded_revision=goal.revision,
                user=user,
                reason=reason,
            )
    return theme


def remove_theme(
    theme: Theme, *, user: Any, reason: str, loaded_revision: int | None = None
) -> Removal:
    """Remove a theme with its measures and its goal statuses (``theme_uses``)."""
    return remove_part(theme, user=user, reason=reason, loaded_revision=loaded_revision)


@dataclass(frozen=True)
class ThemeUses:
    """What goes with a theme when it is removed."""

    measures: list[Measure]
    goals: list[GoalAssessment]


def theme_uses(theme: Theme) -> ThemeUses:
    goals = GoalAssessment.objects.filter(
        strategy_id=theme.strategy_id, theme_number=theme.number
    ).select_related("framework_goal__area")
    return ThemeUses(list(theme.measures.all()), list(goals))


# Measures


def next_measure_number(theme: Theme) -> str:
    """The number a new measure of *theme* gets: theme 7 with 7.1 … 7.8 gives 7.9."""
    return next_number(
        theme.measures.values_list("number", flat=True), f"{theme.number}."
    )


@transaction.atomic
def add_measure(
    theme: Theme,
    *,
    number: str = "",
    objective: str = "",
    description: str = "",
    items: Sequence[str] = (),
    start: Sequence[str] = (),
    group: str = "",
    units: Iterable[Unit] = (),
    user: Any,
    reason: str = "",
) -> Measure:
    """Add a measure to a theme of a draft; without *number*, the next free one.

    The owning units are set by ``editing.set_measure_units``, which keeps its
    rules (units of the organisation only).
    """
    require_draft(user, theme.strategy)
    taken = list(theme.measures.values_list("number", flat=True))
    number = _check_number(
        number or next_measure_number(theme),
        taken,
        _("Another measure of this theme has the number %(number)s."),
    )
    measure = Measure(
        theme=theme,
        number=number,
        objective=objective.strip(),
        description=description.strip(),
        items=text_lines(list(items), "items"),
        start=text_lines(list(start), "start"),
        group=group.strip(),
    )
    _saved(measure, user=user, reason=reason)
    units = list(units)
    if units:
        measure = set_measure_units(
            measure, units, loaded_revision=measure.revision, user=user
        )
    return measure


def remove_measure(
    measure: Measure, *, user: Any, reason: str, loaded_revision: int | None = None
) -> Removal:
    """Remove a measure with its links to units; action items naming it stay."""
    return remove_part(
        measure, user=user, reason=reason, loaded_revision=loaded_revision
    )


@dataclass(frozen=True)
class MeasureUses:
    """Where a measure is still used: action items that name its number in
    their title or remarks (they have no link to it), and its units."""

    items: list[ActionItem]
    units: list[Unit]


def names_number(text: str, number: str) -> bool:
    """Whether *text* names the measure *number* ("tiltak 7.2", "(7.2)"), not a
    longer number that starts or ends alike (17.2, 7.21, 7.2.1)."""
    pattern = rf"(?<![\w.]){re.escape(number)}(?!\w|\.\w)"
    return re.search(pattern, text) is not None


def measure_uses(measure: Measure) -> MeasureUses:
    """Read ``measure.owners``: prefetch ``measureunit_set__unit`` with it."""
    number = measure.number
    candidates = ActionItem.objects.filter(
        Q(title__contains=number) | Q(remarks__contains=number),
        strategy_id=measure.theme.strategy_id,
    )
    items = [
        item
        for item in candidates
        if names_number(item.title, number) or names_number(item.remarks, number)
    ]
    return MeasureUses(items, measure.owners)


# Renumbering


def renumber_plan(theme: Theme) -> list[tuple[Measure, str]]:
    """Each measure of *theme* whose number changes when the theme is
    renumbered 7.1, 7.2 … in the measures' order, with its new number."""
    plan = []
    for place, measure in enumerate(theme.measures.all(), start=1):
        number = f"{theme.number}.{place}"
        if measure.number != number:
            plan.append((measure, number))
    return plan


@transaction.atomic
def renumber_theme(
    theme: Theme, *, loaded_revision: int, user: Any
) -> list[tuple[str, str]]:
    """Renumber *theme*'s measures 7.1, 7.2 … in their order, if the theme is
    still at *loaded_revision*; returns what changed, as (old, new) numbers.

    Each renumbered measure gets a new revision (as moving one does), so a form
    opened before is refused, not misapplied. Its stable key stays.
    """
    require_draft(user, theme.strategy)
    theme = _compare_and_set(
        theme, {}, loaded_revision=loaded_revision, user=user, reason=RENUMBERED
    )
    plan = renumber_plan(theme)
    changed = [(measure.number, number) for measure, number in plan]
    assign_numbers(plan, user=user, reason=RENUMBERED)
    return changed


# Goal statuses


def _goal_fields(strategy: Strategy, goal: FrameworkGoal) -> dict[str, Any]:
    """What a status linked to the agenda's *goal* takes from it."""
    if goal.area.framework_id != strategy.framework_id:
        raise ValidationError(
            {"framework_goal": _("Not a goal of this strategy's national agenda.")}
        )
    if strategy.goal_assessments.filter(framework_goal=goal).exists():
        raise ValidationError(
            {"framework_goal": _("The strategy has a status on this goal already.")}
        )
    return {
        "framework_goal": goal,
        "area": goal.area.title,
        "number": goal.number,
        "deadline": goal.deadline,
        "goal_text": goal.text,
    }


def _free_hand(
    strategy: Strategy, area: str, number: int | None, goal_text: str
) -> dict[str, Any]:
    if not area.strip():
        raise ValidationError({"area": _("Name the goal's area.")})
    if not goal_text.strip():
        raise ValidationError({"goal_text": _("Write the goal.")})
    same = strategy.goal_assessments.filter(area=area.strip(), number=number)
    if number is not None and same.exists():
        message = _("This area has a goal numbered %(number)s already.")
        raise ValidationError({"number": message % {"number": number}})
    return {"area": area.strip(), "number": number, "goal_text": goal_text.strip()}


def _theme_for(
    strategy: Strategy, theme_number: str, goal: FrameworkGoal | None
) -> str:
    """The theme a new status shows under: the one given, else the theme that
    follows the goal's area."""
    numbers = list(strategy.themes.values_list("number", "framework_area_id"))
    if theme_number:
        if theme_number not in {number for number, _area in numbers}:
            raise ValidationError({"theme_number": _("Not a theme of this strategy.")})
        return theme_number
    if goal is not None:
        return next((n for n, area in numbers if area == goal.area_id), "")
    return ""


@transaction.atomic
def add_assessment(
    strategy: Strategy,
    *,
    framework_goal: FrameworkGoal | None = None,
    area: str = "",
    number: int | None = None,
    deadline: int | None = None,
    goal_text: str = "",
    theme_number: str = "",
    level: str = AssessmentLevel.UNKNOWN,
    status_text: str = "",
    as_of: str = "",
    user: Any,
    reason: str = "",
) -> GoalAssessment:
    """Add a status on a national goal to a draft: on a goal of its agenda
    (*framework_goal*: area, number, deadline and text come from it) or one
    written free-hand (*area*, *number*, *deadline*, *goal_text*).

    The level is a person's choice, so it counts as confirmed.
    """
    require_draft(user, strategy)
    if level not in AssessmentLevel.values:
        raise ValidationError({"level": _("Not a status level.")})
    if framework_goal is not None:
        fields = _goal_fields(strategy, framework_goal)
    else:
        fields = {**_free_hand(strategy, area, number, goal_text), "deadline": deadline}
    last = strategy.goal_assessments.aggregate(last=Max("position"))["last"]
    goal = GoalAssessment(
        strategy=strategy,
        theme_number=_theme_for(strategy, theme_number.strip(), framework_goal),
        level=level,
        level_confirmed=True,
        status_text=status_text.strip(),
        as_of=as_of,
        position=(last or 0) + 1,
        **fields,
    )
    return _saved(goal, user=user, reason=reason)


def remove_assessment(
    goal: GoalAssessment,
    *,
    user: Any,
    reason: str,
    loaded_revision: int | None = None,
) -> Removal:
    """Remove a status on a national goal (the agenda's goal itself stays)."""
    return remove_part(goal, user=user, reason=reason, loaded_revision=loaded_revision)
