"""Courses and their to-do lists (programme administrators)."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from traject.audit.models import AuditEvent
from traject.audit.services import audit_record
from traject.core.concurrency import save_versioned
from traject.organisation.models import Trainee

from .. import permissions as perms
from ..models import (
    Course,
    CourseItem,
    TodoItem,
    TodoList,
)

CREATE = AuditEvent.Action.CREATE
UPDATE = AuditEvent.Action.UPDATE
DELETE = AuditEvent.Action.DELETE


# --- Courses (programme administrators) -------------------------------------------------


def course_save(*, course: Course, actor, expected_version: int | None = None) -> Course:
    """Create or change a course; the ASO it applies to get their to-do list."""
    if not perms.can_manage_courses(actor):
        raise PermissionDenied
    if not perms.in_admin_scope(actor, course.university_id, course.specialty_id):
        raise PermissionDenied(_("This course lies outside the programme you administer."))
    _ensure_titularis_eligible(course, actor)
    creating = course.pk is None
    with transaction.atomic():
        save_versioned(course, expected_version=expected_version)
        audit_record(actor=actor, action=CREATE if creating else UPDATE, target=course)
        todo_lists_sync(course=course)
    return course


def _ensure_titularis_eligible(course: Course, actor) -> None:
    """The titularis is staff, and mentors none of the ASO the course assesses."""
    from traject.mentoring.models import MentorGroupMembership
    from traject.organisation.eligibility import ensure_eligible, staff_problems

    titularis = course.titularis
    problems = staff_problems(titularis, actor=None)
    mentees = MentorGroupMembership.objects.filter(
        group__mentor=titularis, trainee__university_id=course.university_id
    ).select_related("trainee__user")
    if course.specialty_id:
        mentees = mentees.filter(trainee__specialty_id=course.specialty_id)
    problems += [
        _("%(person)s is the mentor of %(trainee)s, who follows this course.")
        % {"person": titularis, "trainee": m.trainee}
        for m in mentees
    ]
    ensure_eligible(problems, "titularis")


def course_item_save(*, item: CourseItem, actor, expected_version: int | None = None) -> CourseItem:
    """Create or change an item of a course; open to-do lists receive new items."""
    if not perms.can_manage_course(actor, item.course):
        raise PermissionDenied
    creating = item.pk is None
    with transaction.atomic():
        save_versioned(item, expected_version=expected_version)
        if not creating:
            # Lists still being worked on follow the programme; submitted work stays as it was.
            TodoItem.objects.filter(
                course_item=item,
                todo_list__status__in=[TodoList.Status.OPEN, TodoList.Status.RETURNED],
            ).update(
                title=item.title,
                description=item.description,
                kind=item.kind,
                roles=item.roles,
                due_date=item.due_date,
                required=item.required,
                position=item.position,
            )
        audit_record(actor=actor, action=CREATE if creating else UPDATE, target=item)
        todo_lists_sync(course=item.course)
    return item


def _item_from(course_item: CourseItem, todo_list: TodoList) -> TodoItem:
    return TodoItem(
        todo_list=todo_list,
        course_item=course_item,
        title=course_item.title,
        description=course_item.description,
        kind=course_item.kind,
        roles=course_item.roles,
        due_date=course_item.due_date,
        required=course_item.required,
        position=course_item.position,
    )


def todo_lists_sync(*, course: Course | None = None, trainee: Trainee | None = None) -> int:
    """Give every ASO a course applies to a to-do list with every item; return lists created."""
    courses = Course.objects.filter(is_active=True).prefetch_related("items")
    if course is not None:
        courses = courses.filter(pk=course.pk)
    trainees = Trainee.objects.select_related("specialty")
    if trainee is not None:
        trainees = trainees.filter(pk=trainee.pk)
        # Only the courses of this ASO's programme: the work stays bounded by their own courses.
        courses = courses.filter(university_id=trainee.university_id).filter(
            Q(specialty__isnull=True) | Q(specialty_id=trainee.specialty_id)
        )
    created = 0
    with transaction.atomic():
        for c in courses:
            candidates = trainees.filter(university_id=c.university_id)
            if c.specialty_id:
                candidates = candidates.filter(specialty_id=c.specialty_id)
            wanted = [t for t in candidates if c.applies_to(t)]
            existing = set(
                TodoList.objects.filter(course=c, trainee__in=[t.pk for t in wanted]).values_list(
                    "trainee_id", flat=True
                )
            )
            new_lists = TodoList.objects.bulk_create(
                [TodoList(trainee=t, course=c) for t in wanted if t.pk not in existing]
            )
            created += len(new_lists)
            course_items = list(c.items.all())
            if not course_items:
                continue
            # New lists get every item; open lists get the items added since.
            lists = TodoList.objects.filter(
                course=c,
                trainee__in=[t.pk for t in wanted],
                status__in=[TodoList.Status.OPEN, TodoList.Status.RETURNED],
            )
            have = set(
                TodoItem.objects.filter(todo_list__in=lists).values_list(
                    "todo_list_id", "course_item_id"
                )
            )
            TodoItem.objects.bulk_create(
                [
                    _item_from(ci, tl)
                    for tl in lists
                    for ci in course_items
                    if (tl.pk, ci.pk) not in have
                ]
            )
    return created


def todo_lists_on_trainee_change(sender, *, trainee: Trainee, **kwargs) -> None:
    """An ASO was registered or changed programme: give them the lists of their courses."""
    todo_lists_sync(trainee=trainee)
