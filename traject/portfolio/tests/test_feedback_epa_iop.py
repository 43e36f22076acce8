import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from traject.core.concurrency import ConflictError
from traject.portfolio import selectors, services
from traject.portfolio.models import (
    EntrustmentDecision,
    Epa,
    FeedbackRequest,
    LearningGoal,
)
from traject.testing import factories as f

from .helpers import epa

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def _request(world, **kwargs):
    return services.feedback_request_create(
        trainee=world.trainee,
        actor=world.users["aso"],
        supervisor=world.users["stagemeester"],
        moment_date=TODAY(),
        what="Slecht nieuws gesprek",
        **kwargs,
    )


def test_the_supervisor_completes_a_request_and_the_aso_is_told(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        request = _request(world, epa=epa(world))
    assert mail.outbox[-1].to == [world.users["stagemeester"].email]
    assert f"/portfolio/feedback/requests/{request.pk}/" in mail.outbox[-1].body
    with django_capture_on_commit_callbacks(execute=True):
        feedback = services.feedback_request_complete(
            request=request,
            actor=world.users["stagemeester"],
            went_well="Rustig",
            to_improve="Meer stiltes",
            entrustment_level=3,
        )
    request.refresh_from_db()
    assert request.status == FeedbackRequest.Status.COMPLETED
    assert feedback.epa == epa(world) and feedback.entrustment_level == 3
    assert mail.outbox[-1].to == [world.users["aso"].email]


def test_only_the_person_asked_completes_a_request(world):
    request = _request(world)
    for persona in ("aso", "other_stagemeester", "mentor"):
        with pytest.raises(PermissionDenied):
            services.feedback_request_complete(
                request=request, actor=world.users[persona], went_well="a", to_improve="b"
            )


def test_a_request_cannot_be_answered_twice(world):
    request = _request(world)
    services.feedback_request_complete(
        request=request, actor=world.users["stagemeester"], went_well="a", to_improve="b"
    )
    with pytest.raises(ValidationError):
        services.feedback_request_complete(
            request=request, actor=world.users["stagemeester"], went_well="a", to_improve="b"
        )


def test_an_epa_of_another_specialty_is_refused(world):
    foreign = Epa.objects.create(specialty=f.specialty("heelkunde"), code="H1", title="x")
    with pytest.raises(ValidationError):
        _request(world, epa=foreign)


def test_a_request_open_for_14_days_is_flagged_to_both_once(
    world, django_capture_on_commit_callbacks
):
    request = _request(world)
    FeedbackRequest.objects.filter(pk=request.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=15)
    )
    request.refresh_from_db()
    assert request.is_late
    with django_capture_on_commit_callbacks(execute=True):
        counts = services.reminders_send()
    assert counts["late_requests"] == 1
    recipients = {m.to[0] for m in mail.outbox}
    assert {world.users["aso"].email, world.users["stagemeester"].email} <= recipients
    assert services.reminders_send()["late_requests"] == 0


def test_only_the_current_stagemeester_gives_feedback_unasked(world):
    kwargs = {
        "trainee": world.trainee,
        "moment_date": TODAY(),
        "what": "Zaalronde",
        "went_well": "a",
        "to_improve": "b",
    }
    feedback = services.feedback_give(actor=world.users["stagemeester"], **kwargs)
    assert feedback.unasked
    for persona in ("other_stagemeester", "mentor", "titularis", "coordinator"):
        with pytest.raises(PermissionDenied):
            services.feedback_give(actor=world.users[persona], **kwargs)


def test_shared_feedback_reaches_the_mentor_until_the_aso_revokes_it(world):
    feedback = services.feedback_give(
        trainee=world.trainee,
        actor=world.users["stagemeester"],
        moment_date=TODAY(),
        what="Zaalronde",
        went_well="a",
        to_improve="b",
    )
    mentor = world.users["mentor"]
    assert not selectors.feedback_shared_with(mentor, world.trainee).exists()
    with pytest.raises(PermissionDenied):
        services.feedback_share(feedback=feedback, actor=mentor)
    services.feedback_share(feedback=feedback, actor=world.users["aso"])
    assert list(selectors.feedback_shared_with(mentor, world.trainee)) == [feedback]
    assert not selectors.feedback_shared_with(world.users["other_aso"], world.trainee).exists()
    services.feedback_unshare(feedback=feedback, actor=world.users["aso"])
    assert not selectors.feedback_shared_with(mentor, world.trainee).exists()


def test_a_new_entrustment_decision_supersedes_the_previous_one_with_history(world):
    the_epa = epa(world)
    sm = world.users["stagemeester"]
    first = services.entrustment_decide(
        trainee=world.trainee, epa=the_epa, actor=sm, level=2, decided_on=TODAY(), rationale="r1"
    )
    second = services.entrustment_decide(
        trainee=world.trainee, epa=the_epa, actor=sm, level=4, decided_on=TODAY(), rationale="r2"
    )
    first.refresh_from_db()
    assert first.level == 2 and first.superseded_by == second
    assert second.is_current
    assert EntrustmentDecision.objects.filter(trainee=world.trainee).count() == 2
    assert selectors.current_levels(world.trainee)[the_epa.pk] == second


@pytest.mark.parametrize("persona", ["mentor", "other_stagemeester", "titularis", "aso"])
def test_nobody_but_the_current_stagemeester_decides_entrustment(world, persona):
    with pytest.raises(PermissionDenied):
        services.entrustment_decide(
            trainee=world.trainee,
            epa=epa(world),
            actor=world.users[persona],
            level=3,
            decided_on=TODAY(),
            rationale="r",
        )


def test_every_change_of_a_learning_goal_is_versioned_and_agreement_needs_the_seen_version(world):
    aso, sm = world.users["aso"], world.users["stagemeester"]
    goal = services.goal_save(
        goal=LearningGoal(trainee=world.trainee, title="Echo hart"), actor=aso
    )
    services.goal_agree(goal=goal, actor=sm, expected_version=goal.version)
    goal.refresh_from_db()
    assert goal.is_agreed
    goal.planning = "In blok 2"
    services.goal_save(goal=goal, actor=aso, epas=[epa(world)], expected_version=goal.version)
    goal.refresh_from_db()
    assert not goal.is_agreed
    assert list(goal.revisions.values_list("version", flat=True)) == [2, 1]
    assert goal.revisions.first().snapshot["epas"] == ["EPA1"]
    with pytest.raises(ConflictError):
        services.goal_agree(goal=goal, actor=sm, expected_version=1)
    with pytest.raises(PermissionDenied):
        services.goal_agree(goal=goal, actor=world.users["mentor"], expected_version=goal.version)
    services.goal_comment(goal=goal, actor=sm, text="Goed plan")
    assert goal.comments.get().goal_version == 2


def test_a_stale_edit_of_a_learning_goal_is_refused(world):
    aso = world.users["aso"]
    goal = services.goal_save(goal=LearningGoal(trainee=world.trainee, title="A"), actor=aso)
    goal.title = "B"
    services.goal_save(goal=goal, actor=aso, expected_version=1)
    stale = LearningGoal.objects.get(pk=goal.pk)
    stale.title = "C"
    with pytest.raises(ConflictError):
        services.goal_save(goal=stale, actor=aso, expected_version=1)
