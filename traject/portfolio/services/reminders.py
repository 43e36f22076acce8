"""Reminders of due to-do items."""

import datetime

from django.db import transaction
from django.utils import timezone

from traject.audit.models import AuditEvent
from traject.core.notifications import notify

from ..models import (
    FeedbackRequest,
    ReminderSent,
    TodoItem,
    TodoList,
)

CREATE = AuditEvent.Action.CREATE
UPDATE = AuditEvent.Action.UPDATE
DELETE = AuditEvent.Action.DELETE

REMINDER_DAYS = (7, 1)


# --- Reminders ----------------------------------------------------------------------------------


def _once(key: str) -> bool:
    """Claim a reminder key; False when it was already sent."""
    _obj, created = ReminderSent.objects.get_or_create(key=key[:100])
    return created


def reminders_send(*, today: datetime.date | None = None) -> dict:
    """Remind ASO of to-dos due soon and flag feedback requests open for 14 days to both."""
    today = today or timezone.localdate()
    counts = {"due": 0, "late_requests": 0}
    for days in REMINDER_DAYS:
        day = today + datetime.timedelta(days=days)
        items = TodoItem.objects.filter(
            due_date=day,
            done_at__isnull=True,
            todo_list__status__in=[TodoList.Status.OPEN, TodoList.Status.RETURNED],
        ).select_related("todo_list__trainee__user", "todo_list__course")
        for item in items:
            with transaction.atomic():
                if not _once(f"due:{item.pk}:{day.isoformat()}:{days}"):
                    continue
                notify(
                    user=item.todo_list.trainee.user,
                    subject_template="portfolio/email/due_subject.txt",
                    body_template="portfolio/email/due_body.txt",
                    context={
                        "item": item.title,
                        "course": item.todo_list.course.name,
                        "due_date": day.isoformat(),
                        "days": days,
                        "list_id": item.todo_list_id,
                    },
                )
                counts["due"] += 1
    from ..models import FEEDBACK_REQUEST_FLAG_DAYS

    cutoff = timezone.now() - datetime.timedelta(days=FEEDBACK_REQUEST_FLAG_DAYS)
    late = FeedbackRequest.objects.filter(
        status=FeedbackRequest.Status.OPEN, created_at__lt=cutoff, flagged_at__isnull=True
    ).select_related("trainee__user", "supervisor")
    for request in late:
        with transaction.atomic():
            FeedbackRequest.objects.filter(pk=request.pk).update(flagged_at=timezone.now())
            context = {
                "trainee": str(request.trainee),
                "supervisor": str(request.asked_of),
                "what": request.what,
                "request_id": request.pk,
            }
            # A stageteam member without an account still holds the one-time link.
            for person in filter(None, (request.trainee.user, request.supervisor)):
                notify(
                    user=person,
                    subject_template="portfolio/email/late_request_subject.txt",
                    body_template="portfolio/email/late_request_body.txt",
                    context={**context, "for_supervisor": person.pk == request.supervisor_id},
                )
            counts["late_requests"] += 1
    return counts
