"""Budget against spending per year and category, as the action plan and the
budget reports lay it out: a table with a chart in documents, a sheet of
formulas in spreadsheets.

Every figure is of the actions the reader may read in full (plan_figures.py):
an exempt action is in no sum, so none of these lets its amount be derived.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from planverk.lib.numbers import amount_text
from planverk.reports.charts import CATEGORY_COLORS, Chart, _spec, _y_labels
from planverk.reports.document import (
    Amount,
    Block,
    Cell,
    Column,
    Figure,
    Note,
    Row,
    Table,
)
from planverk.reports.sheets import Column as SheetColumn
from planverk.reports.sheets import (
    Formula,
    Ref,
    Sheet,
    Value,
    cell,
    column_sums,
    sum_formula,
)
from planverk.strategies.plan_figures import PlanRollUp, YearRow


def withheld_note() -> Note:
    return Note(_("Actions exempt from public disclosure are not counted here."))


def _difference(budget: int, spent: int) -> Amount:
    """What is left of the budget; spending above it in words, not only as a sign."""
    if spent > budget:
        return Amount(spent - budget, prefix=_("Over budget:"), strong=True)
    return Amount(budget - spent)


def blocks(plans: PlanRollUp) -> list[Block]:
    """The table per year and category, then the chart of the same figures."""
    if not plans.years:
        return [Note(_("No budget or spending recorded in the action plans."))]
    labels = [label for _value, label in plans.categories]
    columns = [Column(_("Year"), 1.2)]
    for label in labels:
        columns += [
            Column(_("Budget: %(category)s") % {"category": label}, 2, numeric=True),
            Column(_("Spent: %(category)s") % {"category": label}, 2, numeric=True),
        ]
    columns += [
        Column(_("Budget"), 2, numeric=True),
        Column(_("Spent"), 2, numeric=True),
        Column(_("Left of the budget"), 2.4, numeric=True),
    ]

    def cells(first: str, budget: list[int], spent: list[int]) -> list[Cell]:
        paired = [Amount(a) for pair in zip(budget, spent, strict=True) for a in pair]
        b, s = sum(budget), sum(spent)
        return [first, *paired, Amount(b), Amount(s), _difference(b, s)]

    def flag(budget: int, spent: int) -> str:
        return "differs" if spent > budget else ""

    width = len(labels)
    budget_sums = [sum(r.budget[i] for r in plans.years) for i in range(width)]
    spent_sums = [sum(r.spending[i] for r in plans.years) for i in range(width)]
    table = Table(
        "spending",
        _("Budget against spending per year and category"),
        columns,
        [
            Row(
                cells(str(r.year), r.budget, r.spending),
                flag=flag(r.budget_total, r.spending_total),
            )
            for r in plans.years
        ],
        total=Row(cells(_("Total"), budget_sums, spent_sums)),
    )
    listed: list[Block] = [table, Figure(chart(plans))]
    if plans.any_withheld:
        listed.append(withheld_note())
    return listed


def chart(plans: PlanRollUp) -> Chart:
    """Budget and spending per year, two bars each, each bar named beside it."""
    budget, spent = _("Budget"), _("Spent")
    data = [
        {
            "year": str(row.year),
            "what": what,
            "amount": amount,
            "text": f"{what} {amount_text(amount)}",
        }
        for row in plans.years
        for what, amount in ((budget, row.budget_total), (spent, row.spending_total))
    ]
    lines = [_("Budget and spending in kroner per year.")]
    lines += [
        f"{row.year}: {budget} {amount_text(row.budget_total)}, "
        f"{spent} {amount_text(row.spending_total)}."
        for row in plans.years
    ]
    if not plans.years:
        lines.append(_("No amounts."))
    x = {
        "field": "amount",
        "type": "quantitative",
        "title": _("Amount (NOK)"),
        "axis": {"format": ",d", "labelOverlap": True},
        "scale": {"nice": True},
    }
    color = {
        "field": "what",
        "type": "nominal",
        "scale": {"domain": [budget, spent], "range": CATEGORY_COLORS},
        "legend": {"title": None, "orient": "bottom"},
    }
    spec = _spec(
        data,
        height={"step": 18 * 2 + 8},
        encoding={
            "y": {
                "field": "year",
                "type": "nominal",
                "sort": None,
                "axis": _y_labels(),
            },
            "yOffset": {"field": "what", "sort": [budget, spent]},
        },
        layer=[
            {"mark": "bar", "encoding": {"x": x, "color": color}},
            {
                "mark": {"type": "text", "align": "left", "dx": 3, "fontSize": 10},
                "encoding": {
                    "x": {"field": "amount", "type": "quantitative"},
                    "text": {"field": "text"},
                },
            },
        ],
    )
    return Chart(_("Budget against spending per year"), " ".join(lines), spec)


def sheet(plans: PlanRollUp) -> Sheet:
    """One row per year: budget and spending per category, their sums and what
    is left, all formulas; a sum row under them."""
    labels = [label for _value, label in plans.categories]
    width = len(labels)
    rows: list[list[Value]] = [
        _year_row(row, number, width) for number, row in enumerate(plans.years, start=2)
    ]
    sheet = Sheet(
        _("Budget and spending"),
        [SheetColumn(_("Year"), 8)]
        + [
            SheetColumn(_("Budget: %(category)s") % {"category": label}, 18, "amount")
            for label in labels
        ]
        + [
            SheetColumn(_("Spent: %(category)s") % {"category": label}, 18, "amount")
            for label in labels
        ]
        + [
            SheetColumn(_("Budget"), 16, "amount"),
            SheetColumn(_("Spent"), 16, "amount"),
            SheetColumn(_("Left of the budget"), 16, "amount"),
        ],
        rows,
        sum_rows=1,
    )
    rows.append(column_sums(sheet, first_column=1))
    return sheet


def _year_row(row: YearRow, number: int, width: int) -> list[Value]:
    budget = sum_formula([Ref(cell(1, number), cell(width, number))], row.budget_total)
    spent = sum_formula(
        [Ref(cell(width + 1, number), cell(2 * width, number))], row.spending_total
    )
    left = Formula(
        "MINUS",
        (Ref(cell(2 * width + 1, number)), Ref(cell(2 * width + 2, number))),
        row.budget_total - row.spending_total,
    )
    return [str(row.year), *row.budget, *row.spending, budget, spent, left]
