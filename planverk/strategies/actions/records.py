"""Writing a draft's records: its own fields, the action plan and its stated
totals, chapters, the decision log and the glossary.

Each function checks that the strategy is still a draft and that the user may
edit it (``_editable``: a version on hearing, approved or superseded is frozen
for content, for site administrators too: removal.Frozen), validates, writes,
and records who did it and why in the history. Records with a ``revision`` are
written by compare-and-set (``editing._compare_and_set``); budget totals and
glossary terms have none, and the last save wins. Removal goes through
actions/removal.py, so that a removed record can be brought back from the
history.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any, TypeVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from planverk.lib.audit import attributed
from planverk.lib.numbering import natural_key
from planverk.strategies.actions import removal
from planverk.strategies.actions.editing import (
    REORDERED,
    _compare_and_set,
    check_action_item,
    text_lines,
)
from planverk.strategies.actions.structure import NUMBER
from planverk.strategies.choices import ActionCategory, DatePrecision
from planverk.strategies.limits import COUNT_NAMES, limit
from planverk.strategies.models import (
    ActionItem,
    BudgetTotal,
    Decision,
    GlossaryTerm,
    Section,
    Strategy,
)
from planverk.strategies.validation import DIGIT, validate_year

M = TypeVar("M", bound=models.Model)

# What each kind of record's forms change, named as the functions below take them.
STRATEGY_FIELDS = (
    "title",
    "period_start",
    "period_end",
    "version_label",
    "language",
    "vision",
    "framework",
)
ACTION_ITEM_FIELDS = (
    "number",
    "title",
    "items",
    "category",
    "year_start",
    "year_end",
    "amount_nok",
    "funding",
    "remarks",
)
BUDGET_TOTAL_FIELDS = ("category", "year_start", "year_end", "stated_nok")
SECTION_FIELDS = ("number", "title", "text")
DECISION_FIELDS = ("body", "date", "reference", "note")
GLOSSARY_FIELDS = ("term", "definition")
# Reasons the system gives are stored untranslated and translated when shown.
ADDED = gettext_noop("added")

_PARTIAL_DATE = re.compile(f"({DIGIT}{{4}})(?:-({DIGIT}{{2}})(?:-({DIGIT}{{2}}))?)?")


def _editable(user: Any, strategy: Strategy) -> None:
    """Refuse unless *strategy* is a draft now (removal.Frozen) and *user* may edit it.

    The strategy's row is locked for the rest of the transaction, so it cannot
    be approved between this check and the write.
    """
    locked = Strategy.objects.select_for_update().filter(pk=strategy.pk)
    strategy.state = locked.values_list("state", flat=True).get()
    removal.require_draft(user, strategy)


def _unknown(changes: dict[str, Any], fields: Iterable[str]) -> None:
    unknown = set(changes) - set(fields)
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")


def _room(strategy: Strategy, kind: str, parts: models.QuerySet[Any]) -> None:
    """Refuse one more part of *kind* when the strategy holds its limit already."""
    most = limit(kind)
    if parts.count() >= most:
        raise ValidationError(
            _("The strategy has %(count)d %(what)s; at most %(limit)d are allowed.")
            % {"count": most, "what": COUNT_NAMES[kind], "limit": most}
        )


def _created(obj: M, *, user: Any) -> M:
    attributed(obj, user=user, reason=ADDED)
    obj.save()
    return obj


def _saved(obj: M, changes: dict[str, Any], *, user: Any, reason: str) -> M:
    """*obj* with *changes*, saved with its history (for records without a revision)."""
    for name, value in changes.items():
        setattr(obj, name, value)
    attributed(obj, user=user, reason=reason)
    obj.save()
    return obj


def _write(
    obj: M, changes: dict[str, Any], *, loaded_revision: int, user: Any, reason: str
) -> M:
    """``editing._compare_and_set``, recorded as *user*'s for *reason* whatever
    the object carried from an earlier save (an import's "import", say)."""
    attributed(obj, user=user, reason=reason)
    return _compare_and_set(
        obj, changes, loaded_revision=loaded_revision, user=user, reason=reason
    )


def _next_position(strategy: Strategy, model: type[models.Model]) -> int:
    """A place after every one the strategy's records of *model* ever had, so
    that a removed record comes back to a place nobody took meanwhile."""
    places = [
        manager.filter(strategy_id=strategy.pk).aggregate(last=Max("position"))["last"]
        for manager in (model._default_manager, model.history)  # type: ignore[attr-defined]
    ]
    return max((p for p in places if p is not None), default=-1) + 1


# The strategy's own fields


@transaction.atomic
def update_strategy_fields(
    strategy: Strategy,
    changes: dict[str, Any],
    *,
    loaded_revision: int,
    user: Any,
    reason: str = "",
) -> Strategy:
    """Change a draft's title, period, version label, language, vision or framework.

    The language is one Planverk speaks (settings.LANGUAGES) or the one the
    strategy has. The framework cannot change while goals or themes are linked
    to another framework's goals and areas: they would point into the wrong agenda.
    """
    _editable(user, strategy)
    _unknown(changes, STRATEGY_FIELDS)
    start = changes.get("period_start", strategy.period_start)
    end = changes.get("period_end", strategy.period_end)
    for name, year in (("period_start", start), ("period_end", end)):
        validate_year_of(name, year)
    if end < start:
        raise ValidationError({"period_end": _("The period ends before it begins.")})
    if "title" in changes and not str(changes["title"]).strip():
        raise ValidationError({"title": _("A strategy needs a title.")})
    if "language" in changes:
        _check_language(strategy, changes["language"])
    if "framework" in changes:
        _check_framework(strategy, changes["framework"])
    return _write(
        strategy, changes, loaded_revision=loaded_revision, user=user, reason=reason
    )


def languages_for(strategy: Strategy | None) -> list[tuple[str, str]]:
    """The languages a strategy may be written in: Planverk's, and its own."""
    choices = list(settings.LANGUAGES)
    if strategy is not None and strategy.language not in dict(choices):
        choices.append((strategy.language, strategy.language))
    return choices


def _check_language(strategy: Strategy, language: str) -> None:
    if language not in dict(languages_for(strategy)):
        raise ValidationError({"language": _("Not a language Planverk offers.")})


def _check_framework(strategy: Strategy, framework: Any) -> None:
    """Refuse another agenda while goals or themes are linked to the current one's."""
    goals = strategy.goal_assessments.filter(framework_goal__isnull=False)
    themes = strategy.themes.filter(framework_area__isnull=False)
    if framework is not None:
        goals = goals.exclude(framework_goal__area__framework=framework)
        themes = themes.exclude(framework_area__framework=framework)
    if goals.exists() or themes.exists():
        raise ValidationError(
            {
                "framework": _(
                    "Goals or themes follow the national agenda the strategy "
                    "follows now; the agenda cannot change while they do."
                )
            }
        )


def validate_year_of(field: str, year: int | None) -> None:
    """A year of *field*, refused next to the field."""
    if year is None:
        raise ValidationError({field: _("Write a year.")})
    try:
        validate_year(year)
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from error


# The action plan


def next_item_number(strategy: Strategy) -> str:
    """The next free number in the action plan: one more than the highest whole number."""
    numbers = strategy.action_items.values_list("number", flat=True)
    whole = [int(n) for n in numbers if re.fullmatch(f"{DIGIT}+", n)]
    return str(max(whole, default=0) + 1)


def _item_fields(values: dict[str, Any]) -> dict[str, Any]:
    fields = dict(values)
    _unknown(fields, ACTION_ITEM_FIELDS)
    if "items" in fields:
        fields["items"] = text_lines(fields["items"], "items")
    for name in ("number", "title", "funding", "remarks"):
        if name in fields:
            fields[name] = (fields[name] or "").strip()
    for name in ("year_start", "year_end"):
        if name in fields:
            validate_year_of(name, fields[name])
    # The number is a step of the item's URLs, as a measure's is.
    if fields.get("number") and not NUMBER.fullmatch(fields["number"]):
        raise ValidationError(
            {"number": _("Write a number such as 7 or 7.2, without spaces.")}
        )
    return fields


@transaction.atomic
def add_action_item(
    strategy: Strategy, values: dict[str, Any], *, user: Any
) -> ActionItem:
    """A new item in the draft's action plan; without a number it gets the next free one."""
    _editable(user, strategy)
    _room(strategy, "action_plan", strategy.action_items.all())
    fields = _item_fields({"year_start": None, "year_end": None, **values})
    if not fields.get("number"):
        fields["number"] = next_item_number(strategy)
    item = ActionItem(strategy=strategy, **fields)
    check_action_item(item, {})
    return _created(item, user=user)


@transaction.atomic
def update_action_item(
    item: ActionItem,
    changes: dict[str, Any],
    *,
    loaded_revision: int,
    user: Any,
    reason: str = "",
) -> ActionItem:
    """Change any of an action item's fields (ACTION_ITEM_FIELDS).

    The amount form's editing.update_action_item_amount is the same rule for
    the amount alone; both check the item with editing.check_action_item.
    """
    _editable(user, item.strategy)
    fields = _item_fields(changes)
    check_action_item(item, fields)
    if "number" in fields:
        fields["sort_key"] = natural_key(fields["number"])
    return _write(
        item, fields, loaded_revision=loaded_revision, user=user, reason=reason
    )


@transaction.atomic
def remove_action_item(
    item: ActionItem, *, loaded_revision: int, user: Any, reason: str
) -> removal.Removal:
    """Take an item out of the action plan; it stays in the history, to restore."""
    _editable(user, item.strategy)
    return removal.remove_part(
        item, user=user, reason=reason, loaded_revision=loaded_revision
    )


# Stated budget totals


def _check_total(total: BudgetTotal) -> None:
    if total.category not in ActionCategory.values:
        raise ValidationError({"category": _("Not a category of the action plan.")})
    validate_year_of("year_start", total.year_start)
    validate_year_of("year_end", total.year_end)
    if total.year_end < total.year_start:
        raise ValidationError({"year_end": _("The years end before they begin.")})
    if total.stated_nok is not None and total.stated_nok < 0:
        raise ValidationError({"stated_nok": _("An amount cannot be negative.")})
    same = BudgetTotal.objects.filter(
        strategy_id=total.strategy_id,
        category=total.category,
        year_start=total.year_start,
        year_end=total.year_end,
    ).exclude(pk=total.pk)
    if same.exists():
        raise ValidationError(
            {"category": _("There is a total for this category and these years.")}
        )


@transaction.atomic
def add_budget_total(
    strategy: Strategy, values: dict[str, Any], *, user: Any
) -> BudgetTotal:
    """A total as the document states it, for one category over some years."""
    _editable(user, strategy)
    _unknown(values, BUDGET_TOTAL_FIELDS)
    total = BudgetTotal(strategy=strategy, **values)
    _check_total(total)
    return _created(total, user=user)


@transaction.atomic
def update_budget_total(
    total: BudgetTotal, changes: dict[str, Any], *, user: Any, reason: str = ""
) -> BudgetTotal:
    """Change a stated total (it has no revision: the last save wins)."""
    _editable(user, total.strategy)
    _unknown(changes, BUDGET_TOTAL_FIELDS)
    stored = {name: getattr(total, name) for name in changes}
    for name, value in changes.items():
        setattr(total, name, value)
    try:
        _check_total(total)
    except ValidationError:
        for name, value in stored.items():
            setattr(total, name, value)
        raise
    return _saved(total, {}, user=user, reason=reason)


@transaction.atomic
def remove_budget_total(
    total: BudgetTotal, *, user: Any, reason: str
) -> removal.Removal:
    """Remove a stated total; it stays in the history, to restore."""
    _editable(user, total.strategy)
    return removal.remove_part(total, user=user, reason=reason)


# Chapters


def _check_section(strategy: Strategy, number: str, title: str, pk: Any) -> None:
    if not title:
        raise ValidationError({"title": _("A chapter needs a title.")})
    if number and strategy.sections.filter(number=number).exclude(pk=pk).exists():
        raise ValidationError(
            {
                "number": _("Another chapter has the number %(number)s.")
                % {"number": number}
            }
        )


def _texts(values: dict[str, Any], names: Iterable[str]) -> dict[str, Any]:
    """*values* with the texts among *names* stripped (None as empty)."""
    return {
        name: (value or "").strip() if name in names else value
        for name, value in values.items()
    }


@transaction.atomic
def add_section(strategy: Strategy, values: dict[str, Any], *, user: Any) -> Section:
    """A new chapter at the end of the document."""
    _editable(user, strategy)
    _unknown(values, SECTION_FIELDS)
    _room(strategy, "sections", strategy.sections.all())
    fields = _texts(values, ("number", "title"))
    section = Section(strategy=strategy, **fields)
    _check_section(strategy, section.number, section.title, None)
    section.position = _next_position(strategy, Section)
    return _created(section, user=user)


@transaction.atomic
def update_section(
    section: Section,
    changes: dict[str, Any],
    *,
    loaded_revision: int,
    user: Any,
    reason: str = "",
) -> Section:
    """Change a chapter's number, title or Markdown text."""
    _editable(user, section.strategy)
    _unknown(changes, SECTION_FIELDS)
    fields = _texts(changes, ("number", "title"))
    _check_section(
        section.strategy,
        fields.get("number", section.number),
        fields.get("title", section.title),
        section.pk,
    )
    return _write(
        section, fields, loaded_revision=loaded_revision, user=user, reason=reason
    )


@transaction.atomic
def remove_section(
    section: Section, *, loaded_revision: int, user: Any, reason: str
) -> removal.Removal:
    """Remove a chapter; it stays in the history, to restore."""
    _editable(user, section.strategy)
    return removal.remove_part(
        section, user=user, reason=reason, loaded_revision=loaded_revision
    )


def _swap(
    part: M,
    parts: models.QuerySet[M],
    step: int,
    *,
    loaded_revision: int | None,
    user: Any,
) -> M:
    """Swap *part* with its neighbour *step* places away (−1 up, +1 down) in *parts*.

    Where the records have a revision, *part*'s must still be *loaded_revision*,
    and its neighbour's the one read here; at the top or the bottom nothing moves.
    """
    position = part.position  # type: ignore[attr-defined]
    if step < 0:
        neighbour = parts.filter(position__lt=position).order_by("-position").first()
    else:
        neighbour = parts.filter(position__gt=position).order_by("position").first()
    if neighbour is None:
        return part
    there = neighbour.position  # type: ignore[attr-defined]
    if loaded_revision is None:
        _saved(neighbour, {"position": position}, user=user, reason=REORDERED)
        return _saved(part, {"position": there}, user=user, reason=REORDERED)
    moved = _write(
        part,
        {"position": there},
        loaded_revision=loaded_revision,
        user=user,
        reason=REORDERED,
    )
    _write(
        neighbour,
        {"position": position},
        loaded_revision=neighbour.revision,  # type: ignore[attr-defined]
        user=user,
        reason=REORDERED,
    )
    return moved


@transaction.atomic
def move_section(
    section: Section, step: int, *, loaded_revision: int, user: Any
) -> Section:
    """Move a chapter one place up (*step* −1) or down (+1)."""
    _editable(user, section.strategy)
    return _swap(
        section,
        section.strategy.sections.all(),
        step,
        loaded_revision=loaded_revision,
        user=user,
    )


# The decision log


def partial_date(text: str | None) -> tuple[dt.date | None, str]:
    """A date as planverk/1 writes it ("2009-12-02", "2009-12" or "2009") as the
    day it stands for (the first of its month or year) and its precision.

    An empty text is no date. Raises ValidationError (on ``date``) otherwise.
    """
    text = (text or "").strip()
    if not text:
        return None, DatePrecision.DAY
    found = _PARTIAL_DATE.fullmatch(text)
    refused = ValidationError(
        {
            "date": _("“%(text)s” is not a date; write 2009-12-02, 2009-12 or 2009.")
            % {"text": text}
        }
    )
    if found is None:
        raise refused
    year, month, day = found.groups()
    try:
        date = dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError as error:
        raise refused from error
    validate_year_of("date", date.year)
    precision = (
        DatePrecision.DAY
        if day
        else DatePrecision.MONTH
        if month
        else DatePrecision.YEAR
    )
    return date, precision


def _decision_fields(values: dict[str, Any]) -> dict[str, Any]:
    _unknown(values, DECISION_FIELDS)
    fields = _texts(values, ("body", "reference", "note"))
    if "body" in fields and not fields["body"]:
        raise ValidationError({"body": _("Say who decided or reviewed.")})
    if "date" in fields:
        fields["date"], fields["date_precision"] = partial_date(fields["date"])
    return fields


@transaction.atomic
def add_decision(strategy: Strategy, values: dict[str, Any], *, user: Any) -> Decision:
    """A new row at the end of the decision log; ``date`` as planverk/1 writes it."""
    _editable(user, strategy)
    _room(strategy, "revisions", strategy.decisions.all())
    fields = _decision_fields({"date": "", **values})
    if "body" not in fields:
        raise ValidationError({"body": _("Say who decided or reviewed.")})
    decision = Decision(
        strategy=strategy, position=_next_position(strategy, Decision), **fields
    )
    return _created(decision, user=user)


@transaction.atomic
def update_decision(
    decision: Decision,
    changes: dict[str, Any],
    *,
    loaded_revision: int,
    user: Any,
    reason: str = "",
) -> Decision:
    """Change a row of the decision log; ``date`` as planverk/1 writes it."""
    _editable(user, decision.strategy)
    return _write(
        decision,
        _decision_fields(changes),
        loaded_revision=loaded_revision,
        user=user,
        reason=reason,
    )


@transaction.atomic
def remove_decision(
    decision: Decision, *, loaded_revision: int, user: Any, reason: str
) -> removal.Removal:
    """Remove a row of the decision log; it stays in the history, to restore."""
    _editable(user, decision.strategy)
    return removal.remove_part(
        decision, user=user, reason=reason, loaded_revision=loaded_revision
    )


@transaction.atomic
def move_decision(
    decision: Decision, step: int, *, loaded_revision: int, user: Any
) -> Decision:
    """Move a row of the decision log one place up (*step* −1) or down (+1)."""
    _editable(user, decision.strategy)
    return _swap(
        decision,
        decision.strategy.decisions.all(),
        step,
        loaded_revision=loaded_revision,
        user=user,
    )


# The glossary


def _check_term(strategy: Strategy, term: str, pk: Any) -> None:
    if not term:
        raise ValidationError({"term": _("Write the term.")})
    if strategy.glossary.filter(term__iexact=term).exclude(pk=pk).exists():
        raise ValidationError(
            {"term": _("The glossary has “%(term)s” already.") % {"term": term}}
        )


@transaction.atomic
def add_glossary_term(
    strategy: Strategy, values: dict[str, Any], *, user: Any
) -> GlossaryTerm:
    """A new term at the end of the glossary."""
    _editable(user, strategy)
    _unknown(values, GLOSSARY_FIELDS)
    _room(strategy, "glossary", strategy.glossary.all())
    fields = _texts(values, GLOSSARY_FIELDS)
    _check_term(strategy, fields.get("term", ""), None)
    term = GlossaryTerm(
        strategy=strategy, position=_next_position(strategy, GlossaryTerm), **fields
    )
    return _created(term, user=user)


@transaction.atomic
def update_glossary_term(
    term: GlossaryTerm, changes: dict[str, Any], *, user: Any, reason: str = ""
) -> GlossaryTerm:
    """Change a term or its definition (a term has no revision: the last save wins)."""
    _editable(user, term.strategy)
    _unknown(changes, GLOSSARY_FIELDS)
    fields = _texts(changes, GLOSSARY_FIELDS)
    _check_term(term.strategy, fields.get("term", term.term), term.pk)
    return _saved(term, fields, user=user, reason=reason)


@transaction.atomic
def remove_glossary_term(
    term: GlossaryTerm, *, user: Any, reason: str
) -> removal.Removal:
    """Remove a term from the glossary; it stays in the history, to restore."""
    _editable(user, term.strategy)
    return removal.remove_part(term, user=user, reason=reason)


@transaction.atomic
def move_glossary_term(term: GlossaryTerm, step: int, *, user: Any) -> GlossaryTerm:
    """Move a term one place up (*step* −1) or down (+1)."""
    _editable(user, term.strategy)
    return _swap(
        term, term.strategy.glossary.all(), step, loaded_revision=None, user=user
    )
