"""Permission rows for every quality URL (pages and API), with the objects they need."""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from traject.quality.instruments import ASO_INSTRUMENT, TRAINER_PROFILE
from traject.quality.models import (
    AnswerSet,
    Campaign,
    EducationalActivity,
    ImprovementAction,
    Instrument,
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
    aso_instrument = Instrument.objects.get(code=ASO_INSTRUMENT)
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
    profile = Instrument.objects.get(code=TRAINER_PROFILE)
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
        expect=expect(404, programme_admin=302, ministry=403, **ANON_PAGE),
    ),
    # Answering
    Row("GET", "quality:survey_list", expect=expect(200, **ANON_PAGE)),
    Row(
        "GET",
        "quality:survey_respond",
        lambda w: [w.q_open_campaign.pk],
        expect=expect(404, aso=200, other_aso=200, **ANON_PAGE),
    ),
    Row(
        "POST",
        "quality:survey_respond",
        lambda w: [w.q_open_campaign.pk],
        data=_survey_post,
        expect=expect(404, aso=302, other_aso=302, **ANON_PAGE),
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
