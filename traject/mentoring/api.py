"""Mentoring API: groups, sessions, attendance, notes (same confidentiality), deadlines, referrals.

Every operation goes through the same guards and services as the pages.
"""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from traject.core.concurrency import version_from_request
from traject.core.pagination import Mapped, Page, paginate

from . import permissions as perms
from . import selectors, services
from .models import (
    AgreedDeadline,
    ConfidentialNote,
    GroupSession,
    IntervisionNote,
    MentorGroup,
    Referral,
)

PREFIX = "/mentoring/"
router = Router(tags=["mentoring"])


# Schemas ----------------------------------------------------------------------------------


class PersonOut(Schema):
    id: int
    first_name: str
    last_name: str
    email: str


class MemberOut(Schema):
    membership_id: int
    trainee_id: int
    name: str


class GroupOut(Schema):
    id: int
    name: str
    mentor: PersonOut
    university_id: int
    start_year: int
    version: int
    members: list[MemberOut]


class GroupIn(Schema):
    name: str
    mentor_id: int
    university_id: int
    start_year: int


class GroupPatch(Schema):
    name: str | None = None
    mentor_id: int | None = None
    start_year: int | None = None
    version: int | None = None


class MemberIn(Schema):
    trainee_id: int


class ThemeOut(Schema):
    id: int
    university_id: int | None
    training_year: int
    position: int
    title: str
    label: str
    description: str


class AttendanceOut(Schema):
    trainee_id: int
    status: str


class SessionOut(Schema):
    id: int
    group_id: int
    theme_id: int | None
    theme: str | None
    starts_at: datetime.datetime
    place: str
    version: int


class SessionDetailOut(SessionOut):
    attendance: list[AttendanceOut]


class SessionIn(Schema):
    theme_id: int | None = None
    starts_at: datetime.datetime
    place: str


class SessionPatch(Schema):
    theme_id: int | None = None
    starts_at: datetime.datetime | None = None
    place: str | None = None
    version: int | None = None


class AttendanceIn(Schema):
    attendance: list[AttendanceOut]


class IntervisionOut(Schema):
    id: int
    session_id: int
    situation: str
    question: str
    reflections: str
    agreements: str
    version: int


class IntervisionIn(Schema):
    situation: str
    question: str = ""
    reflections: str = ""
    agreements: str = ""


class ShareOut(Schema):
    id: int
    recipient: PersonOut
    shared_at: datetime.datetime
    withdrawn_at: datetime.datetime | None


class NoteOut(Schema):
    id: int
    trainee_id: int
    mentor_id: int
    held_on: datetime.date
    text: str
    version: int


class NoteDetailOut(NoteOut):
    shares: list[ShareOut]


class NoteIn(Schema):
    held_on: datetime.date
    text: str


class NotePatch(Schema):
    held_on: datetime.date | None = None
    text: str | None = None
    version: int | None = None


class ShareIn(Schema):
    recipient_id: int


class DeadlineOut(Schema):
    id: int
    trainee_id: int
    todo_list_id: int | None
    course_label: str
    description: str
    due_on: datetime.date
    done_on: datetime.date | None
    overdue: bool


class DeadlineIn(Schema):
    todo_list_id: int | None = None
    description: str
    due_on: datetime.date


class ReferralOut(Schema):
    id: int
    trainee_id: int
    referred_to: str
    reason: str
    referred_on: datetime.date
    follow_up_on: datetime.date
    outcome: str
    closed_on: datetime.date | None
    version: int


class ReferralIn(Schema):
    referred_to: str
    reason: str
    referred_on: datetime.date
    follow_up_on: datetime.date


class ReferralPatch(Schema):
    referred_to: str | None = None
    reason: str | None = None
    follow_up_on: datetime.date | None = None
    outcome: str | None = None
    closed_on: datetime.date | None = None
    version: int | None = None


class MentoredTodoStatusOut(Schema):
    list_id: int
    course: str
    status: str
    status_label: str
    due_date: datetime.date | None
    overdue: bool
    items_done: int
    items_total: int


# Helpers ----------------------------------------------------------------------------------


def _person(user) -> dict:
    return {
        "id": user.pk,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
    }


def _group_out(group: MentorGroup) -> dict:
    return {
        "id": group.pk,
        "name": group.name,
        "mentor": _person(group.mentor),
        "university_id": group.university_id,
        "start_year": group.start_year,
        "version": group.version,
        "members": [
            {"membership_id": m.pk, "trainee_id": m.trainee_id, "name": str(m.trainee)}
            for m in group.memberships.select_related("trainee__user")
        ],
    }


def _session_out(session: GroupSession, detail=False) -> dict:
    out = {
        "id": session.pk,
        "group_id": session.group_id,
        "theme_id": session.theme_id,
        "theme": session.theme.label if session.theme else None,
        "starts_at": session.starts_at,
        "place": session.place,
        "version": session.version,
    }
    if detail:
        out["attendance"] = [
            {"trainee_id": a.trainee_id, "status": a.status} for a in session.attendance.all()
        ]
    return out


def _note_out(note: ConfidentialNote, user) -> dict:
    out = {
        "id": note.pk,
        "trainee_id": note.trainee_id,
        "mentor_id": note.mentor_id,
        "held_on": note.held_on,
        "text": note.text,
        "version": note.version,
        "shares": [],
    }
    if perms.is_party_to_note(user, note):
        out["shares"] = [
            {
                "id": s.pk,
                "recipient": _person(s.recipient),
                "shared_at": s.shared_at,
                "withdrawn_at": s.withdrawn_at,
            }
            for s in note.shares.select_related("recipient")
        ]
    return out


def _deadline_out(d: AgreedDeadline) -> dict:
    return {
        "id": d.pk,
        "trainee_id": d.trainee_id,
        "todo_list_id": d.todo_list_id,
        "course_label": d.course_label,
        "description": d.description,
        "due_on": d.due_on,
        "done_on": d.done_on,
        "overdue": d.is_overdue,
    }


# Groups -----------------------------------------------------------------------------------


@router.get("/groups", response=list[GroupOut], summary="Mentor groups you are related to")
@paginate(Page)
def mentoring_group_list(request):
    groups = perms.mentor_groups_visible_to(request.auth).select_related("mentor")
    return Mapped(groups, _group_out)


@router.post("/groups", response={201: GroupOut}, summary="Create a mentor group")
def mentoring_group_create(request, payload: GroupIn):
    university = perms.new_group_university_for(request.auth, payload.university_id)
    group = MentorGroup(
        name=payload.name,
        mentor=perms.mentor_candidate(payload.mentor_id),
        university=university,
        start_year=payload.start_year,
    )
    services.mentor_group_save(group=group, actor=request.auth)
    return Status(201, _group_out(group))


@router.get("/groups/{group_id}", response=GroupOut, summary="A mentor group and its members")
def mentoring_group_detail(request, group_id: int):
    return _group_out(perms.group_for(request.auth, group_id))


@router.patch("/groups/{group_id}", response=GroupOut, summary="Change a mentor group")
def mentoring_group_update(request, group_id: int, payload: GroupPatch):
    group = perms.group_for(request.auth, group_id, for_manage=True)
    if payload.name is not None:
        group.name = payload.name
    if payload.mentor_id is not None:
        group.mentor = perms.mentor_candidate(payload.mentor_id)
    if payload.start_year is not None:
        group.start_year = payload.start_year
    services.mentor_group_save(
        group=group,
        actor=request.auth,
        expected_version=version_from_request(request, payload.version),
    )
    return _group_out(group)


@router.post(
    "/groups/{group_id}/members",
    response={201: GroupOut},
    summary="Add an ASO to a mentor group (a ninth is refused)",
)
def mentoring_group_member_add(request, group_id: int, payload: MemberIn):
    group = perms.group_for(request.auth, group_id, for_manage=True)
    trainee = perms.group_candidate_for(request.auth, payload.trainee_id)
    services.mentor_group_add_trainee(group=group, trainee=trainee, actor=request.auth)
    return Status(201, _group_out(group))


@router.delete(
    "/groups/{group_id}/members/{membership_id}",
    response={204: None},
    summary="Remove an ASO from a mentor group",
)
def mentoring_group_member_remove(request, group_id: int, membership_id: int):
    _group, membership = perms.membership_for(request.auth, group_id, membership_id)
    services.mentor_group_remove_trainee(membership=membership, actor=request.auth)
    return Status(204, None)


# The session plan -------------------------------------------------------------------------


@router.get("/themes", response=list[ThemeOut], summary="The group-session plan of a university")
def mentoring_theme_list(request, university_id: int | None = None):
    return [
        {
            "id": t.pk,
            "university_id": t.university_id,
            "training_year": t.training_year,
            "position": t.position,
            "title": t.title,
            "label": t.label,
            "description": t.description,
        }
        for t in perms.plan_themes(request.auth, university_id)
    ]


# Sessions, attendance, intervision ----------------------------------------------------------


@router.get("/groups/{group_id}/sessions", response=list[SessionOut], summary="A group's sessions")
def mentoring_session_list(request, group_id: int):
    group = perms.group_for(request.auth, group_id, for_sessions=True)
    return [_session_out(s) for s in group.sessions.select_related("theme")]


def _theme_for(group, theme_id):
    if theme_id is None:
        return None
    theme = selectors.themes_for(group.university).filter(pk=theme_id).first()
    if theme is None:
        raise ValidationError({"theme_id": [_("Choose a theme of this group's session plan.")]})
    return theme


@router.post(
    "/groups/{group_id}/sessions", response={201: SessionOut}, summary="Schedule a session"
)
def mentoring_session_create(request, group_id: int, payload: SessionIn):
    group = perms.group_for(request.auth, group_id, for_schedule=True)
    session = GroupSession(
        group=group,
        theme=_theme_for(group, payload.theme_id),
        starts_at=payload.starts_at,
        place=payload.place,
    )
    services.group_session_save(session=session, actor=request.auth)
    return Status(201, _session_out(session))


@router.get(
    "/sessions/{session_id}", response=SessionDetailOut, summary="A session and its attendance"
)
def mentoring_session_detail(request, session_id: int):
    return _session_out(perms.session_for(request.auth, session_id), detail=True)


@router.patch("/sessions/{session_id}", response=SessionOut, summary="Change a session")
def mentoring_session_update(request, session_id: int, payload: SessionPatch):
    session = perms.session_for(request.auth, session_id, for_manage=True)
    if "theme_id" in payload.model_fields_set:
        session.theme = _theme_for(session.group, payload.theme_id)
    if payload.starts_at is not None:
        session.starts_at = payload.starts_at
    if payload.place is not None:
        session.place = payload.place
    services.group_session_save(
        session=session,
        actor=request.auth,
        expected_version=version_from_request(request, payload.version),
    )
    return _session_out(session)


@router.put(
    "/sessions/{session_id}/attendance",
    response=SessionDetailOut,
    summary="Record the attendance of a session",
)
def mentoring_attendance_record(request, session_id: int, payload: AttendanceIn):
    session = perms.session_for(request.auth, session_id, for_manage=True)
    services.attendance_record(
        session=session,
        statuses={row.trainee_id: row.status for row in payload.attendance},
        actor=request.auth,
    )
    return _session_out(session, detail=True)


def _intervision_out(note: IntervisionNote) -> dict:
    return {
        "id": note.pk,
        "session_id": note.session_id,
        "situation": note.situation,
        "question": note.question,
        "reflections": note.reflections,
        "agreements": note.agreements,
        "version": note.version,
    }


@router.get(
    "/sessions/{session_id}/intervision",
    response=list[IntervisionOut],
    summary="The group's intervision notes of a session",
)
def mentoring_intervision_list(request, session_id: int):
    session = perms.session_for(request.auth, session_id)
    return [_intervision_out(n) for n in session.intervision_notes.all()]


@router.post(
    "/sessions/{session_id}/intervision",
    response={201: IntervisionOut},
    summary="Write an intervision note",
)
def mentoring_intervision_create(request, session_id: int, payload: IntervisionIn):
    session = perms.session_for(request.auth, session_id, for_manage=True)
    note = IntervisionNote(session=session, **payload.dict())
    services.intervision_note_save(note=note, actor=request.auth)
    return Status(201, _intervision_out(note))


# Confidential notes -------------------------------------------------------------------------


@router.get(
    "/trainees/{trainee_id}/notes",
    response=list[NoteOut],
    summary="One-to-one notes of an ASO (their mentor and the ASO only)",
)
def mentoring_note_list(request, trainee_id: int):
    trainee = perms.follow_up_of(request.auth, trainee_id, summary="mentoring notes")
    notes = perms.notes_visible_to(request.auth).filter(trainee=trainee)
    return [_note_out(n, request.auth) for n in notes]


@router.post(
    "/trainees/{trainee_id}/notes", response={201: NoteDetailOut}, summary="Write a one-to-one note"
)
def mentoring_note_create(request, trainee_id: int, payload: NoteIn):
    trainee = perms.trainee_for(request.auth, trainee_id)
    note = ConfidentialNote(trainee=trainee, held_on=payload.held_on, text=payload.text)
    services.confidential_note_save(note=note, actor=request.auth)
    return Status(201, _note_out(note, request.auth))


@router.get(
    "/notes/shared-with-me",
    response=list[NoteOut],
    summary="The notes ASO shared with you, each by explicit consent",
)
def mentoring_notes_shared_with_me(request):
    return [_note_out(note, request.auth) for note in perms.notes_shared_with(request.auth)]


@router.get("/notes/{note_id}", response=NoteDetailOut, summary="One note")
def mentoring_note_detail(request, note_id: int):
    note = perms.note_for(request.auth, note_id)
    return _note_out(note, request.auth)


@router.patch("/notes/{note_id}", response=NoteDetailOut, summary="Change a note")
def mentoring_note_update(request, note_id: int, payload: NotePatch):
    note = perms.note_for(request.auth, note_id, for_edit=True)
    if payload.held_on is not None:
        note.held_on = payload.held_on
    if payload.text is not None:
        note.text = payload.text
    services.confidential_note_save(
        note=note,
        actor=request.auth,
        expected_version=version_from_request(request, payload.version),
    )
    return _note_out(note, request.auth)


@router.post(
    "/notes/{note_id}/shares",
    response={201: ShareOut},
    summary="Share this note with one person (the ASO's consent)",
)
def mentoring_note_share(request, note_id: int, payload: ShareIn):
    note = perms.note_for(request.auth, note_id, for_share=True)
    recipient = perms.share_recipients_for(note.trainee).filter(pk=payload.recipient_id).first()
    if recipient is None:
        raise ValidationError(
            {"recipient_id": [_("You can share a note with your current stagemeesters only.")]}
        )
    share = services.note_share(note=note, recipient=recipient, actor=request.auth)
    return Status(
        201,
        {
            "id": share.pk,
            "recipient": _person(share.recipient),
            "shared_at": share.shared_at,
            "withdrawn_at": share.withdrawn_at,
        },
    )


@router.delete("/shares/{share_id}", response={204: None}, summary="Withdraw the consent to share")
def mentoring_share_withdraw(request, share_id: int):
    share = perms.share_for(request.auth, share_id)
    services.note_share_withdraw(share=share, actor=request.auth)
    return Status(204, None)


# Follow-up ------------------------------------------------------------------------------------


@router.get(
    "/trainees/{trainee_id}/todos",
    response=list[MentoredTodoStatusOut],
    summary="Status and deadlines (not the content) of the ASO's MSG to-do lists",
)
def mentoring_todo_status(request, trainee_id: int):
    trainee = perms.trainee_for(request.auth, trainee_id)
    return selectors.todo_status(trainee)


@router.get(
    "/trainees/{trainee_id}/deadlines",
    response=list[DeadlineOut],
    summary="Intermediate deadlines agreed with the mentor",
)
def mentoring_deadline_list(request, trainee_id: int):
    trainee = perms.trainee_for(request.auth, trainee_id)
    return [
        _deadline_out(d) for d in perms.deadlines_visible_to(request.auth).filter(trainee=trainee)
    ]


@router.post(
    "/trainees/{trainee_id}/deadlines",
    response={201: DeadlineOut},
    summary="Agree an intermediate deadline (the ASO gets a reminder)",
)
def mentoring_deadline_create(request, trainee_id: int, payload: DeadlineIn):
    trainee = perms.trainee_for(request.auth, trainee_id)
    deadline = AgreedDeadline(trainee=trainee, **payload.dict())
    services.agreed_deadline_save(deadline=deadline, actor=request.auth)
    return Status(201, _deadline_out(deadline))


@router.post(
    "/deadlines/{deadline_id}/done", response=DeadlineOut, summary="Mark an agreed deadline as met"
)
def mentoring_deadline_complete(request, deadline_id: int):
    deadline = perms.deadline_for(request.auth, deadline_id)
    services.agreed_deadline_complete(deadline=deadline, actor=request.auth)
    return _deadline_out(deadline)


def _referral_out(r: Referral) -> dict:
    return {
        "id": r.pk,
        "trainee_id": r.trainee_id,
        "referred_to": r.referred_to,
        "reason": r.reason,
        "referred_on": r.referred_on,
        "follow_up_on": r.follow_up_on,
        "outcome": r.outcome,
        "closed_on": r.closed_on,
        "version": r.version,
    }


@router.get(
    "/trainees/{trainee_id}/referrals",
    response=list[ReferralOut],
    summary="The referral register of an ASO (their mentor and the ASO only)",
)
def mentoring_referral_list(request, trainee_id: int):
    trainee = perms.trainee_for(request.auth, trainee_id)
    return [
        _referral_out(r) for r in perms.referrals_visible_to(request.auth).filter(trainee=trainee)
    ]


@router.post(
    "/trainees/{trainee_id}/referrals",
    response={201: ReferralOut},
    summary="Refer an ASO to external help (the mentor is reminded to follow up)",
)
def mentoring_referral_create(request, trainee_id: int, payload: ReferralIn):
    trainee = perms.referrer_for(request.auth, trainee_id)
    referral = Referral(trainee=trainee, **payload.dict())
    services.referral_save(referral=referral, actor=request.auth)
    return Status(201, _referral_out(referral))


@router.patch(
    "/referrals/{referral_id}", response=ReferralOut, summary="Record the follow-up of a referral"
)
def mentoring_referral_update(request, referral_id: int, payload: ReferralPatch):
    referral = perms.referral_for(request.auth, referral_id)
    for field in ("referred_to", "reason", "follow_up_on", "outcome", "closed_on"):
        if field in payload.model_fields_set:
            value = getattr(payload, field)
            if value is None and field in ("referred_to", "reason", "follow_up_on"):
                continue
            setattr(referral, field, "" if value is None and field == "outcome" else value)
    services.referral_save(
        referral=referral,
        actor=request.auth,
        expected_version=version_from_request(request, payload.version),
    )
    return _referral_out(referral)
