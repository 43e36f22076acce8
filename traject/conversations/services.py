"""Writes of the conversation cycle: talks, reports, reactions, tracks, transfers, duration.

Every function takes the acting user, checks the named rule, validates, runs in a
transaction and writes the audit log. Pages, the API and the daily job call these only.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from traject.audit.models import AuditEvent
from traject.audit.services import audit_record
from traject.core.concurrency import ConflictError, delete_versioned, save_versioned
from traject.core.notifications import notify
from traject.organisation.models import Stage, TeamMember, Trainee
from traject.portfolio.models import EntrustmentDecision, LearningGoal
from traject.portfolio.services import learning_goal_revise

from . import cycle, duration, permissions, selectors
from .models import (
    ChecklistItem,
    CycleRules,
    DurationDecision,
    IntensifiedTrack,
    Kind,
    Outcome,
    ReminderSent,
    Talk,
    TalkAction,
    TransferDocument,
)

CREATE, UPDATE = AuditEvent.Action.CREATE, AuditEvent.Action.UPDATE
MAX_ACTIONS = 20
REMINDER_DAYS = (14, 3)


def _require_trainer(actor, trainee: Trainee) -> Stage:
    if permissions.relation(actor, trainee) != permissions.TRAINER:
        raise PermissionDenied
    stage = permissions.current_stage(trainee)
    if stage is None:  # pragma: no cover - TRAINER implies a current stage
        raise PermissionDenied
    return stage


def trainers_of_stage(stage: Stage) -> list:
    """The trainer and the deputies of a stage: who may hold its talks."""
    deputies = [
        m.user
        for m in TeamMember.objects.filter(
            service_id=stage.service_id, role=TeamMember.Role.DEPUTY
        ).select_related("user")
    ]
    return [stage.stagemeester, *[d for d in deputies if d.pk != stage.stagemeester_id]]


def _check_version(instance, expected_version):
    if expected_version is not None and instance.version != expected_version:
        raise ConflictError(
            _("Someone else changed this in the meantime. Reload the page and try again."),
            code="conflict",
        )


# Talks ---------------------------------------------------------------------------------------


def talk_plan(
    *,
    trainee: Trainee,
    actor,
    kind: str,
    planned_on: datetime.date,
    held_by,
    place: str = "",
    talk: Talk | None = None,
    expected_version: int | None = None,
) -> Talk:
    """Plan a talk (or move a planned one): a date and the trainer or deputy who holds it."""
    stage = _require_trainer(actor, trainee)
    if kind not in Kind.values:
        raise ValidationError({"kind": _("Choose a kind of talk.")})
    if held_by is None or held_by.pk not in {u.pk for u in trainers_of_stage(stage)}:
        raise ValidationError(
            {"held_by": _("A talk is held by the trainer or a deputy trainer of the stage.")}
        )
    creating = talk is None
    if creating:
        talk = Talk(trainee=trainee, created_by=actor)
    elif talk.is_held:
        raise ValidationError(_("This talk was held already; it cannot be planned again."))
    talk.kind = kind
    talk.planned_on = planned_on
    talk.held_by = held_by
    talk.place = place
    talk.stage = stage
    talk.training_year = cycle.training_year_of(trainee.training_start, planned_on)
    with transaction.atomic():
        save_versioned(talk, expected_version=expected_version)
        audit_record(
            actor=actor, action=CREATE if creating else UPDATE, target=talk, subject=trainee.user
        )
        for person in {trainee.user, held_by} - {actor}:
            notify(
                user=person,
                subject_template="conversations/email/talk_planned_subject.txt",
                body_template="conversations/email/talk_planned_body.txt",
                context={
                    "kind": talk.kind,
                    "day": planned_on.isoformat(),
                    "place": place,
                    "trainee": str(trainee),
                    "path": f"/conversations/talks/{talk.pk}/",
                },
            )
    return talk


def talk_report(
    *,
    talk: Talk,
    actor,
    held_on: datetime.date,
    report: str,
    checklist: list[int],
    outcome: str = "",
    report_shared: bool = False,
    actions: list[str] | None = None,
    track_goals: str = "",
    track_deadline: datetime.date | None = None,
    expected_version: int | None = None,
) -> Talk:
    """Write the report of a held talk; actions become IOP goals; *twijfel* opens a track."""
    _require_trainer(actor, talk.trainee)
    _check_version(talk, expected_version)
    today = timezone.localdate()
    errors = {}
    if held_on > today:
        errors["held_on"] = _("A talk cannot be reported before it was held.")
    if not report.strip():
        errors["report"] = _("Write the report of the talk.")
    if talk.kind == Kind.SUITABILITY and outcome not in Outcome.values:
        errors["outcome"] = _("A suitability assessment needs an outcome.")
    if talk.kind != Kind.SUITABILITY and outcome:
        errors["outcome"] = _("Only a suitability assessment has an outcome.")
    opens_track = outcome == Outcome.DOUBT and not hasattr(talk, "intensified_track")
    if opens_track:
        if not track_goals.strip():
            errors["track_goals"] = _(
                "An outcome of twijfel opens an intensified track: give its concrete goals."
            )
        if track_deadline is None or track_deadline <= held_on:
            errors["track_deadline"] = _(
                "Give the deadline of the intensified track, after the date of the talk."
            )
    actions = [a.strip() for a in (actions or []) if a and a.strip()]
    if len(actions) > MAX_ACTIONS:
        errors["actions"] = _("At most %(max)d actions per talk.") % {"max": MAX_ACTIONS}
    if any(len(a) > 200 for a in actions):
        errors["actions"] = _("An action has at most 200 characters.")
    valid_items = set(
        ChecklistItem.objects.filter(kind=talk.kind, pk__in=checklist or []).values_list(
            "pk", flat=True
        )
    )
    if errors:
        raise ValidationError(errors)
    was_acknowledged = talk.acknowledged_at is not None
    talk.held_on = held_on
    talk.planned_on = talk.planned_on or held_on
    talk.training_year = cycle.training_year_of(talk.trainee.training_start, talk.planned_on)
    talk.report = report.strip()
    talk.checklist = sorted(valid_items)
    talk.outcome = outcome
    talk.report_shared = report_shared
    talk.reported_by = actor
    talk.acknowledged_at = None  # a changed report is acknowledged again
    with transaction.atomic():
        save_versioned(talk, expected_version=None)
        for text in actions:
            goal = LearningGoal.objects.create(
                trainee=talk.trainee,
                title=text,
                planning=_("Agreed in the %(kind)s of %(day)s.")
                % {"kind": talk.get_kind_display(), "day": held_on.isoformat()},
            )
            learning_goal_revise(goal, actor)
            TalkAction.objects.create(talk=talk, text=text, goal=goal)
        if opens_track:
            track = IntensifiedTrack(
                trainee=talk.trainee,
                talk=talk,
                goals=track_goals.strip(),
                deadline=track_deadline,
            )
            track.full_clean()
            track.save()
            audit_record(actor=actor, action=CREATE, target=track, subject=talk.trainee.user)
        audit_record(
            actor=actor,
            action=UPDATE,
            target=talk,
            subject=talk.trainee.user,
            summary="report" + (" (acknowledgement reset)" if was_acknowledged else ""),
        )
        notify(
            user=talk.trainee.user,
            subject_template="conversations/email/talk_reported_subject.txt",
            body_template="conversations/email/talk_reported_body.txt",
            context={"kind": talk.kind, "path": f"/conversations/talks/{talk.pk}/"},
        )
    return talk


def talk_acknowledge(*, talk: Talk, actor, reaction: str = "") -> Talk:
    """The trainee acknowledges the report and may add a reaction."""
    if talk.trainee.user_id != actor.pk:
        raise PermissionDenied
    if not talk.is_held or not talk.report:
        raise ValidationError(_("The report of this talk is not written yet."))
    talk.reaction = reaction.strip()
    talk.acknowledged_at = timezone.now()
    with transaction.atomic():
        save_versioned(talk, expected_version=None)
        audit_record(actor=actor, action=UPDATE, target=talk, summary="acknowledged")
        notify(
            user=talk.held_by,
            subject_template="conversations/email/talk_acknowledged_subject.txt",
            body_template="conversations/email/talk_acknowledged_body.txt",
            context={
                "trainee": str(talk.trainee),
                "has_reaction": bool(talk.reaction),
                "path": f"/conversations/talks/{talk.pk}/",
            },
        )
    return talk


def talk_cancel(*, talk: Talk, actor, expected_version=None) -> None:
    """Remove a planned talk that was not held (not one changed since the editor read it)."""
    _require_trainer(actor, talk.trainee)
    if talk.is_held:
        raise ValidationError(_("A held talk stays in the portfolio."))
    with transaction.atomic():
        if expected_version is not None:
            current = Talk.objects.select_for_update().filter(pk=talk.pk).first()
            _check_version(current or talk, expected_version)
        audit_record(
            actor=actor, action=AuditEvent.Action.DELETE, target=talk, subject=talk.trainee.user
        )
        talk.delete()


def track_close(
    *, track: IntensifiedTrack, actor, status: str, conclusion: str, expected_version=None
) -> IntensifiedTrack:
    """Conclude an intensified track: completed or ended without success."""
    _require_trainer(actor, track.trainee)
    if status not in (IntensifiedTrack.Status.COMPLETED, IntensifiedTrack.Status.ENDED):
        raise ValidationError({"status": _("Choose how the track ended.")})
    if not conclusion.strip():
        raise ValidationError({"conclusion": _("Write the conclusion of the track.")})
    track.status = status
    track.conclusion = conclusion.strip()
    track.closed_on = timezone.localdate()
    with transaction.atomic():
        save_versioned(track, expected_version=expected_version)
        audit_record(actor=actor, action=UPDATE, target=track, subject=track.trainee.user)
    return track


# Transfer documents --------------------------------------------------------------------------


def transfer_facts(trainee: Trainee, stage: Stage) -> dict:
    """What the portfolio says at the handover, frozen into the document."""
    decisions = list(
        EntrustmentDecision.objects.filter(trainee=trainee, superseded_by__isnull=True)
        .select_related("epa")
        .order_by("epa__code")
    )
    from traject.portfolio.models import Epa

    decided = {d.epa_id for d in decisions}
    open_epas = Epa.objects.filter(specialty_id=trainee.specialty_id, is_active=True).exclude(
        pk__in=decided
    )
    goals = LearningGoal.objects.filter(trainee=trainee).order_by("status", "pk")
    talks = Talk.objects.filter(trainee=trainee, held_on__isnull=False).order_by("-held_on")
    progress = talks.filter(kind=Kind.PROGRESS).first()
    suitability = talks.filter(kind=Kind.SUITABILITY).first()
    track = IntensifiedTrack.objects.filter(trainee=trainee).order_by("-deadline").first()
    return {
        "period": {
            "start": stage.start.isoformat(),
            "end": stage.end.isoformat(),
            "place": str(stage.service),
        },
        "epas_reached": [
            {"code": d.epa.code, "title": d.epa.title, "level": d.level} for d in decisions
        ],
        "epas_open": [{"code": e.code, "title": e.title} for e in open_epas],
        "goals": [{"title": g.title, "status": g.status} for g in goals],
        "last_progress": (
            {"held_on": progress.held_on.isoformat(), "report": progress.report[:2000]}
            if progress
            else None
        ),
        "last_suitability": (
            {"held_on": suitability.held_on.isoformat(), "outcome": suitability.outcome}
            if suitability
            else None
        ),
        "track": (
            {
                "goals": track.goals[:2000],
                "deadline": track.deadline.isoformat(),
                "status": track.status,
            }
            if track
            else None
        ),
    }


def transfer_start(*, from_stage: Stage, actor) -> TransferDocument:
    """The leaving trainer starts the transfer document, prefilled from the portfolio."""
    if from_stage.stagemeester_id != actor.pk:
        raise PermissionDenied
    to_stage = selectors.next_stage_after(from_stage)
    if to_stage is None:
        raise ValidationError(
            _("This trainee has no next stage with another trainer; no transfer is needed.")
        )
    existing = TransferDocument.objects.filter(from_stage=from_stage, to_stage=to_stage).first()
    if existing is not None:
        return existing
    document = TransferDocument(
        trainee=from_stage.trainee,
        from_stage=from_stage,
        to_stage=to_stage,
        author=actor,
        facts=transfer_facts(from_stage.trainee, from_stage),
    )
    with transaction.atomic():
        save_versioned(document, expected_version=None)
        audit_record(actor=actor, action=CREATE, target=document, subject=from_stage.trainee.user)
    return document


def transfer_save(
    *,
    document: TransferDocument,
    actor,
    summary: str,
    attention_points: str,
    agreed_support: str,
    expected_version: int | None = None,
) -> TransferDocument:
    """The leaving trainer edits the document until it is handed over."""
    if not permissions.can_edit_transfer(actor, document):
        raise PermissionDenied
    document.summary = summary.strip()
    document.attention_points = attention_points.strip()
    document.agreed_support = agreed_support.strip()
    with transaction.atomic():
        save_versioned(document, expected_version=expected_version)
        audit_record(actor=actor, action=UPDATE, target=document, subject=document.trainee.user)
    return document


def transfer_share(*, document: TransferDocument, actor) -> TransferDocument:
    """Give the document to the trainee to read (and react) before it is handed over."""
    if not permissions.can_edit_transfer(actor, document):
        raise PermissionDenied
    if document.status != TransferDocument.Status.DRAFT:
        raise ValidationError(_("The trainee has this document already."))
    if not document.summary:
        raise ValidationError({"summary": _("Write the summary before you share the document.")})
    document.status = TransferDocument.Status.WITH_TRAINEE
    with transaction.atomic():
        save_versioned(document, expected_version=None)
        audit_record(actor=actor, action=UPDATE, target=document, summary="shared with trainee")
        notify(
            user=document.trainee.user,
            subject_template="conversations/email/transfer_shared_subject.txt",
            body_template="conversations/email/transfer_shared_body.txt",
            context={"author": str(actor), "path": f"/conversations/transfers/{document.pk}/"},
        )
    return document


def transfer_react(*, document: TransferDocument, actor, reaction: str) -> TransferDocument:
    """The trainee confirms having read the document and may add a reaction."""
    if not permissions.can_react_transfer(actor, document):
        raise PermissionDenied
    document.trainee_reaction = reaction.strip()
    document.read_by_trainee_at = timezone.now()
    with transaction.atomic():
        save_versioned(document, expected_version=None)
        audit_record(actor=actor, action=UPDATE, target=document, summary="read by trainee")
        notify(
            user=document.author,
            subject_template="conversations/email/transfer_read_subject.txt",
            body_template="conversations/email/transfer_read_body.txt",
            context={
                "trainee": str(document.trainee),
                "path": f"/conversations/transfers/{document.pk}/",
            },
        )
    return document


def transfer_hand_over(*, document: TransferDocument, actor) -> TransferDocument:
    """Hand the document over: the receiving trainer reads it from the start of the new stage."""
    if not permissions.can_edit_transfer(actor, document):
        raise PermissionDenied
    if document.status != TransferDocument.Status.WITH_TRAINEE:
        raise ValidationError(_("Let the trainee read the document before you hand it over."))
    if document.read_by_trainee_at is None:
        raise ValidationError(_("The trainee has not read the document yet."))
    document.status = TransferDocument.Status.HANDED_OVER
    document.handed_over_at = timezone.now()
    with transaction.atomic():
        save_versioned(document, expected_version=None)
        audit_record(actor=actor, action=UPDATE, target=document, summary="handed over")
        notify(
            user=document.to_stage.stagemeester,
            subject_template="conversations/email/transfer_handed_over_subject.txt",
            body_template="conversations/email/transfer_handed_over_body.txt",
            context={
                "trainee": str(document.trainee),
                "from_day": document.to_stage.start.isoformat(),
                "path": f"/conversations/transfers/{document.pk}/",
            },
        )
    return document


# Individual duration -------------------------------------------------------------------------


def _duration_message(error: duration.DurationError) -> str:
    if error.code == "extension":
        return (
            _(
                "The training can be extended by at most %(max)d months in total; this decision "
                "would make it %(months)d months."
            )
            % error.params
        )
    if error.code == "shortening":
        return _("The shortening cannot take the whole nominal duration.")
    if error.code == "percentage":
        return _("A part-time percentage lies between 1 and 100.")
    if error.code == "period":
        return _("The period ends before it starts.")
    return _("This decision is not possible.")


def duration_decide(
    *,
    trainee: Trainee,
    actor,
    kind: str,
    reason: str,
    months: int = 0,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    percentage: int = 100,
) -> DurationDecision:
    """Record a decision on the individual duration; the rules refuse a 13th month of extension."""
    _require_trainer(actor, trainee)
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason of the decision.")})
    if kind in (DurationDecision.Kind.EVC, DurationDecision.Kind.EXTENSION) and months < 1:
        raise ValidationError({"months": _("Give the number of months.")})
    if kind == DurationDecision.Kind.PART_TIME and (start is None or end is None):
        raise ValidationError({"start": _("Give the part-time period.")})
    decision = DurationDecision(
        trainee=trainee,
        kind=kind,
        months=months if kind != DurationDecision.Kind.PART_TIME else 0,
        start=start if kind == DurationDecision.Kind.PART_TIME else None,
        end=end if kind == DurationDecision.Kind.PART_TIME else None,
        percentage=percentage if kind == DurationDecision.Kind.PART_TIME else 100,
        reason=reason.strip(),
        decided_by=actor,
    )
    decision.full_clean()
    with transaction.atomic():
        Trainee.objects.select_for_update().filter(pk=trainee.pk).first()
        existing = [d.as_decision() for d in trainee.duration_decisions.all()]
        rules = CycleRules.objects.filter(specialty_id=trainee.specialty_id).first()
        nominal = rules.nominal_months if rules else trainee.specialty.duration_years * 12
        try:
            duration.expected_end(
                training_start=trainee.training_start,
                nominal_months=nominal,
                decisions=[*existing, decision.as_decision()],
            )
        except duration.DurationError as error:
            field = {"extension": "months", "shortening": "months", "percentage": "percentage"}
            raise ValidationError({field.get(error.code, "end"): _duration_message(error)})
        decision.save()
        audit_record(actor=actor, action=CREATE, target=decision, subject=trainee.user)
    return decision


# Reminders ----------------------------------------------------------------------------------


def _once(key: str) -> bool:
    _obj, created = ReminderSent.objects.get_or_create(key=key[:100])
    return created


def reminders_send(*, today: datetime.date | None = None) -> int:
    """Remind the trainee and the trainer of a talk due in 14 and in 3 days; run daily."""
    today = today or timezone.localdate()
    trainees = Trainee.objects.filter(
        specialty__cycle_rules__isnull=False, stages__start__lte=today, stages__end__gte=today
    ).distinct()
    sent = 0
    stages_now = {
        s.trainee_id: s
        for s in Stage.objects.filter(start__lte=today, end__gte=today).select_related(
            "stagemeester"
        )
    }
    for row in selectors.group_overview(trainees, today=today):
        obligation = row.next_due
        if obligation is None or obligation.status in (cycle.HELD, cycle.OVERDUE):
            continue
        days = (obligation.due_by - today).days
        if days not in REMINDER_DAYS:
            continue
        stage = stages_now.get(row.trainee.pk)
        recipients = [row.trainee.user] + ([stage.stagemeester] if stage else [])
        key = (
            f"talk:{row.trainee.pk}:{obligation.kind}:{obligation.training_year}:"
            f"{obligation.number}:{obligation.stage_id}:{days}"
        )
        with transaction.atomic():
            if not _once(key):
                continue
            for person in recipients:
                notify(
                    user=person,
                    subject_template="conversations/email/talk_due_subject.txt",
                    body_template="conversations/email/talk_due_body.txt",
                    context={
                        "kind": obligation.kind,
                        "trainee": str(row.trainee),
                        "due_by": obligation.due_by.isoformat(),
                        "planned": obligation.planned_on is not None,
                        "path": f"/conversations/aios/{row.trainee.pk}/",
                    },
                )
                sent += 1
    return sent


# Local training plans ------------------------------------------------------------------------


def local_plan_snapshot(plan) -> dict:
    return {
        "introduction": plan.introduction,
        "items": [
            {
                "epa": item.epa.code if item.epa else "",
                "theme": item.theme,
                "period": item.period,
                "assessment": item.assessment,
            }
            for item in plan.items.select_related("epa")
        ],
    }


def _plan_revise(plan, actor) -> None:
    from .models import LocalPlan, LocalPlanRevision

    LocalPlan.objects.filter(pk=plan.pk).update(updated_at=timezone.now())
    LocalPlanRevision.objects.create(
        plan=plan, version=plan.version, snapshot=local_plan_snapshot(plan), changed_by=actor
    )


def local_plan_create(*, service, actor, introduction: str = ""):
    """The opleider starts the local plan of their specialty at their institution."""
    from .models import LocalPlan

    if not permissions.services_led_by(actor).filter(pk=service.pk).exists():
        raise PermissionDenied
    if LocalPlan.objects.filter(specialty=service.specialty, hospital=service.hospital).exists():
        raise ValidationError(_("This institution has a local plan for this specialty already."))
    plan = LocalPlan(
        specialty=service.specialty, hospital=service.hospital, introduction=introduction
    )
    with transaction.atomic():
        save_versioned(plan, expected_version=None)
        _plan_revise(plan, actor)
        audit_record(actor=actor, action=CREATE, target=plan)
    return plan


def local_plan_add_item(
    *, plan, actor, epa=None, theme: str = "", period: str, assessment: str, expected_version=None
):
    """Add a part to the local plan: a new version of the plan."""
    from .models import LocalPlanItem

    if not permissions.can_maintain_local_plan(actor, plan):
        raise PermissionDenied
    if epa is not None and epa.specialty_id != plan.specialty_id:
        raise ValidationError({"epa": _("This EPA belongs to another specialty.")})
    item = LocalPlanItem(
        plan=plan,
        epa=epa,
        theme=theme.strip(),
        period=period.strip(),
        assessment=assessment.strip(),
    )
    item.full_clean()
    with transaction.atomic():
        save_versioned(plan, expected_version=expected_version)
        item.save()
        _plan_revise(plan, actor)
        audit_record(actor=actor, action=UPDATE, target=plan, summary=f"version {plan.version}")
    return item


def local_plan_remove_item(*, item, actor):
    """Remove a part of the local plan: a new version of the plan."""
    plan = item.plan
    if not permissions.can_maintain_local_plan(actor, plan):
        raise PermissionDenied
    with transaction.atomic():
        item.delete()
        save_versioned(plan, expected_version=None)
        _plan_revise(plan, actor)
        audit_record(actor=actor, action=UPDATE, target=plan, summary=f"version {plan.version}")


# The deputy opleider and the opleidingsgroep ------------------------------------------------


def team_member_add(*, actor, service, email: str, role: str) -> TeamMember:
    """Appoint a deputy opleider or add a member to the opleidingsgroep of a service (or change
    the role of someone already in it). The person needs an account in Traject."""
    from traject.accounts.models import User

    if not permissions.can_manage_team(actor, service):
        raise PermissionDenied
    if role not in TeamMember.Role.values:
        raise ValidationError({"role": _("Choose a deputy trainer or a member of the group.")})
    email = (email or "").strip()
    person = User.objects.filter(email__iexact=email, is_active=True).first() if email else None
    if person is None:
        raise ValidationError({"email": _("There is no active account with this e-mail address.")})
    if person.pk == actor.pk:
        raise ValidationError({"email": _("You lead this group already.")})
    with transaction.atomic():
        member = TeamMember.objects.select_for_update().filter(service=service, user=person).first()
        action = UPDATE if member else CREATE
        if member is None:
            member = TeamMember(service=service, user=person)
        member.role = role
        save_versioned(member, expected_version=None)
        audit_record(
            actor=actor,
            action=action,
            target=member,
            subject=person,
            summary=f"{service.name}: {member.get_role_display()}",
        )
    return member


def team_member_remove(*, actor, member: TeamMember, expected_version) -> None:
    """Take a deputy or member off the group: they lose access to the group's talks at once.

    Needs the version the editor saw (428 without it, 409 when their role changed meanwhile)."""
    if not permissions.can_manage_team(actor, member.service):
        raise PermissionDenied
    with transaction.atomic():
        if not delete_versioned(member, expected_version=expected_version):
            return
        audit_record(
            actor=actor,
            action=AuditEvent.Action.DELETE,
            target=member,
            subject=member.user,
            summary=member.service.name,
        )
