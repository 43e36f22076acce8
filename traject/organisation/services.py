"""Writes for the organisation: every view, endpoint and command goes through these."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from traject.accounts.roles import forget_roles
from traject.audit.models import AuditEvent
from traject.audit.services import audit_record
from traject.core.concurrency import ConflictError, save_versioned

from . import permissions
from .capacity import CapacityWindow, Period, check_capacity
from .eligibility import ensure_eligible, mentored_by, staff_problems
from .models import (
    HospitalCoordinator,
    ProgrammeAdministrator,
    ServiceRecognition,
    Stage,
    TrainerRecognition,
)
from .signals import trainee_changed


def _fmt_period(period: Period) -> str:
    if period.start == period.end:
        return date_format(period.start, "DATE_FORMAT")
    return f"{date_format(period.start, 'DATE_FORMAT')} – {date_format(period.end, 'DATE_FORMAT')}"


def reference_save(*, instance, actor, expected_version=None, permission=None):
    """Create or change a piece of organisation reference data (university, hospital, ...)."""
    allowed = permission(actor) if permission else permissions.can_manage_organisation(actor)
    if not allowed:
        raise PermissionDenied
    created = instance.pk is None
    if isinstance(instance, HospitalCoordinator | ProgrammeAdministrator):
        # A role given to a person: staff only, never to oneself.
        ensure_eligible(staff_problems(instance.user, actor=actor), "user")
    with transaction.atomic():
        save_versioned(instance, expected_version=expected_version)
        audit_record(
            actor=actor,
            action=AuditEvent.Action.CREATE if created else AuditEvent.Action.UPDATE,
            target=instance,
        )
    if hasattr(instance, "trainer"):
        forget_roles(instance.trainer)
    return instance


def reference_delete(*, instance, actor, permission=None):
    """Delete a piece of reference data that nothing depends on."""
    allowed = permission(actor) if permission else permissions.can_manage_organisation(actor)
    if not allowed:
        raise PermissionDenied
    from django.db.models import ProtectedError

    with transaction.atomic():
        audit_record(actor=actor, action=AuditEvent.Action.DELETE, target=instance)
        try:
            instance.delete()
        except ProtectedError:
            raise ValidationError(
                _("This cannot be deleted: other records still refer to it."), code="protected"
            )


def stage_capacity_problems(stage: Stage) -> list[str]:
    """Explain, in the user's language, why the stage breaks the recognition or capacity rule."""
    problems: list[str] = []
    trainer_windows = TrainerRecognition.objects.filter(
        trainer_id=stage.stagemeester_id,
        service_id=stage.service_id,
        start__lte=stage.end,
        end__gte=stage.start,
    ).values_list("start", "end", "capacity")
    service_windows = ServiceRecognition.objects.filter(
        service_id=stage.service_id, start__lte=stage.end, end__gte=stage.start
    ).values_list("start", "end")
    others = (
        Stage.objects.filter(
            stagemeester_id=stage.stagemeester_id, start__lte=stage.end, end__gte=stage.start
        )
        .exclude(pk=stage.pk)
        .values_list("start", "end")
    )
    period = Period(stage.start, stage.end)
    no_service, _over = check_capacity(
        period, [], [CapacityWindow(s, e, 10**6) for s, e in service_windows]
    )
    if no_service:
        problems.append(
            _("The stagedienst has no valid recognition on: %(days)s.")
            % {"days": ", ".join(_fmt_period(p) for p in no_service)}
        )
    uncovered, over = check_capacity(
        period,
        [Period(s, e) for s, e in others],
        [CapacityWindow(s, e, c) for s, e, c in trainer_windows],
    )
    if uncovered:
        problems.append(
            _("The stagemeester has no valid recognition for this stagedienst on: %(days)s.")
            % {"days": ", ".join(_fmt_period(p) for p in uncovered)}
        )
    for run in over:
        problems.append(
            ngettext(
                "On %(days)s the stagemeester would train %(count)d ASO at the same time; the recognised limit is %(limit)d.",
                "On %(days)s the stagemeester would train %(count)d ASO at the same time; the recognised limit is %(limit)d.",
                run.count,
            )
            % {"days": _fmt_period(run.period), "count": run.count, "limit": run.limit}
        )
    return problems


def stage_save(*, stage: Stage, actor, expected_version=None, exception_reason: str = "") -> Stage:
    """Assign or change a stage; refuse it beyond recognition or capacity unless an exception is recorded."""
    if not permissions.can_manage_stage(actor, stage):
        raise PermissionDenied
    created = stage.pk is None
    with transaction.atomic():
        stage.full_clean()
        # Lock the stagemeester's stages so two assignments cannot both take the last place.
        list(
            Stage.objects.select_for_update()
            .filter(stagemeester_id=stage.stagemeester_id)
            .values_list("pk")
        )
        if stage.stagemeester_id and mentored_by(stage.stagemeester, stage.trainee):
            raise ValidationError(
                {
                    "stagemeester": _(
                        "%(person)s is the mentor of this ASO; a mentor does not assess their mentee."
                    )
                    % {"person": stage.stagemeester}
                },
                code="ineligible",
            )
        problems = stage_capacity_problems(stage)
        reason = exception_reason.strip()
        if problems and not reason:
            raise ValidationError(problems, code="capacity")
        if problems:
            stage.exception_reason = reason
            stage.exception_recorded_by = actor
        else:
            stage.exception_reason = ""
            stage.exception_recorded_by = None
        save_versioned(stage, expected_version=expected_version)
        audit_record(
            actor=actor,
            action=AuditEvent.Action.CREATE if created else AuditEvent.Action.UPDATE,
            target=stage,
            subject=stage.trainee.user,
        )
        if problems:
            audit_record(
                actor=actor,
                action=AuditEvent.Action.EXCEPTION,
                target=stage,
                subject=stage.trainee.user,
                summary=f"{reason} | " + " ".join(problems),
            )
    forget_roles(actor)
    return stage


def stage_delete(*, stage: Stage, actor, expected_version: int | None = None) -> None:
    """Remove a stage assignment (refused when ``expected_version`` is no longer current)."""
    if not permissions.can_manage_stage(actor, stage):
        raise PermissionDenied
    with transaction.atomic():
        current = Stage.objects.select_for_update().only("version").get(pk=stage.pk)
        if expected_version is not None and current.version != expected_version:
            raise ConflictError(
                _(
                    "Someone else changed this in the meantime. Reload the page to see their version, then apply your change again."
                ),
                code="conflict",
            )
        audit_record(
            actor=actor, action=AuditEvent.Action.DELETE, target=stage, subject=stage.trainee.user
        )
        stage.delete()


def trainee_register(*, user, trainee, actor):
    """Register a person (new or existing account) as ASO of a university in the administrator's scope."""
    from traject.accounts.models import User

    if not permissions.can_manage_trainees(actor):
        raise PermissionDenied
    if not permissions.administered_universities(actor).filter(pk=trainee.university_id).exists():
        raise ValidationError({"university": _("You do not administer this university.")})
    with transaction.atomic():
        existing = User.objects.filter(email__iexact=user.email).first()
        if existing is not None:
            if hasattr(existing, "trainee"):
                raise ValidationError({"email": _("This person is already registered as ASO.")})
            user = existing
        else:
            user.email = user.email.lower()
            user.set_unusable_password()
            user.full_clean(exclude=["password"])
            user.save()
            audit_record(actor=actor, action=AuditEvent.Action.CREATE, target=user, subject=user)
        trainee.user = user
        save_versioned(trainee, expected_version=None)
        audit_record(actor=actor, action=AuditEvent.Action.CREATE, target=trainee, subject=user)
        trainee_changed.send(sender=type(trainee), trainee=trainee)
    forget_roles(user)
    return trainee


def trainee_update(*, trainee, actor, expected_version=None):
    """Change an ASO's registration (specialty, university, start of training, RIZIV number)."""
    if not permissions.can_manage_trainee(actor, trainee):
        raise PermissionDenied
    with transaction.atomic():
        save_versioned(trainee, expected_version=expected_version)
        audit_record(
            actor=actor, action=AuditEvent.Action.UPDATE, target=trainee, subject=trainee.user
        )
        trainee_changed.send(sender=type(trainee), trainee=trainee)
    return trainee
