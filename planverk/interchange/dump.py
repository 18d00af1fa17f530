"""Strategy → planverk/1 dict, with a stable key order so exports are byte-stable."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.db.models import Prefetch

from planverk.interchange.schema import FORMAT
from planverk.strategies.models import (
    ActionItem,
    GoalAssessment,
    Measure,
    Strategy,
    Theme,
)
from planverk.strategies.models.base import Part

P = TypeVar("P", bound=Part)


def _opt(value: str) -> str | None:
    """The database keeps absent text as ""; planverk/1 writes null."""
    return value or None


def load_for_dump(pk: int) -> Strategy:
    """The strategy with everything dump() reads, in a fixed number of queries."""
    return (
        Strategy.objects.select_related("organization", "framework")
        .prefetch_related(
            "sections",
            "strategyunit_set__unit",
            "revisions",
            "glossary",
            Prefetch(
                "themes",
                Theme.objects.prefetch_related(
                    Prefetch(
                        "measures",
                        Measure.objects.prefetch_related("measureunit_set__unit"),
                    )
                ),
            ),
            Prefetch(
                "goal_assessments",
                GoalAssessment.objects.select_related("framework_goal__area"),
            ),
            "action_items",
            "budget_totals",
        )
        .get(pk=pk)
    )


def _exempt(part: Part) -> dict[str, bool]:
    """The exemption flag, written only where it is set."""
    return {"exempt": True} if part.exempt else {}


def dump(strategy: Strategy, *, public: bool = False) -> dict[str, Any]:
    """The planverk/1 document of *strategy* (load it with load_for_dump first).

    With *public*, parts exempt from disclosure are left out altogether.
    """

    def shown(parts: Iterable[P]) -> list[P]:
        return [p for p in parts if not (public and p.exempt)]

    org = strategy.organization
    all_items = list(strategy.action_items.all())
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
            "sections": [
                {
                    "number": _opt(s.number),
                    "title": s.title,
                    "text": s.text,
                    **_exempt(s),
                }
                for s in shown(strategy.sections.all())
            ],
            "units": [link.unit.name for link in strategy.strategyunit_set.all()],
            "revisions": [
                {
                    "body": r.body,
                    "date": r.date_text,
                    "reference": _opt(r.reference),
                    "note": _opt(r.note),
                    **_exempt(r),
                }
                for r in shown(strategy.revisions.all())
            ],
            "glossary": [
                {"term": g.term, "definition": g.definition}
                for g in strategy.glossary.all()
            ],
            "themes": [_theme(t, shown) for t in shown(strategy.themes.all())],
            "goal_assessments": [
                _assessment(a) for a in shown(strategy.goal_assessments.all())
            ],
            "action_plan": [_action_item(i) for i in shown(all_items)],
            "budget_totals": [
                {
                    "category": b.category,
                    "years": {"start": b.year_start, "end": b.year_end},
                    "stated_nok": b.stated_nok,
                    # Of the items written: a public export must not let exempt
                    # amounts be worked out by subtraction, and must load again.
                    "computed_nok": b.computed_from(shown(all_items)),
                }
                for b in strategy.budget_totals.all()
            ],
            "state": strategy.state,
            "framework": strategy.framework.slug if strategy.framework else None,
        },
        "import_report": strategy.import_report,
    }


def _theme(
    theme: Theme, shown: Callable[[Iterable[Measure]], list[Measure]]
) -> dict[str, Any]:
    return {
        "number": theme.number,
        "title": theme.title,
        "text": _opt(theme.text),
        "framework_area": _opt(theme.framework_area_title),
        "measures": [
            {
                "number": m.number,
                "objective": m.objective,
                "description": m.description,
                "items": m.items,
                "proposed_by": [unit.name for unit in m.owners],
                "start": m.start,
                "group": _opt(m.group),
                **_exempt(m),
            }
            for m in shown(theme.measures.all())
        ],
        **_exempt(theme),
    }


def _assessment(a: GoalAssessment) -> dict[str, Any]:
    return {
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


def _action_item(item: ActionItem) -> dict[str, Any]:
    return {
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
