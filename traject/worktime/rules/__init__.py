"""Working-time compliance engine (pure Python and numpy, no Django).

Implements ``docs/worktime-rules.md``: rule sets BE, NL, EU and US with fixed rule ids, their
limits kept as versioned data in ``rulesets.py``.

Input, the exchange format (one trainee)::

    {"jurisdiction": "BE", "timezone": "Europe/Brussels", "reference_start": "2025-01-06",
     "opt_out": false,
     "holiday_country": "DE",
     "entries": [
       {"start": "2025-01-06T08:00", "end": "2025-01-06T20:00", "kind": "planned"},
       {"date": "2025-03-17", "kind": "vacation"}]}

- A time without offset is local time in ``timezone``; one with an offset (``+01:00``, ``Z``)
  is that instant. A local time the clock skips is an error; a repeated one is the first.
- ``opt_out`` is ``true`` (always), ``false`` (never, the default) or a list of periods
  ``{"from": "2025-03-01", "until": "2025-09-30" | null}``, both dates inclusive, so that a
  withdrawal is ``until``. A week is under opt-out when a period covers it from Monday to
  Sunday ("the weeks from that date on"). Only BE limits change with opt-out.
- ``holiday_country`` (optional) names the country whose public holidays count as holiday
  hours; by default BE, NL and US use their own country and EU uses none.
- ``restrictive`` (optional, on ``oncall_home_standby``): a standby with a response time so
  short the time is not free; BE counts it as working time (Matzak), with a call-out wholly
  inside it counted once; anything else overlapping it is an input error.
- ``reference_start`` is a Monday, except for US (the rotation's first day, any weekday).

Output: ``{"compliant", "violations", "weeks", "blocks"}``. Violations carry ``rule``,
``start``/``end`` (ISO local times), ``value``/``limit`` (hours, or a count for
``US_INHOUSE_CALL_Q3`` and ``US_DAY_OFF_1_IN_7``) and ``message`` in the requested language.
Weeks run from the first to the last week with an entry; blocks are listed per averaging rule
(each with its ``rule``); hours are rounded to two decimals, half up.

Entry points: ``check`` (dict in, dict out; ``check_json``: JSON bytes out); ``parse_schedule`` / ``Schedule.from_entries`` /
``Schedule.from_arrays`` then ``evaluate`` (a Report); for many trainees at once,
``schedules_from_arrays`` then ``evaluate_many``, which is where the engine is fast.

Where the rules document leaves a point open, the engine chooses (each is also commented where
it is coded):

- Night, weekend and public-holiday hours count worked (counted) time only, not standby.
- Standby blocks are counted per stretch of touching standby entries, ceil(hours / 12) in
  real time, each in the week and pay class of the moment it begins (example 3: 6 blocks).
- Standby entries may not overlap each other (an input error, like counted entries).
- Opt-out covers a week when a period covers it from Monday to Sunday.
- Weekly rest: per period of 7 days from ``reference_start`` (NL: 7 x 24 real hours, EU: local
  calendar days), a rest counts with its part inside the period; NL also accepts 72 h in the
  14 x 24 h period in rests of 32 h or more. A period the unknown time before the first or after
  the last stint reaches into complies.
- NL shortened rests: once in any 7 x 24 h (no two start less than 168 h apart), each rule its
  own allowance; ``NL_REST_11H`` never after in-house call.
- US days off: 24 h in a row free of work and standby, non-overlapping, inside the block; a leave
  day is free time (``DaysOffMin.leave_is_day_off`` switches this). US averages take every leave
  day (weekend too) out of the block; a block of only leave keeps one day.
- The rule-set version is the one in force on the schedule's first day (the oldest if none).
"""

from typing import Any

from .engine import BlockFigures, Report, Violation, WeekFigures, evaluate, evaluate_many
from .kinds import COUNTED_KINDS, DAY_KINDS, KINDS, TIMED_KINDS
from .messages import DEFAULT_LANGUAGE, LANGUAGES
from .rulesets import JURISDICTIONS, RULE_IDS, RULESETS, RuleSet, rule_sets, ruleset_for
from .schedule import (
    Entry,
    LeaveDay,
    OptOutPeriod,
    Problem,
    Schedule,
    ScheduleError,
    parse_schedule,
    schedules_from_arrays,
)


def check(schedule: dict[str, Any], lang: str = DEFAULT_LANGUAGE) -> dict[str, Any]:
    """Check a schedule in the exchange format and return the exchange-format report."""
    return evaluate(parse_schedule(schedule, lang), lang).to_dict()


def check_json(schedule: dict[str, Any], lang: str = DEFAULT_LANGUAGE) -> bytes:
    """Check a schedule and return the report as JSON: ``orjson.dumps(check(...))``, faster."""
    return evaluate(parse_schedule(schedule, lang), lang).to_json()


__all__ = [
    "COUNTED_KINDS",
    "DAY_KINDS",
    "DEFAULT_LANGUAGE",
    "JURISDICTIONS",
    "KINDS",
    "LANGUAGES",
    "RULESETS",
    "RULE_IDS",
    "TIMED_KINDS",
    "BlockFigures",
    "Entry",
    "LeaveDay",
    "OptOutPeriod",
    "Problem",
    "Report",
    "RuleSet",
    "Schedule",
    "ScheduleError",
    "Violation",
    "WeekFigures",
    "check",
    "check_json",
    "evaluate",
    "evaluate_many",
    "parse_schedule",
    "rule_sets",
    "ruleset_for",
    "schedules_from_arrays",
]
