"""EU Working Time Directive floor: EU_AVG_48H, EU_REST_11H, EU_WEEKLY_REST_35H."""

from datetime import date

from traject.worktime.tests.test_rules_support import (  # noqa: F401
    _no_lockouts,
    blocks,
    broken,
    entry,
    leave,
    rules,
    run,
    week,
    weeks_of,
)

MONDAY = date(2025, 1, 6)
FORTY_EIGHT = [(d, (7, 0), (19, 0)) for d in range(4)]


def test_seventeen_weeks_of_48_hours_is_exactly_the_average_limit():
    report = run("EU", weeks_of(MONDAY, 17, FORTY_EIGHT))
    assert rules(report) == []
    (block,) = blocks(report, "EU_AVG_48H")
    assert (block["start"], block["end"], block["hours"], block["available"]) == (
        "2025-01-06T00:00",
        "2025-05-05T00:00",
        816.0,
        0.0,
    )


def test_one_hour_more_in_seventeen_weeks_breaks_the_average_limit():
    extra = entry("2025-01-10T07:00", "2025-01-10T08:00")
    report = run("EU", [*weeks_of(MONDAY, 17, FORTY_EIGHT), extra])
    assert [(v["rule"], v["value"], v["limit"]) for v in report["violations"]] == [
        ("EU_AVG_48H", 48.06, 48.0)
    ]


def test_a_weekday_leave_day_is_credited_a_fifth_of_48_hours():
    report = run("EU", [leave("2025-01-08", "sick"), leave("2025-01-11")])
    (block,) = blocks(report, "EU_AVG_48H")
    assert (block["leave_credit"], block["leave_days"]) == (9.6, 2)


def test_an_eleven_hour_rest_is_enough_and_a_minute_less_is_not():
    day = entry("2025-01-06T08:00", "2025-01-06T17:00")
    assert rules(run("EU", [day, entry("2025-01-07T04:00", "2025-01-07T10:00")])) == []
    report = run("EU", [day, entry("2025-01-07T03:59", "2025-01-07T10:00")])
    assert [(v["rule"], v["value"], v["limit"]) for v in report["violations"]] == [
        ("EU_REST_11H", 10.98, 11.0)
    ]


def test_the_directive_has_no_weekly_short_rest_exception():
    report = run(
        "EU",
        [
            entry("2025-01-06T08:00", "2025-01-06T17:00"),
            entry("2025-01-07T02:00", "2025-01-07T10:00"),
            entry("2025-01-07T19:00", "2025-01-07T23:00"),
        ],
    )
    assert [v["start"] for v in broken(report, "EU_REST_11H")] == [
        "2025-01-06T17:00",
        "2025-01-07T10:00",
    ]


def test_rests_over_clock_changes_are_measured_in_real_hours():
    spring = run(
        "EU",
        [
            entry("2025-03-29T09:00", "2025-03-29T21:00"),
            entry("2025-03-30T08:00", "2025-03-30T12:00"),
        ],
    )
    assert [v["value"] for v in broken(spring, "EU_REST_11H")] == [10.0]
    autumn = run(
        "EU",
        [
            entry("2025-10-25T10:00", "2025-10-25T21:00"),
            entry("2025-10-26T07:00", "2025-10-26T12:00"),
        ],
    )
    assert broken(autumn, "EU_REST_11H") == []


def _three_weeks(saturday_end: tuple[int, int]) -> list[dict]:
    # Monday to Friday 08:00-17:00, Saturday 08:00 to the given time, Sunday 20:00-21:00.
    pattern = [(d, (8, 0), (17, 0)) for d in range(5)]
    pattern += [(5, (8, 0), saturday_end), (6, (20, 0), (21, 0))]
    return weeks_of(MONDAY, 3, pattern)


def test_a_weekly_rest_of_exactly_35_hours_is_enough():
    # Saturday 09:00 to Sunday 20:00: 24 h of weekly rest plus the 11 h of daily rest.
    assert rules(run("EU", _three_weeks((9, 0)))) == []


def test_a_weekly_rest_one_minute_short_of_35_hours_breaks_the_rule():
    report = run("EU", _three_weeks((9, 1)))
    assert [(v["rule"], v["start"], v["value"], v["limit"]) for v in report["violations"]] == [
        ("EU_WEEKLY_REST_35H", "2025-01-13T00:00", 34.98, 35.0)
    ]
    assert report["violations"][0]["message"] == (
        "Week of 13 January: longest rest 34.98 h, at least 35 h in one stretch is required"
    )


def test_a_weekly_rest_counts_with_its_part_inside_the_week():
    # Sunday 20:00 to Tuesday 08:00 is 36 h, but only 32 h of it lie in the middle week.
    first = [(d, (8, 0), (17, 0)) for d in range(6)] + [(6, (8, 0), (20, 0))]
    middle = [(1, (8, 0), (17, 0))] + [(d, (8, 0), (17, 0)) for d in range(2, 7)]
    entries = [
        *weeks_of(MONDAY, 1, first),
        *weeks_of(date(2025, 1, 13), 1, middle),
        entry("2025-01-20T08:00", "2025-01-20T17:00"),
    ]
    assert [(v["start"], v["value"]) for v in broken(run("EU", entries), "EU_WEEKLY_REST_35H")] == [
        ("2025-01-13T00:00", 32.0)
    ]


def test_the_eu_rules_count_no_public_holidays_unless_a_country_is_given():
    labour_day = [entry("2025-05-01T08:00", "2025-05-01T16:00")]
    assert week(run("EU", labour_day), "2025-04-28")["holiday_hours"] == 0
    report = run("EU", labour_day, holiday_country="DE")
    assert week(report, "2025-04-28")["holiday_hours"] == 8
