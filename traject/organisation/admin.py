from django.contrib import admin

from .models import (
    Hospital,
    HospitalCoordinator,
    MinistryOfficer,
    ProgrammeAdministrator,
    Region,
    ServiceRecognition,
    Specialty,
    Stage,
    TeamMember,
    Trainee,
    TrainerRecognition,
    TrainingService,
    University,
)


@admin.register(University)
class UniversityAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "country"]
    list_filter = ["country"]
    search_fields = ["code", "name"]


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "umc"]
    search_fields = ["code", "name"]


@admin.register(TeamMember)
class TeamMemberAdmin(admin.ModelAdmin):
    list_display = ["user", "service", "role"]
    list_filter = ["role"]
    autocomplete_fields = ["user", "service"]


@admin.register(Hospital)
class HospitalAdmin(admin.ModelAdmin):
    list_display = ["name", "city", "country", "region", "university", "is_university_hospital"]
    list_filter = ["country", "region", "university", "is_university_hospital"]
    search_fields = ["name", "city"]


@admin.register(Specialty)
class SpecialtyAdmin(admin.ModelAdmin):
    list_display = ["code", "name_nl", "name_fr", "name_en", "duration_years", "country"]
    list_filter = ["country"]
    search_fields = ["code", "name_nl", "name_fr", "name_en"]


@admin.register(TrainingService)
class TrainingServiceAdmin(admin.ModelAdmin):
    list_display = ["name", "hospital", "specialty"]
    list_filter = ["specialty", "hospital"]
    search_fields = ["name", "hospital__name"]
    list_select_related = ["hospital", "specialty"]


@admin.register(ServiceRecognition)
class ServiceRecognitionAdmin(admin.ModelAdmin):
    list_display = ["service", "start", "end", "reference"]
    search_fields = ["service__name", "reference"]
    date_hierarchy = "end"
    list_select_related = ["service__hospital"]


@admin.register(TrainerRecognition)
class TrainerRecognitionAdmin(admin.ModelAdmin):
    list_display = ["trainer", "service", "start", "end", "capacity"]
    search_fields = ["trainer__last_name", "service__name", "reference"]
    autocomplete_fields = ["trainer", "service"]
    list_select_related = ["trainer", "service__hospital"]


@admin.register(Trainee)
class TraineeAdmin(admin.ModelAdmin):
    list_display = ["user", "specialty", "university", "training_start"]
    list_filter = ["specialty", "university"]
    search_fields = ["user__last_name", "user__first_name", "user__email"]
    autocomplete_fields = ["user"]
    list_select_related = ["user", "specialty", "university"]


@admin.register(Stage)
class StageAdmin(admin.ModelAdmin):
    list_display = ["trainee", "service", "stagemeester", "start", "end", "exception_reason"]
    search_fields = ["trainee__user__last_name", "service__name", "stagemeester__last_name"]
    autocomplete_fields = ["trainee", "service", "stagemeester"]
    list_select_related = ["trainee__user", "service__hospital", "stagemeester"]
    readonly_fields = ["exception_recorded_by"]


for model in (HospitalCoordinator, ProgrammeAdministrator, MinistryOfficer):
    admin.site.register(model, autocomplete_fields=["user"])
