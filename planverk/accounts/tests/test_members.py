"""An editor's members page: who is a member, pending invitations, inviting, removing."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from planverk.accounts.models import Invitation, token_hash
from planverk.accounts.tests.people import People, counts, invite, make_people
from planverk.organizations.models import Membership, Role

pytestmark = pytest.mark.django_db
URL = "/o/fjordvik-kommune/medlemmer/"


@pytest.fixture
def people() -> People:
    return make_people()


@pytest.fixture
def editor(client: Client, people: People) -> Client:
    client.force_login(people.editor)
    return client


def test_the_editor_sees_members_and_pending_invitations(
    editor: Client, people: People
) -> None:
    invite(people)
    page = editor.get(URL).content.decode()
    for member in (people.editor, people.unit_editor, people.reader):
        assert member.username in page
    assert "ny@example.no" in page and "Arkiv" in page
    assert people.outsider.username not in page


def test_inviting_shows_the_link_once_and_mails_it(
    editor: Client, people: People
) -> None:
    response = editor.post(
        URL + "inviter/", {"email": "ny@example.no", "role": "editor"}
    )
    assert response.status_code == 200
    link = response.context["link"]
    assert link.startswith("http://testserver/konto/invitasjon/")
    token = link.rstrip("/").rsplit("/", 1)[1]
    invitation = Invitation.objects.get()
    assert invitation.token_hash == token_hash(token) != token
    assert token not in str(Invitation.objects.values().get())  # only its hash is kept
    assert (invitation.role, invitation.invited_by) == (Role.EDITOR, people.editor)
    week = timezone.now() + dt.timedelta(days=7)
    assert abs(invitation.expires_at - week) < dt.timedelta(minutes=1)
    assert mail.outbox[0].to == ["ny@example.no"]
    assert link in mail.outbox[0].body
    assert link in response.content.decode()
    assert token not in editor.get(URL).content.decode()  # shown only this once


def test_a_unit_editor_is_invited_with_units(editor: Client, people: People) -> None:
    data = {"email": "ny@example.no", "role": "unit_editor"}
    refused = editor.post(URL + "inviter/", data)
    assert refused.status_code == 400
    assert not Invitation.objects.exists()
    editor.post(URL + "inviter/", {**data, "units": [people.unit.pk]})
    assert list(Invitation.objects.get().units.all()) == [people.unit]


def test_units_of_another_organisation_are_refused(
    editor: Client, people: People
) -> None:
    from planverk.organizations.models import Unit

    theirs = Unit.objects.create(
        organization=people.outsider.memberships.get().organization, name="IKT"
    )
    data = {"email": "ny@example.no", "role": "unit_editor", "units": [theirs.pk]}
    assert editor.post(URL + "inviter/", data).status_code == 400
    assert not Invitation.objects.exists()


def test_an_invalid_address_is_refused(editor: Client) -> None:
    data = {"email": "not an address", "role": "reader"}
    assert editor.post(URL + "inviter/", data).status_code == 400
    assert not Invitation.objects.exists()


def test_when_mail_fails_the_link_is_still_shown(
    editor: Client, monkeypatch: Any
) -> None:
    def broken(*args: Any, **kwargs: Any) -> None:
        raise ConnectionRefusedError("no mail server")

    monkeypatch.setattr("planverk.accounts.views.members.send_mail", broken)
    response = editor.post(
        URL + "inviter/", {"email": "ny@example.no", "role": "reader"}
    )
    assert response.status_code == 200
    assert response.context["link"] in response.content.decode()
    assert response.context["mailed"] is False


def test_withdrawing_stops_the_link(editor: Client, people: People) -> None:
    invitation, token = invite(people)
    response = editor.post(URL + f"invitasjon/{invitation.pk}/trekk-tilbake/")
    assert response["Location"] == URL
    invitation.refresh_from_db()
    assert invitation.withdrawn_by == people.editor
    assert Client().get(f"/konto/invitasjon/{token}/").status_code == 410


def test_removing_a_member(editor: Client, people: People) -> None:
    reader = Membership.objects.get(user=people.reader)
    assert editor.post(URL + f"{reader.pk}/fjern/")["Location"] == URL
    assert not Membership.objects.filter(pk=reader.pk).exists()


def test_the_last_editor_cannot_be_removed(editor: Client, people: People) -> None:
    own = Membership.objects.get(user=people.editor)
    before = counts()
    assert editor.post(URL + f"{own.pk}/fjern/").status_code == 409
    assert counts() == before


def test_objects_of_another_organisation_are_not_found(
    editor: Client, people: People
) -> None:
    theirs = Membership.objects.get(user=people.outsider)
    before = counts()
    assert editor.post(URL + f"{theirs.pk}/fjern/").status_code == 404
    assert counts() == before


def test_only_those_who_manage_members_find_the_page_from_the_organisation(
    client: Client, people: People
) -> None:
    for user, shown in ((people.editor, True), (people.reader, False)):
        client.force_login(user)
        page = client.get("/o/fjordvik-kommune/").content.decode()
        assert (f'href="{URL}"' in page) is shown
