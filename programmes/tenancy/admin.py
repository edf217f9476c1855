"""Staff tooling (site operators), never the product's interface. Runs unscoped: see the middleware."""

from django.contrib import admin

from .models import AuditEntry, Invitation, Membership, Network


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "mfa_required", "created_at"]
    search_fields = ["name", "slug"]
    inlines = [MembershipInline]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "network", "role", "created_at", "expires_at", "accepted_at", "revoked_at"]
    list_filter = ["network", "role"]
    search_fields = ["email"]
    exclude = ["token_hash"]
    list_select_related = ["network"]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "network", "actor", "action", "subject"]
    list_filter = ["network", "action"]
    list_select_related = ["network", "actor"]

    def has_change_permission(self, request, obj=None):
        return False
