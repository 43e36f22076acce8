import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from traject.audit.models import AuditEvent
from traject.core.concurrency import ConflictError
from traject.organisation.models import Stage
from traject.organisation.services import stage_save
from traject.testing import factories as f


def _new_stage(world, trainee, start=None, end=None, stagemeester=None):
    return Stage(
        trainee=trainee,
        service=world.service,
        stagemeester=stagemeester or world.users["stagemeester"],
        start=start or world.stage.start,
        end=end or world.stage.end,
    )


def _fill_to_capacity(world):
    """The persona stagemeester (capacity 3) already has the persona ASO; add two more."""
    for _ in range(2):
        trainee = f.TraineeFactory(university=world.university, specialty=world.specialty)
        stage_save(stage=_new_stage(world, trainee), actor=world.users["programme_admin"])


def test_programme_admin_assigns_a_stage_within_capacity(world):
    trainee = f.TraineeFactory(university=world.university, specialty=world.specialty)
    stage = stage_save(stage=_new_stage(world, trainee), actor=world.users["programme_admin"])
    assert stage.pk and stage.exception_reason == ""
    assert AuditEvent.objects.filter(
        action="create", object_type="organisation.stage", object_id=str(stage.pk)
    ).exists()


def test_assignment_beyond_capacity_is_refused_naming_days_and_limit(world):
    _fill_to_capacity(world)
    trainee = f.TraineeFactory(university=world.university, specialty=world.specialty)
    start = world.stage.start + datetime.timedelta(days=5)
    end = start + datetime.timedelta(days=9)
    with translation.override("en"), pytest.raises(ValidationError) as excinfo:
        stage_save(
            stage=_new_stage(world, trainee, start, end), actor=world.users["programme_admin"]
        )
    message = " ".join(excinfo.value.messages)
    assert "4 ASO at the same time" in message
    assert "the recognised limit is 3" in message
    assert f"{start.day} " in message and str(end.year) in message
    assert not Stage.objects.filter(trainee=trainee).exists()


def test_refusal_message_is_in_the_users_language(world):
    _fill_to_capacity(world)
    trainee = f.TraineeFactory(university=world.university, specialty=world.specialty)
    with translation.override("nl"), pytest.raises(ValidationError) as excinfo:
        stage_save(stage=_new_stage(world, trainee), actor=world.users["programme_admin"])
    assert "grens" in " ".join(excinfo.value.messages)


def test_an_explicit_exception_lets_the_stage_through_and_is_logged(world):
    _fill_to_capacity(world)
    trainee = f.TraineeFactory(university=world.university, specialty=world.specialty)
    admin = world.users["programme_admin"]
    stage = stage_save(
        stage=_new_stage(world, trainee),
        actor=admin,
        exception_reason="Overbrugging na ziekte collega",
    )
    assert stage.exception_reason == "Overbrugging na ziekte collega"
    assert stage.exception_recorded_by == admin
    event = AuditEvent.objects.get(action=AuditEvent.Action.EXCEPTION, object_id=str(stage.pk))
    assert event.actor == admin and "Overbrugging" in event.summary


def test_stage_outside_the_stagemeesters_recognition_is_refused(world):
    trainee = f.TraineeFactory(university=world.university, specialty=world.specialty)
    end_of_recognition = world.trainer_recognition.end
    stage = _new_stage(
        world,
        trainee,
        end_of_recognition - datetime.timedelta(days=3),
        end_of_recognition + datetime.timedelta(days=3),
    )
    with translation.override("en"), pytest.raises(ValidationError) as excinfo:
        stage_save(stage=stage, actor=world.users["programme_admin"])
    assert "no valid recognition" in " ".join(excinfo.value.messages)


def test_only_an_administrator_in_scope_assigns_stages(world):
    trainee = f.TraineeFactory(university=world.university, specialty=world.specialty)
    for persona in ["aso", "stagemeester", "coordinator", "mentor", "ministry"]:
        with pytest.raises(PermissionDenied):
            stage_save(stage=_new_stage(world, trainee), actor=world.users[persona])
    outsider = f.ProgrammeAdministratorFactory(university=world.other_university).user
    with pytest.raises(PermissionDenied):
        stage_save(stage=_new_stage(world, trainee), actor=outsider)


def test_an_edit_based_on_an_old_version_is_refused(world):
    admin = world.users["programme_admin"]
    stage = Stage.objects.get(pk=world.stage.pk)
    old_version = stage.version
    stage.end = stage.end - datetime.timedelta(days=1)
    stage_save(stage=stage, actor=admin, expected_version=old_version)
    stale = Stage.objects.get(pk=world.stage.pk)
    stale.end = stale.end - datetime.timedelta(days=1)
    with pytest.raises(ConflictError):
        stage_save(stage=stale, actor=admin, expected_version=old_version)
