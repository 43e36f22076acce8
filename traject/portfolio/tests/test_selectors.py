import datetime

import pytest
from django.core import mail
from django.utils import timezone

from traject.portfolio import services
from traject.portfolio.models import CourseItem, ItemKind, TodoItem
from traject.portfolio.selectors import stagemeester_table, todo_status_for_trainees

from .helpers import course_with_items, todo_list_of

pytestmark = pytest.mark.django_db


def test_todo_status_gives_status_and_deadlines_but_no_content(world):
    course_with_items(world.course)
    todo = todo_list_of(world)
    item = todo.items.get(kind=ItemKind.REFLECTION)
    services.todo_item_update(
        item=item, actor=world.users["aso"], done=True, reflection="Secret reflection"
    )
    TodoItem.objects.filter(todo_list=todo, kind=ItemKind.ATTEND).update(
        due_date=timezone.localdate() - datetime.timedelta(days=1)
    )
    status = todo_status_for_trainees([world.trainee, world.other_trainee.pk])
    assert set(status) == {world.trainee.pk, world.other_trainee.pk}
    (row,) = status[world.trainee.pk]
    assert set(row) == {
        "list_id",
        "course",
        "status",
        "status_label",
        "due_date",
        "overdue",
        "items_done",
        "items_total",
    }
    assert row["list_id"] == todo.pk and row["course"] == "Communicatie"
    assert row["status"] == "open" and row["overdue"] is True
    assert (row["items_done"], row["items_total"]) == (1, 3)
    assert isinstance(row["due_date"], datetime.date)
    assert "Secret" not in repr(status)


def test_todo_status_of_nobody_is_empty():
    assert todo_status_for_trainees([]) == {}


def test_stagemeester_table_lists_current_aso_only(world):
    course_with_items(world.course)
    rows = stagemeester_table(world.users["stagemeester"])
    assert [r["trainee"] for r in rows] == [world.trainee]


def test_reminders_are_sent_before_due_dates_once(world, django_capture_on_commit_callbacks):
    course_with_items(world.course)
    in_a_week = timezone.localdate() + datetime.timedelta(days=7)
    CourseItem.objects.filter(course=world.course).update(due_date=in_a_week)
    TodoItem.objects.filter(todo_list__course=world.course).update(due_date=in_a_week)
    with django_capture_on_commit_callbacks(execute=True):
        counts = services.reminders_send()
    # Three items for each of the two ASO.
    assert counts["due"] == 6
    assert any(m.to == [world.users["aso"].email] for m in mail.outbox)
    assert services.reminders_send()["due"] == 0
