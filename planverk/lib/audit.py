"""Who made a change, and why: what django-simple-history records with each save."""

from __future__ import annotations

from typing import Any, TypeVar

T = TypeVar("T")


def attributed(obj: T, *, user: Any, reason: str | None = None) -> T:
    """*obj*, whose next save django-simple-history records as *user*'s, for *reason*."""
    setattr(obj, "_history_user", user)  # noqa: B010 -- simple-history's own names
    if reason is not None:
        setattr(obj, "_change_reason", reason)  # noqa: B010
    return obj
