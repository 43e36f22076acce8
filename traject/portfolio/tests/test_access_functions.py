"""The page and the API reach a submission or a feedback request through the same access
function: the same status, and the same audit of the read."""

import json

import pytest
from django.urls import reverse

from traject.audit.models import AuditEvent
from traject.portfolio import services
from traject.portfolio.models import FeedbackRequest

from .helpers import complete_list, course_with_items, todo_list_of

pytestmark = pytest.mark.django_db


def _reads(user):
    return AuditEvent.objects.filter(actor=user, action="read").count()


@pytest.fixture
def submission(world):
    course_with_items(world.course)
    todo = todo_list_of(world)
    complete_list(todo, world.users["aso"])
    return services.todo_list_submit(todo_list=todo, actor=world.users["aso"])


def test_the_titularis_read_is_audited_once_on_the_page_and_once_in_the_api(
    client, world, submission
):
    titularis = world.users["titularis"]
    client.force_login(titularis)
    assert (
        client.get(reverse("portfolio:submission_detail", args=[submission.pk])).status_code == 200
    )
    assert _reads(titularis) == 1
    assert client.get(reverse("api:portfolio_submission", args=[submission.pk])).status_code == 200
    assert _reads(titularis) == 2


def test_the_aso_reading_their_own_submission_is_not_an_audited_read(client, world, submission):
    aso = world.users["aso"]
    client.force_login(aso)
    assert (
        client.get(reverse("portfolio:submission_detail", args=[submission.pk])).status_code == 200
    )
    assert client.get(reverse("api:portfolio_submission", args=[submission.pk])).status_code == 200
    assert _reads(aso) == 0


def test_only_the_person_asked_answers_a_feedback_request_page_and_api_alike(client, world):
    fr = FeedbackRequest.objects.create(
        trainee=world.trainee,
        supervisor=world.users["stagemeester"],
        moment_date="2026-11-02",
        what="Nachtdienst",
    )
    client.force_login(world.users["aso"])  # can see the request, was not asked
    page = client.post(reverse("portfolio:feedback_request_complete", args=[fr.pk]), {})
    api = client.post(
        reverse("api:portfolio_feedback_request_complete", args=[fr.pk]),
        json.dumps({"went_well": "a", "to_improve": "b"}),
        content_type="application/json",
    )
    assert (page.status_code, api.status_code) == (403, 403)
    client.force_login(world.users["other_stagemeester"])  # unrelated: 404
    page = client.get(reverse("portfolio:feedback_request_complete", args=[fr.pk]))
    api = client.post(
        reverse("api:portfolio_feedback_request_complete", args=[fr.pk]),
        json.dumps({"went_well": "a", "to_improve": "b"}),
        content_type="application/json",
    )
    assert (page.status_code, api.status_code) == (404, 404)


def test_the_todo_status_read_is_audited_alike_on_the_page_and_in_the_api(client, world):
    stagemeester = world.users["stagemeester"]
    client.force_login(stagemeester)
    page = client.get(reverse("portfolio:trainee_status", args=[world.trainee.pk]))
    assert page.status_code == 200 and _reads(stagemeester) == 1
    api = client.get(reverse("api:portfolio_todo_status", args=[world.trainee.pk]))
    assert api.status_code == 200 and _reads(stagemeester) == 2
    event = AuditEvent.objects.filter(actor=stagemeester, action="read").last()
    assert event.subject == world.users["aso"] and event.summary == "to-do status"


def test_a_goal_is_commented_and_agreed_under_the_same_rule_on_the_page_and_in_the_api(
    client, world
):
    from traject.portfolio.models import LearningGoal

    goal = LearningGoal.objects.create(trainee=world.trainee, title="Echo's zelfstandig")
    client.force_login(world.users["aso"])  # the ASO comments, but never agrees
    page = client.post(reverse("portfolio:goal_agree", args=[goal.pk]), {"version": 1})
    api = client.post(
        reverse("api:portfolio_goal_agree", args=[goal.pk]),
        json.dumps({"version": 1}),
        content_type="application/json",
    )
    assert (page.status_code, api.status_code) == (403, 403)
    client.force_login(world.users["other_aso"])  # no relation: 404 on both doors
    page = client.post(reverse("portfolio:goal_comment", args=[goal.pk]), {"text": "x"})
    api = client.post(
        reverse("api:portfolio_goal_comment", args=[goal.pk]),
        json.dumps({"text": "x"}),
        content_type="application/json",
    )
    assert (page.status_code, api.status_code) == (404, 404)
    goal.refresh_from_db()
    assert not goal.is_agreed and not goal.comments.exists()
