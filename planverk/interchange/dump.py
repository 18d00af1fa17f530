"""Strategy → planverk/1 dict, with a stable key order so exports are byte-stable."""

from __future__ import annotations

import json
from typing import Any

from django.db.models import Prefetch

from planverk.format.schema import FORMAT
from planverk.interchange.dump_plans import dump_plans, plans_for_dump
from planverk.strategies.language import in_language
from planverk.strategies.models import (
    ActionItem,
    BudgetTotal,
    Decision,
    GoalAssessment,
    Measure,
    Section,
    Strategy,
    Theme,
)
from planverk.strategies.models.base import Part
from planverk.strategies.models.budget import computed_total, covers
from planverk.strategies.permissions import OPERATOR
from planverk.strategies.querysets import Withheld, disclose


def _opt(value: str) -> str | None:
    """The database keeps absent text as ""; planverk/1 writes null."""
    return value or None


def load_for_dump(pk: int, reader: Any = OPERATOR) -> Strategy:
    """The strategy with everything dump() reads, as *reader* may see it, in a
    fixed number of queries. An exempt part the reader may not see is read as
    its placeholder (querysets.Withheld)."""
    measures = Measure.objects.for_reader(reader).prefetch_related(
        "measureunit_set__unit"
    )
    assessments = GoalAssessment.objects.for_reader(reader).select_related(
        "framework_goal__area"
    )
    return (
        Strategy.objects.select_related("organization", "framework")
        .prefetch_related(
            Prefetch("sections", Section.objects.for_reader(reader)),
            "strategyunit_set__unit",
            Prefetch("decisions", Decision.objects.for_reader(reader)),
            "glossary",
            Prefetch(
                "themes",
                Theme.objects.for_reader(reader).prefetch_related(
                    Prefetch("measures", measures)
                ),
            ),
            Prefetch("goal_assessments", assessments),
            Prefetch("action_items", ActionItem.objects.for_reader(reader)),
            "budget_totals",
            plans_for_dump(reader),
        )
        .get(pk=pk)
    )


def _exempt(part: Part | Withheld) -> dict[str, Any]:
    """The exemption, written only where it is set."""
    if isinstance(part, Withheld):
        return {"exempt": True, **_basis(part.basis)}
    if not part.exempt:
        return {}
    shown = {"exempt_title_public": True} if part.exempt_title_shown else {}
    return {"exempt": True, **_basis(part.exempt_basis), **shown}


def _basis(basis: str) -> dict[str, str]:
    return {"exempt_basis": basis} if basis else {}


def dump(strategy: Strategy) -> dict[str, Any]:
    """The planverk/1 document of *strategy* (load it with load_for_dump first).

    Every part is written with its stable key (lib/keys.py). A part withheld
    from the reader it was loaded for is written as a placeholder, without its
    key: its number, that it is exempt and why, and text that says so where the
    format wants text. A stated total that covers a withheld item
    is written as null, with ``includes_exempt``: beside the sum of the other
    items it would give the exempt amount away.
    """
    org = strategy.organization
    items = disclose(strategy.action_items.all())
    with in_language(strategy):
        return {
            "format": FORMAT,
            "organization": {
                "name": org.name,
                "kind": org.kind,
                "country": org.country,
                "code": _opt(org.code),
            },
            "strategy": {
                "title": strategy.title,
                "language": strategy.language,
                "period": {"start": strategy.period_start, "end": strategy.period_end},
                "version": _opt(strategy.version_label),
                "vision": _opt(strategy.vision),
                "sections": [_section(s) for s in disclose(strategy.sections.all())],
                "units": [link.unit.name for link in strategy.strategyunit_set.all()],
                "revisions": [_revision(r) for r in disclose(strategy.decisions.all())],
                "glossary": [
                    {"term": g.term, "definition": g.definition}
                    for g in strategy.glossary.all()
                ],
                "themes": [_theme(t) for t in disclose(strategy.themes.all())],
                "goal_assessments": [
                    _assessment(a) for a in disclose(strategy.goal_assessments.all())
                ],
                "action_plan": [_action_item(i) for i in items],
                **dump_plans(strategy, _exempt),
                "budget_totals": [
                    _total(b, items) for b in strategy.budget_totals.all()
                ],
                "state": strategy.state,
                "framework": strategy.framework.slug if strategy.framework else None,
            },
            "import_report": strategy.import_report,
        }


def _section(s: Section | Withheld) -> dict[str, Any]:
    if isinstance(s, Withheld):
        return {"number": _opt(s.number), "title": str(s), "text": "", **_exempt(s)}
    return {
        "key": s.key,
        "number": _opt(s.number),
        "title": s.title,
        "text": s.text,
        **_exempt(s),
    }


def _revision(r: Decision | Withheld) -> dict[str, Any]:
    if isinstance(r, Withheld):
        fields: dict[str, Any] = {"body": str(r), "date": None, "reference": None}
        return {**fields, "note": None, **_exempt(r)}
    return {
        "body": r.body,
        "date": r.date_text,
        "reference": _opt(r.reference),
        "note": _opt(r.note),
        **_exempt(r),
    }


def _total(b: BudgetTotal, items: list[Any]) -> dict[str, Any]:
    span = (b.category, b.year_start, b.year_end)
    withheld = any(i.is_withheld and covers(*span, i) for i in items)
    return {
        "category": b.category,
        "years": {"start": b.year_start, "end": b.year_end},
        "stated_nok": None if withheld else b.stated_nok,
        # Of the items written, so that the document loads again.
        "computed_nok": computed_total(*span, (i for i in items if not i.is_withheld)),
        **({"includes_exempt": True} if withheld else {}),
    }


def _theme(theme: Theme | Withheld) -> dict[str, Any]:
    if isinstance(theme, Withheld):
        return {
            "number": theme.number,
            "title": str(theme),
            "text": None,
            "framework_area": None,
            "measures": [],
            **_exempt(theme),
        }
    return {
        "key": theme.key,
        "number": theme.number,
        "title": theme.title,
        "text": _opt(theme.text),
        "framework_area": _opt(theme.framework_area_title),
        "measures": [_measure(m) for m in disclose(theme.measures.all())],
        **_exempt(theme),
    }


def _measure(m: Measure | Withheld) -> dict[str, Any]:
    if isinstance(m, Withheld):
        return {
            "number": m.number,
            "objective": m.short,
            "description": "",
            "items": [],
            "proposed_by": [],
            "start": [],
            "group": None,
            **_exempt(m),
        }
    return {
        "key": m.key,
        "number": m.number,
        "objective": m.objective,
        "description": m.description,
        "items": m.items,
        "proposed_by": [unit.name for unit in m.owners],
        "start": m.start,
        "group": _opt(m.group),
        **_exempt(m),
    }


def _assessment(a: GoalAssessment | Withheld) -> dict[str, Any]:
    if isinstance(a, Withheld):
        return {
            "area": a.area,
            "theme": _opt(a.theme_number),
            "number": a.number,
            "deadline": a.deadline,
            "goal": a.short,
            "status": {"level": "unknown", "text": None, "as_of": None},
            "framework_goal": None,
            **_exempt(a),
        }
    return {
        "key": a.key,
        "area": a.area,
        "theme": _opt(a.theme_number),
        "number": a.number,
        "deadline": a.deadline,
        "goal": a.goal_text,
        "status": {
            "level": a.level,
            "text": _opt(a.status_text),
            "as_of": _opt(a.as_of),
            "confirmed": a.level_confirmed,
        },
        "framework_goal": a.framework_goal.reference if a.framework_goal else None,
        **_exempt(a),
    }


def _action_item(item: ActionItem | Withheld) -> dict[str, Any]:
    if isinstance(item, Withheld):
        return {
            "number": item.number,
            "title": item.short,
            "items": [],
            "category": item.category,
            "years": {"start": item.year_start, "end": item.year_end},
            "amount_nok": None,
            "funding": None,
            "remarks": None,
            **_exempt(item),
        }
    return {
        "key": item.key,
        "number": item.number,
        "title": item.title,
        "items": item.items,
        "category": item.category,
        "years": {"start": item.year_start, "end": item.year_end},
        "amount_nok": item.amount_nok,
        "funding": _opt(item.funding),
        "remarks": _opt(item.remarks),
        **_exempt(item),
    }


def to_json(document: dict[str, Any]) -> str:
    """The file form of a document: UTF-8 text, two-space indent, final newline."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
