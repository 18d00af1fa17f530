"""The money and the decisions of a sample strategy: action plan, totals, log."""

from __future__ import annotations

import datetime as dt
from typing import Any

from planverk.sample.context import Plan

# A part of the action plan: (category, first year, last year).
Part = tuple[str, int, int]
# Realistic slips between a stated total and the sum of its items, in kroner.
SLIPS = (-300_000, -200_000, -100_000, 100_000, 200_000, 500_000)


def action_plan(plan: Plan) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Action items numbered 1, 2, 3 … part by part, and one total per part."""
    parts = _parts(plan)
    counts = _counts(plan, len(parts))
    items: list[dict[str, Any]] = []
    for part, count in zip(parts, counts, strict=True):
        items += [_item(plan, str(len(items) + k), part) for k in range(1, count + 1)]
    totals = [
        _total(plan, part, items)
        for part, count in zip(parts, counts, strict=True)
        if count
    ]
    return items, totals


def _parts(plan: Plan) -> list[Part]:
    s, e = plan.start, plan.end
    if plan.rng.random() < 0.6:  # first year's operations apart from the rest
        return [("operating", s, s), ("operating", s + 1, e), ("investment", s, e)]
    return [("operating", s, e), ("investment", s, e)]


def _counts(plan: Plan, parts: int) -> list[int]:
    total = plan.rng.randint(14, 26)
    counts = [0] * parts
    for index in plan.rng.choices(range(parts), k=total):
        counts[index] += 1
    return counts


def _item(plan: Plan, number: str, part: Part) -> dict[str, Any]:
    rng, lexicon = plan.rng, plan.lexicon
    category, first, last = part
    start = rng.randint(first, last)
    end = rng.choice((start, last))
    funded_elsewhere = rng.random() < 0.15
    return {
        "number": number,
        "title": plan.pick(lexicon.action_titles, system=rng.choice(lexicon.systems)),
        "items": rng.sample(lexicon.action_items, k=rng.choice((0, 0, 1, 2, 3))),
        "category": category,
        "years": {"start": start, "end": end},
        "amount_nok": None if funded_elsewhere else _amount(plan, category),
        "funding": rng.choice(lexicon.funding_sources) if funded_elsewhere else None,
        "remarks": rng.choice(lexicon.remarks) if rng.random() < 0.35 else None,
    }


def _amount(plan: Plan, category: str) -> int:
    # Whole hundred thousands, as plans state them ("0,4 mln. NOK").
    steps = (
        plan.rng.randint(2, 50) if category == "investment" else plan.rng.randint(1, 15)
    )
    return steps * 100_000


def _total(plan: Plan, part: Part, items: list[dict[str, Any]]) -> dict[str, Any]:
    category, first, last = part
    computed = sum(
        item["amount_nok"] or 0
        for item in items
        if item["category"] == category
        and first <= item["years"]["start"]
        and item["years"]["end"] <= last
    )
    return {
        "category": category,
        "years": {"start": first, "end": last},
        "stated_nok": _stated(plan, computed),
        "computed_nok": computed,
    }


def _stated(plan: Plan, computed: int) -> int:
    """The total as the document states it: usually right, sometimes a slip."""
    if plan.rng.random() >= 0.12:
        return computed
    slip = plan.rng.choice(SLIPS)
    return computed + slip if computed + slip >= 0 else computed - slip


def revisions(plan: Plan, state: str) -> list[dict[str, Any]]:
    """The decision log: reviews while drafting, then the approval if there was one."""
    rng = plan.rng
    decided = state in ("approved", "superseded")
    days = sorted(_drafting_day(plan) for _ in range(rng.randint(1, 6)))
    log = [_entry(plan, day, _bodies(plan), rng.random() < 0.6) for day in days]
    if decided:
        approved = max(days[-1], dt.date(plan.start - 1, 10, 1)) + dt.timedelta(days=14)
        decision = _entry(plan, approved, _approvers(plan), True, precise=True)
        log.append({**decision, "note": None})  # the decision itself needs no remark
    return log


def _drafting_day(plan: Plan) -> dt.date:
    first = dt.date(plan.start - 2, 1, 1).toordinal()
    last = dt.date(plan.start - 1, 11, 30).toordinal()
    return dt.date.fromordinal(plan.rng.randint(first, last))


def _bodies(plan: Plan) -> tuple[str, ...]:
    lexicon = plan.lexicon
    return (
        lexicon.bodies_county
        if plan.org.kind == "county"
        else lexicon.bodies_municipality
    )


def _approvers(plan: Plan) -> tuple[str, ...]:
    lexicon = plan.lexicon
    county = plan.org.kind == "county"
    return lexicon.approvers_county if county else lexicon.approvers_municipality


def _entry(
    plan: Plan,
    day: dt.date,
    bodies: tuple[str, ...],
    with_reference: bool,
    precise: bool = False,
) -> dict[str, Any]:
    rng = plan.rng
    reference = None
    if with_reference:
        yy = f"{day.year % 100:02d}"
        reference = plan.pick(plan.lexicon.references, n=rng.randint(1, 150), yy=yy)
    return {
        "body": rng.choice(bodies),
        "date": day.isoformat() if precise else _as_written(plan, day),
        "reference": reference,
        "note": rng.choice(plan.lexicon.revision_notes),
    }


def _as_written(plan: Plan, day: dt.date) -> str:
    """The date as precisely as the log happens to state it."""
    roll = plan.rng.random()
    if roll < 0.75:
        return day.isoformat()
    return f"{day:%Y-%m}" if roll < 0.9 else str(day.year)
