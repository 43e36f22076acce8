"""The IOP: learning goals, comments, agreement."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from traject.audit.models import AuditEvent
from traject.audit.services import audit_record
from traject.core.concurrency import save_versioned
from traject.core.notifications import notify

from .. import permissions as perms
from ..models import (
    GoalComment,
    LearningGoal,
    LearningGoalRevision,
)
from .feedback import check_epa

CREATE = AuditEvent.Action.CREATE
UPDATE = AuditEvent.Action.UPDATE
DELETE = AuditEvent.Action.DELETE


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


def learning_goal_revise(goal: LearningGoal, actor) -> None:
    """Keep the goal as it now stands as a version (every change, and its creation elsewhere: a
    Dutch talk's agreed actions)."""
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
            check_epa(goal.trainee, epa)
    with transaction.atomic():
        save_versioned(goal, expected_version=expected_version)
        if epas is not None:
            goal.epas.set(epas)
        learning_goal_revise(goal, actor)
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
