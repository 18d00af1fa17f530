"""The sample's plans live: some approved strategies get their next version.

Each such organisation revises its approved strategy, rewords one measure,
removes another, adds a new one and approves the revision, so that the demo
shows versions, the page of what changed and the permalinks of a moved part.
The demo editor's organisation also keeps a revision as a draft, and gets a
misspelt copy of one of its units for the unit register to suggest merging.
All through the domain's actions, as an editor would, with history.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.utils.translation import gettext as _

from planverk.organizations.models import Organization, Unit
from planverk.strategies.actions import editing, publishing, structure
from planverk.strategies.actions.versions import revise
from planverk.strategies.choices import StrategyState
from planverk.strategies.language import in_language
from planverk.strategies.models import Measure, MeasureUnit, Strategy


def revise_some(organizations: int, *, seed: int, user: Any) -> list[Strategy]:
    """Give the first *organizations* with an approved strategy a newer approved
    version; returns the new versions."""
    rng = random.Random(seed)
    approved = (
        Strategy.objects.filter(state=StrategyState.APPROVED)
        .select_related("organization")
        .order_by("organization__name")[:organizations]
    )
    return [_next_version(strategy, rng, user) for strategy in list(approved)]


def _next_version(strategy: Strategy, rng: random.Random, user: Any) -> Strategy:
    new = revise(strategy, user=user)
    measures = list(
        Measure.objects.filter(theme__strategy=new).select_related("theme__strategy")
    )
    with in_language(new):  # the texts in the strategy's own language
        review = _("Annual review")
        if len(measures) >= 3:
            reworded, removed = rng.sample(measures, 2)
            editing.update_measure(
                reworded,
                {
                    "description": " ".join(
                        (reworded.description, _("Revised after the annual review."))
                    )
                },
                loaded_revision=reworded.revision,
                user=user,
                reason=review,
            )
            structure.remove_measure(removed, user=user, reason=review)
            structure.add_measure(
                reworded.theme,
                objective=reworded.objective,
                description=_("A new measure from the annual review."),
                user=user,
                reason=review,
            )
        year = new.period_start + 1
        publishing.approve(
            new,
            user=user,
            body=_("Municipal council"),
            date=dt.date(year, 6, 15),
            reference=f"{rng.randint(10, 99)}/{str(year)[2:]}",
        )
    return new


def draft_revision(organization: Organization, *, user: Any) -> Strategy | None:
    """A revision of *organization*'s approved strategy left as a draft, and a
    misspelt copy of one of its units on one measure: a merge to suggest."""
    approved = organization.strategies.filter(state=StrategyState.APPROVED).first()
    if approved is None:
        return None
    draft = revise(approved, user=user)
    link = MeasureUnit.objects.filter(measure__theme__strategy=draft).first()
    if link is not None:
        name = link.unit.name
        typo = name[:2] + name[3] + name[2] + name[4:] if len(name) > 6 else name + "n"
        copy = Unit.objects.create(organization=organization, name=typo)
        link.unit = copy
        link.save()
    return draft
