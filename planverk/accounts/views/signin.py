"""The login page (password and one button per OpenID Connect provider) and the
provider round trip: /konto/oidc/<provider>/ starts it, …/tilbake/ is the callback."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from planverk.accounts import oidc
from planverk.accounts.identity import user_for_sign_in
from planverk.accounts.providers import Provider

log = logging.getLogger(__name__)
NEXT_KEY = "planverk_oidc_next"
BACKEND = "django.contrib.auth.backends.ModelBackend"


def providers() -> tuple[Provider, ...]:
    configured: tuple[Provider, ...] = settings.PLANVERK_OIDC_PROVIDERS
    return configured


def _provider(name: str) -> Provider:
    for provider in providers():
        if provider.name == name:
            return provider
    raise Http404("no such sign-in provider")


class LoginView(auth_views.LoginView):
    """Django's login page, with a button for each configured provider."""

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["providers"] = providers()
        return context


def _safe_next(request: HttpRequest, url: str | None) -> str:
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return str(settings.LOGIN_REDIRECT_URL)


def _messages(provider: Provider) -> dict[str, str]:
    names = {"provider": provider.label}
    return {
        "state": _(
            "The answer from %(provider)s did not belong to a sign-in started in "
            "this browser, or it came too late. You are not signed in; please try again."
        )
        % names,
        "refused": _("%(provider)s did not sign you in. Please try again.") % names,
        "token": _(
            "The answer from %(provider)s could not be verified, so you are not "
            "signed in."
        )
        % names,
        "unreachable": _(
            "%(provider)s cannot be reached just now. Please try again later."
        )
        % names,
        "inactive": _("This account is deactivated."),
    }


def _refuse(
    request: HttpRequest, provider: Provider, error: oidc.SignInFailed
) -> HttpResponseBase:
    """The login page with the reason, HTTP 400 (503 when the provider is unreachable)."""
    log.warning("sign-in through %s refused: %s", provider.name, error.detail)
    message = _messages(provider)[error.kind]
    view = LoginView.as_view(extra_context={"oidc_error": message})
    response = view(request)
    response.status_code = 503 if error.kind == "unreachable" else 400
    return response


@require_GET
def oidc_start(request: HttpRequest, provider: str) -> HttpResponseBase:
    """Off to the provider. A GET, like any link to a login page: it changes no data."""
    chosen = _provider(provider)
    request.session[NEXT_KEY] = _safe_next(request, request.GET.get("next"))
    callback = request.build_absolute_uri(
        reverse("accounts:oidc_callback", args=[chosen.name])
    )
    try:
        return oidc.start(request, chosen, callback)
    except oidc.SignInFailed as error:
        return _refuse(request, chosen, error)


@require_GET
def oidc_callback(request: HttpRequest, provider: str) -> HttpResponseBase:
    """Back from the provider: verify its answer, then sign the user in."""
    chosen = _provider(provider)
    try:
        claims = oidc.finish(request, chosen)
    except oidc.SignInFailed as error:
        return _refuse(request, chosen, error)
    issuer = oidc.client(chosen).server_metadata["issuer"]
    user = user_for_sign_in(provider=chosen.name, issuer=issuer, claims=claims)
    if not user.is_active:
        return _refuse(request, chosen, oidc.SignInFailed("inactive", str(user.pk)))
    next_url = request.session.pop(NEXT_KEY, None)
    login(request, user, backend=BACKEND)
    return redirect(_safe_next(request, next_url))
