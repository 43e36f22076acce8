"""Reads of the conversation cycle, each in a constant number of queries."""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import timezone

from traject.organisation.models import Stage, Trainee

from . import cycle, duration
from .models import ChecklistItem, CycleRules, DurationDecision, IntensifiedTrack, Talk

# Specialties without rules of their own (a Belgian trainee, a new specialty) follow these.
DEFAULT_RULES = cycle.Rules()


def rules_by_specialty(specialty_ids) -> dict[int, cycle.Rules]:
    """The cycle rules of these specialties, in one query."""
    return {
        rules.specialty_id: rules.as_rules()
        for rules in CycleRules.objects.filter(specialty_id__in=set(specialty_ids))
    }


def _stage_periods(stages) -> list[cycle.StagePeriod]:
    return [cycle.StagePeriod(id=s.pk, start=s.start, end=s.end) for s in stages]


def state_of(trainee: Trainee, stages, talks, rules: cycle.Rules, today) -> cycle.CycleState:
    return cycle.cycle_state(
        training_start=trainee.training_start,
        stages=_stage_periods(stages),
        talks=[t.fact() for t in talks],
        rules=rules,
        today=today,
    )


@dataclass
class TraineeCycle:
    trainee: Trainee
    state: cycle.CycleState
    talks: list[Talk]
    tracks: list[IntensifiedTrack]
    stages: list[Stage]

    @property
    def talks_by_id(self) -> dict[int, Talk]:
        return {t.pk: t for t in self.talks}

    @property
    def extra_talks(self) -> list[Talk]:
        by_id = self.talks_by_id
        return [by_id[pk] for pk in self.state.extra_talk_ids]

    @property
    def open_track(self) -> IntensifiedTrack | None:
        return next((t for t in self.tracks if t.status == IntensifiedTrack.Status.OPEN), None)


def trainee_cycle(trainee: Trainee, *, today: datetime.date | None = None) -> TraineeCycle:
    today = today or timezone.localdate()
    stages = list(trainee.stages.select_related("service__hospital", "stagemeester"))
    talks = list(
        trainee.talks.select_related("held_by", "stage__service").prefetch_related("actions__goal")
    )
    tracks = list(trainee.intensified_tracks.all())
    rules = rules_by_specialty([trainee.specialty_id]).get(trainee.specialty_id, DEFAULT_RULES)
    return TraineeCycle(
        trainee=trainee,
        state=state_of(trainee, stages, talks, rules, today),
        talks=talks,
        tracks=tracks,
        stages=stages,
    )


@dataclass
class OverviewRow:
    trainee: Trainee
    training_year: int
    next_due: cycle.Obligation | None
    overdue: int
    last_outcome: str
    track_open: bool
    stage: Stage | None


SORTS = {
    "name": lambda r: (r.trainee.user.last_name.lower(), r.trainee.user.first_name.lower()),
    "due": lambda r: (r.next_due.due_by if r.next_due else datetime.date.max,),
    "overdue": lambda r: (-r.overdue, r.next_due.due_by if r.next_due else datetime.date.max),
    "year": lambda r: (r.training_year, r.trainee.user.last_name.lower()),
}


def group_overview(
    trainees, *, today: datetime.date | None = None, sort: str = "due"
) -> list[OverviewRow]:
    """One row per trainee with the next talk due and the overdue count; five queries in all."""
    today = today or timezone.localdate()
    trainees = list(
        trainees.select_related("user", "specialty").prefetch_related(
            Prefetch(
                "stages",
                queryset=Stage.objects.select_related("service__hospital").order_by("start"),
            ),
            Prefetch("talks", queryset=Talk.objects.order_by("pk")),
            Prefetch(
                "intensified_tracks",
                queryset=IntensifiedTrack.objects.filter(status=IntensifiedTrack.Status.OPEN),
                to_attr="open_tracks",
            ),
        )
    )
    rules = rules_by_specialty(t.specialty_id for t in trainees)
    rows = []
    for trainee in trainees:
        stages = list(trainee.stages.all())
        talks = list(trainee.talks.all())
        state = state_of(
            trainee, stages, talks, rules.get(trainee.specialty_id, DEFAULT_RULES), today
        )
        outcomes = [t for t in talks if t.outcome and t.held_on]
        last = max(outcomes, key=lambda t: t.held_on) if outcomes else None
        rows.append(
            OverviewRow(
                trainee=trainee,
                training_year=cycle.training_year_of(trainee.training_start, today),
                next_due=state.next_due,
                overdue=len(state.overdue),
                last_outcome=last.get_outcome_display() if last else "",
                track_open=bool(trainee.open_tracks),
                stage=next((s for s in stages if s.start <= today <= s.end), None),
            )
        )
    return sorted(rows, key=SORTS.get(sort, SORTS["due"]))


def checklist_for(kind: str) -> list[ChecklistItem]:
    return list(ChecklistItem.objects.filter(kind=kind, is_active=True))


@dataclass
class TransferTask:
    stage: Stage
    next_stage: Stage


TRANSFER_NOTICE_DAYS = 60


def transfer_tasks(user, *, today: datetime.date | None = None) -> list[TransferTask]:
    """Trainees leaving this trainer for another one soon, without a transfer document yet."""
    today = today or timezone.localdate()
    stages = list(
        Stage.objects.filter(
            stagemeester=user,
            end__gte=today - datetime.timedelta(days=30),
            end__lte=today + datetime.timedelta(days=TRANSFER_NOTICE_DAYS),
        )
        .exclude(transfers_out__isnull=False)
        .select_related("trainee__user", "service")
    )
    if not stages:
        return []
    following = {}
    for stage in (
        Stage.objects.filter(trainee_id__in={s.trainee_id for s in stages})
        .exclude(stagemeester=user)
        .select_related("stagemeester", "service__hospital")
        .order_by("start")
    ):
        following.setdefault(stage.trainee_id, []).append(stage)
    tasks = []
    for stage in stages:
        nxt = next((s for s in following.get(stage.trainee_id, []) if s.start > stage.end), None)
        if nxt is not None:
            tasks.append(TransferTask(stage=stage, next_stage=nxt))
    return tasks


def next_stage_after(stage: Stage) -> Stage | None:
    """The next stage of the trainee under another trainer."""
    return (
        Stage.objects.filter(trainee_id=stage.trainee_id, start__gt=stage.end)
        .exclude(stagemeester_id=stage.stagemeester_id)
        .select_related("stagemeester", "service__hospital")
        .order_by("start")
        .first()
    )


def duration_of(trainee: Trainee) -> tuple[duration.Computation | None, list[DurationDecision]]:
    """The expected end and the decisions behind it."""
    decisions = list(trainee.duration_decisions.select_related("decided_by"))
    rules = CycleRules.objects.filter(specialty_id=trainee.specialty_id).first()
    nominal = rules.nominal_months if rules else trainee.specialty.duration_years * 12
    computation = duration.expected_end(
        training_start=trainee.training_start,
        nominal_months=nominal,
        decisions=[d.as_decision() for d in decisions],
    )
    return computation, decisions


@dataclass
class GoalPlaces:
    goal: object
    items: list


def where_goals_can_be_met(trainee: Trainee, *, today: datetime.date | None = None):
    """For each IOP goal of the trainee, the parts of local plans in the trainee's region
    (the OOR of the hospital of the current stage) that cover one of the goal's EPAs."""
    from traject.portfolio.models import LearningGoal

    from .models import LocalPlanItem

    today = today or timezone.localdate()
    stage = (
        Stage.objects.filter(trainee=trainee, start__lte=today, end__gte=today)
        .select_related("service__hospital")
        .first()
    )
    region_id = stage.service.hospital.region_id if stage else None
    goals = list(
        LearningGoal.objects.filter(trainee=trainee)
        .exclude(status=LearningGoal.Status.DROPPED)
        .prefetch_related("epas")
    )
    epa_ids = {epa.pk for goal in goals for epa in goal.epas.all()}
    items = list(
        LocalPlanItem.objects.filter(
            epa_id__in=epa_ids,
            plan__specialty_id=trainee.specialty_id,
            plan__hospital__region_id=region_id,
        ).select_related("epa", "plan__hospital")
        if region_id is not None
        else []
    )
    by_epa: dict[int, list] = {}
    for item in items:
        by_epa.setdefault(item.epa_id, []).append(item)
    return region_id, [
        GoalPlaces(goal=g, items=[i for e in g.epas.all() for i in by_epa.get(e.pk, [])])
        for g in goals
    ]
