"""The portfolio API: to-do lists and items, submissions, feedback, EPAs and the IOP."""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Field, File, Router, Schema, Status
from ninja.files import UploadedFile

from traject.core.concurrency import version_from_request
from traject.core.pagination import Mapped, Page, paginate

from . import exports, selectors, services
from . import permissions as perms
from .models import (
    EntrustmentDecision,
    Epa,
    Feedback,
    LearningGoal,
    Role,
    TodoList,
)

PREFIX = "/portfolio/"
router = Router(tags=["portfolio"])


# --- schemas ----------------------------------------------------------------------------------


class FileOut(Schema):
    id: int
    name: str
    content_type: str
    size: int


class ItemOut(Schema):
    id: int
    title: str
    description: str
    kind: str
    roles: list[str]
    due_date: datetime.date | None
    required: bool
    done: bool
    note: str
    reflection_html: str
    version: int
    files: list[FileOut]


class SubmissionOut(Schema):
    id: int
    todo_list_id: int
    number: int
    submitted_at: datetime.datetime
    decision: str
    decided_at: datetime.datetime | None
    feedback: str


class TodoListOut(Schema):
    id: int
    course: str
    course_code: str
    status: str
    items: list[ItemOut]
    submissions: list[SubmissionOut]


class TodoStatusOut(Schema):
    list_id: int
    course: str
    status: str
    status_label: str
    due_date: datetime.date | None
    overdue: bool
    items_done: int
    items_total: int


class ItemIn(Schema):
    done: bool
    note: str = ""
    reflection: str | None = None
    version: int | None = None


class SubmissionDetailOut(SubmissionOut):
    course: str
    aso: str
    aso_specialty: str
    aso_training_year: int
    items: list[dict]


class DecisionIn(Schema):
    decision: str
    feedback: str = ""


class FeedbackRequestIn(Schema):
    supervisor_id: int | None = None
    team_member_id: int | None = Field(
        None, description="A stageteam member without an account (instead of supervisor_id)."
    )
    moment_date: datetime.date
    what: str
    role: str = ""
    epa_id: int | None = None


class FeedbackRequestOut(Schema):
    id: int
    trainee_id: int
    aso: str
    supervisor: str
    moment_date: datetime.date
    what: str
    role: str
    epa: str | None
    status: str
    late: bool


class FeedbackFormIn(Schema):
    went_well: str
    to_improve: str
    entrustment_level: int | None = None


class FeedbackIn(FeedbackFormIn):
    moment_date: datetime.date
    what: str
    role: str = ""
    epa_id: int | None = None


class FeedbackOut(Schema):
    id: int
    trainee_id: int
    author: str
    moment_date: datetime.date
    what: str
    role: str
    epa: str | None
    went_well: str
    to_improve: str
    entrustment_level: int | None
    asked: bool
    channel: str


class EpaOut(Schema):
    id: int
    specialty: str
    code: str
    title: str
    description: str
    roles: list[str]


class DecisionOut(Schema):
    id: int
    epa_id: int
    epa: str
    level: int
    decided_on: datetime.date
    decided_by: str
    rationale: str
    current: bool
    evidence_ids: list[int]


class EntrustmentIn(Schema):
    epa_id: int
    level: int
    decided_on: datetime.date
    rationale: str
    evidence_ids: list[int] = []


class GoalIn(Schema):
    title: str
    planning: str = ""
    approach: str = ""
    evaluation: str = ""
    roles: list[str] = []
    epa_ids: list[int] = []
    status: str = LearningGoal.Status.ACTIVE
    version: int | None = None


class CommentIn(Schema):
    text: str


class CommentOut(Schema):
    author: str
    text: str
    goal_version: int
    created_at: datetime.datetime


class GoalOut(Schema):
    id: int
    title: str
    planning: str
    approach: str
    evaluation: str
    roles: list[str]
    epa_ids: list[int]
    status: str
    version: int
    agreed_version: int | None
    agreed: bool
    comments: list[CommentOut]


class AgreeIn(Schema):
    version: int


# --- serialisers ------------------------------------------------------------------------------


def _item(item) -> dict:
    return {
        "id": item.pk,
        "title": item.title,
        "description": item.description,
        "kind": item.kind,
        "roles": item.roles,
        "due_date": item.due_date,
        "required": item.required,
        "done": item.is_done,
        "note": item.note,
        "reflection_html": item.reflection,
        "version": item.version,
        "files": [
            {"id": f.pk, "name": f.original_name, "content_type": f.content_type, "size": f.size}
            for f in item.files.all()
        ],
    }


def _submission(s) -> dict:
    return {
        "id": s.pk,
        "todo_list_id": s.todo_list_id,
        "number": s.number,
        "submitted_at": s.submitted_at,
        "decision": s.decision,
        "decided_at": s.decided_at,
        "feedback": s.feedback,
    }


def _todo_list(tl) -> dict:
    return {
        "id": tl.pk,
        "course": tl.course.name,
        "course_code": tl.course.code,
        "status": tl.status,
        "items": [_item(i) for i in tl.items.prefetch_related("files")],
        "submissions": [_submission(s) for s in tl.submissions.all()],
    }


def _request_out(r) -> dict:
    return {
        "id": r.pk,
        "trainee_id": r.trainee_id,
        "aso": str(r.trainee),
        "supervisor": str(r.asked_of),
        "moment_date": r.moment_date,
        "what": r.what,
        "role": r.role,
        "epa": r.epa.code if r.epa else None,
        "status": r.status,
        "late": r.is_late,
    }


def _feedback_out(f) -> dict:
    return {
        "id": f.pk,
        "trainee_id": f.trainee_id,
        "author": str(f.giver),
        "moment_date": f.moment_date,
        "what": f.what,
        "role": f.role,
        "epa": f.epa.code if f.epa else None,
        "went_well": f.went_well,
        "to_improve": f.to_improve,
        "entrustment_level": f.entrustment_level,
        "asked": not f.unasked,
        "channel": f.channel,
    }


def _decision_out(d) -> dict:
    return {
        "id": d.pk,
        "epa_id": d.epa_id,
        "epa": d.epa.code,
        "level": d.level,
        "decided_on": d.decided_on,
        "decided_by": str(d.decided_by),
        "rationale": d.rationale,
        "current": d.is_current,
        "evidence_ids": [f.pk for f in d.evidence.all()],
    }


def _goal_out(g) -> dict:
    return {
        "id": g.pk,
        "title": g.title,
        "planning": g.planning,
        "approach": g.approach,
        "evaluation": g.evaluation,
        "roles": g.roles,
        "epa_ids": [e.pk for e in g.epas.all()],
        "status": g.status,
        "version": g.version,
        "agreed_version": g.agreed_version,
        "agreed": g.is_agreed,
        "comments": [
            {
                "author": str(c.author),
                "text": c.text,
                "goal_version": c.goal_version,
                "created_at": c.created_at,
            }
            for c in g.comments.select_related("author")
        ],
    }


def _own_trainee(user):
    return perms.own_trainee(user)


def _epa_for(trainee, epa_id):
    if epa_id is None:
        return None
    epa = Epa.objects.filter(pk=epa_id, specialty_id=trainee.specialty_id).first()
    if epa is None:
        raise ValidationError({"epa_id": [_("Unknown EPA for this specialty.")]})
    return epa


def _check_role(role: str):
    if role and role not in Role.values:
        raise ValidationError(
            {"role": [_("Choose one of %(roles)s.") % {"roles": ", ".join(Role.values)}]}
        )


# --- to-do lists --------------------------------------------------------------------------------


@router.get("/todo-lists", response=list[TodoListOut], summary="Your to-do lists (ASO)")
def portfolio_todo_lists(request):
    trainee = _own_trainee(request.auth)
    return [
        _todo_list(tl) for tl in TodoList.objects.filter(trainee=trainee).select_related("course")
    ]


@router.get("/todo-lists/{list_id}", response=TodoListOut, summary="One of your to-do lists")
def portfolio_todo_list(request, list_id: int):
    tl = perms.todo_list_for(request.auth, list_id)
    return _todo_list(tl)


@router.put("/todo-items/{item_id}", response=ItemOut, summary="Work on a to-do item")
def portfolio_todo_item_update(request, item_id: int, payload: ItemIn):
    item = perms.todo_item_for(request.auth, item_id)
    services.todo_item_update(
        item=item,
        actor=request.auth,
        done=payload.done,
        note=payload.note,
        reflection=payload.reflection,
        expected_version=version_from_request(request, payload.version),
    )
    return _item(item)


@router.post(
    "/todo-items/{item_id}/files",
    response={201: FileOut},
    summary="Attach a document (PDF, image, Office; at most 10 MB)",
)
def portfolio_todo_item_upload(request, item_id: int, file: UploadedFile = File(...)):  # noqa: B008
    item = perms.todo_item_for(request.auth, item_id)
    attached = services.todo_item_attach_file(item=item, actor=request.auth, uploaded=file)
    return Status(
        201,
        {
            "id": attached.pk,
            "name": attached.original_name,
            "content_type": attached.content_type,
            "size": attached.size,
        },
    )


@router.post(
    "/todo-lists/{list_id}/submit",
    response={201: SubmissionOut},
    summary="Indienen bij titularis: submit a finished to-do list",
)
def portfolio_todo_list_submit(request, list_id: int):
    tl = perms.todo_list_for(request.auth, list_id)
    return Status(201, _submission(services.todo_list_submit(todo_list=tl, actor=request.auth)))


@router.get(
    "/trainees/{trainee_id}/todo-status",
    response=list[TodoStatusOut],
    summary="Status and deadlines of an ASO's to-do lists (no content)",
)
def portfolio_todo_status(request, trainee_id: int):
    trainee = perms.todo_status_of(request.auth, trainee_id)
    return selectors.todo_status_for_trainees([trainee])[trainee.pk]


# --- submissions --------------------------------------------------------------------------------


@router.get(
    "/submissions",
    response=list[SubmissionDetailOut],
    summary="Submissions: your own (ASO) or those to your courses (titularis)",
)
@paginate(Page)
def portfolio_submissions(request, status: str = ""):
    qs = perms.submissions_visible_to(request.auth).select_related(
        "todo_list__course", "todo_list__trainee__user", "todo_list__trainee__specialty"
    )
    if status:
        qs = qs.filter(decision=status)
    return Mapped(qs, _submission_detail)


def _submission_detail(s) -> dict:
    trainee = s.todo_list.trainee
    return {
        **_submission(s),
        "course": s.todo_list.course.name,
        "aso": str(trainee),
        "aso_specialty": trainee.specialty.code,
        "aso_training_year": trainee.training_year,
        "items": s.snapshot,
    }


@router.get("/submissions/{submission_id}", response=SubmissionDetailOut, summary="A submission")
def portfolio_submission(request, submission_id: int):
    return _submission_detail(perms.submission_for(request.auth, submission_id))


@router.post(
    "/submissions/{submission_id}/decision",
    response=SubmissionOut,
    summary="Accept a submission or return it with feedback (titularis)",
)
def portfolio_submission_decide(request, submission_id: int, payload: DecisionIn):
    s = perms.submission_for(request.auth, submission_id, for_write=True)
    s = services.submission_decide(
        submission=s, actor=request.auth, decision=payload.decision, feedback=payload.feedback
    )
    return _submission(s)


# --- feedback -----------------------------------------------------------------------------------


@router.get(
    "/feedback-requests",
    response=list[FeedbackRequestOut],
    summary="Feedback requests you made (ASO) or that were made of you",
)
@paginate(Page)
def portfolio_feedback_requests(request, status: str = ""):
    qs = perms.feedback_requests_visible_to(request.auth).select_related(
        "trainee__user", "supervisor", "team_member", "epa"
    )
    if status:
        qs = qs.filter(status=status)
    return Mapped(qs, _request_out)


@router.post(
    "/feedback-requests", response={201: FeedbackRequestOut}, summary="Ask for feedback (ASO)"
)
def portfolio_feedback_request_create(request, payload: FeedbackRequestIn):
    trainee = _own_trainee(request.auth)
    _check_role(payload.role)
    from traject.workfloor.selectors import stageteam_person

    key = f"u{payload.supervisor_id}" if payload.supervisor_id else f"m{payload.team_member_id}"
    person = stageteam_person(trainee, key)
    if person is None or (payload.supervisor_id and payload.team_member_id):
        raise ValidationError(
            {
                "supervisor_id": [
                    _("Ask one person of your current stageteam (supervisor_id or team_member_id).")
                ]
            }
        )
    r = services.feedback_request_create(
        trainee=trainee,
        actor=request.auth,
        supervisor=person.user,
        team_member=person.team_member,
        moment_date=payload.moment_date,
        what=payload.what,
        role=payload.role,
        epa=_epa_for(trainee, payload.epa_id),
    )
    return Status(201, _request_out(r))


@router.post(
    "/feedback-requests/{request_id}/complete",
    response={201: FeedbackOut},
    summary="Complete a feedback request with the short form (the person asked)",
)
def portfolio_feedback_request_complete(request, request_id: int, payload: FeedbackFormIn):
    r = perms.feedback_request_for(request.auth, request_id, for_answer=True)
    if payload.entrustment_level is not None and payload.entrustment_level not in range(1, 6):
        raise ValidationError({"entrustment_level": [_("A level from 1 to 5.")]})
    fb = services.feedback_request_complete(
        request=r,
        actor=request.auth,
        went_well=payload.went_well,
        to_improve=payload.to_improve,
        entrustment_level=payload.entrustment_level,
    )
    return Status(201, _feedback_out(fb))


@router.get(
    "/feedback",
    response=list[FeedbackOut],
    summary="Feedback you may read (your timeline, given, supervised or shared with you)",
)
@paginate(Page)
def portfolio_feedback(request, trainee_id: int | None = None):
    qs = perms.feedback_visible_to(request.auth).select_related("author", "team_member", "epa")
    if trainee_id is not None:
        qs = qs.filter(trainee_id=trainee_id)
    return Mapped(qs, _feedback_out)


@router.post(
    "/trainees/{trainee_id}/feedback",
    response={201: FeedbackOut},
    summary="Give feedback unasked (current stagemeester)",
)
def portfolio_feedback_give(request, trainee_id: int, payload: FeedbackIn):
    trainee = perms.feedback_giver_for(request.auth, trainee_id)
    _check_role(payload.role)
    if payload.entrustment_level is not None and payload.entrustment_level not in range(1, 6):
        raise ValidationError({"entrustment_level": [_("A level from 1 to 5.")]})
    fb = services.feedback_give(
        trainee=trainee,
        actor=request.auth,
        moment_date=payload.moment_date,
        what=payload.what,
        role=payload.role,
        epa=_epa_for(trainee, payload.epa_id),
        went_well=payload.went_well,
        to_improve=payload.to_improve,
        entrustment_level=payload.entrustment_level,
    )
    return Status(201, _feedback_out(fb))


@router.post(
    "/feedback/{feedback_id}/share",
    response={204: None},
    summary="Share feedback with your mentor (ASO)",
)
def portfolio_feedback_share(request, feedback_id: int):
    fb = perms.feedback_for(request.auth, feedback_id, for_share=True)
    services.feedback_share(feedback=fb, actor=request.auth)
    return Status(204, None)


@router.delete(
    "/feedback/{feedback_id}/share",
    response={204: None},
    summary="Stop sharing feedback with your mentor (ASO)",
)
def portfolio_feedback_unshare(request, feedback_id: int):
    fb = perms.feedback_for(request.auth, feedback_id, for_share=True)
    services.feedback_unshare(feedback=fb, actor=request.auth)
    return Status(204, None)


# --- EPAs and entrustment ---------------------------------------------------------------------


@router.get("/epas", response=list[EpaOut], summary="The EPA catalogue of a specialty")
def portfolio_epas(request, specialty: str = ""):
    qs = perms.epa_catalogue(request.auth, specialty)
    return [
        {
            "id": e.pk,
            "specialty": e.specialty.code,
            "code": e.code,
            "title": e.title,
            "description": e.description,
            "roles": e.roles,
        }
        for e in qs
    ]


@router.get(
    "/trainees/{trainee_id}/entrustments",
    response=list[DecisionOut],
    summary="Entrustment decisions of an ASO, with superseded ones",
)
def portfolio_entrustments(request, trainee_id: int):
    trainee = perms.portfolio_of(request.auth, trainee_id, summary="entrustment")
    return [
        _decision_out(d)
        for d in EntrustmentDecision.objects.filter(trainee=trainee)
        .select_related("epa", "decided_by")
        .prefetch_related("evidence")
    ]


@router.post(
    "/trainees/{trainee_id}/entrustments",
    response={201: DecisionOut},
    summary="Record an entrustment decision (current stagemeester); supersedes the previous",
)
def portfolio_entrustment_decide(request, trainee_id: int, payload: EntrustmentIn):
    trainee = perms.entrustment_decider_for(request.auth, trainee_id)
    epa = _epa_for(trainee, payload.epa_id)
    if payload.level not in range(1, 6):
        raise ValidationError({"level": [_("A level from 1 to 5.")]})
    evidence = list(Feedback.objects.filter(trainee=trainee, pk__in=payload.evidence_ids))
    if len(evidence) != len(set(payload.evidence_ids)):
        raise ValidationError({"evidence_ids": [_("Evidence must be feedback on this ASO.")]})
    d = services.entrustment_decide(
        trainee=trainee,
        epa=epa,
        actor=request.auth,
        level=payload.level,
        decided_on=payload.decided_on,
        rationale=payload.rationale,
        evidence=evidence,
    )
    return Status(201, _decision_out(d))


# --- IOP ------------------------------------------------------------------------------------------


@router.get(
    "/trainees/{trainee_id}/iop", response=list[GoalOut], summary="The learning goals of an ASO"
)
def portfolio_iop(request, trainee_id: int):
    trainee = perms.portfolio_of(request.auth, trainee_id, summary="IOP")
    return [_goal_out(g) for g in trainee.learning_goals.prefetch_related("epas")]


def _apply_goal(goal, payload: GoalIn):
    for role in payload.roles:
        _check_role(role)
    if payload.status not in LearningGoal.Status.values:
        raise ValidationError({"status": [_("Unknown status.")]})
    goal.title = payload.title
    goal.planning, goal.approach, goal.evaluation = (
        payload.planning,
        payload.approach,
        payload.evaluation,
    )
    goal.roles = payload.roles
    goal.status = payload.status
    return [_epa_for(goal.trainee, pk) for pk in payload.epa_ids]


@router.post("/iop/goals", response={201: GoalOut}, summary="Add a learning goal (ASO)")
def portfolio_goal_create(request, payload: GoalIn):
    trainee = _own_trainee(request.auth)
    goal = LearningGoal(trainee=trainee)
    epas = _apply_goal(goal, payload)
    services.goal_save(goal=goal, actor=request.auth, epas=epas)
    return Status(201, _goal_out(goal))


@router.put(
    "/iop/goals/{goal_id}",
    response=GoalOut,
    summary="Change a learning goal (ASO); send the version you read",
)
def portfolio_goal_update(request, goal_id: int, payload: GoalIn):
    goal = perms.goal_for(request.auth, goal_id, for_edit=True)
    epas = _apply_goal(goal, payload)
    services.goal_save(
        goal=goal,
        actor=request.auth,
        epas=epas,
        expected_version=version_from_request(request, payload.version),
    )
    return _goal_out(goal)


@router.post(
    "/iop/goals/{goal_id}/comments",
    response={201: CommentOut},
    summary="Comment on a learning goal (ASO or current stagemeester)",
)
def portfolio_goal_comment(request, goal_id: int, payload: CommentIn):
    goal = perms.goal_for(request.auth, goal_id, for_comment=True)
    c = services.goal_comment(goal=goal, actor=request.auth, text=payload.text)
    return Status(
        201,
        {
            "author": str(c.author),
            "text": c.text,
            "goal_version": c.goal_version,
            "created_at": c.created_at,
        },
    )


@router.post(
    "/iop/goals/{goal_id}/agree",
    response=GoalOut,
    summary="Agree with a learning goal as read (current stagemeester)",
)
def portfolio_goal_agree(request, goal_id: int, payload: AgreeIn):
    goal = perms.goal_for(request.auth, goal_id, for_agree=True)
    goal = services.goal_agree(
        goal=goal,
        actor=request.auth,
        expected_version=version_from_request(request, payload.version),
    )
    return _goal_out(goal)


# --- export ---------------------------------------------------------------------------------------


@router.get("/export", summary="Your whole portfolio as JSON (data portability)")
def portfolio_export(request):
    trainee = _own_trainee(request.auth)
    return exports.portfolio_data(trainee)
