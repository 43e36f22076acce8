"""JSON API for quality of training. No operation returns an individual survey answer."""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from traject.accounts.models import User
from traject.core.permissions import ensure, get_scoped_or_404
from traject.organisation.models import TrainingService
from traject.organisation.permissions import is_ministry_officer

from . import permissions, selectors, services
from .instruments import ASO_INSTRUMENT
from .models import Audience, Campaign, Instrument, RecognitionApplication, Theme

PREFIX = "/quality/"
router = Router(tags=["quality"])


# --- Schemas -------------------------------------------------------------------------------


class RecognitionOut(Schema):
    kind: str
    name: str
    service: str | None = None
    hospital: str
    specialty: str
    start: datetime.date
    end: datetime.date
    capacity: int | None = None
    reference: str


class ApplicationIn(Schema):
    kind: str
    service_id: int
    trainer_id: int | None = None
    requested_places: int
    motivation: str = ""


class ApplicationPatch(Schema):
    requested_places: int
    motivation: str = ""
    version: int


class StaffIn(Schema):
    name: str
    function: str
    fte: Decimal
    recognised_specialist: bool = True


class MonthIn(Schema):
    month: datetime.date
    admissions: int
    consultations: int
    procedures: int


class DecisionIn(Schema):
    decision: str  # "grant" or "refuse"
    start: datetime.date | None = None
    capacity: int | None = None
    reference: str = ""
    reason: str = ""


class StaffOut(Schema):
    id: int
    name: str
    function: str
    fte: Decimal
    recognised_specialist: bool


class MonthOut(Schema):
    month: datetime.date
    admissions: int
    consultations: int
    procedures: int


class DocumentOut(Schema):
    id: int
    kind: str
    original_name: str
    size: int
    content_type: str


class ApplicationOut(Schema):
    id: int
    kind: str
    status: str
    service_id: int
    service: str
    trainer_id: int | None
    requested_places: int
    motivation: str
    submitted_on: datetime.date | None
    granted_start: datetime.date | None
    granted_end: datetime.date | None
    granted_capacity: int | None
    refusal_reason: str
    version: int


class ApplicationDetailOut(ApplicationOut):
    staff: list[StaffOut]
    activity_figures: list[MonthOut]
    documents: list[DocumentOut]
    development_overview: list[dict]


class CampaignIn(Schema):
    name: str
    instrument: str
    university_id: int | None = None
    specialty_id: int | None = None
    opens: datetime.date
    closes: datetime.date


class CampaignOut(Schema):
    id: int
    name: str
    instrument: str
    university_id: int | None
    specialty_id: int | None
    opens: datetime.date
    closes: datetime.date
    status: str


class RateOut(Schema):
    name: str
    invited: int
    band: str


class CampaignDetailOut(CampaignOut):
    invited: int
    responded: int
    rate: int
    groups: list[RateOut]
    threshold: int


class ItemOut(Schema):
    code: str
    text: str


class ThemeOut(Schema):
    code: str
    name: str
    items: list[ItemOut]


class SurveyOut(Schema):
    campaign_id: int
    name: str
    closes: datetime.date
    is_open: bool
    responded: bool


class SurveyDetailOut(SurveyOut):
    intro: str
    free_text_question: str
    scale: list[str]
    themes: list[ThemeOut]


class ResponseIn(Schema):
    scores: dict[str, int | None]
    free_text: str = ""


class RespondedOut(Schema):
    campaign_id: int
    responded: bool


class ThemeScoreOut(Schema):
    theme: str
    name: str
    score: float | None
    national: float | None


class EditionOut(Schema):
    campaign_id: int
    campaign: str
    year: int
    shown: bool
    responses: int | None
    themes: list[ThemeScoreOut]
    free_text: list[str]


class ReportOut(Schema):
    group: str
    instrument: str
    threshold: int
    editions: list[EditionOut]


class ActionIn(Schema):
    action: str
    theme: str | None = None


class ActionPatch(Schema):
    status: str
    follow_up: str = ""
    version: int


class ActionOut(Schema):
    id: int
    service_id: int
    campaign_id: int
    theme: str | None
    action: str
    status: str
    follow_up: str
    version: int


class SelfEvaluationIn(Schema):
    scores: dict[str, int | None]
    reflection: str = ""


class SelfEvaluationOut(Schema):
    id: int
    created_on: datetime.date
    scores: dict
    reflection: str


class ActivityIn(Schema):
    service_id: int
    participant: str
    title: str
    provider: str
    date: datetime.date
    hours: Decimal
    accreditation: str = ""


class ActivityOut(Schema):
    id: int
    service_id: int
    participant: str
    title: str
    provider: str
    date: datetime.date
    hours: Decimal
    accreditation: str
    has_proof: bool


# --- Helpers -------------------------------------------------------------------------------


def _application_out(a: RecognitionApplication) -> dict:
    return {
        "id": a.pk,
        "kind": a.kind,
        "status": a.status,
        "service_id": a.service_id,
        "service": str(a.service),
        "trainer_id": a.trainer_id,
        "requested_places": a.requested_places,
        "motivation": a.motivation,
        "submitted_on": a.submitted_on,
        "granted_start": a.granted_start,
        "granted_end": a.granted_end,
        "granted_capacity": a.granted_capacity,
        "refusal_reason": a.refusal_reason,
        "version": a.version,
    }


def _application_detail(a: RecognitionApplication) -> dict:
    overview = (
        a.development_overview
        if not a.is_draft
        else selectors.development_overview(a.service, today=timezone.localdate())
    )
    return {
        **_application_out(a),
        "staff": list(a.staff.all()),
        "activity_figures": list(a.activity_months.all()),
        "documents": list(a.documents.all()),
        "development_overview": overview,
    }


def _application(request, application_id):
    return get_scoped_or_404(
        permissions.applications_visible_to(request.auth).select_related("service__hospital"),
        pk=application_id,
    )


def _campaign_out(c: Campaign) -> dict:
    return {
        "id": c.pk,
        "name": c.name,
        "instrument": c.instrument.code,
        "university_id": c.university_id,
        "specialty_id": c.specialty_id,
        "opens": c.opens,
        "closes": c.closes,
        "status": c.status,
    }


def _action_out(a) -> dict:
    return {
        "id": a.pk,
        "service_id": a.service_id,
        "campaign_id": a.campaign_id,
        "theme": a.theme.code if a.theme_id else None,
        "action": a.action,
        "status": a.status,
        "follow_up": a.follow_up,
        "version": a.version,
    }


def _activity_out(a) -> dict:
    return {
        "id": a.pk,
        "service_id": a.service_id,
        "participant": a.participant,
        "title": a.title,
        "provider": a.provider,
        "date": a.date,
        "hours": a.hours,
        "accreditation": a.accreditation,
        "has_proof": bool(a.proof),
    }


# --- Recognitions and applications ---------------------------------------------------------


@router.get(
    "/recognitions", response=list[RecognitionOut], summary="Register of current recognitions"
)
def quality_recognitions(request, q: str = ""):
    ensure(permissions.can_view_register(request.auth))
    rows = selectors.register_rows(today=timezone.localdate(), query=q[:100])
    return [
        {
            **row,
            "kind": "service" if row["capacity"] == "" else "trainer",
            "capacity": row["capacity"] or None,
        }
        for row in rows
    ]


@router.get(
    "/applications", response=list[ApplicationOut], summary="Recognition applications you may see"
)
def quality_application_list(request, status: str = ""):
    user = request.auth
    ensure(permissions.can_apply_for_recognition(user) or is_ministry_officer(user))
    applications = permissions.applications_visible_to(user).select_related("service__hospital")
    if status:
        applications = applications.filter(status=status)
    return [_application_out(a) for a in applications]


@router.post(
    "/applications", response={201: ApplicationDetailOut}, summary="Start a draft application"
)
def quality_application_create(request, payload: ApplicationIn):
    user = request.auth
    ensure(permissions.can_apply_for_recognition(user))
    if payload.kind not in RecognitionApplication.Kind.values:
        raise ValidationError({"kind": ["Unknown kind."]})
    service = TrainingService.objects.filter(pk=payload.service_id).first()
    if service is None:
        raise ValidationError({"service_id": ["Unknown stagedienst."]})
    trainer = None
    if payload.trainer_id is not None:
        trainer = User.objects.filter(pk=payload.trainer_id, is_active=True).first()
        if trainer is None:
            raise ValidationError({"trainer_id": ["Unknown person."]})
    if not 1 <= payload.requested_places <= 50:
        raise ValidationError({"requested_places": ["Between 1 and 50."]})
    application = services.application_create(
        kind=payload.kind,
        service=service,
        trainer=trainer,
        requested_places=payload.requested_places,
        motivation=payload.motivation,
        actor=user,
    )
    return Status(201, _application_detail(application))


@router.get(
    "/applications/{application_id}",
    response=ApplicationDetailOut,
    summary="One application as a dossier",
)
def quality_application_detail(request, application_id: int):
    return _application_detail(_application(request, application_id))


@router.patch(
    "/applications/{application_id}", response=ApplicationDetailOut, summary="Change a draft"
)
def quality_application_update(request, application_id: int, payload: ApplicationPatch):
    application = _application(request, application_id)
    ensure(permissions.can_edit_application(request.auth, application))
    if not 1 <= payload.requested_places <= 50:
        raise ValidationError({"requested_places": ["Between 1 and 50."]})
    services.application_update(
        application=application,
        requested_places=payload.requested_places,
        motivation=payload.motivation,
        expected_version=payload.version,
        actor=request.auth,
    )
    return _application_detail(application)


@router.post(
    "/applications/{application_id}/staff", response={201: StaffOut}, summary="Add a staff member"
)
def quality_application_staff_add(request, application_id: int, payload: StaffIn):
    application = _application(request, application_id)
    ensure(permissions.can_edit_application(request.auth, application))
    member = services.staff_member_add(
        application=application, actor=request.auth, **payload.dict()
    )
    return Status(201, member)


@router.put(
    "/applications/{application_id}/figures",
    response=list[MonthOut],
    summary="Replace the twelve months of activity figures",
)
def quality_application_figures(request, application_id: int, payload: list[MonthIn]):
    application = _application(request, application_id)
    ensure(permissions.can_edit_application(request.auth, application))
    services.activity_figures_save(
        application=application, figures=[m.dict() for m in payload], actor=request.auth
    )
    return list(application.activity_months.all())


@router.post(
    "/applications/{application_id}/documents",
    response={201: DocumentOut},
    summary="Upload a supporting document (PDF, PNG, JPEG; 10 MB)",
)
def quality_application_document_add(
    request,
    application_id: int,
    kind: Form[str] = "",
    file: File[UploadedFile] | None = None,
):
    application = _application(request, application_id)
    ensure(permissions.can_edit_application(request.auth, application))
    document = services.document_add(
        application=application, kind=kind, upload=file, actor=request.auth
    )
    return Status(201, document)


@router.post(
    "/applications/{application_id}/submit",
    response=ApplicationDetailOut,
    summary="Submit the dossier to the ministry",
)
def quality_application_submit(request, application_id: int):
    application = _application(request, application_id)
    ensure(permissions.can_edit_application(request.auth, application))
    services.application_submit(application=application, actor=request.auth)
    return _application_detail(application)


@router.post(
    "/applications/{application_id}/review",
    response=ApplicationOut,
    summary="Take a submitted application under review (ministry)",
)
def quality_application_review(request, application_id: int):
    application = _application(request, application_id)
    ensure(permissions.can_review_application(request.auth, application))
    services.application_start_review(application=application, actor=request.auth)
    return _application_out(application)


@router.post(
    "/applications/{application_id}/decision",
    response=ApplicationOut,
    summary="Grant or refuse (ministry)",
)
def quality_application_decide(request, application_id: int, payload: DecisionIn):
    application = _application(request, application_id)
    ensure(permissions.can_review_application(request.auth, application))
    if payload.decision == "grant":
        if payload.start is None:
            raise ValidationError({"start": ["Give the start date."]})
        services.application_grant(
            application=application,
            start=payload.start,
            capacity=payload.capacity,
            reference=payload.reference,
            actor=request.auth,
        )
    elif payload.decision == "refuse":
        services.application_refuse(
            application=application, reason=payload.reason, actor=request.auth
        )
    else:
        raise ValidationError({"decision": ["grant or refuse"]})
    return _application_out(application)


# --- Campaigns ----------------------------------------------------------------------------


@router.get("/campaigns", response=list[CampaignOut], summary="Survey campaigns in your scope")
def quality_campaign_list(request):
    ensure(permissions.can_open_campaign(request.auth))
    return [
        _campaign_out(c)
        for c in permissions.campaigns_visible_to(request.auth).select_related("instrument")
    ]


@router.post(
    "/campaigns",
    response={201: CampaignOut},
    summary="Open a campaign and invite everyone it addresses",
)
def quality_campaign_open(request, payload: CampaignIn):
    from traject.organisation.models import Specialty, University

    ensure(permissions.can_open_campaign(request.auth))
    instrument = (
        Instrument.objects.exclude(audience=Audience.TRAINER_SELF)
        .filter(code=payload.instrument)
        .first()
    )
    if instrument is None:
        raise ValidationError({"instrument": ["Unknown survey."]})
    university = specialty = None
    if payload.university_id is not None:
        university = University.objects.filter(pk=payload.university_id).first()
        if university is None:
            raise ValidationError({"university_id": ["Unknown university."]})
    if payload.specialty_id is not None:
        specialty = Specialty.objects.filter(pk=payload.specialty_id).first()
        if specialty is None:
            raise ValidationError({"specialty_id": ["Unknown specialty."]})
    campaign = services.campaign_open(
        name=payload.name[:200],
        instrument=instrument,
        university=university,
        specialty=specialty,
        opens=payload.opens,
        closes=payload.closes,
        actor=request.auth,
    )
    return Status(201, _campaign_out(campaign))


@router.get(
    "/campaigns/{campaign_id}",
    response=CampaignDetailOut,
    summary="A campaign with response rates per group (never who)",
)
def quality_campaign_detail(request, campaign_id: int):
    campaign = get_scoped_or_404(permissions.campaigns_visible_to(request.auth), pk=campaign_id)
    rates = selectors.response_rates(campaign)
    return {
        **_campaign_out(campaign),
        "invited": rates["total"]["invited"],
        "responded": rates["total"]["responded"],
        "rate": rates["total"]["rate"],
        "groups": rates["groups"],
        "threshold": rates["threshold"],
    }


@router.post("/campaigns/{campaign_id}/close", response=CampaignOut, summary="Close a campaign")
def quality_campaign_close(request, campaign_id: int):
    campaign = get_scoped_or_404(permissions.campaigns_visible_to(request.auth), pk=campaign_id)
    ensure(permissions.can_manage_campaign(request.auth, campaign))
    services.campaign_close(campaign=campaign, actor=request.auth)
    return _campaign_out(campaign)


# --- Your own survey response ---------------------------------------------------------------


def _survey_out(invitation) -> dict:
    c = invitation.campaign
    today = timezone.localdate()
    return {
        "campaign_id": c.pk,
        "name": c.name,
        "closes": c.closes,
        "is_open": c.is_open and c.opens <= today <= c.closes,
        "responded": invitation.responded,
    }


@router.get("/surveys", response=list[SurveyOut], summary="Surveys you are invited to")
def quality_my_surveys(request):
    return [
        _survey_out(i)
        for i in permissions.invitations_of(request.auth)
        .select_related("campaign")
        .order_by("-campaign__opens")
    ]


@router.get(
    "/surveys/{campaign_id}",
    response=SurveyDetailOut,
    summary="A survey to answer: its items and whether you responded (never your answers)",
)
def quality_my_survey(request, campaign_id: int):
    invitation = get_scoped_or_404(
        permissions.invitations_of(request.auth).select_related("campaign__instrument"),
        campaign_id=campaign_id,
    )
    instrument = invitation.campaign.instrument
    themes = Theme.objects.filter(instrument=instrument).prefetch_related("items").order_by("order")
    return {
        **_survey_out(invitation),
        "intro": instrument.intro,
        "free_text_question": instrument.free_text_question,
        "scale": ["1", "2", "3", "4", "5", "null = not applicable"],
        "themes": [
            {
                "code": t.code,
                "name": t.name,
                "items": [{"code": i.code, "text": i.text} for i in t.items.all()],
            }
            for t in themes
        ],
    }


@router.post(
    "/surveys/{campaign_id}/response",
    response={201: RespondedOut},
    summary="Submit your answers once; they are stored without any link to you",
)
def quality_survey_respond(request, campaign_id: int, payload: ResponseIn):
    invitation = get_scoped_or_404(
        permissions.invitations_of(request.auth), campaign_id=campaign_id
    )
    campaign = Campaign.objects.get(pk=invitation.campaign_id)
    services.survey_response_submit(
        campaign=campaign, scores=payload.scores, free_text=payload.free_text, actor=request.auth
    )
    return Status(201, {"campaign_id": campaign.pk, "responded": True})


# --- Reports ------------------------------------------------------------------------------


@router.get(
    "/reports/{kind}/{key}",
    response=ReportOut,
    summary="Aggregated report of a group; refused below the anonymity threshold",
)
def quality_report(request, kind: str, key: int, instrument: str = ASO_INSTRUMENT):
    from .views import _report_groups

    user = request.auth
    ensure(permissions.can_view_reports(user))
    if kind not in permissions.REPORT_KINDS:
        raise ValidationError({"kind": ["service, hospital, specialty or year"]})
    if kind == "year":
        if not permissions.can_view_year_reports(user) or not 1 <= key <= 10:
            from django.http import Http404

            raise Http404
        obj = key
    else:
        obj = get_scoped_or_404(_report_groups(user)[kind], pk=key)
    chosen = (
        Instrument.objects.exclude(audience=Audience.TRAINER_SELF).filter(code=instrument).first()
    )
    if chosen is None:
        raise ValidationError({"instrument": ["Unknown survey."]})
    report = selectors.group_report(chosen, kind, key)
    if not report["any_shown"]:
        raise PermissionDenied(
            f"Not enough responses: reports need at least {report['threshold']} per group."
        )
    return {
        "group": selectors.group_label(kind, obj),
        "instrument": chosen.code,
        "threshold": report["threshold"],
        "editions": [
            {
                "campaign_id": e["campaign"].pk,
                "campaign": e["campaign"].name,
                "year": e["campaign"].year,
                "shown": e["shown"],
                "responses": e["count"],
                "themes": [
                    {
                        "theme": r["theme"].code,
                        "name": r["theme"].name,
                        "score": r["score"],
                        "national": r["national"],
                    }
                    for r in e["rows"]
                ]
                if e["shown"]
                else [],
                "free_text": e["free_text"],
            }
            for e in report["editions"]
        ],
    }


@router.post(
    "/reports/service/{service_id}/campaigns/{campaign_id}/actions",
    response={201: ActionOut},
    summary="Answer a stagedienst's report with an improvement action",
)
def quality_action_create(request, service_id: int, campaign_id: int, payload: ActionIn):
    service = get_scoped_or_404(permissions.report_services(request.auth), pk=service_id)
    ensure(permissions.can_write_improvement_action(request.auth, service))
    campaign = get_object_or_404(Campaign, pk=campaign_id)
    theme = None
    if payload.theme:
        theme = Theme.objects.filter(instrument=campaign.instrument, code=payload.theme).first()
        if theme is None:
            raise ValidationError({"theme": ["Unknown theme."]})
    action = services.improvement_action_create(
        service=service, campaign=campaign, theme=theme, action=payload.action, actor=request.auth
    )
    return Status(201, _action_out(action))


@router.patch("/actions/{action_id}", response=ActionOut, summary="Follow up an improvement action")
def quality_action_update(request, action_id: int, payload: ActionPatch):
    action = get_scoped_or_404(
        permissions.improvement_actions_visible_to(request.auth), pk=action_id
    )
    ensure(permissions.can_write_improvement_action(request.auth, action.service))
    if payload.status not in action.Status.values:
        raise ValidationError({"status": ["Unknown status."]})
    services.improvement_action_update(
        improvement_action=action,
        status=payload.status,
        follow_up=payload.follow_up,
        expected_version=payload.version,
        actor=request.auth,
    )
    return _action_out(action)


# --- Self-evaluations and activity log ----------------------------------------------------


@router.get(
    "/self-evaluations",
    response=list[SelfEvaluationOut],
    summary="Your own self-evaluations (nobody else's, ever)",
)
def quality_selfeval_list(request):
    ensure(permissions.can_self_evaluate(request.auth))
    return list(permissions.self_evaluations_of(request.auth))


@router.post(
    "/self-evaluations",
    response={201: SelfEvaluationOut},
    summary="Record a self-evaluation on the competency profile",
)
def quality_selfeval_create(request, payload: SelfEvaluationIn):
    evaluation = services.self_evaluation_create(
        scores=payload.scores, reflection=payload.reflection, actor=request.auth
    )
    return Status(201, evaluation)


@router.get(
    "/self-evaluations/{evaluation_id}",
    response=SelfEvaluationOut,
    summary="One of your self-evaluations",
)
def quality_selfeval_detail(request, evaluation_id: int):
    return get_scoped_or_404(permissions.self_evaluations_of(request.auth), pk=evaluation_id)


@router.get(
    "/activities",
    response=list[ActivityOut],
    summary="The training group's educational activity log",
)
def quality_activity_list(request, service_id: int | None = None):
    user = request.auth
    ensure(permissions.can_log_activities(user) or is_ministry_officer(user))
    activities = permissions.activities_visible_to(user)
    if service_id is not None:
        activities = activities.filter(service_id=service_id)
    return [_activity_out(a) for a in activities[:1000]]


@router.post(
    "/activities", response={201: ActivityOut}, summary="Log an accredited educational activity"
)
def quality_activity_create(request, payload: ActivityIn):
    ensure(permissions.can_log_activities(request.auth))
    service = get_scoped_or_404(
        permissions.training_group_services(request.auth), pk=payload.service_id
    )
    activity = services.educational_activity_create(
        service=service,
        participant=payload.participant[:200],
        title=payload.title[:300],
        provider=payload.provider[:200],
        date=payload.date,
        hours=payload.hours,
        accreditation=payload.accreditation[:100],
        actor=request.auth,
    )
    return Status(201, _activity_out(activity))
