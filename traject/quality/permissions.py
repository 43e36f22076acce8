"""Who may see or do what in quality of training. Deny by default.

Nobody, in any role, may see which answers a person gave: the answer tables have no link to a
person, so there is no predicate for it at all.
"""

from django.db.models import Q, QuerySet
from django.utils import timezone

from traject.accounts.roles import COORDINATOR, STAGEMEESTER, has_role
from traject.organisation.models import (
    Hospital,
    ProgrammeAdministrator,
    Specialty,
    TrainingService,
)
from traject.organisation.permissions import is_ministry_officer, is_programme_admin

from .models import (
    Campaign,
    EducationalActivity,
    ImprovementAction,
    Invitation,
    RecognitionApplication,
    SelfEvaluation,
)


def _authenticated(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.is_active


def is_stagemeester(user) -> bool:
    return _authenticated(user) and has_role(user, STAGEMEESTER)


def is_coordinator(user) -> bool:
    return _authenticated(user) and has_role(user, COORDINATOR)


def _admin_roles(user) -> list[dict]:
    if not is_programme_admin(user):
        return []
    return list(
        ProgrammeAdministrator.objects.filter(user=user).values("university_id", "specialty_id")
    )


def _scope_q(user, university_field: str, specialty_field: str | None) -> Q:
    """Rows within the universities (and specialties) a programme administrator serves."""
    q = Q(pk__in=[])
    for role in _admin_roles(user):
        part = Q(**{university_field: role["university_id"]})
        if role["specialty_id"] and specialty_field:
            part &= Q(**{specialty_field: role["specialty_id"]})
        q |= part
    return q


# --- Training groups ---------------------------------------------------------------------


def services_trained_by(user) -> QuerySet[TrainingService]:
    """Stagediensten where the user holds a current recognition as stagemeester."""
    if not _authenticated(user):
        return TrainingService.objects.none()
    today = timezone.localdate()
    return TrainingService.objects.filter(
        trainer_recognitions__trainer=user,
        trainer_recognitions__start__lte=today,
        trainer_recognitions__end__gte=today,
    ).distinct()


def services_coordinated_by(user) -> QuerySet[TrainingService]:
    if not _authenticated(user):
        return TrainingService.objects.none()
    return TrainingService.objects.filter(hospital__coordinators__user=user).distinct()


def training_group_services(user) -> QuerySet[TrainingService]:
    """Stagediensten whose training group this user belongs to or coordinates."""
    if not _authenticated(user):
        return TrainingService.objects.none()
    return TrainingService.objects.filter(
        Q(pk__in=services_trained_by(user).values("pk"))
        | Q(pk__in=services_coordinated_by(user).values("pk"))
    )


# --- Recognition applications ------------------------------------------------------------


def can_apply_for_recognition(user) -> bool:
    """Stagemeesters (renewal) and coördinerend stagemeesters (any service of their hospital)."""
    return is_stagemeester(user) or is_coordinator(user)


def applications_visible_to(user) -> QuerySet[RecognitionApplication]:
    """The applicant side sees its applications; the ministry sees everything once submitted."""
    if not _authenticated(user):
        return RecognitionApplication.objects.none()
    q = Q(applicant=user) | Q(trainer=user) | Q(service__hospital__coordinators__user=user)
    if is_ministry_officer(user):
        q |= ~Q(status=RecognitionApplication.Status.DRAFT)
    return RecognitionApplication.objects.filter(q).distinct()


def is_applicant_side(user, application: RecognitionApplication) -> bool:
    return _authenticated(user) and (
        application.applicant_id == user.pk
        or application.trainer_id == user.pk
        or application.service.hospital.coordinators.filter(user=user).exists()
    )


def can_edit_application(user, application: RecognitionApplication) -> bool:
    return application.is_draft and is_applicant_side(user, application)


def can_review_application(user, application: RecognitionApplication) -> bool:
    return is_ministry_officer(user) and application.status in (
        RecognitionApplication.Status.SUBMITTED,
        RecognitionApplication.Status.UNDER_REVIEW,
    )


def can_view_register(user) -> bool:
    """The register of current recognitions: programme administrators and ministry officers."""
    return is_programme_admin(user) or is_ministry_officer(user)


# --- Campaigns ---------------------------------------------------------------------------


def can_open_campaign(user) -> bool:
    """Programme administrators (their university); ministry officers (national campaigns)."""
    return is_programme_admin(user) or is_ministry_officer(user)


def campaign_scopes(user) -> list[tuple]:
    """The (university_id, specialty_id) scopes in which the user may open a campaign."""
    scopes = [(r["university_id"], r["specialty_id"]) for r in _admin_roles(user)]
    if is_ministry_officer(user):
        scopes.append((None, None))
    return scopes


def campaigns_visible_to(user) -> QuerySet[Campaign]:
    if not _authenticated(user):
        return Campaign.objects.none()
    if is_ministry_officer(user):
        return Campaign.objects.all()
    return Campaign.objects.filter(_scope_q(user, "university_id", None))


def can_manage_campaign(user, campaign: Campaign) -> bool:
    """Send reminders, close: whoever may open a campaign in its scope."""
    if campaign.university_id is None:
        return is_ministry_officer(user)
    return any(
        university == campaign.university_id and specialty in (None, campaign.specialty_id)
        for university, specialty in campaign_scopes(user)
    )


def invitations_of(user) -> QuerySet[Invitation]:
    if not _authenticated(user):
        return Invitation.objects.none()
    return Invitation.objects.filter(user=user)


# --- Reports -----------------------------------------------------------------------------

REPORT_KINDS = ("service", "hospital", "specialty", "year")


def report_services(user) -> QuerySet[TrainingService]:
    if not _authenticated(user):
        return TrainingService.objects.none()
    if is_ministry_officer(user):
        return TrainingService.objects.all()
    q = Q(pk__in=training_group_services(user).values("pk"))
    q |= _scope_q(user, "hospital__university_id", "specialty_id")
    return TrainingService.objects.filter(q).distinct()


def report_hospitals(user) -> QuerySet[Hospital]:
    if not _authenticated(user):
        return Hospital.objects.none()
    if is_ministry_officer(user):
        return Hospital.objects.all()
    q = Q(coordinators__user=user) | _scope_q(user, "university_id", None)
    return Hospital.objects.filter(q).distinct()


def report_specialties(user) -> QuerySet[Specialty]:
    if not _authenticated(user):
        return Specialty.objects.none()
    if is_ministry_officer(user):
        return Specialty.objects.all()
    roles = _admin_roles(user)
    if any(r["specialty_id"] is None for r in roles):
        return Specialty.objects.all()
    return Specialty.objects.filter(pk__in=[r["specialty_id"] for r in roles])


def can_view_year_reports(user) -> bool:
    return is_ministry_officer(user) or is_programme_admin(user)


def can_view_reports(user) -> bool:
    return (
        is_ministry_officer(user)
        or is_programme_admin(user)
        or is_coordinator(user)
        or services_trained_by(user).exists()
    )


def can_write_improvement_action(user, service: TrainingService) -> bool:
    """The stagemeesters currently recognised for the stagedienst answer its report."""
    return services_trained_by(user).filter(pk=service.pk).exists()


def improvement_actions_visible_to(user) -> QuerySet[ImprovementAction]:
    return ImprovementAction.objects.filter(service__in=report_services(user).values("pk"))


# --- Trainers' own development -----------------------------------------------------------


def can_self_evaluate(user) -> bool:
    return is_stagemeester(user)


def self_evaluations_of(user) -> QuerySet[SelfEvaluation]:
    """Only the trainer's own: no other role, not even the ministry, sees a self-evaluation."""
    if not _authenticated(user):
        return SelfEvaluation.objects.none()
    return SelfEvaluation.objects.filter(trainer=user)


def can_log_activities(user) -> bool:
    return training_group_services(user).exists()


def can_log_activity_for(user, service: TrainingService) -> bool:
    return training_group_services(user).filter(pk=service.pk).exists()


def activities_visible_to(user) -> QuerySet[EducationalActivity]:
    if not _authenticated(user):
        return EducationalActivity.objects.none()
    if is_ministry_officer(user):
        return EducationalActivity.objects.all()
    return EducationalActivity.objects.filter(
        service__in=training_group_services(user).values("pk")
    )
