"""Only the organisation's editors manage its members: everyone else is refused, and
nothing changes. Every change is a POST with a CSRF token."""

from __future__ import annotations

import pytest
from django.test import Client

from planverk.accounts.tests.people import People, counts, invite, make_people
from planverk.organizations.models import Membership

pytestmark = pytest.mark.django_db
URL = "/o/fjordvik-kommune/medlemmer/"
REFUSED = ["reader", "unit_editor", "outsider", None]


def requests(people: People) -> list[tuple[str, str, dict[str, object]]]:
    invitation, _token = invite(people)
    member = Membership.objects.get(user=people.reader)
    return [
        ("get", URL, {}),
        ("post", URL + "inviter/", {"email": "x@example.no", "role": "editor"}),
        ("post", URL + f"invitasjon/{invitation.pk}/trekk-tilbake/", {}),
        ("post", URL + f"{member.pk}/fjern/", {}),
    ]


@pytest.mark.parametrize("who", REFUSED)
def test_only_editors_of_the_organisation_manage_members(
    client: Client, who: str | None
) -> None:
    people = make_people()
    if who:
        client.force_login(getattr(people, who))
    for method, url, data in requests(people):
        before = counts()
        response = getattr(client, method)(url, data)
        if who:
            assert response.status_code == 403, url
        else:
            assert response["Location"].startswith("/konto/logg-inn/"), url
        assert counts() == before


def test_changes_take_a_post(client: Client) -> None:
    people = make_people()
    client.force_login(people.editor)
    for method, url, _data in requests(people)[1:]:
        before = counts()
        assert client.get(url).status_code == 405, method
        assert counts() == before


def test_changes_take_the_csrf_token() -> None:
    people = make_people()
    client = Client(enforce_csrf_checks=True)
    client.force_login(people.editor)
    for _method, url, data in requests(people)[1:]:
        before = counts()
        assert client.post(url, data).status_code == 403, url
        assert counts() == before


def test_an_unknown_organisation_is_not_found(client: Client) -> None:
    client.force_login(make_people().editor)
    assert client.get("/o/nowhere/medlemmer/").status_code == 404
