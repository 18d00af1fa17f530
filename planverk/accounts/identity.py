"""The user behind an OpenID Connect sign-in: found by issuer and subject, or created."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone

from planverk.accounts.models import Identity
from planverk.lib.slugs import slug_of

USERNAME_LENGTH = 30


@transaction.atomic
def user_for_sign_in(*, provider: str, issuer: str, claims: Mapping[str, Any]) -> Any:
    """The user whom *issuer* calls ``claims["sub"]``; created without memberships the first time.

    The e-mail address is stored but never used to find a user: providers let
    people change it, and two people may have held the same one.
    """
    subject = claims["sub"]
    identity = (
        Identity.objects.select_related("user")
        .filter(issuer=issuer, subject=subject)
        .first()
    )
    if identity is None:
        identity = _create(
            provider=provider, issuer=issuer, subject=subject, claims=claims
        )
    _update(identity, claims)
    return identity.user


def _create(
    *, provider: str, issuer: str, subject: str, claims: Mapping[str, Any]
) -> Identity:
    user = get_user_model()(username=unique_username(claims, fallback=provider))
    user.set_unusable_password()  # signs in through the provider only
    user.save()
    try:
        with transaction.atomic():
            return Identity.objects.create(
                user=user, provider=provider, issuer=issuer, subject=subject
            )
    except IntegrityError:  # a simultaneous first sign-in got there first
        user.delete()
        return Identity.objects.select_related("user").get(
            issuer=issuer, subject=subject
        )


def _update(identity: Identity, claims: Mapping[str, Any]) -> None:
    """Keep names and e-mail as the provider last stated them."""
    user = identity.user
    user.first_name = _text(claims.get("given_name"), 150) or user.first_name
    user.last_name = _text(claims.get("family_name"), 150) or user.last_name
    if not claims.get("given_name") and claims.get("name"):
        user.first_name = _text(claims["name"], 150)
    user.email = _text(claims.get("email"), 254) or user.email
    user.last_login = timezone.now()
    user.save(update_fields=["first_name", "last_name", "email", "last_login"])
    identity.email = user.email
    identity.last_used_at = timezone.now()
    identity.save(update_fields=["email", "last_used_at"])


def _text(value: Any, length: int) -> str:
    return value.strip()[:length] if isinstance(value, str) else ""


def unique_username(claims: Mapping[str, Any], *, fallback: str) -> str:
    """A username no one has, made of letters, digits and hyphens from the claims."""
    email = _text(claims.get("email"), 254)
    wanted = (
        _text(claims.get("preferred_username"), 150)
        or email.partition("@")[0]
        or _text(claims.get("name"), 150)
    )
    base = slug_of(wanted)[:USERNAME_LENGTH].strip("-") or fallback
    taken = get_user_model().objects.filter(username__startswith=base)
    names = set(taken.values_list("username", flat=True))
    username, n = base, 1
    while username in names:
        n += 1
        username = f"{base}-{n}"
    return username
