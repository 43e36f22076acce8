from django.contrib import admin

from .models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = [
        "at",
        "actor_label",
        "action",
        "object_type",
        "object_label",
        "subject_label",
        "summary",
    ]
    list_filter = ["action", "object_type"]
    search_fields = ["actor_label", "object_label", "subject_label", "summary", "object_id"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
