"""The services of the conversation cycle: the rules, the IOP link, the track, the transfer."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from traject.audit.models import AuditEvent
from traject.conversations import services
from traject.conversations.models import (
    ChecklistItem,
    IntensifiedTrack,
    Kind,
    Outcome,
    Talk,
    TransferDocument,
)
from traject.organisation.models import Stage, TrainingService
from traject.portfolio.models import LearningGoal
from traject.testing import factories as f

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def _plan(world, kind=Kind.PROGRESS, days=5, actor=None):
    return services.talk_plan(
        trainee=world.aios_trainee,
        actor=actor or world.users["opleider"],
        kind=kind,
        planned_on=TODAY + datetime.timedelta(days=days),
        held_by=world.users["opleider"],
        place="Kamer 1",
    )


def test_the_opleider_plans_a_talk_and_the_aios_is_told(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        talk = _plan(world)
    assert talk.training_year == 1 and talk.stage == world.nl_stage
    assert [m.to for m in mail.outbox] == [[world.users["aios"].email]]
    assert AuditEvent.objects.filter(object_id=str(talk.pk), action="create").exists()


def test_the_deputy_may_hold_a_talk_but_a_group_member_may_not(world):
    talk = services.talk_plan(
        trainee=world.aios_trainee,
        actor=world.nl_deputy,
        kind=Kind.INTRODUCTION,
        planned_on=TODAY,
        held_by=world.nl_deputy,
    )
    assert talk.held_by == world.nl_deputy
    with pytest.raises(PermissionDenied):
        _plan(world, actor=world.nl_group_member)
    with pytest.raises(ValidationError) as error:
        services.talk_plan(
            trainee=world.aios_trainee,
            actor=world.users["opleider"],
            kind=Kind.PROGRESS,
            planned_on=TODAY,
            held_by=world.nl_group_member,
        )
    assert "held_by" in error.value.message_dict


def test_the_aios_and_a_belgian_stagemeester_cannot_plan(world):
    for persona in ("aios", "stagemeester", "mentor"):
        with pytest.raises(PermissionDenied):
            _plan(world, actor=world.users[persona])


def test_a_report_turns_actions_into_iop_goals_and_asks_for_acknowledgement(world):
    talk = _plan(world, days=-1)
    items = list(ChecklistItem.objects.filter(kind=Kind.PROGRESS).values_list("pk", flat=True))
    other_kind = ChecklistItem.objects.filter(kind=Kind.SUITABILITY).first().pk
    services.talk_report(
        talk=talk,
        actor=world.users["opleider"],
        held_on=TODAY - datetime.timedelta(days=1),
        report="Goede voortgang.",
        checklist=[items[0], other_kind],
        actions=["Drie KPB's per maand vragen", "  ", "Echo-cursus volgen"],
        expected_version=talk.version,
    )
    talk.refresh_from_db()
    assert talk.checklist == [items[0]]  # an item of another kind of talk is ignored
    goals = LearningGoal.objects.filter(trainee=world.aios_trainee).order_by("pk")
    assert [g.title for g in goals] == ["Drie KPB's per maand vragen", "Echo-cursus volgen"]
    assert [a.goal for a in talk.actions.order_by("pk")] == list(goals)
    assert goals[0].revisions.count() == 1
    # The same version as a goal the aios writes in the portfolio (one snapshot shape).
    assert set(goals[0].revisions.get().snapshot) == {
        "title",
        "planning",
        "approach",
        "evaluation",
        "roles",
        "epas",
        "status",
    }
    services.talk_acknowledge(talk=talk, actor=world.users["aios"], reaction="Eens.")
    talk.refresh_from_db()
    assert talk.acknowledged_at is not None and talk.reaction == "Eens."


def test_a_report_cannot_precede_the_talk_and_a_stale_version_is_refused(world):
    talk = _plan(world)
    with pytest.raises(ValidationError) as error:
        services.talk_report(
            talk=talk,
            actor=world.users["opleider"],
            held_on=TODAY + datetime.timedelta(days=3),
            report="Te vroeg",
            checklist=[],
        )
    assert "held_on" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.talk_report(
            talk=talk,
            actor=world.users["opleider"],
            held_on=TODAY,
            report="x",
            checklist=[],
            expected_version=talk.version - 1 if talk.version > 1 else 99,
        )


def test_twijfel_needs_goals_and_a_deadline_and_opens_an_intensified_track(world):
    talk = _plan(world, kind=Kind.SUITABILITY, days=-1)
    with pytest.raises(ValidationError) as error:
        services.talk_report(
            talk=talk,
            actor=world.users["opleider"],
            held_on=TODAY,
            report="Twijfel",
            checklist=[],
            outcome=Outcome.DOUBT,
        )
    assert {"track_goals", "track_deadline"} <= set(error.value.message_dict)
    services.talk_report(
        talk=talk,
        actor=world.users["opleider"],
        held_on=TODAY,
        report="Twijfel over zelfstandigheid.",
        checklist=[],
        outcome=Outcome.DOUBT,
        track_goals="Zelfstandig visite lopen.",
        track_deadline=TODAY + datetime.timedelta(days=90),
    )
    track = IntensifiedTrack.objects.get(trainee=world.aios_trainee)
    assert track.talk == talk and track.status == IntensifiedTrack.Status.OPEN
    services.track_close(
        track=track, actor=world.users["opleider"], status="completed", conclusion="Gehaald."
    )
    track.refresh_from_db()
    assert track.status == "completed" and track.closed_on == TODAY


def test_only_a_suitability_assessment_has_an_outcome(world):
    talk = _plan(world, days=-1)
    with pytest.raises(ValidationError) as error:
        services.talk_report(
            talk=talk,
            actor=world.users["opleider"],
            held_on=TODAY,
            report="x",
            checklist=[],
            outcome=Outcome.SUITABLE,
        )
    assert "outcome" in error.value.message_dict


def _next_stage(world):
    receiver = f.UserFactory(email="receiver@example.test")
    service = TrainingService.objects.create(
        hospital=world.nl_hospital, specialty=world.nl_specialty, name="Interne B"
    )
    stage = Stage.objects.create(
        trainee=world.aios_trainee,
        service=service,
        stagemeester=receiver,
        start=world.nl_stage.end + datetime.timedelta(days=1),
        end=world.nl_stage.end + datetime.timedelta(days=300),
    )
    return receiver, stage


def test_the_transfer_document_flows_from_the_leaving_to_the_receiving_opleider(
    world, django_capture_on_commit_callbacks
):
    receiver, next_stage = _next_stage(world)
    opleider, aios = world.users["opleider"], world.users["aios"]
    held = _plan(world, days=-2)
    services.talk_report(
        talk=held, actor=opleider, held_on=TODAY, report="Voortgang goed.", checklist=[]
    )
    document = services.transfer_start(from_stage=world.nl_stage, actor=opleider)
    assert document.to_stage == next_stage
    assert document.facts["last_progress"]["report"] == "Voortgang goed."
    assert document.facts["period"]["place"] == str(world.nl_service)
    with pytest.raises(ValidationError):
        services.transfer_share(document=document, actor=opleider)  # no summary yet
    services.transfer_save(
        document=document,
        actor=opleider,
        summary="Goed jaar.",
        attention_points="Plannen",
        agreed_support="Vaste supervisor",
        expected_version=document.version,
    )
    with pytest.raises(ValidationError):
        services.transfer_hand_over(document=document, actor=opleider)  # not shared yet
    with django_capture_on_commit_callbacks(execute=True):
        services.transfer_share(document=document, actor=opleider)
    assert mail.outbox[-1].to == [aios.email]
    with pytest.raises(ValidationError):
        services.transfer_hand_over(document=document, actor=opleider)  # not read yet
    with pytest.raises(PermissionDenied):
        services.transfer_react(document=document, actor=receiver, reaction="x")
    services.transfer_react(document=document, actor=aios, reaction="Herkenbaar.")
    with django_capture_on_commit_callbacks(execute=True):
        services.transfer_hand_over(document=document, actor=opleider)
    assert mail.outbox[-1].to == [receiver.email]
    document.refresh_from_db()
    assert document.status == TransferDocument.Status.HANDED_OVER
    assert document.released_on(next_stage.start)
    assert not document.released_on(next_stage.start - datetime.timedelta(days=1))
    with pytest.raises(PermissionDenied):
        services.transfer_save(
            document=document,
            actor=opleider,
            summary="later",
            attention_points="",
            agreed_support="",
        )


def test_no_transfer_without_a_next_stage_under_another_opleider(world):
    with pytest.raises(ValidationError):
        services.transfer_start(from_stage=world.nl_stage, actor=world.users["opleider"])
    _receiver, _stage = _next_stage(world)
    with pytest.raises(PermissionDenied):
        services.transfer_start(from_stage=world.nl_stage, actor=world.users["aios"])


def test_duration_decisions_and_the_thirteenth_month_of_extension(world):
    opleider = world.users["opleider"]
    services.duration_decide(
        trainee=world.aios_trainee, actor=opleider, kind="extension", months=12, reason="Traject"
    )
    with pytest.raises(ValidationError) as error:
        services.duration_decide(
            trainee=world.aios_trainee, actor=opleider, kind="extension", months=1, reason="Meer"
        )
    assert "12" in error.value.message_dict["months"][0]
    with pytest.raises(ValidationError):
        services.duration_decide(
            trainee=world.aios_trainee, actor=opleider, kind="evc", months=2, reason=" "
        )
    with pytest.raises(PermissionDenied):
        services.duration_decide(
            trainee=world.aios_trainee,
            actor=world.users["aios"],
            kind="evc",
            months=2,
            reason="Zelf",
        )
    assert world.aios_trainee.duration_decisions.count() == 1


def test_reminders_go_to_both_once(world, django_capture_on_commit_callbacks):
    from traject.conversations import selectors

    state = selectors.trainee_cycle(world.aios_trainee).state
    upcoming = min(
        (o for o in state.obligations if o.status not in ("held", "overdue")),
        key=lambda o: o.due_by,
        default=None,
    )
    # Move the clock to 14 days before the earliest talk not yet overdue.
    day = upcoming.due_by - datetime.timedelta(days=14)
    # Everything before that day is held, so the next talk due is the one reminded of.
    for obligation in state.obligations:
        if obligation.due_by < upcoming.due_by:
            Talk.objects.create(
                trainee=world.aios_trainee,
                stage=world.nl_stage,
                kind=obligation.kind,
                training_year=obligation.training_year,
                planned_on=obligation.due_by,
                held_on=obligation.due_by,
                held_by=world.users["opleider"],
                created_by=world.users["opleider"],
            )
    with django_capture_on_commit_callbacks(execute=True):
        sent = services.reminders_send(today=day)
    assert sent == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [world.users["aios"].email, world.users["opleider"].email]
    )
    assert services.reminders_send(today=day) == 0
