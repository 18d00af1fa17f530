"""planverk/1's ``action_plans``: their checks, and their rows for load.Loader.

A plan names the plan it sits under (``parent``) and the one it carried over
from (``carried_from``) by key; both must come earlier in the list, as the
export writes them, so that each plan is stored after the plans it names.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from planverk.lib.located import Located
from planverk.lib.numbering import natural_key
from planverk.organizations.models import Unit
from planverk.strategies.models import Strategy
from planverk.strategies.models.plans import (
    ActionBudget,
    ActionMeasure,
    ActionPlan,
    PlanAction,
    Spending,
)


def plan_unit_names(data: dict[str, Any]) -> list[str]:
    """The units the plans and their actions name."""
    names = []
    for plan in data.get("action_plans", []):
        names += [plan["unit"]] if plan["unit"] else []
        names += [a["unit"] for a in plan["actions"] if a["unit"]]
    return names


def check_plans(strategy: dict[str, Any], error: Callable[..., Located]) -> None:
    """Raise *error* (load.DocumentError) for what the schema cannot say of the plans."""
    measures = {m.get("key") for t in strategy["themes"] for m in t["measures"]}
    earlier: set[str] = set()
    for i, plan in enumerate(strategy.get("action_plans", [])):
        where = f"$.strategy.action_plans[{i}]"
        years = plan["years"]
        if years["start"] > years["end"]:
            raise error("the last year is before the first", path=f"{where}.years")
        for name in ("parent", "carried_from"):
            if plan.get(name) is not None and plan[name] not in earlier:
                raise error(
                    f"{name} {plan[name]!r} is not a plan earlier in the list",
                    path=f"{where}.{name}",
                    code="plan_unknown",
                )
        numbers: set[str] = set()
        for j, action in enumerate(plan["actions"]):
            at = f"{where}.actions[{j}]"
            if action["number"] in numbers:
                raise error(f"action number {action['number']!r} twice", path=at)
            numbers.add(action["number"])
            for k, key in enumerate(action["measures"]):
                if key not in measures:
                    raise error(
                        f"the strategy has no measure with the key {key!r}",
                        path=f"{at}.measures[{k}]",
                        code="measure_unknown",
                    )
            start = _date(action["start"], f"{at}.start", error)
            deadline = _date(action["deadline"], f"{at}.deadline", error)
            if start and deadline and start > deadline:
                raise error("the deadline is before the start", path=f"{at}.deadline")
            for field in ("budget", "spending"):
                for year in action[field]:
                    if not years["start"] <= int(year) <= years["end"]:
                        raise error(
                            f"{year} is outside the plan's years",
                            path=f"{at}.{field}.{year}",
                        )
        if "key" in plan:
            earlier.add(plan["key"])


def _date(text: str | None, path: str, error: Callable[..., Located]) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise error(f"{text} is not a date", path=path) from None


def store_plans(
    strategy: Strategy,
    plans: list[dict[str, Any]],
    units: dict[str, Unit],
    create: Callable[..., list[Any]],
    exemption: Callable[[dict[str, Any]], dict[str, Any]],
) -> None:
    """Store *plans* (planverk/1) of *strategy* through *create* (a Writer's)."""
    stored: dict[str, ActionPlan] = {}
    made = []
    for i, p in enumerate(plans):
        plan = ActionPlan(
            strategy=strategy,
            **({"key": p["key"]} if "key" in p else {}),
            title=p["title"],
            year_start=p["years"]["start"],
            year_end=p["years"]["end"],
            unit=units[p["unit"]] if p["unit"] else None,
            parent=stored.get(p["parent"] or ""),
            carried_from=stored.get(p.get("carried_from") or ""),
            state=p["state"],
            position=i,
            **exemption(p),
        )
        # One at a time: a plan is stored after the plans it names.
        (plan,) = create(ActionPlan, [plan])
        stored[plan.key] = plan
        made.append(plan)
    actions = [
        PlanAction(
            plan=plan,
            **({"key": a["key"]} if "key" in a else {}),
            number=a["number"],
            sort_key=natural_key(a["number"]),
            title=a["title"],
            description=a["description"],
            outside_strategy=a["outside_strategy"],
            unit=units[a["unit"]] if a["unit"] else None,
            role=a["role"] or "",
            start=a["start"] and dt.date.fromisoformat(a["start"]),
            deadline=a["deadline"] and dt.date.fromisoformat(a["deadline"]),
            category=a["category"],
            funding=a["funding"] or "",
            status=a["status"],
            remarks=a["remarks"] or "",
            **exemption(a),
        )
        for plan, p in zip(made, plans, strict=True)
        for a in p["actions"]
    ]
    actions = create(PlanAction, actions)
    documented = [a for p in plans for a in p["actions"]]
    pairs = list(zip(actions, documented, strict=True))
    create(
        ActionMeasure,
        [
            ActionMeasure(action=o, measure_key=k)
            for o, a in pairs
            for k in a["measures"]
        ],
    )
    create(
        ActionBudget,
        [
            ActionBudget(action=o, year=int(y), amount_nok=n)
            for o, a in pairs
            for y, n in a["budget"].items()
        ],
    )
    create(
        Spending,
        [
            Spending(action=o, year=int(y), amount_nok=n)
            for o, a in pairs
            for y, n in a["spending"].items()
        ],
    )
