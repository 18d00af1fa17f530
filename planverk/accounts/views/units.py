"""The unit register (/o/<org>/enheter/), for the organisation's editors, and
creating an organisation (/organisasjoner/ny/), for site administrators.

Every form posts normally and redirects back to the register (POST/redirect/
GET); with htmx the answer replaces the register in place (a unit's forms open
inside its row). Invalid input answers 422 with the form, errors next to the
field. The actions (planverk.accounts.units, .organizations) check permission
themselves; the views refuse early what the user may not open.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect, reswap, retarget

from planverk.accounts import units as actions
from planverk.accounts.forms_units import (
    AddUnitForm,
    MergeForm,
    OrganizationForm,
    ParentForm,
    UnitNameForm,
)
from planverk.accounts.organizations import create_organization
from planverk.accounts.register import register
from planverk.organizations.models import Organization, Unit
from planverk.strategies.permissions import Action, require
from planverk.strategies.views.fragments import HtmxHttpRequest, swaps_part

UNITS = "accounts/units/"
GET_POST = require_http_methods(["GET", "POST"])


def _organization(request: HtmxHttpRequest, org: str) -> Organization:
    """The organisation (else 404), if the user may manage it (else 403)."""
    organization = get_object_or_404(Organization, slug=org)
    require(request.user, Action.MANAGE_ORGANIZATION, organization)
    return organization


def _unit(request: HtmxHttpRequest, org: str, pk: int) -> Unit:
    organization = _organization(request, org)
    unit = get_object_or_404(Unit, pk=pk, organization=organization)
    unit.organization = organization
    return unit


def register_url(organization: Organization, unit: Unit | None = None) -> str:
    url = reverse("accounts:units", args=[organization.slug])
    return f"{url}#unit-{unit.pk}" if unit else url


def _page(
    request: HtmxHttpRequest,
    organization: Organization,
    *,
    form: AddUnitForm | None = None,
    fragment: str = "register.html",
    status: int = 200,
) -> HttpResponse:
    context = {
        "organization": organization,
        "register": register(organization),
        "form": form or AddUnitForm(organization=organization),
    }
    return render(request, UNITS + fragment, context, status=status)


def _done(request: HtmxHttpRequest, unit: Unit, message: str) -> HttpResponse:
    """After a change: the register, in place for htmx, else by redirect."""
    messages.success(request, message)
    if swaps_part(request):
        response = _page(request, unit.organization, fragment="_register.html")
        return reswap(retarget(response, "#unit-register"), "outerHTML")
    return redirect(register_url(unit.organization, unit))


@login_required
@require_GET
def units(request: HtmxHttpRequest, org: str) -> HttpResponse:
    return _page(request, _organization(request, org))


@login_required
@require_POST
def unit_add(request: HtmxHttpRequest, org: str) -> HttpResponse:
    organization = _organization(request, org)
    form = AddUnitForm(request.POST, organization=organization)
    if form.is_valid():
        try:
            unit = actions.add_unit(
                organization,
                form.cleaned_data["name"],
                parent=form.cleaned_data["parent"],
                user=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return _done(request, unit, _("“%(name)s” is added.") % {"name": unit.name})
    if swaps_part(request):
        context = {"organization": organization, "form": form}
        return render(request, UNITS + "_add.html", context, status=422)
    return _page(request, organization, form=form, status=422)


def _forms(
    request: HtmxHttpRequest,
    unit: Unit,
    *,
    name: UnitNameForm | None = None,
    parent: ParentForm | None = None,
    status: int = 200,
) -> HttpResponse:
    """A unit's forms: alone for htmx (inside its row), else on a page."""
    prefix = f"unit{unit.pk}_%s"
    below = actions.descendants(
        unit, dict(unit.organization.units.values_list("pk", "parent_id"))
    )
    context = {
        "organization": unit.organization,
        "unit": unit,
        "name_form": name or UnitNameForm(initial={"name": unit.name}, auto_id=prefix),
        "parent_form": parent or ParentForm(unit=unit, below=below),
        "merge_form": _merge_into(unit),
        "inline": swaps_part(request),
    }
    template = "_unit.html" if swaps_part(request) else "unit.html"
    return render(request, UNITS + template, context, status=status)


def _merge_into(unit: Unit) -> MergeForm:
    """The choice of a unit to merge *unit* into: any other of the organisation."""
    form = MergeForm(organization=unit.organization, auto_id=f"unit{unit.pk}_merge_%s")
    kept: Any = form.fields["kept"]
    kept.queryset = kept.queryset.exclude(pk=unit.pk)
    return form


@login_required
@require_GET
def unit(request: HtmxHttpRequest, org: str, pk: int) -> HttpResponse:
    return _forms(request, _unit(request, org, pk))


@login_required
@require_POST
def unit_rename(request: HtmxHttpRequest, org: str, pk: int) -> HttpResponse:
    unit = _unit(request, org, pk)
    before = unit.name
    form = UnitNameForm(request.POST, auto_id=f"unit{unit.pk}_%s")
    if form.is_valid():
        try:
            actions.rename_unit(unit, form.cleaned_data["name"], user=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            message = _("“%(before)s” is renamed “%(name)s”.")
            return _done(request, unit, message % {"before": before, "name": unit.name})
    unit.name = before
    return _forms(request, unit, name=form, status=422)


@login_required
@require_POST
def unit_parent(request: HtmxHttpRequest, org: str, pk: int) -> HttpResponse:
    unit = _unit(request, org, pk)
    below = actions.descendants(
        unit, dict(unit.organization.units.values_list("pk", "parent_id"))
    )
    form = ParentForm(request.POST, unit=unit, below=below)
    if form.is_valid():
        try:
            actions.set_parent(unit, form.cleaned_data["parent"], user=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            message = _("“%(name)s” is moved.") % {"name": unit.name}
            return _done(request, unit, message)
    return _forms(request, unit, parent=form, status=422)


@login_required
@require_POST
def unit_active(
    request: HtmxHttpRequest, org: str, pk: int, active: bool
) -> HttpResponse:
    """Deactivate (kept for the history, no longer offered) or reactivate a unit."""
    unit = _unit(request, org, pk)
    actions.set_active(unit, active, user=request.user)
    if active:
        message = _("“%(name)s” is active again.")
    else:
        message = _("“%(name)s” is deactivated: kept, and no longer offered.")
    return _done(request, unit, message % {"name": unit.name})


@login_required
@GET_POST
def unit_merge(request: HtmxHttpRequest, org: str) -> HttpResponse:
    """GET shows what merging the units chosen would move; POST merges them."""
    organization = _organization(request, org)
    data = request.POST if request.method == "POST" else request.GET
    form = MergeForm(data or None, organization=organization)
    context: dict[str, Any] = {"organization": organization, "form": form}
    status = 200
    if form.is_bound and form.is_valid():
        kept, merged = form.cleaned_data["kept"], form.cleaned_data["merged"]
        if request.method == "POST":
            try:
                actions.merge_units(kept, merged, user=request.user)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                message = _("“%(merged)s” is merged into “%(kept)s”.")
                messages.success(
                    request, message % {"merged": merged.name, "kept": kept.name}
                )
                url = register_url(organization, kept)
                if swaps_part(request):
                    return HttpResponseClientRedirect(url)
                return redirect(url)
        else:
            context["effect"] = actions.merge_effect(kept, merged)
    if form.is_bound and form.errors:
        status = 422
    template = "_merge.html" if swaps_part(request) else "merge.html"
    return render(request, UNITS + template, context, status=status)


@login_required
@GET_POST
def organization_create(request: HtmxHttpRequest) -> HttpResponse:
    """A new organisation, for site administrators; then its members page, to
    invite its first editor."""
    require(request.user, Action.CREATE_ORGANIZATION, None)
    form = OrganizationForm(request.POST or None)
    if form.is_bound and form.is_valid():
        try:
            organization = create_organization(**form.cleaned_data, user=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            message = _("%(name)s is created, at %(url)s. Invite its first editor.")
            url = organization.get_absolute_url()
            messages.success(request, message % {"name": organization.name, "url": url})
            members = reverse("accounts:members", args=[organization.slug])
            if swaps_part(request):
                return HttpResponseClientRedirect(members)
            return redirect(members)
    status = 422 if form.is_bound else 200
    template = (
        "_organization_form.html" if swaps_part(request) else "organization_form.html"
    )
    return render(request, UNITS + template, {"form": form}, status=status)
