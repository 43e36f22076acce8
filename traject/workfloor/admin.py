from django.contrib import admin

from .models import BedsideCode, Confirmation, FeedbackLink, TeamMember


@admin.register(TeamMember)
class TeamMemberAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "service", "function", "is_active", "created_at"]
    list_filter = ["is_active"]
    search_fields = ["name", "email", "service__name"]
    raw_id_fields = ["service", "added_by"]


class ReadOnly(admin.ModelAdmin):
    """Codes and links are made and used only through the services (hashes are never shown)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(BedsideCode)
class BedsideCodeAdmin(ReadOnly):
    list_display = ["trainee", "what", "moment_date", "created_at", "expires_at", "used_at"]
    exclude = ["token_hash"]
    raw_id_fields = ["trainee", "epa", "feedback"]


@admin.register(Confirmation)
class ConfirmationAdmin(ReadOnly):
    list_display = ["bedside_code", "email", "created_at", "attempts", "confirmed_at"]
    exclude = ["code_hash"]


@admin.register(FeedbackLink)
class FeedbackLinkAdmin(ReadOnly):
    list_display = ["request", "created_at", "expires_at", "used_at", "withdrawn_at"]
    exclude = ["token_hash"]
    raw_id_fields = ["request"]
