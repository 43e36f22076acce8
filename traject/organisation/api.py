"""JSON API for the organisation: reference data, ASO and stages, through the same predicates."""

import datetime

from django.core.exceptions import ValidationError
from ninja import Router, Schema, Status

from traject.audit.services import audit_read
from traject.core.permissions import ensure, get_scoped_or_404

from . import permissions, services
from .models import Hospital, Specialty, Stage, TrainerRecognition, TrainingService, University

PREFIX = "/organisation/"
router = Router(tags=["organisation"])


class UniversityOut(Schema):
    id: int
    code: str
    name: str


class HospitalOut(Schema):
    id: int
    name: str
    city: str
    university_id: int | None
    is_university_hospital: bool


class SpecialtyOut(Schema):
    id: int
    code: str
    name_nl: str
    name_fr: str
    name_en: str
    duration_years: int


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
    version: int
    service_id: int | None = None
    stagemeester_id: int | None = None
    start: datetime.date | None = None
    end: datetime.date | None = None
    exception_reason: str = ""


@router.get("/universities", response=list[UniversityOut], summary="Universities")
def list_universities(request):
    ensure(permissions.can_view_organisation(request.auth))
    return University.objects.all()


@router.get("/hospitals", response=list[HospitalOut], summary="Hospitals")
def list_hospitals(request):
    ensure(permissions.can_view_organisation(request.auth))
    return Hospital.objects.all()


@router.get("/specialties", response=list[SpecialtyOut], summary="The specialties of the programme")
def list_specialties(request):
    return Specialty.objects.all()


@router.get("/services", response=list[ServiceOut], summary="Stagediensten")
def list_services(request):
    ensure(permissions.can_view_organisation(request.auth))
    return TrainingService.objects.all()


@router.get(
    "/trainer-recognitions",
    response=list[TrainerRecognitionOut],
    summary="Recognitions of stagemeesters",
)
def list_trainer_recognitions(request):
    ensure(permissions.can_view_recognitions(request.auth))
    return TrainerRecognition.objects.all()


@router.get("/trainees", response=list[TraineeOut], summary="The ASO you may see")
def list_trainees(request):
    return permissions.trainees_visible_to(request.auth).select_related("user", "specialty")


@router.get("/trainees/{trainee_id}", response=TraineeOut, summary="One ASO")
def get_trainee(request, trainee_id: int):
    trainee = get_scoped_or_404(
        permissions.trainees_visible_to(request.auth).select_related("user", "specialty"),
        pk=trainee_id,
    )
    audit_read(actor=request.auth, subject=trainee.user, target=trainee, summary="api trainee")
    return trainee


@router.get("/stages", response=list[StageOut], summary="Stages of the ASO you may see")
def list_stages(request):
    return permissions.stages_visible_to(request.auth)


@router.get("/stages/{stage_id}", response=StageOut, summary="One stage")
def get_stage(request, stage_id: int):
    return get_scoped_or_404(permissions.stages_visible_to(request.auth), pk=stage_id)


def _related(model, pk, field):
    obj = model.objects.filter(pk=pk).first()
    if obj is None:
        raise ValidationError({field: ["Unknown id."]})
    return obj


@router.post(
    "/stages",
    response={201: StageOut},
    summary="Assign a stage (refused beyond the recognised capacity)",
)
def create_stage(request, payload: StageIn):
    ensure(permissions.can_manage_stages(request.auth))
    trainee = get_scoped_or_404(
        permissions.trainees_visible_to(request.auth), pk=payload.trainee_id
    )
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
    "/stages/{stage_id}", response=StageOut, summary="Change a stage (send the version you read)"
)
def update_stage(request, stage_id: int, payload: StagePatch):
    from traject.accounts.models import User

    stage = get_scoped_or_404(permissions.stages_visible_to(request.auth), pk=stage_id)
    ensure(permissions.can_manage_stage(request.auth, stage))
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
        expected_version=payload.version,
        exception_reason=payload.exception_reason,
    )


@router.delete("/stages/{stage_id}", response={204: None}, summary="Remove a stage")
def delete_stage(request, stage_id: int):
    stage = get_scoped_or_404(permissions.stages_visible_to(request.auth), pk=stage_id)
    services.stage_delete(stage=stage, actor=request.auth)
    return Status(204, None)
