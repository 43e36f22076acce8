"""Realistic synthetic rosters in the exchange format, for benchmarks and demo data.

A roster is one trainee's year: weekday day shifts (some extended, some with scientific or
education time), 24-hour in-house calls followed by a free day, occasional weeks of nights,
home standby on weekday nights and whole weekends with call-outs, and leave days. Rosters are
valid input (no overlaps, no skipped local times) with the violations real rosters have: a
heavy week now and then and, where a rest rule applies after every stint, call-outs that cut
the night's rest short.
"""

from datetime import date, datetime, time, timedelta
from functools import partial

import numpy as np

TIMEZONES: dict[str, str] = {
    "BE": "Europe/Brussels",
    "NL": "Europe/Amsterdam",
    "EU": "Europe/Berlin",
    "US": "America/New_York",
}

# Call-out start hours avoid 02:00-03:00, the hour a spring clock change skips.
_NIGHT_CALLOUT_HOURS = (19, 20, 21, 22, 3, 4, 5)
_DAY_CALLOUT_HOURS = (9, 10, 11, 13, 14, 15, 16)


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute))


def _fmt(moment: datetime) -> str:
    return moment.isoformat(timespec="minutes")


def generate_roster(
    rng: np.random.Generator | int | None = None,
    year: int = 2025,
    jurisdiction: str = "BE",
    *,
    opt_out: bool = False,
    timezone: str | None = None,
) -> dict:
    """Return one trainee's year as an exchange-format schedule."""
    if not isinstance(rng, np.random.Generator):
        rng = np.random.default_rng(rng)
    us = jurisdiction == "US"
    day_start = time(7, 0) if us else time(8, 0)
    entries: list[dict] = []

    def timed(start: datetime, end: datetime, kind: str) -> None:
        entries.append({"start": _fmt(start), "end": _fmt(end), "kind": kind})

    first = date(year, 1, 1)
    monday = first - timedelta(days=first.weekday())
    last = date(year, 12, 31)
    leave = _leave_days(rng, year)
    busy_until = datetime.combine(monday, time(0, 0))
    standby_until = busy_until

    def callouts(start: datetime, end: datetime, rate: float, hours: tuple[int, ...]) -> None:
        nonlocal busy_until
        n = rng.poisson(rate)
        if not n:
            return
        chosen: list[datetime] = []
        day = start.date()
        while day <= end.date():
            for hour in hours:
                moment = datetime.combine(day, time(hour, 0))
                if start <= moment and moment + timedelta(hours=2) <= end:
                    chosen.append(moment)
            day += timedelta(days=1)
        if not chosen:
            return
        picks = sorted(rng.permutation(len(chosen))[:n].tolist())
        previous_end = busy_until
        for pick in picks:
            begin = chosen[int(pick)]
            if begin < previous_end:
                continue
            length = timedelta(minutes=int(rng.choice([45, 60, 90, 120])))
            timed(begin, begin + length, "oncall_home_callout")
            previous_end = begin + length
        busy_until = max(busy_until, previous_end)

    def standby(start: datetime, end: datetime, rate: float, hours: tuple[int, ...]) -> None:
        nonlocal standby_until
        if start < standby_until:
            return
        timed(start, end, "oncall_home_standby")
        standby_until = end
        callouts(start, end, rate, hours)

    week = monday
    while week <= last:
        nights = rng.random() < (0.1 if jurisdiction in ("NL", "US") else 0.05)
        weekday_call = None if nights or rng.random() > 0.6 else int(rng.integers(0, 4))
        weekend_call = not nights and weekday_call is None and rng.random() < 0.5
        weekend_standby = not weekend_call and rng.random() < 0.3
        for offset in range(7):
            day = week + timedelta(days=offset)
            at = partial(_at, day)
            if day in leave:
                entries.append({"date": day.isoformat(), "kind": leave[day]})
                continue
            if day < first or day > last:
                continue
            morning = at(day_start.hour)
            if nights:
                if offset < 4:
                    timed(max(at(20), busy_until), at(20) + timedelta(hours=12), "planned")
                    busy_until = at(20) + timedelta(hours=12)
                continue
            is_call = offset == weekday_call or (offset == 5 and weekend_call)
            if is_call and morning >= busy_until:
                _call(timed, jurisdiction, morning, at)
                # Post-call rest: the next day shift is skipped (weekday) or far away (Sunday).
                busy_until = morning + timedelta(hours=40 if us else 36)
                continue
            # A weekend call comes with a free Friday, as rosters give it to keep the week legal.
            if offset >= 5 or morning < busy_until or (offset == 4 and weekend_call):
                continue
            end = at(17) if not us else at(17, 30)
            if rng.random() < 0.12:
                timed(morning, at(12), "planned")
                timed(at(12), end, "scientific")
            else:
                timed(morning, end, "planned")
            extra = rng.random()
            if extra < 0.1:
                late = end + timedelta(minutes=int(rng.choice([30, 60, 90, 150])))
                timed(end, late, "unplanned")
                end = late
            elif extra < 0.15:
                timed(end, end + timedelta(hours=2), "education")
                end = end + timedelta(hours=2)
            elif extra < 0.17 and jurisdiction == "US":
                timed(end + timedelta(hours=1), end + timedelta(hours=5), "moonlighting")
                end = end + timedelta(hours=5)
            busy_until = end
            next_day = day + timedelta(days=1)
            if offset == 4 and weekend_standby:
                standby(
                    max(at(18), end),
                    datetime.combine(day + timedelta(days=3), day_start),
                    1.5,
                    _NIGHT_CALLOUT_HOURS + _DAY_CALLOUT_HOURS,
                )
            elif (
                offset < 4
                and next_day not in leave
                and offset + 1 != weekday_call
                and rng.random() < 0.2
            ):
                standby(
                    max(at(18), end),
                    datetime.combine(next_day, day_start),
                    0.4,
                    _NIGHT_CALLOUT_HOURS,
                )
        week += timedelta(days=7)

    return {
        "jurisdiction": jurisdiction,
        "timezone": timezone or TIMEZONES[jurisdiction],
        "reference_start": monday.isoformat(),
        "opt_out": opt_out,
        "entries": entries,
    }


def _call(timed, jurisdiction: str, morning: datetime, at) -> None:
    """Add one 24-hour in-house call starting at the morning shift."""
    if jurisdiction == "NL":
        # The Dutch pattern: a day shift followed directly by the in-house night (example 4).
        timed(morning, at(18), "planned")
        timed(at(18), morning + timedelta(hours=24), "oncall_inhouse")
    elif jurisdiction == "US":
        timed(morning, morning + timedelta(hours=24), "oncall_inhouse")
        timed(morning + timedelta(hours=24), morning + timedelta(hours=26), "transition")
    else:
        timed(morning, morning + timedelta(hours=24), "oncall_inhouse")


def _leave_days(rng: np.random.Generator, year: int) -> dict[date, str]:
    """Return leave days: two summer weeks, a week at year end, single days and sickness."""
    days: dict[date, str] = {}

    def weekdays(start: date, count: int, kind: str) -> None:
        day = start
        while count > 0:
            if day.weekday() < 5 and day.year == year:
                days.setdefault(day, kind)
                count -= 1
            day += timedelta(days=1)

    summer = date(year, 7, 1) + timedelta(days=int(rng.integers(0, 50)))
    weekdays(summer, 10, "vacation")
    weekdays(date(year, 12, 22), 5, "vacation")
    for _ in range(5):
        weekdays(date(year, 1, 1) + timedelta(days=int(rng.integers(0, 330))), 1, "vacation")
    for _ in range(int(rng.poisson(1.5))):
        start = date(year, 1, 1) + timedelta(days=int(rng.integers(0, 330)))
        weekdays(start, int(rng.integers(1, 4)), "sick")
    weekdays(date(year, 1, 1) + timedelta(days=int(rng.integers(0, 330))), 2, "leave")
    return days
