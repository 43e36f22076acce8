"""Every rule just inside and just over its limit across a week boundary and both clock changes.

Europe changes its clocks on the last Sundays of March and October (2025-03-30, 2025-10-26),
New York on 2025-03-09 and 2025-11-02. Each case is a pair: the schedule at the limit in real
hours, then the same schedule one minute over it.
"""

from datetime import date, timedelta

import pytest

from traject.worktime.rules import RULE_IDS
from traject.worktime.tests.test_rules_support import (  # noqa: F401
    _no_lockouts,
    broken,
    entry,
    run,
    weeks_of,
)

CASES: dict[str, tuple[str, str, object]] = {}


def case(rule: str, jurisdiction: str, where: str):
    """Register a builder taking the minutes over the limit (0 or 1) and returning entries."""

    def register(build):  # noqa: ANN001, ANN202
        CASES[f"{rule}-{where}"] = (rule, jurisdiction, build)
        return build

    return register


def _plus(text: str, minutes: int) -> str:
    """Move an ISO local time by minutes."""
    day, clock = text.split("T")
    hour, minute = map(int, clock.split(":"))
    total = hour * 60 + minute + minutes
    moved = date.fromisoformat(day) + timedelta(days=total // 1440)
    return f"{moved}T{total % 1440 // 60:02d}:{total % 60:02d}"


def _weeks(first: str, count: int, pattern: list, skip: tuple[str, ...] = ()) -> list[dict]:
    monday = date.fromisoformat(first)
    return [e for e in weeks_of(monday, count, pattern) if e["start"][:10] not in skip]


def _skip_week(monday: str) -> tuple[str, ...]:
    first = date.fromisoformat(monday)
    return tuple((first + timedelta(days=d)).isoformat() for d in range(7))


MON_THU_12 = [(d, (7, 0), (19, 0)) for d in range(4)]  # 48 h
MON_WED_12 = [(d, (7, 0), (19, 0)) for d in range(3)]  # 36 h
MON_FRI_11 = [(d, (7, 0), (18, 0)) for d in range(5)]  # 55 h
MON_THU_11 = [(d, (7, 0), (18, 0)) for d in range(4)]  # 44 h
MON_FRI_16 = [(d, (6, 0), (22, 0)) for d in range(5)]  # 80 h
MON_THU_16 = [(d, (6, 0), (22, 0)) for d in range(4)]  # 64 h


# --- weekly limits ---------------------------------------------------------------------------

for _rule, _j in (("BE_WEEK_MAX", "BE"), ("NL_WEEK_MAX_60H", "NL")):

    @case(_rule, _j, "week-boundary")
    def _(over, _j=_j):
        # 48 + 8 + Sunday 20:00 to midnight (4 h) = 60 h; the night goes on into Monday.
        return [
            *_weeks("2025-01-06", 1, [*MON_THU_12, (4, (7, 0), (15, 0))]),
            entry(_plus("2025-01-12T20:00", -over), "2025-01-13T08:00"),
        ]

    @case(_rule, _j, "spring")
    def _(over):
        # Saturday 20:00 to Sunday 09:00 shows 13 h and lasts 12 h.
        return [
            *_weeks("2025-03-24", 1, MON_THU_12),
            entry("2025-03-29T20:00", _plus("2025-03-30T09:00", over)),
        ]

    @case(_rule, _j, "autumn")
    def _(over):
        # Saturday 20:00 to Sunday 07:00 shows 11 h and lasts 12 h.
        return [
            *_weeks("2025-10-20", 1, MON_THU_12),
            entry("2025-10-25T20:00", _plus("2025-10-26T07:00", over)),
        ]


# --- average limits (blocks aligned on 2025-01-06) -------------------------------------------


def _average_cases(rule: str, jurisdiction: str, n: int, full, short, spring, autumn):  # noqa: ANN001
    """Cases for an average rule whose weekly pattern ``full`` sits exactly at the limit."""
    first = date(2025, 1, 6)
    last_sunday = first + timedelta(weeks=n) - timedelta(days=1)

    @case(rule, jurisdiction, "block-boundary")
    def _(over):
        # The last Thursday ends 2 h early; 2 h of a Sunday night make up for it.
        entries = _weeks(first.isoformat(), n, full)
        entries[-1] = entry(entries[-1]["start"], _plus(entries[-1]["end"], -120))
        night = f"{last_sunday}T22:00"
        return [*entries, entry(_plus(night, -over), _plus(night, 240))]

    for where, (block_monday, dst_monday, saturday_night) in (
        ("spring", spring),
        ("autumn", autumn),
    ):

        @case(rule, jurisdiction, where)
        def _(over, block_monday=block_monday, dst_monday=dst_monday, night=saturday_night):
            # Every week at the limit; the week of the clock change makes its last 12 h (or
            # 11 h) with a Saturday night whose clock time is an hour off.
            entries = _weeks(block_monday, n, full, skip=_skip_week(dst_monday))
            entries += _weeks(dst_monday, 1, short)
            return [*entries, entry(night[0], _plus(night[1], over))]


_average_cases(
    "BE_AVG_13W",
    "BE",
    13,
    MON_THU_12,
    MON_WED_12,
    ("2025-01-06", "2025-03-24", ("2025-03-29T20:00", "2025-03-30T09:00")),
    ("2025-10-06", "2025-10-20", ("2025-10-25T20:00", "2025-10-26T07:00")),
)
_average_cases(
    "NL_AVG_4W_55H",
    "NL",
    4,
    MON_FRI_11,
    MON_THU_11,
    ("2025-03-03", "2025-03-24", ("2025-03-29T22:00", "2025-03-30T10:00")),
    ("2025-10-13", "2025-10-20", ("2025-10-25T22:00", "2025-10-26T08:00")),
)
_average_cases(
    "NL_AVG_16W_48H",
    "NL",
    16,
    MON_THU_12,
    MON_WED_12,
    ("2025-01-06", "2025-03-24", ("2025-03-29T20:00", "2025-03-30T09:00")),
    ("2025-08-18", "2025-10-20", ("2025-10-25T20:00", "2025-10-26T07:00")),
)
_average_cases(
    "EU_AVG_48H",
    "EU",
    17,
    MON_THU_12,
    MON_WED_12,
    ("2025-01-06", "2025-03-24", ("2025-03-29T20:00", "2025-03-30T09:00")),
    ("2025-09-01", "2025-10-20", ("2025-10-25T20:00", "2025-10-26T07:00")),
)
_average_cases(
    "US_AVG_80H_4W",
    "US",
    4,
    MON_FRI_16,
    MON_THU_16,
    ("2025-03-03", "2025-03-03", ("2025-03-08T20:00", "2025-03-09T13:00")),
    ("2025-10-13", "2025-10-27", ("2025-11-01T20:00", "2025-11-02T11:00")),
)


# --- stint limits ----------------------------------------------------------------------------


def _stint_cases(rule: str, jurisdiction: str, kind: str, boundary, spring, autumn) -> None:  # noqa: ANN001
    for where, (start, end) in (
        ("week-boundary", boundary),
        ("spring", spring),
        ("autumn", autumn),
    ):

        @case(rule, jurisdiction, where)
        def _(over, start=start, end=end):
            return [entry(start, _plus(end, over), kind)]


_stint_cases(
    "BE_STINT_MAX_24H",
    "BE",
    "oncall_inhouse",
    ("2025-01-12T08:00", "2025-01-13T08:00"),
    ("2025-03-29T07:00", "2025-03-30T08:00"),
    ("2025-10-25T09:00", "2025-10-26T08:00"),
)
_stint_cases(
    "NL_SHIFT_MAX_12H",
    "NL",
    "planned",
    ("2025-01-12T20:00", "2025-01-13T08:00"),
    ("2025-03-29T20:00", "2025-03-30T09:00"),
    ("2025-10-25T20:00", "2025-10-26T07:00"),
)
_stint_cases(
    "NL_ONCALL_MAX_24H",
    "NL",
    "oncall_inhouse",
    ("2025-01-12T08:00", "2025-01-13T08:00"),
    ("2025-03-29T07:00", "2025-03-30T08:00"),
    ("2025-10-25T09:00", "2025-10-26T08:00"),
)


def _us_shift(start: str, call_end: str):  # noqa: ANN202
    def build(over):  # noqa: ANN001, ANN202
        handover_end = _plus(call_end, 240 + over)
        return [
            entry(start, call_end, "oncall_inhouse"),
            entry(call_end, handover_end, "transition"),
        ]

    return build


for _where, _start, _end in (
    ("week-boundary", "2025-01-12T07:00", "2025-01-13T07:00"),
    ("spring", "2025-03-08T06:00", "2025-03-09T07:00"),
    ("autumn", "2025-11-01T08:00", "2025-11-02T07:00"),
):
    case("US_SHIFT_MAX_24_4", "US", _where)(_us_shift(_start, _end))


@case("US_SHIFT_MAX_24_4", "US", "autumn-clinical")
def _(over):
    return [entry(_plus("2025-11-01T08:00", -over), "2025-11-02T07:00", "oncall_inhouse")]


# --- rests after a stint ---------------------------------------------------------------------


def _rest_cases(rule: str, jurisdiction: str, kind: str, cases: dict) -> None:
    for where, (stint, next_start) in cases.items():

        @case(rule, jurisdiction, where)
        def _(over, stint=stint, next_start=next_start):
            start = _plus(next_start, -over)
            return [entry(*stint, kind), entry(start, _plus(next_start, 120))]


_rest_cases(
    "BE_REST_12H",
    "BE",
    "planned",
    {
        "week-boundary": (("2025-01-12T07:00", "2025-01-12T19:00"), "2025-01-13T07:00"),
        "spring": (("2025-03-29T08:00", "2025-03-29T20:00"), "2025-03-30T09:00"),
        "autumn": (("2025-10-25T08:00", "2025-10-25T20:00"), "2025-10-26T07:00"),
    },
)
# After in-house call the Dutch rest may not be shortened, so 11 h is the whole limit.
for _rule, _j, _kind in (("NL_REST_11H", "NL", "oncall_inhouse"), ("EU_REST_11H", "EU", "planned")):
    _rest_cases(
        _rule,
        _j,
        _kind,
        {
            "week-boundary": (("2025-01-12T08:00", "2025-01-12T17:00"), "2025-01-13T04:00"),
            "spring": (("2025-03-29T12:00", "2025-03-29T21:00"), "2025-03-30T09:00"),
            "autumn": (("2025-10-25T12:00", "2025-10-25T21:00"), "2025-10-26T07:00"),
        },
    )
_rest_cases(
    "US_REST_14H_AFTER_24H",
    "US",
    "oncall_inhouse",
    {
        "week-boundary": (("2025-01-11T18:00", "2025-01-12T18:00"), "2025-01-13T08:00"),
        "spring": (("2025-03-07T20:00", "2025-03-08T20:00"), "2025-03-09T11:00"),  # 15 h shown
        "autumn": (("2025-11-01T08:00", "2025-11-02T07:00"), "2025-11-02T21:00"),
    },
)


# --- weekly rests (the middle of three weeks) -------------------------------------------------

WEEKDAYS_8_17 = [(d, (8, 0), (17, 0)) for d in range(5)]


def _weekly_rest(first_monday: str, rest_end: str, sunday_rest_start: str):  # noqa: ANN202
    """Three weeks of weekday shifts; the middle Sunday's shift starts when its rest ends."""

    def build(over):  # noqa: ANN001, ANN202
        monday = date.fromisoformat(first_monday)
        entries = _weeks(first_monday, 3, WEEKDAYS_8_17)
        for w in range(3):
            sunday = monday + timedelta(weeks=w, days=6)
            start = f"{sunday}T{sunday_rest_start}"
            if w == 1:
                start = _plus(rest_end, -over)
            entries.append(entry(start, f"{sunday}T20:00"))
        return entries

    return build


for _where, _first, _end, _normal in (
    ("spring", "2025-03-17", "2025-03-30T06:00", "05:00"),  # from Friday 17:00: 37 h shown
    ("autumn", "2025-10-13", "2025-10-26T04:00", "05:00"),  # 35 h shown
    ("plain", "2025-01-06", "2025-01-19T05:00", "05:00"),
):
    case("NL_WEEKLY_REST_36H", "NL", _where)(_weekly_rest(_first, _end, _normal))


def _eu_weekly_rest(first_monday: str, saturday_end: str):  # noqa: ANN202
    """Three weeks of weekday shifts; the middle Saturday ends 35 h before Sunday 20:00."""

    def build(over):  # noqa: ANN001, ANN202
        monday = date.fromisoformat(first_monday)
        entries = _weeks(first_monday, 3, WEEKDAYS_8_17)
        for w in range(3):
            saturday = monday + timedelta(weeks=w, days=5)
            end = _plus(saturday_end, over) if w == 1 else f"{saturday}T09:00"
            entries.append(entry(_plus(end, -60 - over) if w == 1 else f"{saturday}T08:00", end))
            entries.append(
                entry(
                    f"{saturday + timedelta(days=1)}T20:00", f"{saturday + timedelta(days=1)}T21:00"
                )
            )
        return entries

    return build


for _where, _first, _end in (
    ("plain", "2025-01-06", "2025-01-18T09:00"),
    ("spring", "2025-03-17", "2025-03-29T08:00"),  # to Sunday 20:00: 36 h shown, 35 h real
    ("autumn", "2025-10-13", "2025-10-25T10:00"),  # 34 h shown, 35 h real
):
    case("EU_WEEKLY_REST_35H", "EU", _where)(_eu_weekly_rest(_first, _end))


@case("EU_WEEKLY_REST_35H", "EU", "week-boundary")
def _(over):
    # Sunday 20:00 to Tuesday 11:00 is 39 h, of which 35 h lie in the middle week.
    busy = [(d, (8, 0), (17, 0)) for d in range(6)] + [(6, (8, 0), (20, 0))]
    middle = [(d, (8, 0), (17, 0)) for d in range(2, 7)]
    return [
        *_weeks("2025-01-06", 1, busy),
        entry(_plus("2025-01-14T11:00", -over), "2025-01-14T17:00"),
        *_weeks("2025-01-13", 1, middle),
        entry("2025-01-20T08:00", "2025-01-20T17:00"),
    ]


def _nl_fortnight(first_monday: str, long_rest: tuple[str, str], rest_32: tuple[str, str]):  # noqa: ANN202
    """Two weeks with no 36 h rest in the second but 40 h + 32 h in the fortnight (72 h)."""

    def build(over):  # noqa: ANN001, ANN202
        monday = date.fromisoformat(first_monday)
        second = monday + timedelta(weeks=1)
        entries = []
        for d in range(14):
            day = monday + timedelta(days=d)
            text = day.isoformat()
            if long_rest[0][:10] <= text <= long_rest[1][:10]:
                continue
            if rest_32[0][:10] <= text <= rest_32[1][:10]:
                continue
            entries.append(entry(f"{text}T08:00", f"{text}T17:00"))
        entries.append(entry(_plus(long_rest[0], -120), long_rest[0]))
        entries.append(entry(long_rest[1], _plus(long_rest[1], 120)))
        entries.append(entry(_plus(rest_32[0], -120), _plus(rest_32[0], over)))
        entries.append(entry(rest_32[1], _plus(rest_32[1], 60)))
        entries.append(
            entry(f"{second + timedelta(weeks=1)}T08:00", f"{second + timedelta(weeks=1)}T17:00")
        )
        return entries

    return build


# Pairs of periods from reference_start 2025-01-06: (6, 13 January), (17, 24 March),
# (13, 20 October). The second week of each pair relies on the 72 h alternative.
for _where, _first, _long, _short in (
    (
        "72h-plain",
        "2025-01-06",
        ("2025-01-10T17:00", "2025-01-12T09:00"),
        ("2025-01-18T12:00", "2025-01-19T20:00"),
    ),
    # Saturday 12:00 to Sunday 21:00 shows 33 h and lasts 32 h.
    (
        "72h-spring",
        "2025-03-17",
        ("2025-03-21T17:00", "2025-03-23T09:00"),
        ("2025-03-29T12:00", "2025-03-30T21:00"),
    ),
    # Saturday 12:00 to Sunday 19:00 shows 31 h and lasts 32 h.
    (
        "72h-autumn",
        "2025-10-13",
        ("2025-10-17T17:00", "2025-10-19T09:00"),
        ("2025-10-25T12:00", "2025-10-26T19:00"),
    ),
):
    case("NL_WEEKLY_REST_36H", "NL", _where)(_nl_fortnight(_first, _long, _short))


@case("NL_WEEKLY_REST_36H", "NL", "72h-week-boundary")
def _(over):
    # First week: Thursday 17:00 to Saturday 05:00 (36 h). Saturday 17:00 to Monday 05:00
    # (36 h) crosses into the second week, which has only 29 h of it: with the 36 h of the
    # first week the fortnight holds 72 h in rests of at least 32 h.
    first = [(d, (8, 0), (17, 0)) for d in range(4)]
    second = [(d, (8, 0), (17, 0)) for d in range(1, 7)]
    return [
        *_weeks("2025-01-06", 1, first),
        entry("2025-01-11T05:00", _plus("2025-01-11T17:00", over)),
        entry("2025-01-13T05:00", "2025-01-13T17:00"),
        *_weeks("2025-01-13", 1, second),
        entry("2025-01-20T08:00", "2025-01-20T17:00"),
    ]


# --- US counts -------------------------------------------------------------------------------


def _days_off(block_monday: str, windows: list[tuple[str, str]]):  # noqa: ANN202
    """Work 08:00-12:00 each day of the block; four free windows, the first exactly 24 h."""

    def build(over):  # noqa: ANN001, ANN202
        monday = date.fromisoformat(block_monday)
        around = [(_plus(start, -60), _plus(end, 60)) for start, end in windows]
        entries = []
        for d in range(28):
            day = monday + timedelta(days=d)
            s, e = f"{day}T08:00", f"{day}T12:00"
            if not any(s < hi and e > lo for lo, hi in around):
                entries.append(entry(s, e))
        for k, (start, end) in enumerate(windows):
            tight = over if k == 0 else 0
            entries.append(entry(_plus(start, -60), _plus(start, tight)))
            entries.append(entry(end, _plus(end, 60)))
        return entries

    return build


for _where, _monday, _windows in (
    (
        "spring",  # Sunday 00:00 EST to Monday 01:00 EDT is 24 h
        "2025-03-03",
        [
            ("2025-03-09T00:00", "2025-03-10T01:00"),
            ("2025-03-16T00:00", "2025-03-17T00:00"),
            ("2025-03-23T00:00", "2025-03-24T00:00"),
            ("2025-03-30T00:00", "2025-03-31T00:00"),
        ],
    ),
    (
        "autumn",  # Sunday 00:00 EDT to 23:00 EST is 24 h
        "2025-10-13",
        [
            ("2025-11-02T00:00", "2025-11-02T23:00"),
            ("2025-10-19T00:00", "2025-10-20T00:00"),
            ("2025-10-26T00:00", "2025-10-27T00:00"),
            ("2025-11-09T00:00", "2025-11-10T00:00"),
        ],
    ),
    (
        "week-boundary",  # Sunday noon to Monday noon
        "2025-01-06",
        [
            ("2025-01-12T12:00", "2025-01-13T12:00"),
            ("2025-01-19T00:00", "2025-01-20T00:00"),
            ("2025-01-26T00:00", "2025-01-27T00:00"),
            ("2025-02-02T00:00", "2025-02-03T00:00"),
        ],
    ),
):
    case("US_DAY_OFF_1_IN_7", "US", _where)(_days_off(_monday, _windows))


def _calls(block_monday: str, long_call: tuple[str, str]):  # noqa: ANN202
    """Nine short in-house calls plus one run of 24 h: ten calls; a minute more makes two."""

    def build(over):  # noqa: ANN001, ANN202
        monday = date.fromisoformat(block_monday)
        taken = {long_call[0][:10], long_call[1][:10]}
        days = [monday + timedelta(days=d) for d in range(28)]
        free = [d for d in days if d.isoformat() not in taken]
        calls = [entry(f"{day}T17:00", f"{day}T23:00", "oncall_inhouse") for day in free[::2]][:9]
        # Two touching entries: the run is one call up to 24 h from its start.
        middle = _plus(long_call[0], 600)
        run_ = [
            entry(long_call[0], middle, "oncall_inhouse"),
            entry(middle, _plus(long_call[1], over), "oncall_inhouse"),
        ]
        return [*calls, *run_]

    return build


for _where, _monday, _call in (
    ("spring", "2025-03-03", ("2025-03-08T07:00", "2025-03-09T08:00")),  # 25 h shown
    ("autumn", "2025-10-13", ("2025-11-01T09:00", "2025-11-02T08:00")),  # 23 h shown
    ("week-boundary", "2025-01-06", ("2025-01-12T08:00", "2025-01-13T08:00")),
):
    case("US_INHOUSE_CALL_Q3", "US", _where)(_calls(_monday, _call))


# --- NL night shifts -------------------------------------------------------------------------


def _night_rest(first_night: tuple[str, str], night: tuple[str, str], next_start: str):  # noqa: ANN202
    """A night shift with its 8 h shortened rest, then within 7 x 24 h a night needing 14 h."""

    def build(over):  # noqa: ANN001, ANN202
        shortened_end = _plus(first_night[1], 8 * 60)
        return [
            entry(*first_night),
            entry(shortened_end, _plus(shortened_end, 60)),
            entry(*night),
            entry(_plus(next_start, -over), _plus(next_start, 60)),
        ]

    return build


for _where, _first, _night, _next in (
    (
        "week-boundary",
        ("2025-01-10T22:00", "2025-01-11T07:00"),
        ("2025-01-12T22:00", "2025-01-13T07:00"),
        "2025-01-13T21:00",
    ),
    (
        "spring",  # the night of the clock change lasts 8 h; 14 h after 08:00
        ("2025-03-27T22:00", "2025-03-28T07:00"),
        ("2025-03-29T23:00", "2025-03-30T08:00"),
        "2025-03-30T22:00",
    ),
    (
        "autumn",
        ("2025-10-23T22:00", "2025-10-24T07:00"),
        ("2025-10-25T23:00", "2025-10-26T07:00"),
        "2025-10-26T21:00",
    ),
):
    case("NL_NIGHT_REST_14H", "NL", _where)(_night_rest(_first, _night, _next))


for _where, _start, _end in (
    ("week-boundary", "2025-01-12T20:00", "2025-01-13T08:00"),
    ("spring", "2025-03-29T20:00", "2025-03-30T09:00"),  # 13 h shown, 12 h real
    ("autumn", "2025-10-25T20:00", "2025-10-26T07:00"),  # 11 h shown, 12 h real
):
    # One night of 12 h is within the allowance; a minute more is over the 12 h ceiling.
    case("NL_NIGHT_SHIFT_MAX_10H", "NL", _where)(
        lambda over, _start=_start, _end=_end: [entry(_start, _plus(_end, over))]
    )


@case("NL_NIGHT_SHIFT_MAX_10H", "NL", "sixth-long-night")
def _(over):
    # Five nights of 11 h in 14 x 24 h are allowed; the sixth, a minute less than 14 x 24 h
    # after the first, is not.
    nights = [
        entry(f"2025-01-{6 + 2 * k:02d}T21:00", f"2025-01-{7 + 2 * k:02d}T08:00") for k in range(5)
    ]
    return [*nights, entry(_plus("2025-01-20T21:00", -over), _plus("2025-01-21T08:00", -over))]


def _night_count(block_monday: str, residue: int, extra: tuple[str, str]):  # noqa: ANN202
    """36 night shifts in a 16-week block; one more shift with exactly 1 h of night in it."""

    def build(over):  # noqa: ANN001, ANN202
        monday = date.fromisoformat(block_monday)
        nights = []
        for d in range(residue, 112, 3):
            day = monday + timedelta(days=d)
            nights.append(entry(f"{day}T22:00", f"{day + timedelta(days=1)}T06:00"))
        return [*nights[:36], entry(extra[0], _plus(extra[1], over))]

    return build


for _where, _monday, _residue, _extra in (
    ("week-boundary", "2025-01-06", 1, ("2025-01-12T23:00", "2025-01-13T01:00")),
    ("spring", "2025-01-06", 0, ("2025-03-30T01:00", "2025-03-30T03:00")),  # 2 h shown, 1 h real
    ("autumn", "2025-08-18", 1, ("2025-10-26T01:00", "2025-10-26T02:00")),  # the first 02:00
):
    case("NL_NIGHT_SHIFTS_16W", "NL", _where)(_night_count(_monday, _residue, _extra))


def _rolling_short_rests(first_end: str, second_end: str):  # noqa: ANN202
    """Two rests of 9 h: allowed when they start 7 x 24 h apart, not a minute sooner."""

    def build(over):  # noqa: ANN001, ANN202
        second = _plus(second_end, -over)
        return [
            entry(_plus(first_end, -540), first_end),
            entry(_plus(first_end, 540), _plus(first_end, 600)),
            entry(_plus(second, -540), second),
            entry(_plus(second, 540), _plus(second, 600)),
        ]

    return build


for _where, _first, _second in (
    ("rolling-week-boundary", "2025-01-12T20:00", "2025-01-19T20:00"),
    ("rolling-spring", "2025-03-23T20:00", "2025-03-30T21:00"),  # 168 h real
    ("rolling-autumn", "2025-10-19T20:00", "2025-10-26T19:00"),
):
    case("NL_REST_11H", "NL", _where)(_rolling_short_rests(_first, _second))


# --- BE restrictive home standby (Matzak) ----------------------------------------------------


def _restrictive(start: str, end: str, monday: str, early: bool = False):  # noqa: ANN202
    def build(over):  # noqa: ANN001, ANN202
        if early:  # the standby goes on into the next week; it starts a minute earlier
            standby = entry(_plus(start, -over), end, "oncall_home_standby")
        else:
            standby = entry(start, _plus(end, over), "oncall_home_standby")
        standby["restrictive"] = True
        return [*_weeks(monday, 1, MON_THU_12), standby]

    return build


for _where, _start, _end, _monday, _early in (
    ("restrictive-week-boundary", "2025-01-12T12:00", "2025-01-13T08:00", "2025-01-06", True),
    ("restrictive-spring", "2025-03-29T20:00", "2025-03-30T09:00", "2025-03-24", False),
    ("restrictive-autumn", "2025-10-25T20:00", "2025-10-26T07:00", "2025-10-20", False),
):
    # 48 h of work plus 12 h of restrictive standby in the week: 60 h, the week limit.
    case("BE_WEEK_MAX", "BE", _where)(_restrictive(_start, _end, _monday, _early))


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_schedule_at_the_limit_is_allowed_and_one_minute_over_is_not(name):
    rule, jurisdiction, build = CASES[name]
    assert broken(run(jurisdiction, build(0)), rule) == []
    assert len(broken(run(jurisdiction, build(1)), rule)) == 1


def test_every_rule_has_its_week_boundary_and_clock_change_cases():
    covered = {}
    for rule, _, _ in CASES.values():
        covered[rule] = covered.get(rule, 0) + 1
    places = {name.split("-", 1)[1] for name in CASES}
    assert {"week-boundary", "spring", "autumn"} <= places
    assert {rule: n >= 3 for rule, n in covered.items()} == dict.fromkeys(RULE_IDS, True)
