import contextlib
import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from traject.programme import selectors, services
from traject.programme.models import Registration
from traject.quality.models import EducationalActivity
from traject.testing import factories as f

from .helpers import make_session, move_to_past

pytestmark = pytest.mark.django_db


def test_organiser_creates_a_session_for_their_university_only(world):
    admin = world.users["programme_admin"]
    starts = timezone.now() + datetime.timedelta(days=3)
    fields = {
        "title": "Beoordelen van ASO",
        "theme": "assessment",
        "organiser_kind": "university",
        "organiser_name": "UGent",
        "starts": starts,
        "ends": starts + datetime.timedelta(hours=2),
        "place": "",
        "online": True,
        "points": Decimal("2"),
        "capacity": 20,
        "country": "BE",
    }
    session = services.trainer_session_create(actor=admin, university=world.university, **fields)
    assert session.pk and session.created_by == admin
    with pytest.raises(PermissionDenied):
        services.trainer_session_create(actor=admin, university=world.other_university, **fields)
    with pytest.raises(PermissionDenied):
        services.trainer_session_create(
            actor=world.users["stagemeester"], university=world.university, **fields
        )
    with pytest.raises(ValidationError):
        services.trainer_session_create(
            actor=admin, university=world.university, **{**fields, "title": "a\x00b"}
        )


def test_capacity_is_enforced_and_a_trainer_registers_once(world):
    session = make_session(world, capacity=1)
    services.registration_create(session=session, actor=world.users["stagemeester"])
    with pytest.raises(ValidationError):
        services.registration_create(session=session, actor=world.users["stagemeester"])
    with pytest.raises(ValidationError):
        services.registration_create(session=session, actor=world.users["other_stagemeester"])
    assert Registration.objects.filter(session=session).count() == 1


def test_an_aso_cannot_register(world):
    session = make_session(world)
    with pytest.raises(PermissionDenied):
        services.registration_create(session=session, actor=world.users["aso"])


def test_unregister_frees_the_place(world):
    session = make_session(world, capacity=1)
    services.registration_create(session=session, actor=world.users["stagemeester"])
    services.registration_cancel(session=session, actor=world.users["stagemeester"])
    services.registration_create(session=session, actor=world.users["other_stagemeester"])
    assert list(session.registrations.values_list("trainer", flat=True)) == [
        world.users["other_stagemeester"].pk
    ]


def test_attendance_makes_an_entry_in_the_development_log_and_counts_for_the_year(
    world, django_capture_on_commit_callbacks
):
    trainer = world.users["stagemeester"]
    session = make_session(world, points="4.0")
    registration = services.registration_create(session=session, actor=trainer)
    with pytest.raises(ValidationError):  # not before the session
        services.attendance_record(registration=registration, actor=world.users["programme_admin"])
    move_to_past(session)
    registration.refresh_from_db()
    with pytest.raises(PermissionDenied):  # the trainer does not record their own attendance
        services.attendance_record(registration=registration, actor=trainer)
    before = selectors.yearly_status(trainer)
    with django_capture_on_commit_callbacks(execute=True):
        services.attendance_record(registration=registration, actor=world.users["programme_admin"])
    registration.refresh_from_db()
    assert registration.attended
    activity = EducationalActivity.objects.get(pk=registration.activity_id)
    assert activity.service == world.service
    assert activity.title == session.title
    assert activity.participant == trainer.get_full_name()
    after = selectors.yearly_status(trainer)
    if timezone.localtime(session.starts).year == timezone.localdate().year:
        assert after["points"] == before["points"] + Decimal("4.0")
    assert any(trainer.email in m.to for m in mail.outbox)
    with pytest.raises(ValidationError):
        services.attendance_record(registration=registration, actor=world.users["programme_admin"])


def test_yearly_requirement_is_data_per_role_and_country(world):
    status = selectors.yearly_status(world.users["stagemeester"])
    assert status["country"] == "BE"
    assert status["required"] == Decimal("6.0")
    assert status["meets"] is False
    nl = selectors.yearly_status(world.users["opleider"])
    assert nl["country"] == "NL" and nl["required"] == Decimal("8.0")


def test_coordinator_sees_the_hospitals_trainers(world):
    rows = selectors.hospital_overview(world.users["coordinator"])
    assert [r["trainer"] for r in rows] == [world.users["stagemeester"]]  # not AZ Brugge's


def test_reminder_the_day_before_goes_once(world, django_capture_on_commit_callbacks):
    session = make_session(world, days=1)
    services.registration_create(session=session, actor=world.users["stagemeester"])
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.session_reminders_send(today=today) == 1
    assert services.session_reminders_send(today=today) == 0
    assert any("stagemeester@" in m.to[0] for m in mail.outbox)


def test_concurrent_registrations_respect_capacity_on_a_second_session(world):
    # Many trainers for few places: never more registrations than places.
    session = make_session(world, capacity=2)
    trainers = [world.users["stagemeester"], world.users["other_stagemeester"]]
    trainers += [f.TrainerRecognitionFactory(service=world.service).trainer for _ in range(2)]
    for trainer in trainers:
        with contextlib.suppress(ValidationError):
            services.registration_create(session=session, actor=trainer)
    assert session.registrations.count() == 2
