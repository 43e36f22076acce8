"""Who may see or do what in the programme's offer. Deny by default.

Named predicates first, then the access functions the pages and the API call (fetch, check,
record the audit read of another person's data, return or raise: 404 without a relation,
403 with a relation but without the right).
"""

from django.db.models import Q, QuerySet

from traject.accounts.roles import (
    COORDINATOR,
    MENTOR,
    PROGRAMME_ADMIN,
    STAGEMEESTER,
    TITULARIS,
    roles_of,
)
from traject.audit.services import audit_read
from traject.core.permissions import ensure, get_scoped_or_404, is_authenticated
from traject.organisation.models import HospitalCoordinator, TrainerRecognition
from traject.organisation.permissions import (
    admin_university_ids,
    in_admin_scope,
    is_ministry_officer,
    is_programme_admin,
)

from .models import CourseEvaluation, NewsItem, Registration, TrainerSession

TRAINER_ROLES = (STAGEMEESTER, COORDINATOR, MENTOR)


# --- Predicates ------------------------------------------------------------------------------


def is_trainer(user) -> bool:
    """Stagemeesters (opleiders), coördinerend stagemeesters and mentors follow the training."""
    return bool(roles_of(user) & set(TRAINER_ROLES))


def coordinated_hospital_ids(user) -> list[int]:
    return list(HospitalCoordinator.objects.filter(user=user).values_list("hospital_id", flat=True))


def can_organise(user) -> bool:
    """Programme administrators (university), coördinerend stagemeesters (hospital), the ministry."""
    return is_authenticated(user) and (
        is_programme_admin(user) or is_ministry_officer(user) or has_coordinator_role(user)
    )


def has_coordinator_role(user) -> bool:
    return COORDINATOR in roles_of(user)


def can_view_catalogue(user) -> bool:
    return is_authenticated(user) and (is_trainer(user) or can_organise(user))


def can_manage_session(user, session: TrainerSession) -> bool:
    """The creator, the university's administrators, the hospital's coordinators, the ministry."""
    if not is_authenticated(user):
        return False
    if session.created_by_id == user.pk or is_ministry_officer(user):
        return True
    if session.university_id and session.university_id in admin_university_ids(user):
        return True
    return bool(session.hospital_id and session.hospital_id in coordinated_hospital_ids(user))


def can_register(user, session: TrainerSession) -> bool:
    return is_trainer(user)


def can_open_course_evaluation(user, course) -> bool:
    """The course's titularis, or a programme administrator of its university (and specialty)."""
    if not is_authenticated(user):
        return False
    return course.titularis_id == user.pk or in_admin_scope(
        user, course.university_id, course.specialty_id
    )


def can_publish_evaluation(user, evaluation: CourseEvaluation) -> bool:
    """The programme chooses what it publishes: its administrators, not the titularis alone."""
    course = evaluation.course
    return is_authenticated(user) and in_admin_scope(
        user, course.university_id, course.specialty_id
    )


def can_write_news(user) -> bool:
    return is_authenticated(user) and (is_programme_admin(user) or is_ministry_officer(user))


def can_target_news(user, university_id) -> bool:
    """National news (no university) is the ministry's; a university's is its administrators'."""
    if is_ministry_officer(user):
        return True
    return university_id is not None and university_id in admin_university_ids(user)


# --- Scoped querysets ------------------------------------------------------------------------


def sessions_visible_to(user) -> QuerySet[TrainerSession]:
    if not can_view_catalogue(user):
        return TrainerSession.objects.none()
    return TrainerSession.objects.all()


def sessions_managed_by(user) -> QuerySet[TrainerSession]:
    if not is_authenticated(user):
        return TrainerSession.objects.none()
    if is_ministry_officer(user):
        return TrainerSession.objects.all()
    return TrainerSession.objects.filter(
        Q(created_by=user)
        | Q(university_id__in=admin_university_ids(user))
        | Q(hospital_id__in=coordinated_hospital_ids(user))
    )


def evaluations_visible_to(user) -> QuerySet[CourseEvaluation]:
    if not is_authenticated(user):
        return CourseEvaluation.objects.none()
    q = Q(course__titularis=user)
    if is_programme_admin(user):
        q |= Q(course__university_id__in=admin_university_ids(user))
    if is_ministry_officer(user):
        return CourseEvaluation.objects.all()
    return CourseEvaluation.objects.filter(q)


def hospital_trainers_of(user):
    """The trainers currently recognised in the hospitals the user coordinates."""
    from django.utils import timezone

    today = timezone.localdate()
    return (
        TrainerRecognition.objects.filter(
            service__hospital_id__in=coordinated_hospital_ids(user),
            start__lte=today,
            end__gte=today,
        )
        .select_related("trainer", "service__hospital")
        .order_by("trainer__last_name", "trainer__first_name", "pk")
    )


# --- Access functions ------------------------------------------------------------------------


def catalogue_reader(user):
    """A trainer or an organiser, who reads the catalogue of sessions (403 otherwise)."""
    ensure(can_view_catalogue(user))
    return user


def session_for(user, pk) -> TrainerSession:
    catalogue_reader(user)
    return get_scoped_or_404(sessions_visible_to(user), pk=pk)


def session_to_register(user, pk) -> TrainerSession:
    session = session_for(user, pk)
    ensure(can_register(user, session))
    return session


def session_to_manage(user, pk) -> TrainerSession:
    session = session_for(user, pk)
    ensure(can_manage_session(user, session))
    return session


def organiser(user):
    ensure(can_organise(user))
    return user


def trainer(user):
    """A trainer, who has a yearly requirement, registrations and certificates (403 otherwise)."""
    ensure(is_trainer(user))
    return user


def registration_to_record(user, session_pk, registration_pk) -> Registration:
    """A registration of a session the user manages (the organiser records the attendance)."""
    session = session_to_manage(user, session_pk)
    registration = get_scoped_or_404(
        Registration.objects.filter(session=session).select_related("trainer"),
        pk=registration_pk,
    )
    audit_read(actor=user, subject=registration.trainer, target=registration, summary="attendance")
    return registration


def certificate_for(user, registration_pk) -> Registration:
    """One's own attended registration (404 for anyone else's; 403 while not attended)."""
    if not is_authenticated(user):
        ensure(False)
    registration = get_scoped_or_404(
        Registration.objects.filter(trainer=user).select_related("session", "trainer"),
        pk=registration_pk,
    )
    ensure(registration.attended)
    return registration


def hospital_overview_reader(user):
    """A coördinerend stagemeester, who sees the hospital's trainers' yearly training."""
    ensure(has_coordinator_role(user))
    return user


def course_for_evaluation(user, course_pk):
    from traject.portfolio.models import Course

    ensure(is_authenticated(user) and (TITULARIS in roles_of(user) or is_programme_admin(user)))
    course = get_scoped_or_404(Course.objects.select_related("university"), pk=course_pk)
    ensure(can_open_course_evaluation(user, course))
    return course


def courses_to_evaluate(user):
    from traject.portfolio.models import Course

    roles = roles_of(user)
    # Only a titularis (a course of their own) or an administrator has any: the others, on every
    # page's menu, get the empty set without a query.
    if not is_authenticated(user) or not roles & {TITULARIS, PROGRAMME_ADMIN}:
        return Course.objects.none()
    q = Q(titularis=user)
    if PROGRAMME_ADMIN in roles:
        q |= Q(university_id__in=admin_university_ids(user))
    return Course.objects.filter(q).order_by("name")


def evaluation_reader(user):
    ensure(
        is_authenticated(user)
        and (TITULARIS in roles_of(user) or is_programme_admin(user) or is_ministry_officer(user))
    )
    return user


def evaluation_for(user, pk) -> CourseEvaluation:
    evaluation_reader(user)
    return get_scoped_or_404(
        evaluations_visible_to(user).select_related("course", "campaign"), pk=pk
    )


def evaluation_to_manage(user, pk) -> CourseEvaluation:
    evaluation = evaluation_for(user, pk)
    ensure(can_open_course_evaluation(user, evaluation.course))
    return evaluation


def evaluation_to_publish(user, pk) -> CourseEvaluation:
    evaluation = evaluation_for(user, pk)
    ensure(can_publish_evaluation(user, evaluation))
    return evaluation


def news_reader(user):
    """Everyone signed in reads the news addressed to them."""
    ensure(is_authenticated(user))
    return user


def news_writer(user):
    ensure(can_write_news(user))
    return user


def news_written_by(user) -> QuerySet[NewsItem]:
    news_writer(user)
    if is_ministry_officer(user):
        return NewsItem.objects.all()
    return NewsItem.objects.filter(university_id__in=admin_university_ids(user))


def news_to_read(user, pk) -> NewsItem:
    """A news item addressed to the user (404 for one that is not)."""
    from .selectors import news_for

    if not is_authenticated(user):
        ensure(False)
    item = next((n for n in news_for(user, include_read=True) if n.pk == _int(pk)), None)
    if item is None:
        from django.http import Http404

        raise Http404
    return item


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
