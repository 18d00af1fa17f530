"""Members sign in on Planverk's own page; the admin's login is for site administrators."""

from __future__ import annotations

import pytest
from django.test import Client

from planverk.interchange.load import load
from planverk.testing import make_personas, rich_document

pytestmark = pytest.mark.django_db


def test_an_editor_who_is_not_staff_signs_in_and_reaches_the_editing_page(
    client: Client,
) -> None:
    document = rich_document()
    document["strategy"]["state"] = "draft"
    strategy = load(document)
    editor = make_personas(strategy.organization).editor
    edit = f"/o/fjordvik-kommune/s/{strategy.pk}/rediger/"
    assert client.get(edit)["Location"].startswith("/konto/logg-inn/")
    response = client.post(
        "/konto/logg-inn/",
        {"username": editor.username, "password": "x", "next": edit},
    )
    assert response.status_code == 302
    assert response["Location"] == edit
    assert client.get(edit).status_code == 200


def test_a_wrong_password_is_refused_on_the_form(client: Client) -> None:
    response = client.post("/konto/logg-inn/", {"username": "nobody", "password": "x"})
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_signing_out_ends_the_session(client: Client) -> None:
    client.force_login(make_personas(load(rich_document()).organization).reader)
    assert client.post("/konto/logg-ut/").status_code == 302
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db(transaction=True)
def test_the_login_page_is_accessible(live_server, page, axe) -> None:
    page.goto(live_server.url + "/konto/logg-inn/")
    assert axe(page) == []
    page.get_by_label("Brukernavn").fill("nobody")
    page.get_by_label("Passord").fill("wrong")
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_selector('[role="alert"]')
    assert axe(page) == []


def test_the_django_admin_is_for_site_administrators_only(client: Client) -> None:
    client.force_login(make_personas(load(rich_document()).organization).editor)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
