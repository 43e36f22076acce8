"""Writes for the programme: every view, endpoint, task and the daily job go through these."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from traject.audit.models import AuditEvent
from traject.audit.services import audit_record
from traject.core.notifications import notify

from . import permissions
from .models import CourseEvaluation, NewsItem, NewsRead, Registration, TrainerSession

TEXT_MAX = 5000
COURSE_INSTRUMENT = "msg-course-evaluation"


def _audit(actor, action, target, summary=""):
    audit_record(actor=actor, action=action, target=target, summary=summary)


def _clean_text(value: str, field: str, *, limit: int = TEXT_MAX, required: bool = True) -> str:
    value = (value or "").strip()
    if "\x00" in value:
        raise ValidationError({field: _("The text contains a forbidden character.")})
    if required and not value:
        raise ValidationError({field: _("This field is required.")})
    if len(value) > limit:
        raise ValidationError({field: _("The text is too long.")})
    return value


# --- Trainer sessions ----------------------------------------------------------------------


def trainer_session_create(*, actor, **fields) -> TrainerSession:
    """Add a session to the catalogue (an organiser: university, hospital or the ministry)."""
    if not permissions.can_organise(actor):
        raise PermissionDenied
    university, hospital = fields.get("university"), fields.get("hospital")
    from traject.organisation.permissions import admin_university_ids, is_ministry_officer

    if not is_ministry_officer(actor):
        allowed = (university is not None and university.pk in admin_university_ids(actor)) or (
            hospital is not None and hospital.pk in permissions.coordinated_hospital_ids(actor)
        )
        if not allowed:
            raise PermissionDenied(_("You cannot organise sessions for this organiser."))
    session = TrainerSession(created_by=actor, **fields)
    session.title = _clean_text(session.title, "title", limit=200)
    session.description = _clean_text(session.description, "description", required=False)
    if session.starts and session.ends and session.ends <= session.starts:
        raise ValidationError({"ends": _("The session ends before it starts.")})
    if not session.online and not (session.place or "").strip():
        raise ValidationError({"place": _("Give the place, or mark the session as online.")})
    with transaction.atomic():
        session.full_clean()
        session.save()
        _audit(actor, AuditEvent.Action.CREATE, session)
    return session


SESSION_FIELDS = (
    "title",
    "theme",
    "description",
    "starts",
    "ends",
    "place",
    "online",
    "points",
    "capacity",
)


def _session_still_open(session: TrainerSession) -> None:
    if session.cancelled_on is not None:
        raise ValidationError(_("This session was cancelled."))
    if session.starts <= timezone.now():
        raise ValidationError(_("This session has already started."))


def _tell_registrants(session: TrainerSession, *, cancelled: bool) -> int:
    """E-mail every registered trainer (the task queue sends it once the change is committed)."""
    registrations = Registration.objects.filter(session=session).select_related("trainer")
    context = {
        "session": session.title,
        "session_id": session.pk,
        "starts": timezone.localtime(session.starts).strftime("%Y-%m-%d %H:%M"),
        "place": session.place,
        "online": session.online,
        "cancelled": cancelled,
    }
    count = 0
    for registration in registrations:
        notify(
            user=registration.trainer,
            subject_template="programme/email/session_changed_subject.txt",
            body_template="programme/email/session_changed_body.txt",
            context=context,
        )
        count += 1
    return count


def trainer_session_update(
    *, session: TrainerSession, actor, expected_version, **fields
) -> TrainerSession:
    """The organiser changes a session that has not started; registrants are told by e-mail.
    ``expected_version``: the version the organiser saw (a stale edit is refused, 409)."""
    from traject.core.concurrency import required_version, save_versioned

    if not permissions.can_manage_session(actor, session):
        raise PermissionDenied
    expected_version = required_version(expected_version)
    _session_still_open(session)
    unknown = set(fields) - set(SESSION_FIELDS)
    if unknown:
        raise ValidationError(
            _("These fields cannot be changed: %(fields)s") % {"fields": ", ".join(sorted(unknown))}
        )
    for name, value in fields.items():
        setattr(session, name, value)
    session.title = _clean_text(session.title, "title", limit=200)
    session.description = _clean_text(session.description, "description", required=False)
    session.place = _clean_text(session.place, "place", limit=200, required=False)
    if session.ends <= session.starts:
        raise ValidationError({"ends": _("The session ends before it starts.")})
    if session.starts <= timezone.now():
        raise ValidationError({"starts": _("A session cannot be moved into the past.")})
    if not session.online and not session.place:
        raise ValidationError({"place": _("Give the place, or mark the session as online.")})
    with transaction.atomic():
        taken = Registration.objects.filter(session=session).count()
        if session.capacity < taken:
            raise ValidationError(
                {"capacity": _("%(n)s trainers are registered already.") % {"n": taken}}
            )
        save_versioned(session, expected_version=expected_version)
        _audit(actor, AuditEvent.Action.UPDATE, session, "changed")
        _tell_registrants(session, cancelled=False)
    return session


def trainer_session_cancel(*, session: TrainerSession, actor, expected_version) -> TrainerSession:
    """The organiser cancels a session that has not started; registrants are told by e-mail.
    The session and its registrations stay (history); nobody can register any more."""
    from traject.core.concurrency import required_version, save_versioned

    if not permissions.can_manage_session(actor, session):
        raise PermissionDenied
    expected_version = required_version(expected_version)
    _session_still_open(session)
    with transaction.atomic():
        session.cancelled_on = timezone.now()
        save_versioned(session, expected_version=expected_version)
        _audit(actor, AuditEvent.Action.UPDATE, session, "cancelled")
        _tell_registrants(session, cancelled=True)
    return session


def registration_create(*, session: TrainerSession, actor) -> Registration:
    """Register a trainer for a session; the places are counted under a lock on the session."""
    if not permissions.can_register(actor, session):
        raise PermissionDenied
    _session_still_open(session)
    try:
        with transaction.atomic():
            # The row lock serialises registrations of one session (PostgreSQL); SQLite
            # serialises every write transaction anyway.
            locked = TrainerSession.objects.select_for_update().get(pk=session.pk)
            if Registration.objects.filter(session=locked, trainer=actor).exists():
                raise ValidationError(_("You are already registered for this session."))
            if Registration.objects.filter(session=locked).count() >= locked.capacity:
                raise ValidationError(_("This session is full."))
            registration = Registration.objects.create(session=locked, trainer=actor)
            _audit(actor, AuditEvent.Action.CREATE, registration)
    except IntegrityError as exc:
        raise ValidationError(_("You are already registered for this session.")) from exc
    return registration


def registration_cancel(*, session: TrainerSession, actor) -> None:
    """Unregister from a session that has not started yet."""
    registration = Registration.objects.filter(session=session, trainer=actor).first()
    if registration is None:
        raise ValidationError(_("You are not registered for this session."))
    if session.starts <= timezone.now() or registration.attended:
        raise ValidationError(_("This session has already started."))
    with transaction.atomic():
        _audit(actor, AuditEvent.Action.DELETE, registration)
        registration.delete()


def attendance_record(*, registration: Registration, actor) -> Registration:
    """The organiser records that a trainer attended: a certificate and a development-log entry.

    The entry is the quality app's ``EducationalActivity`` of the trainer's training group
    (it feeds the recognition dossier), written through quality's service.
    """
    session = registration.session
    if not permissions.can_manage_session(actor, session):
        raise PermissionDenied
    if session.starts > timezone.now():
        raise ValidationError(_("Attendance is recorded once the session has started."))
    if registration.attended:
        raise ValidationError(_("The attendance is already recorded."))
    from traject.quality import services as quality_services
    from traject.quality.permissions import training_group_services

    with transaction.atomic():
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.attended:
            raise ValidationError(_("The attendance is already recorded."))
        service = training_group_services(registration.trainer).order_by("pk").first()
        if service is not None:
            registration.activity = quality_services.educational_activity_record(
                service=service,
                participant=registration.trainer.get_full_name() or registration.trainer.email,
                title=session.title,
                provider=session.organiser_name,
                date=timezone.localtime(session.starts).date(),
                hours=session.hours,
                accreditation=_("%(points)s accreditation points (Traject session %(id)s)")
                % {"points": session.points, "id": session.pk},
                actor=actor,
            )
        registration.attended = True
        registration.attendance_recorded_at = timezone.now()
        registration.save()
        _audit(actor, AuditEvent.Action.UPDATE, registration, "attended")
        notify(
            user=registration.trainer,
            subject_template="programme/email/certificate_subject.txt",
            body_template="programme/email/certificate_body.txt",
            context={"session": session.title, "registration_id": registration.pk},
        )
    return registration


def session_reminders_send(*, today: datetime.date) -> int:
    """Remind registered trainers the day before a session (each registration once)."""
    tomorrow = today + datetime.timedelta(days=1)
    due = Registration.objects.filter(
        reminded=False,
        session__starts__date__gte=today,
        session__starts__date__lte=tomorrow,
        session__cancelled_on__isnull=True,  # a cancelled session was announced already
    ).select_related("session", "trainer")
    count = 0
    for registration in due:
        with transaction.atomic():
            if Registration.objects.filter(pk=registration.pk, reminded=False).update(
                reminded=True
            ):
                session = registration.session
                notify(
                    user=registration.trainer,
                    subject_template="programme/email/reminder_subject.txt",
                    body_template="programme/email/reminder_body.txt",
                    context={
                        "session": session.title,
                        "session_id": session.pk,
                        "starts": timezone.localtime(session.starts).strftime("%Y-%m-%d %H:%M"),
                        "place": session.place,
                        "online": session.online,
                    },
                )
                count += 1
    return count


# --- Course evaluations ----------------------------------------------------------------------


def course_evaluation_open(*, course, closes: datetime.date, actor, opens=None) -> CourseEvaluation:
    """Open the anonymous evaluation of a course: a quality survey campaign of its ASO."""
    from traject.quality import services as quality_services
    from traject.quality.instruments import get_instrument

    if not permissions.can_open_course_evaluation(actor, course):
        raise PermissionDenied
    opens = opens or timezone.localdate()
    if CourseEvaluation.objects.filter(
        course=course, year=opens.year, campaign__status="open"
    ).exists():
        raise ValidationError(_("An evaluation of this course is already open."))
    with transaction.atomic():
        campaign = quality_services.campaign_start(
            name=_("Course evaluation: %(course)s %(year)s")
            % {"course": course.name, "year": opens.year},
            instrument=_course_instrument(get_instrument),
            opens=opens,
            closes=closes,
            actor=actor,
            university=course.university,
            specialty=course.specialty,
            grouped=False,
        )
        evaluation = CourseEvaluation.objects.create(
            course=course, campaign=campaign, year=opens.year, opened_by=actor
        )
        _audit(actor, AuditEvent.Action.CREATE, evaluation)
    return evaluation


def _course_instrument(get_instrument):
    from .instrument import load_course_instrument

    load_course_instrument()
    return get_instrument(COURSE_INSTRUMENT)


def course_evaluation_close(*, evaluation: CourseEvaluation, actor) -> CourseEvaluation:
    """Close the campaign: its answers are settled anonymously and the results become readable."""
    from traject.quality import services as quality_services

    if not permissions.can_open_course_evaluation(actor, evaluation.course):
        raise PermissionDenied
    with transaction.atomic():
        quality_services.campaign_close(campaign=evaluation.campaign)
        _audit(actor, AuditEvent.Action.UPDATE, evaluation, "closed")
    return evaluation


def course_evaluation_publish(
    *, evaluation: CourseEvaluation, highlight: str, actor, expires_on=None
) -> NewsItem:
    """Publish a result as a highlight for everyone: only when it is shown (threshold reached)."""
    from .selectors import evaluation_results

    if not permissions.can_publish_evaluation(actor, evaluation):
        raise PermissionDenied
    results = evaluation_results(evaluation)
    if not results["shown"]:
        raise ValidationError(
            _("There is no result to publish: the evaluation is open or has too few responses.")
        )
    highlight = _clean_text(highlight, "highlight", limit=1000)
    today = timezone.localdate()
    with transaction.atomic():
        evaluation.highlight = highlight
        evaluation.published_on = today
        evaluation.save(update_fields=["highlight", "published_on"])
        item = news_create(
            actor=actor,
            kind=NewsItem.Kind.HIGHLIGHT,
            title=_("Did you know … %(course)s") % {"course": evaluation.course.name},
            body=highlight,
            university=evaluation.course.university,
            publish_on=today,
            expires_on=expires_on or today + datetime.timedelta(days=60),
            evaluation=evaluation,
        )
    return item


# --- News ----------------------------------------------------------------------------------


def news_create(
    *,
    actor,
    kind: str,
    title: str,
    body: str,
    publish_on: datetime.date,
    expires_on: datetime.date,
    important: bool = False,
    roles=(),
    university=None,
    specialty=None,
    country: str = "",
    evaluation=None,
) -> NewsItem:
    """Write an announcement or highlight for the people it targets; e-mail it when important."""
    from traject.accounts.roles import ROLE_LABELS

    if not permissions.can_write_news(actor):
        raise PermissionDenied
    if not permissions.can_target_news(actor, getattr(university, "pk", None)):
        raise PermissionDenied(_("You cannot address news to this audience."))
    roles = list(roles or [])
    if any(r not in ROLE_LABELS for r in roles):
        raise ValidationError({"roles": _("Unknown role.")})
    if expires_on < publish_on:
        raise ValidationError({"expires_on": _("The item expires before it is shown.")})
    item = NewsItem(
        kind=kind,
        title=_clean_text(title, "title", limit=200),
        body=_clean_text(body, "body"),
        important=important,
        roles=sorted(set(roles)),
        university=university,
        specialty=specialty,
        country=country or "",
        publish_on=publish_on,
        expires_on=expires_on,
        evaluation=evaluation,
        created_by=actor,
    )
    with transaction.atomic():
        item.full_clean()
        item.save()
        _audit(actor, AuditEvent.Action.CREATE, item)
        if important and publish_on <= timezone.localdate():
            _queue_news_mail(item, publish_on)
    return item


def _queue_news_mail(item: NewsItem, today) -> None:
    from .tasks import send_news_emails

    NewsItem.objects.filter(pk=item.pk).update(emailed_on=today)
    item.emailed_on = today
    transaction.on_commit(lambda: send_news_emails.enqueue(news_id=item.pk))


def news_mark_read(*, item: NewsItem, actor) -> None:
    """Take an item off the person's dashboard (a POST; a GET never marks anything)."""
    try:
        with transaction.atomic():
            NewsRead.objects.get_or_create(news=item, user=actor)
    except IntegrityError:
        pass  # read twice at the same moment: read it is


def news_daily(*, today: datetime.date) -> int:
    """E-mail important items whose day has come."""
    count = 0
    for item in NewsItem.objects.filter(
        important=True, emailed_on__isnull=True, publish_on__lte=today, expires_on__gte=today
    ):
        with transaction.atomic():
            _queue_news_mail(item, today)
        count += 1
    return count
