"""Users are found by issuer and subject, never by e-mail; the first sign-in creates one."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from planverk.accounts.identity import unique_username, user_for_sign_in
from planverk.accounts.models import Identity
from planverk.testing import make_user

pytestmark = pytest.mark.django_db
ISSUER = "https://idporten.no"


def sign_in(subject: str, issuer: str = ISSUER, **claims: Any) -> Any:
    return user_for_sign_in(
        provider="idporten", issuer=issuer, claims={"sub": subject, **claims}
    )


def test_the_same_subject_is_the_same_user_when_the_email_changes() -> None:
    first = sign_in("s1", email="kari@fjordvik.kommune.no")
    again = sign_in("s1", email="kari.nordmann@example.no")
    assert again.pk == first.pk
    again.refresh_from_db()
    assert again.email == "kari.nordmann@example.no"
    assert Identity.objects.get().email == "kari.nordmann@example.no"


def test_another_subject_with_the_same_email_is_another_user() -> None:
    kari = sign_in("s1", email="felles@fjordvik.kommune.no")
    other = sign_in("s2", email="felles@fjordvik.kommune.no")
    assert other.pk != kari.pk


def test_a_local_account_with_the_same_email_is_not_taken_over() -> None:
    local = make_user("kari", email="kari@example.no")
    signed_in = sign_in("s1", email="kari@example.no", preferred_username="kari")
    assert signed_in.pk != local.pk
    assert signed_in.username == "kari-2"


def test_the_same_subject_at_another_issuer_is_another_user() -> None:
    at_idporten = sign_in("s1")
    at_feide = sign_in("s1", issuer="https://auth.dataporten.no")
    assert at_feide.pk != at_idporten.pk


def test_a_new_user_has_names_from_the_claims_and_no_password_or_role() -> None:
    user = sign_in("s1", given_name="Åse", family_name="Bø", email="ase@example.no")
    assert (user.first_name, user.last_name, user.username) == ("Åse", "Bø", "ase")
    assert not user.has_usable_password()
    assert not user.memberships.exists()
    assert not user.is_staff and not user.is_superuser


@pytest.mark.parametrize(
    ("claims", "expected"),
    [
        ({"preferred_username": "Bjørn Ærlig"}, "bjorn-aerlig"),
        ({"email": "ona.petraitiene@example.lt"}, "onapetraitiene"),
        ({"name": "Žydrūnė Ąžuolaitė"}, "zydrune-azuolaite"),
        ({"preferred_username": "<script>"}, "script"),
        ({"preferred_username": "ஆ"}, "idporten"),
        ({}, "idporten"),
        ({"name": "x" * 200}, "x" * 30),
    ],
)
def test_usernames_are_plain_and_short(claims: dict[str, str], expected: str) -> None:
    assert unique_username(claims, fallback="idporten") == expected


def test_usernames_are_unique() -> None:
    names = [sign_in(f"s{n}").username for n in range(3)]
    assert names == ["idporten", "idporten-2", "idporten-3"]
    assert get_user_model().objects.count() == 3


def test_a_deactivated_user_is_not_signed_in(client: Client, sign_in_via: Any) -> None:
    assert sign_in_via(client, "sub-9").status_code == 302
    client.logout()
    get_user_model().objects.filter(identities__subject="sub-9").update(is_active=False)
    response = sign_in_via(client, "sub-9")
    assert response.status_code == 400
    assert "_auth_user_id" not in client.session
