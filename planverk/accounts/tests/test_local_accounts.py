"""Password accounts: throttled guessing (django-axes), cookie flags, changing the password."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.test import Client, RequestFactory

from planverk.accounts.throttling import client_ip

pytestmark = pytest.mark.django_db
STRONG = "Fjordvik-strategi-2027"


def make_user(username: str, password: str) -> Any:
    return get_user_model().objects.create_user(username=username, password=password)


@pytest.fixture
def axes(settings: Any) -> None:
    settings.AXES_ENABLED = True  # off for the rest of the suite (test_settings)


def log_in(client: Client, username: str, password: str, **extra: Any) -> Any:
    return client.post(
        "/konto/logg-inn/", {"username": username, "password": password}, **extra
    )


def test_five_wrong_passwords_lock_the_username_for_this_address(
    client: Client, axes: None
) -> None:
    make_user("kari", password=STRONG)
    for _ in range(4):
        assert log_in(client, "kari", "wrong").status_code == 200
    locked = log_in(client, "kari", "wrong")
    assert locked.status_code == 429
    assert 'id="locked-out"' in locked.content.decode()
    # Even the right password is refused while locked.
    assert log_in(client, "kari", STRONG).status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lock_is_per_address(client: Client, axes: None) -> None:
    make_user("kari", password=STRONG)
    for _ in range(5):
        log_in(client, "kari", "wrong", REMOTE_ADDR="203.0.113.9")
    assert log_in(client, "kari", STRONG, REMOTE_ADDR="198.51.100.4").status_code == 302


def test_the_lock_lifts_after_the_cool_off(client: Client, axes: None) -> None:
    from axes.models import AccessAttempt

    make_user("kari", password=STRONG)
    for _ in range(5):
        log_in(client, "kari", "wrong")
    AccessAttempt.objects.update(attempt_time="2000-01-01T00:00:00Z")
    assert log_in(client, "kari", STRONG).status_code == 302


def test_a_success_resets_the_count(client: Client, axes: None) -> None:
    make_user("kari", password=STRONG)
    for _ in range(4):
        log_in(client, "kari", "wrong")
    assert log_in(client, "kari", STRONG).status_code == 302
    client.logout()
    for _ in range(4):
        assert log_in(client, "kari", "wrong").status_code == 200


def test_behind_a_proxy_the_address_it_saw_counts(settings: Any) -> None:
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9"
    )
    assert client_ip(request) == "10.0.0.2"
    settings.PLANVERK_TRUSTED_PROXIES = 1
    assert client_ip(request) == "203.0.113.9"  # the client cannot forge this one


def test_session_and_csrf_cookies_are_secure(client: Client) -> None:
    make_user("kari", password=STRONG)
    form = client.get("/konto/logg-inn/")
    csrf = form.cookies["csrftoken"]
    assert csrf["httponly"] and csrf["secure"] and csrf["samesite"] == "Lax"
    session = log_in(client, "kari", STRONG).cookies["sessionid"]
    assert session["httponly"] and session["secure"] and session["samesite"] == "Lax"
    assert session["max-age"] == django_settings.SESSION_COOKIE_AGE <= 12 * 3600


def test_the_login_page_offers_each_provider(
    client: Client, with_fake_idp: Any
) -> None:
    page = client.get("/konto/logg-inn/?next=/o/x/").content.decode()
    assert 'href="/konto/oidc/fake/?next=/o/x/"' in page
    assert "Testportalen" in page


def test_a_local_user_changes_the_password_with_the_validators(client: Client) -> None:
    user = make_user("kari", password=STRONG)
    client.force_login(user)
    url = "/konto/passord/"
    weak = {"old_password": STRONG, "new_password1": "123", "new_password2": "123"}
    assert client.post(url, weak).status_code == 200  # refused, with the reasons
    new = "Ny-og-lengre-2028"
    good = {"old_password": STRONG, "new_password1": new, "new_password2": new}
    assert client.post(url, good)["Location"] == "/konto/"
    user.refresh_from_db()
    assert user.check_password(new)
    assert client.get("/konto/").status_code == 200  # this session goes on


def test_a_user_who_signs_in_through_a_provider_has_no_password_to_change(
    client: Client, sign_in_via: Any
) -> None:
    sign_in_via(client, "sub-1")
    assert "/konto/passord/" not in client.get("/konto/").content.decode()
    assert client.get("/konto/passord/")["Location"] == "/konto/"
