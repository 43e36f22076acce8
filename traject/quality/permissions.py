"""Who may see or do what in quality of training. Deny by default.

Nobody, in any role, may see which answers a person gave: the answer tables have no link to a
person, so there is no predicate for it at all.
"""

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from traject.accounts.roles import COORDINATOR, STAGEMEESTER, has_role
from traject.core.permissions import ensure, get_scoped_or_404, is_authenticated
from traject.organisation.models import (
    Hospital,
    Specialty,
    TrainingService,
)
from traject.organisation.permissions import (
    admin_scope,
    admin_scope_q,
    is_ministry_officer,
    is_programme_admin,
)

from .models import (
    Campaign,
    EducationalActivity,
    ImprovementAction,
    Invitation,
    RecognitionApplication,
    SelfEvaluation,
)

_authenticated = is_authenticated


def is_stagemeester(user) -> bool:
    return _authenticated(user) and has_role(user, STAGEMEESTER)


def is_coordinator(user) -> bool:
    return _authenticated(user) and has_role(user, COORDINATOR)


def _admin_roles(user) -> list[dict]:
    return admin_scope(user) if is_programme_admin(user) else []


def _scope_q(user, university_field: str, specialty_field: str | None) -> Q:
    """Rows within the universities (and specialties) a programme administrator serves."""
    if not is_programme_admin(user):
        return Q(pk__in=[])
    return admin_scope_q(user, university_field, specialty_field)


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


# --- Access functions for campaigns and surveys: the pages and the API call these ---------


def campaign_opener(user):
    """Someone who may open and list survey campaigns (403 otherwise)."""
    ensure(can_open_campaign(user))
    return user


def campaigns_for(user) -> QuerySet[Campaign]:
    """The campaigns list of someone who may open campaigns (403 for anyone else)."""
    campaign_opener(user)
    return campaigns_visible_to(user)


def campaign_for(user, pk, *, for_manage: bool = False) -> Campaign:
    """A campaign in the user's scope (404); ``for_manage``: remind or close it (403).
    Campaigns hold response rates of groups, never one person's data: no audit read."""
    campaign = get_scoped_or_404(campaigns_visible_to(user).select_related("instrument"), pk=pk)
    if for_manage:
        ensure(can_manage_campaign(user, campaign))
    return campaign


def invitation_for(user, campaign_pk) -> Invitation:
    """The user's own invitation to a campaign's survey (404 for anyone not invited)."""
    return get_scoped_or_404(
        invitations_of(user).select_related("campaign__instrument"), campaign_id=campaign_pk
    )


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


# --- Access functions for reports: the pages and the API call these, never their own check ---


def report_groups(user) -> dict[str, QuerySet]:
    """The groups (per kind) whose survey reports the user may read (403 for someone who
    reads no reports)."""
    ensure(can_view_reports(user))
    return {
        "service": report_services(user).select_related("hospital", "specialty"),
        "hospital": report_hospitals(user),
        "specialty": report_specialties(user),
    }


def report_group_for(user, kind: str, key: int):
    """The group a report is about (a stagedienst, hospital, specialty or a training year).

    403 for someone who reads no reports at all; 404 for an unknown kind or a group outside
    the user's scope (the same answer on the page and in the API). Reports are aggregates of
    groups at or above the anonymity threshold, not one person's data: no audit read.
    """
    groups = report_groups(user)
    if kind not in REPORT_KINDS:
        raise Http404
    if kind == "year":
        if not can_view_year_reports(user) or not 1 <= key <= 10:
            raise Http404
        return key
    return get_scoped_or_404(groups[kind], pk=key)


def ensure_report_shown(report: dict) -> None:
    """An API client gets no report of a group below the anonymity threshold (403)."""
    from django.utils.translation import gettext as _

    ensure(
        report["any_shown"],
        _("Not enough responses: reports need at least %(threshold)s per group.")
        % {"threshold": report["threshold"]},
    )


def report_instrument_for(code: str):
    """A survey instrument that has group reports (404 for an unknown code)."""
    from .models import Audience, Instrument

    instrument = (
        Instrument.objects.exclude(audience=Audience.TRAINER_SELF).filter(code=code).first()
    )
    if instrument is None:
        raise Http404
    return instrument


def improvement_action_target_for(user, service_pk, campaign_pk):
    """The stagedienst and the closed campaign an improvement action answers (404/403)."""
    service = get_scoped_or_404(report_services(user), pk=service_pk)
    campaign = get_scoped_or_404(
        Campaign.objects.filter(status=Campaign.Status.CLOSED).select_related("instrument"),
        pk=campaign_pk,
    )
    ensure(can_write_improvement_action(user, service))
    return service, campaign


def improvement_action_for(user, pk, *, for_write: bool = False):
    """An improvement action the user may see (404), and change when ``for_write`` (403)."""
    action = get_scoped_or_404(
        improvement_actions_visible_to(user).select_related("service", "campaign__instrument"),
        pk=pk,
    )
    if for_write:
        ensure(can_write_improvement_action(user, action.service))
    return action


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


# --- Access functions for development: self-evaluations and the activity log -----------------


def self_evaluator(user):
    """A stagemeester, who evaluates themself (403 for anyone else)."""
    ensure(can_self_evaluate(user))
    return user


def self_evaluation_for(user, pk) -> SelfEvaluation:
    """One of the trainer's own self-evaluations (404 for anyone else's)."""
    return get_scoped_or_404(self_evaluations_of(user), pk=pk)


def activity_log_for(user) -> QuerySet[EducationalActivity]:
    """The activity log: the training group's own, the ministry's all (403 for others)."""
    ensure(can_log_activities(user) or is_ministry_officer(user))
    return activities_visible_to(user)


def activity_logger(user):
    """A member of a training group, who logs activities (403 for anyone else)."""
    ensure(can_log_activities(user))
    return user


def activity_service_for(user, service_pk) -> TrainingService:
    """A stagedienst whose training group the user logs activities for (403 / 404)."""
    activity_logger(user)
    return get_scoped_or_404(training_group_services(user), pk=service_pk)


def activity_for(user, pk) -> EducationalActivity:
    """An activity of the log the user may see (404 otherwise)."""
    return get_scoped_or_404(activities_visible_to(user), pk=pk)


# --- Access functions for recognition dossiers -----------------------------------------------


def register_reader(user):
    """Someone who may read the public register of recognitions (403 otherwise)."""
    ensure(can_view_register(user))
    return user


def applications_for(user) -> QuerySet[RecognitionApplication]:
    """The dossiers list: the applicant side's own, the ministry's all (403 for others)."""
    ensure(can_apply_for_recognition(user) or is_ministry_officer(user))
    return applications_visible_to(user)


def applicant(user):
    """Someone who may open a recognition dossier (403 otherwise)."""
    ensure(can_apply_for_recognition(user))
    return user


def application_for(
    user, pk, *, for_edit: bool = False, for_review: bool = False
) -> RecognitionApplication:
    """A dossier the user may see (404); ``for_edit``: the applicant side while it is a draft
    or returned (403); ``for_review``: the ministry (403)."""
    application = get_scoped_or_404(
        applications_visible_to(user).select_related(
            "service__hospital", "service__specialty", "trainer", "applicant"
        ),
        pk=pk,
    )
    if for_edit:
        ensure(can_edit_application(user, application))
    if for_review:
        ensure(can_review_application(user, application))
    return application


def application_part_for(user, application_pk, related: str, pk, *, for_edit: bool = False):
    """A staff member or document of a dossier the user may see (404), or change (403)."""
    application = application_for(user, application_pk, for_edit=for_edit)
    return application, get_scoped_or_404(getattr(application, related).all(), pk=pk)
