"""Formatting for strategy pages: amounts in kroner, level badges, partial dates,
the names of national goals."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from planverk.frameworks.models import goal_name_of
from planverk.lib.dates import date_text, month_text
from planverk.lib.markdown import render_markdown
from planverk.lib.numbers import nok_text, years_text
from planverk.strategies.choices import AssessmentLevel, DatePrecision

register = template.Library()

# The one place that maps a level to a design-system colour. A badge always
# carries the level's text as well: colour alone never tells the level.
LEVEL_COLOR = {
    AssessmentLevel.ACHIEVED: "success",
    AssessmentLevel.PARTIAL: "warning",
    AssessmentLevel.IN_PROGRESS: "info",
    AssessmentLevel.NOT_ACHIEVED: "danger",
    AssessmentLevel.NOT_RELEVANT: "neutral",
    AssessmentLevel.UNKNOWN: "neutral",
}


@register.filter
def markdown(text: str | None, top: int = 2) -> SafeString:
    """A Markdown field (a chapter's text, a theme's introduction) as sanitised
    HTML, its headings from ``<h{top}>``: planverk/lib/markdown.py, as everywhere."""
    return render_markdown(text or "", top=top)


@register.filter
def nok(amount: int | None) -> str:
    """1800000 → "1 800 000 kr" in the active language (planverk/lib/numbers.py)."""
    return nok_text(amount)


@register.simple_tag
def level_badge(level: str, confirmed: bool = True) -> SafeString:
    """A design-system tag in the level's colour, labelled with the level's name."""
    label = AssessmentLevel(level).label
    color = LEVEL_COLOR[AssessmentLevel(level)]
    if confirmed:
        return format_html(
            '<span class="ds-tag level" data-color="{}">{}</span>', color, label
        )
    return format_html(
        '<span class="ds-tag level" data-color="{}">{} <small>({})</small></span>',
        color,
        label,
        _("not confirmed"),
    )


@register.filter
def partial_date(value: dt.date | None, precision: str = DatePrecision.DAY) -> str:
    """A date only as precise as the source gave it: a day, a month or a year, in
    the one style of every page and report (planverk/lib/dates.py)."""
    return date_text(value, precision)


@register.filter
def year_month(value: str | None) -> str:
    """planverk/1's "YYYY-MM" (an "as of" date) as a month in the reader's language."""
    return month_text(value)


@register.filter
def national_goal(part: Any) -> str:
    """What every page, report and export calls the goal a status is on:
    "National goal 7.2" (planverk/frameworks/models.py, ``goal_name_of``)."""
    return goal_name_of(part)


@register.filter
def years(values: Iterable[Any]) -> str:
    """Start years as written ("2024-2027", "2025") with en dashes in ranges."""
    return ", ".join(str(v).replace("-", "–") for v in values)


@register.filter
def year_span(start: int, end: int) -> str:
    return years_text(start, end)
