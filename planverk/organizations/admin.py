from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from planverk.organizations.models import Membership, Organization, Unit


class UnitInline(admin.TabularInline):
    model = Unit
    extra = 0


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ("user",)
    filter_horizontal = ("units",)


@admin.register(Organization)
class OrganizationAdmin(SimpleHistoryAdmin):
    list_display = ("name", "kind", "country", "code")
    list_filter = ("kind", "country")
    search_fields = ("name", "slug", "code")
    prepopulated_fields = {"slug": ("name",)}
    inlines = (UnitInline, MembershipInline)


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
