"""A signed-in user's own page: memberships, password, signing out everywhere."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from planverk.accounts import sessions
from planverk.accounts.forms import StyledPasswordChangeForm
from planverk.accounts.views.signin import providers
from planverk.organizations.models import Membership


@login_required
@require_GET
def account(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    memberships = (
        Membership.objects.filter(user=user)
        .select_related("organization")
        .prefetch_related("units")
        .order_by("organization__name")
    )
    labels = {p.name: p.label for p in providers()}
    identities = [labels.get(i.provider, i.provider) for i in user.identities.all()]
    context = {"memberships": memberships, "identities": identities}
    return render(request, "accounts/account.html", context)


@login_required
@require_POST
def sign_out_everywhere(request: HttpRequest) -> HttpResponse:
    """End every session of the user, on every device, this one included."""
    sessions.end_all(request)
    messages.success(request, _("You are signed out on all devices."))
    return redirect("login")


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's password change (old password, validators); other sessions end with it."""

    template_name = "accounts/password_change.html"
    form_class = StyledPasswordChangeForm
    success_url = reverse_lazy("accounts:account")

    def dispatch(
        self, request: HttpRequest, *args: Any, **kwargs: Any
    ) -> HttpResponseBase:
        user = request.user
        if user.is_authenticated and not user.has_usable_password():
            return redirect("accounts:account")  # signs in through a provider only
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)  # a new session key: record it
        sessions.record(self.request, form.user)
        messages.success(self.request, _("Your password is changed."))
        return response
