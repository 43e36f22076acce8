"""The technical admin for mentor groups and the session plan.

Confidential notes, the consent to share them, intervision notes and referrals are
deliberately NOT registered: not even a superuser reads them here.
"""

from django.contrib import admin

from .models import GroupSession, MentorGroup, MentorGroupMembership, SessionTheme


class MembershipInline(admin.TabularInline):
    model = MentorGroupMembership
    extra = 0
    autocomplete_fields = ["trainee"]
    readonly_fields = ["joined_on"]


@admin.register(MentorGroup)
class MentorGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "mentor", "university", "start_year"]
    list_filter = ["university", "start_year"]
    search_fields = ["name", "mentor__email", "mentor__last_name"]
    autocomplete_fields = ["mentor"]
    inlines = [MembershipInline]


@admin.register(SessionTheme)
class SessionThemeAdmin(admin.ModelAdmin):
    list_display = ["training_year", "position", "title", "university"]
    list_filter = ["university", "training_year"]


@admin.register(GroupSession)
class GroupSessionAdmin(admin.ModelAdmin):
    """Date, place and theme only; the intervision notes stay out of the admin."""

    list_display = ["group", "starts_at", "place", "theme"]
    list_filter = ["group__university"]
    fields = ["group", "theme", "starts_at", "place"]
