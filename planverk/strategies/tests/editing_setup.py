"""A draft strategy with people in every role, for the editing tests."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from planverk.interchange.load import load
from planverk.organizations.models import Unit
from planverk.strategies.models import ActionItem, GoalAssessment, Measure, Strategy
from planverk.testing import Personas, make_personas, rich_document


@dataclass
class Draft:
    strategy: Strategy
    measure: Measure  # 3.1, owned by IKT-tjenesten and Arkiv
    other_measure: Measure  # 3.10, owned by Oppvekst og kultur
    goal: GoalAssessment  # level "partial", not confirmed
    item: ActionItem  # "2", 400 000 NOK
    personas: Personas  # the unit editor's unit is Arkiv

    def __getattr__(self, role: str) -> Any:
        """The persona in *role*: ``draft.editor`` is ``draft.personas.editor``."""
        if role == "personas":  # not set yet (copying): no recursion
            raise AttributeError(role)
        return getattr(self.personas, role)

    @property
    def base(self) -> str:
        return f"/o/{self.strategy.organization.slug}/s/{self.strategy.pk}"


def make_draft(name: str = "Fjordvik kommune") -> Draft:
    document = rich_document()
    document["organization"]["name"] = name
    document["strategy"]["state"] = "draft"
    strategy = load(document)
    org = strategy.organization
    measures = Measure.objects.filter(theme__strategy=strategy)
    personas = make_personas(
        org, org.units.get(name="Arkiv"), prefix=f"{org.slug[:6]}-"
    )
    Unit.objects.create(
        organization=personas.outsider.memberships.get().organization,
        name="Fremmed enhet",
    )
    return Draft(
        strategy=strategy,
        measure=measures.get(number="3.1"),
        other_measure=measures.get(number="3.10"),
        goal=GoalAssessment.objects.get(strategy=strategy, number=2),
        item=ActionItem.objects.get(strategy=strategy, number="2"),
        personas=personas,
    )
