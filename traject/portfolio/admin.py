from django.contrib import admin

from . import models


@admin.register(models.Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "specialty", "titularis", "is_active"]
    list_filter = ["level", "is_active", "university"]
    search_fields = ["code", "name"]
    raw_id_fields = ["titularis"]


@admin.register(models.CourseItem)
class CourseItemAdmin(admin.ModelAdmin):
    list_display = ["title", "course", "kind", "due_date", "required"]
    list_filter = ["kind"]


@admin.register(models.Epa)
class EpaAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "specialty", "is_active"]
    list_filter = ["specialty", "is_active"]
    search_fields = ["code", "title"]


@admin.register(models.TodoList)
class TodoListAdmin(admin.ModelAdmin):
    """Status only: the content is the ASO's and is not shown here."""

    list_display = ["course", "trainee", "status"]
    list_filter = ["status"]
    fields = ["trainee", "course", "status"]
    readonly_fields = fields
