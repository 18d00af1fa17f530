"""`planverk diff --org ORG --from ID --to ID [--format text|json] [--public]`:
what changed between two versions of a strategy.

The comparison is strategies/comparison.py's, as on the diff page. The JSON
is for scripts: its structure is docs/diff.md's, its keys sorted, so the same
versions always give the same bytes. Like `planverk export`, the command shows
exempt parts unless asked for --public. Labels and the summary are in the
strategy's language.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from planverk.lib.numbers import nok_text
from planverk.strategies.commandline import BAD_INPUT, chosen_strategy
from planverk.strategies.comparison import (
    HEADINGS,
    KINDS,
    BudgetChange,
    Comparison,
    FieldChange,
    PartChange,
    Status,
    compare,
)
from planverk.strategies.language import in_language
from planverk.strategies.models import Strategy

FORMAT = "planverk-diff/1"


class Command(BaseCommand):
    requires_system_checks: list[str] = []
    help = (
        "Print what changed between two versions of a strategy, part by part "
        "(as text, or as JSON for scripts)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--org", required=True, help="name or slug of the organisation"
        )
        parser.add_argument(
            "--from", dest="first", type=int, required=True, help="id of a version"
        )
        parser.add_argument(
            "--to", dest="second", type=int, required=True, help="id of another"
        )
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument(
            "--public",
            action="store_true",
            help="leave out parts exempt from public disclosure",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        first = chosen_strategy(options["org"], options["first"])
        second = chosen_strategy(options["org"], options["second"])
        if first.lineage != second.lineage:
            raise CommandError(
                f"{first.pk} and {second.pk} are not versions of one strategy "
                "(see `planverk revise`)",
                returncode=BAD_INPUT,
            )
        comparison = compare(first, second, include_exempt=not options["public"])
        with in_language(comparison.newer):
            if options["format"] == "json":
                out = json.dumps(
                    as_data(comparison), ensure_ascii=False, indent=2, sort_keys=True
                )
            else:
                out = as_text(comparison)
        self.stdout.write(out)


# --- JSON (docs/diff.md) -------------------------------------------------------------


def as_data(comparison: Comparison) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "organization": comparison.newer.organization.slug,
        "older": _version(comparison.older),
        "newer": _version(comparison.newer),
        "summary": comparison.summary,
        "counts": {
            kind: {s.value: comparison.count(kind, s) for s in Status} for kind in KINDS
        },
        "parts": {kind: [_part(c) for c in comparison.changed(kind)] for kind in KINDS},
        "budget": _budget(comparison.budget),
    }


def _version(strategy: Strategy) -> dict[str, Any]:
    return {
        "id": strategy.pk,
        "title": strategy.title,
        "version": strategy.version_label or None,
        "state": strategy.state,
        "period": {"start": strategy.period_start, "end": strategy.period_end},
    }


def _part(change: PartChange) -> dict[str, Any]:
    data: dict[str, Any] = {
        "key": change.key,
        "status": change.status,
        "name": change.name,
        "title": change.title,
        "number": {
            "before": _number(change.before),
            "after": _number(change.after),
        },
        "renumbered": change.renumbered,
        "fields": [_field(f) for f in change.fields],
        "withheld": None,
    }
    if change.kind == "measure":
        data["moved"] = change.moved
        data["theme"] = {
            "before": _theme_number(change.before),
            "after": _theme_number(change.after),
        }
    if change.status == Status.WITHHELD:
        data["withheld"] = {
            "before": change.title_before or None,
            "after": change.title_after or None,
        }
    return data


def _number(part: Any) -> Any:
    """A part's number; None for none, or where the version has no such part."""
    number = None if part is None else part.number
    return None if number in (None, "") else number


def _theme_number(measure: Any) -> str | None:
    if measure is None or measure.is_withheld:
        return None
    return str(measure.theme.number)


def _field(change: FieldChange) -> dict[str, Any]:
    return {
        "field": change.name,
        "label": change.label,
        "before": change.before,
        "after": change.after,
        "diff": [list(run) for run in change.runs] if change.runs else None,
    }


def _budget(budget: BudgetChange) -> dict[str, Any]:
    def side(which: str) -> dict[str, int]:
        sums = {c.category: getattr(c, which) for c in budget.categories}
        return {**sums, "total": getattr(budget, which)}

    return {
        "before": side("before"),
        "after": side("after"),
        "change": budget.change,
        "withheld": budget.withheld,
    }


# --- text ------------------------------------------------------------------------------


def as_text(comparison: Comparison) -> str:
    """The comparison for a person at a terminal: words taken out in [-…-], put
    in as {+…+}, as wdiff marks them."""
    older, newer = comparison.older, comparison.newer
    lines = [
        newer.organization.name,
        f"  {older.pk}: {older.version_text(state=True)}",
        f"→ {newer.pk}: {newer.version_text(state=True)}",
        "",
        comparison.summary,
    ]
    for kind in KINDS:
        if changed := comparison.changed(kind):
            lines += ["", str(HEADINGS[kind])]
            for change in changed:
                lines += _part_lines(change)
    budget = comparison.budget
    if comparison.parts["action_item"]:
        lines += ["", _("The action plan's sums")]
        for c in budget.categories:
            lines.append(f"  {c.label}: {_sums(c.before, c.after, c.change_text)}")
        total = _sums(budget.before, budget.after, budget.change_text)
        lines.append(f"  {_('Total')}: {total}")
    return "\n".join(lines)


def _part_lines(change: PartChange) -> list[str]:
    lines = [f"  {change.name} ({change.status_label})"]
    if change.status == Status.WITHHELD:
        return [*lines, f"    - {change.title_before}", f"    + {change.title_after}"]
    if change.title:
        lines.append(f"    {change.title}")
    lines += [f"    {move}" for move in change.moves]
    for field in change.fields:
        lines.append(f"    {field.label}: {_field_text(field)}")
    return lines


def _field_text(field: FieldChange) -> str:
    if not field.runs:
        return f"{field.before_text or '–'} → {field.after_text or '–'}"
    marks = {"same": "{}", "del": "[-{}-]", "ins": "{{+{}+}}"}
    return "".join(marks[op].format(text) for op, text in field.runs)


def _sums(before: int, after: int, change: str) -> str:
    return f"{nok_text(before)} → {nok_text(after)} ({change})"
