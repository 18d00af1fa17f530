"""Every session a user signs in to is recorded, so that all of them can be ended at once."""

from __future__ import annotations

from importlib import import_module
from typing import Any

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest

from planverk.accounts.models import UserSession


def _store() -> Any:
    return import_module(settings.SESSION_ENGINE).SessionStore


def record(request: HttpRequest, user: Any) -> None:
    """Remember the session *user* has just signed in to (user_logged_in; after a password change).

    Records of the user's sessions that have expired meanwhile are dropped.
    """
    key = getattr(request, "session", None) and request.session.session_key
    if not key:
        return
    store = _store()
    known = UserSession.objects.filter(user=user).values_list("session_key", flat=True)
    gone = [k for k in known if k != key and not store().exists(k)]
    UserSession.objects.filter(session_key__in=gone).delete()
    UserSession.objects.update_or_create(session_key=key, defaults={"user": user})


def forget(request: HttpRequest) -> None:
    """The session is over (user_logged_out): its record goes too."""
    key = getattr(request, "session", None) and request.session.session_key
    if key:
        UserSession.objects.filter(session_key=key).delete()


def end_all(request: HttpRequest) -> int:
    """Sign the user out of every session, this one included; returns how many ended."""
    store = _store()
    user: Any = request.user
    keys = list(
        UserSession.objects.filter(user=user).values_list("session_key", flat=True)
    )
    for key in keys:
        store(session_key=key).delete()
    UserSession.objects.filter(session_key__in=keys).delete()
    logout(request)
    return len(keys)


def on_login(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    record(request, user)


def on_logout(sender: Any, request: HttpRequest, **kwargs: Any) -> None:
    forget(request)
