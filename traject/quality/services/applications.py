"""Writes for recognition applications and reminders."""

import datetime
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from traject.accounts.roles import forget_roles
from traject.audit.models import AuditEvent
from traject.core.concurrency import delete_versioned, required_version, save_versioned
from traject.core.notifications import notify
from traject.organisation.models import (
    HospitalCoordinator,
    MinistryOfficer,
    ServiceRecognition,
    TrainerRecognition,
    TrainingService,
    recognition_end,
)

from .. import permissions
from ..models import (
    ActivityMonth,
    RecognitionApplication,
    RecognitionReminder,
    StaffMember,
    SupportingDocument,
)
from ._common import Status, _audit, _stored_name, validate_upload

# --- Recognition applications ------------------------------------------------------------


def application_create(
    *,
    kind: str,
    service: TrainingService,
    requested_places: int,
    actor,
    trainer=None,
    motivation: str = "",
) -> RecognitionApplication:
    """Start a draft recognition application for a stagedienst or a stagemeester."""
    if not permissions.can_apply_for_recognition(actor):
        raise PermissionDenied
    allowed_services = permissions.services_coordinated_by(actor) | permissions.services_trained_by(
        actor
    )
    if not allowed_services.filter(pk=service.pk).exists():
        raise PermissionDenied
    if kind == RecognitionApplication.Kind.TRAINER:
        trainer = trainer or actor
        is_coordinator = permissions.services_coordinated_by(actor).filter(pk=service.pk).exists()
        if trainer != actor and not is_coordinator:
            raise PermissionDenied
    else:
        trainer = None
    application = RecognitionApplication(
        kind=kind,
        service=service,
        trainer=trainer,
        applicant=actor,
        requested_places=requested_places,
        motivation=motivation,
    )
    with transaction.atomic():
        application.full_clean()
        application.save()
        _audit(actor, AuditEvent.Action.CREATE, application)
    return application


def _ensure_editable(application, actor):
    if not permissions.is_applicant_side(actor, application):
        raise PermissionDenied
    if not application.is_draft:
        raise ValidationError(_("Only a draft application can be changed."))


def application_update(
    *, application, requested_places: int, motivation: str, actor, expected_version=None
) -> RecognitionApplication:
    """Change the requested places and motivation of a draft."""
    _ensure_editable(application, actor)
    application.requested_places = requested_places
    application.motivation = motivation
    with transaction.atomic():
        save_versioned(application, expected_version=expected_version)
        _audit(actor, AuditEvent.Action.UPDATE, application)
    return application


def staff_member_add(
    *, application, name: str, function: str, fte, actor, recognised_specialist: bool = True
) -> StaffMember:
    """Add a line to the dossier's staff table."""
    _ensure_editable(application, actor)
    member = StaffMember(
        application=application,
        name=name,
        function=function,
        fte=Decimal(str(fte)),
        recognised_specialist=recognised_specialist,
    )
    if member.fte <= 0 or member.fte > Decimal("1.5"):
        raise ValidationError({"fte": _("FTE lies between 0 and 1.5.")})
    with transaction.atomic():
        member.full_clean()
        member.save()
        _audit(actor, AuditEvent.Action.UPDATE, application, f"staff member added: {name}")
    return member


def staff_member_remove(*, member: StaffMember, actor) -> None:
    """Remove a line from the staff table of a draft."""
    _ensure_editable(member.application, actor)
    with transaction.atomic():
        _audit(
            actor,
            AuditEvent.Action.UPDATE,
            member.application,
            f"staff member removed: {member.name}",
        )
        member.delete()


def activity_months_for(today: datetime.date) -> list[datetime.date]:
    """The twelve full months before this month, oldest first."""
    first = today.replace(day=1)
    months = []
    for back in range(12, 0, -1):
        year, month = first.year, first.month - back
        while month <= 0:
            month += 12
            year -= 1
        months.append(datetime.date(year, month, 1))
    return months


def activity_figures_save(*, application, figures: list[dict], actor, expected_version) -> None:
    """Replace the twelve months of activity figures (month, admissions, consultations, procedures).

    The figures belong to the application: the change needs the application's version the
    editor saw (428 without it, 409 when it changed meanwhile) and counts in that version."""
    _ensure_editable(application, actor)
    expected_version = required_version(expected_version)
    months = set()
    rows = []
    for figure in figures:
        month = figure["month"]
        if isinstance(month, str):
            month = datetime.date.fromisoformat(month)
        month = month.replace(day=1)
        if month in months:
            raise ValidationError({"month": _("Each month may appear once.")})
        months.add(month)
        row = ActivityMonth(
            application=application,
            month=month,
            admissions=figure.get("admissions"),
            consultations=figure.get("consultations"),
            procedures=figure.get("procedures"),
        )
        row.full_clean(exclude=["application"])
        rows.append(row)
    if len(rows) != 12:
        raise ValidationError({"figures": _("Give the figures of exactly twelve months.")})
    ordered = sorted(months)
    for earlier, later in zip(ordered, ordered[1:], strict=False):
        if (later.year - earlier.year) * 12 + later.month - earlier.month != 1:
            raise ValidationError({"figures": _("The twelve months must follow each other.")})
    with transaction.atomic():
        save_versioned(application, expected_version=expected_version)
        application.activity_months.all().delete()
        ActivityMonth.objects.bulk_create(rows)
        _audit(actor, AuditEvent.Action.UPDATE, application, "activity figures")


def document_add(*, application, kind: str, upload, actor) -> SupportingDocument:
    """Attach a supporting document (PDF, PNG, JPEG; at most 10 MB)."""
    _ensure_editable(application, actor)
    if kind not in SupportingDocument.Kind.values:
        raise ValidationError({"kind": _("Choose a type of document.")})
    extension, content_type = validate_upload(upload)
    original = Path(upload.name).name[:200]
    document = SupportingDocument(
        application=application,
        kind=kind,
        original_name=original,
        content_type=content_type,
        size=upload.size,
        uploaded_by=actor,
    )
    with transaction.atomic():
        document.file.save(_stored_name(original, extension), upload, save=False)
        document.save()
        _audit(actor, AuditEvent.Action.UPDATE, application, f"document added: {original}")
    return document


def document_remove(*, document: SupportingDocument, actor, expected_version: int) -> None:
    """Remove a document from a draft dossier: the version the editor saw is required (409 when
    it is stale)."""
    _ensure_editable(document.application, actor)
    with transaction.atomic():
        _audit(
            actor,
            AuditEvent.Action.UPDATE,
            document.application,
            f"document removed: {document.original_name}",
        )
        storage, name = document.file.storage, document.file.name
        if delete_versioned(document, expected_version=expected_version):
            transaction.on_commit(lambda: storage.delete(name))


def application_submit(*, application, actor) -> RecognitionApplication:
    """Submit a complete dossier to the ministry; the development overview is frozen with it."""
    from ..selectors import development_overview

    _ensure_editable(application, actor)
    problems = []
    if not application.staff.exists():
        problems.append(_("Add at least one member to the staff table."))
    if application.activity_months.count() != 12:
        problems.append(_("Give the activity figures of the last twelve months."))
    if not application.documents.exists():
        problems.append(_("Attach at least one supporting document."))
    if application.requested_places < 1:
        problems.append(_("Request at least one ASO place."))
    if problems:
        raise ValidationError(problems)
    today = timezone.localdate()
    application.development_overview = development_overview(application.service, today=today)
    application.status = Status.SUBMITTED
    application.submitted_on = today
    with transaction.atomic():
        save_versioned(application, expected_version=None)
        _audit(actor, AuditEvent.Action.UPDATE, application, "submitted")
        for officer in MinistryOfficer.objects.select_related("user").filter(user__is_active=True):
            notify(
                user=officer.user,
                subject_template="quality/email/application_submitted_subject.txt",
                body_template="quality/email/application_submitted_body.txt",
                context={"application": str(application), "application_id": application.pk},
            )
    return application


def _notify_applicant_side(application, subject_template, body_template, context):
    people = {application.applicant}
    if application.trainer is not None:
        people.add(application.trainer)
    for person in people:
        notify(
            user=person,
            subject_template=subject_template,
            body_template=body_template,
            context=context,
        )


def application_start_review(*, application, actor) -> RecognitionApplication:
    """A ministry officer takes a submitted dossier under review."""
    if not permissions.is_ministry_officer(actor):
        raise PermissionDenied
    if application.status != Status.SUBMITTED:
        raise ValidationError(_("Only a submitted application can be taken under review."))
    application.status = Status.UNDER_REVIEW
    with transaction.atomic():
        save_versioned(application, expected_version=None)
        _audit(actor, AuditEvent.Action.UPDATE, application, "under review")
    return application


def application_grant(
    *, application, start: datetime.date, capacity: int, actor, reference: str = ""
) -> RecognitionApplication:
    """Grant the recognition: five years from ``start``, with a capacity; creates the foundation's recognition."""
    if not permissions.can_review_application(actor, application):
        raise PermissionDenied
    if application.status != Status.UNDER_REVIEW:
        raise ValidationError(_("Take the application under review before deciding."))
    if capacity is None or capacity < 1:
        raise ValidationError({"capacity": _("The capacity must be at least 1.")})
    end = recognition_end(start)
    with transaction.atomic():
        if application.kind == RecognitionApplication.Kind.SERVICE:
            recognition = ServiceRecognition(
                service=application.service, start=start, end=end, reference=reference
            )
            recognition.full_clean()
            recognition.save()
            application.service_recognition = recognition
        else:
            recognition = TrainerRecognition(
                trainer=application.trainer,
                service=application.service,
                start=start,
                end=end,
                capacity=capacity,
                reference=reference,
            )
            recognition.full_clean()
            recognition.save()
            application.trainer_recognition = recognition
            forget_roles(application.trainer)
        application.status = Status.GRANTED
        application.granted_start = start
        application.granted_end = end
        application.granted_capacity = capacity
        application.decided_by = actor
        application.decided_on = timezone.localdate()
        save_versioned(application, expected_version=None)
        _audit(
            actor,
            AuditEvent.Action.UPDATE,
            application,
            f"granted {start} – {end}, capacity {capacity}",
        )
        _audit(actor, AuditEvent.Action.CREATE, recognition)
        _notify_applicant_side(
            application,
            "quality/email/application_decided_subject.txt",
            "quality/email/application_decided_body.txt",
            {"application": str(application), "application_id": application.pk, "granted": True},
        )
    return application


def application_refuse(*, application, reason: str, actor) -> RecognitionApplication:
    """Refuse the recognition, with the reason the applicant will read."""
    if not permissions.can_review_application(actor, application):
        raise PermissionDenied
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give the reason for the refusal.")})
    application.status = Status.REFUSED
    application.refusal_reason = reason.strip()
    application.decided_by = actor
    application.decided_on = timezone.localdate()
    with transaction.atomic():
        save_versioned(application, expected_version=None)
        _audit(actor, AuditEvent.Action.UPDATE, application, "refused")
        _notify_applicant_side(
            application,
            "quality/email/application_decided_subject.txt",
            "quality/email/application_decided_body.txt",
            {"application": str(application), "application_id": application.pk, "granted": False},
        )
    return application


def applications_expire(*, today: datetime.date) -> int:
    """Mark granted applications whose recognition has ended as expired."""
    stale = RecognitionApplication.objects.filter(status=Status.GRANTED, granted_end__lt=today)
    count = 0
    for application in stale:
        application.status = Status.EXPIRED
        with transaction.atomic():
            save_versioned(application, expected_version=None)
            _audit(None, AuditEvent.Action.UPDATE, application, "expired")
        count += 1
    return count


def _reminder_kind(end: datetime.date, today: datetime.date) -> str | None:
    if today > end:
        return None
    if today >= _months_before(end, 1):
        return RecognitionReminder.Kind.ONE_MONTH
    if today >= _months_before(end, 6):
        return RecognitionReminder.Kind.SIX_MONTHS
    return None


def _months_before(day: datetime.date, months: int) -> datetime.date:
    year, month = day.year, day.month - months
    while month <= 0:
        month += 12
        year -= 1
    for candidate in range(day.day, 0, -1):
        try:
            return datetime.date(year, month, candidate)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def recognition_reminders_send(*, today: datetime.date) -> int:
    """Remind six months and one month before a recognition ends; each reminder goes out once."""
    horizon = today + datetime.timedelta(days=186)
    sent = 0
    for recognition in ServiceRecognition.objects.filter(
        end__gte=today, end__lte=horizon
    ).select_related("service__hospital"):
        if ServiceRecognition.objects.filter(
            service=recognition.service, start__gt=recognition.end
        ).exists():
            continue  # renewed already
        kind = _reminder_kind(recognition.end, today)
        if kind is None:
            continue
        recipients = {
            c.user
            for c in HospitalCoordinator.objects.filter(hospital=recognition.service.hospital)
        }
        recipients |= {
            r.trainer
            for r in TrainerRecognition.objects.filter(
                service=recognition.service, start__lte=today, end__gte=today
            ).select_related("trainer")
        }
        sent += _send_reminder(
            {"service_recognition": recognition},
            kind,
            today,
            recipients,
            what=str(recognition.service),
            end=recognition.end,
        )
    for recognition in TrainerRecognition.objects.filter(
        end__gte=today, end__lte=horizon
    ).select_related("service", "trainer"):
        if TrainerRecognition.objects.filter(
            trainer=recognition.trainer, service=recognition.service, start__gt=recognition.end
        ).exists():
            continue
        kind = _reminder_kind(recognition.end, today)
        if kind is None:
            continue
        sent += _send_reminder(
            {"trainer_recognition": recognition},
            kind,
            today,
            {recognition.trainer},
            what=f"{recognition.trainer} – {recognition.service}",
            end=recognition.end,
        )
    return sent


def _send_reminder(target: dict, kind: str, today, recipients, *, what: str, end) -> int:
    with transaction.atomic():
        if (
            kind == RecognitionReminder.Kind.SIX_MONTHS
            and RecognitionReminder.objects.filter(
                **target, kind=RecognitionReminder.Kind.ONE_MONTH
            ).exists()
        ):
            return 0
        _reminder, created = RecognitionReminder.objects.get_or_create(
            **target, kind=kind, defaults={"sent_on": today}
        )
        if not created:
            return 0
        for person in recipients:
            if not person.is_active:
                continue
            notify(
                user=person,
                subject_template="quality/email/recognition_reminder_subject.txt",
                body_template="quality/email/recognition_reminder_body.txt",
                context={"what": what, "end": end.isoformat(), "kind": kind},
            )
    return 1
