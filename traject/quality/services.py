"""Writes for quality of training: every view, endpoint, command and task goes through these."""

import datetime
import uuid
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from traject.accounts.models import User
from traject.accounts.roles import forget_roles
from traject.audit.models import AuditEvent
from traject.audit.services import audit_record
from traject.core import uploads
from traject.core.concurrency import save_versioned
from traject.core.notifications import notify
from traject.organisation.models import (
    HospitalCoordinator,
    MinistryOfficer,
    ServiceRecognition,
    Stage,
    Trainee,
    TrainerRecognition,
    TrainingService,
    recognition_end,
)

from . import permissions
from .models import (
    ActivityMonth,
    AnswerSet,
    Audience,
    Campaign,
    EducationalActivity,
    ImprovementAction,
    Instrument,
    Invitation,
    Item,
    RecognitionApplication,
    RecognitionReminder,
    SelfEvaluation,
    StaffMember,
    SupportingDocument,
    Theme,
)
from .scoring import valid_score

FREE_TEXT_MAX = 2000
Status = RecognitionApplication.Status


def _audit(actor, action, target, summary=""):
    audit_record(actor=actor, action=action, target=target, summary=summary)


# --- Uploads -------------------------------------------------------------------------------


def validate_upload(upload) -> tuple[str, str]:
    """Check a dossier document or proof (PDF or image); return (extension, content type)."""
    if upload is None:
        raise ValidationError({"file": _("Choose a file.")})
    try:
        content_type = uploads.validate_upload(upload, allowed=uploads.PDF_AND_IMAGES)
    except ValidationError as error:
        raise ValidationError({"file": error.messages})
    return Path(upload.name).suffix.lower(), content_type


def _stored_name(original: str, extension: str) -> str:
    # A random name on disk: the original name is kept in the database only.
    return f"{uuid.uuid4().hex}{extension}"


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


def activity_figures_save(*, application, figures: list[dict], actor) -> None:
    """Replace the twelve months of activity figures (month, admissions, consultations, procedures)."""
    _ensure_editable(application, actor)
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


def document_remove(*, document: SupportingDocument, actor) -> None:
    _ensure_editable(document.application, actor)
    with transaction.atomic():
        _audit(
            actor,
            AuditEvent.Action.UPDATE,
            document.application,
            f"document removed: {document.original_name}",
        )
        storage, name = document.file.storage, document.file.name
        document.delete()
        transaction.on_commit(lambda: storage.delete(name))


def application_submit(*, application, actor) -> RecognitionApplication:
    """Submit a complete dossier to the ministry; the development overview is frozen with it."""
    from .selectors import development_overview

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


# --- Campaigns and anonymous responses ---------------------------------------------------


def campaign_invitees(campaign: Campaign) -> list[dict]:
    """Who a campaign addresses, each with the group their answers will count for."""
    audience = campaign.instrument.audience
    day = campaign.opens
    rows: list[dict] = []
    if audience == Audience.ASO:
        trainees = Trainee.objects.filter(training_start__lte=day, user__is_active=True)
        if campaign.university_id:
            trainees = trainees.filter(university_id=campaign.university_id)
        if campaign.specialty_id:
            trainees = trainees.filter(specialty_id=campaign.specialty_id)
        trainees = {t.pk: t for t in trainees.select_related("specialty")}
        seen = set()
        # The current stage, or the last one: the most recent stage started by the opening day.
        stages = (
            Stage.objects.filter(trainee_id__in=list(trainees), start__lte=day)
            .select_related("service__hospital")
            .order_by("trainee_id", "-start")
        )
        for stage in stages:
            if stage.trainee_id in seen:
                continue
            seen.add(stage.trainee_id)
            trainee = trainees[stage.trainee_id]
            rows.append(
                {
                    "user_id": trainee.user_id,
                    "service_id": stage.service_id,
                    "hospital_id": stage.service.hospital_id,
                    "specialty_id": stage.service.specialty_id,
                    "training_year": trainee.training_year_on(day),
                }
            )
    elif audience == Audience.STAGEMEESTER:
        recognitions = TrainerRecognition.objects.filter(
            start__lte=day, end__gte=day, trainer__is_active=True
        ).select_related("service")
        if campaign.university_id:
            recognitions = recognitions.filter(
                service__hospital__university_id=campaign.university_id
            )
        if campaign.specialty_id:
            recognitions = recognitions.filter(service__specialty_id=campaign.specialty_id)
        seen = set()
        for recognition in recognitions.order_by("trainer_id", "-start"):
            if recognition.trainer_id in seen:
                continue
            seen.add(recognition.trainer_id)
            rows.append(
                {
                    "user_id": recognition.trainer_id,
                    "service_id": recognition.service_id,
                    "hospital_id": recognition.service.hospital_id,
                    "specialty_id": recognition.service.specialty_id,
                    "training_year": None,
                }
            )
    elif audience == Audience.COORDINATOR:
        coordinators = HospitalCoordinator.objects.filter(user__is_active=True)
        if campaign.university_id:
            coordinators = coordinators.filter(hospital__university_id=campaign.university_id)
        seen = set()
        for coordinator in coordinators.order_by("user_id", "hospital_id"):
            if coordinator.user_id in seen:
                continue
            seen.add(coordinator.user_id)
            rows.append(
                {
                    "user_id": coordinator.user_id,
                    "service_id": None,
                    "hospital_id": coordinator.hospital_id,
                    "specialty_id": None,
                    "training_year": None,
                }
            )
    return rows


def campaign_open(
    *,
    name: str,
    instrument: Instrument,
    opens: datetime.date,
    closes: datetime.date,
    actor,
    university=None,
    specialty=None,
) -> Campaign:
    """Open a survey campaign for a period and invite everyone it addresses."""
    scope = (getattr(university, "pk", None), getattr(specialty, "pk", None))
    scopes = permissions.campaign_scopes(actor)
    if not scopes:
        raise PermissionDenied
    if scope not in scopes and not any(
        u == scope[0] and s is None and u is not None for u, s in scopes
    ):
        raise PermissionDenied(_("You cannot open a campaign for this scope."))
    if instrument.audience == Audience.TRAINER_SELF:
        raise ValidationError({"instrument": _("The self-evaluation is not a survey.")})
    if closes < opens:
        raise ValidationError({"closes": _("The campaign closes before it opens.")})
    if closes < timezone.localdate():
        raise ValidationError({"closes": _("The closing date lies in the past.")})
    campaign = Campaign(
        name=name,
        instrument=instrument,
        university=university,
        specialty=specialty,
        opens=opens,
        closes=closes,
        created_by=actor,
    )
    with transaction.atomic():
        campaign.full_clean()
        campaign.save()
        invitees = campaign_invitees(campaign)
        Invitation.objects.bulk_create(
            [Invitation(campaign=campaign, **row) for row in invitees], batch_size=1000
        )
        # One empty answer slot per invitee, with random keys, made before any response.
        AnswerSet.objects.bulk_create(
            [AnswerSet(campaign=campaign) for _row in invitees], batch_size=1000
        )
        _audit(actor, AuditEvent.Action.CREATE, campaign, f"{len(invitees)} invitations")
        from .tasks import send_campaign_invitations

        if campaign.opens <= timezone.localdate():
            Campaign.objects.filter(pk=campaign.pk).update(invited_on=timezone.localdate())
            campaign.invited_on = timezone.localdate()
            transaction.on_commit(
                lambda: send_campaign_invitations.enqueue(campaign_id=campaign.pk)
            )
    return campaign


def campaign_send_reminders(*, campaign: Campaign, actor=None) -> None:
    """Queue a reminder to everyone who has not responded yet."""
    if actor is not None and not permissions.can_manage_campaign(actor, campaign):
        raise PermissionDenied
    if not campaign.is_open:
        raise ValidationError(_("The campaign is closed."))
    from .tasks import send_campaign_reminders

    with transaction.atomic():
        Campaign.objects.filter(pk=campaign.pk).update(reminder_sent_on=timezone.localdate())
        campaign.reminder_sent_on = timezone.localdate()
        _audit(actor, AuditEvent.Action.UPDATE, campaign, "reminders sent")
        transaction.on_commit(lambda: send_campaign_reminders.enqueue(campaign_id=campaign.pk))


def campaign_close(*, campaign: Campaign, actor=None) -> Campaign:
    """Close a campaign: no more responses; its reports become available."""
    if actor is not None and not permissions.can_manage_campaign(actor, campaign):
        raise PermissionDenied
    if not campaign.is_open:
        raise ValidationError(_("The campaign is already closed."))
    with transaction.atomic():
        campaign.status = Campaign.Status.CLOSED
        campaign.closed_on = timezone.localdate()
        save_versioned(campaign, expected_version=None)
        AnswerSet.objects.filter(campaign=campaign, filled=False).delete()
        _blur(campaign)
        _audit(actor, AuditEvent.Action.UPDATE, campaign, "closed")
        from .tasks import announce_reports

        transaction.on_commit(lambda: announce_reports.enqueue(campaign_id=campaign.pk))
    return campaign


def _blur(campaign: Campaign) -> None:
    # Rewrite every answer set of the campaign in one statement. On PostgreSQL a row version
    # carries the writing transaction's id (xmin) and a physical position; without this, the
    # slot filled by a response would share its xmin with the respondent's invitation.
    AnswerSet.objects.filter(campaign=campaign).update(filled=F("filled"))


def survey_response_submit(*, campaign: Campaign, scores: dict, actor, free_text: str = "") -> None:
    """Record a response: flag the invitation, fill a random anonymous slot. Returns nothing on purpose."""
    today = timezone.localdate()
    if not campaign.is_open or not (campaign.opens <= today <= campaign.closes):
        raise ValidationError(_("This survey is not open."))
    codes = set(
        Item.objects.filter(theme__instrument_id=campaign.instrument_id).values_list(
            "code", flat=True
        )
    )
    if not isinstance(scores, dict):
        raise ValidationError({"scores": _("Answer every statement.")})
    unknown = set(scores) - codes
    missing = codes - set(scores)
    if unknown:
        raise ValidationError({"scores": _("Unknown statements in the answer.")})
    if missing:
        raise ValidationError({"scores": _("Answer every statement (or choose “not applicable”).")})
    if not all(valid_score(value) for value in scores.values()):
        raise ValidationError(
            {"scores": _("Answers lie between 1 and 5, or are “not applicable”.")}
        )
    free_text = (free_text or "").strip()
    if len(free_text) > FREE_TEXT_MAX:
        raise ValidationError({"free_text": _("At most 2000 characters.")})
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update().filter(campaign=campaign, user=actor).first()
        )
        if invitation is None:
            raise PermissionDenied
        if invitation.responded:
            raise ValidationError(_("You have already answered this survey."))
        slot = AnswerSet.objects.filter(campaign=campaign, filled=False).order_by("?").first()
        if slot is None:  # more responses than slots cannot happen; stay anonymous regardless
            slot = AnswerSet(campaign=campaign)
        slot.filled = True
        slot.service_id = invitation.service_id
        slot.hospital_id = invitation.hospital_id
        slot.specialty_id = invitation.specialty_id
        slot.training_year = invitation.training_year
        slot.scores = {code: scores[code] for code in sorted(codes)}
        slot.free_text = free_text
        slot.save()
        invitation.responded = True
        invitation.save(update_fields=["responded"])
        _blur(campaign)
    # Deliberately no audit event: its timestamp and actor would order the responses.


def campaigns_daily(*, today: datetime.date) -> dict:
    """Send invitations of campaigns opening today, one reminder a week before closing, close past campaigns."""
    from .tasks import send_campaign_invitations

    result = {"invited": 0, "reminded": 0, "closed": 0}
    for campaign in Campaign.objects.filter(status=Campaign.Status.OPEN):
        if campaign.closes < today:
            campaign_close(campaign=campaign)
            result["closed"] += 1
        elif campaign.invited_on is None and campaign.opens <= today:
            Campaign.objects.filter(pk=campaign.pk).update(invited_on=today)
            send_campaign_invitations.enqueue(campaign_id=campaign.pk)
            result["invited"] += 1
        elif (
            campaign.closes - today <= datetime.timedelta(days=7)
            and campaign.invited_on is not None
            and campaign.invited_on < today
            and campaign.reminder_sent_on is None
        ):
            campaign_send_reminders(campaign=campaign)
            result["reminded"] += 1
    return result


def improvement_action_create(
    *, service: TrainingService, campaign: Campaign, action: str, actor, theme: Theme | None = None
) -> ImprovementAction:
    """A stagemeester answers the report of a campaign with an improvement action."""
    from .selectors import service_visible_in

    if not permissions.can_write_improvement_action(actor, service):
        raise PermissionDenied
    if campaign.is_open or not service_visible_in(campaign, service):
        raise ValidationError(_("There is no report of this campaign for this stagedienst."))
    if theme is not None and theme.instrument_id != campaign.instrument_id:
        raise ValidationError({"theme": _("This theme is not part of the survey.")})
    if not (action or "").strip():
        raise ValidationError({"action": _("Describe the action.")})
    record = ImprovementAction(
        service=service, campaign=campaign, theme=theme, action=action.strip(), author=actor
    )
    with transaction.atomic():
        record.full_clean()
        record.save()
        _audit(actor, AuditEvent.Action.CREATE, record)
    return record


def improvement_action_update(
    *,
    improvement_action: ImprovementAction,
    status: str,
    follow_up: str,
    actor,
    expected_version=None,
) -> ImprovementAction:
    """Follow up an improvement action (status and what was done)."""
    if not permissions.can_write_improvement_action(actor, improvement_action.service):
        raise PermissionDenied
    improvement_action.status = status
    improvement_action.follow_up = (follow_up or "").strip()
    with transaction.atomic():
        save_versioned(improvement_action, expected_version=expected_version)
        _audit(actor, AuditEvent.Action.UPDATE, improvement_action)
    return improvement_action


# --- Trainers' own development -----------------------------------------------------------


def self_evaluation_create(*, scores: dict, actor, reflection: str = "") -> SelfEvaluation:
    """Record a self-evaluation on the competency profile, visible to the trainer alone."""
    from .instruments import TRAINER_PROFILE, get_instrument

    if not permissions.can_self_evaluate(actor):
        raise PermissionDenied
    instrument = get_instrument(TRAINER_PROFILE)
    codes = set(Item.objects.filter(theme__instrument=instrument).values_list("code", flat=True))
    if not isinstance(scores, dict) or set(scores) != codes:
        raise ValidationError({"scores": _("Rate every indicator (or choose “not applicable”).")})
    if not all(valid_score(value) for value in scores.values()):
        raise ValidationError(
            {"scores": _("Answers lie between 1 and 5, or are “not applicable”.")}
        )
    evaluation = SelfEvaluation(
        trainer=actor, instrument=instrument, scores=scores, reflection=(reflection or "").strip()
    )
    with transaction.atomic():
        evaluation.full_clean()
        evaluation.save()
        # The audit log records that it happened, not the answers.
        _audit(actor, AuditEvent.Action.CREATE, evaluation, "self-evaluation")
    return evaluation


def educational_activity_create(
    *,
    service: TrainingService,
    participant: str,
    title: str,
    provider: str,
    date: datetime.date,
    hours,
    actor,
    accreditation: str = "",
    proof=None,
) -> EducationalActivity:
    """Log an accredited educational activity of a member of the training group."""
    if not permissions.can_log_activity_for(actor, service):
        raise PermissionDenied
    if date > timezone.localdate():
        raise ValidationError({"date": _("The activity lies in the future.")})
    activity = EducationalActivity(
        service=service,
        participant=participant,
        title=title,
        provider=provider,
        date=date,
        hours=Decimal(str(hours)),
        accreditation=accreditation,
        recorded_by=actor,
    )
    if activity.hours <= 0 or activity.hours > 200:
        raise ValidationError({"hours": _("Hours lie between 0 and 200.")})
    with transaction.atomic():
        activity.full_clean(exclude=["proof"])
        if proof is not None:
            extension, _content_type = validate_upload(proof)
            activity.proof_name = Path(proof.name).name[:200]
            activity.proof.save(_stored_name(proof.name, extension), proof, save=False)
        activity.save()
        _audit(actor, AuditEvent.Action.CREATE, activity)
    return activity


def educational_activity_delete(*, activity: EducationalActivity, actor) -> None:
    if not permissions.can_log_activity_for(actor, activity.service):
        raise PermissionDenied
    with transaction.atomic():
        _audit(actor, AuditEvent.Action.DELETE, activity)
        storage, name = activity.proof.storage, activity.proof.name
        activity.delete()
        if name:
            transaction.on_commit(lambda: storage.delete(name))


def user_by_email(email: str) -> User | None:
    return User.objects.filter(email__iexact=(email or "").strip(), is_active=True).first()
