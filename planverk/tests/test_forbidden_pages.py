"""A form refused for its missing CSRF token gets Planverk's own 403 page in the
reader's language, in plain words: not Django's "403 Forbidden"."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.utils import translation

pytestmark = pytest.mark.django_db

# What Django's own CSRF page says, and the code words a reader must not meet.
NOT_FOR_READERS = ("403 Forbidden", "Forbidden", "Forbudt", "CSRF", "DEBUG")


def browser(language: str) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


@pytest.mark.parametrize("language", ["nb", "en"])
@override_settings(DEBUG=False)
def test_a_form_without_its_token_gets_a_translated_plain_page(language: str) -> None:
    response = browser(language).post(
        "/konto/logg-inn/", {"username": "x", "password": "y"}
    )
    assert response.status_code == 403
    page = response.content.decode()
    with translation.override(language):
        heading = translation.gettext("The form was not sent")
        cookies = translation.gettext(
            "If it happens again, check that your browser accepts cookies from this site."
        )
    assert f'<html lang="{language}"' in page
    assert 'class="site-header"' in page and "css/planverk.css" in page
    assert f">{heading}</h1>" in page
    assert cookies in page  # no CSRF cookie was sent
    assert not [words for words in NOT_FOR_READERS if words in page]


def test_in_bokmal_the_page_is_in_bokmal() -> None:
    page = browser("nb").post("/konto/logg-inn/", {}).content.decode()
    assert "Skjemaet ble ikke sendt" in page  # the catalogue's bokmål


@override_settings(DEBUG=False)
def test_a_stale_token_is_refused_the_same_way_without_the_cookie_hint() -> None:
    client = browser("en")
    client.get("/konto/logg-inn/")  # sets the CSRF cookie
    response = client.post("/konto/logg-inn/", {"csrfmiddlewaretoken": "x" * 64})
    assert response.status_code == 403
    page = response.content.decode()
    assert ">The form was not sent</h1>" in page
    assert "accepts cookies" not in page
