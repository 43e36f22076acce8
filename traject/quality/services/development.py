"""Writes for trainers' own development."""

import datetime
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from traject.accounts.models import User
from traject.audit.models import AuditEvent
from traject.organisation.models import (
    TrainingService,
)

from .. import permissions
from ..models import (
    EducationalActivity,
    Item,
    SelfEvaluation,
)
from ..scoring import valid_score
from ._common import _audit, _stored_name, validate_upload

# --- Trainers' own development -----------------------------------------------------------


def self_evaluation_create(*, scores: dict, actor, reflection: str = "") -> SelfEvaluation:
    """Record a self-evaluation on the competency profile, visible to the trainer alone."""
    from ..instruments import trainer_profile_for

    if not permissions.can_self_evaluate(actor):
        raise PermissionDenied
    instrument = trainer_profile_for(actor)
    codes = set(Item.objects.filter(theme__instrument=instrument).values_list("code", flat=True))
    if not isinstance(scores, dict) or set(scores) != codes:
        raise ValidationError({"scores": _("Rate every indicator (or choose “not applicable”).")})
    if not all(valid_score(value) for value in scores.values()):
        raise ValidationError(
            {"scores": _("Answers lie between 1 and 5, or are “not applicable”.")}
        )
    evaluation = SelfEvaluation(
        trainer=actor, instrument=instrument, scores=scores, reflection=(reflection or "").strip()
    )
    with transaction.atomic():
        evaluation.full_clean()
        evaluation.save()
        # The audit log records that it happened, not the answers.
        _audit(actor, AuditEvent.Action.CREATE, evaluation, "self-evaluation")
    return evaluation


def educational_activity_create(
    *,
    service: TrainingService,
    participant: str,
    title: str,
    provider: str,
    date: datetime.date,
    hours,
    actor,
    accreditation: str = "",
    proof=None,
) -> EducationalActivity:
    """Log an accredited educational activity of a member of the training group."""
    if not permissions.can_log_activity_for(actor, service):
        raise PermissionDenied
    return educational_activity_record(
        service=service,
        participant=participant,
        title=title,
        provider=provider,
        date=date,
        hours=hours,
        actor=actor,
        accreditation=accreditation,
        proof=proof,
    )


def educational_activity_record(
    *,
    service: TrainingService,
    participant: str,
    title: str,
    provider: str,
    date: datetime.date,
    hours,
    actor,
    accreditation: str = "",
    proof=None,
) -> EducationalActivity:
    """Log an activity whose recording the calling service has already authorised.

    The programme app calls it when an organiser records a trainer's attendance of a session:
    the entry lands in the training group's log (and so in the recognition dossier).
    """
    if date > timezone.localdate():
        raise ValidationError({"date": _("The activity lies in the future.")})
    activity = EducationalActivity(
        service=service,
        participant=participant,
        title=title,
        provider=provider,
        date=date,
        hours=Decimal(str(hours)),
        accreditation=accreditation,
        recorded_by=actor,
    )
    if activity.hours <= 0 or activity.hours > 200:
        raise ValidationError({"hours": _("Hours lie between 0 and 200.")})
    with transaction.atomic():
        activity.full_clean(exclude=["proof"])
        if proof is not None:
            extension, _content_type = validate_upload(proof)
            activity.proof_name = Path(proof.name).name[:200]
            activity.proof.save(_stored_name(proof.name, extension), proof, save=False)
        activity.save()
        _audit(actor, AuditEvent.Action.CREATE, activity)
    return activity


def educational_activity_delete(*, activity: EducationalActivity, actor) -> None:
    if not permissions.can_log_activity_for(actor, activity.service):
        raise PermissionDenied
    with transaction.atomic():
        _audit(actor, AuditEvent.Action.DELETE, activity)
        storage, name = activity.proof.storage, activity.proof.name
        activity.delete()
        if name:
            transaction.on_commit(lambda: storage.delete(name))


def user_by_email(email: str) -> User | None:
    return User.objects.filter(email__iexact=(email or "").strip(), is_active=True).first()
