"""The conversation cycle (gesprekscyclus) as a pure computation: no Django import.

Given the training start, the stages, the rules of the specialty (data) and the talks that
exist, list the talks the trainee owes with their state on a day:

- an introduction talk (introductiegesprek) within ``introduction_weeks`` of the start of
  every stage;
- ``progress_per_year[y - 1]`` progress talks (voortgangsgesprekken) in training year ``y``
  (the last number repeats for later years), spread evenly over the year;
- a suitability assessment (geschiktheidsbeoordeling) at the end of every training year.

Talks are matched to obligations in date order; a talk beyond the obligations is an extra.
"""

import datetime
from dataclasses import dataclass, field

INTRODUCTION = "introduction"
PROGRESS = "progress"
SUITABILITY = "suitability"
KINDS = (INTRODUCTION, PROGRESS, SUITABILITY)

HELD = "held"
PLANNED = "planned"
OVERDUE = "overdue"
DUE = "due"  # due within the notice window
UPCOMING = "upcoming"

# A talk is "due" (shown as something to plan) this many days before its deadline.
DUE_NOTICE_DAYS = 42


@dataclass(frozen=True)
class Rules:
    introduction_weeks: int = 4
    progress_per_year: tuple[int, ...] = (4, 2, 2, 1)
    suitability_every_year: bool = True
    duration_years: int = 5

    def progress_in_year(self, year: int) -> int:
        if not self.progress_per_year:
            return 0
        return self.progress_per_year[min(year, len(self.progress_per_year)) - 1]


@dataclass(frozen=True)
class StagePeriod:
    id: int
    start: datetime.date
    end: datetime.date


@dataclass(frozen=True)
class TalkFact:
    id: int
    kind: str
    stage_id: int | None
    training_year: int
    planned_on: datetime.date | None
    held_on: datetime.date | None

    @property
    def day(self) -> datetime.date | None:
        return self.held_on or self.planned_on


@dataclass
class Obligation:
    kind: str
    training_year: int
    number: int  # 1-based within its year (progress) or 1
    window_start: datetime.date
    due_by: datetime.date
    stage_id: int | None = None
    talk_id: int | None = None
    status: str = UPCOMING
    planned_on: datetime.date | None = None
    held_on: datetime.date | None = None


@dataclass
class CycleState:
    obligations: list[Obligation] = field(default_factory=list)
    extra_talk_ids: list[int] = field(default_factory=list)

    @property
    def overdue(self) -> list[Obligation]:
        return [o for o in self.obligations if o.status == OVERDUE]

    @property
    def next_due(self) -> Obligation | None:
        """The earliest obligation not yet held."""
        open_ = [o for o in self.obligations if o.status != HELD]
        return min(open_, key=lambda o: o.due_by) if open_ else None


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later, clamped to the month's last day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover - 28 always exists


def training_year_of(training_start: datetime.date, day: datetime.date) -> int:
    """1 during the first twelve months after the start, 2 in the next twelve, ..."""
    if day < training_start:
        return 1
    years = day.year - training_start.year
    if (day.month, day.day) < (training_start.month, training_start.day):
        years -= 1
    return years + 1


def _year_start(training_start: datetime.date, year: int) -> datetime.date:
    return add_months(training_start, 12 * (year - 1))


def obligations_for(
    *,
    training_start: datetime.date,
    stages: list[StagePeriod],
    rules: Rules,
    until: datetime.date,
) -> list[Obligation]:
    """Every talk owed from the training start up to the training year that contains ``until``."""
    last_year = min(training_year_of(training_start, until), max(rules.duration_years, 1))
    result: list[Obligation] = []
    for stage in sorted(stages, key=lambda s: s.start):
        if stage.start > until:
            continue
        result.append(
            Obligation(
                kind=INTRODUCTION,
                training_year=training_year_of(training_start, stage.start),
                number=1,
                window_start=stage.start,
                due_by=stage.start + datetime.timedelta(weeks=rules.introduction_weeks),
                stage_id=stage.id,
            )
        )
    for year in range(1, last_year + 1):
        start = _year_start(training_start, year)
        end = _year_start(training_start, year + 1) - datetime.timedelta(days=1)
        count = rules.progress_in_year(year)
        for number in range(1, count + 1):
            due = add_months(start, (12 * number) // count) - datetime.timedelta(days=1)
            previous = add_months(start, (12 * (number - 1)) // count)
            result.append(
                Obligation(
                    kind=PROGRESS,
                    training_year=year,
                    number=number,
                    window_start=previous,
                    due_by=min(due, end),
                )
            )
        if rules.suitability_every_year:
            result.append(
                Obligation(
                    kind=SUITABILITY,
                    training_year=year,
                    number=1,
                    window_start=add_months(end, -2),
                    due_by=end,
                )
            )
    return sorted(result, key=lambda o: (o.due_by, o.kind))


def cycle_state(
    *,
    training_start: datetime.date,
    stages: list[StagePeriod],
    talks: list[TalkFact],
    rules: Rules,
    today: datetime.date,
    horizon_days: int = DUE_NOTICE_DAYS,
) -> CycleState:
    """Match the talks to the obligations and give each obligation its state on ``today``."""
    until = today + datetime.timedelta(days=horizon_days)
    obligations = obligations_for(
        training_start=training_start, stages=stages, rules=rules, until=until
    )
    used: set[int] = set()
    ordered = sorted(talks, key=lambda t: (t.day or datetime.date.max, t.id))
    for obligation in obligations:
        for talk in ordered:
            if talk.id in used or talk.kind != obligation.kind:
                continue
            if obligation.kind == INTRODUCTION and talk.stage_id != obligation.stage_id:
                continue
            if obligation.kind != INTRODUCTION and talk.training_year != obligation.training_year:
                continue
            used.add(talk.id)
            obligation.talk_id = talk.id
            obligation.planned_on = talk.planned_on
            obligation.held_on = talk.held_on
            break
        obligation.status = _status(obligation, today, horizon_days)
    return CycleState(
        obligations=obligations,
        extra_talk_ids=[t.id for t in ordered if t.id not in used],
    )


def _status(obligation: Obligation, today: datetime.date, horizon_days: int) -> str:
    if obligation.held_on is not None:
        return HELD
    if obligation.due_by < today:
        return OVERDUE
    if obligation.planned_on is not None:
        return PLANNED
    if obligation.due_by <= today + datetime.timedelta(days=horizon_days):
        return DUE
    return UPCOMING
