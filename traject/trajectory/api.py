"""Trajectory API: the path, the stageplan versions, signatures, the authority's steps,
interruptions and the end date. Every operation goes through the same guards and services as
the pages."""

import datetime
from typing import Any, Literal

from django.http import Http404
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from traject.core.concurrency import version_from_request
from traject.core.pagination import Page, paginate

from . import permissions as perms
from . import selectors, services
from . import stageboekje as boekjes
from .enddate import EndDateInputError, end_date_from_dict
from .models import Evidence, Interruption, PlanItem, PlanVersion

PREFIX = "/trajectory/"
router = Router(tags=["trajectory"])


class PlanItemOut(Schema):
    id: int
    kind: str
    start: datetime.date
    end: datetime.date
    service_id: int | None
    stagemeester_id: int | None
    institution: str
    country: str
    belgian_address: str
    justification: str


class SignatureOut(Schema):
    capacity: str
    eligible: list[int]
    signed_by: str
    signed_at: datetime.datetime | None
    stale: bool


class StepOut(Schema):
    kind: str
    on: datetime.date
    note: str


class PlanOut(Schema):
    id: int
    trajectory_id: int
    number: int
    state: str
    version: int
    reason: str
    submitted_on: datetime.date | None
    supplement_request: str
    advice: str
    advice_on: datetime.date | None
    decided_on: datetime.date | None
    appeal_lodged_on: datetime.date | None
    items: list[PlanItemOut]
    signatures: list[SignatureOut]
    problems: list[str]
    steps: list[StepOut]


class PlanSummary(Schema):
    id: int
    number: int
    state: str
    submitted_on: datetime.date | None


class TimelineOut(Schema):
    key: str
    label: str
    state: str
    due: datetime.date | None
    done_on: datetime.date | None
    action: str


class TrajectoryOut(Schema):
    id: int
    trainee_id: int
    community: str
    nominal_months: int
    riziv_candidate_number: str
    plans: list[PlanSummary]
    timeline: list[TimelineOut]
    stages_outside_plan: list[int]


class EndDateOut(Schema):
    counted_start: datetime.date
    planned_end: datetime.date
    submission_delay_days: int
    interruption_days: int
    extension_days: int
    expected_end: datetime.date
    lines: list[str]


class PlanItemIn(Schema):
    kind: Literal["stage", "research", "abroad"] = "stage"
    start: datetime.date
    end: datetime.date
    service_id: int | None = None
    stagemeester_id: int | None = None
    institution: str = ""
    country: str = ""
    belgian_address: str = ""
    justification: str = ""


class SignIn(Schema):
    capacity: Literal["stagemeester", "coordinator", "aso"]


class StepIn(Schema):
    kind: Literal["supplement", "candidate_number", "advice", "decision", "appeal"]
    on: datetime.date | None = None
    note: str = ""
    number: str = ""
    advice: Literal["positive", "negative", "more"] | None = None
    approved: bool | None = None


class ChangeIn(Schema):
    reason: str


class InterruptionIn(Schema):
    kind: Literal["sick", "maternity", "other"]
    start: datetime.date
    end: datetime.date
    note: str = ""


class InterruptionOut(Schema):
    id: int
    kind: str
    start: datetime.date
    end: datetime.date
    note: str
    version: int


class EvidenceOut(Schema):
    id: int
    kind: str
    original_name: str
    valid_from: datetime.date | None
    uploaded_at: datetime.datetime


class OverviewOut(Schema):
    trajectory_id: int
    trainee: str
    specialty: str
    state: str
    plan_id: int | None
    overdue: str


class EndDateIn(Schema):
    start: Any = None
    nominal_months: Any = None
    plan_submitted_on: Any = None
    interruptions: Any = None
    submission_months: Any = None
    threshold_weeks: Any = None


def _plan_out(plan: PlanVersion) -> dict:
    return {
        **{
            f: getattr(plan, f)
            for f in (
                "id",
                "trajectory_id",
                "number",
                "state",
                "version",
                "reason",
                "submitted_on",
                "supplement_request",
                "advice",
                "advice_on",
                "decided_on",
                "appeal_lodged_on",
            )
        },
        "items": selectors._items(plan),
        "signatures": [
            {
                "capacity": s.capacity,
                "eligible": sorted(s.eligible),
                "signed_by": s.signed_by,
                "signed_at": s.signed_at,
                "stale": s.stale,
            }
            for s in selectors.required_signatures(plan)
        ],
        "problems": selectors.plan_problems(plan) if plan.editable else [],
        "steps": list(plan.steps.all()),
    }


def _trajectory_out(trajectory) -> dict:
    return {
        "id": trajectory.pk,
        "trainee_id": trajectory.trainee_id,
        "community": trajectory.community.code,
        "nominal_months": trajectory.nominal_months,
        "riziv_candidate_number": trajectory.riziv_candidate_number,
        "plans": list(trajectory.plans.order_by("number")),
        "timeline": selectors.timeline(trajectory),
        "stages_outside_plan": [s.pk for s in selectors.stages_outside_plan(trajectory)],
    }


@router.post(
    "/end-date",
    response={200: EndDateOut, 400: dict},
    summary="Compute an expected end date (no data stored)",
)
def end_date_compute(request, payload: EndDateIn):
    data = {k: v for k, v in payload.dict().items() if v is not None}
    try:
        result = end_date_from_dict(data, lang=(get_language() or "nl")[:2])
    except EndDateInputError as exc:
        return Status(400, {"detail": exc.problems, "code": "invalid"})
    return result.to_dict()


class ContactOut(Schema):
    role: str
    name: str
    hospital: str
    email: str
    phone: str
    url: str
    note: str


class WhereToGoOut(Schema):
    mentor: str | None
    mentor_email: str | None
    coordinators: list[str]
    administration: str | None
    contacts: list[ContactOut]


@router.get("/help", response=WhereToGoOut, summary="Where to go in case of difficulties")
def where_to_go(request):
    data = perms.where_to_go_for(request.user)
    mentor = data.get("mentor")
    community = data.get("community")
    return {
        "mentor": str(mentor) if mentor else None,
        "mentor_email": mentor.email if mentor else None,
        "coordinators": [
            f"{c.user} ({c.hospital}) <{c.user.email}>" for c in data.get("coordinators", [])
        ],
        "administration": community.authority if community else None,
        "contacts": [
            {
                "role": c.role,
                "name": c.name,
                "hospital": str(c.hospital) if c.hospital_id else "",
                "email": c.email,
                "phone": c.phone,
                "url": c.url,
                "note": c.note,
            }
            for c in data["contacts"]
        ],
    }


@router.get("/mine", response=TrajectoryOut, summary="Your own path to recognition")
def trajectory_mine(request):
    trajectory = perms.get_own_trajectory(request.user)
    if trajectory is None:
        raise Http404
    return _trajectory_out(trajectory)


@router.post("/mine", response={201: TrajectoryOut}, summary="Open your path (first draft plan)")
def trajectory_open(request):
    trainee = perms.trainee_opening_path(request.user)
    trajectory = services.trajectory_open(trainee=trainee, actor=request.user)
    return Status(201, _trajectory_out(trajectory))


@router.get("/overview", response=list[OverviewOut], summary="Paths by state, with overdue steps")
@paginate(Page)
def trajectory_overview(request, state: str = ""):
    scoped = perms.overview_for(request.user)
    return [
        {
            "trajectory_id": row.trajectory.pk,
            "trainee": str(row.trajectory.trainee),
            "specialty": str(row.trajectory.trainee.specialty),
            "state": row.state,
            "plan_id": row.plan_pk,
            "overdue": row.overdue,
        }
        for row in selectors.overview_rows(scoped, state=state)
    ]


@router.get("/{trajectory_id}", response=TrajectoryOut, summary="A path to recognition")
def trajectory_detail(request, trajectory_id: int):
    return _trajectory_out(perms.get_trajectory(request.user, trajectory_id))


@router.get("/{trajectory_id}/end-date", response=EndDateOut, summary="The expected end, explained")
def trajectory_end_date(request, trajectory_id: int):
    trajectory = perms.trajectory_for(request.user, trajectory_id, perms.can_view_interruptions)
    return selectors.plan_end_date(trajectory).to_dict()


@router.post(
    "/{trajectory_id}/changes", response={201: PlanOut}, summary="Start a change of the plan"
)
def trajectory_change(request, trajectory_id: int, payload: ChangeIn):
    trajectory = perms.trajectory_for(request.user, trajectory_id, perms.can_start_change)
    plan = services.plan_change_start(
        trajectory=trajectory, actor=request.user, reason=payload.reason
    )
    return Status(201, _plan_out(plan))


@router.get(
    "/{trajectory_id}/interruptions", response=list[InterruptionOut], summary="Interruptions"
)
def interruption_list(request, trajectory_id: int):
    trajectory = perms.trajectory_for(request.user, trajectory_id, perms.can_view_interruptions)
    return list(trajectory.interruptions.all())


@router.post(
    "/{trajectory_id}/interruptions",
    response={201: InterruptionOut},
    summary="Record an interruption",
)
def interruption_create(request, trajectory_id: int, payload: InterruptionIn):
    trajectory = perms.trajectory_for(request.user, trajectory_id, perms.can_record_interruption)
    interruption = services.interruption_save(
        interruption=Interruption(trajectory=trajectory, **payload.dict()), actor=request.user
    )
    return Status(201, interruption)


@router.delete(
    "/interruptions/{interruption_id}",
    response={204: None},
    summary="Remove an interruption (send the version you read, ?version= or If-Match: 428 without it, 409 when stale)",
)
def interruption_delete(request, interruption_id: int, version: int | None = None):
    interruption = perms.interruption_for(request.user, interruption_id)
    services.interruption_delete(
        interruption=interruption,
        actor=request.user,
        expected_version=version_from_request(request, version),
    )
    return Status(204, None)


@router.get("/{trajectory_id}/evidence", response=list[EvidenceOut], summary="Evidence (metadata)")
def evidence_list(request, trajectory_id: int):
    trajectory = perms.trajectory_for(request.user, trajectory_id, perms.can_view_evidence)
    return list(trajectory.evidence.all())


@router.post("/{trajectory_id}/evidence", response={201: EvidenceOut}, summary="Upload a document")
def evidence_upload(
    request,
    trajectory_id: int,
    kind: Form[str],
    valid_from: Form[datetime.date | None] = None,
    file: UploadedFile = File(...),  # noqa: B008
):
    trajectory = perms.trajectory_for(request.user, trajectory_id, perms.can_upload_evidence)
    evidence = services.evidence_upload(
        trajectory=trajectory, actor=request.user, kind=kind, file=file, valid_from=valid_from
    )
    return Status(201, evidence)


@router.get("/plans/{plan_id}", response=PlanOut, summary="A version of the stageplan")
def plan_detail(request, plan_id: int):
    return _plan_out(perms.get_plan(request.user, plan_id))


@router.get(
    "/plans/{plan_id}/diff", response=list[dict], summary="Changes since the previous version"
)
def plan_diff(request, plan_id: int):
    plan = perms.get_plan(request.user, plan_id)
    previous = plan.trajectory.plans.filter(number__lt=plan.number).order_by("-number").first()
    return [
        {
            "status": row.status,
            "before": row.before.signed_content() if row.before else None,
            "after": row.after.signed_content() if row.after else None,
            "changed_fields": row.changed_fields,
        }
        for row in selectors.plan_diff(previous, plan)
    ]


@router.post("/plans/{plan_id}/items", response={201: PlanItemOut}, summary="Add a period")
def item_create(request, plan_id: int, payload: PlanItemIn):
    plan = perms.get_plan_to_edit(request.user, plan_id)
    item = services.plan_item_save(item=PlanItem(plan=plan, **payload.dict()), actor=request.user)
    return Status(201, item)


@router.delete(
    "/items/{item_id}",
    response={204: None},
    summary="Remove a period (send the plan's version you read, ?version= or If-Match: 428 without it, 409 when the plan changed)",
)
def item_delete(request, item_id: int, version: int | None = None):
    item = perms.item_to_edit_for(request.user, item_id)
    services.plan_item_delete(
        item=item, actor=request.user, expected_version=version_from_request(request, version)
    )
    return Status(204, None)


@router.post("/plans/{plan_id}/sign", response=PlanOut, summary="Sign the plan's current content")
def plan_sign(request, plan_id: int, payload: SignIn):
    plan = perms.get_plan(request.user, plan_id)
    services.plan_sign(plan=plan, actor=request.user, capacity=payload.capacity)
    return _plan_out(perms.get_plan(request.user, plan_id))


@router.post(
    "/plans/{plan_id}/submit",
    response=PlanOut,
    summary="Submit the plan (send the version you read, ?version=, If-Match or a JSON body: 428 without it, 409 when it changed meanwhile)",
)
def plan_submit(request, plan_id: int, version: int | None = None):
    plan = perms.get_plan(request.user, plan_id)
    services.plan_submit(
        plan=plan, actor=request.user, expected_version=version_from_request(request, version)
    )
    return _plan_out(perms.get_plan(request.user, plan_id))


@router.post("/plans/{plan_id}/steps", response=PlanOut, summary="Record a step of the procedure")
def plan_step(request, plan_id: int, payload: StepIn):
    plan = perms.get_plan(request.user, plan_id)
    user = request.user
    if payload.kind == "supplement":
        services.plan_ask_supplement(plan=plan, actor=user, request=payload.note, on=payload.on)
    elif payload.kind == "candidate_number":
        services.plan_record_candidate_number(
            plan=plan, actor=user, number=payload.number, on=payload.on
        )
    elif payload.kind == "advice":
        services.plan_give_advice(
            plan=plan, actor=user, advice=payload.advice or "", note=payload.note, on=payload.on
        )
    elif payload.kind == "decision":
        if payload.approved is None:
            from django.core.exceptions import ValidationError

            raise ValidationError({"approved": _("Say true or false.")})
        if plan.state == PlanVersion.State.APPEAL:
            services.plan_decide_appeal(
                plan=plan, actor=user, granted=payload.approved, note=payload.note, on=payload.on
            )
        else:
            services.plan_decide(
                plan=plan, actor=user, approved=payload.approved, note=payload.note, on=payload.on
            )
    else:
        services.plan_appeal(plan=plan, actor=user, note=payload.note, on=payload.on)
    return _plan_out(perms.get_plan(user, plan_id))


__all__ = ["router", "PREFIX", "Evidence"]


class BoekjeIn(Schema):
    year: int
    worktime_consent: bool = False


class EvaluationIn(Schema):
    evaluation: str


class BoekjeDecisionIn(Schema):
    approved: bool
    note: str = ""


class ChecklistOut(Schema):
    label: str
    done: bool
    detail: str


@router.post(
    "/{trajectory_id}/stageboekjes", response={201: dict}, summary="Generate a yearly stageboekje"
)
def stageboekje_generate(request, trajectory_id: int, payload: BoekjeIn):
    trajectory = perms.trajectory_for(request.user, trajectory_id, perms.is_owner)
    boekje = boekjes.stageboekje_generate(
        trajectory=trajectory,
        year=payload.year,
        actor=request.user,
        worktime_consent=payload.worktime_consent,
    )
    return Status(201, boekjes.as_json(boekje))


@router.get("/stageboekjes/{boekje_id}", response=dict, summary="A yearly stageboekje")
def stageboekje_detail(request, boekje_id: int):
    return boekjes.as_json(perms.stageboekje_for(request.user, boekje_id))


@router.post(
    "/stageboekjes/{boekje_id}/evaluate", response=dict, summary="Evaluate and sign (stagemeester)"
)
def stageboekje_evaluate(request, boekje_id: int, payload: EvaluationIn):
    boekje = perms.stageboekje_for(request.user, boekje_id)
    boekjes.stageboekje_evaluate(boekje=boekje, actor=request.user, evaluation=payload.evaluation)
    return boekjes.as_json(boekje)


@router.post("/stageboekjes/{boekje_id}/submit", response=dict, summary="Submit to the commission")
def stageboekje_submit(request, boekje_id: int):
    boekje = perms.stageboekje_for(request.user, boekje_id)
    boekjes.stageboekje_submit(boekje=boekje, actor=request.user)
    return boekjes.as_json(boekje)


@router.post("/stageboekjes/{boekje_id}/decision", response=dict, summary="Approve or ask for more")
def stageboekje_decide(request, boekje_id: int, payload: BoekjeDecisionIn):
    boekje = perms.stageboekje_for(request.user, boekje_id)
    boekjes.stageboekje_decide(
        boekje=boekje, actor=request.user, approved=payload.approved, note=payload.note
    )
    return boekjes.as_json(boekje)


@router.get(
    "/{trajectory_id}/dossier", response=list[ChecklistOut], summary="The recognition checklist"
)
def final_dossier(request, trajectory_id: int):
    _trajectory, checklist, _complete = perms.final_dossier_for(request.user, trajectory_id)
    return [{"label": label, "done": done, "detail": detail} for label, done, detail in checklist]
