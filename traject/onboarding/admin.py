from django.contrib import admin

from .models import ImportRun


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    list_display = ["kind", "filename", "dry_run", "status", "created_by", "created_at", "total"]
    list_filter = ["kind", "status", "dry_run"]
    search_fields = ["filename", "created_by__email"]
    readonly_fields = [f.name for f in ImportRun._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
