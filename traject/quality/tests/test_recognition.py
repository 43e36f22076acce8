import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from traject.organisation.models import TrainerRecognition, recognition_end
from traject.quality.models import RecognitionApplication, RecognitionReminder
from traject.quality.services import (
    activity_figures_save,
    activity_months_for,
    application_create,
    application_grant,
    application_refuse,
    application_start_review,
    application_submit,
    document_add,
    educational_activity_create,
    recognition_reminders_send,
    staff_member_add,
)
from traject.quality.tasks import run_daily

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%fake but well-formed enough for the signature check\n"


def pdf(name="plan.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def complete_draft(w, kind=RecognitionApplication.Kind.TRAINER):
    actor = w.users["stagemeester"]
    application = application_create(kind=kind, service=w.service, requested_places=3, actor=actor)
    staff_member_add(application=application, name="Dr. A", function="staflid", fte=1, actor=actor)
    activity_figures_save(
        application=application,
        figures=[
            {"month": m, "admissions": 100, "consultations": 300, "procedures": 40}
            for m in activity_months_for(timezone.localdate())
        ],
        actor=actor,
        expected_version=application.version,
    )
    document_add(application=application, kind="training_plan", upload=pdf(), actor=actor)
    return application


def test_a_dossier_is_submitted_reviewed_and_granted_for_five_years_with_a_capacity(world):
    educational_activity_create(
        service=world.service,
        participant="Dr. A",
        title="Feedback geven",
        provider="Academie",
        date=timezone.localdate() - datetime.timedelta(days=100),
        hours=4,
        actor=world.users["stagemeester"],
    )
    application = complete_draft(world)
    application_submit(application=application, actor=world.users["stagemeester"])
    assert application.status == "submitted"
    assert [a["title"] for a in application.development_overview] == ["Feedback geven"]
    application_start_review(application=application, actor=world.users["ministry"])
    start = datetime.date(2027, 1, 1)
    application_grant(
        application=application, start=start, capacity=4, actor=world.users["ministry"]
    )
    recognition = application.trainer_recognition
    assert isinstance(recognition, TrainerRecognition)
    assert recognition.end == recognition_end(start) == datetime.date(2031, 12, 31)
    assert recognition.capacity == 4 and recognition.trainer == world.users["stagemeester"]


def test_an_incomplete_dossier_cannot_be_submitted(world):
    application = application_create(
        kind="service", service=world.service, requested_places=2, actor=world.users["coordinator"]
    )
    with pytest.raises(ValidationError) as error:
        application_submit(application=application, actor=world.users["coordinator"])
    assert len(error.value.messages) == 3


def test_a_refusal_needs_a_reason_and_only_the_ministry_decides(world):
    application = complete_draft(world)
    application_submit(application=application, actor=world.users["stagemeester"])
    with pytest.raises(PermissionDenied):
        application_refuse(
            application=application, reason="x", actor=world.users["programme_admin"]
        )
    with pytest.raises(ValidationError):
        application_refuse(application=application, reason=" ", actor=world.users["ministry"])
    application_refuse(
        application=application, reason="Te weinig supervisie", actor=world.users["ministry"]
    )
    assert application.status == "refused"


def test_a_stagemeester_cannot_apply_for_another_hospitals_service(world):
    with pytest.raises(PermissionDenied):
        application_create(
            kind="service",
            service=world.other_service,
            requested_places=2,
            actor=world.users["stagemeester"],
        )


@pytest.mark.parametrize(
    ("name", "content"),
    [("plan.pdf", b"MZ\x90\x00 not a pdf"), ("plan.exe", PDF), ("plan.pdf", b"")],
)
def test_a_document_of_the_wrong_type_or_content_is_refused(world, name, content):
    application = application_create(
        kind="service", service=world.service, requested_places=2, actor=world.users["coordinator"]
    )
    with pytest.raises(ValidationError):
        document_add(
            application=application,
            kind="other",
            upload=pdf(name, content),
            actor=world.users["coordinator"],
        )


def test_a_document_larger_than_ten_megabytes_is_refused(world):
    application = application_create(
        kind="service", service=world.service, requested_places=2, actor=world.users["coordinator"]
    )
    big = PDF + b"0" * (10 * 1024 * 1024)
    with pytest.raises(ValidationError):
        document_add(
            application=application,
            kind="other",
            upload=pdf(content=big),
            actor=world.users["coordinator"],
        )


def test_reminders_go_out_six_months_and_one_month_before_the_end_once_each(
    world, django_capture_on_commit_callbacks
):
    end = world.trainer_recognition.end
    six = end - datetime.timedelta(days=170)
    one = end - datetime.timedelta(days=20)
    with django_capture_on_commit_callbacks(execute=True):
        recognition_reminders_send(today=six)
        recognition_reminders_send(today=six)
    kinds = set(RecognitionReminder.objects.values_list("kind", flat=True))
    assert kinds == {"6m"}
    trainer_mails = [m for m in mail.outbox if m.to == [world.users["stagemeester"].email]]
    assert len(trainer_mails) == 2  # their own recognition and the service's
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        run_daily(one)
        run_daily(one)
    assert set(RecognitionReminder.objects.values_list("kind", flat=True)) == {"6m", "1m"}
    assert len([m for m in mail.outbox if m.to == [world.users["stagemeester"].email]]) == 2


def test_a_granted_application_expires_after_its_end(world):
    application = complete_draft(world)
    application_submit(application=application, actor=world.users["stagemeester"])
    application_start_review(application=application, actor=world.users["ministry"])
    application_grant(
        application=application,
        start=datetime.date(2020, 1, 1),
        capacity=2,
        actor=world.users["ministry"],
    )
    run_daily(datetime.date(2025, 1, 1))
    application.refresh_from_db()
    assert application.status == "expired"


def test_each_waiting_application_is_one_tap_from_the_ministry_dashboard(client, world):
    from django.urls import reverse

    educational_activity_create(
        service=world.service,
        participant="Dr. A",
        title="Feedback geven",
        provider="Academie",
        date=timezone.localdate() - datetime.timedelta(days=100),
        hours=4,
        actor=world.users["stagemeester"],
    )
    application = complete_draft(world)
    application_submit(application=application, actor=world.users["stagemeester"])
    client.force_login(world.users["ministry"])
    body = client.get(reverse("core:dashboard")).content.decode()
    assert reverse("quality:application_detail", args=[application.pk]) in body
