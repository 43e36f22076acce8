from django.contrib import admin

from .models import (
    DistributionPlan,
    Occupation,
    Place,
    PlanLine,
    RegionBoardMember,
    ShowcasePage,
)


class PlanLineInline(admin.TabularInline):
    model = PlanLine
    extra = 0
    autocomplete_fields = ["hospital"]


@admin.register(DistributionPlan)
class DistributionPlanAdmin(admin.ModelAdmin):
    list_display = ["specialty", "year", "state", "decided_on"]
    list_filter = ["state", "year"]
    inlines = [PlanLineInline]


class OccupationInline(admin.TabularInline):
    model = Occupation
    extra = 0
    raw_id_fields = ["trainee", "opleider"]


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = ["hospital", "specialty", "year", "kind", "number"]
    list_filter = ["kind", "year", "specialty"]
    search_fields = ["hospital__name"]
    inlines = [OccupationInline]


@admin.register(RegionBoardMember)
class RegionBoardMemberAdmin(admin.ModelAdmin):
    list_display = ["user", "region"]
    raw_id_fields = ["user"]


@admin.register(ShowcasePage)
class ShowcasePageAdmin(admin.ModelAdmin):
    list_display = ["service", "published", "updated_at"]
    list_filter = ["published"]
    search_fields = ["service__name", "service__hospital__name"]
