"""The yearly stageboekje: generated from what Traject holds for one training year."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from traject.audit.models import AuditEvent
from traject.audit.services import audit_record
from traject.core.concurrency import save_versioned
from traject.core.dates import add_years
from traject.organisation.models import Stage

from . import permissions
from .models import Stageboekje, Trajectory

ONE_DAY = datetime.timedelta(days=1)
State = Stageboekje.State


def year_period(trajectory: Trajectory, year: int) -> tuple[datetime.date, datetime.date]:
    """The training year's first and last day."""
    start = add_years(trajectory.trainee.training_start, year - 1)
    return start, add_years(trajectory.trainee.training_start, year) - ONE_DAY


def max_year(trajectory: Trajectory) -> int:
    return max(1, (trajectory.nominal_months + 11) // 12)


def year_stages(trajectory: Trajectory, year: int):
    start, end = year_period(trajectory, year)
    return Stage.objects.filter(trainee_id=trajectory.trainee_id, start__lte=end, end__gte=start)


def generate_content(trajectory: Trajectory, year: int, *, worktime: bool) -> dict:
    """Collect the year's stages, portfolio, feedback, EPA levels, MSG to-dos (and working time)."""
    from traject.portfolio.models import EntrustmentDecision, Feedback, TodoList

    start, end = year_period(trajectory, year)
    trainee_id = trajectory.trainee_id
    stages = year_stages(trajectory, year).select_related("service__hospital", "stagemeester")
    feedback = Feedback.objects.filter(
        trainee_id=trainee_id, moment_date__range=(start, end)
    ).select_related("epa", "author")
    decisions = EntrustmentDecision.objects.filter(
        trainee_id=trainee_id, decided_on__range=(start, end)
    ).select_related("epa")
    todos = (
        TodoList.objects.filter(
            trainee_id=trainee_id,
            status=TodoList.Status.ACCEPTED,
            submissions__decided_at__date__range=(start, end),
        )
        .select_related("course")
        .distinct()
    )
    content = {
        "year": year,
        "from": start.isoformat(),
        "until": end.isoformat(),
        "stages": [
            {
                "service": str(s.service),
                "stagemeester": str(s.stagemeester),
                "start": s.start.isoformat(),
                "end": s.end.isoformat(),
            }
            for s in stages
        ],
        "feedback": [
            {
                "date": f.moment_date.isoformat(),
                "what": f.what,
                "epa": str(f.epa) if f.epa_id else "",
                "level": f.entrustment_level,
                "by": str(f.author),
            }
            for f in feedback
        ],
        "entrustment": [
            {"epa": str(d.epa), "level": d.level, "date": d.decided_on.isoformat()}
            for d in decisions
        ],
        "todos_done": [str(t.course.name) for t in todos],
        "worktime": None,
    }
    if worktime:
        content["worktime"] = _worktime_summary(trainee_id, start, end)
    return content


def _worktime_summary(trainee_id, start, end) -> dict:
    from traject.worktime.models import TimeEntry

    hours: dict[str, float] = {}
    begin = datetime.datetime.combine(start, datetime.time.min, tzinfo=datetime.UTC)
    finish = datetime.datetime.combine(end + ONE_DAY, datetime.time.min, tzinfo=datetime.UTC)
    for kind, entry_start, entry_end in TimeEntry.objects.filter(
        trainee_id=trainee_id, start__gte=begin, start__lt=finish
    ).values_list("kind", "start", "end"):
        hours[kind] = hours.get(kind, 0.0) + (entry_end - entry_start).total_seconds() / 3600
    weeks = max(1, ((end - start).days + 1) / 7)
    total = sum(hours.values())
    return {
        "hours_by_kind": {k: round(v, 1) for k, v in sorted(hours.items())},
        "total_hours": round(total, 1),
        "average_per_week": round(total / weeks, 1),
    }


def can_view(user, boekje: Stageboekje) -> bool:
    trajectory = boekje.trajectory
    if permissions.is_owner(user, trajectory) or permissions.is_administrator_of(user, trajectory):
        return True
    if is_evaluator(user, boekje):
        return True
    return boekje.state in (State.SUBMITTED, State.MORE_ASKED, State.APPROVED) and (
        permissions.is_commission_member_of(user, trajectory)
        or permissions.is_officer_of(user, trajectory)
    )


def is_evaluator(user, boekje: Stageboekje) -> bool:
    return (
        getattr(user, "is_authenticated", False)
        and year_stages(boekje.trajectory, boekje.year).filter(stagemeester=user).exists()
    )


def visible_to(user):
    """Stageboekjes of the paths the user may see (then checked one by one)."""
    if not getattr(user, "is_authenticated", False):
        return Stageboekje.objects.none()
    trajectories = permissions.trajectories_visible_to(user).values("pk")
    evaluated = Stageboekje.objects.filter(trajectory__trainee__stages__stagemeester=user)
    return Stageboekje.objects.filter(
        Q(trajectory__in=trajectories) | Q(pk__in=evaluated.values("pk"))
    )


def stageboekje_generate(*, trajectory: Trajectory, year: int, actor, worktime_consent: bool):
    """Generate (or regenerate) a year's stageboekje; a regenerated one must be signed again."""
    if not permissions.is_owner(actor, trajectory):
        raise PermissionDenied
    if not 1 <= year <= max_year(trajectory):
        raise ValidationError({"year": _("This training year does not exist.")})
    with transaction.atomic():
        boekje = (
            Stageboekje.objects.select_for_update().filter(trajectory=trajectory, year=year).first()
        ) or Stageboekje(trajectory=trajectory, year=year)
        if boekje.pk and boekje.state not in (State.DRAFT, State.MORE_ASKED, State.SIGNED):
            raise ValidationError(_("A submitted or approved stageboekje cannot be regenerated."))
        boekje.worktime_consent = worktime_consent
        boekje.content = generate_content(trajectory, year, worktime=worktime_consent)
        boekje.generated_at = timezone.now()
        boekje.state = State.DRAFT
        boekje.signed_by = None
        boekje.signed_at = None
        save_versioned(boekje, expected_version=None)
        audit_record(
            actor=actor,
            action=AuditEvent.Action.UPDATE,
            target=boekje,
            subject=trajectory.trainee.user,
            summary=f"stageboekje year {year} generated"
            + (" with working time (consent)" if worktime_consent else ""),
        )
    return boekje


def stageboekje_evaluate(*, boekje: Stageboekje, actor, evaluation: str) -> Stageboekje:
    """The stagemeester of the year writes the yearly evaluation and signs."""
    from .services import _clean_text

    if not is_evaluator(actor, boekje) or boekje.state != State.DRAFT:
        raise PermissionDenied
    evaluation = _clean_text(evaluation, "evaluation")
    if not evaluation:
        raise ValidationError({"evaluation": _("Write the yearly evaluation.")})
    with transaction.atomic():
        boekje.evaluation = evaluation
        boekje.signed_by = actor
        boekje.signed_at = timezone.now()
        boekje.state = State.SIGNED
        save_versioned(boekje, expected_version=None)
        audit_record(
            actor=actor,
            action=AuditEvent.Action.UPDATE,
            target=boekje,
            subject=boekje.trajectory.trainee.user,
            summary=f"stageboekje year {boekje.year} evaluated and signed",
        )
    return boekje


def stageboekje_submit(*, boekje: Stageboekje, actor) -> Stageboekje:
    if not permissions.is_owner(actor, boekje.trajectory):
        raise PermissionDenied
    if boekje.state != State.SIGNED:
        raise ValidationError(_("The stagemeester must evaluate and sign the stageboekje first."))
    with transaction.atomic():
        boekje.state = State.SUBMITTED
        boekje.submitted_on = timezone.localdate()
        save_versioned(boekje, expected_version=None)
        audit_record(
            actor=actor,
            action=AuditEvent.Action.UPDATE,
            target=boekje,
            subject=boekje.trajectory.trainee.user,
            summary=f"stageboekje year {boekje.year} submitted",
        )
    return boekje


def stageboekje_decide(*, boekje: Stageboekje, actor, approved: bool, note: str = ""):
    """The erkenningscommissie approves the stageboekje or asks for more."""
    from .services import _clean_text

    if (
        not permissions.is_commission_member_of(actor, boekje.trajectory)
        or boekje.state != State.SUBMITTED
    ):
        raise PermissionDenied
    note = _clean_text(note, "note")
    if not approved and not note:
        raise ValidationError({"note": _("Say what more is needed.")})
    with transaction.atomic():
        boekje.state = State.APPROVED if approved else State.MORE_ASKED
        boekje.decided_on = timezone.localdate()
        boekje.decision_note = note
        save_versioned(boekje, expected_version=None)
        audit_record(
            actor=actor,
            action=AuditEvent.Action.UPDATE,
            target=boekje,
            subject=boekje.trajectory.trainee.user,
            summary=f"stageboekje year {boekje.year} {'approved' if approved else 'more asked'}",
        )
    return boekje


# The final recognition dossier --------------------------------------------------------------


def final_checklist(trajectory: Trajectory, today=None) -> list[tuple[str, bool, str]]:
    """What the recognition dossier needs, filled by Traject itself: (label, done, detail)."""
    from .models import Evidence
    from .selectors import approved_plan

    today = today or timezone.localdate()
    plan = approved_plan(trajectory)
    items = list(plan.items.all()) if plan else []
    open_items = [i for i in items if i.end >= today]
    boekjes = {b.year: b.state for b in trajectory.stageboekjes.all()}
    missing_years = [
        y for y in range(1, max_year(trajectory) + 1) if boekjes.get(y) != State.APPROVED
    ]
    diploma = trajectory.evidence.filter(kind=Evidence.Kind.DIPLOMA).exists()
    open_interruptions = trajectory.interruptions.filter(end__gte=today).count()
    return [
        (
            _("Every stage of the approved plan is done"),
            bool(plan) and not open_items,
            _("no approved plan")
            if not plan
            else _("%(done)s of %(total)s periods done")
            % {"done": len(items) - len(open_items), "total": len(items)},
        ),
        (
            _("Every yearly stageboekje is approved"),
            not missing_years,
            _("missing: year %(years)s") % {"years": ", ".join(map(str, missing_years))}
            if missing_years
            else "",
        ),
        (
            _("MSG diploma recorded"),
            diploma,
            "" if diploma else _("upload the diploma as evidence"),
        ),
        (
            _("No open interruption"),
            open_interruptions == 0,
            "" if not open_interruptions else str(open_interruptions),
        ),
    ]


def as_json(boekje: Stageboekje) -> dict:
    """The stageboekje as data (the JSON export and the API)."""
    return {
        "id": boekje.pk,
        "trajectory_id": boekje.trajectory_id,
        "year": boekje.year,
        "state": boekje.state,
        "version": boekje.version,
        "worktime_consent": boekje.worktime_consent,
        "content": boekje.content,
        "evaluation": boekje.evaluation,
        "signed_by": str(boekje.signed_by) if boekje.signed_by_id else None,
        "signed_at": boekje.signed_at.isoformat() if boekje.signed_at else None,
        "submitted_on": boekje.submitted_on.isoformat() if boekje.submitted_on else None,
        "decided_on": boekje.decided_on.isoformat() if boekje.decided_on else None,
        "decision_note": boekje.decision_note,
    }
