"""Technical admin. Deliberately absent: answer sets, invitations (who responded) and
self-evaluations, which no one but the system, respectively the trainer, may see."""

from django.contrib import admin

from .models import (
    Campaign,
    EducationalActivity,
    ImprovementAction,
    Instrument,
    Item,
    RecognitionApplication,
    Theme,
)


class ItemInline(admin.TabularInline):
    model = Item
    extra = 0


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["instrument", "order", "code", "name_nl"]
    list_filter = ["instrument"]
    inlines = [ItemInline]


class ThemeInline(admin.TabularInline):
    model = Theme
    extra = 0
    show_change_link = True


@admin.register(Instrument)
class InstrumentAdmin(admin.ModelAdmin):
    list_display = ["code", "audience", "country", "name_nl"]
    list_filter = ["audience", "country"]
    inlines = [ThemeInline]


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["name", "instrument", "university", "opens", "closes", "status"]
    list_filter = ["status", "instrument"]
    readonly_fields = ["invited_on", "reminder_sent_on", "closed_on", "created_by"]


@admin.register(RecognitionApplication)
class RecognitionApplicationAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "status", "submitted_on", "granted_end"]
    list_filter = ["status", "kind"]
    readonly_fields = ["development_overview", "service_recognition", "trainer_recognition"]
    raw_id_fields = ["service", "trainer", "applicant", "decided_by"]


@admin.register(EducationalActivity)
class EducationalActivityAdmin(admin.ModelAdmin):
    list_display = ["title", "participant", "service", "date", "hours"]
    raw_id_fields = ["service", "recorded_by"]


@admin.register(ImprovementAction)
class ImprovementActionAdmin(admin.ModelAdmin):
    list_display = ["service", "campaign", "status"]
    raw_id_fields = ["service", "author"]
