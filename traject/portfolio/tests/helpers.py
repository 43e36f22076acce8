"""Test helpers for the portfolio: a course with items and the ASO's to-do list."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from traject.portfolio.models import CourseItem, Epa, ItemKind, TodoList
from traject.portfolio.services import todo_lists_sync

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name="verslag.pdf", content=PDF_BYTES):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def course_with_items(course):
    """Give the world's course three items (attend, reflection, upload) and sync the lists."""
    due = timezone.localdate() + datetime.timedelta(days=30)
    CourseItem.objects.create(
        course=course, title="Attend the lecture", kind=ItemKind.ATTEND, due_date=due, position=1
    )
    CourseItem.objects.create(
        course=course,
        title="Reflection on communication",
        kind=ItemKind.REFLECTION,
        roles=["communicator"],
        due_date=due,
        position=2,
    )
    CourseItem.objects.create(
        course=course, title="Upload the report", kind=ItemKind.UPLOAD, due_date=due, position=3
    )
    todo_lists_sync(course=course)
    return course


def todo_list_of(world) -> TodoList:
    return TodoList.objects.get(trainee=world.trainee, course=world.course)


def epa(world, code="EPA1", title="Opname van een patiënt"):
    return Epa.objects.get_or_create(
        specialty=world.specialty, code=code, defaults={"title": title}
    )[0]


def complete_list(todo_list, actor):
    from traject.portfolio import services

    for item in todo_list.items.all():
        if item.kind == ItemKind.UPLOAD:
            services.todo_item_attach_file(item=item, actor=actor, uploaded=pdf())
        services.todo_item_update(
            item=item,
            actor=actor,
            done=True,
            reflection="<p>I learned <strong>a lot</strong></p><script>alert(1)</script>"
            if item.kind == ItemKind.REFLECTION
            else None,
        )
