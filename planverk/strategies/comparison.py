"""What changed between two versions of a strategy, part by part, matched by key.

A part's copy in the next version keeps its key (models/base.py ``Keyed``), so
measure 7.1 that became 7.2 is that measure renumbered, not one removed and
another added, and one that went to another theme is moved. The older version
is the one created first, whichever way the two are given.

The parts are read through the one disclosure rule (querysets.py) for the
reader the caller names (``include_exempt``). A part the reader may not read
is compared by nothing but the fact that it is withheld, in its placeholder's
words; one withheld with its theme is left out, as the theme's entry stands
for it. The action plan is summed over the items the reader may read in both
versions (or the one they are in).

The diff page (site/diff.py), the changes report (reports/kinds/changes.py)
and `planverk diff` all show this one comparison. It reads a fixed number of
queries whatever the size of the versions.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from difflib import SequenceMatcher
from typing import Any

from django.db import models
from django.db.models import QuerySet
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from planverk.frameworks.models import goal_name_of
from planverk.lib.numbers import nok_text, number_text, years_text
from planverk.strategies.choices import ActionCategory, AssessmentLevel
from planverk.strategies.comparison_words import ALONE, NAMED
from planverk.strategies.models import (
    ActionItem,
    GoalAssessment,
    Measure,
    MeasureUnit,
    Section,
    Strategy,
    Theme,
)
from planverk.strategies.permissions import reader
from planverk.strategies.querysets import Withheld

# The kinds of parts compared, in the order the page and the report show them,
# each with its heading there.
HEADINGS = {
    "theme": gettext_lazy("Themes"),
    "measure": gettext_lazy("Measures"),
    "goal": gettext_lazy("Goal statuses"),
    "action_item": gettext_lazy("Action plan"),
    "section": gettext_lazy("Chapters"),
}
KINDS = tuple(HEADINGS)
# A budget change at least this large is told in millions ("+0,4 mill. kr").
MILLION = 1_000_000
IN_MILLIONS_FROM = 100_000

# A run of a word-level difference: ("same" | "del" | "ins", text).
Run = tuple[str, str]
_TOKENS = re.compile(r"\s+|\w+|[^\w\s]")  # spaces, words, signs


class Status(models.TextChoices):
    ADDED = "added", gettext_lazy("Added")
    REMOVED = "removed", gettext_lazy("Removed")
    CHANGED = "changed", gettext_lazy("Changed")
    UNCHANGED = "unchanged", gettext_lazy("Unchanged")
    WITHHELD = "withheld", gettext_lazy("Exempt from public disclosure")


def word_diff(before: str, after: str) -> tuple[Run, ...]:
    """*before* into *after* word by word: the "same" and "del" runs join into
    *before*, the "same" and "ins" runs into *after*."""
    old, new = _TOKENS.findall(before), _TOKENS.findall(after)
    # Spaces never anchor a match, so "a b" → "c d" is one change, not two.
    matcher = SequenceMatcher(str.isspace, old, new, autojunk=False)
    runs: list[list[str]] = []

    def add(op: str, tokens: list[str]) -> None:
        text = "".join(tokens)
        if text and runs and runs[-1][0] == op:
            runs[-1][1] += text
        elif text:
            runs.append([op, text])

    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            add("same", new[j1:j2])
        else:
            add("del", old[i1:i2])
            add("ins", new[j1:j2])
    return tuple((op, text) for op, text in runs)


# --- what is compared ------------------------------------------------------------


@dataclass(frozen=True)
class Field:
    """A field of a part as compared: its value as stored (what JSON carries),
    and that value in words, compared word by word unless it is a single value."""

    name: str
    label: Callable[[], str]
    value: Callable[[Any], Any]
    text: Callable[[Any], str] = str
    words: bool = True


def _model_label(model: type[models.Model], name: str) -> Callable[[], str]:
    field: Any = model._meta.get_field(name)
    return lambda: capfirst(str(field.verbose_name))


def _text(model: type[models.Model], name: str) -> Field:
    return Field(name, _model_label(model, name), lambda p: getattr(p, name))


def _lines(model: type[models.Model], name: str, joiner: str = "\n") -> Field:
    return Field(
        name,
        _model_label(model, name),
        lambda p: list(getattr(p, name)),
        lambda v: joiner.join(v),
    )


def _level_text(level: str) -> str:
    return str(AssessmentLevel(level).label)


FIELDS: dict[str, tuple[Field, ...]] = {
    "theme": (_text(Theme, "title"), _text(Theme, "text")),
    "measure": (
        _text(Measure, "objective"),
        _text(Measure, "description"),
        _lines(Measure, "items"),
        _lines(Measure, "start", ", "),
        _text(Measure, "group"),
        Field(
            "units",
            lambda: _("Units"),
            lambda m: m.unit_names,  # set by _read
            lambda v: ", ".join(v),
        ),
    ),
    "goal": (
        Field(
            "level",
            _model_label(GoalAssessment, "level"),
            lambda g: g.level,
            _level_text,
            words=False,
        ),
        _text(GoalAssessment, "status_text"),
        _text(GoalAssessment, "goal_text"),
        Field("as_of", lambda: _("As of"), lambda g: g.as_of, words=False),
    ),
    "action_item": (
        _text(ActionItem, "title"),
        _lines(ActionItem, "items"),
        Field(
            "category",
            _model_label(ActionItem, "category"),
            lambda i: i.category,
            lambda v: str(ActionCategory(v).label),
            words=False,
        ),
        Field(
            "years",
            lambda: _("Years"),
            lambda i: {"start": i.year_start, "end": i.year_end},
            lambda v: years_text(v["start"], v["end"]),
            words=False,
        ),
        Field(
            "amount_nok",
            _model_label(ActionItem, "amount_nok"),
            lambda i: i.amount_nok,
            nok_text,
            words=False,
        ),
        _text(ActionItem, "funding"),
        _text(ActionItem, "remarks"),
    ),
    "section": (_text(Section, "title"), _text(Section, "text")),
}


@dataclass(frozen=True)
class FieldChange:
    """One changed field: as stored before and after, in words, and word by word
    (``runs``; none for a single value such as a level or an amount)."""

    name: str
    label: str
    before: Any
    after: Any
    before_text: str
    after_text: str
    runs: tuple[Run, ...] = ()


def _field_changes(kind: str, before: Any, after: Any) -> tuple[FieldChange, ...]:
    changes = []
    for field in FIELDS[kind]:
        old, new = field.value(before), field.value(after)
        if old == new:
            continue
        # None: an amount not given (named funding instead).
        old_text = "" if old is None else field.text(old)
        new_text = "" if new is None else field.text(new)
        runs = word_diff(old_text, new_text) if field.words else ()
        changes.append(
            FieldChange(field.name, field.label(), old, new, old_text, new_text, runs)
        )
    return tuple(changes)


# --- one part's change --------------------------------------------------------------


@dataclass(frozen=True)
class PartChange:
    """One part in the two versions: ``before`` and ``after`` are the part (or its
    placeholder, when the reader may not read it), None where it is not."""

    kind: str  # one of KINDS
    key: str
    status: str  # Status
    before: Any
    after: Any
    fields: tuple[FieldChange, ...] = ()

    @property
    def part(self) -> Any:
        """The part as it is now, or as it was if it is gone."""
        return self.after if self.after is not None else self.before

    @property
    def compared(self) -> bool:
        """Both versions have the part, and the reader may read it in both."""
        return self.status in (Status.CHANGED, Status.UNCHANGED)

    @property
    def renumbered(self) -> bool:
        return self.compared and _number(self.before) != _number(self.after)

    @property
    def moved(self) -> bool:
        """A measure now in another theme (another by key, whatever its number)."""
        return (
            self.kind == "measure"
            and self.compared
            and self.before.theme.key != self.after.theme.key
        )

    @property
    def moves(self) -> list[str]:
        """ "Renumbered from 7.1 to 7.2", "Moved from theme 7 to theme 8"."""
        told = []
        if self.renumbered:
            told.append(
                _("Renumbered from %(before)s to %(after)s")
                % {"before": _number(self.before), "after": _number(self.after)}
            )
        if self.moved:
            told.append(
                _("Moved from theme %(before)s to theme %(after)s")
                % {"before": self.before.theme.number, "after": self.after.theme.number}
            )
        return told

    @property
    def name(self) -> str:
        """How the pages name it: "Measure 7.1", "National goal 2.3", "Chapter 2"."""
        part = self.part
        if self.kind == "goal":
            return goal_name_of(part)
        if isinstance(part, Withheld):
            return part.name
        number = _number(part)
        if self.kind == "section" and not number:
            return part.title
        return str(Withheld.NAMES[part._meta.model_name]) % {"number": number}

    @property
    def title(self) -> str:
        """Its title (a measure's objective, a goal's text), or a withheld part's
        placeholder words."""
        return _title(self.part)

    @property
    def title_before(self) -> str:
        return _title(self.before)

    @property
    def title_after(self) -> str:
        return _title(self.after)

    @property
    def status_label(self) -> str:
        return str(Status(self.status).label)

    @property
    def url(self) -> str:
        """The part's page in its version; "" for an action item or a placeholder."""
        part = self.part
        if _withheld(part) or not hasattr(part, "get_absolute_url"):
            return ""
        return str(part.get_absolute_url())


def _title(part: Any) -> str:
    if part is None:
        return ""
    if _withheld(part):
        return str(part)
    return str(getattr(part, part.TITLE_FIELD) or getattr(part, "description", ""))


def _number(part: Any) -> str:
    number = getattr(part, "number", None)
    return "" if number is None else str(number)


def _withheld(part: Any) -> bool:
    return isinstance(part, Withheld)


# --- reading the versions -----------------------------------------------------------


@dataclass
class _Side:
    """One version's parts of one kind as the reader sees them, by key, in order."""

    parts: dict[str, Any]  # the part, or its placeholder
    hidden: set[str]  # withheld with their theme: no placeholder of their own


def _side(parts: Any, user: Any, strategy: Strategy) -> _Side:
    """*parts* (a PartQuerySet) as *user* may see them."""
    shown: dict[str, Any] = {}
    for part in parts.for_reader(user):
        if part.withheld:
            shown[part.key] = Withheld.of(part)
        else:
            _belongs(part, strategy)
            shown[part.key] = part
    hidden: set[str] = set()
    # Only a part exempt with its theme is left out by for_reader; keys are
    # opaque, so reading them tells nothing of the parts.
    if parts.model.withheld_through() is not None and not user.is_superuser:
        keys = parts.prefetch_related(None).values_list("key", flat=True)
        hidden = set(keys) - shown.keys()
    return _Side(shown, hidden)


def _belongs(part: Any, strategy: Strategy) -> None:
    """Set the loaded strategy on *part*, so its URL costs no query."""
    if isinstance(part, Measure):
        part.theme.strategy = strategy
    else:
        part.strategy = strategy


def _read(strategy: Strategy, user: Any) -> dict[str, _Side]:
    """The version's parts of every kind, as *user* may see them."""
    sides = {kind: _side(parts, user, strategy) for kind, parts in _parts(strategy)}
    measures = [m for m in sides["measure"].parts.values() if not _withheld(m)]
    _name_units(strategy, measures)
    return sides


def _parts(strategy: Strategy) -> list[tuple[str, QuerySet[Any]]]:
    return [
        ("theme", strategy.themes.all()),
        (
            "measure",
            Measure.objects.filter(theme__strategy=strategy).select_related("theme"),
        ),
        ("goal", strategy.goal_assessments.select_related("framework_goal__area")),
        ("action_item", strategy.action_items.all()),
        ("section", strategy.sections.all()),
    ]


def _name_units(strategy: Strategy, measures: list[Measure]) -> None:
    """Set on each of *measures* (those the reader may read) the names of its
    units in the document's order, ``unit_names``: one query, without the work
    per measure a prefetch does."""
    links = (
        MeasureUnit.objects.filter(measure__theme__strategy=strategy)
        .order_by("measure", "position")
        .values_list("measure_id", "unit__name")
    )
    names: dict[int, list[str]] = defaultdict(list)
    for pk, name in links:
        names[pk].append(name)
    for measure in measures:
        measure.unit_names = names[measure.pk]  # type: ignore[attr-defined]


def _changes(kind: str, old: _Side, new: _Side) -> list[PartChange]:
    """Every part of either version: in the newer's order, then the gone ones."""
    keys = [*new.parts, *(k for k in old.parts if k not in new.parts)]
    changes = []
    for key in keys:
        before, after = old.parts.get(key), new.parts.get(key)
        if key in old.hidden or key in new.hidden:
            continue  # the theme it is withheld with says so
        if _withheld(before) or _withheld(after):
            if not (_withheld(before) and _withheld(after)):
                changes.append(PartChange(kind, key, Status.WITHHELD, before, after))
        elif before is None:
            changes.append(PartChange(kind, key, Status.ADDED, None, after))
        elif after is None:
            changes.append(PartChange(kind, key, Status.REMOVED, before, None))
        else:
            fields = _field_changes(kind, before, after)
            change = PartChange(kind, key, Status.CHANGED, before, after, fields)
            if not (fields or change.renumbered or change.moved):
                change = PartChange(kind, key, Status.UNCHANGED, before, after)
            changes.append(change)
    return changes


# --- the budget ---------------------------------------------------------------------


@dataclass(frozen=True)
class CategoryChange:
    category: str
    label: str
    before: int
    after: int

    @property
    def change(self) -> int:
        return self.after - self.before

    @property
    def change_text(self) -> str:
        return signed_nok(self.change)


@dataclass(frozen=True)
class BudgetChange:
    """The action plan's sums in kroner, per category, before and after.

    ``withheld``: an item is withheld from the reader in either version; the
    sums are of the items the reader may read in both (or the one it is in).
    """

    categories: tuple[CategoryChange, ...]
    withheld: bool

    @property
    def before(self) -> int:
        return sum(c.before for c in self.categories)

    @property
    def after(self) -> int:
        return sum(c.after for c in self.categories)

    @property
    def change(self) -> int:
        return self.after - self.before

    @property
    def change_text(self) -> str:
        return signed_nok(self.change)


def signed_nok(amount: int) -> str:
    """An amount that is a change, with its sign: "+400 000 kr", "−25 000 kr"."""
    return ("+" if amount > 0 else "") + nok_text(amount)


def _budget(old: _Side, new: _Side) -> BudgetChange:
    # An item withheld in either version counts in neither: a change would
    # otherwise show where only the reader's view changed.
    sides = [*old.parts.items(), *new.parts.items()]
    withheld = {key for key, item in sides if _withheld(item)}

    def sums(side: _Side) -> dict[str, int]:
        found: dict[str, int] = dict.fromkeys(ActionCategory, 0)
        for key, item in side.parts.items():
            if key not in withheld:
                found[ActionCategory(item.category)] += item.amount_nok or 0
        return found

    before, after = sums(old), sums(new)
    return BudgetChange(
        tuple(
            CategoryChange(c.value, str(c.label), before[c], after[c])
            for c in ActionCategory
        ),
        bool(withheld),
    )


# --- the comparison -----------------------------------------------------------------


@dataclass(frozen=True)
class Comparison:
    """Two versions of one strategy, every part of each by kind (unchanged ones
    too), and the action plan's sums."""

    older: Strategy
    newer: Strategy
    parts: dict[str, list[PartChange]]  # by kind, KINDS
    budget: BudgetChange

    def changed(self, kind: str) -> list[PartChange]:
        """The parts of *kind* that changed (or are withheld in one version)."""
        return [c for c in self.parts[kind] if c.status != Status.UNCHANGED]

    def count(self, kind: str, status: str) -> int:
        return sum(c.status == status for c in self.parts[kind])

    @property
    def summary(self) -> str:
        """ "3 measures added, 2 removed, 7 changed; budget +0,4 million NOK", in
        the active language; "No changes." when nothing changed."""
        told = [words for kind in KINDS if (words := self._told(kind))]
        withheld = sum(self.count(kind, Status.WITHHELD) for kind in KINDS)
        if withheld:  # the reader is told that, if not how, they changed
            told.append(
                ngettext(
                    "%(count)s part exempt from public disclosure",
                    "%(count)s parts exempt from public disclosure",
                    withheld,
                )
                % {"count": withheld}
            )
        if self.budget.change:
            told.append(_("budget %(change)s") % {"change": budget_text(self)})
        if not told:
            return _("No changes.")
        text = "; ".join(told)
        return text[0].upper() + text[1:] + "."

    def _told(self, kind: str) -> str:
        """ "3 measures added, 2 removed, 7 changed": the kind named once, first."""
        phrases: list[str] = []
        for status in (Status.ADDED, Status.REMOVED, Status.CHANGED):
            n = self.count(kind, status)
            if n:
                wording = ALONE[status] if phrases else NAMED[kind, status]
                phrases.append(wording(n) % {"count": n})
        return ", ".join(phrases)


def budget_text(comparison: Comparison) -> str:
    """The budget's change with its sign, a large one in millions:
    "+0,4 million NOK" ("+0,4 mill. kr"), "−25 000 kr"."""
    change = comparison.budget.change
    if abs(change) < IN_MILLIONS_FROM:
        return signed_nok(change)
    tenths = (Decimal(change) / MILLION).quantize(Decimal("0.1"), ROUND_HALF_UP)
    millions = number_text(tenths, 1)
    sign = "+" if change > 0 else ""
    return sign + _("%(amount)s million NOK") % {"amount": millions}


def compare(first: Strategy, second: Strategy, *, include_exempt: bool) -> Comparison:
    """What changed from the older of two versions to the newer, as the reader
    (everything with *include_exempt*, else the public's view) may see it.

    Both are versions of one organisation's strategy; the caller has decided
    that the reader may see both (``visible_to``), and that they belong together.
    """
    older, newer = sorted((first, second), key=lambda s: (s.created_at, s.pk))
    user = reader(include_exempt)
    old, new = _read(older, user), _read(newer, user)
    return Comparison(
        older=older,
        newer=newer,
        parts={k: _changes(k, old[k], new[k]) for k in KINDS},
        budget=_budget(old["action_item"], new["action_item"]),
    )
