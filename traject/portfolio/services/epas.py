"""EPAs and entrustment decisions."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from traject.audit.models import AuditEvent
from traject.audit.services import audit_record
from traject.core.concurrency import save_versioned
from traject.core.notifications import notify
from traject.organisation.models import Trainee

from .. import permissions as perms
from ..models import (
    EntrustmentDecision,
    Epa,
)
from .feedback import check_epa

CREATE = AuditEvent.Action.CREATE
UPDATE = AuditEvent.Action.UPDATE
DELETE = AuditEvent.Action.DELETE


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
    check_epa(trainee, epa)
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
