"""Dutch rules: shift and on-call stint limits, week and average limits, daily and weekly rest."""

from datetime import date

from traject.worktime.tests.test_rules_support import (  # noqa: F401
    _no_lockouts,
    broken,
    entry,
    rules,
    run,
    weeks_of,
)

MONDAY = date(2025, 1, 6)


# --- NL_SHIFT_MAX_12H and NL_ONCALL_MAX_24H ----------------------------------------------------


def test_example_4_a_day_shift_followed_by_in_house_call_is_one_compliant_24_hour_stint():
    report = run(
        "NL",
        [
            entry("2025-01-07T08:00", "2025-01-07T18:00"),
            entry("2025-01-07T18:00", "2025-01-08T08:00", "oncall_inhouse"),
        ],
    )
    assert report["compliant"] is True


def test_example_4_the_same_24_hours_as_planned_work_breaks_the_12_hour_shift_limit():
    report = run(
        "NL",
        [
            entry("2025-01-07T08:00", "2025-01-07T18:00"),
            entry("2025-01-07T18:00", "2025-01-08T08:00"),
        ],
    )
    # A 24 h shift through the night is also a night shift longer than 12 h.
    assert [v["rule"] for v in report["violations"]] == [
        "NL_SHIFT_MAX_12H",
        "NL_NIGHT_SHIFT_MAX_10H",
    ]
    assert report["violations"][:1] == [
        {
            "rule": "NL_SHIFT_MAX_12H",
            "start": "2025-01-07T08:00",
            "end": "2025-01-08T08:00",
            "value": 24.0,
            "limit": 12.0,
            "message": "Shift without in-house call from Tuesday 7 January 08:00 to "
            "Wednesday 8 January 08:00: 24 h in a row, the limit is 12 h",
        }
    ]


def test_a_shift_of_exactly_12_hours_is_allowed_and_a_minute_more_is_not():
    assert rules(run("NL", [entry("2025-01-07T07:00", "2025-01-07T19:00")])) == []
    report = run("NL", [entry("2025-01-07T07:00", "2025-01-07T19:01")])
    assert [v["value"] for v in broken(report, "NL_SHIFT_MAX_12H")] == [12.02]


def test_a_stint_with_in_house_call_is_held_to_24_hours_not_12():
    report = run(
        "NL",
        [
            entry("2025-01-07T08:00", "2025-01-07T18:00"),
            entry("2025-01-07T18:00", "2025-01-08T02:00", "oncall_inhouse"),
        ],
    )
    assert rules(report) == []
    report = run(
        "NL",
        [
            entry("2025-01-07T08:00", "2025-01-07T18:00"),
            entry("2025-01-07T18:00", "2025-01-08T08:30", "oncall_inhouse"),
        ],
        lang="nl",
    )
    assert report["violations"] == [
        {
            "rule": "NL_ONCALL_MAX_24H",
            "start": "2025-01-07T08:00",
            "end": "2025-01-08T08:30",
            "value": 24.5,
            "limit": 24.0,
            "message": "Dienst met aanwezigheidsdienst van dinsdag 7 januari 08:00 tot "
            "woensdag 8 januari 08:30: 24,5 u aan één stuk, de grens is 24 u",
        }
    ]


def test_in_house_call_over_the_autumn_clock_change_lasts_25_hours():
    call = [
        entry("2025-10-25T08:00", "2025-10-25T18:00"),
        entry("2025-10-25T18:00", "2025-10-26T08:00", "oncall_inhouse"),
    ]
    assert [v["value"] for v in broken(run("NL", call), "NL_ONCALL_MAX_24H")] == [25.0]


def test_in_house_call_over_the_spring_clock_change_lasts_23_hours():
    call = [
        entry("2025-03-29T08:00", "2025-03-29T18:00"),
        entry("2025-03-29T18:00", "2025-03-30T08:00", "oncall_inhouse"),
    ]
    assert rules(run("NL", call)) == []


# --- NL_WEEK_MAX_60H, NL_AVG_4W_55H, NL_AVG_16W_48H ---------------------------------------------

TWELVE_HOUR_DAYS = [(d, (7, 0), (19, 0)) for d in range(5)]


def test_sixty_hours_in_a_week_is_allowed_and_sixty_one_is_not():
    assert broken(run("NL", weeks_of(MONDAY, 1, TWELVE_HOUR_DAYS)), "NL_WEEK_MAX_60H") == []
    report = run(
        "NL",
        [*weeks_of(MONDAY, 1, TWELVE_HOUR_DAYS), entry("2025-01-11T07:00", "2025-01-11T08:00")],
    )
    (violation,) = broken(report, "NL_WEEK_MAX_60H")
    assert (violation["value"], violation["limit"]) == (61.0, 60.0)


ELEVEN_HOUR_DAYS = [(d, (7, 0), (18, 0)) for d in range(5)]


def test_four_weeks_of_55_hours_is_exactly_the_four_week_average_limit():
    report = run("NL", weeks_of(MONDAY, 4, ELEVEN_HOUR_DAYS))
    assert rules(report) == []


def test_one_hour_more_in_four_weeks_breaks_the_55_hour_average():
    extra = entry("2025-01-11T07:00", "2025-01-11T08:00")
    report = run("NL", [*weeks_of(MONDAY, 4, ELEVEN_HOUR_DAYS), extra])
    assert report["violations"] == [
        {
            "rule": "NL_AVG_4W_55H",
            "start": "2025-01-06T00:00",
            "end": "2025-02-03T00:00",
            "value": 55.25,
            "limit": 55.0,
            "message": "4 weeks from 6 January: on average 55.25 h a week, the limit is 55 h",
        }
    ]


FORTY_EIGHT = [(d, (7, 0), (19, 0)) for d in range(4)]


def test_sixteen_weeks_of_48_hours_is_allowed_and_one_hour_more_is_not():
    assert rules(run("NL", weeks_of(MONDAY, 16, FORTY_EIGHT))) == []
    extra = entry("2025-01-10T07:00", "2025-01-10T08:00")
    report = run("NL", [*weeks_of(MONDAY, 16, FORTY_EIGHT), extra])
    assert [(v["rule"], v["start"], v["end"], v["value"]) for v in report["violations"]] == [
        ("NL_AVG_16W_48H", "2025-01-06T00:00", "2025-04-28T00:00", 48.06)
    ]


# --- NL_REST_11H ----------------------------------------------------------------------------

DAY = entry("2025-01-06T08:00", "2025-01-06T17:00")


def test_an_eleven_hour_rest_is_enough():
    report = run("NL", [DAY, entry("2025-01-07T04:00", "2025-01-07T10:00")])
    assert rules(report) == []


def test_the_first_short_rest_of_the_week_may_be_eight_hours():
    report = run("NL", [DAY, entry("2025-01-07T02:00", "2025-01-07T10:00")])  # 9 h of rest
    assert rules(report) == []


def test_a_rest_under_eight_hours_breaks_the_rule_even_as_the_weeks_exception():
    report = run("NL", [DAY, entry("2025-01-07T00:59", "2025-01-07T06:00")])
    (violation,) = broken(report, "NL_REST_11H")
    assert (violation["value"], violation["limit"]) == (7.98, 8.0)


def test_a_second_short_rest_in_the_same_week_breaks_the_rule():
    report = run(
        "NL",
        [
            DAY,
            entry("2025-01-07T02:00", "2025-01-07T10:00"),
            entry("2025-01-07T19:00", "2025-01-07T23:00"),
        ],
    )
    assert report["violations"] == [
        {
            "rule": "NL_REST_11H",
            "start": "2025-01-07T10:00",
            "end": "2025-01-07T19:00",
            "value": 9.0,
            "limit": 11.0,
            "message": "Rest from Tuesday 7 January 10:00 to Tuesday 7 January 19:00: 9 h, "
            "at least 11 h is required",
        }
    ]


def test_a_short_rest_after_in_house_call_breaks_the_rule_without_using_the_exception():
    report = run(
        "NL",
        [
            entry("2025-01-06T08:00", "2025-01-06T18:00", "oncall_inhouse"),
            entry("2025-01-07T03:00", "2025-01-07T10:00"),  # 9 h after in-house call
            entry("2025-01-07T19:00", "2025-01-07T23:00"),  # 9 h after a plain shift
        ],
    )
    assert [(v["start"], v["limit"]) for v in broken(report, "NL_REST_11H")] == [
        ("2025-01-06T18:00", 11.0)
    ]


def test_each_week_has_its_own_short_rest():
    report = run(
        "NL",
        [
            DAY,
            entry("2025-01-07T02:00", "2025-01-07T10:00"),
            entry("2025-01-13T08:00", "2025-01-13T17:00"),
            entry("2025-01-14T02:00", "2025-01-14T10:00"),
        ],
    )
    assert rules(report) == []


def test_a_short_rest_belongs_to_the_week_it_begins_in():
    report = run(
        "NL",
        [
            DAY,
            entry("2025-01-07T02:00", "2025-01-07T10:00"),  # uses the week's exception
            entry("2025-01-12T13:00", "2025-01-12T22:00"),
            entry("2025-01-13T07:00", "2025-01-13T12:00"),  # 9 h from Sunday into Monday
        ],
    )
    assert [(v["start"], v["end"]) for v in broken(report, "NL_REST_11H")] == [
        ("2025-01-12T22:00", "2025-01-13T07:00")
    ]


def test_a_rest_over_the_spring_clock_change_is_measured_in_real_hours():
    report = run(
        "NL",
        [
            entry("2025-03-24T08:00", "2025-03-24T17:00"),
            entry("2025-03-25T02:00", "2025-03-25T10:00"),  # the week's short rest
            entry("2025-03-29T10:00", "2025-03-29T21:00"),
            entry("2025-03-30T08:00", "2025-03-30T12:00"),  # 11 h on the clock, 10 h real
        ],
    )
    assert [(v["start"], v["value"]) for v in broken(report, "NL_REST_11H")] == [
        ("2025-03-29T21:00", 10.0)
    ]


# --- NL_WEEKLY_REST_36H ---------------------------------------------------------------------


def _three_weeks(sunday_start: tuple[int, int]) -> list[dict]:
    pattern = [(d, (8, 0), (17, 0)) for d in range(5)] + [(6, sunday_start, (12, 0))]
    return weeks_of(MONDAY, 3, pattern)


def test_a_weekly_rest_of_exactly_36_hours_is_enough():
    assert rules(run("NL", _three_weeks((5, 0)))) == []  # Friday 17:00 to Sunday 05:00


def test_a_weekly_rest_one_minute_short_of_36_hours_breaks_the_rule():
    report = run("NL", _three_weeks((4, 59)))
    # The first and last weeks border on the time before and after the schedule, which has
    # no work in it: only the middle week is short.
    assert report["violations"] == [
        {
            "rule": "NL_WEEKLY_REST_36H",
            "start": "2025-01-13T00:00",
            "end": "2025-01-20T00:00",
            "value": 35.98,
            "limit": 36.0,
            "message": "Week of 13 January: longest rest 35.98 h; required is 36 h in one "
            "stretch, or 72 h in 14 × 24 h in rests of at least 32 h",
        }
    ]


def _busy_middle_week(tuesday_start: tuple[int, int]) -> list[dict]:
    first = weeks_of(MONDAY, 1, [(d, (8, 0), (15, 0)) for d in range(6)] + [(6, (8, 0), (20, 0))])
    middle = weeks_of(
        date(2025, 1, 13),
        1,
        [(1, tuesday_start, (17, 0))] + [(d, (8, 0), (17, 0)) for d in range(2, 7)],
    )
    last = [entry("2025-01-20T08:00", "2025-01-20T17:00")]
    return first + middle + last


def test_a_weekly_rest_counts_with_its_part_inside_the_period():
    # Sunday 20:00 to Tuesday 08:00 is 36 h, of which only 32 h fall in the middle period;
    # with the other rests of the fortnight (all short) the 72 h alternative fails too.
    report = run("NL", _busy_middle_week((8, 0)))
    assert [(v["rule"], v["start"], v["value"]) for v in report["violations"]] == [
        ("NL_WEEKLY_REST_36H", "2025-01-13T00:00", 32.0)
    ]


def _week_of_work_from_monday_midnight(reference_start: str) -> dict:
    """Work from Monday 3 March 2025 00:00 (winter time) to the next Monday 00:00, with one rest
    of 35 h 45 min: the shortest-possible schedule that fills the week of 2025-03-03."""
    entries = [
        {"start": "2025-03-02T23:00+00:00", "end": "2025-03-07T06:00+00:00", "kind": "planned"},
        {"start": "2025-03-08T17:45+00:00", "end": "2025-03-09T23:00+00:00", "kind": "planned"},
    ]
    return {
        "jurisdiction": "NL",
        "timezone": "Europe/Amsterdam",
        "reference_start": reference_start,
        "entries": entries,
    }


def _weekly_rest(schedule: dict) -> list[tuple[str, float]]:
    from traject.worktime.rules import check

    report = check(schedule, "en")
    return [
        (v["start"], v["value"]) for v in report["violations"] if v["rule"] == "NL_WEEKLY_REST_36H"
    ]


def test_periods_of_7_x_24_hours_count_from_the_real_midnight_of_a_reference_day_in_summer_time():
    # From Monday 21 October 2024 00:00 (summer time, UTC+2) 19 periods of 7 x 24 real hours end
    # on Sunday 2 March 2025 at 23:00 winter time: the week's period starts an hour before the
    # first entry, an hour nothing is known about, so nothing is blamed (found by hypothesis:
    # the offset table made for the entries' span read the reference day in winter time).
    assert _weekly_rest(_week_of_work_from_monday_midnight("2024-10-21")) == []


def test_the_same_week_counted_from_a_reference_day_in_winter_time_lacks_its_36_hours():
    # From Monday 4 November 2024 (winter time) the period starts on 3 March 00:00, with the
    # first entry: the whole period is known and its longest rest is 35 h 45 min.
    assert _weekly_rest(_week_of_work_from_monday_midnight("2024-11-04")) == [
        ("2025-03-03T00:00", 35.75)
    ]
