"""The technical admin for the path to recognition. Evidence files are listed, not opened here."""

from django.contrib import admin

from .models import (
    AuthorityOfficer,
    AuthorityStep,
    CommissionMember,
    Community,
    Contact,
    Interruption,
    PlanItem,
    PlanVersion,
    Signature,
    Trajectory,
)


@admin.register(Community)
class CommunityAdmin(admin.ModelAdmin):
    list_display = ["code", "name_nl", "authority", "submission_months", "threshold_weeks"]


@admin.register(AuthorityOfficer)
class AuthorityOfficerAdmin(admin.ModelAdmin):
    list_display = ["user", "community"]
    list_filter = ["community"]
    autocomplete_fields = ["user"]


@admin.register(CommissionMember)
class CommissionMemberAdmin(admin.ModelAdmin):
    list_display = ["user", "community", "specialty"]
    list_filter = ["community", "specialty"]
    autocomplete_fields = ["user"]


class PlanItemInline(admin.TabularInline):
    model = PlanItem
    extra = 0
    raw_id_fields = ["service", "stagemeester"]


class SignatureInline(admin.TabularInline):
    model = Signature
    extra = 0
    readonly_fields = ["signer", "capacity", "content_hash", "signed_at"]
    can_delete = False


class StepInline(admin.TabularInline):
    model = AuthorityStep
    extra = 0
    readonly_fields = ["kind", "on", "note", "actor", "recorded_at"]
    can_delete = False


@admin.register(PlanVersion)
class PlanVersionAdmin(admin.ModelAdmin):
    list_display = ["trajectory", "number", "state", "submitted_on", "decided_on"]
    list_filter = ["state"]
    search_fields = ["trajectory__trainee__user__email", "trajectory__trainee__user__last_name"]
    readonly_fields = ["version"]
    inlines = [PlanItemInline, SignatureInline, StepInline]


@admin.register(Trajectory)
class TrajectoryAdmin(admin.ModelAdmin):
    list_display = ["trainee", "community", "nominal_months", "riziv_candidate_number"]
    list_filter = ["community"]
    search_fields = ["trainee__user__email", "trainee__user__last_name"]
    raw_id_fields = ["trainee"]


@admin.register(Interruption)
class InterruptionAdmin(admin.ModelAdmin):
    list_display = ["trajectory", "kind", "start", "end"]
    list_filter = ["kind"]
    raw_id_fields = ["trajectory", "recorded_by"]


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = ["name", "role", "university", "hospital", "email"]
    list_filter = ["role", "university"]
