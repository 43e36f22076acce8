"""Schedules: validated entries as sorted numpy arrays, built from JSON or Python objects.

Every way in (``parse_schedule``, ``Schedule.from_entries``, ``Schedule.from_arrays`` and the
batch ``schedules_from_arrays``) ends in one vectorised assembler (``assemble``), so validation
is written once: local times to UTC, skipped local times, end after start, overlapping entries,
duplicate leave days.
"""

from .build import parse_schedule, schedules_from_arrays
from .types import Entry, LeaveDay, OptOutPeriod, Problem, Schedule, ScheduleError

__all__ = [
    "Entry",
    "LeaveDay",
    "OptOutPeriod",
    "Problem",
    "Schedule",
    "ScheduleError",
    "parse_schedule",
    "schedules_from_arrays",
]
