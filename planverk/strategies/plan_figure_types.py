"""The figures of action plans as plain data: what plan_figures.py reads for a reader."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from planverk.strategies.choices import ActionCategory
from planverk.strategies.models import ActionPlan

CATEGORIES = list(ActionCategory)


@dataclass(frozen=True)
class MeasureRef:
    """A measure an action serves, as the reader may see it."""

    key: str
    pk: int
    number: str
    title: str  # the measure's objective, or its placeholder's words
    theme_number: str
    theme_title: str
    withheld: bool = False


@dataclass(frozen=True)
class UnitRef:
    pk: int
    name: str


@dataclass(frozen=True)
class ActionFigures:
    """One action of a plan with its figures and flags.

    ``withheld``: the action is exempt from public disclosure; ``title`` then
    says so and why, and there are no amounts, measures or flags.
    """

    pk: int
    plan_pk: int
    number: str
    title: str
    description: str
    unit: UnitRef | None
    role: str
    start: dt.date | None
    deadline: dt.date | None
    category: str
    category_label: str
    funding: str
    status: str
    status_label: str
    remarks: str
    outside_strategy: bool
    measures: list[MeasureRef]
    budget: dict[int, int]  # year → NOK
    spending: dict[int, int]  # year → NOK
    past_deadline: bool
    serves_nothing: bool
    withheld: bool = False

    @property
    def budget_total(self) -> int:
        return sum(self.budget.values())

    @property
    def spending_total(self) -> int:
        return sum(self.spending.values())

    @property
    def over_budget_years(self) -> list[int]:
        """The years in which the action spent more than its budget for the year."""
        return sorted(y for y, s in self.spending.items() if s > self.budget.get(y, 0))

    @property
    def over_budget(self) -> bool:
        return bool(self.over_budget_years)

    @property
    def flagged(self) -> bool:
        return self.over_budget or self.past_deadline or self.serves_nothing

    @property
    def years(self) -> list[int]:
        return sorted(set(self.budget) | set(self.spending))


@dataclass(frozen=True)
class PlanFigures:
    """One plan with its actions, in their order."""

    pk: int
    title: str
    year_start: int
    year_end: int
    unit: UnitRef | None
    parent_pk: int | None
    state: str
    state_label: str
    actions: list[ActionFigures]
    plan: ActionPlan | None = None  # the row itself, for links; None if withheld
    withheld: bool = False
    withheld_text: str = ""

    @property
    def is_draft(self) -> bool:
        return self.plan is not None and self.plan.is_draft

    @property
    def readable_actions(self) -> list[ActionFigures]:
        return [a for a in self.actions if not a.withheld]

    @property
    def budget_total(self) -> int:
        return sum(a.budget_total for a in self.readable_actions)

    @property
    def spending_total(self) -> int:
        return sum(a.spending_total for a in self.readable_actions)

    @property
    def years(self) -> list[int]:
        return list(range(self.year_start, self.year_end + 1))


@dataclass(frozen=True)
class MeasureFigures:
    """A measure of the strategy and the actions (the reader may read) serving it."""

    measure: MeasureRef
    actions: list[ActionFigures]

    @property
    def budget_total(self) -> int:
        return sum(a.budget_total for a in self.actions)

    @property
    def spending_total(self) -> int:
        return sum(a.spending_total for a in self.actions)

    @property
    def deadlines(self) -> list[dt.date]:
        return sorted({a.deadline for a in self.actions if a.deadline})

    @property
    def nobody_acts(self) -> bool:
        """ "Nobody acts on this": no action serves the measure."""
        return not self.actions


@dataclass(frozen=True)
class UnitFigures:
    """A unit: its plans, and its share of the organisation's budget."""

    unit: UnitRef
    plans: list[PlanFigures]
    budget: int  # the budgets of the actions it is responsible for
    organization_budget: int

    @property
    def share(self) -> float | None:
        """The unit's part of the organisation's budget, 0–1 (None: no budget)."""
        if not self.organization_budget:
            return None
        return self.budget / self.organization_budget


@dataclass(frozen=True)
class YearRow:
    """Budget against spending in one year, per category (ActionCategory's order)."""

    year: int
    budget: list[int]
    spending: list[int]

    @property
    def cells(self) -> list[tuple[str, int, int]]:
        """(category label, budget, spent) of the categories with an amount."""
        return [
            (str(c.label), b, s)
            for c, b, s in zip(CATEGORIES, self.budget, self.spending, strict=True)
            if b or s
        ]

    @property
    def budget_total(self) -> int:
        return sum(self.budget)

    @property
    def spending_total(self) -> int:
        return sum(self.spending)


@dataclass(frozen=True)
class StatedTotal:
    """A total the strategy states, beside the items it covers and the plans' figures.

    ``withheld``: an exempt item or action falls under it, so ``stated`` is
    None (beside the public sums it would give the exempt amount away).
    """

    category: str
    category_label: str
    year_start: int
    year_end: int
    stated: int | None
    computed: int  # the action items it covers
    planned: int  # the budgets of the plans' actions in its category and years
    spent: int
    withheld: bool = False

    @property
    def difference(self) -> int | None:
        return None if self.stated is None else self.stated - self.computed

    @property
    def differs(self) -> bool:
        return bool(self.difference)


@dataclass(frozen=True)
class PlanRollUp:
    """All of a strategy's action plans for one reader."""

    plans: list[PlanFigures]
    measures: list[MeasureFigures]
    units: list[UnitFigures]
    years: list[YearRow]
    totals: list[StatedTotal]
    any_withheld: bool  # some action the reader may not read: sums leave it out
    categories: list[tuple[str, str]] = field(
        default_factory=lambda: [(c.value, str(c.label)) for c in CATEGORIES]
    )

    @property
    def actions(self) -> list[ActionFigures]:
        return [a for p in self.plans for a in p.readable_actions]

    @property
    def unserved(self) -> list[MeasureFigures]:
        """The flag "nobody acts on this": measures no readable action serves."""
        return [m for m in self.measures if m.nobody_acts and not m.measure.withheld]

    @property
    def flagged_actions(self) -> list[ActionFigures]:
        return [a for a in self.actions if a.flagged]

    @property
    def budget_total(self) -> int:
        return sum(row.budget_total for row in self.years)

    @property
    def spending_total(self) -> int:
        return sum(row.spending_total for row in self.years)

    def plan(self, pk: int) -> PlanFigures | None:
        return next((p for p in self.plans if p.pk == pk), None)

    def measure(self, key: str) -> MeasureFigures | None:
        return next((m for m in self.measures if m.measure.key == key), None)

    def unit(self, pk: int) -> UnitFigures | None:
        return next((u for u in self.units if u.unit.pk == pk), None)
