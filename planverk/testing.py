"""Builders for tests: a rich planverk/1 document and people in every role."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any, ClassVar

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser

from planverk.interchange.load import load
from planverk.organizations.models import Membership, Organization, Role, Unit
from planverk.strategies.models import Strategy

_RICH: dict[str, Any] = {
    "format": "planverk/1",
    "organization": {
        "name": "Fjordvik kommune",
        "kind": "municipality",
        "country": "NO",
        "code": "9901",
    },
    "strategy": {
        "title": "IKT-strategi 2024–2027 for Fjordvik",
        "language": "nb",
        "period": {"start": 2024, "end": 2027},
        "version": "2.1",
        "vision": "Ærlig, åpen og digital – først på økende tjenestekvalitet",
        "sections": [
            {
                "number": "1",
                "title": "Innledning",
                "text": "Strategien gjelder **hele** kommunen.",
            },
            {"number": None, "title": "Forord", "text": ""},
            {
                "number": "1.2",
                "title": "Įvadas (lietuviškai)",
                "text": "Ąžuolas, čiuožėjai, ūkis.",
            },
        ],
        "units": ["IKT-tjenesten", "Arkiv", "Oppvekst og kultur", "Helse- og omsorg"],
        "revisions": [
            {
                "body": "Kommunestyret",
                "date": "2023-12-14",
                "reference": "PS 112/23",
                "note": None,
            },
            {
                "body": "Formannskapet",
                "date": "2023-11",
                "reference": None,
                "note": "høring",
            },
            {
                "body": "Vadovų forumas",
                "date": "2023",
                "reference": "Nr. 7/23",
                "note": "komentarai",
            },
            {
                "body": "Rådmannens ledergruppe",
                "date": None,
                "reference": None,
                "note": None,
                "exempt": True,
                "exempt_basis": "offl. § 14",
            },
        ],
        "glossary": [
            {
                "term": "ID-porten",
                "definition": "Felles innlogging til offentlige tjenester.",
            },
            {"term": "Šaltinis", "definition": "Lietuviškas terminas su ąčęėįšųūž."},
        ],
        "themes": [
            {
                "number": "3",
                "title": "Lokaldemokrati og deltakelse",
                "text": "Innbyggerne skal nå de folkevalgte digitalt.",
                "framework_area": "Lokaldemokrati og deltakelse i informasjonssamfunnet",
                "measures": [
                    {
                        "number": "3.1",
                        "objective": "Åpne møter for alle.",
                        "description": "Strømme kommunestyremøtene og arkivere opptakene.",
                        "items": ["Kamera i salen", "Teksting på nynorsk og bokmål"],
                        "proposed_by": ["IKT-tjenesten", "Arkiv"],
                        "start": ["2024"],
                        "group": None,
                    },
                    {
                        "number": "3.2",
                        "objective": "",
                        "description": "Digitale innbyggerpanel.",
                        "items": [],
                        "proposed_by": [],
                        "start": ["2024-2027", "2025"],
                        "group": "Medvirkning",
                    },
                    {
                        "number": "3.10",
                        "objective": "Ordning etter nummer: 3.10 kommer etter 3.2.",
                        "description": "Čia tekstas su ąčęėįšųūž.",
                        "items": ["ąčęėįšųūž"],
                        "proposed_by": ["Oppvekst og kultur"],
                        "start": [],
                        "group": "Medvirkning",
                    },
                ],
            },
            {
                "number": "21",
                "title": "Lokale satsingsområder",
                "text": None,
                "framework_area": None,
                "measures": [
                    {
                        "number": "21.1",
                        "objective": "Velferdsteknologi i alle omsorgsboliger.",
                        "description": "Sensorer og digitalt tilsyn.",
                        "items": [],
                        "proposed_by": ["Helse- og omsorg", "IKT-tjenesten"],
                        "start": ["2026"],
                        "group": None,
                        "exempt": True,
                        "exempt_basis": "offl. § 24 tredje ledd",
                    }
                ],
            },
        ],
        "goal_assessments": [
            {
                "area": "Lokaldemokrati og deltakelse i informasjonssamfunnet",
                "theme": "3",
                "number": 1,
                "deadline": 2009,
                "goal": "Flere digitale kanaler mellom innbyggere og folkevalgte.",
                "status": {
                    "level": "achieved",
                    "text": "Nettside, e-post og direktesending.",
                    "as_of": "2023-09",
                    "confirmed": True,
                },
                "framework_goal": "1.1",
            },
            {
                "area": "Vietos demokratija",
                "theme": None,
                "number": 2,
                "deadline": 2010,
                "goal": "Per 2010 m. svetainės turi atitikti kokybės kriterijus.",
                "status": {
                    "level": "partial",
                    "text": "Apie 90 %.",
                    "as_of": None,
                    "confirmed": False,
                },
                "framework_goal": "1.2",
            },
            {
                "area": "Lokale mål",
                "theme": "21",
                "number": None,
                "deadline": None,
                "goal": "Et mål som ikke står i den nasjonale agendaen.",
                "status": {
                    "level": "unknown",
                    "text": None,
                    "as_of": None,
                    "confirmed": False,
                },
                "framework_goal": None,
                "exempt": True,
                "exempt_basis": "offl. § 23",
            },
        ],
        "action_plan": [
            {
                "number": "1",
                "title": "Helsenett",
                "items": [],
                "category": "operating",
                "years": {"start": 2024, "end": 2024},
                "amount_nok": None,
                "funding": "Sektorfinansiering",
                "remarks": None,
            },
            {
                "number": "2",
                "title": "Skanning av byggesaksarkivet",
                "items": ["Programvare", "Ett årsverk"],
                "category": "operating",
                "years": {"start": 2024, "end": 2024},
                "amount_nok": 400000,
                "funding": None,
                "remarks": "Prioritert",
            },
            {
                "number": "10",
                "title": "Intranett",
                "items": [],
                "category": "operating",
                "years": {"start": 2025, "end": 2027},
                "amount_nok": None,
                "funding": None,
                "remarks": "Videre utvikling",
                "exempt": True,
                "exempt_basis": "offl. § 23",
            },
            {
                "number": "17",
                "title": "Nytt serverrom",
                "items": ["Kjøling", "Strømsparing"],
                "category": "investment",
                "years": {"start": 2024, "end": 2027},
                "amount_nok": 2500000,
                "funding": None,
                "remarks": None,
            },
        ],
        "budget_totals": [
            {
                "category": "operating",
                "years": {"start": 2024, "end": 2024},
                "stated_nok": 400000,
                "computed_nok": 400000,
            },
            {
                "category": "investment",
                "years": {"start": 2024, "end": 2027},
                "stated_nok": 3000000,
                "computed_nok": 2500000,
            },
        ],
        "state": "approved",
        "framework": "ekommune-2012",
    },
    "import_report": {
        "source": {
            "filename": "fjordvik.txt",
            "sha256": "0" * 64,
            "language": "nb",
            "layout": "ks-ekommune",
        },
        "warnings": [
            {
                "code": "total_mismatch",
                "message": "Investering: 3 000 000 ≠ 2 500 000",
                "line": 12,
            },
            {"code": "goal_unmatched", "message": "Et lokalt mål", "line": None},
        ],
    },
}


def rich_document() -> dict[str, Any]:
    """A planverk/1 document that uses every field, in Norwegian and Lithuanian."""
    return copy.deepcopy(_RICH)


def make_strategy(state: str = "draft", org: str = "Fjordvik kommune") -> Strategy:
    """The rich document stored as a strategy of *org* in *state*."""
    document = rich_document()
    document["organization"]["name"] = org
    document["strategy"]["state"] = state
    return load(document)


def make_user(username: str, **fields: Any) -> Any:
    return get_user_model().objects.create_user(
        username=username, password="x", **fields
    )


def make_member(
    username: str, organization: Organization, role: Role, units: Any = ()
) -> Any:
    user = make_user(username)
    member = Membership.objects.create(user=user, organization=organization, role=role)
    member.units.set(units)
    return user


@dataclass
class Personas:
    """The people every test asks for, around one organisation.

    - ``editor``, ``unit_editor`` (of the unit given), ``reader``: its members;
    - ``outsider``: signed in, an editor of *another* organisation, so that
      rights elsewhere are seen to count for nothing here;
    - ``site_admin``: a superuser; ``anonymous``: nobody signed in.
    """

    organization: Organization
    editor: Any
    unit_editor: Any
    reader: Any
    outsider: Any
    site_admin: Any
    anonymous: Any = field(default_factory=AnonymousUser)

    ROLES: ClassVar[tuple[str, ...]] = (
        "anonymous",
        "reader",
        "unit_editor",
        "editor",
        "outsider",
        "site_admin",
    )

    def by_role(self) -> dict[str, Any]:
        return {role: getattr(self, role) for role in self.ROLES}


def make_personas(
    organization: Organization, unit: Unit | None = None, prefix: str = ""
) -> Personas:
    """The personas of *organization*; the unit editor edits for *unit* (its first
    unit if none is given). *prefix* keeps usernames apart when a test makes
    personas of several organisations."""
    unit = unit or organization.units.order_by("pk").first()
    elsewhere, _new = Organization.objects.get_or_create(
        name=f"Nabo {organization.name}", defaults={"kind": organization.kind}
    )
    return Personas(
        organization=organization,
        editor=make_member(f"{prefix}editor", organization, Role.EDITOR),
        unit_editor=make_member(
            f"{prefix}unit-editor",
            organization,
            Role.UNIT_EDITOR,
            [unit] if unit else [],
        ),
        reader=make_member(f"{prefix}reader", organization, Role.READER),
        outsider=make_member(f"{prefix}outsider", elsewhere, Role.EDITOR),
        site_admin=make_user(f"{prefix}admin", is_superuser=True, is_staff=True),
    )


def row_counts() -> dict[str, int]:
    """Rows in every table of ours, history included: what "unchanged" is measured by."""
    labels = ("organizations", "strategies", "frameworks", "auth")
    return {
        m._meta.label: m._default_manager.count()
        for m in apps.get_models()
        if m._meta.app_label in labels
    }
