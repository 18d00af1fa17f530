"""Spending (forbruk) on the actions of approved plans: one entry, or a CSV import.

The CSV is the interface to accounting systems (README, "Spending CSV"): a
header ``plan,action,year,amount`` (or with ``;``), then one row per action and
year. ``plan`` is the plan's key, or a year: the organisation's own plan (not a
unit's) that starts that year, since an accounting system knows the plan by
its year and not by Planverk's key. A row sets the year's spending, replacing
what was there. The whole file is checked before anything is stored, and one
bad row stores nothing.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from planverk.lib.audit import attributed
from planverk.organizations.models import Organization
from planverk.strategies.actions.publishing import seen_anew
from planverk.strategies.choices import StrategyState
from planverk.strategies.models.plans import ActionPlan, PlanAction, PlanState, Spending
from planverk.strategies.permissions import Action, can, require

COLUMNS = ("plan", "action", "year", "amount")
# A file of more rows is refused before it is read further.
MAX_ROWS = 20_000
# Room for what accounting systems add to an amount: spaces between thousands,
# "kr", decimals (rounded to whole kroner).
_NOISE = re.compile(r"[\s\u00a0\u202f]|kr\.?|NOK", re.IGNORECASE)


class SpendingError(ValueError):
    """A bad spending file: each error names its row (the file's line) and column."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__("; ".join(str(e) for e in errors))
        self.errors = errors


@dataclass(frozen=True)
class RowError:
    row: int  # the file's line, the header being 1; 0 for the file as a whole
    column: str  # one of COLUMNS, or "" for the row or file
    message: str

    def __str__(self) -> str:
        if not self.row:
            return self.message
        if not self.column:
            return _("row %(row)d: %(message)s") % {
                "row": self.row,
                "message": self.message,
            }
        return _("row %(row)d, column “%(column)s”: %(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


@transaction.atomic
def set_spending(
    action: PlanAction, *, year: int, amount_nok: int | None, user: Any
) -> Spending | None:
    """Record what *action* spent in *year*; None removes the year's entry."""
    require(user, Action.REPORT_SPENDING, action)
    plan = action.plan
    if not plan.year_start <= year <= plan.year_end:
        raise ValidationError(
            {"year": _("The plan covers %(start)d–%(end)d.") % _years(plan)}
        )
    if amount_nok is not None and amount_nok < 0:
        raise ValidationError({"amount_nok": _("Spending cannot be negative.")})
    found = Spending.objects.filter(action=action, year=year).first()
    if amount_nok is None:
        if found is not None:
            attributed(found, user=user, reason="spending")
            found.delete()
            seen_anew(plan.strategy)
        return None
    if found is None:
        found = Spending(action=action, year=year, amount_nok=amount_nok)
    elif found.amount_nok == amount_nok:
        return found
    found.amount_nok = amount_nok
    attributed(found, user=user, reason="spending")
    found.save()
    seen_anew(plan.strategy)
    return found


def _years(plan: ActionPlan) -> dict[str, int]:
    return {"start": plan.year_start, "end": plan.year_end}


def read_csv(data: bytes) -> list[tuple[int, list[str]]]:
    """The rows of a spending CSV after its header, each with its line number.

    Raises SpendingError for a file that is too large, not UTF-8, or lacks the
    header.
    """
    if len(data) > settings.PLANVERK_UPLOAD_MAX_BYTES:
        raise SpendingError(
            [
                RowError(
                    0,
                    "",
                    _("The file is larger than %(limit)d bytes.")
                    % {"limit": settings.PLANVERK_UPLOAD_MAX_BYTES},
                )
            ]
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SpendingError(
            [RowError(0, "", _("The file is not UTF-8 text."))]
        ) from None
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = [cell.strip().casefold() for cell in next(reader, [])]
    if header != list(COLUMNS):
        raise SpendingError(
            [
                RowError(
                    1,
                    "",
                    _("The first row must be the header %(header)s.")
                    % {"header": ",".join(COLUMNS)},
                )
            ]
        )
    rows = []
    for cells in reader:
        if not any(cell.strip() for cell in cells):
            continue
        rows.append((reader.line_num, cells))
        if len(rows) > MAX_ROWS:
            raise SpendingError(
                [
                    RowError(
                        0,
                        "",
                        _("The file has more than %(limit)d rows.")
                        % {"limit": MAX_ROWS},
                    )
                ]
            )
    return rows


@transaction.atomic
def import_spending(
    organization: Organization,
    rows: Iterable[tuple[int, Sequence[str]]],
    *,
    user: Any,
) -> int:
    """Store the spending *rows* ((line, cells) from read_csv) of *organization*'s
    approved plans, all or nothing; returns how many rows were stored.

    Raises SpendingError with every bad row (its line and column) and stores
    nothing then.
    """
    plans = _plans(organization)
    by_key = {p.key: p for p in plans}
    by_year: dict[int, list[ActionPlan]] = {}
    for plan in plans:
        if plan.unit_id is None:
            by_year.setdefault(plan.year_start, []).append(plan)
    by_pk = {p.pk: p for p in plans}
    actions = {}
    for a in PlanAction.objects.filter(plan__in=plans):
        a.plan = by_pk[a.plan_id]  # with its strategy, which the rule reads
        actions[(a.plan_id, a.number)] = a
    errors: list[RowError] = []
    wanted: dict[tuple[int, int], tuple[PlanAction, int]] = {}
    for line, cells in rows:

        def bad(column: str, message: str, line: int = line) -> None:
            errors.append(RowError(line, column, message))

        if len(cells) != len(COLUMNS):
            bad("", _("Expected %(count)d columns.") % {"count": len(COLUMNS)})
            continue
        plan_cell, number, year_cell, amount_cell = (c.strip() for c in cells)
        found = _plan(plan_cell, by_key, by_year, bad)
        year = _year(year_cell, bad)
        amount = _amount(amount_cell, bad)
        if found is None:
            continue
        action = actions.get((found.pk, number))
        if action is None:
            bad("action", _("The plan has no action %(number)s.") % {"number": number})
            continue
        if not can(user, Action.REPORT_SPENDING, action):
            bad("action", _("You may not report spending on this action."))
            continue
        if year is None or amount is None:
            continue
        if not found.year_start <= year <= found.year_end:
            bad("year", _("The plan covers %(start)d–%(end)d.") % _years(found))
            continue
        if (action.pk, year) in wanted:
            bad("", _("This action and year are in the file already."))
            continue
        wanted[(action.pk, year)] = (action, amount)
    if errors:
        raise SpendingError(errors)
    _store(wanted, user)
    changed = {a.plan.strategy_id: a.plan.strategy for a, _amount in wanted.values()}
    for strategy in changed.values():
        seen_anew(strategy)  # the figures the public sees changed
    return len(wanted)


def _plans(organization: Organization) -> list[ActionPlan]:
    """The organisation's plans that take spending: approved, of a strategy in force."""
    return list(
        ActionPlan.objects.filter(
            strategy__organization=organization, state=PlanState.APPROVED
        )
        .exclude(strategy__state=StrategyState.SUPERSEDED)
        .select_related("strategy__organization")
    )


def _plan(
    cell: str,
    by_key: dict[str, ActionPlan],
    by_year: dict[int, list[ActionPlan]],
    bad: Any,
) -> ActionPlan | None:
    if cell in by_key:
        return by_key[cell]
    if cell.isdigit() and len(cell) == 4:
        found = by_year.get(int(cell), [])
        if len(found) == 1:
            return found[0]
        if found:
            bad(
                "plan",
                _("Several plans start in %(year)s: give the plan's key.")
                % {"year": cell},
            )
            return None
    bad(
        "plan",
        _("No approved plan has the key or year “%(plan)s”.") % {"plan": cell[:40]},
    )
    return None


def _year(cell: str, bad: Any) -> int | None:
    if cell.isdigit() and len(cell) == 4:
        return int(cell)
    bad("year", _("Expected a year, such as 2011."))
    return None


def _amount(cell: str, bad: Any) -> int | None:
    try:
        return parse_amount(cell)
    except ValueError as e:
        bad("amount", str(e))
        return None


def parse_amount(text: str) -> int:
    """An amount as accounting systems and people write it ("1 250 000,00",
    "12.345,50", "400000 kr"), in whole kroner (rounded half up); ValueError
    with a message for people otherwise."""
    text = _NOISE.sub("", text)
    if "," in text and "." in text:  # 12.345,50 or 12,345.50: the last one is decimal
        thousands = "." if text.rfind(",") > text.rfind(".") else ","
        text = text.replace(thousands, "")
    try:
        value = Decimal(text.replace(",", "."))
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite() or value > 10**15:
        raise ValueError(_("Expected an amount in NOK, such as 125000."))
    if value < 0:
        raise ValueError(_("Spending cannot be negative."))
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _store(wanted: dict[tuple[int, int], tuple[PlanAction, int]], user: Any) -> None:
    """Write the checked rows: new years created, changed ones updated, with history."""
    found = {
        (s.action_id, s.year): s
        for s in Spending.objects.filter(action_id__in={pk for pk, _year in wanted})
    }
    new, changed = [], []
    for (pk, year), (action, amount) in wanted.items():
        spent = found.get((pk, year))
        if spent is None:
            new.append(Spending(action=action, year=year, amount_nok=amount))
        elif spent.amount_nok != amount:
            spent.amount_nok = amount
            changed.append(spent)
    author = user if getattr(user, "pk", None) is not None else None  # not OPERATOR
    bulk_create_with_history(
        new, Spending, default_user=author, default_change_reason="spending import"
    )
    if changed:
        bulk_update_with_history(
            changed,
            Spending,
            ["amount_nok"],
            default_user=author,
            default_change_reason="spending import",
        )
