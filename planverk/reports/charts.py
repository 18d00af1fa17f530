"""The reports' charts: Vega-Lite specs drawn by vl-convert as SVG or PNG.

Each chart carries a title and a description in words of what it shows, so a
reader who cannot see it loses nothing; the SVG puts both first in the root
element for screen readers. Colours come from the Okabe–Ito palette, which
readers with any common colour-vision deficiency can tell apart, and the
legend and labels name every level and period, so no colour stands alone.
Labels are in the active language: call these inside ``in_language()``.
"""

from __future__ import annotations

import hashlib
import json
import re
import textwrap
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Protocol
from xml.sax.saxutils import escape

import vl_convert
from django.utils.translation import gettext as _

from planverk.lib.numbers import amount_text, separators
from planverk.reports.content import LEVELS, AreaGoals, Budget
from planverk.strategies.choices import AssessmentLevel
from planverk.strategies.plan_figures import PlanRollUp

_PROLOGUE = re.compile(r"<\?xml[^>]*>|<!DOCTYPE[^>]*>")
_TAG = re.compile(r"<[^>]+>")  # text is escaped, so "<" only ever opens a tag
_ARIA = re.compile(r'\s(?:role|aria-[\w-]+)="[^"]*"')

FONT = "DejaVu Sans"
WIDTH = 360  # of the plotting area, in px; the labels come on top

LEVEL_COLORS = {
    AssessmentLevel.ACHIEVED: "#009E73",  # bluish green
    AssessmentLevel.PARTIAL: "#E69F00",  # orange
    AssessmentLevel.IN_PROGRESS: "#56B4E9",  # sky blue
    AssessmentLevel.NOT_ACHIEVED: "#D55E00",  # vermillion
    AssessmentLevel.NOT_RELEVANT: "#999999",  # grey
    AssessmentLevel.UNKNOWN: "#DDDDDD",  # light grey
}
CATEGORY_COLORS = ["#0072B2", "#E69F00"]  # blue, orange
BAR_COLOR = "#0072B2"


class ChangesCounts(Protocol):
    """What the changes chart shows: goals per direction, between two points."""

    @property
    def before(self) -> str: ...
    @property
    def after(self) -> str: ...
    def counts(self) -> list[tuple[str, int]]: ...


@dataclass(frozen=True)
class Chart:
    """A chart's Vega-Lite spec, with its title and description in words."""

    title: str
    description: str
    spec: dict[str, Any]
    # d3-format's separators, the active language's as planverk/lib/numbers.py has them.
    locale: dict[str, Any] = field(default_factory=lambda: number_locale())

    @cached_property
    def id(self) -> str:
        """Stable for a given chart, so two runs give the same document."""
        digest = hashlib.sha1(json.dumps(self.spec, sort_keys=True).encode())
        return f"chart-{digest.hexdigest()[:10]}"

    @cached_property
    def svg(self) -> str:
        """SVG 1.1 to inline in HTML: no XML declaration, labelled for screen readers."""
        drawn = vl_convert.vegalite_to_svg(self.spec, format_locale=self.locale)
        return _labelled(drawn, self.id, self.title, self.description)

    def png(self, scale: float = 2.0) -> bytes:
        """A PNG at *scale* times the chart's size in CSS pixels (2 ≈ 192 dpi)."""
        return bytes(
            vl_convert.vegalite_to_png(
                self.spec, scale=scale, format_locale=self.locale
            )
        )


def number_locale() -> dict[str, Any]:
    """The active language's way with numbers, for d3-format (which knows no nb-NO)."""
    thousands, decimal = separators()
    return {
        "decimal": decimal,
        "thousands": thousands,
        "grouping": [3],
        "currency": ["", "\u00a0kr"],
    }


def _labelled(svg: str, chart_id: str, title: str, description: str) -> str:
    svg = _PROLOGUE.sub("", svg).strip()
    # Vega's own ARIA roles describe marks one by one; the chart is one image.
    svg = _TAG.sub(lambda tag: _ARIA.sub("", tag.group(0)), svg)
    head_end = svg.index(">") + 1
    root = svg[: head_end - 1].removesuffix("/")
    labels = (
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>'
    )
    return (
        f'{root} role="img" aria-labelledby="{chart_id}-title {chart_id}-desc">'
        f"{labels}{svg[head_end:]}"
    )


def _spec(data: list[dict[str, Any]], **parts: Any) -> dict[str, Any]:
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "width": WIDTH,
        "data": {"values": data},
        **parts,
        "config": {
            "font": FONT,
            "aria": False,
            "view": {"stroke": None},
            "axis": {"labelFontSize": 11, "titleFontSize": 11},
            "legend": {"labelFontSize": 11, "titleFontSize": 11},
        },
    }


def _wrapped(label: str) -> str:
    """A long axis label over lines of at most 34 characters (split again by Vega)."""
    return "\n".join(textwrap.wrap(label, 34)) or label


def _y_labels() -> dict[str, Any]:
    """Category labels of one or more lines (split at "\\n"), no axis title."""
    return {
        "title": None,
        "labelExpr": "split(datum.label, '\\n')",
        "labelLimit": 260,
        "labelPadding": 6,
    }


def _counts(pairs: list[tuple[str, object]]) -> str:
    return ", ".join(f"{label} {count}" for label, count in pairs)


def levels_chart(areas: list[AreaGoals]) -> Chart:
    """Goals per level in each national area: one stacked bar per area."""
    labels = [str(level.label) for level in LEVELS]
    data = [
        {
            "area": _wrapped(a.area),
            "level": labels[i],
            "label": f"{labels[i]} {n}",
            "order": i,
            "count": n,
        }
        for a in areas
        for i, n in enumerate(a.counts)
        if n
    ]
    lines = [_("Number of national goals at each level, per area.")]
    lines += [
        f"{a.area}: {_counts([(labels[i], n) for i, n in enumerate(a.counts) if n])}."
        for a in areas
    ]
    if not areas:
        lines.append(_("No goals."))
    stack = {
        "stack": "count",
        "groupby": ["area"],
        "sort": [{"field": "order"}],
        "as": ["start", "end"],
    }
    x = {
        "field": "start",
        "type": "quantitative",
        "title": _("Number of goals"),
        "axis": {"format": "d", "tickMinStep": 1},
    }
    y = {
        "field": "area",
        "type": "nominal",
        "sort": None,
        "axis": _y_labels(),
    }
    color = {
        "field": "level",
        "type": "nominal",
        "scale": {
            "domain": labels,
            "range": [LEVEL_COLORS[level] for level in LEVELS],
        },
        "legend": {"title": _("Level"), "orient": "bottom", "columns": 3},
    }
    spec = _spec(
        data,
        height={"step": 34},
        transform=[
            stack,
            {"calculate": "(datum.start + datum.end) / 2", "as": "middle"},
        ],
        layer=[
            {
                "mark": {"type": "bar", "stroke": "#ffffff", "strokeWidth": 1},
                "encoding": {"y": y, "x": x, "x2": {"field": "end"}, "color": color},
            },
            {
                # The level's word on its segment, cut short ("Oppn…") where the
                # segment is too narrow: never the colour alone.
                "mark": {
                    "type": "text",
                    "fontSize": 11,
                    "color": "#000000",
                    "limit": {
                        "expr": "scale('x', datum.end) - scale('x', datum.start) - 4"
                    },
                },
                "encoding": {
                    "y": y,
                    "x": {"field": "middle", "type": "quantitative"},
                    "text": {"field": "label"},
                },
            },
        ],
    )
    return Chart(_("Number of goals per area and level"), " ".join(lines), spec)


def budget_chart(budget: Budget) -> Chart:
    """Amounts per period, one bar per category beside each other."""
    categories = [label for _value, label in budget.categories]
    # Amounts in full with spaces, as in the tables beside the chart; no "0" labels.
    data = [
        {
            "period": row.years,
            "category": categories[i],
            "amount": amount,
            # The category's name beside its bar: never the colour alone.
            "text": f"{categories[i]} {amount_text(amount)}" if amount else "",
        }
        for row in budget.periods
        for i, amount in enumerate(row.amounts)
    ]
    lines = [_("Amounts in kroner per period and category.")]
    for row in budget.periods:
        amounts = [amount_text(a) for a in row.amounts]
        lines.append(
            f"{row.years}: {_counts(list(zip(categories, amounts, strict=True)))}."
        )
    if not budget.periods:
        lines.append(_("No amounts."))
    y = {"field": "period", "type": "nominal", "sort": None, "axis": _y_labels()}
    color = {
        "field": "category",
        "type": "nominal",
        "scale": {"domain": categories, "range": CATEGORY_COLORS},
        "legend": {"title": _("Category"), "orient": "bottom"},
    }
    x = {
        "field": "amount",
        "type": "quantitative",
        "title": _("Amount (NOK)"),
        "axis": {"format": ",d", "labelOverlap": True},
        "scale": {"nice": True},
    }
    offset = {"field": "category", "sort": categories}
    spec = _spec(
        data,
        height={"step": 18 * max(1, len(categories)) + 8},
        encoding={"y": y, "yOffset": offset},
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
    return Chart(_("Amounts per period and category"), " ".join(lines), spec)


def changes_chart(report: ChangesCounts) -> Chart:
    """How many goals moved up, down, stayed, changed off the scale, came or went."""
    counts = report.counts()
    data = [{"direction": label, "count": n} for label, n in counts]
    description = " ".join(
        [
            _("Number of goals per direction of change, from %(before)s to %(after)s.")
            % {"before": report.before, "after": report.after},
            "; ".join(f"{label}: {n}" for label, n in counts) + ".",
        ]
    )
    y = {
        "field": "direction",
        "type": "nominal",
        "sort": None,
        "axis": _y_labels(),
    }
    spec = _spec(
        data,
        height={"step": 26},
        encoding={"y": y},
        layer=[
            {
                "mark": {"type": "bar", "color": BAR_COLOR},
                "encoding": {
                    "x": {
                        "field": "count",
                        "type": "quantitative",
                        "title": _("Number of goals"),
                        "axis": {"format": "d", "tickMinStep": 1},
                    }
                },
            },
            {
                "mark": {"type": "text", "align": "left", "dx": 3, "fontSize": 11},
                "encoding": {
                    "x": {"field": "count", "type": "quantitative"},
                    "text": {"field": "count", "type": "quantitative"},
                },
            },
        ],
    )
    return Chart(_("Goals per direction of change"), description, spec)


@dataclass(frozen=True)
class DrawnChart(Chart):
    """A chart a page draws on every uncached request: its SVG is drawn here, in
    well under a millisecond, rather than by vl-convert (some 100 ms a chart);
    the Vega-Lite spec of the same figures stays for the PNG of a report."""

    drawn: str = ""

    @property
    def svg(self) -> str:
        return _labelled(self.drawn, self.id, self.title, self.description)


BAR, BAR_GAP, GROUP_GAP, LABEL_WIDTH, TEXT_ROOM = 14, 3, 12, 120, 210


def spending_chart(roll: PlanRollUp) -> DrawnChart:
    """Budget against spending of the action plans, per year and category: two
    bars for each, the measure and the amount written beside each bar, and
    "over budget" where the spending is more than the budget."""
    budget_word, spent_word, over_word = _("Budget"), _("Spent"), _("over budget")
    groups: list[tuple[str, list[tuple[str, int, str]]]] = []
    lines = [_("Budget against spending in kroner per year and category.")]
    for row in roll.years:
        for label, budget, spent in row.cells:
            group = f"{row.year} {label}"
            spent_text = f"{spent_word} {amount_text(spent)}"
            if spent > budget:
                spent_text += f" – {over_word}"
            bars = [
                (budget_word, budget, f"{budget_word} {amount_text(budget)}"),
                (spent_word, spent, spent_text),
            ]
            groups.append((group, bars))
            lines.append(f"{group}: {bars[0][2].lower()}, {spent_text.lower()}.")
    if not groups:
        lines.append(_("No amounts."))
    data = [
        {"group": g, "measure": m, "amount": a, "text": t}
        for g, bars in groups
        for m, a, t in bars
    ]
    measures = [budget_word, spent_word]
    spec = _spec(
        data,
        height={"step": 18 * len(measures) + 8},
        encoding={
            "y": {
                "field": "group",
                "type": "nominal",
                "sort": None,
                "axis": _y_labels(),
            },
            "yOffset": {"field": "measure", "sort": measures},
        },
        layer=[
            {
                "mark": "bar",
                "encoding": {
                    "x": {"field": "amount", "type": "quantitative", "title": None},
                    "color": {
                        "field": "measure",
                        "scale": {"domain": measures, "range": CATEGORY_COLORS},
                        "legend": {"title": None, "orient": "bottom"},
                    },
                },
            },
            {
                "mark": {"type": "text", "align": "left", "dx": 3, "fontSize": 10},
                "encoding": {
                    "x": {"field": "amount", "type": "quantitative"},
                    "text": {"field": "text"},
                },
            },
        ],
    )
    return DrawnChart(
        _("Budget against spending"),
        " ".join(lines),
        spec,
        drawn=_bars_svg(groups, measures),
    )


def _bars_svg(
    groups: list[tuple[str, list[tuple[str, int, str]]]],
    measures: list[str],
) -> str:
    """Grouped horizontal bars, each with its words beside it, and a legend."""
    largest = max((a for _g, bars in groups for _m, a, _t in bars), default=0) or 1
    colors = dict(zip(measures, CATEGORY_COLORS, strict=False))
    parts: list[str] = []
    y = 0
    for group, bars in groups:
        height = len(bars) * (BAR + BAR_GAP)
        parts.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{y + height / 2 + 4:.0f}" '
            f'text-anchor="end" font-size="11">{escape(group)}</text>'
        )
        for measure, amount, text in bars:
            width = round(amount / largest * WIDTH, 1)
            parts.append(
                f'<rect x="{LABEL_WIDTH}" y="{y}" width="{width}" height="{BAR}" '
                f'fill="{colors[measure]}"/>'
                f'<text x="{LABEL_WIDTH + width + 3}" y="{y + BAR - 3}" '
                f'font-size="10">{escape(text)}</text>'
            )
            y += BAR + BAR_GAP
        y += GROUP_GAP
    x = LABEL_WIDTH
    for measure in measures:
        parts.append(
            f'<rect x="{x}" y="{y + 2}" width="12" height="12" fill="{colors[measure]}"/>'
            f'<text x="{x + 16}" y="{y + 12}" font-size="11">{escape(measure)}</text>'
        )
        x += 16 + 8 * len(measure) + 20
    width, height = LABEL_WIDTH + WIDTH + TEXT_ROOM, y + 20
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="{FONT}" fill="#1a1a1a">'
        f"{''.join(parts)}</svg>"
    )
