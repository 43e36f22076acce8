"""Writes for the portfolio. Views, the API, commands and tasks all call these."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from traject.audit.models import AuditEvent
from traject.audit.services import audit_record
from traject.core.concurrency import save_versioned
from traject.core.notifications import notify
from traject.core.uploads import validate_upload
from traject.organisation.models import Trainee

from . import permissions as perms
from .content import sanitize_reflection
from .models import (
    Course,
    CourseItem,
    EntrustmentDecision,
    Epa,
    Feedback,
    FeedbackRequest,
    FeedbackShare,
    GoalComment,
    ItemFile,
    ItemKind,
    LearningGoal,
    LearningGoalRevision,
    ReminderSent,
    Submission,
    TodoItem,
    TodoList,
)

CREATE = AuditEvent.Action.CREATE
UPDATE = AuditEvent.Action.UPDATE
DELETE = AuditEvent.Action.DELETE

REMINDER_DAYS = (7, 1)


# --- Courses (programme administrators) -------------------------------------------------


def course_save(*, course: Course, actor, expected_version: int | None = None) -> Course:
    """Create or change a course; the ASO it applies to get their to-do list."""
    if not perms.can_manage_courses(actor):
        raise PermissionDenied
    if not any(
        role["university_id"] == course.university_id
        and role["specialty_id"] in (None, course.specialty_id)
        for role in perms.admin_scope(actor)
    ):
        raise PermissionDenied(_("This course lies outside the programme you administer."))
    creating = course.pk is None
    with transaction.atomic():
        save_versioned(course, expected_version=expected_version)
        audit_record(actor=actor, action=CREATE if creating else UPDATE, target=course)
        todo_lists_sync(course=course)
    return course


def course_item_save(*, item: CourseItem, actor, expected_version: int | None = None) -> CourseItem:
    """Create or change an item of a course; open to-do lists receive new items."""
    if not perms.can_manage_course(actor, item.course):
        raise PermissionDenied
    creating = item.pk is None
    with transaction.atomic():
        save_versioned(item, expected_version=expected_version)
        if not creating:
            # Lists still being worked on follow the programme; submitted work stays as it was.
            TodoItem.objects.filter(
                course_item=item,
                todo_list__status__in=[TodoList.Status.OPEN, TodoList.Status.RETURNED],
            ).update(
                title=item.title,
                description=item.description,
                kind=item.kind,
                roles=item.roles,
                due_date=item.due_date,
                required=item.required,
                position=item.position,
            )
        audit_record(actor=actor, action=CREATE if creating else UPDATE, target=item)
        todo_lists_sync(course=item.course)
    return item


def _item_from(course_item: CourseItem, todo_list: TodoList) -> TodoItem:
    return TodoItem(
        todo_list=todo_list,
        course_item=course_item,
        title=course_item.title,
        description=course_item.description,
        kind=course_item.kind,
        roles=course_item.roles,
        due_date=course_item.due_date,
        required=course_item.required,
        position=course_item.position,
    )


def todo_lists_sync(*, course: Course | None = None, trainee: Trainee | None = None) -> int:
    """Give every ASO a course applies to a to-do list with every item; return lists created."""
    courses = Course.objects.filter(is_active=True).prefetch_related("items")
    if course is not None:
        courses = courses.filter(pk=course.pk)
    trainees = Trainee.objects.select_related("specialty")
    if trainee is not None:
        trainees = trainees.filter(pk=trainee.pk)
        # Only the courses of this ASO's programme: the work stays bounded by their own courses.
        courses = courses.filter(university_id=trainee.university_id).filter(
            Q(specialty__isnull=True) | Q(specialty_id=trainee.specialty_id)
        )
    created = 0
    with transaction.atomic():
        for c in courses:
            candidates = trainees.filter(university_id=c.university_id)
            if c.specialty_id:
                candidates = candidates.filter(specialty_id=c.specialty_id)
            wanted = [t for t in candidates if c.applies_to(t)]
            existing = set(
                TodoList.objects.filter(course=c, trainee__in=[t.pk for t in wanted]).values_list(
                    "trainee_id", flat=True
                )
            )
            new_lists = TodoList.objects.bulk_create(
                [TodoList(trainee=t, course=c) for t in wanted if t.pk not in existing]
            )
            created += len(new_lists)
            course_items = list(c.items.all())
            if not course_items:
                continue
            # New lists get every item; open lists get the items added since.
            lists = TodoList.objects.filter(
                course=c,
                trainee__in=[t.pk for t in wanted],
                status__in=[TodoList.Status.OPEN, TodoList.Status.RETURNED],
            )
            have = set(
                TodoItem.objects.filter(todo_list__in=lists).values_list(
                    "todo_list_id", "course_item_id"
                )
            )
            TodoItem.objects.bulk_create(
                [
                    _item_from(ci, tl)
                    for tl in lists
                    for ci in course_items
                    if (tl.pk, ci.pk) not in have
                ]
            )
    return created


# --- To-do items ------------------------------------------------------------------------------


def _ensure_editable(todo_list: TodoList, actor) -> None:
    if not perms.can_edit_todo_list(actor, todo_list):
        raise PermissionDenied
    if not todo_list.is_editable:
        raise ValidationError(
            _("This to-do list was submitted to the titularis and cannot be changed now.")
        )


def todo_item_update(
    *,
    item: TodoItem,
    actor,
    done: bool,
    note: str = "",
    reflection: str | None = None,
    expected_version: int | None = None,
) -> TodoItem:
    """Work on an item: note, reflection, and mark it done or not done."""
    _ensure_editable(item.todo_list, actor)
    item.note = note.strip()
    if reflection is not None:
        item.reflection = sanitize_reflection(reflection)
    if done:
        if item.kind == ItemKind.REFLECTION and not item.reflection:
            raise ValidationError({"reflection": _("Write the reflection before marking it done.")})
        if item.kind in (ItemKind.UPLOAD, ItemKind.SIGNATURE) and not item.files.exists():
            raise ValidationError({"file": _("Upload the document before marking this item done.")})
        item.done_at = item.done_at or timezone.now()
    else:
        item.done_at = None
    with transaction.atomic():
        save_versioned(item, expected_version=expected_version)
        audit_record(
            actor=actor,
            action=UPDATE,
            target=item,
            subject=item.todo_list.trainee.user,
            summary="done" if done else "open",
        )
    return item


def todo_item_attach_file(*, item: TodoItem, actor, uploaded) -> ItemFile:
    """Store a validated file for an item (in MEDIA_ROOT, served only through a checked view)."""
    _ensure_editable(item.todo_list, actor)
    content_type = validate_upload(uploaded)
    with transaction.atomic():
        attached = ItemFile(
            item=item,
            original_name=uploaded.name[-255:],
            content_type=content_type,
            size=uploaded.size,
            uploaded_by=actor,
        )
        attached.file.save(uploaded.name, uploaded, save=False)
        attached.save()
        audit_record(
            actor=actor,
            action=CREATE,
            target=attached,
            subject=item.todo_list.trainee.user,
            summary=attached.original_name,
        )
    return attached


def item_file_delete(*, item_file: ItemFile, actor) -> None:
    """Remove a file from an item that is still being worked on."""
    item = item_file.item
    _ensure_editable(item.todo_list, actor)
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=DELETE,
            target=item_file,
            subject=item.todo_list.trainee.user,
            summary=item_file.original_name,
        )
        stored = item_file.file
        item_file.delete()
        if item.kind in (ItemKind.UPLOAD, ItemKind.SIGNATURE) and not item.files.exists():
            TodoItem.objects.filter(pk=item.pk).update(done_at=None)
        transaction.on_commit(lambda: stored.delete(save=False))


def _snapshot(todo_list: TodoList) -> list[dict]:
    return [
        {
            "item_id": item.pk,
            "title": item.title,
            "kind": item.kind,
            "required": item.required,
            "done": item.is_done,
            "note": item.note,
            "reflection": item.reflection,
            "files": [
                {"id": f.pk, "name": f.original_name, "size": f.size} for f in item.files.all()
            ],
        }
        for item in todo_list.items.prefetch_related("files")
    ]


def todo_list_submit(*, todo_list: TodoList, actor) -> Submission:
    """Indienen bij titularis: hand in a finished to-do list with one button."""
    with transaction.atomic():
        todo_list = TodoList.objects.select_for_update().get(pk=todo_list.pk)
        _ensure_editable(todo_list, actor)
        missing = todo_list.items.filter(required=True, done_at__isnull=True)
        if missing.exists():
            raise ValidationError(
                _("Finish every required item before you submit: %(items)s."),
                params={"items": ", ".join(missing.values_list("title", flat=True))},
                code="incomplete",
            )
        number = todo_list.submissions.count() + 1
        submission = Submission.objects.create(
            todo_list=todo_list,
            number=number,
            submitted_by=actor,
            snapshot=_snapshot(todo_list),
        )
        todo_list.status = TodoList.Status.SUBMITTED
        todo_list.version += 1
        todo_list.save(update_fields=["status", "version"])
        audit_record(
            actor=actor,
            action=CREATE,
            target=submission,
            subject=todo_list.trainee.user,
            summary=f"submitted #{number}",
        )
        notify(
            user=todo_list.course.titularis,
            subject_template="portfolio/email/submitted_subject.txt",
            body_template="portfolio/email/submitted_body.txt",
            context={
                "trainee": str(todo_list.trainee),
                "course": todo_list.course.name,
                "submission_id": submission.pk,
            },
        )
    return submission


def submission_decide(
    *, submission: Submission, actor, decision: str, feedback: str = ""
) -> Submission:
    """The titularis accepts a submission or returns it with feedback."""
    if not perms.can_decide_submission(actor, submission):
        raise PermissionDenied
    if decision not in (Submission.Decision.ACCEPTED, Submission.Decision.RETURNED):
        raise ValidationError({"decision": _("Choose to accept or to return the submission.")})
    feedback = (feedback or "").strip()
    if decision == Submission.Decision.RETURNED and not feedback:
        raise ValidationError(
            {"feedback": _("Tell the ASO what to change when you return a submission.")}
        )
    with transaction.atomic():
        submission = Submission.objects.select_for_update().get(pk=submission.pk)
        if submission.decision != Submission.Decision.PENDING:
            raise ValidationError(_("This submission was already decided on."), code="decided")
        submission.decision = decision
        submission.feedback = feedback
        submission.decided_at = timezone.now()
        submission.decided_by = actor
        submission.save()
        todo_list = submission.todo_list
        todo_list.status = (
            TodoList.Status.ACCEPTED
            if decision == Submission.Decision.ACCEPTED
            else TodoList.Status.RETURNED
        )
        todo_list.version += 1
        todo_list.save(update_fields=["status", "version"])
        audit_record(
            actor=actor,
            action=UPDATE,
            target=submission,
            subject=todo_list.trainee.user,
            summary=decision,
        )
        notify(
            user=todo_list.trainee.user,
            subject_template="portfolio/email/decided_subject.txt",
            body_template="portfolio/email/decided_body.txt",
            context={
                "course": todo_list.course.name,
                "accepted": decision == Submission.Decision.ACCEPTED,
                "feedback": feedback,
                "list_id": todo_list.pk,
            },
        )
    return submission


# --- Feedback ----------------------------------------------------------------------------------


def _check_epa(trainee: Trainee, epa: Epa | None) -> None:
    if epa is not None and (epa.specialty_id != trainee.specialty_id or not epa.is_active):
        raise ValidationError({"epa": _("Choose an EPA of the ASO's specialty.")})


def feedback_request_create(
    *,
    trainee: Trainee,
    actor,
    supervisor,
    moment_date: datetime.date,
    what: str,
    role: str = "",
    epa: Epa | None = None,
) -> FeedbackRequest:
    """The ASO asks a supervisor for feedback on a moment."""
    if not perms.is_self(actor, trainee):
        raise PermissionDenied
    if supervisor is None or supervisor.pk == actor.pk:
        raise ValidationError({"supervisor": _("Ask a stagemeester or a member of the stageteam.")})
    if moment_date > timezone.localdate():
        raise ValidationError({"moment_date": _("The moment cannot lie in the future.")})
    _check_epa(trainee, epa)
    request = FeedbackRequest(
        trainee=trainee,
        supervisor=supervisor,
        moment_date=moment_date,
        what=what.strip(),
        role=role or "",
        epa=epa,
    )
    request.full_clean()
    with transaction.atomic():
        request.save()
        audit_record(actor=actor, action=CREATE, target=request, subject=trainee.user)
        notify(
            user=supervisor,
            subject_template="portfolio/email/feedback_request_subject.txt",
            body_template="portfolio/email/feedback_request_body.txt",
            context={
                "trainee": str(trainee),
                "what": request.what,
                "moment_date": moment_date.isoformat(),
                "request_id": request.pk,
            },
        )
    return request


def _feedback_notify(feedback: Feedback) -> None:
    notify(
        user=feedback.trainee.user,
        subject_template="portfolio/email/feedback_received_subject.txt",
        body_template="portfolio/email/feedback_received_body.txt",
        context={"author": str(feedback.author), "what": feedback.what, "feedback_id": feedback.pk},
    )


def feedback_request_complete(
    *,
    request: FeedbackRequest,
    actor,
    went_well: str,
    to_improve: str,
    entrustment_level: int | None = None,
) -> Feedback:
    """The supervisor answers a feedback request with the short structured form."""
    with transaction.atomic():
        request = FeedbackRequest.objects.select_for_update().get(pk=request.pk)
        if request.supervisor_id != getattr(actor, "pk", None):
            raise PermissionDenied
        if request.status != FeedbackRequest.Status.OPEN:
            raise ValidationError(_("This feedback request was already answered or withdrawn."))
        feedback = Feedback(
            trainee=request.trainee,
            author=actor,
            request=request,
            moment_date=request.moment_date,
            what=request.what,
            role=request.role,
            epa=request.epa,
            went_well=went_well.strip(),
            to_improve=to_improve.strip(),
            entrustment_level=entrustment_level or None,
        )
        feedback.full_clean()
        feedback.save()
        request.status = FeedbackRequest.Status.COMPLETED
        request.save(update_fields=["status"])
        audit_record(actor=actor, action=CREATE, target=feedback, subject=request.trainee.user)
        _feedback_notify(feedback)
    return feedback


def feedback_request_withdraw(*, request: FeedbackRequest, actor) -> FeedbackRequest:
    """The ASO withdraws an open request."""
    if not perms.is_self(actor, request.trainee):
        raise PermissionDenied
    if request.status != FeedbackRequest.Status.OPEN:
        raise ValidationError(_("Only an open request can be withdrawn."))
    with transaction.atomic():
        request.status = FeedbackRequest.Status.WITHDRAWN
        request.save(update_fields=["status"])
        audit_record(actor=actor, action=UPDATE, target=request, summary="withdrawn")
    return request


def feedback_give(
    *,
    trainee: Trainee,
    actor,
    moment_date: datetime.date,
    what: str,
    went_well: str,
    to_improve: str,
    role: str = "",
    epa: Epa | None = None,
    entrustment_level: int | None = None,
) -> Feedback:
    """The stagemeester gives feedback unasked."""
    if not perms.can_give_feedback(actor, trainee):
        raise PermissionDenied
    if moment_date > timezone.localdate():
        raise ValidationError({"moment_date": _("The moment cannot lie in the future.")})
    _check_epa(trainee, epa)
    feedback = Feedback(
        trainee=trainee,
        author=actor,
        moment_date=moment_date,
        what=what.strip(),
        role=role or "",
        epa=epa,
        went_well=went_well.strip(),
        to_improve=to_improve.strip(),
        entrustment_level=entrustment_level or None,
    )
    feedback.full_clean()
    with transaction.atomic():
        feedback.save()
        audit_record(actor=actor, action=CREATE, target=feedback, subject=trainee.user)
        _feedback_notify(feedback)
    return feedback


def _mentor_of(trainee: Trainee):
    membership = getattr(trainee, "mentor_membership", None)
    return membership.group.mentor if membership is not None else None


def feedback_share(*, feedback: Feedback, actor) -> FeedbackShare:
    """The ASO shares one piece of feedback with their mentor."""
    if not perms.can_share_feedback(actor, feedback):
        raise PermissionDenied
    mentor = _mentor_of(feedback.trainee)
    if mentor is None:
        raise ValidationError(_("You have no mentor to share this with."))
    with transaction.atomic():
        share = FeedbackShare.objects.filter(
            feedback=feedback, shared_with=mentor, revoked_at__isnull=True
        ).first()
        if share is None:
            share = FeedbackShare.objects.create(feedback=feedback, shared_with=mentor)
            audit_record(
                actor=actor,
                action=CREATE,
                target=share.feedback,
                subject=actor,
                summary=f"shared with mentor {mentor}",
            )
    return share


def feedback_unshare(*, feedback: Feedback, actor) -> int:
    """The ASO revokes every share of this feedback; return how many were revoked."""
    if not perms.can_share_feedback(actor, feedback):
        raise PermissionDenied
    with transaction.atomic():
        count = FeedbackShare.objects.filter(feedback=feedback, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        audit_record(
            actor=actor, action=UPDATE, target=feedback, subject=actor, summary="share revoked"
        )
    return count


# --- EPAs and entrustment ----------------------------------------------------------------


def epa_save(*, epa: Epa, actor, expected_version: int | None = None) -> Epa:
    """Maintain the EPA catalogue of a specialty."""
    if not perms.can_manage_epas(actor):
        raise PermissionDenied
    scope = perms.admin_scope(actor)
    if not any(r["specialty_id"] in (None, epa.specialty_id) for r in scope):
        raise PermissionDenied
    creating = epa.pk is None
    with transaction.atomic():
        save_versioned(epa, expected_version=expected_version)
        audit_record(actor=actor, action=CREATE if creating else UPDATE, target=epa)
    return epa


def entrustment_decide(
    *,
    trainee: Trainee,
    epa: Epa,
    actor,
    level: int,
    decided_on: datetime.date,
    rationale: str,
    evidence=(),
) -> EntrustmentDecision:
    """Record a bekwaamverklaring; a previous decision for the EPA is superseded, never changed."""
    if not perms.can_decide_entrustment(actor, trainee):
        raise PermissionDenied
    _check_epa(trainee, epa)
    if decided_on > timezone.localdate():
        raise ValidationError({"decided_on": _("A decision cannot be dated in the future.")})
    evidence = list(evidence)
    if any(f.trainee_id != trainee.pk for f in evidence):
        raise ValidationError({"evidence": _("Evidence must be feedback on this ASO.")})
    decision = EntrustmentDecision(
        trainee=trainee,
        epa=epa,
        level=level,
        decided_on=decided_on,
        decided_by=actor,
        rationale=rationale.strip(),
    )
    decision.full_clean()
    with transaction.atomic():
        previous = (
            EntrustmentDecision.objects.select_for_update()
            .filter(trainee=trainee, epa=epa, superseded_by__isnull=True)
            .first()
        )
        decision.save()
        decision.evidence.set(evidence)
        if previous is not None:
            EntrustmentDecision.objects.filter(pk=previous.pk).update(superseded_by=decision)
        audit_record(
            actor=actor,
            action=CREATE,
            target=decision,
            subject=trainee.user,
            summary=f"{epa.code}: level {level}"
            + (f" (supersedes {previous.level})" if previous else ""),
        )
        notify(
            user=trainee.user,
            subject_template="portfolio/email/entrustment_subject.txt",
            body_template="portfolio/email/entrustment_body.txt",
            context={"epa": str(epa), "level": level},
        )
    return decision


# --- IOP ----------------------------------------------------------------------------------------


def _goal_snapshot(goal: LearningGoal) -> dict:
    return {
        "title": goal.title,
        "planning": goal.planning,
        "approach": goal.approach,
        "evaluation": goal.evaluation,
        "roles": list(goal.roles),
        "epas": sorted(goal.epas.values_list("code", flat=True)),
        "status": goal.status,
    }


def _revise(goal: LearningGoal, actor) -> None:
    LearningGoalRevision.objects.create(
        goal=goal, version=goal.version, snapshot=_goal_snapshot(goal), changed_by=actor
    )


def goal_save(
    *,
    goal: LearningGoal,
    actor,
    epas=None,
    expected_version: int | None = None,
) -> LearningGoal:
    """Create or change a learning goal; every change is kept as a version."""
    if not perms.is_self(actor, goal.trainee):
        raise PermissionDenied
    creating = goal.pk is None
    if epas is not None:
        epas = list(epas)
        for epa in epas:
            _check_epa(goal.trainee, epa)
    with transaction.atomic():
        save_versioned(goal, expected_version=expected_version)
        if epas is not None:
            goal.epas.set(epas)
        _revise(goal, actor)
        audit_record(actor=actor, action=CREATE if creating else UPDATE, target=goal)
    return goal


def goal_comment(*, goal: LearningGoal, actor, text: str) -> GoalComment:
    """The stagemeester (or the ASO) comments on a learning goal."""
    if not perms.can_comment_goal(actor, goal):
        raise PermissionDenied
    comment = GoalComment(goal=goal, author=actor, text=text.strip(), goal_version=goal.version)
    comment.full_clean()
    with transaction.atomic():
        comment.save()
        audit_record(
            actor=actor, action=CREATE, target=goal, subject=goal.trainee.user, summary="comment"
        )
        if actor.pk != goal.trainee.user_id:
            notify(
                user=goal.trainee.user,
                subject_template="portfolio/email/goal_comment_subject.txt",
                body_template="portfolio/email/goal_comment_body.txt",
                context={"author": str(actor), "goal": goal.title},
            )
    return comment


def goal_agree(*, goal: LearningGoal, actor, expected_version: int) -> LearningGoal:
    """The stagemeester agrees with the goal as they saw it (a later change needs new agreement)."""
    if not perms.can_agree_goal(actor, goal):
        raise PermissionDenied
    with transaction.atomic():
        current = LearningGoal.objects.select_for_update().get(pk=goal.pk)
        if current.version != expected_version:
            from traject.core.concurrency import ConflictError

            raise ConflictError(
                _("The ASO changed this goal in the meantime. Read it again before you agree."),
                code="conflict",
            )
        LearningGoal.objects.filter(pk=goal.pk).update(
            agreed_version=current.version, agreed_by=actor, agreed_at=timezone.now()
        )
        audit_record(
            actor=actor,
            action=UPDATE,
            target=goal,
            subject=goal.trainee.user,
            summary=f"agreed with version {current.version}",
        )
    goal.refresh_from_db()
    return goal


# --- Reminders ----------------------------------------------------------------------------------


def _once(key: str) -> bool:
    """Claim a reminder key; False when it was already sent."""
    _obj, created = ReminderSent.objects.get_or_create(key=key[:100])
    return created


def reminders_send(*, today: datetime.date | None = None) -> dict:
    """Remind ASO of to-dos due soon and flag feedback requests open for 14 days to both."""
    today = today or timezone.localdate()
    counts = {"due": 0, "late_requests": 0}
    for days in REMINDER_DAYS:
        day = today + datetime.timedelta(days=days)
        items = TodoItem.objects.filter(
            due_date=day,
            done_at__isnull=True,
            todo_list__status__in=[TodoList.Status.OPEN, TodoList.Status.RETURNED],
        ).select_related("todo_list__trainee__user", "todo_list__course")
        for item in items:
            with transaction.atomic():
                if not _once(f"due:{item.pk}:{day.isoformat()}:{days}"):
                    continue
                notify(
                    user=item.todo_list.trainee.user,
                    subject_template="portfolio/email/due_subject.txt",
                    body_template="portfolio/email/due_body.txt",
                    context={
                        "item": item.title,
                        "course": item.todo_list.course.name,
                        "due_date": day.isoformat(),
                        "days": days,
                        "list_id": item.todo_list_id,
                    },
                )
                counts["due"] += 1
    from .models import FEEDBACK_REQUEST_FLAG_DAYS

    cutoff = timezone.now() - datetime.timedelta(days=FEEDBACK_REQUEST_FLAG_DAYS)
    late = FeedbackRequest.objects.filter(
        status=FeedbackRequest.Status.OPEN, created_at__lt=cutoff, flagged_at__isnull=True
    ).select_related("trainee__user", "supervisor")
    for request in late:
        with transaction.atomic():
            FeedbackRequest.objects.filter(pk=request.pk).update(flagged_at=timezone.now())
            context = {
                "trainee": str(request.trainee),
                "supervisor": str(request.supervisor),
                "what": request.what,
                "request_id": request.pk,
            }
            for person in (request.trainee.user, request.supervisor):
                notify(
                    user=person,
                    subject_template="portfolio/email/late_request_subject.txt",
                    body_template="portfolio/email/late_request_body.txt",
                    context={**context, "for_supervisor": person.pk == request.supervisor_id},
                )
            counts["late_requests"] += 1
    return counts
