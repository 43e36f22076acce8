"""Writes on the path to recognition: every view, endpoint and task goes through these."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from traject.audit.models import AuditEvent
from traject.audit.services import audit_record
from traject.core.concurrency import (
    ConflictError,
    delete_versioned,
    required_version,
    save_versioned,
)
from traject.core.notifications import notify
from traject.core.uploads import PDF_AND_IMAGES, validate_upload
from traject.organisation.models import Stage, Trainee
from traject.organisation.services import stage_capacity_problems

from . import permissions, selectors
from .models import (
    AuthorityOfficer,
    AuthorityStep,
    Community,
    Evidence,
    Interruption,
    PlanItem,
    PlanVersion,
    Signature,
    Trajectory,
)
from .selectors import plan_problems, required_signatures

State = PlanVersion.State
MAX_TEXT = 5000


def community_for(trainee: Trainee) -> Community:
    """The community whose administration handles the ASO's plan, from the university (data)."""
    if not Community.objects.exists():  # a test that flushed the data migration's rows
        from .reference_data import load_communities

        load_communities(Community)
    return selectors.community_of(trainee)


def trajectory_open(*, trainee: Trainee, actor) -> Trajectory:
    """Open the ASO's path with a first draft plan (idempotent)."""
    if not (trainee.user_id == actor.pk or permissions.is_administrator_of_trainee(actor, trainee)):
        raise PermissionDenied
    with transaction.atomic():
        existing = Trajectory.objects.filter(trainee=trainee).first()
        if existing is not None:
            return existing
        trajectory = Trajectory(
            trainee=trainee,
            community=community_for(trainee),
            nominal_months=trainee.specialty.duration_years * 12,
        )
        save_versioned(trajectory, expected_version=None)
        plan = PlanVersion.objects.create(trajectory=trajectory, number=1)
        audit_record(
            actor=actor, action=AuditEvent.Action.CREATE, target=trajectory, subject=trainee.user
        )
        audit_record(
            actor=actor, action=AuditEvent.Action.CREATE, target=plan, subject=trainee.user
        )
    return trajectory


def _clean_text(value: str, field: str) -> str:
    value = (value or "").strip()
    if "\x00" in value:
        raise ValidationError({field: _("The text contains a forbidden character.")})
    if len(value) > MAX_TEXT:
        raise ValidationError({field: _("The text is too long (at most 5000 characters).")})
    return value


def _check_item(item: PlanItem) -> None:
    errors: dict[str, list[str]] = {}
    kind = PlanItem.Kind
    if item.kind == kind.STAGE:
        if not item.service_id:
            errors.setdefault("service", []).append(_("Choose the stagedienst."))
        if not item.stagemeester_id:
            errors.setdefault("stagemeester", []).append(_("Choose the stagemeester."))
        if (
            item.service_id
            and item.service.specialty_id != item.plan.trajectory.trainee.specialty_id
        ):
            errors.setdefault("service", []).append(_("This stagedienst trains another specialty."))
    if item.kind == kind.RESEARCH and not item.justification.strip():
        errors.setdefault("justification", []).append(_("A research period needs a justification."))
    if item.kind == kind.ABROAD:
        for field, message in (
            ("institution", _("Name the institution abroad.")),
            ("country", _("Name the country.")),
            ("belgian_address", _("A stage abroad needs a Belgian address.")),
        ):
            if not getattr(item, field).strip():
                errors.setdefault(field, []).append(message)
    if errors:
        raise ValidationError(errors)
    if item.kind == kind.STAGE:
        trainee = item.plan.trajectory.trainee
        # The ASO's own assigned stage in the same period is the same place, not another ASO.
        own = (
            Stage.objects.filter(
                trainee=trainee,
                stagemeester_id=item.stagemeester_id,
                start__lte=item.end,
                end__gte=item.start,
            )
            .values_list("pk", flat=True)
            .first()
        )
        candidate = Stage(
            pk=own,
            trainee=trainee,
            service_id=item.service_id,
            stagemeester_id=item.stagemeester_id,
            start=item.start,
            end=item.end,
        )
        problems = stage_capacity_problems(candidate)
        if problems:
            raise ValidationError(problems, code="capacity")


def _signatures_note(plan: PlanVersion) -> str:
    count = plan.signatures.count()
    return f"; {count} signature(s) must be given again" if count else ""


def _plan_seen(plan: PlanVersion, expected_version) -> None:
    """Lock the plan; refuse (409) a change of its periods based on an older version of the plan,
    and count the change in the plan's version (a period has no version of its own)."""
    current = PlanVersion.objects.select_for_update().only("version").get(pk=plan.pk)
    if expected_version is not None and current.version != expected_version:
        raise ConflictError(
            _(
                "Someone else changed this in the meantime. Reload the page to see their version, then apply your change again."
            ),
            code="conflict",
        )
    plan.version = current.version + 1
    PlanVersion.objects.filter(pk=plan.pk).update(version=plan.version)


def plan_item_save(*, item: PlanItem, actor, expected_version=None) -> PlanItem:
    """Add or change a period of a draft plan, checked against recognitions and capacity.

    A change of an existing period needs the plan's version the editor saw (``expected_version``:
    428 without it, 409 when the plan changed meanwhile); every change counts in that version."""
    plan = item.plan
    if not permissions.can_edit_plan(actor, plan):
        raise PermissionDenied
    for field in ("institution", "country", "belgian_address", "justification"):
        setattr(item, field, _clean_text(getattr(item, field), field))
    created = item.pk is None
    if not created:
        expected_version = required_version(expected_version)
    with transaction.atomic():
        _plan_seen(plan, expected_version)
        item.full_clean()
        _check_item(item)
        note = _signatures_note(plan)
        item.save()
        audit_record(
            actor=actor,
            action=AuditEvent.Action.CREATE if created else AuditEvent.Action.UPDATE,
            target=item,
            subject=plan.trajectory.trainee.user,
            summary=f"plan v{plan.number}{note}",
        )
    return item


def plan_item_delete(*, item: PlanItem, actor, expected_version) -> None:
    """Remove a period: needs the plan's version the editor saw (428 without, 409 when stale)."""
    plan = item.plan
    if not permissions.can_edit_plan(actor, plan):
        raise PermissionDenied
    expected_version = required_version(expected_version)
    with transaction.atomic():
        _plan_seen(plan, expected_version)
        audit_record(
            actor=actor,
            action=AuditEvent.Action.DELETE,
            target=item,
            subject=plan.trajectory.trainee.user,
            summary=f"plan v{plan.number}{_signatures_note(plan)}",
        )
        item.delete()


def plan_sign(*, plan: PlanVersion, actor, capacity: str) -> Signature:
    """Sign the current content of a plan version in one capacity."""
    if not plan.editable:
        raise ValidationError(_("Only a plan that has not been submitted can be signed."))
    needed = required_signatures(plan)
    slot = next((s for s in needed if s.capacity == capacity), None)
    if slot is None or actor.pk not in slot.eligible:
        raise PermissionDenied
    with transaction.atomic():
        PlanVersion.objects.select_for_update().filter(pk=plan.pk).first()
        content_hash = plan.content_hash()
        if not plan.items.exists():
            raise ValidationError(_("An empty plan cannot be signed."))
        signature = Signature.objects.create(
            plan=plan, signer=actor, capacity=capacity, content_hash=content_hash
        )
        audit_record(
            actor=actor,
            action=AuditEvent.Action.CREATE,
            target=signature,
            subject=plan.trajectory.trainee.user,
            summary=f"signed plan v{plan.number} as {capacity}, content {content_hash[:16]}",
        )
    return signature


def _step(plan, *, kind, on, actor, note="") -> AuthorityStep:
    step = AuthorityStep.objects.create(plan=plan, kind=kind, on=on, actor=actor, note=note)
    audit_record(
        actor=actor,
        action=AuditEvent.Action.UPDATE,
        target=plan,
        subject=plan.trajectory.trainee.user,
        summary=f"{kind} on {on.isoformat()}",
    )
    return step


def _notify_aso(plan: PlanVersion, step: AuthorityStep) -> None:
    trainee_user = plan.trajectory.trainee.user
    notify(
        user=trainee_user,
        subject_template="trajectory/email/step_subject.txt",
        body_template="trajectory/email/step_body.txt",
        context={
            "version": plan.number,
            "step": step.kind,
            "on": step.on.isoformat(),
            "path": reverse("trajectory:plan_detail", args=[plan.pk]),
        },
    )


def _notify_officers(plan: PlanVersion) -> None:
    for officer in AuthorityOfficer.objects.filter(community_id=plan.trajectory.community_id):
        notify(
            user=officer.user,
            subject_template="trajectory/email/submitted_subject.txt",
            body_template="trajectory/email/submitted_body.txt",
            context={
                "version": plan.number,
                "trainee_name": str(plan.trajectory.trainee),
                "path": reverse("trajectory:plan_detail", args=[plan.pk]),
            },
        )


def _check_date(on: datetime.date | None, plan: PlanVersion, field: str = "on") -> datetime.date:
    today = timezone.localdate()
    on = on or today
    if on > today:
        raise ValidationError({field: _("The date cannot lie in the future.")})
    if plan.submitted_on and on < plan.submitted_on:
        raise ValidationError({field: _("The date lies before the plan was submitted.")})
    return on


def plan_submit(*, plan: PlanVersion, actor, expected_version=None) -> PlanVersion:
    """Submit a complete, signed plan (or the supplement asked) to the community's administration."""
    if not permissions.can_submit_plan(actor, plan):
        raise PermissionDenied
    with transaction.atomic():
        problems = plan_problems(plan)
        if problems:
            raise ValidationError(problems, code="incomplete")
        resubmission = plan.state == State.SUPPLEMENT_ASKED
        plan.state = State.SUBMITTED
        today = timezone.localdate()
        if not plan.submitted_on:
            plan.submitted_on = today
        save_versioned(plan, expected_version=expected_version)
        step = _step(
            plan,
            kind=AuthorityStep.Kind.SUPPLEMENT_GIVEN
            if resubmission
            else AuthorityStep.Kind.SUBMITTED,
            on=today,
            actor=actor,
        )
        _notify_aso(plan, step)
        _notify_officers(plan)
    return plan


def plan_ask_supplement(*, plan: PlanVersion, actor, request: str, on=None) -> PlanVersion:
    """The officer finds the plan incomplete and asks for a supplement."""
    if not permissions.can_handle_as_officer(actor, plan) or plan.state not in (
        State.SUBMITTED,
        State.AT_COMMISSION,
    ):
        raise PermissionDenied
    request = _clean_text(request, "request")
    if not request:
        raise ValidationError({"request": _("Say what is missing.")})
    with transaction.atomic():
        on = _check_date(on, plan)
        plan.state = State.SUPPLEMENT_ASKED
        plan.supplement_asked_on = on
        plan.supplement_request = request
        save_versioned(plan, expected_version=None)
        _notify_aso(
            plan,
            _step(plan, kind=AuthorityStep.Kind.SUPPLEMENT_ASKED, on=on, actor=actor, note=request),
        )
    return plan


def plan_record_candidate_number(*, plan: PlanVersion, actor, number: str, on=None) -> PlanVersion:
    """The officer records the RIZIV candidate number and passes the plan to the commission."""
    if not permissions.can_handle_as_officer(actor, plan) or plan.state != State.SUBMITTED:
        raise PermissionDenied
    number = _clean_text(number, "number")
    digits = "".join(ch for ch in number if ch.isdigit())
    if not (8 <= len(digits) <= 11) or any(ch not in "0123456789-/. " for ch in number):
        raise ValidationError({"number": _("A RIZIV candidate number has 8 to 11 digits.")})
    with transaction.atomic():
        on = _check_date(on, plan)
        trajectory = plan.trajectory
        trajectory.riziv_candidate_number = number
        trajectory.riziv_candidate_recorded_on = on
        save_versioned(trajectory, expected_version=None)
        plan.state = State.AT_COMMISSION
        save_versioned(plan, expected_version=None)
        _notify_aso(
            plan,
            _step(plan, kind=AuthorityStep.Kind.CANDIDATE_NUMBER, on=on, actor=actor, note=number),
        )
    return plan


def plan_give_advice(
    *, plan: PlanVersion, actor, advice: str, note: str = "", on=None
) -> PlanVersion:
    """A member of the erkenningscommissie records the commission's advice."""
    if not permissions.can_advise(actor, plan):
        raise PermissionDenied
    if advice not in PlanVersion.Advice.values:
        raise ValidationError({"advice": _("Choose positive, negative or more information.")})
    note = _clean_text(note, "note")
    if advice != PlanVersion.Advice.POSITIVE and not note:
        raise ValidationError({"note": _("Motivate a negative advice or say what is missing.")})
    with transaction.atomic():
        on = _check_date(on, plan)
        plan.advice = advice
        plan.advice_on = on
        plan.advice_note = note
        if advice == PlanVersion.Advice.MORE:
            plan.state = State.SUPPLEMENT_ASKED
            plan.supplement_asked_on = on
            plan.supplement_request = note
        else:
            plan.state = State.ADVISED
        save_versioned(plan, expected_version=None)
        _notify_aso(
            plan,
            _step(
                plan, kind=AuthorityStep.Kind.ADVICE, on=on, actor=actor, note=f"{advice}: {note}"
            ),
        )
    return plan


def _approve(plan: PlanVersion) -> None:
    PlanVersion.objects.filter(trajectory=plan.trajectory, state=State.APPROVED).exclude(
        pk=plan.pk
    ).update(state=State.SUPERSEDED)
    plan.state = State.APPROVED


def plan_decide(
    *, plan: PlanVersion, actor, approved: bool, note: str = "", on=None
) -> PlanVersion:
    """The officer records the minister's decision after the commission's advice."""
    if not permissions.can_handle_as_officer(actor, plan) or plan.state != State.ADVISED:
        raise PermissionDenied
    note = _clean_text(note, "note")
    with transaction.atomic():
        on = _check_date(on, plan)
        if plan.advice_on and on < plan.advice_on:
            raise ValidationError({"on": _("The decision cannot precede the advice.")})
        plan.decided_on = on
        plan.decision_note = note
        if approved:
            _approve(plan)
        else:
            plan.state = State.REFUSED
        save_versioned(plan, expected_version=None)
        kind = AuthorityStep.Kind.APPROVED if approved else AuthorityStep.Kind.REFUSED
        _notify_aso(plan, _step(plan, kind=kind, on=on, actor=actor, note=note))
    return plan


def plan_appeal(*, plan: PlanVersion, actor, note: str = "", on=None) -> PlanVersion:
    """The ASO lodges an appeal against a refusal."""
    if not permissions.can_appeal(actor, plan):
        raise PermissionDenied
    note = _clean_text(note, "note")
    with transaction.atomic():
        on = _check_date(on, plan)
        plan.state = State.APPEAL
        plan.appeal_lodged_on = on
        save_versioned(plan, expected_version=None)
        _notify_aso(
            plan, _step(plan, kind=AuthorityStep.Kind.APPEAL, on=on, actor=actor, note=note)
        )
    return plan


def plan_decide_appeal(
    *, plan: PlanVersion, actor, granted: bool, note: str = "", on=None
) -> PlanVersion:
    """The officer records the outcome of the appeal."""
    if not permissions.can_handle_as_officer(actor, plan) or plan.state != State.APPEAL:
        raise PermissionDenied
    note = _clean_text(note, "note")
    with transaction.atomic():
        on = _check_date(on, plan)
        plan.appeal_decided_on = on
        if granted:
            _approve(plan)
        else:
            plan.state = State.REFUSED
        save_versioned(plan, expected_version=None)
        kind = AuthorityStep.Kind.APPEAL_APPROVED if granted else AuthorityStep.Kind.APPEAL_REFUSED
        _notify_aso(plan, _step(plan, kind=kind, on=on, actor=actor, note=note))
    return plan


def plan_change_start(*, trajectory: Trajectory, actor, reason: str) -> PlanVersion:
    """Start a change: a new draft version copying the latest plan, with the same flow."""
    if not permissions.can_start_change(actor, trajectory):
        raise PermissionDenied
    reason = _clean_text(reason, "reason")
    if not reason:
        raise ValidationError({"reason": _("Say why the plan changes.")})
    with transaction.atomic():
        Trajectory.objects.select_for_update().filter(pk=trajectory.pk).first()
        latest = trajectory.plans.order_by("-number").first()
        if latest is None or latest.state not in (State.APPROVED, State.REFUSED):
            raise ValidationError(
                _("A change starts from a decided plan; finish the current version first.")
            )
        plan = PlanVersion.objects.create(
            trajectory=trajectory, number=latest.number + 1, reason=reason
        )
        PlanItem.objects.bulk_create(
            [
                PlanItem(
                    plan=plan,
                    **{
                        f: getattr(item, f)
                        for f in (
                            "kind",
                            "start",
                            "end",
                            "service_id",
                            "stagemeester_id",
                            "institution",
                            "country",
                            "belgian_address",
                            "justification",
                        )
                    },
                )
                for item in latest.items.all()
            ]
        )
        audit_record(
            actor=actor,
            action=AuditEvent.Action.CREATE,
            target=plan,
            subject=trajectory.trainee.user,
            summary=f"change of the plan: {reason}",
        )
    return plan


def evidence_upload(*, trajectory: Trajectory, actor, kind: str, file, valid_from=None) -> Evidence:
    """Add a document (attest, agreement, diploma), checked by kind, content and size."""
    if not permissions.can_upload_evidence(actor, trajectory):
        raise PermissionDenied
    if kind not in Evidence.Kind.values:
        raise ValidationError({"kind": _("Choose the kind of document.")})
    content_type = validate_upload(file, PDF_AND_IMAGES)
    if kind == Evidence.Kind.ORDE and valid_from is None:
        raise ValidationError({"valid_from": _("Give the date the registration starts.")})
    with transaction.atomic():
        evidence = Evidence(
            trajectory=trajectory,
            kind=kind,
            original_name=(getattr(file, "name", "") or "document")[-200:],
            content_type=content_type,
            valid_from=valid_from,
            uploaded_by=actor,
        )
        evidence.file.save(evidence.original_name, file, save=False)
        evidence.save()
        audit_record(
            actor=actor,
            action=AuditEvent.Action.CREATE,
            target=evidence,
            subject=trajectory.trainee.user,
        )
    return evidence


def evidence_delete(*, evidence: Evidence, actor) -> None:
    if not permissions.can_upload_evidence(actor, evidence.trajectory):
        raise PermissionDenied
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=AuditEvent.Action.DELETE,
            target=evidence,
            subject=evidence.trajectory.trainee.user,
        )
        evidence.file.delete(save=False)
        evidence.delete()


def interruption_save(*, interruption: Interruption, actor, expected_version=None) -> Interruption:
    """Record or change an interruption of the training."""
    trajectory = interruption.trajectory
    if not permissions.can_record_interruption(actor, trajectory):
        raise PermissionDenied
    interruption.note = _clean_text(interruption.note, "note")[:300]
    if interruption.start and interruption.start < trajectory.trainee.training_start:
        raise ValidationError({"start": _("The interruption cannot begin before the training.")})
    created = interruption.pk is None
    if created:
        interruption.recorded_by = actor
    with transaction.atomic():
        save_versioned(interruption, expected_version=expected_version)
        audit_record(
            actor=actor,
            action=AuditEvent.Action.CREATE if created else AuditEvent.Action.UPDATE,
            target=interruption,
            subject=trajectory.trainee.user,
        )
    return interruption


def interruption_delete(*, interruption: Interruption, actor, expected_version) -> None:
    """Remove an interruption: needs the version the editor saw (428 without it, 409 when it
    changed since)."""
    if not permissions.can_record_interruption(actor, interruption.trajectory):
        raise PermissionDenied
    with transaction.atomic():
        if not delete_versioned(interruption, expected_version=expected_version):
            return
        audit_record(
            actor=actor,
            action=AuditEvent.Action.DELETE,
            target=interruption,
            subject=interruption.trajectory.trainee.user,
        )


def contact_save(*, instance, actor, expected_version=None):
    """Add or change a contact of a university (or one of its hospitals) the actor administers."""
    from traject.organisation.permissions import administered_universities

    if not permissions.can_manage_contacts(actor):
        raise PermissionDenied
    if not administered_universities(actor).filter(pk=instance.university_id).exists():
        raise ValidationError({"university": _("You do not administer this university.")})
    for field in ("name", "phone", "note"):
        setattr(instance, field, _clean_text(getattr(instance, field), field))
    created = instance.pk is None
    with transaction.atomic():
        instance.full_clean()
        instance.save()
        audit_record(
            actor=actor,
            action=AuditEvent.Action.CREATE if created else AuditEvent.Action.UPDATE,
            target=instance,
        )
    return instance


def contact_delete(*, instance, actor):
    if not permissions.can_manage_contacts(actor):
        raise PermissionDenied
    with transaction.atomic():
        audit_record(actor=actor, action=AuditEvent.Action.DELETE, target=instance)
        instance.delete()


REMIND_DAYS_BEFORE = (30, 7)


def send_due_reminders(*, today=None) -> int:
    """Remind ASO before the stageplan deadline and officers of overdue decisions (idempotent)."""
    from django.db.models import Exists, OuterRef

    from .enddate import add_months
    from .models import ReminderSent

    today = today or timezone.localdate()
    sent = 0
    not_submitted = (
        Trajectory.objects.annotate(
            submitted=Exists(
                PlanVersion.objects.filter(trajectory=OuterRef("pk"), submitted_on__isnull=False)
            )
        )
        .filter(submitted=False, trainee__training_start__gte=today - datetime.timedelta(days=400))
        .select_related("trainee__user", "community")
    )
    for trajectory in not_submitted:
        last_day = add_months(
            trajectory.trainee.training_start, trajectory.community.submission_months
        ) - datetime.timedelta(days=1)
        days_left = (last_day - today).days
        due = [d for d in REMIND_DAYS_BEFORE if 0 <= days_left <= d]
        if not due:
            continue
        key = f"submit-{min(due)}"
        with transaction.atomic():
            _, created = ReminderSent.objects.get_or_create(trajectory=trajectory, key=key)
            if not created:
                continue
            notify(
                user=trajectory.trainee.user,
                subject_template="trajectory/email/deadline_subject.txt",
                body_template="trajectory/email/deadline_body.txt",
                context={
                    "day": last_day.isoformat(),
                    "days": days_left,
                    "path": reverse("trajectory:detail", args=[trajectory.pk]),
                },
            )
            sent += 1
    advised = PlanVersion.objects.filter(
        state=State.ADVISED, advice_on__isnull=False
    ).select_related("trajectory__community", "trajectory__trainee__user")
    for plan in advised:
        due_day = plan.advice_on + datetime.timedelta(days=plan.trajectory.community.decision_days)
        if today <= due_day:
            continue
        with transaction.atomic():
            _, created = ReminderSent.objects.get_or_create(
                trajectory=plan.trajectory, key=f"decision-{plan.pk}"
            )
            if not created:
                continue
            for officer in AuthorityOfficer.objects.filter(
                community_id=plan.trajectory.community_id
            ).select_related("user"):
                notify(
                    user=officer.user,
                    subject_template="trajectory/email/decision_overdue_subject.txt",
                    body_template="trajectory/email/decision_overdue_body.txt",
                    context={
                        "trainee_name": str(plan.trajectory.trainee),
                        "version": plan.number,
                        "day": due_day.isoformat(),
                        "path": reverse("trajectory:plan_detail", args=[plan.pk]),
                    },
                )
            sent += 1
    return sent
