"""A request that changes data without the CSRF token is refused, and changes nothing.

Every route the permission matrix lists as changing data is posted to by a
site admin (whom every rule allows) without a token: 403, nothing changed.
With the token the same request goes through, so the refusal is the token's.
The language switch alone takes no token: it changes no data.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from planverk.strategies.permissions import can
from planverk.testing import row_counts
from planverk.tests.matrix_world import World
from planverk.tests.test_permission_matrix import ROUTES, Change, accounts_routed

pytestmark = pytest.mark.django_db

CHANGES = [
    pytest.param(name, case, id=f"{name.split(':')[-1]}-{case.label}")
    for name, listed in ROUTES.items()
    for case in listed
    if isinstance(case, Change)
]


def admin_client(world: World) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["site_admin"])
    return client


@pytest.mark.usefixtures("media")
@pytest.mark.parametrize(("name", "case"), CHANGES)
def test_a_post_without_the_token_is_refused(
    world: World, name: str, case: Change
) -> None:
    if name.startswith("accounts:") and not accounts_routed():
        pytest.skip("the account app is not in the URLconf")
    path = case.path(world, "site_admin")
    before, counts = case.state(world), row_counts()
    response = admin_client(world).post(path, case.data(world))
    assert response.status_code == 403, path
    assert case.state(world) == before
    assert row_counts() == counts


@pytest.mark.usefixtures("media")
@pytest.mark.parametrize(("name", "case"), CHANGES)
def test_the_same_post_with_the_token_goes_through(
    world: World, name: str, case: Change
) -> None:
    if name.startswith("accounts:") and not accounts_routed():
        pytest.skip("the account app is not in the URLconf")
    client = admin_client(world)
    client.get("/konto/logg-inn/")  # sets the CSRF cookie
    token = client.cookies[settings.CSRF_COOKIE_NAME].value
    path = case.path(world, "site_admin")
    before = case.state(world)
    response = client.post(path, case.data(world), HTTP_X_CSRFTOKEN=token)
    if can(world.users["site_admin"], case.action, case.subject(world)):
        assert response.status_code < 400, path
        assert case.state(world) != before
    else:  # a frozen version: the token passes, the rule still refuses
        assert response.status_code in (403, 409), path
        assert case.state(world) == before


@pytest.mark.parametrize(
    "path", ["/konto/logg-inn/", "/konto/logg-ut/"], ids=["login", "logout"]
)
def test_signing_in_and_out_need_the_token(world: World, path: str) -> None:
    client = Client(enforce_csrf_checks=True)
    data = {"username": "admin", "password": "x"}
    assert client.post(path, data).status_code == 403


def test_the_language_switch_takes_no_token_and_sets_only_the_language(
    world: World,
) -> None:
    client = admin_client(world)
    counts = row_counts()
    session = dict(client.session)
    response = client.post(
        "/i18n/setlang/", {"language": "lt", "next": "https://evil.example/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/"  # never to another site
    assert set(response.cookies) == {settings.LANGUAGE_COOKIE_NAME}
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "lt"
    assert row_counts() == counts
    assert dict(client.session) == session
