"""Helpers for tables that a phone shows as cards: each value carries its column's name."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import template

register = template.Library()


@register.filter
def paired(values: Iterable[Any], others: Iterable[Any]) -> list[tuple[Any, Any]]:
    """*values* beside *others*, one pair per column:
    ``{% for n, level in row.counts|paired:levels %}`` (the shorter one ends it)."""
    return list(zip(values, others, strict=False))
