"""Starting a strategy, revising a version into the next, and the list of versions.

The start page offers three ways: from a national agenda (the form here), from
an earlier version (each with its "Revise" button) and from a document (the
upload). The versions page is public: it lists the versions of one strategy
that the reader may see, through the one disclosure rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from planverk.organizations.models import Organization
from planverk.strategies.actions import versions as actions
from planverk.strategies.forms_versions import StartForm
from planverk.strategies.models import Decision, Strategy
from planverk.strategies.permissions import Action, require
from planverk.strategies.querysets import disclose
from planverk.strategies.views.frame import render_strategy_page
from planverk.strategies.visibility import visible_strategy


def _edit_url(strategy: Strategy) -> str:
    return reverse(
        "strategies:strategy_edit", args=[strategy.organization.slug, strategy.pk]
    )


@login_required
@require_http_methods(["GET", "POST"])
def start(request: HttpRequest, org: str) -> HttpResponse:
    """The three ways to a new strategy; POST starts one from a national agenda."""
    organization = get_object_or_404(Organization, slug=org)
    require(request.user, Action.CREATE_STRATEGY, organization)
    form = StartForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        strategy = actions.start_from_agenda(
            organization, user=request.user, **form.cleaned_data
        )
        messages.success(request, _("The new draft is ready to be written."))
        return redirect(_edit_url(strategy))
    earlier = organization.strategies.select_related("organization").order_by(
        "-created_at", "-pk"
    )
    context = {"organization": organization, "form": form, "earlier": earlier}
    status = 422 if form.is_bound else 200
    return render(request, "strategies/versions/start.html", context, status=status)


@login_required
@require_POST
def revise(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    """A new draft version copied from this one; on to its editing page."""
    strategy = visible_strategy(request.user, org, pk)
    new = actions.revise(strategy, user=request.user)
    messages.success(
        request,
        _("Version %(label)s is a new draft, copied from %(from)s.")
        % {"label": new.version_label, "from": strategy.version_text()},
    )
    return redirect(_edit_url(new))


@dataclass(frozen=True)
class Version:
    """One row of the versions page: the version, the decision that approved it
    (or its placeholder, where the reader may not see it), the link to what
    changed since the row before."""

    strategy: Strategy
    decision: Any
    changes_url: str


def version_list(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    """Every version of the strategy the reader may see, oldest first."""
    strategy = visible_strategy(request.user, org, pk)
    versions = list(
        Strategy.objects.visible_to(request.user)
        .filter(lineage=strategy.lineage, organization=strategy.organization)
        .select_related("organization")
        .order_by("created_at", "pk")
    )
    decisions = _approvals(request, versions)
    rows = [
        Version(
            version,
            decisions.get(version.pk),
            _changes_url(versions[i - 1], version) if i else "",
        )
        for i, version in enumerate(versions)
    ]
    context = {"here": _("Versions"), "versions": rows}
    return render_strategy_page(
        request, "strategies/versions/list.html", strategy, context
    )


def _approvals(request: HttpRequest, versions: list[Strategy]) -> dict[int, Any]:
    """The decision that approved each version, as the reader may see it: the
    row in the version's own log where there is one (copies in later versions
    name it too)."""
    rows = list(Decision.objects.filter(approves__in=versions).for_reader(request.user))
    found: dict[int, Any] = {}
    for row, shown in zip(rows, disclose(rows), strict=True):
        if row.approves_id not in found or row.strategy_id == row.approves_id:
            found[row.approves_id] = shown
    return found


def _changes_url(before: Strategy, after: Strategy) -> str:
    """What changed from *before* to *after* (the diff page, site:diff)."""
    org = after.organization.slug
    try:
        return reverse("site:diff", args=[org, before.pk, after.pk])
    except NoReverseMatch:  # the diff page is built beside this one
        return f"/o/{org}/s/{before.pk}/endringer/{after.pk}/"
