"""What a strategy's pages say at a glance: the one-line summary, and the charts.

The charts are the reports' own (planverk/reports/charts.py), drawn inline as
SVG with their title and description, beside the table of the same figures;
the figures come from the reports' read model, so a page and its report agree.
"""

from __future__ import annotations

from django.utils.translation import gettext, ngettext

from planverk.reports.charts import Chart, budget_chart, levels_chart
from planverk.reports.content import LEVELS, AreaGoals, Budget


def goal_summary(areas: list[AreaGoals]) -> str:
    """ "45 nasjonale mål: 20 oppnådd, 10 delvis oppnådd, …", levels in their order."""
    counts = [sum(a.counts[i] for a in areas) for i in range(len(LEVELS))]
    total = sum(counts)
    if not total:
        return ""
    levels = ", ".join(
        f"{n} {str(level.label).lower()}"
        for level, n in zip(LEVELS, counts, strict=True)
        if n
    )
    return ngettext(
        "%(count)d national goal: %(levels)s.",
        "%(count)d national goals: %(levels)s.",
        total,
    ) % {"count": total, "levels": levels}


def levels_figure(areas: list[AreaGoals]) -> Chart | None:
    """The levels per area as a stacked bar, when the strategy has goals."""
    return levels_chart(areas) if any(a.total for a in areas) else None


def budget_figure(budget: Budget) -> Chart | None:
    """Amounts per period and category, when the action plan has amounts."""
    return budget_chart(budget) if any(p.total for p in budget.periods) else None


def budget_coverage(budget: Budget) -> str:
    """What the budget chart counts: the items with an amount, the public ones."""
    counted = sum(1 for item in budget.items if item.amount)
    text = ngettext(
        "Covers %(count)d action plan item with an amount.",
        "Covers %(count)d action plan items with an amount.",
        counted,
    ) % {"count": counted}
    if any(total.withheld for total in budget.totals):
        text += " " + gettext("Amounts exempt from public disclosure are not included.")
    return text
