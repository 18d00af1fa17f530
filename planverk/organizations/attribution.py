"""Who the public is told made a change: the one place a person is named to readers.

An organisation chooses (``Organization.history_attribution``) whether its
public history names the person, the person's unit, or only the organisation.
A person is named by their full name, or, without one, as "a member of
<organisation>"; never by their username, which is a login name.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from planverk.organizations.models import HistoryAttribution, Membership, Organization


class Attribution:
    """Names for the people in one organisation's history, as the organisation chose.

    The organisation's memberships are read once, when a name needs them.
    """

    def __init__(self, organization: Organization) -> None:
        self.organization = organization
        self._units: dict[int, list[str]] | None = None

    def _members(self) -> dict[int, list[str]]:
        """Each member's id, with the names of the units they are bound to."""
        if self._units is None:
            memberships = Membership.objects.filter(
                organization=self.organization
            ).prefetch_related("units")
            self._units = {
                m.user_id: [unit.name for unit in m.units.all()] for m in memberships
            }
        return self._units

    def name(self, user: Any) -> str:
        """*user* as the public history names them; "" for no one (a command, an import)."""
        if user is None:
            return ""
        organization = self.organization
        choice = organization.history_attribution
        if choice == HistoryAttribution.ORGANIZATION:
            return organization.name
        if choice == HistoryAttribution.UNIT:
            units = self._members().get(user.pk)
            return ", ".join(units) if units else organization.name
        full_name = user.get_full_name().strip()
        if full_name:
            return str(full_name)
        if user.is_superuser and user.pk not in self._members():
            return _("a site administrator")
        return _("a member of %(organization)s") % {"organization": organization.name}


def public_name(user: Any, organization: Organization) -> str:
    """*user* as *organization*'s public pages name them (see Attribution)."""
    return Attribution(organization).name(user)
