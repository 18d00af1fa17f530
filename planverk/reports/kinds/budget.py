"""The action plan and budget: amounts per period and category, stated against
computed totals, and the action plans' spending against their budget; and the
national budget, every organisation's in one table."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from planverk.reports.charts import Chart, budget_chart
from planverk.reports.content import Budget, Front, budget, front
from planverk.reports.document import Document, Heading
from planverk.reports.kinds import parts, spending
from planverk.reports.kinds.base import Comparison, Kind
from planverk.reports.sheets import (
    Column,
    Formula,
    Ref,
    Sheet,
    Value,
    Workbook,
    cell,
    column_range,
    column_sums,
    sum_formula,
)
from planverk.strategies.choices import ActionCategory
from planverk.strategies.models import ActionItem, Strategy
from planverk.strategies.permissions import reader
from planverk.strategies.plan_figures import PlanRollUp, plan_figures


@dataclass(frozen=True)
class BudgetReport:
    front: Front
    budget: Budget
    # The action plans, for their spending against budget; none by default.
    plans: PlanRollUp = field(
        default_factory=lambda: PlanRollUp([], [], [], [], [], any_withheld=False)
    )


def budget_report(strategy: Strategy, *, include_exempt: bool) -> BudgetReport:
    return BudgetReport(
        front=front(strategy),
        budget=budget(strategy, include_exempt),
        plans=plan_figures(strategy, reader(include_exempt)),
    )


def read(
    strategy: Strategy, include_exempt: bool, comparison: Comparison
) -> BudgetReport:
    return budget_report(strategy, include_exempt=include_exempt)


def title() -> str:
    return _("Action plan and budget")


def document(report: BudgetReport, paged: bool) -> Document:
    blocks = parts.budget(report.budget, 1)
    if report.plans.plans:  # the reader sees an action plan
        blocks += [
            Heading(_("Budget against spending"), 1, toc=False),
            *spending.blocks(report.plans),
        ]
    return parts.document(report.front, title(), blocks)


def chart(report: BudgetReport) -> Chart:
    return budget_chart(report.budget)


# --- as sheets -----------------------------------------------------------------------


def workbook(report: BudgetReport) -> Workbook:
    """The items, the amounts per period and the totals, one sheet each; and
    the action plans' budget against spending, if the reader sees a plan."""
    sheets = [
        _items_sheet(report.budget),
        _periods_sheet(report.budget),
        _totals_sheet(report.budget),
    ]
    if report.plans.plans:
        sheets.append(spending.sheet(report.plans))
    front = report.front
    return Workbook(f"{front.organization}: {title()}", front.language, sheets)


def _items_sheet(budget: Budget) -> Sheet:
    return Sheet(
        _("Items"),
        [
            Column(_("No."), 6),
            Column(_("Item"), 50),
            Column(_("Category"), 14),
            Column(_("First year"), 10, "number"),
            Column(_("Last year"), 10, "number"),
            Column(_("Amount (NOK)"), 14, "amount"),
            Column(_("Funding"), 24),
            Column(_("Remarks"), 30),
        ],
        [
            [
                i.number,
                i.title,
                i.category_label,
                i.year_start,
                i.year_end,
                i.amount,
                i.funding,
                i.remarks,
            ]
            for i in budget.items
        ],
    )


def _periods_sheet(budget: Budget) -> Sheet:
    """Amounts per period and category: row totals and a sum row, all formulas."""
    categories = len(budget.categories)
    rows: list[list[Value]] = []
    for number, period in enumerate(budget.periods, start=2):
        row_sum = sum_formula(
            [Ref(cell(1, number), cell(categories, number))], period.total
        )
        rows.append([period.years, *period.amounts, row_sum])
    sheet = Sheet(
        _("Per period"),
        [Column(_("Years"), 12)]
        + [Column(label, 16, "amount") for _value, label in budget.categories]
        + [Column(_("Total"), 16, "amount")],
        rows,
        sum_rows=1,
    )
    rows.append(column_sums(sheet, first_column=1))
    return sheet


def _totals_sheet(budget: Budget) -> Sheet:
    """Totals as stated beside the sums of the items, and their difference."""
    rows: list[list[Value]] = []
    for number, total in enumerate(budget.totals, start=2):
        difference: Value = None
        # The note says why in the row itself: a table has no footnotes.
        differs = total.withheld_note if total.withheld else _("Not stated")
        if total.difference is not None:
            difference = Formula(
                "MINUS",
                (Ref(cell(2, number)), Ref(cell(3, number))),
                total.difference,
            )
            differs = _("yes") if total.differs else _("no")
        rows.append(
            [
                total.category_label,
                total.years,
                total.stated,
                total.computed,
                difference,
                differs,
            ]
        )
    return Sheet(
        _("Totals"),
        [
            Column(_("Category"), 14),
            Column(_("Years"), 12),
            Column(_("Stated total"), 16, "amount"),
            Column(_("Sum of the items"), 16, "amount"),
            Column(_("Difference"), 14, "amount"),
            Column(_("Differs"), 12),
        ],
        rows,
    )


# --- the national budget -------------------------------------------------------------

# strategy, number, title, category, first year, last year, amount
ItemRow = tuple[int, str, str, str, int, int, int | None]


def national_budget(
    strategies: Iterable[Strategy] | QuerySet[Strategy], *, include_exempt: bool = False
) -> Workbook:
    """Every action item of *strategies*, one row each, and totals per strategy.

    Two queries whatever the number of strategies. Items exempt from public
    disclosure are left out unless *include_exempt*. The totals are SUMIF
    formulas over each strategy's rows of the item sheet, which are contiguous.
    Labelled in the active language.
    """
    if not isinstance(strategies, QuerySet):
        strategies = Strategy.objects.filter(pk__in=[s.pk for s in strategies])
    listed = list(
        strategies.select_related("organization")
        .order_by("organization__name", "organization_id", "period_start", "pk")
        .only(
            "title", "version_label", "period_start", "period_end", "organization__name"
        )
    )
    items = ActionItem.objects.restrict(reader(include_exempt)).filter(
        strategy__in=[s.pk for s in listed]
    )
    by_strategy: dict[int, list[ItemRow]] = {}
    for row in items.order_by("strategy_id", "sort_key").values_list(
        "strategy_id",
        "number",
        "title",
        "category",
        "year_start",
        "year_end",
        "amount_nok",
    ):
        by_strategy.setdefault(row[0], []).append(row)
    labels = {c.value: str(c.label) for c in ActionCategory}
    item_sheet = Sheet(
        _("Items"),
        [
            Column(_("Organisation"), 30),
            Column(_("Strategy"), 40),
            Column(_("No."), 6),
            Column(_("Item"), 50),
            Column(_("Category"), 14),
            Column(_("First year"), 10, "number"),
            Column(_("Last year"), 10, "number"),
            Column(_("Amount (NOK)"), 14, "amount"),
        ],
    )
    totals = Sheet(
        _("Totals"),
        [Column(_("Organisation"), 30), Column(_("Strategy"), 40)]
        + [Column(label, 16, "amount") for label in labels.values()]
        + [Column(_("Total"), 16, "amount")],
        sum_rows=1,
    )
    for strategy in listed:
        organization = strategy.organization.name
        name = strategy.version_text()
        first = len(item_sheet.rows) + 2
        sums = dict.fromkeys(labels, 0)
        for _pk, number, item, category, start, end, amount in by_strategy.get(
            strategy.pk, []
        ):
            item_sheet.rows.append(
                [organization, name, number, item, labels[category], start, end, amount]
            )
            sums[category] += amount or 0
        span = (first, len(item_sheet.rows) + 1)
        at = len(totals.rows) + 2
        totals.rows.append(
            [organization, name, *_strategy_totals(labels, sums, span, at, item_sheet)]
        )
    totals.rows.append(column_sums(totals, first_column=2))
    language = translation.get_language() or "nb"
    return Workbook(title(), language, [item_sheet, totals])


def _strategy_totals(
    labels: dict[str, str],
    sums: dict[str, int],
    span: tuple[int, int],
    row: int,
    items: Sheet,
) -> list[Value]:
    """One strategy's amounts per category, SUMIFs over its item rows, and their sum."""
    first, last = span
    cells: list[Value] = []
    for category, label in labels.items():
        if last < first:  # no items: nothing to sum over
            cells.append(0)
            continue
        criteria = column_range(4, first, last, items.name)
        amounts = column_range(7, first, last, items.name)
        cells.append(Formula("SUMIF", (criteria, label, amounts), sums[category]))
    total = Ref(cell(2, row), cell(1 + len(labels), row))
    cells.append(sum_formula([total], sum(sums.values())))
    return cells


KIND = Kind(
    name="budget",
    label=gettext_lazy("Action plan and budget"),
    description=gettext_lazy(
        "Amounts per period and category; stated against computed totals."
    ),
    content=BudgetReport,
    read=read,
    document=document,
    workbook=workbook,
    chart=chart,
)
