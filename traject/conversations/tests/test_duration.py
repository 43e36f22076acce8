"""The individual training duration as a pure function."""

import datetime

import pytest

from traject.conversations import duration

D = datetime.date
START = D(2024, 9, 1)


def test_the_nominal_duration_ends_the_day_before_the_anniversary():
    result = duration.expected_end(training_start=START, nominal_months=72, decisions=[])
    assert result.expected_end == D(2030, 8, 31) == result.nominal_end
    assert [s.kind for s in result.steps] == ["nominal"]


def test_evc_shortens_and_part_time_extends_pro_rata():
    decisions = [
        duration.Decision(kind=duration.EVC, months=6),
        # One year at 80 %: a fifth of a year is missing, made up at the same pace (+25 %).
        duration.Decision(
            kind=duration.PART_TIME, start=D(2025, 1, 1), end=D(2025, 12, 31), percentage=80
        ),
    ]
    result = duration.expected_end(training_start=START, nominal_months=72, decisions=decisions)
    assert [s.kind for s in result.steps] == ["nominal", "evc", "part_time"]
    assert result.steps[1].end == D(2030, 2, 28)
    assert result.steps[2].days == 92  # ceil(365 * 20 / 80)
    assert result.expected_end == D(2030, 2, 28) + datetime.timedelta(days=92)


def test_twelve_months_of_extension_are_allowed_and_a_thirteenth_is_refused():
    twelve = [
        duration.Decision(kind=duration.EXTENSION, months=6),
        duration.Decision(kind=duration.EXTENSION, months=6),
    ]
    result = duration.expected_end(training_start=START, nominal_months=60, decisions=twelve)
    assert result.expected_end == D(2030, 8, 31)
    with pytest.raises(duration.DurationError) as error:
        duration.expected_end(
            training_start=START,
            nominal_months=60,
            decisions=[*twelve, duration.Decision(kind=duration.EXTENSION, months=1)],
        )
    assert error.value.code == "extension"
    assert error.value.params == {"months": 13, "max": 12}


def test_a_shortening_cannot_take_the_whole_training_and_percentages_are_checked():
    with pytest.raises(duration.DurationError):
        duration.expected_end(
            training_start=START,
            nominal_months=24,
            decisions=[duration.Decision(kind=duration.EVC, months=24)],
        )
    with pytest.raises(duration.DurationError):
        duration.part_time_extra_days(D(2025, 1, 1), D(2025, 2, 1), 0)
    assert duration.part_time_extra_days(D(2025, 1, 1), D(2025, 1, 10), 100) == 0
