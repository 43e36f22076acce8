"""The national world gives every ASO a year of portfolio (issue 17: measure what grows)."""

import pytest

from traject.core.demo import DemoContext
from traject.portfolio import demo
from traject.portfolio.models import (
    CourseItem,
    EntrustmentDecision,
    Epa,
    Feedback,
    FeedbackRequest,
    ItemKind,
    Submission,
    TodoList,
)
from traject.testing import factories as f

pytestmark = pytest.mark.django_db


def test_the_national_history_gives_every_aso_with_a_stagemeester_a_year_of_portfolio(world):
    from traject.portfolio.services import todo_lists_sync

    Epa.objects.create(specialty=world.specialty, code="X-1", title="Een EPA")
    course = f.CourseFactory(university=world.university, titularis=world.users["titularis"])
    CourseItem.objects.create(course=course, title="Lezing", kind=ItemKind.ATTEND)
    trainees = []
    for _ in range(4):
        trainee = f.TraineeFactory(specialty=world.specialty, university=world.university)
        f.StageFactory(
            trainee=trainee, service=world.service, stagemeester=world.users["stagemeester"]
        )
        trainees.append(trainee)
    without_stage = f.TraineeFactory(specialty=world.specialty, university=world.university)
    todo_lists_sync()
    ctx = DemoContext(scale="national")
    ctx.data["trainees"] = [*trainees, without_stage]

    demo._national_history(ctx)

    for trainee in trainees:
        given = Feedback.objects.filter(trainee=trainee)
        assert given.count() == demo.NATIONAL_FEEDBACK
        assert {fb.author for fb in given} == {world.users["stagemeester"]}
        assert all(fb.entrustment_level and fb.epa.code == "X-1" for fb in given)
        assert FeedbackRequest.objects.filter(
            trainee=trainee, status=FeedbackRequest.Status.COMPLETED
        ).exists()
        assert EntrustmentDecision.objects.filter(trainee=trainee).count() == 1
    assert not Feedback.objects.filter(trainee=without_stage).exists()
    # Every second ASO handed a to-do list in; its status follows the decision.
    handed_in = Submission.objects.filter(todo_list__trainee__in=trainees[::2])
    assert handed_in.count() == 2
    for submission in handed_in:
        assert submission.submitted_by == submission.todo_list.trainee.user
        assert submission.snapshot and all(item["done"] for item in submission.snapshot)
        expected = {
            Submission.Decision.ACCEPTED: TodoList.Status.ACCEPTED,
            Submission.Decision.RETURNED: TodoList.Status.RETURNED,
            Submission.Decision.PENDING: TodoList.Status.SUBMITTED,
        }[submission.decision]
        assert submission.todo_list.status == expected

    # Loading again adds nothing.
    demo._national_history(ctx)
    assert Feedback.objects.filter(trainee__in=trainees).count() == 4 * demo.NATIONAL_FEEDBACK
