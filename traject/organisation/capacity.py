"""The stage capacity rule: pure date arithmetic, no database."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

ONE_DAY = datetime.timedelta(days=1)


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date  # inclusive


@dataclass(frozen=True)
class CapacityWindow:
    """A recognition: from start to end (inclusive) the trainer may train ``capacity`` ASO."""

    start: datetime.date
    end: datetime.date
    capacity: int


@dataclass(frozen=True)
class OverCapacity:
    period: Period
    count: int
    limit: int


def date_runs(days: Iterable[datetime.date]) -> list[Period]:
    """Compress sorted days into runs of consecutive days."""
    runs: list[Period] = []
    for day in days:
        if runs and runs[-1].end + ONE_DAY == day:
            runs[-1] = Period(runs[-1].start, day)
        else:
            runs.append(Period(day, day))
    return runs


def check_capacity(
    stage: Period, others: Iterable[Period], windows: Iterable[CapacityWindow]
) -> tuple[list[Period], list[OverCapacity]]:
    """Return the days of ``stage`` outside every recognition, and the runs where it exceeds capacity.

    Linear in the number of days of the stage plus the other stages' overlapping days: a
    difference array over the stage's days counts the concurrent stages.
    """
    length = (stage.end - stage.start).days + 1
    delta = [0] * (length + 1)
    for other in others:
        lo = max(other.start, stage.start)
        hi = min(other.end, stage.end)
        if lo > hi:
            continue
        delta[(lo - stage.start).days] += 1
        delta[(hi - stage.start).days + 1] -= 1
    limits: list[int | None] = [None] * length
    for window in windows:
        lo = max(window.start, stage.start)
        hi = min(window.end, stage.end)
        for offset in range((lo - stage.start).days, (hi - stage.start).days + 1):
            current = limits[offset]
            limits[offset] = window.capacity if current is None else max(current, window.capacity)
    uncovered: list[datetime.date] = []
    over: list[OverCapacity] = []
    running = 0
    for offset in range(length):
        running += delta[offset]
        day = stage.start + datetime.timedelta(days=offset)
        limit = limits[offset]
        if limit is None:
            uncovered.append(day)
            continue
        count = running + 1
        if count > limit:
            if (
                over
                and over[-1].period.end + ONE_DAY == day
                and over[-1].count == count
                and over[-1].limit == limit
            ):
                over[-1] = OverCapacity(Period(over[-1].period.start, day), count, limit)
            else:
                over.append(OverCapacity(Period(day, day), count, limit))
    return date_runs(uncovered), over
