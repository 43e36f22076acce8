"""Recognitions and applications."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import File, Form, Status
from ninja.files import UploadedFile

from traject.accounts.models import User
from traject.core.concurrency import version_from_request
from traject.core.pagination import Mapped, Page, paginate
from traject.organisation.models import TrainingService

from .. import permissions, selectors, services
from ..models import RecognitionApplication
from ._common import _application_detail, _application_out, router
from .schemas import (
    ApplicationDecisionIn,
    ApplicationDetailOut,
    ApplicationIn,
    ApplicationOut,
    ApplicationPatch,
    DocumentOut,
    MonthIn,
    MonthOut,
    RecognitionOut,
    StaffIn,
    StaffOut,
)

# --- Recognitions and applications ---------------------------------------------------------


@router.get(
    "/recognitions", response=list[RecognitionOut], summary="Register of current recognitions"
)
@paginate(Page)
def quality_recognitions(
    request, q: str = "", kind: str = "", hospital_id: int = 0, specialty_id: int = 0
):
    permissions.register_reader(request.auth)
    queryset = selectors.register_queryset(
        today=timezone.localdate(),
        query=q[:100],
        kind=kind if kind in selectors.REGISTER_KINDS else "",
        hospital_id=hospital_id or None,
        specialty_id=specialty_id or None,
    )
    return Mapped(queryset, _recognition_out)


def _recognition_out(values: dict) -> dict:
    return {
        **selectors.register_row(values),
        "kind": values["row_kind"],
        "capacity": values["row_capacity"],
    }


@router.get(
    "/applications", response=list[ApplicationOut], summary="Recognition applications you may see"
)
@paginate(Page)
def quality_application_list(request, status: str = ""):
    user = request.auth
    permissions.applications_for(user)
    applications = permissions.applications_visible_to(user).select_related("service__hospital")
    if status:
        applications = applications.filter(status=status)
    return Mapped(applications, _application_out)


@router.post(
    "/applications", response={201: ApplicationDetailOut}, summary="Start a draft application"
)
def quality_application_create(request, payload: ApplicationIn):
    user = request.auth
    permissions.applicant(user)
    if payload.kind not in RecognitionApplication.Kind.values:
        raise ValidationError({"kind": [_("Unknown kind.")]})
    service = TrainingService.objects.filter(pk=payload.service_id).first()
    if service is None:
        raise ValidationError({"service_id": [_("Unknown stagedienst.")]})
    trainer = None
    if payload.trainer_id is not None:
        trainer = User.objects.filter(pk=payload.trainer_id, is_active=True).first()
        if trainer is None:
            raise ValidationError({"trainer_id": [_("Unknown person.")]})
    if not 1 <= payload.requested_places <= 50:
        raise ValidationError({"requested_places": [_("Between 1 and 50.")]})
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
    return _application_detail(permissions.application_for(request.auth, application_id))


@router.patch(
    "/applications/{application_id}", response=ApplicationDetailOut, summary="Change a draft"
)
def quality_application_update(request, application_id: int, payload: ApplicationPatch):
    application = permissions.application_for(request.auth, application_id, for_edit=True)
    if not 1 <= payload.requested_places <= 50:
        raise ValidationError({"requested_places": [_("Between 1 and 50.")]})
    services.application_update(
        application=application,
        requested_places=payload.requested_places,
        motivation=payload.motivation,
        expected_version=version_from_request(request, payload.version),
        actor=request.auth,
    )
    return _application_detail(application)


@router.post(
    "/applications/{application_id}/staff", response={201: StaffOut}, summary="Add a staff member"
)
def quality_application_staff_add(request, application_id: int, payload: StaffIn):
    application = permissions.application_for(request.auth, application_id, for_edit=True)
    member = services.staff_member_add(
        application=application, actor=request.auth, **payload.dict()
    )
    return Status(201, member)


@router.put(
    "/applications/{application_id}/figures",
    response=list[MonthOut],
    summary="Replace the twelve months of activity figures (send the application's version you read, ?version= or If-Match: 428 without it, 409 when stale)",
)
def quality_application_figures(
    request, application_id: int, payload: list[MonthIn], version: int | None = None
):
    application = permissions.application_for(request.auth, application_id, for_edit=True)
    services.activity_figures_save(
        application=application,
        figures=[m.dict() for m in payload],
        actor=request.auth,
        expected_version=version_from_request(request, version),
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
    file: File[UploadedFile],
    kind: Form[str] = "",
):
    application = permissions.application_for(request.auth, application_id, for_edit=True)
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
    application = permissions.application_for(request.auth, application_id, for_edit=True)
    services.application_submit(application=application, actor=request.auth)
    return _application_detail(application)


@router.post(
    "/applications/{application_id}/review",
    response=ApplicationOut,
    summary="Take a submitted application under review (ministry)",
)
def quality_application_review(request, application_id: int):
    application = permissions.application_for(request.auth, application_id, for_review=True)
    services.application_start_review(application=application, actor=request.auth)
    return _application_out(application)


@router.post(
    "/applications/{application_id}/decision",
    response=ApplicationOut,
    summary="Grant or refuse (ministry)",
)
def quality_application_decide(request, application_id: int, payload: ApplicationDecisionIn):
    application = permissions.application_for(request.auth, application_id, for_review=True)
    if payload.decision == "grant":
        if payload.start is None:
            raise ValidationError({"start": [_("Give the start date.")]})
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
        raise ValidationError({"decision": [_("Choose grant or refuse.")]})
    return _application_out(application)
