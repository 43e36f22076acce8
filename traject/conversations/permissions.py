"""Who may see or do what in the conversation cycle. Deny by default.

- The trainee (aios) reads their own talks and transfer documents, acknowledges and reacts.
- The trainer (opleider) and the deputy of the trainee's *current* stage read everything of
  the cycle, plan and report talks, decide the individual duration.
- The training group (opleidingsgroep: the team of the current stage's service) reads the
  outcomes of talks, and a report only when the trainer shared it.
- A transfer document is written by the trainer of the stage being left, read by the trainee
  once shared with them, and by the receiving trainer and deputy from the start of the new
  stage once handed over.
- Everyone else (mentors included) finds nothing: 404.

Access functions fetch, check and audit in one call; pages and the API both use them.
"""

import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from traject.accounts.roles import STAGEMEESTER, has_role
from traject.audit.services import audit_read
from traject.core.permissions import ensure, get_scoped_or_404
from traject.core.statements import user_statement
from traject.organisation.models import Stage, TeamMember, Trainee
from traject.organisation.permissions import in_a_team

from .models import IntensifiedTrack, Talk, TransferDocument

SELF = "self"
TRAINER = "trainer"
GROUP = "group"


def _authenticated(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.is_active


def _current(prefix: str, today: datetime.date) -> Q:
    return Q(**{f"{prefix}start__lte": today, f"{prefix}end__gte": today})


def _trainer_q(user, today, prefix="") -> Q:
    """Trainees whose current stage is under this user, as trainer or deputy."""
    current = _current(f"{prefix}stages__", today)
    as_trainer = Q(**{f"{prefix}stages__stagemeester": user}) & current
    as_deputy = (
        Q(
            **{
                f"{prefix}stages__service__team__user": user,
                f"{prefix}stages__service__team__role": TeamMember.Role.DEPUTY,
            }
        )
        & current
    )
    return as_trainer | as_deputy


def in_cycle(trainees: QuerySet[Trainee]) -> QuerySet[Trainee]:
    """Trainees whose specialty has a conversation cycle (rules as data; today the Dutch ones)."""
    return trainees.filter(specialty__cycle_rules__isnull=False)


def trainees_in_cycle_of(user, *, today: datetime.date | None = None) -> QuerySet[Trainee]:
    """Trainees whose conversation cycle the user may open at all (any access level)."""
    if not _authenticated(user):
        return Trainee.objects.none()
    today = today or timezone.localdate()
    group = Q(stages__service__team__user=user) & _current("stages__", today)
    return in_cycle(
        Trainee.objects.filter(Q(user=user) | _trainer_q(user, today) | group)
    ).distinct()


def trainees_trained_by(user, *, today: datetime.date | None = None) -> QuerySet[Trainee]:
    """The trainer's (or deputy's) group: trainees on a current stage under them."""
    if not _authenticated(user):
        return Trainee.objects.none()
    today = today or timezone.localdate()
    # Two indexed subqueries (the stages the user is stagemeester of, the stages of the services
    # the user is deputy of) rather than an OR across joins, which scanned every stage.
    current = Stage.objects.filter(start__lte=today, end__gte=today)
    deputy_of = TeamMember.objects.filter(user=user, role=TeamMember.Role.DEPUTY)
    return in_cycle(
        Trainee.objects.filter(
            Q(pk__in=current.filter(stagemeester=user).values("trainee_id"))
            | Q(
                pk__in=current.filter(service_id__in=deputy_of.values("service_id")).values(
                    "trainee_id"
                )
            )
        )
    ).distinct()


def relation(user, trainee: Trainee, *, today: datetime.date | None = None) -> str | None:
    """The user's access level to a trainee's cycle: SELF, TRAINER, GROUP or None."""
    if not _authenticated(user):
        return None
    if trainee.user_id == user.pk:
        return SELF
    today = today or timezone.localdate()
    stage = current_stage(trainee, today)
    if stage is None:
        return None
    if stage.stagemeester_id == user.pk:
        return TRAINER
    role = (
        TeamMember.objects.filter(service_id=stage.service_id, user=user)
        .values_list("role", flat=True)
        .first()
    )
    if role == TeamMember.Role.DEPUTY:
        return TRAINER
    if role == TeamMember.Role.MEMBER:
        return GROUP
    return None


def current_stage(trainee: Trainee, today: datetime.date | None = None) -> Stage | None:
    today = today or timezone.localdate()
    return (
        Stage.objects.filter(trainee=trainee, start__lte=today, end__gte=today)
        .order_by("-start")
        .first()
    )


def can_read_full_cycle(level: str | None) -> bool:
    """Reports, reactions, actions, the track, the duration: the trainee and the trainers."""
    return level in (SELF, TRAINER)


def can_manage_cycle(level: str | None) -> bool:
    """Plan and report talks, open tracks, decide the duration: the trainers only."""
    return level == TRAINER


def can_read_report(level: str | None, talk: Talk) -> bool:
    return can_read_full_cycle(level) or (level == GROUP and talk.report_shared)


# Access functions ---------------------------------------------------------------------------


def trainee_for(user, pk, *, manage: bool = False, full: bool = False) -> tuple[Trainee, str]:
    """The trainee and the user's access level; 404 without relation, 403 without the right.

    ``manage``: the trainers only (plan, report, decide); ``full``: the trainee and the
    trainers (reports, the duration, where goals can be met), not the training group."""
    trainee = get_scoped_or_404(
        trainees_in_cycle_of(user).select_related("user", "specialty"), pk=pk
    )
    level = relation(user, trainee)
    ensure(level is not None)
    if manage:
        ensure(can_manage_cycle(level))
    if full:
        ensure(can_read_full_cycle(level))
    audit_read(actor=user, subject=trainee.user, target=trainee, summary="conversation cycle")
    return trainee, level


def cycle_home(user) -> tuple[Trainee | None, QuerySet[Trainee]]:
    """Where the cycle starts for this user: their own cycle (a trainee who trains no one) or
    the group they train. Anyone else is refused (403)."""
    trainees = trainees_trained_by(user)
    is_trainer = trainees.exists()
    own = None
    if _authenticated(user) and not is_trainer:
        own = in_cycle(Trainee.objects.filter(user=user)).first()
    ensure(is_trainer or own is not None)
    return own, trainees


def talks_reachable_by(user) -> QuerySet[Talk]:
    return Talk.objects.filter(trainee__in=trainees_in_cycle_of(user).values("pk"))


def talk_for(user, pk, *, action: str = "view") -> tuple[Talk, str]:
    """A talk for viewing, ``report`` (the trainers) or ``react`` (the trainee)."""
    talk = get_scoped_or_404(
        talks_reachable_by(user).select_related(
            "trainee__user", "trainee__specialty", "held_by", "stage__service__hospital"
        ),
        pk=pk,
    )
    level = relation(user, talk.trainee)
    ensure(level is not None)
    if action == "report":
        ensure(can_manage_cycle(level))
    elif action == "react":
        ensure(level == SELF)
    audit_read(actor=user, subject=talk.trainee.user, target=talk)
    return talk, level


def track_for(user, pk) -> IntensifiedTrack:
    """An intensified track, for its trainee's trainers to conclude."""
    track = get_scoped_or_404(
        IntensifiedTrack.objects.filter(
            trainee__in=trainees_in_cycle_of(user).values("pk")
        ).select_related("trainee__user"),
        pk=pk,
    )
    ensure(can_manage_cycle(relation(user, track.trainee)))
    audit_read(actor=user, subject=track.trainee.user, target=track)
    return track


# Transfer documents -------------------------------------------------------------------------


def _receiving_q(user, today) -> Q:
    deputy = Q(
        to_stage__service__team__user=user,
        to_stage__service__team__role=TeamMember.Role.DEPUTY,
    )
    return (Q(to_stage__stagemeester=user) | deputy) & Q(
        status=TransferDocument.Status.HANDED_OVER, to_stage__start__lte=today
    )


def transfers_visible_to(user, *, today: datetime.date | None = None) -> QuerySet:
    if not _authenticated(user):
        return TransferDocument.objects.none()
    today = today or timezone.localdate()
    own = Q(trainee__user=user) & ~Q(status=TransferDocument.Status.DRAFT)
    return TransferDocument.objects.filter(
        Q(author=user) | own | _receiving_q(user, today)
    ).distinct()


def can_edit_transfer(user, document: TransferDocument) -> bool:
    return document.author_id == user.pk and document.status != document.Status.HANDED_OVER


def can_react_transfer(user, document: TransferDocument) -> bool:
    return document.trainee.user_id == user.pk and document.status == document.Status.WITH_TRAINEE


def transfer_for(user, pk, *, action: str = "view") -> TransferDocument:
    """A transfer document for viewing, ``edit`` (its author) or ``react`` (the trainee)."""
    document = get_scoped_or_404(
        transfers_visible_to(user).select_related(
            "trainee__user",
            "author",
            "from_stage__service__hospital",
            "to_stage__service__hospital",
            "to_stage__stagemeester",
        ),
        pk=pk,
    )
    if action == "edit":
        ensure(can_edit_transfer(user, document))
    elif action == "react":
        ensure(can_react_transfer(user, document))
    audit_read(actor=user, subject=document.trainee.user, target=document)
    return document


def transfer_stage_for(user, pk) -> Stage:
    """The stage being left, for the trainer who writes its transfer document."""
    today = timezone.localdate()
    stage = get_scoped_or_404(
        Stage.objects.filter(
            stagemeester=user, end__gte=today - datetime.timedelta(days=90)
        ).select_related("trainee__user", "service__hospital"),
        pk=pk,
    )
    return stage


# Local training plans --------------------------------------------------------------------------


def local_plans_visible_to(user) -> QuerySet:
    """Local plans are the institutions' public promise: every signed-in person reads them."""
    from .models import LocalPlan

    if not _authenticated(user):
        return LocalPlan.objects.none()
    return LocalPlan.objects.all()


def services_led_by(user, *, today: datetime.date | None = None):
    """The services whose local plan this user maintains: recognised trainer, or deputy."""
    from traject.organisation.models import TrainingService

    if not _authenticated(user):
        return TrainingService.objects.none()
    today = today or timezone.localdate()
    trainer = Q(
        trainer_recognitions__trainer=user,
        trainer_recognitions__start__lte=today,
        trainer_recognitions__end__gte=today,
    )
    deputy = Q(team__user=user, team__role=TeamMember.Role.DEPUTY)
    return (
        TrainingService.objects.filter(trainer | deputy)
        .filter(specialty__cycle_rules__isnull=False)
        .distinct()
    )


def can_maintain_local_plan(user, plan) -> bool:
    return (
        services_led_by(user)
        .filter(hospital_id=plan.hospital_id, specialty_id=plan.specialty_id)
        .exists()
    )


def local_plan_for(user, pk, *, manage: bool = False):
    plan = get_scoped_or_404(
        local_plans_visible_to(user).select_related("specialty", "hospital__region"), pk=pk
    )
    if manage:
        ensure(can_maintain_local_plan(user, plan))
    return plan


def local_plan_item_for(user, plan_pk, pk):
    """A part of a local plan, for those who maintain the plan (404 for a part of another)."""
    plan = local_plan_for(user, plan_pk, manage=True)
    return get_scoped_or_404(plan.items.select_related("plan"), pk=pk)


def services_to_plan_for(user):
    """The services whose new local plan this user may start (403 when there is none)."""
    led = services_led_by(user).select_related("hospital", "specialty")
    ensure(led.exists())
    return led


# The deputy opleider and the opleidingsgroep ------------------------------------------------


def teams_led_by(user, *, today: datetime.date | None = None):
    """The Dutch services whose deputy and opleidingsgroep this user keeps: the opleider
    recognised for the service today (a deputy holds talks, but does not appoint people)."""
    from traject.organisation.models import TrainingService

    if not _authenticated(user):
        return TrainingService.objects.none()
    today = today or timezone.localdate()
    return (
        TrainingService.objects.filter(
            trainer_recognitions__trainer=user,
            trainer_recognitions__start__lte=today,
            trainer_recognitions__end__gte=today,
            specialty__cycle_rules__isnull=False,
        )
        .select_related("hospital", "specialty")
        .distinct()
    )


def teams_visible_to(user, *, today: datetime.date | None = None):
    """The groups a user sees: those they lead, and those they are a deputy or a member of."""
    from traject.organisation.models import TrainingService

    if not _authenticated(user):
        return TrainingService.objects.none()
    led = teams_led_by(user, today=today).values("pk")
    member = TeamMember.objects.filter(user=user).values("service_id")
    return (
        TrainingService.objects.filter(Q(pk__in=led) | Q(pk__in=member))
        .filter(specialty__cycle_rules__isnull=False)
        .select_related("hospital", "specialty")
        .distinct()
    )


def can_manage_team(user, service) -> bool:
    return teams_led_by(user).filter(pk=service.pk).exists()


def teams_for(user):
    """The groups on the group page (403 for someone who is in none)."""
    teams = teams_visible_to(user)
    ensure(teams.exists())
    return teams


def team_for(user, pk, *, manage: bool = False):
    """A group: 404 for a stranger, 403 for a deputy or member who wants to change it."""
    service = get_scoped_or_404(teams_visible_to(user), pk=pk)
    if manage:
        ensure(can_manage_team(user, service))
    return service


def team_member_for(user, pk) -> TeamMember:
    """A deputy or member of a group, for the opleider who keeps the group (404 / 403)."""
    member = get_scoped_or_404(
        TeamMember.objects.filter(service__in=teams_visible_to(user).values("pk")).select_related(
            "user", "service__hospital"
        ),
        pk=pk,
    )
    ensure(can_manage_team(user, member.service))
    return member


def cycle_facts(user) -> tuple[bool, bool, bool]:
    """Whether the user trains a group, sees a team, and leads a service with a local plan.

    The menu and the dashboard ask these on every page. Each relation needs a trainer
    recognition (the stagemeester role: a stage's stagemeester must be recognised) or a place
    in a team (deputy or member): most people, the ASO, hold neither and cost no more than
    that small question; the others one statement compiled once per process.
    """
    if not _authenticated(user):
        return False, False, False
    if not has_role(user, STAGEMEESTER) and not in_a_team(user):
        return False, False, False
    row = user_statement("conversations.cycle_facts", _cycle_facts_question, user)
    return tuple(bool(v) for v in row) if row else (False, False, False)


def _cycle_facts_question(user, today):
    from django.contrib.auth import get_user_model
    from django.db.models import Exists

    return (
        get_user_model()
        .objects.filter(pk=user.pk)
        .order_by()
        .annotate(
            trains=Exists(trainees_trained_by(user, today=today)),
            in_team=Exists(teams_visible_to(user, today=today)),
            leads=Exists(services_led_by(user, today=today)),
        )
        .values_list("trains", "in_team", "leads")
    )
