"""The conversation cycle in the JSON API: the same access functions and services as the pages."""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from traject.core.concurrency import version_from_request
from traject.core.pagination import Mapped, Page, paginate

from . import permissions as perms
from . import selectors, services
from .models import Talk, TransferDocument

PREFIX = "/conversations/"
router = Router(tags=["conversations"])


class ObligationOut(Schema):
    kind: str
    training_year: int
    number: int
    window_start: datetime.date
    due_by: datetime.date
    status: str
    talk_id: int | None
    stage_id: int | None


class TalkOut(Schema):
    id: int
    trainee_id: int
    kind: str
    training_year: int
    planned_on: datetime.date | None
    held_on: datetime.date | None
    place: str
    held_by_id: int
    outcome: str
    report: str | None
    checklist: list[int] | None
    report_shared: bool
    acknowledged_at: datetime.datetime | None
    reaction: str | None
    actions: list[str] | None
    version: int


class CycleOut(Schema):
    trainee_id: int
    access: str
    obligations: list[ObligationOut]
    talks: list[TalkOut]
    intensified_track_open: bool | None


class OverviewRowOut(Schema):
    trainee_id: int
    name: str
    training_year: int
    next_due: ObligationOut | None
    overdue: int
    last_outcome: str
    track_open: bool


class TalkPlanIn(Schema):
    kind: str
    planned_on: datetime.date
    held_by_id: int
    place: str = ""


class TalkMoveIn(Schema):
    planned_on: datetime.date
    held_by_id: int | None = None
    place: str | None = None
    version: int | None = None


class TalkReportIn(Schema):
    held_on: datetime.date
    report: str
    checklist: list[int] = []
    outcome: str = ""
    report_shared: bool = False
    actions: list[str] = []
    track_goals: str = ""
    track_deadline: datetime.date | None = None
    version: int | None = None


class ReactionIn(Schema):
    reaction: str = ""


class TrackCloseIn(Schema):
    status: str
    conclusion: str
    version: int | None = None


class TransferOut(Schema):
    id: int
    trainee_id: int
    from_stage_id: int
    to_stage_id: int
    author_id: int
    status: str
    facts: dict
    summary: str
    attention_points: str
    agreed_support: str
    trainee_reaction: str
    read_by_trainee_at: datetime.datetime | None
    handed_over_at: datetime.datetime | None
    version: int


class TransferIn(Schema):
    summary: str
    attention_points: str = ""
    agreed_support: str = ""
    version: int | None = None


class DurationStepOut(Schema):
    kind: str
    months: int
    days: int
    end: datetime.date | None


class DurationDecisionOut(Schema):
    id: int
    kind: str
    months: int
    start: datetime.date | None
    end: datetime.date | None
    percentage: int
    reason: str
    decided_by_id: int
    decided_at: datetime.datetime


class DurationOut(Schema):
    nominal_end: datetime.date
    expected_end: datetime.date
    steps: list[DurationStepOut]
    decisions: list[DurationDecisionOut]


class DurationDecisionIn(Schema):
    kind: str
    reason: str
    months: int = 0
    start: datetime.date | None = None
    end: datetime.date | None = None
    percentage: int = 100


def _obligation(o) -> dict:
    return {
        "kind": o.kind,
        "training_year": o.training_year,
        "number": o.number,
        "window_start": o.window_start,
        "due_by": o.due_by,
        "status": o.status,
        "talk_id": o.talk_id,
        "stage_id": o.stage_id,
    }


def _talk(talk: Talk, level: str) -> dict:
    full = perms.can_read_full_cycle(level)
    report = perms.can_read_report(level, talk)
    return {
        "id": talk.pk,
        "trainee_id": talk.trainee_id,
        "kind": talk.kind,
        "training_year": talk.training_year,
        "planned_on": talk.planned_on,
        "held_on": talk.held_on,
        "place": talk.place,
        "held_by_id": talk.held_by_id,
        "outcome": talk.outcome,
        "report": talk.report if report else None,
        "checklist": list(talk.checklist) if report else None,
        "report_shared": talk.report_shared,
        "acknowledged_at": talk.acknowledged_at if full else None,
        "reaction": talk.reaction if full else None,
        "actions": [a.text for a in talk.actions.all()] if full else None,
        "version": talk.version,
    }


def _user(pk):
    """The person named to hold a talk; an unknown one is refused by the service (400)."""
    from traject.accounts.models import User

    return User.objects.filter(pk=pk, is_active=True).first()


@router.get("/group", response=list[OverviewRowOut], summary="The trainer's group and its talks")
def conversations_group(request, sort: str = "due"):
    rows = selectors.group_overview(perms.trainees_trained_by(request.user), sort=sort)
    return [
        {
            "trainee_id": r.trainee.pk,
            "name": str(r.trainee),
            "training_year": r.training_year,
            "next_due": _obligation(r.next_due) if r.next_due else None,
            "overdue": r.overdue,
            "last_outcome": r.last_outcome,
            "track_open": r.track_open,
        }
        for r in rows
    ]


@router.get("/trainees/{trainee_id}/cycle", response=CycleOut, summary="A trainee's cycle")
def conversations_cycle(request, trainee_id: int):
    trainee, level = perms.trainee_for(request.user, trainee_id)
    data = selectors.trainee_cycle(trainee)
    return {
        "trainee_id": trainee.pk,
        "access": level,
        "obligations": [_obligation(o) for o in data.state.obligations],
        "talks": [_talk(t, level) for t in data.talks],
        "intensified_track_open": (data.open_track is not None)
        if perms.can_read_full_cycle(level)
        else None,
    }


@router.post("/trainees/{trainee_id}/talks", response={201: TalkOut}, summary="Plan a talk")
def conversations_talk_plan(request, trainee_id: int, payload: TalkPlanIn):
    trainee, level = perms.trainee_for(request.user, trainee_id, manage=True)
    talk = services.talk_plan(
        trainee=trainee,
        actor=request.user,
        kind=payload.kind,
        planned_on=payload.planned_on,
        held_by=_user(payload.held_by_id),
        place=payload.place,
    )
    return Status(201, _talk(talk, level))


@router.get(
    "/talks/{talk_id}", response=TalkOut, summary="A talk (the report as your access allows)"
)
def conversations_talk_detail(request, talk_id: int):
    talk, level = perms.talk_for(request.user, talk_id)
    return _talk(talk, level)


@router.patch(
    "/talks/{talk_id}",
    response=TalkOut,
    summary="Move a planned talk (send the version you read, in the body or If-Match: 428 without it, 409 when it changed meanwhile)",
)
def conversations_talk_move(request, talk_id: int, payload: TalkMoveIn):
    talk, level = perms.talk_for(request.user, talk_id, action="report")
    talk = services.talk_plan(
        trainee=talk.trainee,
        actor=request.user,
        talk=talk,
        kind=talk.kind,
        planned_on=payload.planned_on,
        held_by=_user(payload.held_by_id) if payload.held_by_id else talk.held_by,
        place=payload.place if payload.place is not None else talk.place,
        expected_version=version_from_request(request, payload.version),
    )
    return _talk(talk, level)


@router.delete(
    "/talks/{talk_id}",
    response={204: None},
    summary="Remove a planned talk (send the version you read, ?version= or If-Match: 428 without it, 409 when stale)",
)
def conversations_talk_cancel(request, talk_id: int, version: int | None = None):
    talk, _level = perms.talk_for(request.user, talk_id, action="report")
    services.talk_cancel(
        talk=talk, actor=request.user, expected_version=version_from_request(request, version)
    )
    return Status(204, None)


@router.post(
    "/talks/{talk_id}/report",
    response=TalkOut,
    summary="Report a held talk (send the version you read, in the body or If-Match: 428 without it, 409 when it changed meanwhile)",
)
def conversations_talk_report(request, talk_id: int, payload: TalkReportIn):
    talk, level = perms.talk_for(request.user, talk_id, action="report")
    talk = services.talk_report(
        talk=talk,
        actor=request.user,
        held_on=payload.held_on,
        report=payload.report,
        checklist=payload.checklist,
        outcome=payload.outcome,
        report_shared=payload.report_shared,
        actions=payload.actions,
        track_goals=payload.track_goals,
        track_deadline=payload.track_deadline,
        expected_version=version_from_request(request, payload.version),
    )
    return _talk(talk, level)


@router.post(
    "/talks/{talk_id}/acknowledge", response=TalkOut, summary="The trainee acknowledges and reacts"
)
def conversations_talk_acknowledge(request, talk_id: int, payload: ReactionIn):
    talk, level = perms.talk_for(request.user, talk_id, action="react")
    talk = services.talk_acknowledge(talk=talk, actor=request.user, reaction=payload.reaction)
    return _talk(talk, level)


@router.post(
    "/tracks/{track_id}/close",
    response={204: None},
    summary="Conclude an intensified track (send the version you read, in the body or If-Match: 428 without it, 409 when it changed meanwhile)",
)
def conversations_track_close(request, track_id: int, payload: TrackCloseIn):
    track = perms.track_for(request.user, track_id)
    services.track_close(
        track=track,
        actor=request.user,
        status=payload.status,
        conclusion=payload.conclusion,
        expected_version=version_from_request(request, payload.version),
    )
    return Status(204, None)


def _transfer(document: TransferDocument) -> dict:
    return {
        "id": document.pk,
        "trainee_id": document.trainee_id,
        "from_stage_id": document.from_stage_id,
        "to_stage_id": document.to_stage_id,
        "author_id": document.author_id,
        "status": document.status,
        "facts": document.facts,
        "summary": document.summary,
        "attention_points": document.attention_points,
        "agreed_support": document.agreed_support,
        "trainee_reaction": document.trainee_reaction,
        "read_by_trainee_at": document.read_by_trainee_at,
        "handed_over_at": document.handed_over_at,
        "version": document.version,
    }


@router.post(
    "/stages/{stage_id}/transfer",
    response={201: TransferOut},
    summary="Start the transfer document of a stage being left (prefilled)",
)
def conversations_transfer_start(request, stage_id: int):
    stage = perms.transfer_stage_for(request.user, stage_id)
    document = services.transfer_start(from_stage=stage, actor=request.user)
    return Status(201, _transfer(document))


@router.get("/transfers/{transfer_id}", response=TransferOut, summary="A transfer document")
def conversations_transfer_detail(request, transfer_id: int):
    return _transfer(perms.transfer_for(request.user, transfer_id))


@router.patch(
    "/transfers/{transfer_id}",
    response=TransferOut,
    summary="Edit a transfer document (send the version you read, in the body or If-Match: 428 without it, 409 when it changed meanwhile)",
)
def conversations_transfer_update(request, transfer_id: int, payload: TransferIn):
    document = perms.transfer_for(request.user, transfer_id, action="edit")
    document = services.transfer_save(
        document=document,
        actor=request.user,
        summary=payload.summary,
        attention_points=payload.attention_points,
        agreed_support=payload.agreed_support,
        expected_version=version_from_request(request, payload.version),
    )
    return _transfer(document)


@router.post(
    "/transfers/{transfer_id}/share", response=TransferOut, summary="Give it to the trainee"
)
def conversations_transfer_share(request, transfer_id: int):
    document = perms.transfer_for(request.user, transfer_id, action="edit")
    return _transfer(services.transfer_share(document=document, actor=request.user))


@router.post(
    "/transfers/{transfer_id}/react", response=TransferOut, summary="The trainee reads and reacts"
)
def conversations_transfer_react(request, transfer_id: int, payload: ReactionIn):
    document = perms.transfer_for(request.user, transfer_id, action="react")
    return _transfer(
        services.transfer_react(document=document, actor=request.user, reaction=payload.reaction)
    )


@router.post("/transfers/{transfer_id}/hand-over", response=TransferOut, summary="Hand it over")
def conversations_transfer_hand_over(request, transfer_id: int):
    document = perms.transfer_for(request.user, transfer_id, action="edit")
    return _transfer(services.transfer_hand_over(document=document, actor=request.user))


def _duration(trainee) -> dict:
    computation, decisions = selectors.duration_of(trainee)
    return {
        "nominal_end": computation.nominal_end,
        "expected_end": computation.expected_end,
        "steps": [
            {"kind": s.kind, "months": s.months, "days": s.days, "end": s.end}
            for s in computation.steps
        ],
        "decisions": [
            {
                "id": d.pk,
                "kind": d.kind,
                "months": d.months,
                "start": d.start,
                "end": d.end,
                "percentage": d.percentage,
                "reason": d.reason,
                "decided_by_id": d.decided_by_id,
                "decided_at": d.decided_at,
            }
            for d in decisions
        ],
    }


@router.get(
    "/trainees/{trainee_id}/duration", response=DurationOut, summary="Expected end and decisions"
)
def conversations_duration(request, trainee_id: int):
    trainee, _level = perms.trainee_for(request.user, trainee_id, full=True)
    return _duration(trainee)


@router.post(
    "/trainees/{trainee_id}/duration",
    response={201: DurationOut},
    summary="Record a decision on the duration (EVC, part-time, extension ≤ 12 months)",
)
def conversations_duration_decide(request, trainee_id: int, payload: DurationDecisionIn):
    trainee, _level = perms.trainee_for(request.user, trainee_id, manage=True)
    if payload.kind not in ("evc", "part_time", "extension"):
        raise ValidationError({"kind": [_("Unknown kind of decision.")]})
    services.duration_decide(
        trainee=trainee,
        actor=request.user,
        kind=payload.kind,
        reason=payload.reason,
        months=payload.months,
        start=payload.start,
        end=payload.end,
        percentage=payload.percentage,
    )
    return Status(201, _duration(trainee))


class LocalPlanItemOut(Schema):
    id: int
    epa_id: int | None
    epa: str
    theme: str
    period: str
    assessment: str


class LocalPlanOut(Schema):
    id: int
    specialty_id: int
    hospital_id: int
    region_id: int | None
    introduction: str
    version: int
    items: list[LocalPlanItemOut]


class LocalPlanItemIn(Schema):
    epa_id: int | None = None
    theme: str = ""
    period: str
    assessment: str
    version: int | None = None


class GoalPlacesOut(Schema):
    goal_id: int
    title: str
    places: list[LocalPlanItemOut]
    hospitals: list[str]


def _item(item) -> dict:
    return {
        "id": item.pk,
        "epa_id": item.epa_id,
        "epa": str(item.epa) if item.epa else "",
        "theme": item.theme,
        "period": item.period,
        "assessment": item.assessment,
    }


def _plan(plan) -> dict:
    return {
        "id": plan.pk,
        "specialty_id": plan.specialty_id,
        "hospital_id": plan.hospital_id,
        "region_id": plan.hospital.region_id,
        "introduction": plan.introduction,
        "version": plan.version,
        "items": [_item(i) for i in plan.items.select_related("epa")],
    }


@router.get("/plans", response=list[LocalPlanOut], summary="Local training plans")
@paginate(Page)
def conversations_local_plans(request, specialty_id: int | None = None):
    plans = perms.local_plans_visible_to(request.user).select_related("hospital")
    if specialty_id is not None:
        plans = plans.filter(specialty_id=specialty_id)
    return Mapped(plans.prefetch_related("items__epa"), _plan)


@router.get("/plans/{plan_id}", response=LocalPlanOut, summary="A local training plan")
def conversations_local_plan(request, plan_id: int):
    return _plan(perms.local_plan_for(request.user, plan_id))


@router.post(
    "/plans/{plan_id}/items",
    response={201: LocalPlanOut},
    summary="Add a part to a local plan (a new version) (send the version you read, in the body or If-Match: 428 without it, 409 when it changed meanwhile)",
)
def conversations_local_plan_add_item(request, plan_id: int, payload: LocalPlanItemIn):
    from traject.portfolio.models import Epa

    plan = perms.local_plan_for(request.user, plan_id, manage=True)
    epa = None
    if payload.epa_id is not None:
        epa = Epa.objects.filter(pk=payload.epa_id).first()
        if epa is None:
            raise ValidationError({"epa_id": [_("Unknown EPA.")]})
    services.local_plan_add_item(
        plan=plan,
        actor=request.user,
        epa=epa,
        theme=payload.theme,
        period=payload.period,
        assessment=payload.assessment,
        expected_version=version_from_request(request, payload.version),
    )
    plan.refresh_from_db()
    return Status(201, _plan(plan))


@router.get(
    "/trainees/{trainee_id}/goal-places",
    response=list[GoalPlacesOut],
    summary="Where in the region the trainee's IOP goals can be met",
)
def conversations_goal_places(request, trainee_id: int):
    trainee, _level = perms.trainee_for(request.user, trainee_id, full=True)
    _region, rows = selectors.where_goals_can_be_met(trainee)
    return [
        {
            "goal_id": r.goal.pk,
            "title": r.goal.title,
            "places": [_item(i) for i in r.items],
            "hospitals": sorted({str(i.plan.hospital) for i in r.items}),
        }
        for r in rows
    ]


class TrainingGroupMemberOut(Schema):
    id: int
    user_id: int
    name: str
    email: str
    role: str
    version: int


class TrainingGroupOut(Schema):
    service_id: int
    name: str
    hospital: str
    can_manage: bool
    members: list[TrainingGroupMemberOut]


class TrainingGroupMemberIn(Schema):
    email: str
    role: str


def _team(service, led: set[int]) -> dict:
    return {
        "service_id": service.pk,
        "name": service.name,
        "hospital": str(service.hospital),
        "can_manage": service.pk in led,
        "members": [
            {
                "id": m.pk,
                "user_id": m.user_id,
                "name": m.user.get_full_name() or m.user.email,
                "email": m.user.email,
                "role": m.role,
                "version": m.version,
            }
            for m in service.team.all()
        ],
    }


@router.get(
    "/groups", response=list[TrainingGroupOut], summary="Your groups: deputy and opleidingsgroep"
)
def conversations_teams(request):
    groups = perms.teams_for(request.user).prefetch_related("team__user")
    led = set(perms.teams_led_by(request.user).values_list("pk", flat=True))
    return [_team(g, led) for g in groups]


@router.post(
    "/groups/{service_id}/members",
    response={201: TrainingGroupOut},
    summary="Appoint a deputy opleider or add a member to the opleidingsgroep (the opleider)",
)
def conversations_team_member_add(request, service_id: int, payload: TrainingGroupMemberIn):
    service = perms.team_for(request.user, service_id, manage=True)
    services.team_member_add(
        actor=request.user, service=service, email=payload.email, role=payload.role
    )
    service = perms.teams_for(request.user).prefetch_related("team__user").get(pk=service.pk)
    return Status(201, _team(service, {service.pk}))


@router.delete(
    "/group-members/{member_id}",
    response={204: None},
    summary="Take a deputy or member off the group (the opleider; send the version you read, ?version= or If-Match: 428 without it, 409 when stale)",
)
def conversations_team_member_remove(request, member_id: int, version: int | None = None):
    member = perms.team_member_for(request.user, member_id)
    services.team_member_remove(
        actor=request.user, member=member, expected_version=version_from_request(request, version)
    )
    return Status(204, None)
