"""Input: the exchange format, Python objects and arrays; every kind of bad input."""

from datetime import UTC, date, datetime, timedelta, timezone

import numpy as np
import pytest

from traject.worktime.rules import (
    Entry,
    LeaveDay,
    OptOutPeriod,
    Schedule,
    ScheduleError,
    check,
    evaluate,
    evaluate_many,
    parse_schedule,
    schedules_from_arrays,
)
from traject.worktime.tests.test_rules_support import (  # noqa: F401
    _no_lockouts,
    entry,
    leave,
    run,
    schedule,
    week,
)

DAY = entry("2025-01-06T08:00", "2025-01-06T17:00")


def problems(data: object, lang: str = "en") -> list:
    with pytest.raises(ScheduleError) as info:
        parse_schedule(data, lang)
    return info.value.problems


def codes(data: object) -> list[tuple[str, int | None]]:
    return [(p.code, p.index) for p in problems(data)]


# --- entries ---------------------------------------------------------------------------------


def test_an_unknown_kind_is_named_with_the_entry_number_and_start():
    (problem,) = problems(
        schedule("BE", [DAY, entry("2025-01-07T08:00", "2025-01-07T17:00", "night")])
    )
    assert (problem.code, problem.index) == ("unknown_kind", 1)
    assert problem.message == "Entry 2 (start 2025-01-07T08:00): unknown kind “night”"


def test_a_timed_kind_on_a_day_entry_and_a_day_kind_without_date_are_refused():
    data = schedule(
        "BE", [{"date": "2025-01-06", "kind": "planned"}, {"start": "x", "kind": "sick"}]
    )
    assert codes(data) == [
        ("entry_missing_field", 0),  # no start
        ("entry_missing_field", 0),  # no end
        ("entry_missing_field", 1),  # no date
    ]


def test_an_end_before_or_at_the_start_is_refused():
    data = schedule(
        "BE",
        [
            entry("2025-01-06T08:00", "2025-01-06T07:00"),
            entry("2025-01-07T08:00", "2025-01-07T08:00"),
        ],
    )
    found = problems(data)
    assert [(p.code, p.index) for p in found] == [
        ("end_not_after_start", 0),
        ("end_not_after_start", 1),
    ]
    assert found[0].message == (
        "Entry 1 (start 2025-01-06T08:00): the end 2025-01-06T07:00 is not after the start"
    )


def test_overlapping_counted_entries_are_refused_naming_both():
    data = schedule(
        "BE",
        [
            entry("2025-01-06T08:00", "2025-01-06T12:00"),
            entry("2025-01-08T08:00", "2025-01-08T12:00"),
            entry("2025-01-06T11:00", "2025-01-06T13:00", "oncall_home_callout"),
        ],
    )
    (problem,) = problems(data)
    assert (problem.code, problem.index) == ("overlap", 2)
    assert problem.message == (
        "Entry 3 (start 2025-01-06T11:00) overlaps Entry 1 (start 2025-01-06T08:00)"
    )


def test_a_long_entry_overlapping_a_later_one_is_found():
    data = schedule(
        "BE",
        [
            entry("2025-01-06T08:00", "2025-01-07T08:00"),
            entry("2025-01-06T09:00", "2025-01-06T10:00"),
            entry("2025-01-06T20:00", "2025-01-06T21:00"),
        ],
    )
    assert codes(data) == [("overlap", 1), ("overlap", 2)]


def test_touching_entries_and_a_call_out_inside_standby_are_fine():
    report = run(
        "BE",
        [
            entry("2025-01-06T08:00", "2025-01-06T12:00"),
            entry("2025-01-06T12:00", "2025-01-06T17:00", "education"),
            entry("2025-01-06T17:00", "2025-01-07T08:00", "oncall_home_standby"),
            entry("2025-01-06T22:00", "2025-01-06T23:00", "oncall_home_callout"),
            entry("2025-01-07T07:00", "2025-01-07T09:00"),
        ],
    )
    assert week(report, "2025-01-06")["hours"] == 12


def test_overlapping_standby_entries_are_refused():
    data = schedule(
        "BE",
        [
            entry("2025-01-06T18:00", "2025-01-07T08:00", "oncall_home_standby"),
            entry("2025-01-07T06:00", "2025-01-07T18:00", "oncall_home_standby"),
        ],
    )
    assert codes(data) == [("overlap", 1)]


def test_two_leave_days_on_one_date_are_refused():
    data = schedule("BE", [leave("2025-01-06"), DAY, leave("2025-01-06", "sick")])
    (problem,) = problems(data)
    assert (problem.code, problem.index) == ("duplicate_leave", 2)
    assert "Entry 1 (date 2025-01-06)" in problem.message


@pytest.mark.parametrize(
    "value",
    ["2025-01-06", "2025-13-06T08:00", "tomorrow", "2025-01-06T25:00", 20250106, None],
)
def test_a_malformed_or_missing_time_is_refused(value):
    data = schedule("BE", [{"start": value, "end": "2025-01-06T17:00", "kind": "planned"}])
    expected = "entry_missing_field" if value is None else "malformed_time"
    assert codes(data) == [(expected, 0)]


@pytest.mark.parametrize("value", ["2025-02-30", "06/01/2025", "2025-01", 3])
def test_a_malformed_leave_date_is_refused(value):
    assert codes(schedule("BE", [DAY, {"date": value, "kind": "vacation"}])) == [
        ("malformed_date", 1)
    ]


def test_an_entry_without_kind_or_not_an_object_is_refused():
    data = schedule("BE", [{"start": "2025-01-06T08:00", "end": "2025-01-06T09:00"}, "x"])
    assert codes(data) == [("entry_missing_field", 0), ("entry_not_object", 1)]


def test_a_time_the_spring_clock_change_skips_is_refused():
    data = schedule("BE", [entry("2025-03-30T02:30", "2025-03-30T08:00")])
    (problem,) = problems(data)
    assert problem.code == "nonexistent_time"
    assert problem.message == (
        "Entry 1 (start 2025-03-30T02:30): 2025-03-30T02:30 does not exist in "
        "Europe/Brussels (the clock jumps forward)"
    )
    us = schedule("US", [entry("2025-03-09T00:00", "2025-03-09T02:15")])
    assert codes(us) == [("nonexistent_time", 0)]


def test_a_repeated_autumn_time_means_its_first_occurrence():
    # 02:30 first happens at +02:00; 04:00 is at +01:00: 2.5 real hours.
    report = run("BE", [entry("2025-10-26T02:30", "2025-10-26T04:00")])
    assert week(report, "2025-10-20")["hours"] == 2.5
    report = run("US", [entry("2025-11-02T01:30", "2025-11-02T03:00")])
    assert week(report, "2025-10-27")["hours"] == 2.5


def test_times_with_an_offset_are_instants_and_reported_in_local_time():
    report = run(
        "BE",
        [
            entry("2025-01-06T08:00", "2025-01-06T09:00"),
            entry("2025-01-07T06:00Z", "2025-01-08T08:00+01:00", "oncall_inhouse"),
        ],
    )
    assert [(v["rule"], v["start"], v["end"], v["value"]) for v in report["violations"]] == [
        ("BE_STINT_MAX_24H", "2025-01-07T07:00", "2025-01-08T08:00", 25.0)
    ]
    assert week(report, "2025-01-06")["hours"] == 26


# --- the schedule's own fields ---------------------------------------------------------------


def test_every_missing_top_level_field_is_reported_at_once():
    assert codes({}) == [
        ("missing_field", None),
        ("missing_field", None),
        ("missing_field", None),
        ("missing_field", None),
    ]


@pytest.mark.parametrize("data", [[], "schedule", None])
def test_a_schedule_that_is_not_an_object_is_refused(data):
    assert codes(data) == [("not_an_object", None)]


def test_entries_must_be_a_list():
    assert codes(schedule("BE", {"start": "x"})) == [("entries_not_list", None)]


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("jurisdiction", "FR", "unknown_jurisdiction"),
        ("jurisdiction", None, "missing_field"),
        ("timezone", None, "missing_field"),
        ("timezone", "Europe/Brusels", "unknown_timezone"),
        ("timezone", "", "unknown_timezone"),
        ("timezone", 1, "unknown_timezone"),
        ("reference_start", "2025-01-07", "reference_not_monday"),
        ("reference_start", "6 January", "malformed_reference"),
        ("opt_out", "yes", "bad_opt_out"),
        ("opt_out", [{"until": "2025-02-01"}], "bad_opt_out"),
        ("opt_out", [{"from": "2025-02-01", "until": "2025-01-01"}], "bad_opt_out"),
        ("opt_out", [{"from": "2025-02-30"}], "bad_opt_out"),
        ("holiday_country", "XX", "unknown_holiday_country"),
    ],
)
def test_a_bad_schedule_field_is_refused(field, value, code):
    data = schedule("BE", [DAY])
    data[field] = value
    assert codes(data) == [(code, None)]


def test_every_problem_is_reported_at_once_and_nothing_is_computed():
    data = schedule(
        "XX",
        [
            entry("2025-01-06T08:00", "2025-01-06T07:00"),
            entry("2025-01-07T08:00", "2025-01-07T09:00", "nap"),
            leave("2025-02-30"),
        ],
        reference_start="2025-01-08",
    )
    assert codes(data) == [
        ("unknown_jurisdiction", None),
        ("reference_not_monday", None),
        ("end_not_after_start", 0),
        ("unknown_kind", 1),
        ("malformed_date", 2),
    ]
    with pytest.raises(ScheduleError):
        check(data)


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("nl", "Registratie 1 (begin 2025-01-06T08:00): onbekende soort “nap”"),
        ("fr", "Entrée 1 (début 2025-01-06T08:00) : type « nap » inconnu"),
        ("en", "Entry 1 (start 2025-01-06T08:00): unknown kind “nap”"),
    ],
)
def test_problems_read_in_the_requested_language(lang, message):
    data = schedule("BE", [entry("2025-01-06T08:00", "2025-01-06T09:00", "nap")])
    assert [p.message for p in problems(data, lang)] == [message]


def test_an_unsupported_language_is_a_programming_error():
    with pytest.raises(ValueError, match="unsupported language"):
        check(schedule("BE", [DAY]), lang="de")


def test_the_error_message_lists_every_problem():
    with pytest.raises(ScheduleError) as info:
        parse_schedule(schedule("BE", [entry("a", "b"), entry("c", "d")]), "en")
    assert str(info.value).count("\n") == 3  # two entries, two bad times each


# --- Python objects and arrays ---------------------------------------------------------------


def test_a_schedule_from_python_objects_matches_the_exchange_format():
    brussels = timezone(timedelta(hours=1))
    built = Schedule.from_entries(
        "BE",
        "Europe/Brussels",
        date(2025, 1, 6),
        entries=[
            Entry(datetime(2025, 1, 6, 7), datetime(2025, 1, 6, 19), "planned"),
            Entry(
                datetime(2025, 1, 7, 6, tzinfo=UTC),
                datetime(2025, 1, 7, 19, tzinfo=brussels),
                "planned",
            ),
            LeaveDay(date(2025, 1, 8), "sick"),
        ],
        opt_out=[OptOutPeriod(date(2025, 1, 1))],
    )
    parsed = parse_schedule(
        schedule(
            "BE",
            [
                entry("2025-01-06T07:00", "2025-01-06T19:00"),
                entry("2025-01-07T07:00", "2025-01-07T19:00"),
                leave("2025-01-08", "sick"),
            ],
            opt_out=[{"from": "2025-01-01", "until": None}],
        )
    )
    assert evaluate(built).to_dict() == evaluate(parsed).to_dict()


def test_python_objects_are_checked_like_json():
    with pytest.raises(ScheduleError) as info:
        Schedule.from_entries(
            "BE",
            "Europe/Brussels",
            "2025-01-06",
            entries=[Entry(datetime(2025, 1, 6, 8), datetime(2025, 1, 6, 7), "planned")],
            leave_days=[LeaveDay(date(2025, 1, 6), "holiday")],
            lang="en",
        )
    # Leave days are numbered after the entries.
    assert [(p.code, p.index) for p in info.value.problems] == [
        ("end_not_after_start", 0),
        ("unknown_kind", 1),
    ]


def test_a_schedule_from_arrays_matches_the_exchange_format():
    starts = np.array(["2025-01-06T07:00", "2025-01-07T07:00"], dtype="datetime64[s]")
    ends = starts + np.timedelta64(13, "h")
    built = Schedule.from_arrays(
        "BE",
        "Europe/Brussels",
        "2025-01-06",
        starts,
        ends,
        np.array(["planned", "oncall_inhouse"]),
        leave_date=np.array(["2025-01-08"], dtype="datetime64[D]"),
    )
    parsed = parse_schedule(
        schedule(
            "BE",
            [
                entry("2025-01-06T07:00", "2025-01-06T20:00"),
                entry("2025-01-07T07:00", "2025-01-07T20:00", "oncall_inhouse"),
                leave("2025-01-08"),
            ],
        )
    )
    assert evaluate(built, "fr").to_dict() == evaluate(parsed, "fr").to_dict()


def test_arrays_with_an_unknown_kind_code_are_refused():
    starts = np.array(["2025-01-06T07:00"], dtype="datetime64[s]")
    with pytest.raises(ScheduleError) as info:
        Schedule.from_arrays("BE", "Europe/Brussels", "2025-01-06", starts, starts + 3600, [42])
    assert [(p.code, p.index) for p in info.value.problems] == [("unknown_kind", 0)]


def test_a_batch_keeps_good_schedules_when_one_is_bad():
    headers = [
        {"jurisdiction": "BE", "timezone": "Europe/Brussels", "reference_start": "2025-01-06"},
        {"jurisdiction": "US", "timezone": "America/New_York", "reference_start": "2025-01-06"},
        {"jurisdiction": "NL", "timezone": "Europe/Amsterdam", "reference_start": "2025-01-06"},
    ]
    starts = np.array(
        ["2025-01-06T08:00", "2025-03-09T02:30", "2025-01-06T08:00", "2025-01-06T09:00"],
        dtype="datetime64[s]",
    )
    ends = starts + np.timedelta64(2, "h")
    built = schedules_from_arrays(
        headers, starts, ends, np.zeros(4, dtype=np.int8), owner=np.array([0, 1, 2, 2])
    )
    assert isinstance(built[0], Schedule)
    assert isinstance(built[1], ScheduleError)
    assert [(p.code, p.index) for p in built[1].problems] == [("nonexistent_time", 0)]
    assert isinstance(built[2], ScheduleError)
    assert [(p.code, p.index) for p in built[2].problems] == [("overlap", 1)]
    (report,) = evaluate_many([built[0]])
    assert report.weeks[0].hours == 2


def test_a_batch_with_interleaved_rows_matches_one_schedule_at_a_time():
    headers = [
        {"jurisdiction": "NL", "timezone": "Europe/Amsterdam", "reference_start": "2025-01-06"},
        {"jurisdiction": "NL", "timezone": "Europe/Amsterdam", "reference_start": "2025-01-13"},
    ]
    starts = np.array(
        ["2025-01-08T08:00", "2025-01-06T08:00", "2025-01-07T08:00", "2025-01-06T20:00"],
        dtype="datetime64[s]",
    )
    ends = starts + np.timedelta64(13, "h")
    owner = np.array([1, 0, 1, 0])
    kind = np.array(["planned", "planned", "oncall_inhouse", "planned"])
    together = schedules_from_arrays(headers, starts, ends, kind, owner=owner)
    # Rows 1 and 3 of schedule 0 overlap; schedule 1 is fine and numbered in its own rows.
    assert [(p.code, p.index) for p in together[0].problems] == [("overlap", 1)]
    alone = Schedule.from_arrays(
        "NL", "Europe/Amsterdam", "2025-01-13", starts[[0, 2]], ends[[0, 2]], kind[[0, 2]]
    )
    assert evaluate(together[1]).to_dict() == evaluate(alone).to_dict()
