"""Self-evaluations and the activity log."""

from ninja import Status

from traject.core.pagination import Mapped, Page, paginate

from .. import permissions, services
from ._common import _activity_out, router
from .schemas import ActivityIn, ActivityOut, SelfEvaluationIn, SelfEvaluationOut

# --- Self-evaluations and activity log ----------------------------------------------------


@router.get(
    "/self-evaluations",
    response=list[SelfEvaluationOut],
    summary="Your own self-evaluations (nobody else's, ever)",
)
def quality_selfeval_list(request):
    user = permissions.self_evaluator(request.auth)
    return list(permissions.self_evaluations_of(user))


@router.post(
    "/self-evaluations",
    response={201: SelfEvaluationOut},
    summary="Record a self-evaluation on the competency profile",
)
def quality_selfeval_create(request, payload: SelfEvaluationIn):
    evaluation = services.self_evaluation_create(
        scores=payload.scores,
        reflection=payload.reflection,
        actor=permissions.self_evaluator(request.auth),
    )
    return Status(201, evaluation)


@router.get(
    "/self-evaluations/{evaluation_id}",
    response=SelfEvaluationOut,
    summary="One of your self-evaluations",
)
def quality_selfeval_detail(request, evaluation_id: int):
    return permissions.self_evaluation_for(request.auth, evaluation_id)


@router.get(
    "/activities",
    response=list[ActivityOut],
    summary="The training group's educational activity log",
)
@paginate(Page)
def quality_activity_list(request, service_id: int | None = None):
    activities = permissions.activity_log_for(request.auth)
    if service_id is not None:
        activities = activities.filter(service_id=service_id)
    return Mapped(activities, _activity_out)


@router.post(
    "/activities", response={201: ActivityOut}, summary="Log an accredited educational activity"
)
def quality_activity_create(request, payload: ActivityIn):
    service = permissions.activity_service_for(request.auth, payload.service_id)
    activity = services.educational_activity_create(
        service=service,
        participant=payload.participant,
        title=payload.title,
        provider=payload.provider,
        date=payload.date,
        hours=payload.hours,
        accreditation=payload.accreditation,
        actor=request.auth,
    )
    return Status(201, _activity_out(activity))
