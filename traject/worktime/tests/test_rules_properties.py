"""Invariants over random schedules (hypothesis), and a slow reference model to compare with.

The reference model below is written independently of the engine, one entry and one day at
a time with zoneinfo, so that the vectorised code is checked against plain arithmetic.
"""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from traject.worktime.rules import (
    COUNTED_KINDS,
    check,
    evaluate,
    evaluate_many,
    parse_schedule,
)
from traject.worktime.tests.test_rules_support import _no_lockouts, entry, leave  # noqa: F401

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Mondays of weeks with a clock change in Europe and in the US, and a plain week.
BASES = [
    datetime(2025, 3, 24, tzinfo=UTC),
    datetime(2025, 10, 20, tzinfo=UTC),
    datetime(2025, 3, 3, tzinfo=UTC),
    datetime(2025, 10, 27, tzinfo=UTC),
    datetime(2025, 1, 6, tzinfo=UTC),
]
ZONES = {
    "BE": "Europe/Brussels",
    "NL": "Europe/Amsterdam",
    "EU": "Europe/Brussels",
    "US": "America/New_York",
}
QUARTER = timedelta(minutes=15)


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="minutes")


@st.composite
def schedules(draw, jurisdiction: str | None = None, zone: str | None = None) -> dict:
    """Draw a valid schedule: a chain of counted entries, a chain of standby, leave days."""
    jurisdiction = jurisdiction or draw(st.sampled_from(sorted(ZONES)))
    base = draw(st.sampled_from(BASES))
    entries = []
    moment = base + QUARTER * draw(st.integers(-96, 96))
    for _ in range(draw(st.integers(0, 18))):
        # Gaps of 0 make touching entries; up to 50 h keeps rests near every limit.
        start = moment + QUARTER * draw(st.one_of(st.just(0), st.integers(1, 200)))
        end = start + QUARTER * draw(st.integers(1, 116))
        entries.append(entry(_iso(start), _iso(end), draw(st.sampled_from(COUNTED_KINDS))))
        moment = end
    moment = base + QUARTER * draw(st.integers(-96, 96))
    for _ in range(draw(st.integers(0, 4))):
        start = moment + QUARTER * draw(st.one_of(st.just(0), st.integers(1, 300)))
        end = start + QUARTER * draw(st.integers(1, 250))
        entries.append(entry(_iso(start), _iso(end), "oncall_home_standby"))
        moment = end
    offsets = draw(st.sets(st.integers(-3, 40), max_size=5))
    kinds = st.sampled_from(["vacation", "sick", "leave"])
    entries += [leave((base.date() + timedelta(days=d)).isoformat(), draw(kinds)) for d in offsets]
    entries = draw(st.permutations(entries))
    monday = base.date() + timedelta(weeks=draw(st.integers(-20, 20)))
    return {
        "jurisdiction": jurisdiction,
        "timezone": zone or ZONES[jurisdiction],
        "reference_start": monday.isoformat(),
        "opt_out": draw(st.sampled_from([False, True, [{"from": base.date().isoformat()}]])),
        "entries": list(entries),
    }


# --- invariants ------------------------------------------------------------------------------


@SETTINGS
@given(data=st.data(), schedule=schedules())
def test_splitting_an_entry_into_two_touching_entries_changes_nothing(data, schedule):
    timed = [i for i, e in enumerate(schedule["entries"]) if "start" in e]
    if not timed:
        return
    i = data.draw(st.sampled_from(timed))
    original = schedule["entries"][i]
    start = datetime.fromisoformat(original["start"])
    quarters = int((datetime.fromisoformat(original["end"]) - start) / QUARTER)
    if quarters < 2:
        return
    cut = _iso(start + QUARTER * data.draw(st.integers(1, quarters - 1)))
    split = dict(schedule)
    split["entries"] = [
        *schedule["entries"][:i],
        entry(original["start"], cut, original["kind"]),
        entry(cut, original["end"], original["kind"]),
        *schedule["entries"][i + 1 :],
    ]
    assert check(split, "en") == check(schedule, "en")


def _shift_day(text: str, weeks: int) -> str:
    day = date.fromisoformat(text[:10]) + timedelta(weeks=weeks)
    return day.isoformat() + text[10:]


HOLIDAY_FIELDS = ("holiday_hours", "standby_blocks_weekday_day", "standby_blocks_other")


def _without_dates(report: dict, weeks: int) -> dict:
    """Return the report with its dates moved back by whole weeks and holiday fields removed."""
    return {
        "compliant": report["compliant"],
        "violations": [
            (
                v["rule"],
                _shift_day(v["start"], -weeks),
                _shift_day(v["end"], -weeks),
                v["value"],
                v["limit"],
            )
            for v in report["violations"]
        ],
        "weeks": [
            {k: v for k, v in w.items() if k not in HOLIDAY_FIELDS}
            | {"start": _shift_day(w["start"], -weeks)}
            for w in report["weeks"]
        ],
        "blocks": [
            b | {"start": _shift_day(b["start"], -weeks), "end": _shift_day(b["end"], -weeks)}
            for b in report["blocks"]
        ],
    }


@SETTINGS
@given(
    schedule=schedules(zone="UTC"),
    weeks=st.integers(-60, 60).filter(bool),
)
def test_moving_a_schedule_by_whole_weeks_changes_only_its_dates(schedule, weeks):
    moved = dict(schedule)
    moved["reference_start"] = _shift_day(schedule["reference_start"], weeks)
    moved["entries"] = [
        {k: _shift_day(v, weeks) if k in ("start", "end", "date") else v for k, v in e.items()}
        for e in schedule["entries"]
    ]
    if isinstance(schedule["opt_out"], list):
        moved["opt_out"] = [{"from": _shift_day(p["from"], weeks)} for p in schedule["opt_out"]]
    assert _without_dates(check(moved, "en"), weeks) == _without_dates(check(schedule, "en"), 0)


@SETTINGS
@given(data=st.data(), schedule=schedules())
def test_adding_a_standby_never_adds_counted_hours(data, schedule):
    before = check(schedule, "en")
    stand_ins = [e for e in schedule["entries"] if e.get("kind") == "oncall_home_standby"]
    start = datetime(2025, 1, 1, tzinfo=UTC) + QUARTER * data.draw(st.integers(0, 40000))
    end = start + QUARTER * data.draw(st.integers(1, 400))
    for other in stand_ins:  # standby may not overlap standby
        if datetime.fromisoformat(other["start"]) < end and start < datetime.fromisoformat(
            other["end"]
        ):
            return
    schedule = dict(schedule)
    schedule["entries"] = [
        *schedule["entries"],
        entry(_iso(start), _iso(end), "oncall_home_standby"),
    ]
    after = check(schedule, "en")
    old_weeks = {w["start"]: w for w in before["weeks"]}
    for w in after["weeks"]:
        old = old_weeks.get(w["start"])
        counted = {k: v for k, v in w["hours_by_kind"].items() if k != "oncall_home_standby"}
        if old is None:
            assert w["hours"] == 0 and not any(counted.values())
        else:
            assert w["hours"] == old["hours"]
            assert w["night_hours"] == old["night_hours"]
            assert counted == {
                k: v for k, v in old["hours_by_kind"].items() if k != "oncall_home_standby"
            }
    old_blocks = {(b["rule"], b["start"]): b["hours"] for b in before["blocks"]}
    for b in after["blocks"]:
        assert b["hours"] == old_blocks.get((b["rule"], b["start"]), 0.0)


@SETTINGS
@given(batch=st.lists(schedules(), min_size=1, max_size=6))
def test_a_batch_gives_each_schedule_the_report_it_gets_alone(batch):
    parsed = [parse_schedule(s) for s in batch]
    together = [r.to_dict() for r in evaluate_many(parsed, "fr")]
    assert together == [evaluate(s, "fr").to_dict() for s in parsed]


# --- reference model -------------------------------------------------------------------------


def _instants(schedule: dict) -> tuple[list[tuple[datetime, datetime, str]], ZoneInfo]:
    zone = ZoneInfo(schedule["timezone"])
    result = []
    for e in schedule["entries"]:
        if "start" in e:
            result.append(
                (datetime.fromisoformat(e["start"]), datetime.fromisoformat(e["end"]), e["kind"])
            )
    return result, zone


def _local_midnight(day: date, zone: ZoneInfo) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=zone).astimezone(UTC)


def _overlap(a0: datetime, a1: datetime, b0: datetime, b1: datetime) -> float:
    return max(0.0, (min(a1, b1) - max(a0, b0)).total_seconds())


def _reference_weeks(schedule: dict) -> dict[str, tuple[float, float, float]]:
    """Return counted, night and weekend hours per week, one local day at a time."""
    entries, zone = _instants(schedule)
    totals: dict[str, list[float]] = {}
    for start, end, kind in entries:
        if kind == "oncall_home_standby":
            continue
        day = start.astimezone(zone).date() - timedelta(days=1)
        while _local_midnight(day, zone) < end:
            next_day = day + timedelta(days=1)
            midnight, next_midnight = _local_midnight(day, zone), _local_midnight(next_day, zone)
            morning = datetime(day.year, day.month, day.day, 8, tzinfo=zone).astimezone(UTC)
            evening = datetime(day.year, day.month, day.day, 20, tzinfo=zone).astimezone(UTC)
            worked = _overlap(start, end, midnight, next_midnight)
            if worked:
                night = _overlap(start, end, midnight, morning)
                night += _overlap(start, end, evening, next_midnight)
                monday = (day - timedelta(days=day.weekday())).isoformat()
                row = totals.setdefault(monday, [0.0, 0.0, 0.0])
                row[0] += worked
                row[1] += night
                row[2] += worked if day.weekday() >= 5 else 0.0
            day = next_day
    return {k: tuple(round(v / 3600, 2) for v in row) for k, row in totals.items()}


def _stints(schedule: dict) -> list[tuple[datetime, datetime, bool]]:
    entries, _ = _instants(schedule)
    counted = sorted((s, e, k) for s, e, k in entries if k != "oncall_home_standby")
    stints: list[list] = []
    for start, end, kind in counted:
        if stints and start <= stints[-1][1]:
            stints[-1][1] = max(stints[-1][1], end)
            stints[-1][2] |= kind == "oncall_inhouse"
        else:
            stints.append([start, end, kind == "oncall_inhouse"])
    return [tuple(s) for s in stints]


def _local_text(moment: datetime, zone: ZoneInfo) -> str:
    return moment.astimezone(zone).replace(tzinfo=None).isoformat(timespec="minutes")


def _reference_rest_violations(schedule: dict) -> list[tuple[str, str, float, float]]:
    """Return NL_REST_11H violations: 11 h, 8 h once in any 7 x 24 h, never after in-house call."""
    zone = ZoneInfo(schedule["timezone"])
    stints = _stints(schedule)
    last_shortened = None
    found = []
    for (_, end, inhouse), (start, _, _) in zip(stints, stints[1:], strict=False):
        rest = (start - end).total_seconds() / 3600
        limit = 11.0
        free = last_shortened is None or end - last_shortened >= timedelta(hours=168)
        if rest < 11 and not inhouse and free:
            last_shortened = end
            limit = 8.0
        if rest < limit:
            found.append((_local_text(end, zone), _local_text(start, zone), round(rest, 2), limit))
    return found


@SETTINGS
@given(schedule=schedules())
def test_weekly_hours_match_a_day_by_day_reference(schedule):
    report = check(schedule, "en")
    expected = _reference_weeks(schedule)
    for w in report["weeks"]:
        assert (w["hours"], w["night_hours"], w["weekend_hours"]) == expected.get(
            w["start"], (0.0, 0.0, 0.0)
        )
    assert set(expected) <= {w["start"] for w in report["weeks"]}


@SETTINGS
@given(schedule=schedules(jurisdiction="NL"))
def test_dutch_rest_violations_match_a_sequential_reference(schedule):
    report = check(schedule, "en")
    found = [
        (v["start"], v["end"], v["value"], v["limit"])
        for v in report["violations"]
        if v["rule"] == "NL_REST_11H"
    ]
    assert found == _reference_rest_violations(schedule)


@SETTINGS
@given(schedule=schedules(jurisdiction="BE"))
def test_belgian_stint_and_rest_violations_match_a_reference(schedule):
    zone = ZoneInfo(schedule["timezone"])
    stints = _stints(schedule)
    long_stints = [
        (_local_text(s, zone), _local_text(e, zone), round((e - s).total_seconds() / 3600, 2))
        for s, e, _ in stints
        if e - s > timedelta(hours=24)
    ]
    short_rests = [
        (_local_text(e, zone), _local_text(s2, zone), round((s2 - e).total_seconds() / 3600, 2))
        for (s, e, _), (s2, _, _) in zip(stints, stints[1:], strict=False)
        if e - s >= timedelta(hours=12) and s2 - e < timedelta(hours=12)
    ]
    report = check(schedule, "en")

    def of(rule: str) -> list[tuple[str, str, float]]:
        return [
            (v["start"], v["end"], v["value"]) for v in report["violations"] if v["rule"] == rule
        ]

    assert of("BE_STINT_MAX_24H") == long_stints
    assert of("BE_REST_12H") == short_rests


@pytest.mark.parametrize("zone", ["Europe/Brussels", "America/New_York", "Australia/Lord_Howe"])
def test_every_local_day_of_a_year_adds_up_to_its_real_length(zone):
    # Lord Howe moves its clocks by half an hour: the day boundaries must still add up.
    schedule = {
        "jurisdiction": "EU",
        "timezone": zone,
        "reference_start": "2024-12-30",
        "entries": [entry("2025-01-01T00:00", "2026-01-01T00:00", "oncall_home_standby")],
    }
    report = check(schedule, "en")
    total = sum(w["standby_hours"] for w in report["weeks"])
    start = datetime(2025, 1, 1, tzinfo=ZoneInfo(zone))
    end = datetime(2026, 1, 1, tzinfo=ZoneInfo(zone))
    assert round(total, 2) == (end - start).total_seconds() / 3600


def _local_monday(day: date, zone: ZoneInfo) -> datetime:
    return _local_midnight(day - timedelta(days=day.weekday()), zone)


@SETTINGS
@given(schedule=schedules(jurisdiction="NL"))
def test_weekly_rest_violations_match_a_reference(schedule):
    # Periods of 7 x 24 real hours from reference_start 00:00 local; a rest counts with its
    # part inside the period; or 72 h in the 14 x 24 h period, in rests of 32 h or more. The
    # unknown time before the first and after the last stint blames nothing.
    report = check(schedule, "en")
    zone = ZoneInfo(schedule["timezone"])
    stints = _stints(schedule)
    ref = date.fromisoformat(schedule["reference_start"])
    origin = _local_midnight(ref, zone)
    inner = [(e, s2) for (_, e, _), (s2, _, _) in zip(stints, stints[1:], strict=False)]
    expected = []
    for w in report["weeks"]:
        k = (date.fromisoformat(w["start"]) - ref).days // 7
        lo, hi = origin + timedelta(weeks=k), origin + timedelta(weeks=k + 1)
        q_lo, q_hi = origin + timedelta(weeks=k // 2 * 2), origin + timedelta(weeks=k // 2 * 2 + 2)
        if not stints or stints[0][0] > lo or stints[-1][1] < hi:
            continue
        parts = [min(e, hi) - max(s, lo) for s, e in inner if s < hi and e > lo]
        longest = max(parts, default=timedelta(0))
        pair = [min(e, q_hi) - max(s, q_lo) for s, e in inner if s < q_hi and e > q_lo]
        total = sum((p for p in pair if p >= timedelta(hours=32)), timedelta(0))
        if longest < timedelta(hours=36) and total < timedelta(hours=72):
            expected.append((f"{w['start']}T00:00", round(longest.total_seconds() / 3600, 2)))
    found = [
        (v["start"], v["value"]) for v in report["violations"] if v["rule"] == "NL_WEEKLY_REST_36H"
    ]
    assert found == expected


@SETTINGS
@given(schedule=schedules(jurisdiction="US"))
def test_days_off_match_a_reference(schedule):
    # A day off is a continuous 24 h free of counted time and standby inside the block; the
    # periods may not overlap, so each free stretch holds (its part in the block) // 24 h.
    report = check(schedule, "en")
    entries, zone = _instants(schedule)
    busy: list[list[datetime]] = []
    for start, end, _ in sorted(entries):
        if busy and start <= busy[-1][1]:
            busy[-1][1] = max(busy[-1][1], end)
        else:
            busy.append([start, end])
    reference = date.fromisoformat(schedule["reference_start"])
    expected = []
    for b in report["blocks"]:
        first = date.fromisoformat(b["start"][:10])
        assert (first - reference).days % 28 == 0
        lo, hi = _local_midnight(first, zone), _local_midnight(first + timedelta(days=28), zone)
        edges = [lo, *(t for interval in busy for t in interval), hi]
        free = 0
        for gap_start, gap_end in zip(edges[::2], edges[1::2], strict=True):
            inside = min(gap_end, hi) - max(gap_start, lo)
            if inside > timedelta(0):
                free += inside // timedelta(hours=24)
        if free < 4:
            expected.append((b["start"], free))
    found = [
        (v["start"], v["value"]) for v in report["violations"] if v["rule"] == "US_DAY_OFF_1_IN_7"
    ]
    assert found == expected
