from typing import Any

from django.contrib import admin
from django.forms import ModelForm
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from planverk.organizations.models import (
    Membership,
    Organization,
    PreviousSlug,
    Unit,
)


class UnitInline(admin.TabularInline):
    model = Unit
    extra = 0


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ("user",)
    filter_horizontal = ("units",)


class PreviousSlugInline(admin.TabularInline):
    """Slugs it had, which redirect to it; recorded when the slug changes."""

    model = PreviousSlug
    extra = 0
    readonly_fields = ("slug", "replaced_at")
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Organization)
class OrganizationAdmin(SimpleHistoryAdmin):
    list_display = ("name", "kind", "country", "code")
    list_filter = ("kind", "country")
    search_fields = ("name", "slug", "code")
    inlines = (UnitInline, MembershipInline, PreviousSlugInline)

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> type[ModelForm]:
        """The slug may be left empty: Organization.save() makes it from the name
        by the one rule (planverk.lib.slugs), which the admin's own script would not use."""
        form: type[ModelForm] = super().get_form(request, obj, change, **kwargs)
        form.base_fields["slug"].required = False
        return form


@admin.register(Unit)
class UnitAdmin(SimpleHistoryAdmin):
    list_display = ("name", "organization")
    list_filter = ("organization__kind",)
    search_fields = ("name", "organization__name")
    list_select_related = ("organization",)


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ("user", "organization", "role")
    list_filter = ("role", "organization__kind")
    search_fields = ("user__username", "organization__name")
    autocomplete_fields = ("user", "organization", "units")
    list_select_related = ("user", "organization")
