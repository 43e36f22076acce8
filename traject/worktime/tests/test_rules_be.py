"""Belgian rules: BE_WEEK_MAX, BE_AVG_13W, BE_STINT_MAX_24H, BE_REST_12H."""

from datetime import date

import pytest

from traject.worktime.rules import check
from traject.worktime.tests.test_rules_support import (  # noqa: F401
    _no_lockouts,
    blocks,
    broken,
    daily,
    entry,
    leave,
    rules,
    run,
    schedule,
    week,
    weeks_of,
)

MONDAY = date(2025, 1, 6)
SIXTY_HOURS = daily(MONDAY, 5, (7, 0), (19, 0))
SATURDAY_HOUR = entry("2025-01-11T07:00", "2025-01-11T08:00")


# --- examples of the rules document ---------------------------------------------------------


def test_example_1_sixty_hours_in_a_week_is_compliant():
    report = run("BE", SIXTY_HOURS)
    assert report["compliant"] is True
    assert report["violations"] == []
    assert week(report, "2025-01-06")["hours"] == 60


def test_example_1_one_more_hour_breaks_the_week_limit():
    report = run("BE", [*SIXTY_HOURS, SATURDAY_HOUR])
    assert report["compliant"] is False
    assert report["violations"] == [
        {
            "rule": "BE_WEEK_MAX",
            "start": "2025-01-06T00:00",
            "end": "2025-01-13T00:00",
            "value": 61.0,
            "limit": 60.0,
            "message": "Week of 6 January: 61 h worked, the limit is 60 h",
        }
    ]


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("nl", "Week van 6 januari: 61 u gewerkt, de grens is 60 u"),
        ("fr", "Semaine du 6 janvier : 61 h travaillées, la limite est de 60 h"),
        ("en", "Week of 6 January: 61 h worked, the limit is 60 h"),
    ],
)
def test_the_week_limit_message_reads_in_each_language(lang, message):
    report = run("BE", [*SIXTY_HOURS, SATURDAY_HOUR], lang=lang)
    assert [v["message"] for v in report["violations"]] == [message]


def test_dutch_is_the_default_language():
    report = check(schedule("BE", [*SIXTY_HOURS, SATURDAY_HOUR]))
    assert report["violations"][0]["message"].startswith("Week van 6 januari: 61 u gewerkt")


def test_example_2_ten_hours_of_rest_after_a_24_hour_call_breaks_the_rest_rule():
    report = run(
        "BE",
        [
            entry("2025-01-07T08:00", "2025-01-08T08:00", "oncall_inhouse"),
            entry("2025-01-08T18:00", "2025-01-08T22:00"),
        ],
    )
    assert report["violations"] == [
        {
            "rule": "BE_REST_12H",
            "start": "2025-01-08T08:00",
            "end": "2025-01-08T18:00",
            "value": 10.0,
            "limit": 12.0,
            "message": "Rest after a 24 h shift, from Wednesday 8 January 08:00 to "
            "Wednesday 8 January 18:00: 10 h, at least 12 h is required",
        }
    ]


def test_example_3_a_weekend_standby_with_a_call_out_counts_twelve_hours_and_six_blocks():
    report = run(
        "BE",
        [
            entry("2025-01-10T08:00", "2025-01-10T18:00"),
            entry("2025-01-10T18:00", "2025-01-13T08:00", "oncall_home_standby"),
            entry("2025-01-11T03:00", "2025-01-11T05:00", "oncall_home_callout"),
        ],
    )
    first, second = report["weeks"]
    assert report["compliant"] is True
    assert first["hours"] + second["hours"] == 12
    assert first["standby_hours"] + second["standby_hours"] == 62
    assert first["standby_blocks"] + second["standby_blocks"] == 6
    assert first["hours_by_kind"]["oncall_home_callout"] == 2


# --- BE_WEEK_MAX -----------------------------------------------------------------------------


def test_one_minute_over_sixty_hours_breaks_the_week_limit():
    report = run("BE", [*SIXTY_HOURS, entry("2025-01-11T07:00", "2025-01-11T07:01")])
    (violation,) = broken(report, "BE_WEEK_MAX")
    assert violation["value"] == 60.02


def test_a_night_across_monday_midnight_counts_in_both_weeks():
    night = entry("2025-01-12T20:00", "2025-01-13T08:00")
    report = run("BE", [*SIXTY_HOURS, night])
    assert week(report, "2025-01-06")["hours"] == 64
    assert week(report, "2025-01-13")["hours"] == 8
    (violation,) = broken(report, "BE_WEEK_MAX")
    assert (violation["start"], violation["value"]) == ("2025-01-06T00:00", 64.0)


def test_a_week_with_the_autumn_clock_change_counts_the_extra_hour():
    # Saturday 20:00 to Sunday 08:00 across the night the clocks go back lasts 13 hours.
    report = run("BE", [entry("2025-10-25T20:00", "2025-10-26T08:00")])
    assert week(report, "2025-10-20")["hours"] == 13
    assert week(report, "2025-10-20")["night_hours"] == 13


def test_a_week_with_the_spring_clock_change_counts_one_hour_less():
    report = run("BE", [entry("2025-03-29T20:00", "2025-03-30T08:00")])
    assert week(report, "2025-03-24")["hours"] == 11


def test_sixty_hours_in_the_week_of_the_autumn_change_can_be_sixty_one():
    # Sunday 20:00 to 08:00 gains an hour that night; the limit looks at real hours.
    entries = daily(date(2025, 10, 20), 4, (7, 0), (19, 0)) + [
        entry("2025-10-25T20:00", "2025-10-26T07:00")
    ]
    report = run("BE", entries)
    assert week(report, "2025-10-20")["hours"] == 60
    report = run("BE", [*entries[:-1], entry("2025-10-25T20:00", "2025-10-26T08:00")])
    assert week(report, "2025-10-20")["hours"] == 61
    assert [v["value"] for v in broken(report, "BE_WEEK_MAX")] == [61.0]


def test_opt_out_raises_the_week_limit_to_72_hours():
    six_days = daily(MONDAY, 6, (7, 0), (19, 0))
    assert rules(run("BE", six_days, opt_out=True)) == []
    assert [v["limit"] for v in broken(run("BE", six_days), "BE_WEEK_MAX")] == [60.0]
    seventy_three = [*six_days, entry("2025-01-12T07:00", "2025-01-12T08:00")]
    (violation,) = broken(run("BE", seventy_three, opt_out=True), "BE_WEEK_MAX")
    assert (violation["value"], violation["limit"]) == (73.0, 72.0)


SIXTY_SIX_HOURS = weeks_of(
    date(2025, 1, 13),
    3,
    [(d, (7, 0), (19, 0)) for d in range(5)] + [(5, (7, 0), (13, 0))],
)


def test_opt_out_signed_midweek_applies_from_the_next_week_until_its_withdrawal():
    report = run("BE", SIXTY_SIX_HOURS, opt_out=[{"from": "2025-01-15", "until": "2025-01-26"}])
    assert [v["start"] for v in broken(report, "BE_WEEK_MAX")] == [
        "2025-01-13T00:00",
        "2025-01-27T00:00",
    ]
    assert [w["opt_out"] for w in report["weeks"]] == [False, True, False]


def test_opt_out_signed_on_a_monday_covers_that_week_and_every_week_after():
    report = run("BE", SIXTY_SIX_HOURS, opt_out=[{"from": "2025-01-20", "until": None}])
    assert [v["start"] for v in broken(report, "BE_WEEK_MAX")] == ["2025-01-13T00:00"]


def test_opt_out_false_and_an_empty_list_mean_no_opt_out():
    for value in (False, []):
        report = run("BE", SIXTY_SIX_HOURS, opt_out=value)
        assert len(broken(report, "BE_WEEK_MAX")) == 3


# --- BE_AVG_13W ------------------------------------------------------------------------------

FORTY_EIGHT = [(d, (7, 0), (19, 0)) for d in range(4)]


def test_thirteen_weeks_of_48_hours_is_exactly_the_average_limit():
    report = run("BE", weeks_of(MONDAY, 13, FORTY_EIGHT))
    assert rules(report) == []
    (block,) = blocks(report, "BE_AVG_13W")
    assert block == {
        "rule": "BE_AVG_13W",
        "start": "2025-01-06T00:00",
        "end": "2025-04-07T00:00",
        "weeks": 13,
        "hours": 624.0,
        "leave_credit": 0.0,
        "leave_days": 0,
        "average": 48.0,
        "limit": 48.0,
        "available": 0.0,
    }


def test_one_hour_more_in_thirteen_weeks_breaks_the_average_limit():
    extra = entry("2025-01-10T07:00", "2025-01-10T08:00")
    report = run("BE", [*weeks_of(MONDAY, 13, FORTY_EIGHT), extra])
    assert report["violations"] == [
        {
            "rule": "BE_AVG_13W",
            "start": "2025-01-06T00:00",
            "end": "2025-04-07T00:00",
            "value": 48.08,
            "limit": 48.0,
            "message": "13 weeks from 6 January: on average 48.08 h a week, the limit is 48 h",
        }
    ]


def test_a_block_in_progress_breaks_the_average_as_soon_as_it_is_certain():
    pattern = [*FORTY_EIGHT, (4, (7, 0), (16, 0))]  # 57 h a week
    report = run("BE", weeks_of(MONDAY, 11, pattern))
    (violation,) = broken(report, "BE_AVG_13W")
    assert violation["value"] == round(627 / 13, 2)
    assert report["weeks"][-1]["start"] == "2025-03-17"  # no entries after week 11
    report = run("BE", weeks_of(MONDAY, 10, pattern))
    assert broken(report, "BE_AVG_13W") == []


def test_leave_is_credited_so_it_does_not_hide_a_breach():
    worked = weeks_of(MONDAY, 12, [*FORTY_EIGHT, (4, (7, 0), (9, 0))])  # 12 x 50 h
    vacation = [leave(f"2025-03-{d}") for d in range(31, 32)] + [
        leave(f"2025-04-0{d}") for d in range(1, 5)
    ]
    assert broken(run("BE", worked), "BE_AVG_13W") == []  # 600 h < 624 h
    report = run("BE", [*worked, *vacation])
    (block,) = blocks(report, "BE_AVG_13W")
    assert (block["leave_credit"], block["leave_days"]) == (48.0, 5)
    assert block["hours"] == 600
    assert [v["value"] for v in broken(report, "BE_AVG_13W")] == [round(648 / 13, 2)]


def test_a_weekend_leave_day_earns_no_credit():
    report = run("BE", [*SIXTY_HOURS, leave("2025-01-11"), leave("2025-01-12", "sick")])
    (block,) = blocks(report, "BE_AVG_13W")
    assert (block["leave_credit"], block["leave_days"]) == (0.0, 2)


def test_leave_credit_is_twelve_hours_a_day_under_opt_out():
    report = run("BE", [leave("2025-01-06", "leave")], opt_out=True)
    (block,) = blocks(report, "BE_AVG_13W")
    assert (block["leave_credit"], block["limit"], block["available"]) == (12.0, 60.0, 768.0)


def test_a_block_partly_under_opt_out_has_the_average_of_its_weekly_limits():
    report = run("BE", SIXTY_HOURS, opt_out=[{"from": "2025-01-20", "until": None}])
    (block,) = blocks(report, "BE_AVG_13W")
    assert block["limit"] == round((2 * 48 + 11 * 60) / 13, 2)
    assert block["available"] == 2 * 48 + 11 * 60 - 60


# --- BE_STINT_MAX_24H ------------------------------------------------------------------------


def test_a_24_hour_call_is_within_the_stint_limit():
    report = run("BE", [entry("2025-01-07T08:00", "2025-01-08T08:00", "oncall_inhouse")])
    assert rules(report) == []


def test_touching_entries_form_one_stint_that_breaks_the_24_hour_limit():
    report = run(
        "BE",
        [
            entry("2025-01-07T07:00", "2025-01-07T08:00"),
            entry("2025-01-07T08:00", "2025-01-08T08:00", "oncall_inhouse"),
        ],
    )
    assert report["violations"] == [
        {
            "rule": "BE_STINT_MAX_24H",
            "start": "2025-01-07T07:00",
            "end": "2025-01-08T08:00",
            "value": 25.0,
            "limit": 24.0,
            "message": "Shift from Tuesday 7 January 07:00 to Wednesday 8 January 08:00: "
            "25 h in a row, the limit is 24 h",
        }
    ]


def test_a_stint_across_monday_midnight_is_measured_whole():
    report = run("BE", [entry("2025-01-12T08:00", "2025-01-13T09:00", "oncall_inhouse")])
    (violation,) = broken(report, "BE_STINT_MAX_24H")
    assert violation["value"] == 25
    assert (week(report, "2025-01-06")["hours"], week(report, "2025-01-13")["hours"]) == (16, 9)


def test_a_call_over_the_autumn_clock_change_lasts_25_hours():
    report = run("BE", [entry("2025-10-25T08:00", "2025-10-26T08:00", "oncall_inhouse")])
    (violation,) = broken(report, "BE_STINT_MAX_24H")
    assert (violation["value"], violation["start"], violation["end"]) == (
        25.0,
        "2025-10-25T08:00",
        "2025-10-26T08:00",
    )


def test_a_call_over_the_spring_clock_change_from_7_to_8_lasts_24_hours():
    report = run("BE", [entry("2025-03-29T07:00", "2025-03-30T08:00", "oncall_inhouse")])
    assert broken(report, "BE_STINT_MAX_24H") == []
    assert week(report, "2025-03-24")["hours"] == 24


# --- BE_REST_12H -----------------------------------------------------------------------------


def test_a_rest_one_minute_short_of_12_hours_after_a_12_hour_stint_breaks_the_rule():
    report = run(
        "BE",
        [
            entry("2025-01-06T07:00", "2025-01-06T19:00"),
            entry("2025-01-07T06:59", "2025-01-07T09:00"),
        ],
    )
    (violation,) = broken(report, "BE_REST_12H")
    assert (violation["value"], violation["limit"]) == (11.98, 12.0)


def test_a_stint_shorter_than_12_hours_needs_no_12_hour_rest():
    report = run(
        "BE",
        [
            entry("2025-01-06T07:00", "2025-01-06T18:59"),
            entry("2025-01-07T06:00", "2025-01-07T09:00"),
        ],
    )
    assert rules(report) == []


def test_a_short_rest_across_monday_midnight_breaks_the_rest_rule():
    report = run(
        "BE",
        [
            entry("2025-01-12T07:00", "2025-01-12T19:00"),
            entry("2025-01-13T06:00", "2025-01-13T09:00"),
        ],
    )
    (violation,) = broken(report, "BE_REST_12H")
    assert (violation["start"], violation["end"], violation["value"]) == (
        "2025-01-12T19:00",
        "2025-01-13T06:00",
        11.0,
    )


def test_a_rest_over_the_spring_clock_change_is_an_hour_shorter_than_the_clock_shows():
    report = run(
        "BE",
        [
            entry("2025-03-29T08:00", "2025-03-29T20:00"),
            entry("2025-03-30T08:00", "2025-03-30T12:00"),
        ],
    )
    (violation,) = broken(report, "BE_REST_12H")
    assert violation["value"] == 11


def test_a_rest_over_the_autumn_clock_change_is_an_hour_longer_than_the_clock_shows():
    report = run(
        "BE",
        [
            entry("2025-10-25T08:00", "2025-10-25T20:00"),
            entry("2025-10-26T07:00", "2025-10-26T12:00"),
        ],
    )
    assert broken(report, "BE_REST_12H") == []
