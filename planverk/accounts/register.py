"""What the unit register shows: every unit of an organisation as a tree, with
how many measures, members and strategies name it, and likely duplicates.

A fixed number of queries, however many units there are: the units, then the
links of each kind in one query each, counted here.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from planverk.accounts.units import Merged, merged_into
from planverk.organizations.duplicates import Duplicate, Reason, likely_duplicates
from planverk.organizations.models import Membership, Organization, Unit
from planverk.strategies.models import MeasureUnit, StrategyUnit


@dataclass
class Node:
    """A unit in the register's tree, with what names it and the units under it."""

    unit: Unit
    measures: int = 0
    members: int = 0
    strategies: int = 0
    merged: list[Merged] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)

    @property
    def links(self) -> int:
        return self.measures + self.members + self.strategies


REASONS = {
    Reason.SAME: _("Only case, spacing or punctuation differ."),
    Reason.ORDER: _("The same words in another order."),
    Reason.SPLIT: _("A word split by a space, or two run together."),
    Reason.LETTER: _("One letter apart."),
    Reason.SWAP: _("Two letters swapped."),
}


@dataclass(frozen=True)
class Suggestion:
    """A likely duplicate, with the unit to keep: the one more often named."""

    kept: Node
    merged: Node
    reason: Reason

    @property
    def why(self) -> str:
        return str(REASONS[self.reason])


@dataclass(frozen=True)
class Register:
    roots: list[Node]
    nodes: dict[int, Node]
    suggestions: list[Suggestion]


def _counts(organization: Organization) -> tuple[Counter[int], dict[int, set[int]]]:
    """Measures per unit, and the strategies that name each (their unit list or a
    measure)."""
    measures: Counter[int] = Counter()
    strategies: dict[int, set[int]] = defaultdict(set)
    links = MeasureUnit.objects.filter(unit__organization=organization)
    for unit, strategy in links.values_list("unit_id", "measure__theme__strategy_id"):
        measures[unit] += 1  # a measure names a unit once
        strategies[unit].add(strategy)
    named = StrategyUnit.objects.filter(unit__organization=organization)
    for unit, strategy in named.values_list("unit_id", "strategy_id"):
        strategies[unit].add(strategy)
    return measures, strategies


def register(organization: Organization) -> Register:
    units = list(organization.units.order_by("name", "pk"))
    measures, strategies = _counts(organization)
    through = Membership.units.through.objects.filter(unit__organization=organization)
    members = Counter(through.values_list("unit_id", flat=True))
    merged = merged_into(organization)
    nodes = {
        unit.pk: Node(
            unit,
            measures=measures[unit.pk],
            members=members[unit.pk],
            strategies=len(strategies[unit.pk]),
            merged=merged.get(unit.pk, []),
        )
        for unit in units
    }
    return Register(_tree(nodes), nodes, _suggestions(list(nodes.values())))


def _tree(nodes: dict[int, Node]) -> list[Node]:
    """The units at the top, each holding those under it, by name.

    A cycle (which the actions refuse, the Django admin not) is cut where it is
    found, so that every unit is shown once."""
    roots: list[Node] = []
    for node in nodes.values():
        parent = nodes.get(node.unit.parent_id) if node.unit.parent_id else None
        (parent.children if parent else roots).append(node)
    reached = _reached(roots)
    for node in nodes.values():
        if node.unit.pk not in reached:
            nodes[node.unit.parent_id or 0].children.remove(node)
            roots.append(node)
            reached |= _reached([node])
    return roots


def _reached(start: list[Node]) -> set[int]:
    reached: set[int] = set()
    todo = list(start)
    while todo:
        node = todo.pop()
        if node.unit.pk not in reached:
            reached.add(node.unit.pk)
            todo.extend(node.children)
    return reached


def _keeps(node: Node) -> tuple[int, bool, int]:
    """How strongly *node* is the one to keep of a pair: higher keeps."""
    return (node.links, node.unit.active, -len(node.unit.name.split()))


def _suggestions(nodes: list[Node]) -> list[Suggestion]:
    """Likely duplicates; the unit kept is the one named more often, else the
    active one, else the one of fewer words (a stray space splits a word: keep
    "Fylkesrådmann", not "Fylkesrådm ann"), else the first by name."""
    found: list[Duplicate[Node]] = likely_duplicates(nodes, name=lambda n: n.unit.name)
    suggestions = []
    for pair in found:
        first, second = pair.first, pair.second
        if _keeps(second) > _keeps(first):
            first, second = second, first
        suggestions.append(Suggestion(first, second, pair.reason))
    return suggestions
