"""Entering spending (forbruk) on an approved plan, and importing it as a CSV.

The plan's page of spending lists, for one year at a time, the actions the
reader may report on (editors: all; unit editors: their units'). The import
takes the accounting system's CSV (actions/spending.py) for the whole
organisation, from its editors. The strategy is found through the one
disclosure rule (404); who may not report is refused (403); bad input comes
back next to its field or row (422) and stores nothing.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from planverk.organizations.models import Organization
from planverk.strategies.actions import spending
from planverk.strategies.models.plans import ActionPlan, PlanAction
from planverk.strategies.permissions import Action, can, require
from planverk.strategies.views.drafting import GET_POST, RECORDS, done, respond
from planverk.strategies.views.fragments import HtmxHttpRequest
from planverk.strategies.visibility import visible_strategy

FOLDER = "strategies/plans/spending/"
PAGE = RECORDS + "page.html"


def _year(plan: ActionPlan, given: str | None) -> int:
    """The year asked for (?year=), the plan's first by default; 404 outside it."""
    if given is None:
        return plan.year_start
    if not (given.isascii() and given.isdigit() and len(given) == 4):
        raise Http404
    year = int(given)
    if not plan.year_start <= year <= plan.year_end:
        raise Http404
    return year


@login_required
@GET_POST
def plan_spending(
    request: HtmxHttpRequest, org: str, pk: int, plan: int
) -> HttpResponse:
    """What each action the reader may report on spent in one year of the plan."""
    strategy = visible_strategy(request.user, org, pk)
    found = get_object_or_404(ActionPlan, strategy=strategy, pk=plan)
    found.strategy = strategy
    actions = [
        a
        for a in PlanAction.objects.filter(plan=found)
        .select_related("unit")
        .prefetch_related("budgets", "spending")
        if can(request.user, Action.REPORT_SPENDING, _with_plan(a, found))
    ]
    if not actions:
        raise PermissionDenied
    year = _year(found, request.POST.get("year") or request.GET.get("year"))
    url = reverse(
        "strategies:plan_spending",
        args=[strategy.organization.slug, strategy.pk, found.pk],
    )
    rows = [_row(a, year, request.POST.get(f"amount_{a.pk}")) for a in actions]
    status = 200
    if request.method == "POST":
        if not any(row["error"] for row in rows):
            for row in rows:
                if row["changed"]:
                    spending.set_spending(
                        row["action"],
                        year=year,
                        amount_nok=row["amount"],
                        user=request.user,
                    )
            return done(
                request,
                f"{url}?year={year}",
                _("The spending of %(year)d is saved.") % {"year": year},
            )
        status = 422
    context = {
        "strategy": strategy,
        "plan": found,
        "year": year,
        "years": range(found.year_start, found.year_end + 1),
        "rows": rows,
        "url": url,
        "title": _("Spending: %(plan)s") % {"plan": found.title},
    }
    return respond(request, FOLDER + "_form.html", context, status, page=PAGE)


def _with_plan(action: PlanAction, plan: ActionPlan) -> PlanAction:
    action.plan = plan
    return action


def _row(action: PlanAction, year: int, given: str | None) -> dict[str, Any]:
    """One action's line of the form: its budget and spending of *year*, and the
    amount given, checked."""
    budget = next((b.amount_nok for b in action.budgets.all() if b.year == year), None)
    spent = next((s.amount_nok for s in action.spending.all() if s.year == year), None)
    row: dict[str, Any] = {
        "action": action,
        "budget": budget,
        "spent": spent,
        "value": "" if spent is None else str(spent),
        "error": "",
        "amount": spent,
        "changed": False,
    }
    if given is None:
        return row
    row["value"] = given[:40]
    try:
        row["amount"] = spending.parse_amount(given) if given.strip() else None
    except ValueError as e:
        row["error"] = str(e)
        return row
    row["changed"] = row["amount"] != spent
    return row


class ImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Spending CSV"))


@login_required
@GET_POST
def spending_import(request: HtmxHttpRequest, org: str) -> HttpResponse:
    """The accounting system's spending CSV for the organisation's approved
    plans: all rows stored, or none and each bad row named."""
    organization = get_object_or_404(Organization, slug=org)
    require(request.user, Action.MANAGE_ORGANIZATION, organization)
    url = reverse("strategies:spending_import", args=[organization.slug])
    form = ImportForm(request.POST or None, request.FILES or None)
    errors: list[spending.RowError] = []
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                stored = spending.import_spending(
                    organization,
                    spending.read_csv(_read(form.cleaned_data["file"])),
                    user=request.user,
                )
            except spending.SpendingError as e:
                errors = e.errors
            else:
                return done(
                    request,
                    url,
                    ngettext(
                        "%(count)d row of spending is stored.",
                        "%(count)d rows of spending are stored.",
                        stored,
                    )
                    % {"count": stored},
                )
        status = 422
    context = {
        "organization": organization,
        "form": form,
        "errors": errors,
        "url": url,
        "columns": ",".join(spending.COLUMNS),
        "title": _("Import spending"),
    }
    return respond(
        request, FOLDER + "_import.html", context, status, page=FOLDER + "page.html"
    )


def _read(upload: Any) -> bytes:
    """The upload's bytes, no more than the limit allows (and one more, to tell)."""
    limit = settings.PLANVERK_UPLOAD_MAX_BYTES
    if upload.size > limit:
        raise spending.SpendingError(
            [
                spending.RowError(
                    0,
                    "",
                    _("The file is larger than %(limit)d bytes.") % {"limit": limit},
                )
            ]
        )
    data: bytes = upload.read(limit + 1)
    return data
