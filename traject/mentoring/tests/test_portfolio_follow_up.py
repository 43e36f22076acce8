"""The follow-up against the portfolio's selectors: status and deadlines, never content."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from traject.mentoring import selectors, services
from traject.mentoring.models import AgreedDeadline
from traject.portfolio.models import Feedback, FeedbackShare, TodoItem
from traject.portfolio.tests.helpers import course_with_items, todo_list_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def overdue_list(world):
    course_with_items(world.course)
    todo_list = todo_list_of(world)
    TodoItem.objects.filter(todo_list=todo_list).update(
        due_date=timezone.localdate() - datetime.timedelta(days=3)
    )
    return todo_list


def test_the_mentor_dashboard_shows_each_asos_overdue_to_dos(client, world, overdue_list):
    overview = selectors.mentor_overview(world.users["mentor"])
    member = overview[0]["members"][0]
    assert [t["list_id"] for t in member["overdue_todos"]] == [overdue_list.pk]
    client.force_login(world.users["mentor"])
    body = client.get(reverse("mentoring:dashboard")).content.decode()
    assert world.course.name in body


def test_the_follow_up_page_shows_status_but_not_the_content_of_to_dos(client, world, overdue_list):
    client.force_login(world.users["mentor"])
    body = client.get(reverse("mentoring:trainee_detail", args=[world.trainee.pk])).content.decode()
    assert world.course.name in body
    assert "Reflection on communication" not in body and "Upload the report" not in body


def test_an_agreed_deadline_refers_to_one_of_the_asos_to_do_lists(world, overdue_list):
    deadline = services.agreed_deadline_save(
        deadline=AgreedDeadline(
            trainee=world.trainee,
            todo_list_id=overdue_list.pk,
            description="De reflectie",
            due_on=timezone.localdate() + datetime.timedelta(days=7),
        ),
        actor=world.users["mentor"],
    )
    assert deadline.course_label == world.course.name
    with translation.override("en"), pytest.raises(Exception, match="to-do lists"):
        services.agreed_deadline_save(
            deadline=AgreedDeadline(
                trainee=world.trainee,
                todo_list_id=overdue_list.pk + 1000,
                description="x",
                due_on=timezone.localdate(),
            ),
            actor=world.users["mentor"],
        )


def test_the_mentor_sees_only_the_assessments_the_aso_shared(client, world):
    def feedback(what):
        return Feedback.objects.create(
            trainee=world.trainee,
            author=world.users["stagemeester"],
            moment_date=timezone.localdate(),
            what=what,
            went_well="Goed",
            to_improve="Beter",
        )

    shared, private = feedback("Gedeelde feedback"), feedback("Niet gedeeld")
    FeedbackShare.objects.create(feedback=shared, shared_with=world.users["mentor"])
    client.force_login(world.users["mentor"])
    body = client.get(reverse("mentoring:trainee_detail", args=[world.trainee.pk])).content.decode()
    assert "Gedeelde feedback" in body and private.what not in body
