"""Feedback: requests, records, shares."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from traject.audit.models import AuditEvent
from traject.audit.services import audit_record
from traject.core.notifications import notify
from traject.organisation.models import Trainee

from .. import permissions as perms
from ..models import (
    Epa,
    Feedback,
    FeedbackRequest,
    FeedbackShare,
)

CREATE = AuditEvent.Action.CREATE
UPDATE = AuditEvent.Action.UPDATE
DELETE = AuditEvent.Action.DELETE


# --- Feedback ----------------------------------------------------------------------------------


def check_epa(trainee: Trainee, epa: Epa | None) -> None:
    if epa is not None and (epa.specialty_id != trainee.specialty_id or not epa.is_active):
        raise ValidationError({"epa": _("Choose an EPA of the ASO's specialty.")})


def feedback_request_create(
    *,
    trainee: Trainee,
    actor,
    moment_date: datetime.date,
    what: str,
    supervisor=None,
    team_member=None,
    role: str = "",
    epa: Epa | None = None,
) -> FeedbackRequest:
    """The ASO asks a supervisor (or a stageteam member without an account) for feedback.

    The e-mail carries a one-time link (traject.workfloor) that opens the form without a log-in.
    """
    from traject.workfloor.selectors import current_service_ids
    from traject.workfloor.services import link_issue

    if not perms.is_self(actor, trainee):
        raise PermissionDenied
    if (supervisor is None) == (team_member is None) or getattr(supervisor, "pk", None) == actor.pk:
        raise ValidationError({"supervisor": _("Ask a stagemeester or a member of the stageteam.")})
    if team_member is not None and (
        not team_member.is_active or team_member.service_id not in current_service_ids(trainee)
    ):
        raise ValidationError({"supervisor": _("Ask a stagemeester or a member of the stageteam.")})
    if moment_date > timezone.localdate():
        raise ValidationError({"moment_date": _("The moment cannot lie in the future.")})
    check_epa(trainee, epa)
    request = FeedbackRequest(
        trainee=trainee,
        supervisor=supervisor,
        team_member=team_member,
        moment_date=moment_date,
        what=what.strip(),
        role=role or "",
        epa=epa,
    )
    request.full_clean()
    with transaction.atomic():
        request.save()
        audit_record(actor=actor, action=CREATE, target=request, subject=trainee.user)
        link_issue(request=request)
    return request


def _feedback_notify(feedback: Feedback) -> None:
    notify(
        user=feedback.trainee.user,
        subject_template="portfolio/email/feedback_received_subject.txt",
        body_template="portfolio/email/feedback_received_body.txt",
        context={"author": str(feedback.giver), "what": feedback.what, "feedback_id": feedback.pk},
    )


def feedback_record(
    *,
    trainee: Trainee,
    author,
    moment_date: datetime.date,
    what: str,
    went_well: str,
    to_improve: str,
    role: str = "",
    epa: Epa | None = None,
    entrustment_level: int | None = None,
    request: FeedbackRequest | None = None,
    team_member=None,
    channel: str = Feedback.Channel.SIGNED_IN,
    identified_by: str = "signed in",
) -> Feedback:
    """Store one piece of feedback, audit how its giver was identified, tell the ASO.

    Callers check the right to give it; this runs inside their transaction.
    """
    texts = {"what": what, "went_well": went_well, "to_improve": to_improve}
    if any("\x00" in (v or "") for v in texts.values()):
        raise ValidationError(
            {
                k: _("Remove the invisible NUL character.")
                for k, v in texts.items()
                if "\x00" in (v or "")
            }
        )
    feedback = Feedback(
        trainee=trainee,
        author=author,
        team_member=team_member,
        channel=channel,
        request=request,
        moment_date=moment_date,
        what=what,
        role=role or "",
        epa=epa,
        went_well=(went_well or "").strip(),
        to_improve=(to_improve or "").strip(),
        entrustment_level=entrustment_level or None,
    )
    feedback.full_clean()
    with transaction.atomic():
        feedback.save()
        audit_record(
            actor=author,
            action=CREATE,
            target=feedback,
            subject=trainee.user,
            summary=f"feedback by {feedback.giver} through {channel}; identified by {identified_by}",
        )
        _feedback_notify(feedback)
    return feedback


def feedback_request_complete(
    *,
    request: FeedbackRequest,
    actor,
    went_well: str,
    to_improve: str,
    entrustment_level: int | None = None,
    team_member=None,
    channel: str = Feedback.Channel.SIGNED_IN,
    identified_by: str = "signed in",
) -> Feedback:
    """The person asked answers a feedback request with the short structured form."""
    with transaction.atomic():
        request = FeedbackRequest.objects.select_for_update().get(pk=request.pk)
        if team_member is not None:
            if actor is not None or request.team_member_id != team_member.pk:
                raise PermissionDenied
        elif not perms.is_asked_for_feedback(actor, request):
            raise PermissionDenied
        if request.status != FeedbackRequest.Status.OPEN:
            raise ValidationError(_("This feedback request was already answered or withdrawn."))
        feedback = feedback_record(
            trainee=request.trainee,
            author=actor,
            team_member=team_member,
            channel=channel,
            identified_by=identified_by,
            request=request,
            moment_date=request.moment_date,
            what=request.what,
            role=request.role,
            epa=request.epa,
            went_well=went_well,
            to_improve=to_improve,
            entrustment_level=entrustment_level,
        )
        request.status = FeedbackRequest.Status.COMPLETED
        request.save(update_fields=["status"])
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
        from traject.workfloor.services import links_withdraw

        links_withdraw(request=request)
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
    check_epa(trainee, epa)
    with transaction.atomic():
        return feedback_record(
            trainee=trainee,
            author=actor,
            moment_date=moment_date,
            what=what.strip(),
            role=role,
            epa=epa,
            went_well=went_well,
            to_improve=to_improve,
            entrustment_level=entrustment_level,
        )


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
