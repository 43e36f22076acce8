"""The technical admin: the cycle rules and job aids are data to maintain here.

Reports, reactions and transfer texts are personal data: the admin shows who and when, never
the content (it is read on the pages, through the named rules and the audit log).
"""

from django.contrib import admin

from .models import (
    ChecklistItem,
    CycleRules,
    DurationDecision,
    LocalPlan,
    LocalPlanItem,
    Talk,
    TransferDocument,
)


@admin.register(CycleRules)
class CycleRulesAdmin(admin.ModelAdmin):
    list_display = [
        "specialty",
        "introduction_weeks",
        "progress_per_year",
        "suitability_every_year",
        "nominal_months",
    ]
    search_fields = ["specialty__name_nl", "specialty__code"]
    exclude = ["version"]


@admin.register(ChecklistItem)
class ChecklistItemAdmin(admin.ModelAdmin):
    list_display = ["kind", "position", "text_nl", "is_active"]
    list_filter = ["kind", "is_active"]


class MetadataOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Talk)
class TalkAdmin(MetadataOnlyAdmin):
    list_display = ["trainee", "kind", "training_year", "planned_on", "held_on", "held_by"]
    list_filter = ["kind", "training_year"]
    fields = ["trainee", "kind", "training_year", "planned_on", "held_on", "held_by"]


@admin.register(TransferDocument)
class TransferDocumentAdmin(MetadataOnlyAdmin):
    list_display = ["trainee", "author", "from_stage", "to_stage", "status", "handed_over_at"]
    list_filter = ["status"]
    fields = ["trainee", "author", "from_stage", "to_stage", "status", "handed_over_at"]


@admin.register(DurationDecision)
class DurationDecisionAdmin(MetadataOnlyAdmin):
    list_display = ["trainee", "kind", "months", "percentage", "decided_by", "decided_at"]
    list_filter = ["kind"]
    fields = ["trainee", "kind", "months", "start", "end", "percentage", "decided_by"]


class LocalPlanItemInline(admin.TabularInline):
    model = LocalPlanItem
    extra = 0


@admin.register(LocalPlan)
class LocalPlanAdmin(admin.ModelAdmin):
    list_display = ["specialty", "hospital", "version", "updated_at"]
    list_filter = ["specialty"]
    readonly_fields = ["version", "updated_at"]
    inlines = [LocalPlanItemInline]
