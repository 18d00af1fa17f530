"""Creating an organisation in the app: for site administrators only."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from planverk.accounts.units import clean_name, name_in
from planverk.lib.audit import attributed
from planverk.organizations.models import Organization, OrganizationKind, unique_slug
from planverk.strategies.permissions import Action, require


def _taken(name: str) -> ValidationError:
    return ValidationError(
        {"name": _("An organisation named “%(name)s” exists.") % {"name": name}},
        code="unique",
    )


@transaction.atomic
def create_organization(
    *, name: str, kind: str, country: str, code: str = "", user: Any
) -> Organization:
    """A new organisation, its slug made from its name (planverk.lib.slugs: "Liøy
    kommune" → "lioy-kommune") and unlike any slug used now or before."""
    require(user, Action.CREATE_ORGANIZATION, None)
    name = clean_name(name)
    if name_in(Organization.objects.values_list("name", flat=True), name):
        raise _taken(name)
    organization = Organization(
        name=name,
        slug=unique_slug(name),
        kind=OrganizationKind(kind),
        country=country,
        code=code.strip(),
    )
    attributed(organization, user=user, reason="organization.create")
    try:
        with transaction.atomic():  # the constraint, should two create it at once
            organization.save()
    except IntegrityError:
        raise _taken(name) from None
    return organization
