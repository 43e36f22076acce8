"""Permission rows for every quality URL (pages and API), with the objects they need."""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from traject.quality.instruments import (
    ASO_INSTRUMENT,
    TRAINER_PROFILE,
    TRAINER_PROFILE_NL,
    get_instrument,
)
from traject.quality.models import (
    AnswerSet,
    Campaign,
    EducationalActivity,
    ImprovementAction,
    Invitation,
    Item,
    RecognitionApplication,
    SelfEvaluation,
    StaffMember,
    SupportingDocument,
    private_storage,
)
from traject.testing.permission_table import Row, expect

PDF = b"%PDF-1.4\n% permission table\n"


def _fixed_file(name: str) -> str:
    storage = private_storage()
    if not storage.exists(name):
        storage.save(name, ContentFile(PDF))
    return name


def extend_world(w) -> None:
    today = timezone.localdate()
    sm, coordinator, admin = (
        w.users["stagemeester"],
        w.users["coordinator"],
        w.users["programme_admin"],
    )
    draft = RecognitionApplication.objects.create(
        kind="trainer", service=w.service, trainer=sm, applicant=sm, requested_places=3
    )
    member = StaffMember.objects.create(application=draft, name="Dr. A", function="staflid", fte=1)
    document = SupportingDocument.objects.create(
        application=draft,
        kind="training_plan",
        file=_fixed_file("quality/dossiers/permission-table.pdf"),
        original_name="plan.pdf",
        content_type="application/pdf",
        size=len(PDF),
        uploaded_by=sm,
    )
    submitted = RecognitionApplication.objects.create(
        kind="service",
        service=w.service,
        applicant=coordinator,
        requested_places=4,
        status="submitted",
        submitted_on=today,
    )
    aso_instrument = get_instrument(ASO_INSTRUMENT)
    open_campaign = Campaign.objects.create(
        name="Open",
        instrument=aso_instrument,
        university=w.university,
        opens=today - datetime.timedelta(days=1),
        closes=today + datetime.timedelta(days=10),
        created_by=admin,
        invited_on=today,
    )
    for trainee, service in ((w.trainee, w.service), (w.other_trainee, w.other_service)):
        Invitation.objects.create(
            campaign=open_campaign,
            user=trainee.user,
            service=service,
            hospital=service.hospital,
            specialty=service.specialty,
            training_year=1,
        )
        AnswerSet.objects.create(campaign=open_campaign)
    closed = Campaign.objects.create(
        name="Vorig jaar",
        instrument=aso_instrument,
        university=w.university,
        opens=today - datetime.timedelta(days=400),
        closes=today - datetime.timedelta(days=370),
        created_by=admin,
        status="closed",
        closed_on=today - datetime.timedelta(days=370),
    )
    Invitation.objects.create(
        campaign=closed,
        user=w.trainee.user,
        service=w.service,
        hospital=w.hospital,
        specialty=w.specialty,
        training_year=1,
        responded=True,
    )
    codes = list(
        Item.objects.filter(theme__instrument=aso_instrument).values_list("code", flat=True)
    )
    AnswerSet.objects.bulk_create(
        AnswerSet(
            campaign=closed,
            filled=True,
            service=w.service,
            hospital=w.hospital,
            specialty=w.specialty,
            training_year=1,
            scores=dict.fromkeys(codes, 4),
        )
        for _ in range(5)
    )
    action = ImprovementAction.objects.create(
        service=w.service, campaign=closed, action="Wekelijkse feedbackronde", author=sm
    )
    profile = get_instrument(TRAINER_PROFILE)
    selfeval = SelfEvaluation.objects.create(
        trainer=sm,
        instrument=profile,
        scores=dict.fromkeys(
            Item.objects.filter(theme__instrument=profile).values_list("code", flat=True), 3
        ),
    )
    activity = EducationalActivity.objects.create(
        service=w.service,
        participant="Dr. A",
        title="Feedback geven",
        provider="Academie",
        date=today - datetime.timedelta(days=30),
        hours=4,
        proof=_fixed_file("quality/proofs/permission-table.pdf"),
        proof_name="bewijs.pdf",
        recorded_by=sm,
    )
    w.add(
        q_draft=draft,
        q_member=member,
        q_document=document,
        q_submitted=submitted,
        q_open_campaign=open_campaign,
        q_closed_campaign=closed,
        q_action=action,
        q_selfeval=selfeval,
        q_activity=activity,
        q_aso_codes=codes,
    )


def _survey_post(w):
    return {**{f"item-{code}": "4" for code in w.q_aso_codes}, "free_text": ""}


ANON_PAGE = {"anonymous": 302}
ANON_API = {"anonymous": 401}
APPLICANTS = {"stagemeester": 200, "other_stagemeester": 200, "coordinator": 200}
DRAFT_SIDE = {"stagemeester": 200, "coordinator": 200}
REPORT_SEERS = {"stagemeester": 200, "coordinator": 200, "programme_admin": 200, "ministry": 200}
REPORT_ROLES_404 = {"other_stagemeester": 404}


def draft(w):
    return [w.q_draft.pk]


def submitted(w):
    return [w.q_submitted.pk]


def service_report(w):
    return ["service", w.service.pk]


ROWS = [
    Row("GET", "quality:home", expect=expect(200, **ANON_PAGE)),
    # Recognition applications
    Row(
        "GET",
        "quality:application_list",
        expect=expect(403, **APPLICANTS, ministry=200, **ANON_PAGE),
    ),
    Row("GET", "quality:application_create", expect=expect(403, **APPLICANTS, **ANON_PAGE)),
    Row(
        "GET",
        "quality:application_detail",
        draft,
        expect=expect(404, **DRAFT_SIDE, **ANON_PAGE),
        description="draft (ministry cannot see drafts)",
    ),
    Row(
        "GET",
        "quality:application_detail",
        submitted,
        expect=expect(404, coordinator=200, ministry=200, **ANON_PAGE),
        description="submitted",
    ),
    Row("GET", "quality:application_edit", draft, expect=expect(404, **DRAFT_SIDE, **ANON_PAGE)),
    Row(
        "GET",
        "quality:application_edit",
        submitted,
        expect=expect(404, coordinator=403, ministry=403, **ANON_PAGE),
        description="submitted",
    ),
    Row(
        "GET", "quality:application_staff_add", draft, expect=expect(404, **DRAFT_SIDE, **ANON_PAGE)
    ),
    Row(
        "POST",
        "quality:application_staff_delete",
        lambda w: [w.q_draft.pk, w.q_member.pk],
        expect=expect(404, stagemeester=302, coordinator=302, **ANON_PAGE),
    ),
    Row("GET", "quality:application_figures", draft, expect=expect(404, **DRAFT_SIDE, **ANON_PAGE)),
    Row(
        "GET",
        "quality:application_document_add",
        draft,
        expect=expect(404, **DRAFT_SIDE, **ANON_PAGE),
    ),
    Row(
        "GET",
        "quality:application_document_download",
        lambda w: [w.q_draft.pk, w.q_document.pk],
        expect=expect(404, **DRAFT_SIDE, **ANON_PAGE),
    ),
    Row(
        "POST",
        "quality:application_document_delete",
        lambda w: [w.q_draft.pk, w.q_document.pk],
        data=lambda w: {"version": w.q_document.version},
        expect=expect(404, stagemeester=302, coordinator=302, **ANON_PAGE),
    ),
    Row(
        "POST",
        "quality:application_submit",
        draft,
        expect=expect(404, stagemeester=302, coordinator=302, **ANON_PAGE),
    ),
    Row(
        "POST",
        "quality:application_review",
        submitted,
        expect=expect(404, coordinator=403, ministry=302, **ANON_PAGE),
    ),
    Row(
        "GET",
        "quality:application_decide",
        submitted,
        expect=expect(404, coordinator=403, ministry=200, **ANON_PAGE),
    ),
    # Register
    Row(
        "GET",
        "quality:register",
        expect=expect(403, programme_admin=200, ministry=200, **ANON_PAGE),
    ),
    Row(
        "GET",
        "quality:register_csv",
        expect=expect(403, programme_admin=200, ministry=200, **ANON_PAGE),
    ),
    # Campaigns
    Row(
        "GET",
        "quality:campaign_list",
        expect=expect(403, programme_admin=200, ministry=200, **ANON_PAGE),
    ),
    Row(
        "GET",
        "quality:campaign_create",
        expect=expect(403, programme_admin=200, ministry=200, **ANON_PAGE),
    ),
    Row(
        "GET",
        "quality:campaign_detail",
        lambda w: [w.q_open_campaign.pk],
        expect=expect(404, programme_admin=200, ministry=200, **ANON_PAGE),
    ),
    Row(
        "POST",
        "quality:campaign_remind",
        lambda w: [w.q_open_campaign.pk],
        expect=expect(404, programme_admin=302, ministry=403, **ANON_PAGE),
    ),
    Row(
        "POST",
        "quality:campaign_close",
        lambda w: [w.q_open_campaign.pk],
        # The first POST asks for confirmation (200); nothing is closed yet.
        expect=expect(404, programme_admin=200, ministry=403, **ANON_PAGE),
    ),
    # Answering
    Row("GET", "quality:survey_list", expect=expect(200, **ANON_PAGE)),
    Row(
        "GET",
        "quality:survey_respond",
        lambda w: [w.q_open_campaign.pk],
        expect=expect(404, aso=200, other_aso=200, aios=404, **ANON_PAGE),
    ),
    Row(
        "POST",
        "quality:survey_respond",
        lambda w: [w.q_open_campaign.pk],
        data=_survey_post,
        expect=expect(404, aso=302, other_aso=302, aios=404, **ANON_PAGE),
        description="submit",
    ),
    # Reports
    Row(
        "GET",
        "quality:report_index",
        expect=expect(403, **REPORT_SEERS, other_stagemeester=200, **ANON_PAGE),
    ),
    Row(
        "GET",
        "quality:report_detail",
        service_report,
        expect=expect(403, **REPORT_SEERS, **REPORT_ROLES_404, **ANON_PAGE),
    ),
    Row(
        "GET",
        "quality:report_detail",
        lambda w: ["hospital", w.hospital.pk],
        expect=expect(
            403,
            coordinator=200,
            programme_admin=200,
            ministry=200,
            stagemeester=404,
            other_stagemeester=404,
            **ANON_PAGE,
        ),
        description="hospital",
    ),
    Row(
        "GET",
        "quality:report_detail",
        lambda w: ["year", 1],
        expect=expect(
            403,
            programme_admin=200,
            ministry=200,
            stagemeester=404,
            other_stagemeester=404,
            coordinator=404,
            **ANON_PAGE,
        ),
        description="year of training",
    ),
    Row(
        "GET",
        "quality:report_csv",
        service_report,
        expect=expect(403, **REPORT_SEERS, **REPORT_ROLES_404, **ANON_PAGE),
    ),
    Row(
        "GET",
        "quality:report_pdf",
        service_report,
        expect=expect(403, **REPORT_SEERS, **REPORT_ROLES_404, **ANON_PAGE),
    ),
    Row(
        "GET",
        "quality:action_create",
        lambda w: [w.service.pk, w.q_closed_campaign.pk],
        expect=expect(
            404, stagemeester=200, coordinator=403, programme_admin=403, ministry=403, **ANON_PAGE
        ),
    ),
    Row(
        "GET",
        "quality:action_update",
        lambda w: [w.q_action.pk],
        expect=expect(
            404, stagemeester=200, coordinator=403, programme_admin=403, ministry=403, **ANON_PAGE
        ),
    ),
    # Trainers' development
    Row(
        "GET",
        "quality:selfeval_list",
        expect=expect(403, stagemeester=200, other_stagemeester=200, **ANON_PAGE),
    ),
    Row(
        "GET",
        "quality:selfeval_create",
        expect=expect(403, stagemeester=200, other_stagemeester=200, **ANON_PAGE),
    ),
    Row(
        "GET",
        "quality:selfeval_detail",
        lambda w: [w.q_selfeval.pk],
        expect=expect(404, stagemeester=200, **ANON_PAGE),
        description="only the trainer, not even the ministry",
    ),
    Row(
        "GET", "quality:activity_list", expect=expect(403, **APPLICANTS, ministry=200, **ANON_PAGE)
    ),
    Row("GET", "quality:activity_create", expect=expect(403, **APPLICANTS, **ANON_PAGE)),
    Row(
        "GET",
        "quality:activity_proof",
        lambda w: [w.q_activity.pk],
        expect=expect(404, stagemeester=200, coordinator=200, ministry=200, **ANON_PAGE),
    ),
    Row(
        "POST",
        "quality:activity_delete",
        lambda w: [w.q_activity.pk],
        expect=expect(404, stagemeester=302, coordinator=302, ministry=403, **ANON_PAGE),
    ),
]


def _application_in(w):
    return {"kind": "trainer", "service_id": w.service.pk, "requested_places": 2}


def _figures(w):
    from traject.quality.services import activity_months_for

    return [
        {"month": m.isoformat(), "admissions": 1, "consultations": 2, "procedures": 3}
        for m in activity_months_for(timezone.localdate())
    ]


def _campaign_in(w):
    today = timezone.localdate()
    return {
        "name": "API",
        "instrument": ASO_INSTRUMENT,
        "university_id": w.university.pk,
        "opens": today.isoformat(),
        "closes": (today + datetime.timedelta(days=7)).isoformat(),
    }


def _response_in(w):
    return {"scores": dict.fromkeys(w.q_aso_codes, 4), "free_text": ""}


def _selfeval_in(w, code=TRAINER_PROFILE):
    profile = get_instrument(code)
    codes = Item.objects.filter(theme__instrument=profile).values_list("code", flat=True)
    return {"scores": dict.fromkeys(codes, 3), "reflection": ""}


def _dutch_selfeval_in(w):
    return _selfeval_in(w, TRAINER_PROFILE_NL)


def _activity_in(w):
    return {
        "service_id": w.service.pk,
        "participant": "Dr. B",
        "title": "Congres",
        "provider": "NVMO",
        "date": (timezone.localdate() - datetime.timedelta(days=3)).isoformat(),
        "hours": "6",
    }


API_APPLICANTS = {"stagemeester": 200, "other_stagemeester": 200, "coordinator": 200}

ROWS += [
    Row(
        "GET",
        "api:quality_recognitions",
        expect=expect(403, programme_admin=200, ministry=200, **ANON_API),
    ),
    Row(
        "GET",
        "api:quality_application_list",
        expect=expect(403, **API_APPLICANTS, ministry=200, **ANON_API),
    ),
    Row(
        "POST",
        "api:quality_application_create",
        data=_application_in,
        expect=expect(403, stagemeester=201, other_stagemeester=403, coordinator=201, **ANON_API),
        description="for the world's stagedienst",
    ),
    Row(
        "GET", "api:quality_application_detail", draft, expect=expect(404, **DRAFT_SIDE, **ANON_API)
    ),
    Row(
        "PATCH",
        "api:quality_application_update",
        draft,
        data=lambda w: {"requested_places": 4, "motivation": "", "version": w.q_draft.version},
        expect=expect(404, **DRAFT_SIDE, **ANON_API),
    ),
    Row(
        "POST",
        "api:quality_application_staff_add",
        draft,
        data=lambda w: {"name": "Dr. C", "function": "staflid", "fte": "0.8"},
        expect=expect(404, stagemeester=201, coordinator=201, **ANON_API),
    ),
    Row(
        "PUT",
        "api:quality_application_figures",
        draft,
        data=_figures,
        query=lambda w: {"version": type(w.q_draft).objects.get(pk=w.q_draft.pk).version},
        expect=expect(404, **DRAFT_SIDE, **ANON_API),
    ),
    Row(
        "POST",
        "api:quality_application_document_add",
        draft,
        json=True,
        expect=expect(422, **ANON_API),
        description="without a file: 422 for everyone (the file is required by the schema)",
    ),
    Row(
        "POST",
        "api:quality_application_submit",
        draft,
        expect=expect(404, stagemeester=400, coordinator=400, **ANON_API),
        description="incomplete: 400 for the applicant side",
    ),
    Row(
        "POST",
        "api:quality_application_review",
        submitted,
        expect=expect(404, coordinator=403, ministry=200, **ANON_API),
    ),
    Row(
        "POST",
        "api:quality_application_decide",
        submitted,
        data=lambda w: {"decision": "refuse", "reason": "Onvolledig"},
        expect=expect(404, coordinator=403, ministry=200, **ANON_API),
    ),
    Row(
        "GET",
        "api:quality_campaign_list",
        expect=expect(403, programme_admin=200, ministry=200, **ANON_API),
    ),
    Row(
        "POST",
        "api:quality_campaign_open",
        data=_campaign_in,
        expect=expect(403, programme_admin=201, **ANON_API),
        description="for a university",
    ),
    Row(
        "GET",
        "api:quality_campaign_detail",
        lambda w: [w.q_open_campaign.pk],
        expect=expect(404, programme_admin=200, ministry=200, **ANON_API),
    ),
    Row(
        "POST",
        "api:quality_campaign_close",
        lambda w: [w.q_open_campaign.pk],
        expect=expect(404, programme_admin=200, ministry=403, **ANON_API),
    ),
    Row("GET", "api:quality_my_surveys", expect=expect(200, **ANON_API)),
    Row(
        "GET",
        "api:quality_my_survey",
        lambda w: [w.q_open_campaign.pk],
        expect=expect(404, aso=200, other_aso=200, aios=404, **ANON_API),
    ),
    Row(
        "POST",
        "api:quality_survey_respond",
        lambda w: [w.q_open_campaign.pk],
        data=_response_in,
        expect=expect(404, aso=201, other_aso=201, aios=404, **ANON_API),
    ),
    Row(
        "GET",
        "api:quality_report",
        service_report,
        expect=expect(403, **REPORT_SEERS, **REPORT_ROLES_404, **ANON_API),
    ),
    Row(
        "POST",
        "api:quality_action_create",
        lambda w: [w.service.pk, w.q_closed_campaign.pk],
        data=lambda w: {"action": "Supervisie-rooster"},
        expect=expect(
            404, stagemeester=201, coordinator=403, programme_admin=403, ministry=403, **ANON_API
        ),
    ),
    Row(
        "PATCH",
        "api:quality_action_update",
        lambda w: [w.q_action.pk],
        data=lambda w: {"status": "done", "follow_up": "Gebeurd", "version": w.q_action.version},
        expect=expect(
            404, stagemeester=200, coordinator=403, programme_admin=403, ministry=403, **ANON_API
        ),
    ),
    Row(
        "GET",
        "api:quality_selfeval_list",
        expect=expect(403, stagemeester=200, other_stagemeester=200, **ANON_API),
    ),
    Row(
        "POST",
        "api:quality_selfeval_create",
        data=_selfeval_in,
        # A Dutch opleider rates the profile in the Dutch training's words: the Belgian
        # indicators are not theirs (400, the row below).
        expect=expect(403, stagemeester=201, other_stagemeester=201, opleider=400, **ANON_API),
    ),
    Row(
        "POST",
        "api:quality_selfeval_create",
        data=_dutch_selfeval_in,
        expect=expect(403, stagemeester=400, other_stagemeester=400, opleider=201, **ANON_API),
        description="on the Dutch opleider's profile",
    ),
    Row(
        "GET",
        "api:quality_selfeval_detail",
        lambda w: [w.q_selfeval.pk],
        expect=expect(404, stagemeester=200, **ANON_API),
    ),
    Row(
        "GET",
        "api:quality_activity_list",
        expect=expect(403, **API_APPLICANTS, ministry=200, **ANON_API),
    ),
    Row(
        "POST",
        "api:quality_activity_create",
        data=_activity_in,
        expect=expect(403, stagemeester=201, other_stagemeester=404, coordinator=201, **ANON_API),
    ),
]
