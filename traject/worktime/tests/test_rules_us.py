"""ACGME rules: 80-hour average, one day off in seven, 24+4 shifts, in-house call, rest."""

from datetime import date, timedelta

from traject.worktime.tests.test_rules_support import (  # noqa: F401
    _no_lockouts,
    at,
    blocks,
    broken,
    entry,
    leave,
    rules,
    run,
    weeks_of,
)

MONDAY = date(2025, 1, 6)
SIXTEEN_HOUR_DAYS = [(d, (6, 0), (22, 0)) for d in range(5)]  # 80 h a week


# --- US_AVG_80H_4W ---------------------------------------------------------------------------


def test_four_weeks_of_80_hours_is_exactly_the_average_limit():
    report = run("US", weeks_of(MONDAY, 4, SIXTEEN_HOUR_DAYS))
    assert rules(report) == []
    (block,) = blocks(report, "US_AVG_80H_4W")
    assert (block["hours"], block["average"], block["available"]) == (320.0, 80.0, 0.0)


def test_one_hour_more_in_four_weeks_breaks_the_80_hour_average():
    extra = entry("2025-01-11T06:00", "2025-01-11T07:00")
    report = run("US", [*weeks_of(MONDAY, 4, SIXTEEN_HOUR_DAYS), extra])
    assert report["violations"] == [
        {
            "rule": "US_AVG_80H_4W",
            "start": "2025-01-06T00:00",
            "end": "2025-02-03T00:00",
            "value": 80.25,
            "limit": 80.0,
            "message": "4 weeks from 6 January: on average 80.25 h a week (leave days left "
            "out), the limit is 80 h",
        }
    ]


def test_leave_days_are_taken_out_of_the_block():
    days = [(d, (6, 0), (23, 0)) for d in range(5)]
    worked = [
        e for e in weeks_of(MONDAY, 4, days) if e["start"][:10] not in ("2025-01-06", "2025-01-07")
    ]
    assert len(worked) == 18  # 18 days x 17 h = 306 h
    assert rules(run("US", worked)) == []  # 306 x 7 / 28 = 76.5 h a week
    report = run("US", [*worked, leave("2025-01-06"), leave("2025-01-07", "sick")])
    (violation,) = broken(report, "US_AVG_80H_4W")
    assert violation["value"] == round(306 * 7 / 26, 2)
    (block,) = blocks(report, "US_AVG_80H_4W")
    assert (block["leave_days"], block["leave_credit"], block["available"]) == (2, 0.0, 0.0)


# --- US_DAY_OFF_1_IN_7 -----------------------------------------------------------------------


def _every_day_but(free: set[date], days: int = 28) -> list[dict]:
    result = []
    for offset in range(days):
        day = MONDAY + timedelta(days=offset)
        if day not in free:
            result.append(entry(at(day, 8), at(day, 12)))
    return result


SUNDAYS = {date(2025, 1, 12), date(2025, 1, 19), date(2025, 1, 26), date(2025, 2, 2)}


def test_four_free_days_in_four_weeks_is_enough():
    assert rules(run("US", _every_day_but(SUNDAYS))) == []


def test_three_free_days_in_four_weeks_breaks_the_day_off_rule():
    report = run("US", _every_day_but(SUNDAYS - {date(2025, 2, 2)}))
    assert report["violations"] == [
        {
            "rule": "US_DAY_OFF_1_IN_7",
            "start": "2025-01-06T00:00",
            "end": "2025-02-03T00:00",
            "value": 3,
            "limit": 4,
            "message": "4 weeks from 6 January: 3 free periods of 24 h in a row, at least 4 are "
            "required",
        }
    ]


def test_home_standby_takes_the_day_off():
    standby = entry("2025-02-02T10:00", "2025-02-02T12:00", "oncall_home_standby")
    assert [
        v["value"]
        for v in broken(run("US", [*_every_day_but(SUNDAYS), standby]), "US_DAY_OFF_1_IN_7")
    ] == [3]


def test_a_day_off_is_24_hours_in_a_row_not_a_calendar_day():
    # Saturday 08:00 to Sunday 00:00, Monday from 00:00: Sunday is free, exactly 24 h.
    entries = _every_day_but(SUNDAYS | {date(2025, 1, 11), date(2025, 1, 13)})
    late = [entry("2025-01-11T08:00", "2025-01-12T00:00")]
    assert rules(run("US", [*entries, *late, entry("2025-01-13T00:00", "2025-01-13T12:00")])) == []
    # Monday from Sunday 23:59: the calendar Sunday is still free of a shift start, but no
    # 24 h in a row is.
    early = entry("2025-01-12T23:59", "2025-01-13T12:00")
    assert [
        v["value"] for v in broken(run("US", [*entries, *late, early]), "US_DAY_OFF_1_IN_7")
    ] == [3]


def test_48_free_hours_are_two_days_off_and_47_are_one():
    # Every day 08:00-12:00 but two Sundays; Friday 12:00 to Sunday 12:00 is 48 h.
    base = _every_day_but({date(2025, 1, 11), date(2025, 1, 26), date(2025, 2, 2)})
    base = [e for e in base if not e["start"].startswith("2025-01-12")]
    sunday = entry("2025-01-12T12:00", "2025-01-12T16:00")
    assert rules(run("US", [*base, sunday])) == []
    earlier = entry("2025-01-12T11:00", "2025-01-12T16:00")
    assert [v["value"] for v in broken(run("US", [*base, earlier]), "US_DAY_OFF_1_IN_7")] == [3]


def test_a_leave_day_is_a_day_off():
    # The rule asks for days with no counted time and no standby, which a leave day is.
    entries = _every_day_but(SUNDAYS - {date(2025, 2, 2)} | {date(2025, 1, 29)})
    assert rules(run("US", [*entries, leave("2025-01-29")])) == []


def test_a_block_in_progress_keeps_its_days_to_come_free():
    assert rules(run("US", _every_day_but(set(), days=14))) == []


# --- US_SHIFT_MAX_24_4 -----------------------------------------------------------------------

CALL = entry("2025-01-07T07:00", "2025-01-08T07:00", "oncall_inhouse")


def test_24_hours_of_call_plus_4_hours_of_transition_is_allowed():
    handover = entry("2025-01-08T07:00", "2025-01-08T11:00", "transition")
    assert rules(run("US", [CALL, handover])) == []


def test_more_than_4_hours_of_transition_breaks_the_shift_rule():
    handover = entry("2025-01-08T07:00", "2025-01-08T11:01", "transition")
    report = run("US", [CALL, handover])
    assert report["violations"] == [
        {
            "rule": "US_SHIFT_MAX_24_4",
            "start": "2025-01-07T07:00",
            "end": "2025-01-08T11:01",
            "value": 4.02,
            "limit": 4.0,
            "message": "Shift from Tuesday 7 January 07:00 to Wednesday 8 January 11:01: "
            "4.02 h of handover, the limit is 4 h",
        }
    ]


def test_more_than_24_hours_of_clinical_work_breaks_the_shift_rule():
    report = run("US", [entry("2025-01-07T07:00", "2025-01-08T07:01", "oncall_inhouse")])
    assert [(v["value"], v["limit"]) for v in broken(report, "US_SHIFT_MAX_24_4")] == [
        (24.02, 24.0)
    ]
    assert report["violations"][0]["message"].endswith(
        "24.02 h of clinical work, the limit is 24 h (plus at most 4 h for the handover)"
    )


def test_a_shift_breaking_both_limits_gets_one_violation_for_each():
    report = run(
        "US",
        [
            entry("2025-01-07T07:00", "2025-01-08T08:00", "oncall_inhouse"),
            entry("2025-01-08T08:00", "2025-01-08T13:00", "transition"),
        ],
    )
    assert [(v["value"], v["limit"]) for v in broken(report, "US_SHIFT_MAX_24_4")] == [
        (25.0, 24.0),
        (5.0, 4.0),
    ]


def test_a_call_over_the_november_clock_change_lasts_25_hours():
    call = entry("2025-11-01T07:00", "2025-11-02T07:00", "oncall_inhouse")
    assert [v["value"] for v in broken(run("US", [call]), "US_SHIFT_MAX_24_4")] == [25.0]


def test_a_call_over_the_march_clock_change_lasts_23_hours():
    call = entry("2025-03-08T07:00", "2025-03-09T07:00", "oncall_inhouse")
    handover = entry("2025-03-09T07:00", "2025-03-09T11:00", "transition")
    assert rules(run("US", [call, handover])) == []


# --- US_INHOUSE_CALL_Q3 ----------------------------------------------------------------------


def _calls(first_offset: int, step: int = 3, last: int = 28) -> list[dict]:
    days = [MONDAY + timedelta(days=d) for d in range(first_offset, last, step)]
    return [entry(at(day, 17), at(day, 23), "oncall_inhouse") for day in days]


def test_nine_in_house_calls_in_four_weeks_are_allowed():
    calls = _calls(1)
    assert len(calls) == 9
    assert rules(run("US", calls)) == []


def test_a_strict_every_third_night_rota_is_allowed():
    calls = _calls(0)
    assert len(calls) == 10  # days 1, 4, ..., 28 of the block
    assert rules(run("US", calls)) == []


def test_eleven_in_house_calls_in_four_weeks_break_the_every_third_night_rule():
    extra = entry("2025-01-08T17:00", "2025-01-08T23:00", "oncall_inhouse")
    report = run("US", [*_calls(0), extra])
    assert [(v["rule"], v["start"], v["value"], v["limit"]) for v in report["violations"]] == [
        ("US_INHOUSE_CALL_Q3", "2025-01-06T00:00", 11, 10)
    ]


def test_a_call_counts_in_the_block_it_starts_in():
    last_night = entry("2025-02-02T23:30", "2025-02-03T08:00", "oncall_inhouse")
    report = run("US", [*_calls(0), last_night])
    assert [v["start"] for v in broken(report, "US_INHOUSE_CALL_Q3")] == ["2025-01-06T00:00"]


def test_touching_in_house_entries_are_one_call():
    touching = [
        entry("2025-01-07T08:00", "2025-01-07T12:00", "oncall_inhouse"),
        entry("2025-01-07T12:00", "2025-01-07T16:00", "oncall_inhouse"),
    ]
    assert [
        v["value"] for v in broken(run("US", [*_calls(0), *touching]), "US_INHOUSE_CALL_Q3")
    ] == [11]


def test_two_back_to_back_24_hour_calls_are_two_calls():
    # Nine short calls plus 48 h of in-house call in one run: 11 calls, not 10.
    double = [
        entry("2025-01-08T07:00", "2025-01-09T07:00", "oncall_inhouse"),
        entry("2025-01-09T07:00", "2025-01-10T07:00", "oncall_inhouse"),
    ]
    report = run("US", [*_calls(1), *double])
    assert [v["value"] for v in broken(report, "US_INHOUSE_CALL_Q3")] == [11]


def test_us_blocks_follow_the_rotation_start():
    # A rotation starting on a Wednesday: blocks run Wednesday to Wednesday.
    wednesday = "2025-01-08"
    days = [date(2025, 1, 8) + timedelta(days=d) for d in range(0, 28, 3)]
    calls = [entry(at(day, 17), at(day, 23), "oncall_inhouse") for day in days]
    calls.append(entry("2025-01-09T17:00", "2025-01-09T23:00", "oncall_inhouse"))
    report = run("US", calls, reference_start=wednesday)
    assert [(v["start"], v["end"], v["value"]) for v in broken(report, "US_INHOUSE_CALL_Q3")] == [
        ("2025-01-08T00:00", "2025-02-05T00:00", 11)
    ]
    assert [b["start"] for b in report["blocks"]] == ["2025-01-08T00:00"]
    assert report["weeks"][0]["start"] == wednesday


# --- US_REST_14H_AFTER_24H -------------------------------------------------------------------


def test_fourteen_hours_of_rest_after_a_24_hour_call_is_enough():
    report = run("US", [CALL, entry("2025-01-08T21:00", "2025-01-08T23:00")])
    assert rules(report) == []


def test_a_minute_less_than_14_hours_of_rest_after_a_24_hour_call_breaks_the_rule():
    report = run("US", [CALL, entry("2025-01-08T20:59", "2025-01-08T23:00")])
    assert [(v["rule"], v["value"], v["limit"]) for v in report["violations"]] == [
        ("US_REST_14H_AFTER_24H", 13.98, 14.0)
    ]


def test_the_14_hours_apply_only_after_in_house_call():
    # 24 h of planned work (no in-house call) followed by 10 h of rest: not this rule.
    long_day = entry("2025-01-07T07:00", "2025-01-08T07:00")
    report = run("US", [long_day, entry("2025-01-08T17:00", "2025-01-08T19:00")])
    assert broken(report, "US_REST_14H_AFTER_24H") == []


def test_a_stint_under_24_hours_needs_no_long_rest():
    short_call = entry("2025-01-07T07:01", "2025-01-08T07:00", "oncall_inhouse")
    assert rules(run("US", [short_call, entry("2025-01-08T08:00", "2025-01-08T10:00")])) == []


def test_a_24_hour_stint_over_the_november_clock_change_needs_14_hours_of_rest():
    call = entry("2025-11-01T08:00", "2025-11-02T07:00", "oncall_inhouse")  # 24 h real
    report = run("US", [call, entry("2025-11-02T20:00", "2025-11-02T22:00")])
    assert [(v["rule"], v["value"]) for v in report["violations"]] == [
        ("US_REST_14H_AFTER_24H", 13.0)
    ]
