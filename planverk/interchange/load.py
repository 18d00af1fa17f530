"""planverk/1 dict → a new Strategy, in one transaction: all of it or nothing.

``load()`` is the import: it checks the document (the schema, the limits, then
``check_document`` for what the schema cannot say) and stores it through a
``Loader``, which builds every row from the document and hands them to its
``Writer``. The import's writer, ``WithHistory``, records who and why for each
row; the backup's restore (planverk.interchange.backup.store) checks with
``check_document`` too and passes a writer of its own that puts back the
backed-up ids, counters and timestamps and writes no new history.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import Any, Protocol, TypeVar

from django.db import models, transaction
from simple_history.utils import bulk_create_with_history

from planverk.format.schema import problems
from planverk.frameworks.models import Framework, FrameworkArea, FrameworkGoal
from planverk.interchange.load_plans import check_plans, plan_unit_names, store_plans
from planverk.lib.audit import attributed
from planverk.lib.located import Located
from planverk.lib.numbering import natural_key
from planverk.organizations.models import Organization, Unit, find_organization
from planverk.strategies.actions.from_items import plans_from_items
from planverk.strategies.choices import DatePrecision, StrategyState
from planverk.strategies.limits import TooMuch, check_strategy
from planverk.strategies.models import (
    ActionItem,
    BudgetTotal,
    Decision,
    GlossaryTerm,
    GoalAssessment,
    Measure,
    MeasureUnit,
    Section,
    Strategy,
    StrategyUnit,
    Theme,
)
from planverk.strategies.models.budget import computed_total

M = TypeVar("M", bound=models.Model)


class DocumentError(Located):
    """A planverk/1 document the database cannot take; names the JSON path."""


@transaction.atomic
def load(
    document: dict[str, Any],
    *,
    organization: str | None = None,
    user: Any = None,
    reason: str = "import",
    revises: Strategy | None = None,
) -> Strategy:
    """Store *document* as a new strategy of *organization* (a name or slug), or of
    the organisation the document names, created if it is new.

    With *revises*, the new strategy is the next version of that one (of the
    same organisation): in its lineage, revised from it. Its parts keep the keys
    the document gives them (matching.py gives them the earlier version's).

    Raises DocumentError and stores nothing when the document is not valid.
    """
    found = problems(document, limit=1)
    if found:
        raise DocumentError(found[0].message, path=found[0].path, code="not_planverk")
    try:
        check_strategy(document["strategy"])
    except TooMuch as e:
        raise DocumentError.of(e) from e
    check_document(document)
    org = _organization(document["organization"], organization, user)
    if revises is not None and revises.organization_id != org.pk:
        raise DocumentError(
            f"{revises} is a strategy of another organisation", path="--org"
        )
    strategy = Loader(org, WithHistory(user, reason), revises).strategy(document)
    if "action_plans" not in document["strategy"]:
        # A document from before action plans: its items make the first ones.
        plans_from_items(strategy, user=user, reason=reason)
    return strategy


def _organization(
    data: dict[str, Any], reference: str | None, user: Any
) -> Organization:
    if reference:
        org = find_organization(reference)
        if org is None:
            raise DocumentError(f"there is no organisation {reference!r}", path="--org")
        return org
    org = Organization.objects.filter(name=data["name"]).first()
    if org is None:
        org = Organization(
            name=data["name"],
            kind=data["kind"],
            country=data["country"],
            code=data["code"] or "",
        )
        attributed(org, user=user)
        org.save()
    return org


def check_document(document: dict[str, Any]) -> None:
    """Raise DocumentError for what planverk/1's schema cannot say: years in order,
    numbers and keys unique, dates that exist, totals that add up.

    *document* must be valid against the schema already (format.schema.problems
    finds nothing). The import checks this before it stores a document, and so
    does the backup's restore for each strategy file.
    """
    strategy = document["strategy"]
    _ordered(strategy["period"], "$.strategy.period")
    check_keys(document)
    _unique(
        [t["number"] for t in strategy["themes"]], "$.strategy.themes", "theme number"
    )
    for i, theme in enumerate(strategy["themes"]):
        where = f"$.strategy.themes[{i}].measures"
        _unique([m["number"] for m in theme["measures"]], where, "measure number")
    items = strategy["action_plan"]
    _unique(
        [a["number"] for a in items], "$.strategy.action_plan", "action item number"
    )
    for i, item in enumerate(items):
        _ordered(item["years"], f"$.strategy.action_plan[{i}].years")
    for i, revision in enumerate(strategy["revisions"]):
        _date(revision["date"], f"$.strategy.revisions[{i}].date")
    totals = strategy["budget_totals"]
    keys = [
        f"{t['category']} {t['years']['start']}-{t['years']['end']}" for t in totals
    ]
    _unique(keys, "$.strategy.budget_totals", "budget total")
    for i, total in enumerate(totals):
        _total(total, items, f"$.strategy.budget_totals[{i}]")
    check_plans(strategy, DocumentError)


def keyed_parts(strategy: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """(JSON path, part) of every part of a planverk/1 strategy that carries a
    key, in the document's order."""
    for i, section in enumerate(strategy["sections"]):
        yield f"$.strategy.sections[{i}]", section
    for i, theme in enumerate(strategy["themes"]):
        yield f"$.strategy.themes[{i}]", theme
        for j, measure in enumerate(theme["measures"]):
            yield f"$.strategy.themes[{i}].measures[{j}]", measure
    for i, assessment in enumerate(strategy["goal_assessments"]):
        yield f"$.strategy.goal_assessments[{i}]", assessment
    for i, item in enumerate(strategy["action_plan"]):
        yield f"$.strategy.action_plan[{i}]", item
    for i, plan in enumerate(strategy.get("action_plans", [])):
        yield f"$.strategy.action_plans[{i}]", plan
        for j, action in enumerate(plan["actions"]):
            yield f"$.strategy.action_plans[{i}].actions[{j}]", action


def check_keys(document: dict[str, Any]) -> None:
    """Raise DocumentError, at the second, for a key given to two parts.

    Unique among all the parts of the strategy, whatever their kind, so that a
    key alone finds its part (the permalinks /k/<key>/).
    """
    seen: set[str] = set()
    for where, part in keyed_parts(document["strategy"]):
        key = part.get("key")
        if key is None:
            continue
        if key in seen:
            path = f"{where}.key"
            raise DocumentError(
                f"key {key!r} is given to another part already",
                path=path,
                code="key_twice",
                params={"key": key, "path": path},
            )
        seen.add(key)


def _ordered(years: dict[str, int], path: str) -> None:
    if years["start"] > years["end"]:
        raise DocumentError(
            f"starts in {years['start']}, after it ends ({years['end']})",
            path=path,
            code="years_reversed",
            params=years,
        )


def _unique(numbers: list[str], path: str, what: str) -> None:
    seen: set[str] = set()
    for i, number in enumerate(numbers):
        if number in seen:
            raise DocumentError(
                f"{what} {number!r} appears twice",
                path=f"{path}[{i}]",
                code="number_twice",
                params={"number": number},
            )
        seen.add(number)


def _total(total: dict[str, Any], items: list[dict[str, Any]], path: str) -> None:
    _ordered(total["years"], f"{path}.years")
    covered = [
        ActionItem(
            category=i["category"],
            year_start=i["years"]["start"],
            year_end=i["years"]["end"],
            amount_nok=i["amount_nok"],
        )
        for i in items
    ]
    years = total["years"]
    expected = computed_total(total["category"], years["start"], years["end"], covered)
    if total["computed_nok"] != expected:
        raise DocumentError(
            f"is {total['computed_nok']}, but the {total['category']} action items of "
            f"{years['start']}–{years['end']} add up to {expected}",
            path=f"{path}.computed_nok",
            code="total_differs",
            params={"stated": total["computed_nok"], "expected": expected},
        )


def _date(text: str | None, path: str) -> tuple[dt.date | None, str]:
    """A planverk/1 date ("2009-12-02", "2009-12" or "2009") as a date and its precision."""
    if text is None:
        return None, DatePrecision.DAY
    precision = {10: DatePrecision.DAY, 7: DatePrecision.MONTH, 4: DatePrecision.YEAR}[
        len(text)
    ]
    padded = text + {10: "", 7: "-01", 4: "-01-01"}[len(text)]
    try:
        return dt.date.fromisoformat(padded), precision
    except ValueError as e:
        raise DocumentError(
            f"{text!r} is not a date",
            path=path,
            code="not_a_date",
            params={"text": text},
        ) from e


def _key(part: dict[str, Any]) -> dict[str, Any]:
    """The part's key where the document gives one; else the model makes one."""
    return {"key": part["key"]} if "key" in part else {}


def _exemption(part: dict[str, Any]) -> dict[str, Any]:
    """A part's exemption from public disclosure, as the model keeps it."""
    return {
        "exempt": part.get("exempt", False),
        "exempt_basis": part.get("exempt_basis") or "",
        "exempt_title_shown": part.get("exempt_title_public", False),
    }


class Writer(Protocol):
    """How a Loader stores the rows it builds: the hook for storing them otherwise.

    The Loader calls ``save_strategy`` once, for the new strategy, then
    ``create`` for each table in turn, in the document's order: units the
    organisation lacks, the strategy's units, chapters, decisions, glossary,
    themes, measures, the measures' units, goal assessments, action items,
    budget totals, then the action plans (one ``create`` each, in the document's
    order), their actions, the measures served, budgets and spending. A table
    with nothing to store gets an empty ``create`` too.
    """

    def save_strategy(self, strategy: Strategy) -> None:
        """Store the new *strategy* row; afterwards it has its id."""
        ...

    def create(self, model: type[M], objs: Sequence[M]) -> list[M]:
        """Store *objs*, new rows of *model*, and return them with their ids, in
        their order (their children are built from what is returned)."""
        ...


class WithHistory:
    """The import's Writer: each row stored with a history entry naming *user* (or
    no one) and *reason*."""

    def __init__(self, user: Any, reason: str) -> None:
        self.user = user
        self.reason = reason

    def save_strategy(self, strategy: Strategy) -> None:
        attributed(strategy, user=self.user, reason=self.reason)
        strategy.save()

    def create(self, model: type[M], objs: Sequence[M]) -> list[M]:
        created: list[M] = bulk_create_with_history(
            list(objs), model, default_user=self.user, default_change_reason=self.reason
        )
        return created


class Loader:
    """Stores one planverk/1 document as a new strategy of *organization*: builds
    its rows, table by table, and has *writer* store them.

    ``Loader(organization, writer).strategy(document)`` takes a document that
    the schema and ``check_document`` have found nothing wrong with; it still
    raises DocumentError for what only the database can tell (a national
    agenda or goal it lacks). Call it inside a transaction: on an error, some
    tables are written already.
    """

    def __init__(
        self,
        organization: Organization,
        writer: Writer,
        revises: Strategy | None = None,
    ) -> None:
        self.org = organization
        self.writer = writer
        self.revises = revises  # the version the new one follows, if any
        self.units: dict[str, Unit] = {}

    def strategy(self, document: dict[str, Any]) -> Strategy:
        """Store *document*; returns the new strategy."""
        data = document["strategy"]
        strategy = Strategy(
            organization=self.org,
            framework=self._framework(data.get("framework")),
            title=data["title"],
            language=data["language"],
            period_start=data["period"]["start"],
            period_end=data["period"]["end"],
            version_label=data["version"] or "",
            state=data.get("state") or StrategyState.DRAFT,
            vision=data["vision"] or "",
            import_report=document.get("import_report"),
        )
        if self.revises is not None:
            strategy.lineage = self.revises.lineage
            strategy.revised_from = self.revises
        self.writer.save_strategy(strategy)
        self._load_units(data)
        self.writer.create(
            StrategyUnit,
            [
                StrategyUnit(strategy=strategy, unit=self.units[name], position=i)
                for i, name in enumerate(data["units"])
            ],
        )
        self._sections(strategy, data)
        self._themes(strategy, data["themes"])
        self._assessments(strategy, data["goal_assessments"])
        self._budget(strategy, data)
        store_plans(
            strategy,
            data.get("action_plans", []),
            self.units,
            self.writer.create,
            _exemption,
        )
        return strategy

    def _framework(self, slug: str | None) -> Framework | None:
        if slug is None:
            return None
        framework = Framework.objects.filter(slug=slug).first()
        if framework is None:
            shipped = ", ".join(Framework.objects.values_list("slug", flat=True))
            raise DocumentError(
                f"unknown national agenda {slug!r} (known: {shipped})",
                path="$.strategy.framework",
                code="agenda_unknown",
            )
        return framework

    def _load_units(self, data: dict[str, Any]) -> None:
        names = list(data["units"])
        for theme in data["themes"]:
            for measure in theme["measures"]:
                names += measure["proposed_by"]
        names += plan_unit_names(data)
        wanted = set(names)
        self.units = {u.name: u for u in self.org.units.filter(name__in=wanted)}
        missing = [Unit(organization=self.org, name=n) for n in dict.fromkeys(names)]
        self.writer.create(Unit, [u for u in missing if u.name not in self.units])
        self.units = {u.name: u for u in self.org.units.filter(name__in=wanted)}

    def _sections(self, strategy: Strategy, data: dict[str, Any]) -> None:
        self.writer.create(
            Section,
            [
                Section(
                    strategy=strategy,
                    **_key(s),
                    number=s["number"] or "",
                    title=s["title"],
                    text=s["text"],
                    **_exemption(s),
                    position=i,
                )
                for i, s in enumerate(data["sections"])
            ],
        )
        revisions = []
        for i, r in enumerate(data["revisions"]):
            date, precision = _date(r["date"], f"$.strategy.revisions[{i}].date")
            revisions.append(
                Decision(
                    strategy=strategy,
                    body=r["body"],
                    date=date,
                    date_precision=precision,
                    reference=r["reference"] or "",
                    note=r["note"] or "",
                    **_exemption(r),
                    position=i,
                )
            )
        self.writer.create(Decision, revisions)
        self.writer.create(
            GlossaryTerm,
            [
                GlossaryTerm(
                    strategy=strategy,
                    term=g["term"],
                    definition=g["definition"],
                    position=i,
                )
                for i, g in enumerate(data["glossary"])
            ],
        )

    def _themes(self, strategy: Strategy, themes: list[dict[str, Any]]) -> None:
        areas = self._areas(strategy.framework)
        created = self.writer.create(
            Theme,
            [
                Theme(
                    strategy=strategy,
                    **_key(t),
                    number=t["number"],
                    sort_key=natural_key(t["number"]),
                    title=t["title"],
                    text=t["text"] or "",
                    framework_area_title=t["framework_area"] or "",
                    framework_area=areas.get((t["framework_area"] or "").casefold()),
                    **_exemption(t),
                )
                for t in themes
            ],
        )
        measures, owners = [], []
        for theme, data in zip(created, themes, strict=True):
            for m in data["measures"]:
                measures.append(
                    Measure(
                        theme=theme,
                        **_key(m),
                        number=m["number"],
                        sort_key=natural_key(m["number"]),
                        objective=m["objective"],
                        description=m["description"],
                        items=m["items"],
                        start=m["start"],
                        group=m["group"] or "",
                        **_exemption(m),
                    )
                )
                owners.append(m["proposed_by"])
        links = [
            MeasureUnit(measure=measure, unit=self.units[name], position=i)
            for measure, names in zip(
                self.writer.create(Measure, measures), owners, strict=True
            )
            for i, name in enumerate(names)
        ]
        self.writer.create(MeasureUnit, links)

    def _areas(self, framework: Framework | None) -> dict[str, FrameworkArea]:
        if framework is None:
            return {}
        return {a.title.casefold(): a for a in framework.areas.all()}

    def _assessments(
        self, strategy: Strategy, assessments: list[dict[str, Any]]
    ) -> None:
        goals = self._goals(strategy.framework)
        rows = []
        for i, a in enumerate(assessments):
            status = a["status"]
            rows.append(
                GoalAssessment(
                    strategy=strategy,
                    **_key(a),
                    framework_goal=self._link(a, goals, i),
                    area=a["area"],
                    theme_number=a["theme"] or "",
                    number=a["number"],
                    deadline=a["deadline"],
                    goal_text=a["goal"],
                    level=status["level"],
                    level_confirmed=status.get("confirmed", False),
                    status_text=status["text"] or "",
                    as_of=status["as_of"] or "",
                    **_exemption(a),
                    position=i,
                )
            )
        self.writer.create(GoalAssessment, rows)

    def _goals(self, framework: Framework | None) -> dict[str, FrameworkGoal]:
        if framework is None:
            return {}
        found = FrameworkGoal.objects.filter(area__framework=framework).select_related(
            "area"
        )
        return {g.reference: g for g in found}

    def _link(
        self, assessment: dict[str, Any], goals: dict[str, FrameworkGoal], i: int
    ) -> FrameworkGoal | None:
        """The framework goal an assessment names, or that its area title and number are."""
        reference = assessment.get("framework_goal")
        if reference is not None:
            if reference not in goals:
                raise DocumentError(
                    f"the strategy's national agenda has no goal {reference}",
                    path=f"$.strategy.goal_assessments[{i}].framework_goal",
                    code="agenda_goal_unknown",
                    params={"goal": reference},
                )
            return goals[reference]
        area = assessment["area"].casefold()
        return next(
            (
                g
                for g in goals.values()
                if g.area.title.casefold() == area and g.number == assessment["number"]
            ),
            None,
        )

    def _budget(self, strategy: Strategy, data: dict[str, Any]) -> None:
        self.writer.create(
            ActionItem,
            [
                ActionItem(
                    strategy=strategy,
                    **_key(a),
                    number=a["number"],
                    sort_key=natural_key(a["number"]),
                    title=a["title"],
                    items=a["items"],
                    category=a["category"],
                    year_start=a["years"]["start"],
                    year_end=a["years"]["end"],
                    amount_nok=a["amount_nok"],
                    funding=a["funding"] or "",
                    remarks=a["remarks"] or "",
                    **_exemption(a),
                )
                for a in data["action_plan"]
            ],
        )
        self.writer.create(
            BudgetTotal,
            [
                BudgetTotal(
                    strategy=strategy,
                    category=b["category"],
                    year_start=b["years"]["start"],
                    year_end=b["years"]["end"],
                    stated_nok=b["stated_nok"],
                )
                for b in data["budget_totals"]
            ],
        )
