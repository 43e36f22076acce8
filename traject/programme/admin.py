from django.contrib import admin

from .models import CourseEvaluation, NewsItem, Registration, TrainerSession, YearlyRequirement


class RegistrationInline(admin.TabularInline):
    model = Registration
    extra = 0
    fields = ["trainer", "attended", "attendance_recorded_at", "activity"]
    readonly_fields = ["trainer", "attended", "attendance_recorded_at", "activity"]
    can_delete = False


@admin.register(TrainerSession)
class TrainerSessionAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "theme",
        "organiser_name",
        "starts",
        "points",
        "capacity",
        "cancelled_on",
    ]
    list_filter = ["theme", "organiser_kind", "country", "online"]
    search_fields = ["title", "organiser_name"]
    inlines = [RegistrationInline]


@admin.register(YearlyRequirement)
class YearlyRequirementAdmin(admin.ModelAdmin):
    list_display = ["role", "country", "points", "source"]
    list_filter = ["country", "role"]


@admin.register(CourseEvaluation)
class CourseEvaluationAdmin(admin.ModelAdmin):
    # No answer is reachable from here: the answers are the quality app's, never shown in admin.
    list_display = ["course", "year", "published_on"]
    readonly_fields = ["course", "campaign", "year", "opened_by"]


@admin.register(NewsItem)
class NewsItemAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "kind",
        "important",
        "publish_on",
        "expires_on",
        "university",
        "country",
    ]
    list_filter = ["kind", "important", "country"]
    search_fields = ["title", "body"]
