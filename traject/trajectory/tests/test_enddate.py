"""The end-date computation at its limits (no database)."""

import datetime

import pytest

from traject.trajectory.enddate import (
    EndDateInputError,
    Interruption,
    add_months,
    compute_end_date,
    end_date_from_dict,
)

D = datetime.date
START = D(2025, 10, 1)


def compute(**kwargs):
    kwargs.setdefault("start", START)
    kwargs.setdefault("nominal_months", 60)
    kwargs.setdefault("plan_submitted_on", D(2025, 11, 1))
    return compute_end_date(**kwargs)


def weeks_of_interruption(days):
    first = D(2026, 1, 5)
    return [Interruption(first, first + datetime.timedelta(days=days - 1), "sick")]


def test_month_arithmetic_clips_to_the_last_day_of_the_month():
    assert add_months(D(2025, 10, 31), 4) == D(2026, 2, 28)
    assert add_months(D(2027, 10, 31), 4) == D(2028, 2, 29)
    assert add_months(D(2025, 1, 31), 1) == D(2025, 2, 28)
    assert add_months(D(2025, 12, 15), 1) == D(2026, 1, 15)


def test_planned_end_is_the_day_before_start_plus_nominal_months():
    result = compute()
    assert result.planned_end == D(2030, 9, 30)
    assert result.expected_end == D(2030, 9, 30)
    assert result.counted_start == START
    assert not result.moved


def test_start_on_first_october_must_submit_by_31_january():
    assert compute().last_submission_day == D(2026, 1, 31)
    assert compute(submission_months=3).last_submission_day == D(2025, 12, 31)


def test_submitted_on_the_last_allowed_day_is_in_time():
    result = compute(plan_submitted_on=D(2026, 1, 31))
    assert result.submission_delay_days == 0
    assert result.counted_start == START
    assert result.expected_end == D(2030, 9, 30)


def test_submitted_one_day_late_counts_from_the_submission_date():
    result = compute(plan_submitted_on=D(2026, 2, 1))
    assert result.counted_start == D(2026, 2, 1)
    assert result.submission_delay_days == (D(2026, 2, 1) - START).days == 123
    assert result.expected_end == D(2030, 9, 30) + datetime.timedelta(days=123)


def test_exactly_fifteen_weeks_of_interruption_do_not_extend():
    result = compute(interruptions=weeks_of_interruption(105))
    assert result.interruption_days == 105
    assert result.extension_days == 0
    assert result.expected_end == result.planned_end


def test_one_day_over_fifteen_weeks_extends_by_one_day():
    result = compute(interruptions=weeks_of_interruption(106))
    assert result.extension_days == 1
    assert result.expected_end == result.planned_end + datetime.timedelta(days=1)


def test_eighteen_weeks_extend_by_three_weeks():
    result = compute(interruptions=weeks_of_interruption(18 * 7))
    assert result.extension_days == 21


def test_an_interruption_entered_twice_counts_once_and_overlaps_merge():
    once = weeks_of_interruption(120)
    twice = once + once
    assert compute(interruptions=twice).interruption_days == 120
    overlapping = [
        Interruption(D(2026, 1, 1), D(2026, 1, 10), "sick"),
        Interruption(D(2026, 1, 5), D(2026, 1, 20), "other"),
        Interruption(D(2026, 3, 1), D(2026, 3, 1), "maternity"),
    ]
    result = compute(interruptions=overlapping)
    assert result.interruption_days == 20 + 1
    assert [p.kinds for p in result.interruptions] == [("sick", "other"), ("maternity",)]


def test_threshold_is_data():
    result = compute(interruptions=weeks_of_interruption(106), threshold_weeks=16)
    assert result.extension_days == 0


def test_the_issue_example():
    result = end_date_from_dict(
        {
            "start": "2025-10-01",
            "nominal_months": 60,
            "plan_submitted_on": "2026-03-15",
            "interruptions": [{"start": "2026-01-05", "end": "2026-05-01", "kind": "sick"}],
        },
        lang="en",
    )
    data = result.to_dict()
    assert data["counted_start"] == "2026-03-15"
    assert data["planned_end"] == "2030-09-30"
    assert data["submission_delay_days"] == 165
    assert data["interruption_days"] == 117
    assert data["extension_days"] == 12
    assert data["expected_end"] == "2031-03-26"
    assert len(data["lines"]) == 6
    assert "2031-03-26" in data["lines"][-1]


def test_not_yet_submitted_counts_no_delay():
    result = end_date_from_dict({"start": "2025-10-01", "nominal_months": 60})
    assert result.submission_delay_days == 0
    assert result.plan_submitted_on is None


@pytest.mark.parametrize(
    "data, fragment",
    [
        ({"nominal_months": 60}, "start: this field is missing"),
        ({"start": "2025-10-01"}, "nominal_months: this field is missing"),
        ({"start": "2025-13-01", "nominal_months": 60}, "is not a date"),
        ({"start": "2025-10-01", "nominal_months": 0}, "nominal_months"),
        ({"start": "2025-10-01", "nominal_months": True}, "nominal_months"),
        ({"start": "2025-10-01", "nominal_months": "60"}, "nominal_months"),
        ({"start": "2025-10-01", "nominal_months": 60, "threshold_weeks": -1}, "threshold"),
        (
            {
                "start": "2025-10-01",
                "nominal_months": 60,
                "interruptions": [{"start": "2026-02-01", "end": "2026-01-01", "kind": "sick"}],
            },
            "ends (2026-01-01) before it starts",
        ),
        (
            {
                "start": "2025-10-01",
                "nominal_months": 60,
                "interruptions": [{"start": "2025-09-30", "end": "2026-01-01", "kind": "sick"}],
            },
            "before the training",
        ),
        (
            {
                "start": "2025-10-01",
                "nominal_months": 60,
                "interruptions": [{"start": "2025-10-01", "end": "2026-01-01", "kind": "holiday"}],
            },
            "kind",
        ),
        ({"start": "2025-10-01", "nominal_months": 60, "interruptions": {}}, "a list"),
        ({"start": "2025-10-01", "nominal_months": 60, "typo": 1}, "unknown field"),
        ([], "JSON object"),
        ({"start": "2025-10-01\x00", "nominal_months": 60}, "is not a date"),
    ],
)
def test_bad_input_names_the_problem(data, fragment):
    with pytest.raises(EndDateInputError) as info:
        end_date_from_dict(data)
    assert any(fragment in problem for problem in info.value.problems), info.value.problems


def test_interruption_on_the_first_day_of_training_is_accepted():
    result = compute(interruptions=[Interruption(START, START, "sick")])
    assert result.interruption_days == 1


def test_explanations_in_three_languages():
    for lang, word in (("nl", "Verwachte einddatum"), ("fr", "Fin attendue"), ("en", "Expected")):
        assert word in compute(lang=lang).lines[-1]
