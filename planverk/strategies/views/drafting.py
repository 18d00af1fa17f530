"""What the views that write a draft share (views/authoring.py, views/records.py):
signing in, the 409 for a version that is not a draft, finding the draft, and
answering with a fragment alone (htmx) or a page around it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_htmx.http import HttpResponseClientRedirect

from planverk.strategies.actions import removal
from planverk.strategies.models import Strategy
from planverk.strategies.views.fragments import EDIT, HtmxHttpRequest, swaps_part
from planverk.strategies.visibility import visible_strategy

AUTHOR = "strategies/author/"
RECORDS = AUTHOR + "records/"
GET_POST = require_http_methods(["GET", "POST"])
View = Callable[..., HttpResponse]


def respond(
    request: HtmxHttpRequest,
    fragment: str,
    context: dict[str, Any],
    status: int = 200,
    *,
    page: str = EDIT + "page.html",
) -> HttpResponse:
    """The template *fragment* alone for htmx; otherwise *page* around it."""
    if swaps_part(request):
        return render(request, fragment, {**context, "inline": True}, status=status)
    around = {**context, "fragment": fragment, "inline": False}
    return render(request, page, around, status=status)


def authoring(view: View) -> View:
    """Signed in only; a version that is not a draft (removal.Frozen) answers
    409 and why, before anything else is asked of the reader."""

    @login_required
    @wraps(view)
    def wrapper(request: HtmxHttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except removal.Frozen as frozen:
            context = {
                "strategy": frozen.strategy,
                "title": _("This version is frozen"),
            }
            return respond(
                request,
                AUTHOR + "_frozen.html",
                context,
                status=409,
                page=RECORDS + "page.html",
            )

    return wrapper


def draft_for(request: HtmxHttpRequest, org: str, pk: int) -> Strategy:
    """The strategy, if the reader may see it (else 404), it is a draft (else
    Frozen) and the reader may change it (else 403)."""
    strategy = visible_strategy(request.user, org, pk)
    removal.require_draft(request.user, strategy)
    return strategy


def done(request: HtmxHttpRequest, url: str, message: str) -> HttpResponse:
    """After a change: on to *url*, the page that shows it, with *message*."""
    messages.success(request, message)
    if swaps_part(request):
        return HttpResponseClientRedirect(url)
    return redirect(url)


def add_errors(form: Form, error: ValidationError) -> None:
    """An action's refusal beside the fields it names; the rest above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        form.add_error(name if name in form.fields else None, errors)
