"""An organisation's members page, for its editors: members, invitations, inviting,
and how the public history names members.

There is no mail server to rely on, so the invitation link is shown to the
editor once, right after the invitation is made, to pass on by any channel; it
is also sent with Django's send_mail to the invited address through whatever
EMAIL_BACKEND is configured (the console backend unless set).
"""

from __future__ import annotations

import logging
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.mail import send_mail
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from planverk.accounts import actions
from planverk.accounts.forms import HistoryAttributionForm, InvitationForm
from planverk.accounts.models import Invitation
from planverk.organizations.models import Membership, Organization, Role
from planverk.strategies.permissions import Action, require

log = logging.getLogger(__name__)


def _organization(request: HttpRequest, org: str) -> Organization:
    """The organisation (else 404), if the user may manage it (else 403)."""
    organization = get_object_or_404(Organization, slug=org)
    require(request.user, Action.MANAGE_ORGANIZATION, organization)
    return organization


def members_url(organization: Organization) -> str:
    return reverse("accounts:members", args=[organization.slug])


def _render(
    request: HttpRequest,
    organization: Organization,
    *,
    form: InvitationForm | None = None,
    attribution: HistoryAttributionForm | None = None,
    status: int = 200,
    **extra: Any,
) -> HttpResponse:
    context = {
        "organization": organization,
        "memberships": organization.memberships.select_related("user")
        .prefetch_related("units")
        .order_by("user__username"),
        "invitations": Invitation.objects.pending()
        .filter(organization=organization)
        .prefetch_related("units"),
        "form": form or InvitationForm(organization=organization),
        "attribution": attribution or HistoryAttributionForm(instance=organization),
        **extra,
    }
    return render(request, "accounts/members.html", context, status=status)


@login_required
@require_GET
def members(request: HttpRequest, org: str) -> HttpResponse:
    return _render(request, _organization(request, org))


@login_required
@require_POST
def invite(request: HttpRequest, org: str) -> HttpResponse:
    """Make the invitation, mail it, and show its link to the editor this once."""
    organization = _organization(request, org)
    form = InvitationForm(request.POST, organization=organization)
    if not form.is_valid():
        return _render(request, organization, form=form, status=400)
    invitation, token = actions.invite(
        organization,
        user=request.user,
        email=form.cleaned_data["email"],
        role=Role(form.cleaned_data["role"]),
        units=form.cleaned_data["units"],
    )
    link = request.build_absolute_uri(reverse("accounts:invitation", args=[token]))
    mailed = _mail(invitation, link)
    return _render(
        request, organization, new_invitation=invitation, link=link, mailed=mailed
    )


def _mail(invitation: Invitation, link: str) -> bool:
    """Send *link* to the invited address; False if the mail could not be sent."""
    context = {"invitation": invitation, "link": link}
    subject = _("Invitation to %(organization)s in Planverk") % {
        "organization": invitation.organization.name
    }
    body = render_to_string("accounts/invitation_email.txt", context)
    try:
        send_mail(subject, body, None, [invitation.email])
    except OSError:  # smtplib's errors too
        log.exception("could not mail the invitation %s", invitation.pk)
        return False
    return True


@login_required
@require_POST
def history_attribution(request: HttpRequest, org: str) -> HttpResponse:
    """Whom the public history names: the person, their unit, or the organisation."""
    organization = _organization(request, org)
    form = HistoryAttributionForm(request.POST, instance=organization)
    if not form.is_valid():
        organization.refresh_from_db()  # the form set the refused value on it
        return _render(request, organization, attribution=form, status=400)
    choice = form.cleaned_data["history_attribution"]
    actions.set_history_attribution(organization, choice, user=request.user)
    messages.success(
        request, _("The setting for names in the public history is saved.")
    )
    return redirect(members_url(organization))


@login_required
@require_POST
def withdraw(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    organization = _organization(request, org)
    invitation = get_object_or_404(Invitation, pk=pk, organization=organization)
    actions.withdraw(invitation, user=request.user)
    messages.success(
        request,
        _("The invitation to %(email)s is withdrawn.") % {"email": invitation.email},
    )
    return redirect(members_url(organization))


@login_required
@require_POST
def remove(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    organization = _organization(request, org)
    membership = get_object_or_404(
        Membership.objects.select_related("user"), pk=pk, organization=organization
    )
    try:
        actions.remove_member(membership, user=request.user)
    except actions.LastEditor:
        error = _("The organisation's last editor cannot be removed.")
        return _render(request, organization, error=error, status=409)
    messages.success(
        request,
        _("%(user)s is no longer a member.") % {"user": membership.user.get_username()},
    )
    return redirect(members_url(organization))
