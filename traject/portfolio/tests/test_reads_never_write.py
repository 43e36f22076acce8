"""Opening the portfolio writes nothing: the to-do lists are made when the need arises."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from traject.organisation import services as organisation_services
from traject.organisation.models import Trainee
from traject.portfolio.models import TodoList
from traject.testing import factories as f

from .helpers import course_with_items

pytestmark = pytest.mark.django_db

WRITES = ("INSERT", "UPDATE", "DELETE")


def _writes(queries) -> list[str]:
    return [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(WRITES)]


def test_the_overview_page_and_api_write_nothing(client, world):
    course_with_items(world.course)
    TodoList.objects.filter(trainee=world.trainee).delete()
    client.force_login(world.users["aso"])
    for url in (reverse("portfolio:overview"), reverse("api:portfolio_todo_lists")):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        assert _writes(queries.captured_queries) == [], url
    assert not TodoList.objects.filter(trainee=world.trainee).exists()


def test_registering_an_aso_gives_the_lists_of_their_courses(world):
    course_with_items(world.course)
    user = f.UserFactory.build(email="nieuw@example.org")
    trainee = Trainee(
        university=world.university,
        specialty=world.trainee.specialty,
        training_start=world.trainee.training_start,
    )
    organisation_services.trainee_register(
        user=user, trainee=trainee, actor=world.users["programme_admin"]
    )
    assert TodoList.objects.get(trainee=trainee, course=world.course).items.count() == 3


def test_the_daily_job_gives_the_lists_an_aso_has_come_to_need(world):
    course_with_items(world.course)
    TodoList.objects.filter(trainee=world.trainee).delete()  # e.g. a new training year began
    call_command("daily", stdout=io.StringIO())
    assert TodoList.objects.get(trainee=world.trainee, course=world.course).items.count() == 3
