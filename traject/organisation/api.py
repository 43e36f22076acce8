"""JSON API for the organisation: reference data, ASO and stages, through the same predicates."""

import datetime

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from traject.core.concurrency import version_from_request
from traject.core.pagination import Page, paginate

from . import permissions, services
from .models import Hospital, Specialty, Stage, TrainerRecognition, TrainingService, University

PREFIX = "/organisation/"
router = Router(tags=["organisation"])


class UniversityOut(Schema):
    id: int
    code: str
    name: str
    country: str


class HospitalOut(Schema):
    id: int
    name: str
    city: str
    university_id: int | None
    is_university_hospital: bool
    country: str
    region_id: int | None


class SpecialtyOut(Schema):
    id: int
    code: str
    name_nl: str
    name_fr: str
    name_en: str
    duration_years: int
    country: str


class RegionOut(Schema):
    id: int
    code: str
    name: str
    umc: str


class ServiceOut(Schema):
    id: int
    name: str
    hospital_id: int
    specialty_id: int


class TrainerRecognitionOut(Schema):
    id: int
    trainer_id: int
    service_id: int
    start: datetime.date
    end: datetime.date
    capacity: int
    reference: str
    version: int


class TraineeOut(Schema):
    id: int
    user_id: int
    first_name: str
    last_name: str
    email: str
    specialty_id: int
    university_id: int
    training_start: datetime.date
    training_year: int

    @staticmethod
    def resolve_first_name(obj):
        return obj.user.first_name

    @staticmethod
    def resolve_last_name(obj):
        return obj.user.last_name

    @staticmethod
    def resolve_email(obj):
        return obj.user.email


class StageOut(Schema):
    id: int
    trainee_id: int
    service_id: int
    stagemeester_id: int
    start: datetime.date
    end: datetime.date
    exception_reason: str
    version: int


class StageIn(Schema):
    trainee_id: int
    service_id: int
    stagemeester_id: int
    start: datetime.date
    end: datetime.date
    exception_reason: str = ""


class StagePatch(Schema):
    version: int | None = None
    service_id: int | None = None
    stagemeester_id: int | None = None
    start: datetime.date | None = None
    end: datetime.date | None = None
    exception_reason: str = ""


@router.get("/universities", response=list[UniversityOut], summary="Universities")
@paginate(Page)
def list_universities(request):
    permissions.organisation_reader(request.auth)
    return University.objects.order_by("name", "pk")


@router.get("/hospitals", response=list[HospitalOut], summary="Hospitals")
@paginate(Page)
def list_hospitals(request):
    permissions.organisation_reader(request.auth)
    return Hospital.objects.order_by("name", "pk")


@router.get("/specialties", response=list[SpecialtyOut], summary="The specialties of the programme")
@paginate(Page)
def list_specialties(request):
    permissions.public_reference_reader(request.auth)
    return Specialty.objects.order_by("name_nl", "pk")


@router.get("/regions", response=list[RegionOut], summary="The 8 Dutch training regions (OOR)")
@paginate(Page)
def list_regions(request):
    from .models import Region

    permissions.public_reference_reader(request.auth)
    return Region.objects.order_by("name", "pk")


@router.get("/services", response=list[ServiceOut], summary="Stagediensten")
@paginate(Page)
def list_services(request):
    permissions.organisation_reader(request.auth)
    return TrainingService.objects.order_by("pk")


@router.get(
    "/trainer-recognitions",
    response=list[TrainerRecognitionOut],
    summary="Recognitions of stagemeesters",
)
@paginate(Page)
def list_trainer_recognitions(request):
    permissions.recognitions_reader(request.auth)
    return TrainerRecognition.objects.order_by("-start", "pk")


@router.get("/trainees", response=list[TraineeOut], summary="The ASO you may see")
@paginate(Page)
def list_trainees(request, q: str = ""):
    trainees = permissions.trainees_visible_to(request.auth).select_related("user", "specialty")
    query = q.strip()[:100]
    if query:
        trainees = trainees.filter(
            Q(user__first_name__icontains=query)
            | Q(user__last_name__icontains=query)
            | Q(user__email__icontains=query)
        )
    return trainees.order_by("user__last_name", "user__first_name", "pk")


@router.get("/trainees/{trainee_id}", response=TraineeOut, summary="One ASO")
def get_trainee(request, trainee_id: int):
    return permissions.trainee_for(request.auth, trainee_id, summary="api trainee")


@router.get("/stages", response=list[StageOut], summary="Stages of the ASO you may see")
@paginate(Page)
def list_stages(request, trainee_id: int | None = None):
    stages = permissions.stages_visible_to(request.auth)
    if trainee_id is not None:
        stages = stages.filter(trainee_id=trainee_id)
    return stages.order_by("-start", "pk")


@router.get("/stages/{stage_id}", response=StageOut, summary="One stage")
def get_stage(request, stage_id: int):
    return permissions.stage_for(request.auth, stage_id)


def _related(model, pk, field):
    obj = model.objects.filter(pk=pk).first()
    if obj is None:
        raise ValidationError({field: [_("Unknown id.")]})
    return obj


@router.post(
    "/stages",
    response={201: StageOut},
    summary="Assign a stage (refused beyond the recognised capacity)",
)
def create_stage(request, payload: StageIn):
    trainee = permissions.trainee_to_assign(request.auth, payload.trainee_id)
    from traject.accounts.models import User

    stage = Stage(
        trainee=trainee,
        service=_related(TrainingService, payload.service_id, "service_id"),
        stagemeester=_related(User, payload.stagemeester_id, "stagemeester_id"),
        start=payload.start,
        end=payload.end,
    )
    stage = services.stage_save(
        stage=stage, actor=request.auth, exception_reason=payload.exception_reason
    )
    return Status(201, stage)


@router.patch(
    "/stages/{stage_id}",
    response=StageOut,
    summary="Change a stage (send the version you read, or If-Match: 409 when stale, 428 without)",
)
def update_stage(request, stage_id: int, payload: StagePatch):
    from traject.accounts.models import User

    stage = permissions.stage_for_change(request.auth, stage_id)
    expected_version = version_from_request(request, payload.version)
    if payload.service_id is not None:
        stage.service = _related(TrainingService, payload.service_id, "service_id")
    if payload.stagemeester_id is not None:
        stage.stagemeester = _related(User, payload.stagemeester_id, "stagemeester_id")
    if payload.start is not None:
        stage.start = payload.start
    if payload.end is not None:
        stage.end = payload.end
    return services.stage_save(
        stage=stage,
        actor=request.auth,
        expected_version=expected_version,
        exception_reason=payload.exception_reason,
    )


@router.delete(
    "/stages/{stage_id}",
    response={204: None},
    summary="Remove a stage (send ?version= or If-Match: 409 when stale, 428 without)",
)
def delete_stage(request, stage_id: int, version: int | None = None):
    stage = permissions.stage_for_change(request.auth, stage_id)
    services.stage_delete(
        stage=stage, actor=request.auth, expected_version=version_from_request(request, version)
    )
    return Status(204, None)
