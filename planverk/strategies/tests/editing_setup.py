"""A draft strategy with people in every role, for the editing tests."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from planverk.interchange.load import load
from planverk.organizations.models import Organization, Role, Unit
from planverk.strategies.models import ActionItem, GoalAssessment, Measure, Strategy
from planverk.testing import make_member, make_user, rich_document


@dataclass
class Draft:
    strategy: Strategy
    measure: Measure  # 3.1, owned by IKT-tjenesten and Arkiv
    other_measure: Measure  # 3.10, owned by Oppvekst og kultur
    goal: GoalAssessment  # level "partial", not confirmed
    item: ActionItem  # "2", 400 000 NOK
    editor: Any
    unit_editor: Any  # of Arkiv
    reader: Any
    outsider: Any  # editor of another organisation
    superuser: Any

    @property
    def base(self) -> str:
        return f"/o/{self.strategy.organization.slug}/s/{self.strategy.pk}"


def make_draft(name: str = "Fjordvik kommune") -> Draft:
    document = rich_document()
    document["organization"]["name"] = name
    document["strategy"]["state"] = "draft"
    strategy = load(document)
    org = strategy.organization
    other = Organization.objects.create(name=f"Annen {name}", kind="municipality")
    load_other(other)
    measures = Measure.objects.filter(theme__strategy=strategy)
    prefix = org.slug[:6]
    return Draft(
        strategy=strategy,
        measure=measures.get(number="3.1"),
        other_measure=measures.get(number="3.10"),
        goal=GoalAssessment.objects.get(strategy=strategy, number=2),
        item=ActionItem.objects.get(strategy=strategy, number="2"),
        editor=make_member(f"{prefix}-editor", org, Role.EDITOR),
        unit_editor=make_member(
            f"{prefix}-arkiv",
            org,
            Role.UNIT_EDITOR,
            Unit.objects.filter(organization=org, name="Arkiv"),
        ),
        reader=make_member(f"{prefix}-reader", org, Role.READER),
        outsider=make_member(f"{prefix}-outsider", other, Role.EDITOR),
        superuser=make_user(f"{prefix}-admin", is_superuser=True, is_staff=True),
    )


def load_other(organization: Organization) -> None:
    Unit.objects.create(organization=organization, name="Fremmed enhet")
