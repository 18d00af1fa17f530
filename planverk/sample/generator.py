"""Deterministic planverk/1 sample documents for the demo and the benchmarks.

The organisations are invented (see :mod:`planverk.sample.names`) and every text
is assembled from this project's own phrase lists; nothing is copied from a real
strategy. Each organisation draws from its own ``random.Random`` seeded from
``(seed, index)``, so organisation *i* comes out the same however many are asked
for; only name uniqueness looks back at the organisations before it.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from functools import cache
from typing import Any

from planverk.format.agendas import read_framework
from planverk.sample import words_lt, words_nb, words_nn
from planverk.sample.context import Organisation, Plan
from planverk.sample.names import invent_name
from planverk.sample.plans import action_plan, revisions

FRAMEWORK_SLUG = "ekommune-2012"
LEXICONS = {"nb": words_nb.LEXICON, "nn": words_nn.LEXICON, "lt": words_lt.LEXICON}
LEVEL_WEIGHTS = {
    "achieved": 30,
    "partial": 20,
    "in_progress": 22,
    "not_achieved": 14,
    "not_relevant": 5,
    "unknown": 9,
}
STATE_WEIGHTS = {"approved": 70, "hearing": 15, "draft": 15}
STARTS = (
    # (weight, starts as written): s = first year, n = the next, e = last year
    (50, ("{s}",)),
    (20, ("{s}-{e}",)),
    (15, ("{n}",)),
    (10, ("{n}-{e}",)),
    (5, ("{s}", "{n}")),
)


def generate(orgs: int, seed: int = 1) -> Iterator[dict[str, Any]]:
    """planverk/1 documents for *orgs* invented organisations.

    Same (orgs, seed), same output; the first n organisations of a larger run
    equal a run of n. An organisation with an older, superseded strategy yields
    that document first, then its current one.
    """
    framework = _framework()
    taken: set[str] = set()
    for index in range(orgs):
        rng = random.Random(f"planverk-sample/{seed}/{index}")
        org = _organisation(rng, taken)
        yield from _documents(rng, org, framework)


@cache
def _framework() -> dict[str, Any]:
    return read_framework(FRAMEWORK_SLUG)


def _organisation(rng: random.Random, taken: set[str]) -> Organisation:
    if rng.random() < 0.05:
        country, language, kind = "LT", "lt", "municipality"
    else:
        country = "NO"
        language = "nn" if rng.random() < 0.2 else "nb"
        kind = "county" if rng.random() < 0.1 else "municipality"
    lexicon = LEXICONS[language]
    county = kind == "county"
    suffix = rng.choice(
        lexicon.county_suffixes if county else lexicon.municipality_suffixes
    )
    pool = lexicon.units_county if county else lexicon.units_municipality
    units = tuple(rng.sample(pool, k=min(len(pool), rng.randint(6, 10))))
    return Organisation(
        invent_name(rng, language, suffix, taken), kind, country, language, units
    )


def _documents(
    rng: random.Random, org: Organisation, framework: dict[str, Any]
) -> list[dict[str, Any]]:
    start = rng.randint(2009, 2014)
    end = start + rng.choice((3, 3, 3, 2, 4))
    state = _weighted(rng, STATE_WEIGHTS)
    documents = []
    # Only an approved strategy can have replaced an older one.
    if state == "approved" and rng.random() < 0.2:
        old_start = start - rng.choice((3, 4))
        documents.append(
            _document(rng, org, framework, old_start, start - 1, "superseded")
        )
    documents.append(_document(rng, org, framework, start, end, state))
    return documents


def _document(
    rng: random.Random,
    org: Organisation,
    framework: dict[str, Any],
    start: int,
    end: int,
    state: str,
) -> dict[str, Any]:
    plan = Plan(rng, org, LEXICONS[org.language], start, end)
    vision = plan.pick(plan.lexicon.visions)
    themes = _themes(plan, framework)
    items, totals = action_plan(plan)
    strategy = {
        "title": plan.pick(plan.lexicon.titles),
        "language": org.language,
        "period": {"start": start, "end": end},
        "version": _version(rng, state),
        "vision": vision,
        "state": state,
        "framework": FRAMEWORK_SLUG,
        "sections": _sections(plan, vision),
        "units": _units(themes),
        "revisions": revisions(plan, state),
        "glossary": _glossary(plan),
        "themes": themes,
        "goal_assessments": _assessments(plan, framework, themes),
        "action_plan": items,
        "budget_totals": totals,
    }
    organization = {
        "name": org.name,
        "kind": org.kind,
        "country": org.country,
        "code": None,
    }
    return {
        "format": "planverk/1",
        "organization": organization,
        "strategy": strategy,
        "import_report": None,
    }


def _weighted(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _version(rng: random.Random, state: str) -> str | None:
    if rng.random() < 0.1:
        return None
    if state in ("draft", "hearing"):
        return rng.choice(("0.1", "0.5", "0.9"))
    return rng.choice(("1.0", "1.0", "1.1", "1.2", "2.0"))


def _themes(plan: Plan, framework: dict[str, Any]) -> list[dict[str, Any]]:
    rng, lexicon = plan.rng, plan.lexicon
    chapters: list[tuple[str, str | None]] = []
    for area in framework["areas"]:
        if not _drops_area(plan, area["title"]):
            titles = lexicon.area_titles
            title = titles[area["number"] - 1] if titles else area["title"]
            chapters.append((title, area["title"]))
    local = rng.sample(lexicon.local_themes, k=rng.randint(1, 3))
    chapters += [(title, None) for title in local]
    counts = _spread(rng, rng.randint(50, 70), len(chapters))
    # Chapters 1 and 2 are the narrative sections; themes start at 3.
    return [
        _theme(plan, str(number), title, area, count)
        for number, ((title, area), count) in enumerate(
            zip(chapters, counts, strict=True), start=3
        )
    ]


def _drops_area(plan: Plan, area_title: str) -> bool:
    """Whether this strategy leaves the framework area out of its chapters."""
    if area_title.startswith("NAV"):  # NAV offices belong to Norwegian municipalities
        return plan.org.kind == "county" or plan.org.country != "NO"
    return plan.rng.random() < 0.04


def _spread(rng: random.Random, total: int, bins: int) -> list[int]:
    """*total* split over *bins*, at least one each, unevenly like real chapters."""
    counts = [1] * bins
    weights = [rng.uniform(0.3, 2.0) for _ in range(bins)]
    for index in rng.choices(range(bins), weights=weights, k=max(0, total - bins)):
        counts[index] += 1
    return counts


def _theme(
    plan: Plan, number: str, title: str, area: str | None, count: int
) -> dict[str, Any]:
    topic = _lower_first(title)
    intro = plan.pick(plan.lexicon.theme_intros, topic=topic)
    groups = _group_plan(plan.rng, plan.lexicon.groups, count)
    return {
        "number": number,
        "title": title,
        "text": intro if plan.rng.random() < 0.8 else None,
        "framework_area": area,
        "measures": [
            _measure(plan, f"{number}.{k}", topic, group)
            for k, group in enumerate(groups, start=1)
        ],
    }


def _lower_first(title: str) -> str:
    # "Tjenester på nett" → "tjenester på nett", but "IKT-arkitektur" stays.
    if len(title) > 1 and title[1].islower():
        return title[0].lower() + title[1:]
    return title


def _group_plan(
    rng: random.Random, names: Sequence[str], count: int
) -> list[str | None]:
    """The sub-heading of each of *count* measures: mostly none, else contiguous runs."""
    if count < 3 or rng.random() > 0.25:
        return [None] * count
    chosen = rng.sample(list(names), k=min(len(names), rng.randint(2, 3), count))
    cuts = [*sorted(rng.sample(range(1, count), k=len(chosen) - 1)), count]
    plan: list[str | None] = []
    for name, cut in zip(chosen, cuts, strict=True):
        plan += [name] * (cut - len(plan))
    return plan


def _measure(plan: Plan, number: str, topic: str, group: str | None) -> dict[str, Any]:
    rng, lexicon = plan.rng, plan.lexicon
    verb, obj = rng.choice(lexicon.verbs), rng.choice(lexicon.objects)
    proposers = rng.sample(plan.org.units, k=rng.choice((1, 1, 1, 2, 2, 3)))
    if rng.random() < 0.04:
        proposers = [lexicon.everyone]
    fields = {"verb": verb, "verb_lc": verb.lower(), "object": obj, "topic": topic}
    sentences = rng.sample(lexicon.descriptions, k=rng.choice((1, 1, 2)))
    description = " ".join(
        plan.fill(
            s, object=obj, solution=rng.choice(lexicon.solutions), unit=proposers[0]
        )
        for s in sentences
    )
    return {
        "number": number,
        "objective": plan.pick(lexicon.objectives, **fields),
        "description": description,
        "items": rng.sample(lexicon.measure_items, k=rng.choice((0, 0, 0, 1, 2, 3, 4))),
        "proposed_by": proposers,
        "start": _start(plan),
        "group": group,
    }


def _start(plan: Plan) -> list[str]:
    weights = [weight for weight, _ in STARTS]
    written = plan.rng.choices([starts for _, starts in STARTS], weights=weights)[0]
    years = {"s": plan.start, "n": plan.start + 1, "e": plan.end}
    return [start.format(**years) for start in written]


def _units(themes: list[dict[str, Any]]) -> list[str]:
    named = (u for t in themes for m in t["measures"] for u in m["proposed_by"])
    return list(dict.fromkeys(named))  # deduplicated, in first-mention order


def _assessments(
    plan: Plan, framework: dict[str, Any], themes: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    theme_of = {t["framework_area"]: t["number"] for t in themes if t["framework_area"]}
    month = plan.rng.randint(1, 12)
    as_of = None if plan.rng.random() < 0.05 else f"{plan.start - 1}-{month:02d}"
    return [
        {
            "area": area["title"],
            "theme": theme_of.get(area["title"]),
            "number": goal["number"],
            "deadline": goal["deadline"],
            "goal": goal["text"],
            "status": _status(plan, as_of, covered=area["title"] in theme_of),
        }
        for area in framework["areas"]
        for goal in area["goals"]
    ]


def _status(plan: Plan, as_of: str | None, covered: bool) -> dict[str, Any]:
    rng = plan.rng
    level = _weighted(rng, LEVEL_WEIGHTS)
    if not covered and rng.random() < 0.6:
        level = "not_relevant"
    year = plan.start - rng.randint(1, 2) if level == "achieved" else plan.start + 1
    text: str | None = plan.pick(plan.lexicon.status_texts[level], year=year)
    if level == "unknown" and rng.random() < 0.5:
        text = None
    status: dict[str, Any] = {"level": level, "text": text, "as_of": as_of}
    if rng.random() < 0.3:
        status["confirmed"] = True
    return status


def _glossary(plan: Plan) -> list[dict[str, str]]:
    terms = plan.lexicon.glossary
    chosen = plan.rng.sample(terms, k=plan.rng.randint(3, min(8, len(terms))))
    return [
        {"term": t, "definition": d}
        for t, d in sorted(chosen, key=lambda g: g[0].casefold())
    ]


def _sections(plan: Plan, vision: str) -> list[dict[str, Any]]:
    sections = []
    for number, title, paragraphs in plan.lexicon.sections:
        if number is None and plan.rng.random() < 0.3:
            continue  # not every strategy has a foreword
        unit = plan.rng.choice(plan.org.units)
        text = "\n\n".join(
            plan.pick(alts, vision=vision, unit=unit) for alts in paragraphs
        )
        sections.append({"number": number, "title": title, "text": text})
    return sections
