"""The schedule and its parts: entries, leave days, opt-out periods, problems."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np

from .. import messages
from ..tz import epoch_day

_EPOCH = datetime(1970, 1, 1)
_EPOCH_UTC = datetime(1970, 1, 1, tzinfo=UTC)
_SECOND = timedelta(seconds=1)
# Keeps the instants of different schedules apart on one sorted axis (2**40 s: 35,000 years).
_BIG = 1 << 40


@dataclass(frozen=True)
class Entry:
    """A timed entry; a naive datetime is local time in the schedule's timezone."""

    start: datetime
    end: datetime
    kind: str
    # Home standby with a response time so short the time is not free (BE: Matzak).
    restrictive: bool = False


@dataclass(frozen=True)
class LeaveDay:
    """A day entry: a whole day of vacation, sickness or other paid leave."""

    date: date
    kind: str = "vacation"


@dataclass(frozen=True)
class OptOutPeriod:
    """A period of signed opt-out, both ends inclusive; None means unbounded."""

    start: date | None = None
    until: date | None = None

    def covers_days(self, first: np.ndarray, last: np.ndarray) -> np.ndarray:
        """Return whether the period covers each span of epoch days first..last wholly."""
        inside = np.ones(np.shape(first), dtype=bool)
        if self.start is not None:
            inside &= first >= epoch_day(self.start)
        if self.until is not None:
            inside &= last <= epoch_day(self.until)
        return inside


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input; ``index`` is the 0-based position in ``entries``."""

    code: str
    message: str
    index: int | None = None


class ScheduleError(ValueError):
    """The schedule cannot be checked; ``problems`` says every reason found."""

    # Messages number entries from 1 for people ("Entry 4 (start 2025-01-06T08:00)");
    # Problem.index is the 0-based position for programs.

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(p.message for p in self.problems))


class Schedule:
    """A validated schedule: timed entries sorted by start, as UTC seconds, and leave days."""

    __slots__ = (
        "jurisdiction",
        "ruleset",
        "timezone",
        "tz",
        "reference_start",
        "ref_day",
        "start",
        "end",
        "kind",
        "restrictive",
        "index",
        "leave_day",
        "leave_kind",
        "leave_index",
        "opt_out",
        "holiday_country",
    )

    def __init__(self, **fields: Any) -> None:
        for name in self.__slots__:
            setattr(self, name, fields[name])

    def __repr__(self) -> str:
        return (
            f"<Schedule {self.jurisdiction} {self.timezone} from {self.reference_start}: "
            f"{len(self.start)} timed entries, {len(self.leave_day)} leave days>"
        )

    @property
    def entry_count(self) -> int:
        """Return the number of timed and day entries."""
        return len(self.start) + len(self.leave_day)

    @classmethod
    def from_entries(
        cls,
        jurisdiction: str,
        timezone: str | ZoneInfo,
        reference_start: date | str,
        entries: Iterable[Entry | LeaveDay] = (),
        leave_days: Iterable[LeaveDay] = (),
        opt_out: bool | Iterable[OptOutPeriod] = False,
        holiday_country: str | None = None,
        lang: str = messages.DEFAULT_LANGUAGE,
    ) -> Schedule:
        """Build a schedule from Python objects; leave days are numbered after entries."""
        from .build import schedule_from_entries

        return schedule_from_entries(
            jurisdiction,
            timezone,
            reference_start,
            entries,
            leave_days,
            opt_out,
            holiday_country,
            lang,
        )

    @classmethod
    def from_arrays(
        cls,
        jurisdiction: str,
        timezone: str,
        reference_start: date | str,
        start: np.ndarray,
        end: np.ndarray,
        kind: np.ndarray,
        leave_date: np.ndarray | None = None,
        leave_kind: np.ndarray | None = None,
        opt_out: bool | Iterable[OptOutPeriod] = False,
        holiday_country: str | None = None,
        lang: str = messages.DEFAULT_LANGUAGE,
        restrictive: np.ndarray | None = None,
    ) -> Schedule:
        """Build a schedule from arrays of naive local times and kind codes or names."""
        # start/end: datetime64 (naive local) or int64 local seconds; kind: codes into
        # TIMED_KINDS or names; leave_date: datetime64[D] or epoch days; leave_kind: codes
        # into DAY_KINDS or names (default vacation). Problems number timed rows first, then
        # leave rows.
        header = {
            "jurisdiction": jurisdiction,
            "timezone": timezone,
            "reference_start": reference_start,
            "opt_out": opt_out,
            "holiday_country": holiday_country,
        }
        from .build import schedules_from_arrays
        from .columns import _single

        result = schedules_from_arrays(
            [header],
            start,
            end,
            kind,
            None,
            leave_date,
            leave_kind,
            None,
            lang=lang,
            restrictive=restrictive,
        )
        return _single(result)
