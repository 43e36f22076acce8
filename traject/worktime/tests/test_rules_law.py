"""The second edition's readings of the law, beyond the limit-and-a-minute cases."""

import numpy as np
import pytest

from traject.worktime.rules import Entry, Schedule, ScheduleError, evaluate
from traject.worktime.tests.test_rules_support import (  # noqa: F401
    _no_lockouts,
    broken,
    entry,
    rules,
    run,
    week,
)


def standby(start: str, end: str, restrictive: bool = True) -> dict:
    return {"start": start, "end": end, "kind": "oncall_home_standby", "restrictive": restrictive}


# --- BE: restrictive home standby (Matzak) ---------------------------------------------------


def test_restrictive_standby_is_working_time_in_belgium_and_reports_show_both_figures():
    report = run(
        "BE",
        [
            entry("2025-01-10T08:00", "2025-01-10T18:00"),
            standby("2025-01-10T18:00", "2025-01-11T08:00"),
            entry("2025-01-11T03:00", "2025-01-11T05:00", "oncall_home_callout"),
        ],
    )
    figures = week(report, "2025-01-06")
    # The call-out lies inside the restrictive standby: counted once.
    assert figures["hours"] == 24.0
    assert figures["restrictive_standby_hours"] == 14.0
    assert figures["hours_without_restrictive"] == 12.0
    assert rules(report) == []


def test_a_restrictive_standby_joins_the_stint_it_touches():
    report = run(
        "BE",
        [
            entry("2025-01-10T08:00", "2025-01-10T18:00"),
            standby("2025-01-10T18:00", "2025-01-11T08:01"),
        ],
    )
    assert [(v["rule"], v["value"]) for v in report["violations"]] == [("BE_STINT_MAX_24H", 24.02)]


def test_an_ordinary_standby_is_still_not_working_time():
    report = run(
        "BE",
        [
            entry("2025-01-10T08:00", "2025-01-10T18:00"),
            standby("2025-01-10T18:00", "2025-01-12T08:00", False),
        ],
    )
    assert week(report, "2025-01-06")["hours"] == 10.0
    assert rules(report) == []


def test_other_rule_sets_ignore_restrictive_for_now():
    report = run("NL", [standby("2025-01-10T18:00", "2025-01-11T18:00")])
    assert week(report, "2025-01-06")["hours"] == 0.0


@pytest.mark.parametrize(
    "other",
    [
        entry("2025-01-10T17:00", "2025-01-10T19:00", "oncall_home_callout"),  # partly inside
        entry("2025-01-10T20:00", "2025-01-10T22:00", "planned"),  # work inside a standby
    ],
)
def test_only_a_call_out_wholly_inside_may_share_a_restrictive_standby(other):
    with pytest.raises(ScheduleError) as raised:
        run("BE", [standby("2025-01-10T18:00", "2025-01-11T08:00"), other])
    assert [p.code for p in raised.value.problems] == ["restrictive_overlap"]
    assert "restrictive home standby" in str(raised.value)


def test_restrictive_must_be_a_boolean():
    bad = {**standby("2025-01-10T18:00", "2025-01-11T08:00"), "restrictive": "yes"}
    with pytest.raises(ScheduleError) as raised:
        run("BE", [bad])
    assert [p.code for p in raised.value.problems] == ["bad_restrictive"]


def test_restrictive_reaches_the_engine_from_objects_and_arrays():
    from datetime import datetime

    items = [
        Entry(datetime(2025, 1, 10, 18), datetime(2025, 1, 11, 6), "oncall_home_standby", True)
    ]
    from_objects = Schedule.from_entries("BE", "Europe/Brussels", "2025-01-06", items)
    assert evaluate(from_objects).weeks[0].hours == 12.0
    from_arrays = Schedule.from_arrays(
        "BE",
        "Europe/Brussels",
        "2025-01-06",
        np.array(["2025-01-10T18:00"], dtype="datetime64[s]"),
        np.array(["2025-01-11T06:00"], dtype="datetime64[s]"),
        np.array(["oncall_home_standby"]),
        restrictive=np.array([True]),
    )
    assert evaluate(from_arrays).weeks[0].hours == 12.0


# --- NL night shifts -------------------------------------------------------------------------


def test_a_night_shift_has_more_than_an_hour_between_midnight_and_six():
    # 7 h of rest after each: below even the shortened 8 h.
    night = [
        entry("2025-01-07T16:00", "2025-01-08T03:00"),  # 3 h of night
        entry("2025-01-08T10:00", "2025-01-08T11:00"),
    ]
    assert [v["limit"] for v in broken(run("NL", night), "NL_NIGHT_REST_14H")] == [8.0]
    exactly = [
        entry("2025-01-07T14:00", "2025-01-08T01:00"),  # exactly 1 h of night: no night shift
        entry("2025-01-08T08:00", "2025-01-08T09:00"),
    ]
    assert broken(run("NL", exactly), "NL_NIGHT_REST_14H") == []


def test_a_night_shift_ending_at_half_past_one_needs_only_the_ordinary_rest():
    report = run(
        "NL",
        [
            entry("2025-01-07T16:00", "2025-01-08T01:30"),
            entry("2025-01-08T12:30", "2025-01-08T14:00"),
        ],
    )
    assert broken(report, "NL_NIGHT_REST_14H") == []
    assert broken(report, "NL_REST_11H") == []


def test_a_night_shift_with_in_house_call_is_not_held_to_ten_hours():
    report = run("NL", [entry("2025-01-07T20:00", "2025-01-08T08:00", "oncall_inhouse")])
    assert broken(report, "NL_NIGHT_SHIFT_MAX_10H") == []


def test_the_shortened_rest_is_once_in_any_seven_times_24_hours_not_once_a_calendar_week():
    # Two 9 h rests, Saturday and the next Tuesday: different calendar weeks, but less than
    # 168 h apart, so the second breaks the rule.
    report = run(
        "NL",
        [
            entry("2025-01-11T08:00", "2025-01-11T17:00"),
            entry("2025-01-12T02:00", "2025-01-12T06:00"),
            entry("2025-01-14T08:00", "2025-01-14T17:00"),
            entry("2025-01-15T02:00", "2025-01-15T06:00"),
        ],
    )
    assert [(v["start"], v["limit"]) for v in broken(report, "NL_REST_11H")] == [
        ("2025-01-14T17:00", 11.0)
    ]


def test_night_shift_messages_say_what_a_trainee_must_know():
    report = run("NL", [entry("2025-01-07T20:00", "2025-01-08T08:01")], lang="nl")
    [night] = broken(report, "NL_NIGHT_SHIFT_MAX_10H")
    assert night["message"] == (
        "Nachtdienst van dinsdag 7 januari 20:00 tot woensdag 8 januari 08:01: 12,02 u, de grens "
        "is 12 u (tot 12 u mag hoogstens 5 keer in 14 × 24 u)"
    )
