"""The invitation link: sign in or create an account, accept, and the role is yours.

Expired, used, withdrawn and unknown links change nothing and say why.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone
from django.utils.translation import gettext as _

from planverk.accounts.models import Invitation
from planverk.accounts.tests.people import People, counts, invite, make_people
from planverk.organizations.models import Membership, Role
from planverk.testing import make_user

pytestmark = pytest.mark.django_db
PASSWORD = "Fjordvik-strategi-2027"


@pytest.fixture
def people() -> People:
    return make_people()


def link(token: str) -> str:
    return f"/konto/invitasjon/{token}/"


def test_the_page_offers_every_way_in(
    client: Client, people: People, with_fake_idp: Any
) -> None:
    _invitation, token = invite(people, Role.UNIT_EDITOR, units=[people.unit])
    page = client.get(link(token)).content.decode()
    assert "Fjordvik kommune" in page and "Arkiv" in page
    assert f'href="/konto/oidc/fake/?next={link(token)}"' in page
    assert f'href="/konto/logg-inn/?next={link(token)}"' in page
    assert 'id="sign-up"' in page


def test_a_new_local_account_accepts_it(client: Client, people: People) -> None:
    invitation, token = invite(people, Role.UNIT_EDITOR, units=[people.unit])
    data = {"username": "ny", "password1": PASSWORD, "password2": PASSWORD}
    response = client.post(link(token), data)
    assert response["Location"] == "/o/fjordvik-kommune/"
    user = get_user_model().objects.get(username="ny")
    assert int(client.session["_auth_user_id"]) == user.pk
    assert user.check_password(PASSWORD) and user.email == "ny@example.no"
    membership = Membership.objects.get(user=user)
    assert membership.role == Role.UNIT_EDITOR
    assert list(membership.units.all()) == [people.unit]
    invitation.refresh_from_db()
    assert invitation.accepted_by == user


@pytest.mark.parametrize("password", ["123", "password", "87654321"])
def test_the_password_validators_apply(
    client: Client, people: People, password: str
) -> None:
    _invitation, token = invite(people)
    before = counts()
    data = {"username": "ny", "password1": password, "password2": password}
    assert client.post(link(token), data).status_code == 400
    assert not get_user_model().objects.filter(username="ny").exists()
    assert counts() == before


def test_a_taken_username_is_refused(client: Client, people: People) -> None:
    _invitation, token = invite(people)
    taken = people.editor.username.upper()  # usernames are compared case-blind
    data = {"username": taken, "password1": PASSWORD, "password2": PASSWORD}
    assert client.post(link(token), data).status_code == 400
    assert Invitation.objects.pending().count() == 1


def test_a_signed_in_user_accepts_it(client: Client, people: People) -> None:
    _invitation, token = invite(people, Role.EDITOR)
    client.force_login(people.outsider)
    assert 'id="accept"' in client.get(link(token)).content.decode()
    assert client.post(link(token))["Location"] == "/o/fjordvik-kommune/"
    joined = Membership.objects.get(
        user=people.outsider, organization=people.organization
    )
    assert joined.role == Role.EDITOR


def test_one_signing_in_through_a_provider_comes_back_to_accept(
    client: Client, people: People, sign_in_via: Any
) -> None:
    _invitation, token = invite(people)
    response = sign_in_via(client, "sub-7", next_url=link(token))
    assert response["Location"] == link(token)
    client.post(link(token))
    user = get_user_model().objects.get(identities__subject="sub-7")
    assert Membership.objects.get(user=user).role == Role.READER


def test_a_link_works_once(client: Client, people: People) -> None:
    _invitation, token = invite(people)
    client.force_login(people.outsider)
    client.post(link(token))
    other = Client()  # a second outsider: the persona has used the link
    other.force_login(make_user("per"))
    before = counts()
    response = other.post(link(token))
    assert response.status_code == 410
    assert _("This invitation has already been used.") in response.content.decode()
    assert counts() == before


def test_an_expired_link_is_gone(client: Client, people: People) -> None:
    invitation, token = invite(people)
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - dt.timedelta(seconds=1)
    )
    client.force_login(people.outsider)
    before = counts()
    assert client.get(link(token)).status_code == 410
    assert client.post(link(token)).status_code == 410
    assert counts() == before


def test_an_unknown_link_is_not_found(client: Client, people: People) -> None:
    invite(people)
    client.force_login(people.outsider)
    before = counts()
    assert client.get(link("made-up")).status_code == 404
    assert client.post(link("made-up")).status_code == 404
    assert counts() == before


def test_a_member_already_keeps_the_role_and_the_link_stays_unused(
    client: Client, people: People
) -> None:
    _invitation, token = invite(people, Role.EDITOR)
    client.force_login(people.reader)
    before = counts()
    assert client.post(link(token)).status_code == 409
    assert counts() == before
    assert Membership.objects.get(user=people.reader).role == Role.READER


def test_accepting_takes_the_csrf_token(people: People) -> None:
    _invitation, token = invite(people)
    client = Client(enforce_csrf_checks=True)
    client.force_login(people.outsider)
    before = counts()
    assert client.post(link(token)).status_code == 403
    assert counts() == before
