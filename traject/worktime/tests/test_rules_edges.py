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


def _eu_weekly_rest(first_monday: str, rest_end: str):  # noqa: ANN202
    """Three weeks of Monday-Saturday shifts with a Sunday evening shift after the rest."""

    def build(over):  # noqa: ANN001, ANN202
        monday = date.fromisoformat(first_monday)
        entries = _weeks(first_monday, 3, [*WEEKDAYS_8_17, (5, (8, 0), (17, 0))])
        for w in range(3):
            sunday = monday + timedelta(weeks=w, days=6)
            start = _plus(rest_end, -over) if w == 1 else f"{sunday}T17:00"
            entries.append(entry(start, f"{sunday}T21:00"))
        return entries

    return build


for _where, _first, _end in (
    ("spring", "2025-03-17", "2025-03-30T18:00"),  # from Saturday 17:00: 25 h shown
    ("autumn", "2025-10-13", "2025-10-26T16:00"),  # 23 h shown
):
    case("EU_WEEKLY_REST_24H", "EU", _where)(_eu_weekly_rest(_first, _end))


@case("EU_WEEKLY_REST_24H", "EU", "week-boundary")
def _(over):
    # Sunday 20:00 to Monday 20:00 is the middle week's only long rest.
    busy = [(d, (8, 0), (17, 0)) for d in range(6)] + [(6, (8, 0), (20, 0))]
    middle = [(d, (8, 0), (17, 0)) for d in range(1, 7)]
    return [
        *_weeks("2025-01-06", 1, busy),
        entry(_plus("2025-01-13T20:00", -over), "2025-01-13T23:00"),
        *_weeks("2025-01-13", 1, middle),
        entry("2025-01-20T08:00", "2025-01-20T17:00"),
    ]


# --- US counts -------------------------------------------------------------------------------


def _days_off(block_monday: str, free: list[str], night: tuple[str, str]):  # noqa: ANN202
    """Work 08:00-12:00 every day of the block but four; a night ends at a free day's midnight."""

    def build(over):  # noqa: ANN001, ANN202
        monday = date.fromisoformat(block_monday)
        entries = []
        for d in range(28):
            day = monday + timedelta(days=d)
            if day.isoformat() not in free and day.isoformat() != night[0][:10]:
                entries.append(entry(f"{day}T08:00", f"{day}T12:00"))
        return [*entries, entry(night[0], _plus(night[1], over))]

    return build


for _where, _monday, _free, _night in (
    (
        "spring",
        "2025-03-03",
        ["2025-03-09", "2025-03-16", "2025-03-23", "2025-03-30"],
        ("2025-03-08T20:00", "2025-03-09T00:00"),
    ),
    (
        "autumn",
        "2025-10-13",
        ["2025-10-19", "2025-10-26", "2025-11-02", "2025-11-09"],
        ("2025-11-01T20:00", "2025-11-02T00:00"),
    ),
    (
        "week-boundary",
        "2025-01-06",
        ["2025-01-13", "2025-01-19", "2025-01-26", "2025-02-02"],
        ("2025-01-12T20:00", "2025-01-13T00:00"),
    ),
):
    case("US_DAY_OFF_1_IN_7", "US", _where)(_days_off(_monday, _free, _night))


def _calls(block_monday: str, over_night: tuple[str, str]):  # noqa: ANN202
    """Eight short in-house calls every third day plus one overnight call: nine, or ten."""

    def build(over):  # noqa: ANN001, ANN202
        monday = date.fromisoformat(block_monday)
        days = [monday + timedelta(days=d) for d in range(1, 28, 3)]
        night_day = over_night[0][:10]
        calls = [
            entry(f"{day}T17:00", f"{day}T23:00", "oncall_inhouse")
            for day in days
            if day.isoformat() != night_day
        ][:8]
        extra = [entry(f"{monday}T06:00", f"{monday}T07:00", "oncall_inhouse")] if over else []
        return [*calls, entry(*over_night, "oncall_inhouse"), *extra]

    return build


for _where, _monday, _night in (
    ("spring", "2025-03-03", ("2025-03-08T20:00", "2025-03-09T08:00")),
    ("autumn", "2025-10-13", ("2025-11-01T20:00", "2025-11-02T08:00")),
    ("week-boundary", "2025-01-06", ("2025-01-12T20:00", "2025-01-13T08:00")),
):
    case("US_INHOUSE_CALL_Q3", "US", _where)(_calls(_monday, _night))


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
