"""The invitation link, /konto/invitasjon/<token>/: sign in (or create a local
account) and accept. Unknown links are 404, used, withdrawn or expired ones 410."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import login
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from planverk.accounts import actions
from planverk.accounts.forms import SignupForm
from planverk.accounts.models import Invitation
from planverk.accounts.views.signin import BACKEND, providers


def _gone(request: HttpRequest, invitation: Invitation | None) -> HttpResponse:
    if invitation is None:
        reason, status = _("This invitation link is not known."), 404
    elif invitation.accepted_at:
        reason, status = _("This invitation has already been used."), 410
    elif invitation.withdrawn_at:
        reason, status = _("This invitation has been withdrawn."), 410
    else:
        reason, status = _("This invitation has expired."), 410
    context = {"reason": reason}
    return render(request, "accounts/invitation_gone.html", context, status=status)


def _page(request: HttpRequest, invitation: Invitation, **extra: Any) -> HttpResponse:
    status = extra.pop("status", 200)
    context = {
        "invitation": invitation,
        "providers": providers(),
        "form": extra.pop("form", None) or SignupForm(),
        "expires_in": invitation.expires_at - timezone.now(),
        **extra,
    }
    return render(request, "accounts/invitation.html", context, status=status)


@require_http_methods(["GET", "POST"])
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows the invitation; POST accepts it, creating a local account first if asked."""
    found = actions.find_invitation(token)
    if found is None or not found.is_pending:
        return _gone(request, found)
    if request.method == "GET":
        return _page(request, found)
    if request.user.is_authenticated:
        return _accept(request, found, request.user)
    form = SignupForm(request.POST)
    if not form.is_valid():
        return _page(request, found, form=form, status=400)
    return _sign_up_and_accept(request, found, form)


def _accept(request: HttpRequest, invitation: Invitation, user: Any) -> HttpResponse:
    try:
        actions.accept(invitation, user=user)
    except actions.AlreadyMember as already:
        error = _("You are already a member of %(organization)s as %(role)s.") % {
            "organization": invitation.organization.name,
            "role": already.membership.get_role_display(),
        }
        return _page(request, invitation, error=error, status=409)
    except Invitation.DoesNotExist:
        invitation.refresh_from_db()
        return _gone(request, invitation)
    return _welcome(request, invitation)


def _sign_up_and_accept(
    request: HttpRequest, invitation: Invitation, form: SignupForm
) -> HttpResponse:
    try:
        with transaction.atomic():
            user = form.save(commit=False)
            user.email = invitation.email  # kept, never used to sign in
            user.save()
            actions.accept(invitation, user=user)
    except Invitation.DoesNotExist:
        invitation.refresh_from_db()
        return _gone(request, invitation)
    login(request, user, backend=BACKEND)
    return _welcome(request, invitation)


def _welcome(request: HttpRequest, invitation: Invitation) -> HttpResponse:
    messages.success(
        request,
        _("Welcome to %(organization)s.")
        % {"organization": invitation.organization.name},
    )
    return redirect(invitation.organization)
