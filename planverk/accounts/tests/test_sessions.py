"""Signing out on all devices ends every session of the user, and no one else's."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.test import Client

from planverk.accounts.models import UserSession

pytestmark = pytest.mark.django_db
PASSWORD = "Fjordvik-strategi-2027"


def signed_in(username: str) -> Client:
    """A browser of its own, signed in through the login form."""
    client = Client()
    response = client.post(
        "/konto/logg-inn/", {"username": username, "password": PASSWORD}
    )
    assert response.status_code == 302
    return client


@pytest.fixture
def kari() -> Any:
    get_user_model().objects.create_user("ola", password=PASSWORD)
    return get_user_model().objects.create_user("kari", password=PASSWORD)


def test_signing_out_everywhere_ends_the_other_devices_too(kari: Any) -> None:
    laptop, phone, ola = signed_in("kari"), signed_in("kari"), signed_in("ola")
    assert UserSession.objects.filter(user=kari).count() == 2
    response = laptop.post("/konto/logg-ut-overalt/")
    assert response["Location"] == "/konto/logg-inn/"
    for device in (laptop, phone):
        assert device.get("/konto/")["Location"].startswith("/konto/logg-inn/")
    assert ola.get("/konto/").status_code == 200  # someone else's session lives on
    assert not UserSession.objects.filter(user=kari).exists()
    signed_in_users = [
        s.get_decoded().get("_auth_user_id") for s in Session.objects.all()
    ]
    assert signed_in_users == [str(get_user_model().objects.get(username="ola").pk)]


def test_it_takes_a_post(kari: Any) -> None:
    laptop = signed_in("kari")
    assert laptop.get("/konto/logg-ut-overalt/").status_code == 405
    assert laptop.get("/konto/").status_code == 200


def test_it_takes_the_csrf_token(kari: Any) -> None:
    laptop = Client(enforce_csrf_checks=True)
    laptop.force_login(kari)
    assert laptop.post("/konto/logg-ut-overalt/").status_code == 403
    assert laptop.get("/konto/").status_code == 200


def test_an_ordinary_logout_forgets_its_session(kari: Any) -> None:
    laptop, phone = signed_in("kari"), signed_in("kari")
    laptop.post("/konto/logg-ut/")
    assert UserSession.objects.filter(user=kari).count() == 1
    assert phone.get("/konto/").status_code == 200


def test_sessions_that_expired_are_not_kept(kari: Any) -> None:
    signed_in("kari")
    Session.objects.all().delete()  # as clearsessions does with expired ones
    signed_in("kari")
    assert UserSession.objects.filter(user=kari).count() == 1


def test_a_password_change_keeps_this_session_recorded(kari: Any) -> None:
    laptop, phone = signed_in("kari"), signed_in("kari")
    new = "Ny-og-lengre-2028"
    laptop.post(
        "/konto/passord/",
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert phone.get("/konto/").status_code == 302  # Django ends the others
    laptop.post("/konto/logg-ut-overalt/")
    assert laptop.get("/konto/").status_code == 302


def test_sessions_signed_in_through_a_provider_end_too(sign_in_via: Any) -> None:
    laptop, phone = Client(), Client()
    sign_in_via(laptop, "sub-1")
    sign_in_via(phone, "sub-1")
    phone.post("/konto/logg-ut-overalt/")
    assert laptop.get("/konto/").status_code == 302
