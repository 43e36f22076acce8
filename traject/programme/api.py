"""JSON API of the programme. No operation returns an individual survey answer."""

import datetime
from decimal import Decimal
from typing import Literal

from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from . import permissions, selectors, services
from .models import NewsItem, Registration

PREFIX = "/programme/"
router = Router(tags=["programme"])


class TrainerSessionOut(Schema):
    id: int
    title: str
    theme: str
    organiser_kind: str
    organiser_name: str
    country: str
    starts: datetime.datetime
    ends: datetime.datetime
    place: str
    online: bool
    points: Decimal
    capacity: int
    taken: int
    version: int
    cancelled_on: datetime.datetime | None


class TrainerSessionChangeIn(Schema):
    """The fields to change (the others stay) and the version read (or If-Match)."""

    version: int | None = None
    title: str | None = None
    theme: str | None = None
    description: str | None = None
    starts: datetime.datetime | None = None
    ends: datetime.datetime | None = None
    place: str | None = None
    online: bool | None = None
    points: Decimal | None = None
    capacity: int | None = None


class VersionIn(Schema):
    version: int | None = None


class TrainerRegistrationOut(Schema):
    id: int
    session_id: int
    attended: bool
    certificate_url: str | None


class YearlyStatusOut(Schema):
    year: int
    country: str
    roles: list[str]
    points: Decimal
    required: Decimal | None
    missing: Decimal
    meets: bool


class HospitalTrainerOut(Schema):
    trainer_id: int
    name: str
    service_id: int
    points: Decimal
    required: Decimal | None
    meets: bool


class CourseEvaluationItemOut(Schema):
    code: str
    text: str
    percent: int | None


class CourseEvaluationOut(Schema):
    id: int
    course_id: int
    course: str
    year: int
    open: bool
    closes: datetime.date
    threshold: int
    shown: bool
    responses: int | None
    items: list[CourseEvaluationItemOut]
    highlight: str
    published_on: datetime.date | None


class CourseEvaluationIn(Schema):
    course_id: int
    closes: datetime.date


class ProgrammeNewsOut(Schema):
    id: int
    kind: str
    title: str
    body: str
    important: bool
    publish_on: datetime.date
    expires_on: datetime.date


class ProgrammeNewsIn(Schema):
    kind: NewsItem.Kind = NewsItem.Kind.ANNOUNCEMENT
    title: str
    body: str
    important: bool = False
    roles: list[str] = []
    university_id: int | None = None
    specialty_id: int | None = None
    country: str = ""
    publish_on: datetime.date
    expires_on: datetime.date


def _session_out(session) -> dict:
    return {
        **{f: getattr(session, f) for f in TrainerSessionOut.model_fields if f != "taken"},
        "taken": session.registrations.count(),
    }


def _registration_out(r: Registration) -> dict:
    from django.urls import reverse

    return {
        "id": r.pk,
        "session_id": r.session_id,
        "attended": r.attended,
        "certificate_url": reverse("programme:certificate", args=[r.pk]) if r.attended else None,
    }


def _evaluation_out(e) -> dict:
    results = selectors.evaluation_results(e)
    return {
        "id": e.pk,
        "course_id": e.course_id,
        "course": e.course.name,
        "year": e.year,
        "open": e.campaign.is_open,
        "closes": e.campaign.closes,
        "threshold": results["threshold"],
        "shown": results["shown"],
        "responses": results["count"],
        "items": results["items"],
        "highlight": e.highlight,
        "published_on": e.published_on,
    }


@router.get(
    "/sessions",
    response=list[TrainerSessionOut],
    summary="Upcoming trainer sessions (country BE or NL to list one country's; every country without it)",
)
def programme_sessions(request, country: Literal["BE", "NL"] | None = None):
    permissions.catalogue_reader(request.auth)
    sessions = permissions.sessions_visible_to(request.auth).filter(starts__gte=timezone.now())
    if country:
        sessions = sessions.filter(country=country)
    return [_session_out(s) for s in sessions[:200]]


@router.get("/sessions/{session_id}", response=TrainerSessionOut, summary="One trainer session")
def programme_session(request, session_id: int):
    return _session_out(permissions.session_for(request.auth, session_id))


@router.patch(
    "/sessions/{session_id}",
    response=TrainerSessionOut,
    summary="Change a session (its organiser; send the version you read, in the body or If-Match: 428 without it, 409 when it changed meanwhile); the registered trainers are e-mailed",
)
def programme_session_change(request, session_id: int, payload: TrainerSessionChangeIn):
    from traject.core.concurrency import version_from_request

    session = permissions.session_to_manage(request.auth, session_id)
    fields = payload.model_dump(exclude_unset=True, exclude={"version"})
    fields = {name: value for name, value in fields.items() if value is not None}
    session = services.trainer_session_update(
        session=session,
        actor=request.auth,
        expected_version=version_from_request(request, payload.version),
        **fields,
    )
    return _session_out(session)


@router.post(
    "/sessions/{session_id}/cancel",
    response=TrainerSessionOut,
    summary="Cancel a session (its organiser; send the version you read: 428 without it, 409 when stale); the registered trainers are e-mailed",
)
def programme_session_cancel(request, session_id: int, payload: VersionIn):
    from traject.core.concurrency import version_from_request

    session = permissions.session_to_manage(request.auth, session_id)
    session = services.trainer_session_cancel(
        session=session,
        actor=request.auth,
        expected_version=version_from_request(request, payload.version),
    )
    return _session_out(session)


@router.post(
    "/sessions/{session_id}/registration",
    response={201: TrainerRegistrationOut},
    summary="Register for a session (409-free: a full session answers 400)",
)
def programme_register(request, session_id: int):
    session = permissions.session_to_register(request.auth, session_id)
    registration = services.registration_create(session=session, actor=request.auth)
    return Status(201, _registration_out(registration))


@router.delete(
    "/sessions/{session_id}/registration", response={204: None}, summary="Unregister from a session"
)
def programme_unregister(request, session_id: int):
    session = permissions.session_to_register(request.auth, session_id)
    services.registration_cancel(session=session, actor=request.auth)
    return Status(204, None)


@router.post(
    "/sessions/{session_id}/attendance/{registration_id}",
    response=TrainerRegistrationOut,
    summary="Record a trainer's attendance (the organiser)",
)
def programme_attendance(request, session_id: int, registration_id: int):
    registration = permissions.registration_to_record(request.auth, session_id, registration_id)
    return _registration_out(
        services.attendance_record(registration=registration, actor=request.auth)
    )


@router.get("/registrations", response=list[TrainerRegistrationOut], summary="Your registrations")
def programme_registrations(request):
    user = permissions.trainer(request.auth)
    return [_registration_out(r) for r in Registration.objects.filter(trainer=user)[:500]]


@router.get(
    "/yearly-status",
    response=YearlyStatusOut,
    summary="Your yearly training against the requirement",
)
def programme_yearly_status(request, year: int | None = None):
    user = permissions.trainer(request.auth)
    if year is not None and not 2000 <= year <= 2100:
        year = None
    return selectors.yearly_status(user, year=year)


@router.get(
    "/hospital-trainers",
    response=list[HospitalTrainerOut],
    summary="The yearly training of the hospital's trainers (coördinerend stagemeester)",
)
def programme_hospital_trainers(request):
    user = permissions.hospital_overview_reader(request.auth)
    return [
        {
            "trainer_id": r["trainer"].pk,
            "name": r["trainer"].get_full_name(),
            "service_id": r["service"].pk,
            "points": r["points"],
            "required": r["required"],
            "meets": r["meets"],
        }
        for r in selectors.hospital_overview(user)
    ]


@router.get(
    "/evaluations", response=list[CourseEvaluationOut], summary="Course evaluations you may read"
)
def programme_evaluations(request):
    user = permissions.evaluation_reader(request.auth)
    evaluations = permissions.evaluations_visible_to(user).select_related("course", "campaign")
    return [_evaluation_out(e) for e in evaluations[:100]]


@router.post(
    "/evaluations", response={201: CourseEvaluationOut}, summary="Open the evaluation of a course"
)
def programme_evaluation_open(request, payload: CourseEvaluationIn):
    course = permissions.course_for_evaluation(request.auth, payload.course_id)
    evaluation = services.course_evaluation_open(
        course=course, closes=payload.closes, actor=request.auth
    )
    return Status(201, _evaluation_out(evaluation))


@router.get(
    "/evaluations/{evaluation_id}",
    response=CourseEvaluationOut,
    summary="A course evaluation: % agreeing per item once closed and above the threshold",
)
def programme_evaluation(request, evaluation_id: int):
    return _evaluation_out(permissions.evaluation_for(request.auth, evaluation_id))


@router.get("/news", response=list[ProgrammeNewsOut], summary="Unread news addressed to you")
def programme_news(request):
    return selectors.news_for(permissions.news_reader(request.auth))


@router.post(
    "/news",
    response={201: ProgrammeNewsOut},
    summary="Publish a news item (programme administrators)",
)
def programme_news_create(request, payload: ProgrammeNewsIn):
    from traject.organisation.models import Specialty, University

    user = permissions.news_writer(request.auth)
    data = payload.dict()
    university_id, specialty_id = data.pop("university_id"), data.pop("specialty_id")
    data["university"] = (
        University.objects.filter(pk=university_id).first() if university_id else None
    )
    data["specialty"] = Specialty.objects.filter(pk=specialty_id).first() if specialty_id else None
    if (university_id and data["university"] is None) or (
        specialty_id and data["specialty"] is None
    ):
        from django.core.exceptions import ValidationError

        raise ValidationError({"university_id": _("Unknown university or specialty.")})
    return Status(201, services.news_create(actor=user, **data))


@router.post("/news/{news_id}/read", response={204: None}, summary="Mark a news item as read")
def programme_news_read(request, news_id: int):
    item = permissions.news_to_read(request.auth, news_id)
    services.news_mark_read(item=item, actor=request.auth)
    return Status(204, None)
