"""What a reader may see: the one disclosure rule, and questions asked of many strategies.

A strategy is public once it has left the draft state; members of its
organisation see it in any state. Inside a visible strategy, a part marked
exempt from public disclosure (unntatt offentlighet), or exempt with its theme,
is withheld from everyone but the organisation's members. ``StrategyQuerySet.
visible_to`` and ``PartQuerySet.restrict`` / ``for_reader`` are the only places
that decide this: pages, downloads, feeds, sitemaps, search and reports all ask
them (in the spirit of NetBox's ``RestrictedQuerySet.restrict()``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from django.db import models
from django.db.models import BooleanField, ExpressionWrapper, OuterRef, Q, Subquery
from django.db.models import Value as V
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from planverk.organizations.models import Membership
from planverk.strategies.choices import StrategyState

# States in which a strategy is public: a hearing is public by nature.
PUBLIC_STATES = (
    StrategyState.HEARING,
    StrategyState.APPROVED,
    StrategyState.SUPERSEDED,
)


def _everything(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_superuser)


def _member_organizations(user: Any) -> Any:
    """The organisations *user* belongs to, as a subquery."""
    return Membership.objects.filter(user=user).values("organization")


class StrategyQuerySet(models.QuerySet):
    def published(self) -> StrategyQuerySet:
        """Strategies an anonymous reader may see."""
        return self.filter(state__in=PUBLIC_STATES)

    def visible_to(self, user: Any) -> StrategyQuerySet:
        """The strategies *user* may see: public ones, and all of their own organisations'."""
        if _everything(user):
            return self.all()
        if not user.is_authenticated:
            return self.published()
        return self.filter(
            Q(state__in=PUBLIC_STATES) | Q(organization__in=_member_organizations(user))
        )

    def current(self) -> Any:
        """The version in force: the newest approved, else the newest not superseded."""
        newest = self.order_by("-created_at", "-pk")
        return (
            newest.filter(state=StrategyState.APPROVED).first()
            or newest.exclude(state=StrategyState.SUPERSEDED).first()
            or newest.first()
        )

    def adopted(self) -> StrategyQuerySet:
        """Each organisation's newest approved version: what it has decided."""
        approved = self.filter(state=StrategyState.APPROVED)
        newest = (
            approved.filter(organization=OuterRef("organization"))
            .order_by("-created_at", "-pk")
            .values("pk")[:1]
        )
        return approved.filter(pk=Subquery(newest))


class PartQuerySet(models.QuerySet):
    """Parts of strategies (themes, measures, goal statuses, chapters, items, decisions)."""

    def _rule(self, user: Any) -> tuple[Q, Q, Q | None]:
        """(visible, readable, withheld with a parent) for *user*.

        Visible: the part's strategy is one the user may see. Readable: the
        part is not exempt, by itself or with its theme, or the user is a member
        of the organisation. Superusers are handled by the callers.
        """
        model: Any = self.model
        strategy = model.STRATEGY + "__"
        through = model.withheld_through()
        exempt = Q(exempt=True) if through is None else Q(exempt=True) | through
        public = Q(**{strategy + "state__in": PUBLIC_STATES})
        if getattr(user, "previews", False):  # permissions.PUBLIC
            public = Q()
        published = model.published_through()
        if published is not None:  # a part with a state of its own (an action plan)
            public &= published
        if not user.is_authenticated:
            return public, ~exempt, through
        member = Q(**{strategy + "organization__in": _member_organizations(user)})
        parent = None if through is None else through & ~member
        return public | member, ~exempt | member, parent

    def restrict(self, user: Any) -> PartQuerySet:
        """The parts *user* may read in full."""
        if _everything(user):
            return self.all()
        visible, readable, _parent = self._rule(user)
        return self.filter(visible & readable)

    def for_reader(self, user: Any) -> PartQuerySet:
        """The parts of strategies *user* may see, each annotated ``withheld``.

        A withheld part is shown in its place as a placeholder (``disclose``);
        one withheld only with its theme is left out, as the theme's
        placeholder stands for it.
        """
        if _everything(user):
            return self.annotate(withheld=V(False, output_field=BooleanField()))
        visible, readable, parent = self._rule(user)
        shown = (
            self.filter(visible) if parent is None else self.filter(visible & ~parent)
        )
        withheld = ExpressionWrapper(~readable, output_field=BooleanField())
        return shown.annotate(withheld=withheld)


@dataclass(frozen=True)
class Withheld:
    """What the public sees in the place of an exempt part: that it is there, and why.

    It carries the part's number, its legal basis, its title only where the
    editor allowed it, and the few structural facts a total or an export needs
    (``PLACEHOLDER_FIELDS`` of the model); never the part's content.
    """

    kind: str  # the model's name: "theme", "measure", …
    pk: int
    basis: str
    title: str
    facts: dict[str, Any] = field(default_factory=dict)

    is_withheld: ClassVar[bool] = True
    NAMES: ClassVar[dict[str, Any]] = {
        "theme": gettext_lazy("Theme %(number)s"),
        "section": gettext_lazy("Chapter %(number)s"),
        "measure": gettext_lazy("Measure %(number)s"),
        "goalassessment": gettext_lazy("The status on goal %(number)s of %(area)s"),
        "actionitem": gettext_lazy("Action plan item %(number)s"),
    }
    UNNUMBERED: ClassVar[dict[str, Any]] = {
        "section": gettext_lazy("A chapter"),
        "goalassessment": gettext_lazy("A goal status"),
        "decision": gettext_lazy("A decision"),
    }

    @classmethod
    def of(cls, part: Any) -> Withheld:
        title = getattr(part, part.TITLE_FIELD) if part.exempt_title_shown else ""
        return cls(
            kind=part._meta.model_name,
            pk=part.pk,
            basis=part.exempt_basis,
            title=title,
            facts={name: getattr(part, name) for name in part.PLACEHOLDER_FIELDS},
        )

    def __getattr__(self, name: str) -> Any:
        try:
            return self.__dict__["facts"][name]
        except KeyError:
            raise AttributeError(name) from None

    @property
    def name(self) -> str:
        """ "Theme 11", "A decision": the part as the placeholder names it."""
        number = self.facts.get("number")
        if number in (None, "") or self.kind not in self.NAMES:
            return str(self.UNNUMBERED[self.kind])
        return str(self.NAMES[self.kind]) % self.facts

    @property
    def short(self) -> str:
        """What a numbered row of a table says in the part's place."""
        reason = _("Exempt from public disclosure (%(basis)s)") % {
            "basis": self.basis or _("legal basis not recorded")
        }
        return f"{self.title} – {reason}" if self.title else reason

    def __str__(self) -> str:
        basis = self.basis or _("legal basis not recorded")
        if self.title:
            return _(
                "%(part)s “%(title)s” is exempt from public disclosure (%(basis)s)."
            ) % {"part": self.name, "title": self.title, "basis": basis}
        return _("%(part)s is exempt from public disclosure (%(basis)s).") % {
            "part": self.name,
            "basis": basis,
        }


def disclose(parts: Any) -> list[Any]:
    """Rows of ``for_reader`` as they may be shown: the part, or its placeholder."""
    return [Withheld.of(p) if p.withheld else p for p in parts]
