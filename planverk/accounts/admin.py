from django.contrib import admin

from planverk.accounts.models import Identity, Invitation


@admin.register(Identity)
class IdentityAdmin(admin.ModelAdmin):
    list_display = ("user", "provider", "subject", "email", "last_used_at")
    list_filter = ("provider",)
    search_fields = ("user__username", "subject", "email")
    readonly_fields = ("provider", "issuer", "subject", "email", "created_at")


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ("email", "organization", "role", "expires_at", "accepted_at")
    list_filter = ("role",)
    search_fields = ("email", "organization__name")
    exclude = ("token_hash",)
    readonly_fields = ("invited_by", "accepted_by", "accepted_at", "withdrawn_by")
