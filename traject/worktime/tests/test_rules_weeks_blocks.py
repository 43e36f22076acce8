"""Weekly figures and averaging blocks of the report."""

import json
from datetime import date

from traject.worktime.rules import TIMED_KINDS
from traject.worktime.tests.test_rules_support import (  # noqa: F401
    _no_lockouts,
    blocks,
    entry,
    leave,
    run,
    week,
    weeks_of,
)

MONDAY = "2025-01-06"


def test_an_empty_schedule_is_compliant_with_no_weeks_and_no_blocks():
    assert run("BE", []) == {"compliant": True, "violations": [], "weeks": [], "blocks": []}


def test_a_week_has_every_figure_of_the_exchange_format():
    report = run(
        "BE",
        [
            entry("2025-01-06T07:00", "2025-01-06T19:00"),
            entry("2025-01-06T19:00", "2025-01-07T08:00", "oncall_home_standby"),
            entry("2025-01-06T22:00", "2025-01-06T23:30", "oncall_home_callout"),
            leave("2025-01-08"),
        ],
    )
    assert week(report, MONDAY) == {
        "start": MONDAY,
        "hours": 13.5,
        "hours_by_kind": {
            **dict.fromkeys(TIMED_KINDS, 0.0),
            "planned": 12.0,
            "oncall_home_standby": 13.0,
            "oncall_home_callout": 1.5,
        },
        "night_hours": 2.5,
        "weekend_hours": 0.0,
        "holiday_hours": 0.0,
        "hours_above_48": 0.0,
        "standby_hours": 13.0,
        "standby_blocks": 2,
        "standby_blocks_weekday_day": 1,  # begins Monday 19:00
        "standby_blocks_other": 1,  # begins Tuesday 07:00
        "leave_days": 1,
        "leave_by_kind": {"vacation": 1, "sick": 0, "leave": 0},
        "opt_out": False,
        "restrictive_standby_hours": 0.0,
        "hours_without_restrictive": 13.5,
    }


def test_night_hours_run_from_20_to_8_and_standby_is_not_worked_time():
    report = run(
        "BE",
        [
            entry("2025-01-06T06:00", "2025-01-06T09:00"),
            entry("2025-01-06T18:00", "2025-01-06T23:00"),
            entry("2025-01-07T20:00", "2025-01-08T08:00", "oncall_home_standby"),
        ],
    )
    assert week(report, MONDAY)["night_hours"] == 5


def test_weekend_hours_are_saturday_and_sunday():
    report = run(
        "BE",
        [
            entry("2025-01-10T22:00", "2025-01-11T02:00"),
            entry("2025-01-12T22:00", "2025-01-13T01:00"),
        ],
    )
    assert week(report, MONDAY)["weekend_hours"] == 4
    assert week(report, "2025-01-13")["weekend_hours"] == 0


def test_public_holiday_hours_follow_the_jurisdictions_country():
    be = run("BE", [entry("2025-07-21T08:00", "2025-07-21T18:00")])  # national day
    assert week(be, "2025-07-21")["holiday_hours"] == 10
    nl = run("NL", [entry("2025-04-26T10:00", "2025-04-26T14:00")])  # Koningsdag
    assert week(nl, "2025-04-21")["holiday_hours"] == 4
    us = run("US", [entry("2025-07-03T20:00", "2025-07-04T02:00")])  # into Independence Day
    assert week(us, "2025-06-30")["holiday_hours"] == 2
    assert (
        week(run("BE", [entry("2025-07-04T08:00", "2025-07-04T10:00")]), "2025-06-30")[
            "holiday_hours"
        ]
        == 0
    )


def test_hours_above_48_are_the_weeks_hours_past_48():
    five_days = [(d, (8, 0), (18, 0)) for d in range(5)]
    report = run(
        "BE",
        weeks_of(date(2025, 1, 6), 2, five_days) + [entry("2025-01-11T08:00", "2025-01-11T09:00")],
    )
    assert [w["hours_above_48"] for w in report["weeks"]] == [3.0, 2.0]


def test_weeks_run_without_gaps_from_the_first_to_the_last_entry():
    report = run("BE", [entry("2025-01-07T08:00", "2025-01-07T10:00"), leave("2025-01-29")])
    assert [(w["start"], w["hours"], w["leave_days"]) for w in report["weeks"]] == [
        ("2025-01-06", 2.0, 0),
        ("2025-01-13", 0.0, 0),
        ("2025-01-20", 0.0, 0),
        ("2025-01-27", 0.0, 1),
    ]


def test_an_entry_ending_at_monday_midnight_stays_in_its_week():
    report = run("BE", [entry("2025-01-12T20:00", "2025-01-13T00:00")])
    assert [(w["start"], w["hours"]) for w in report["weeks"]] == [(MONDAY, 4.0)]


# --- standby blocks --------------------------------------------------------------------------


def _standby(start: str, end: str) -> dict:
    return entry(start, end, "oncall_home_standby")


def _block_counts(report: dict) -> list[tuple[str, int, int, int]]:
    return [
        (
            w["start"],
            w["standby_blocks"],
            w["standby_blocks_weekday_day"],
            w["standby_blocks_other"],
        )
        for w in report["weeks"]
    ]


def test_twelve_hours_of_standby_is_one_block_and_a_minute_more_is_two():
    assert _block_counts(run("BE", [_standby("2025-01-06T08:00", "2025-01-06T20:00")])) == [
        (MONDAY, 1, 1, 0)
    ]
    assert _block_counts(run("BE", [_standby("2025-01-06T08:00", "2025-01-06T20:01")])) == [
        (MONDAY, 2, 1, 1)
    ]


def test_a_standby_across_monday_midnight_counts_its_blocks_where_they_begin():
    report = run("BE", [_standby("2025-01-12T20:00", "2025-01-13T08:00")])
    assert _block_counts(report) == [(MONDAY, 1, 0, 1), ("2025-01-13", 0, 0, 0)]
    assert [w["standby_hours"] for w in report["weeks"]] == [4.0, 8.0]


def test_touching_standby_entries_are_one_stretch():
    report = run(
        "BE",
        [
            _standby("2025-01-10T18:00", "2025-01-11T00:00"),
            _standby("2025-01-11T00:00", "2025-01-11T06:00"),
        ],
    )
    assert _block_counts(report) == [(MONDAY, 1, 1, 0)]


def test_a_block_is_weekday_day_when_it_begins_monday_to_friday_between_8_and_20():
    cases = [
        (_standby("2025-01-07T07:59", "2025-01-08T07:59"), (MONDAY, 2, 1, 1)),
        (_standby("2025-01-07T19:59", "2025-01-07T20:30"), (MONDAY, 1, 1, 0)),
        (_standby("2025-01-07T20:00", "2025-01-07T21:00"), (MONDAY, 1, 0, 1)),
        (_standby("2025-01-11T10:00", "2025-01-11T12:00"), (MONDAY, 1, 0, 1)),
    ]
    for standby, expected in cases:
        assert _block_counts(run("BE", [standby])) == [expected]


def test_a_block_beginning_on_a_public_holiday_is_not_weekday_day():
    report = run("BE", [_standby("2025-05-01T08:00", "2025-05-01T20:00")])  # Labour Day
    assert _block_counts(report) == [("2025-04-28", 1, 0, 1)]


def test_standby_blocks_are_counted_in_real_hours_over_clock_changes():
    autumn = run("BE", [_standby("2025-10-25T20:00", "2025-10-26T08:00")])  # 13 h
    assert _block_counts(autumn) == [("2025-10-20", 2, 0, 2)]
    spring = run("BE", [_standby("2025-03-29T20:00", "2025-03-30T08:00")])  # 11 h
    assert _block_counts(spring) == [("2025-03-24", 1, 0, 1)]


def test_example_3_splits_its_six_blocks_into_five_and_one():
    report = run(
        "BE",
        [
            entry("2025-01-10T08:00", "2025-01-10T18:00"),
            _standby("2025-01-10T18:00", "2025-01-13T08:00"),
            entry("2025-01-11T03:00", "2025-01-11T05:00", "oncall_home_callout"),
        ],
    )
    # Blocks begin Friday 18:00 (weekday day), Saturday 06:00 and 18:00, Sunday 06:00 and
    # 18:00, and Monday 06:00 (before 08:00: not weekday day).
    assert _block_counts(report) == [(MONDAY, 5, 1, 4), ("2025-01-13", 1, 0, 1)]


# --- blocks ----------------------------------------------------------------------------------


def test_blocks_are_aligned_on_the_reference_monday_and_reach_back_before_it():
    report = run(
        "BE",
        [
            entry("2024-12-30T08:00", "2024-12-30T10:00"),
            entry("2025-01-06T08:00", "2025-01-06T10:00"),
        ],
    )
    assert [(b["start"], b["end"], b["hours"]) for b in blocks(report, "BE_AVG_13W")] == [
        ("2024-10-07T00:00", "2025-01-06T00:00", 2.0),
        ("2025-01-06T00:00", "2025-04-07T00:00", 2.0),
    ]


def test_each_averaging_rule_has_its_own_blocks():
    report = run(
        "NL",
        [
            entry("2025-01-06T08:00", "2025-01-06T10:00"),
            entry("2025-02-03T08:00", "2025-02-03T10:00"),
        ],
    )
    assert [(b["rule"], b["start"], b["weeks"]) for b in report["blocks"]] == [
        ("NL_AVG_4W_55H", "2025-01-06T00:00", 4),
        ("NL_AVG_4W_55H", "2025-02-03T00:00", 4),
        ("NL_AVG_16W_48H", "2025-01-06T00:00", 16),
    ]
    (long_block,) = blocks(report, "NL_AVG_16W_48H")
    assert (long_block["hours"], long_block["average"], long_block["available"]) == (
        4.0,
        0.25,
        764.0,
    )


def test_a_later_reference_monday_shifts_the_blocks():
    report = run(
        "NL", [entry("2025-01-06T08:00", "2025-01-06T10:00")], reference_start="2025-01-20"
    )
    assert [b["start"] for b in blocks(report, "NL_AVG_4W_55H")] == ["2024-12-23T00:00"]


def test_the_report_is_plain_json():
    report = run(
        "US", [entry("2025-01-07T07:00", "2025-01-08T09:00", "oncall_inhouse"), leave("2025-01-09")]
    )
    assert json.loads(json.dumps(report)) == report
    (violation,) = report["violations"]
    assert isinstance(violation["value"], float)
    assert isinstance(violation["limit"], float)
