import datetime

from traject.organisation.capacity import CapacityWindow, Period, check_capacity, date_runs

D = datetime.date


def test_stage_within_capacity_has_no_problems():
    uncovered, over = check_capacity(
        Period(D(2026, 3, 1), D(2026, 3, 31)),
        [Period(D(2026, 1, 1), D(2026, 12, 31))],
        [CapacityWindow(D(2025, 1, 1), D(2029, 12, 31), 2)],
    )
    assert uncovered == [] and over == []


def test_days_over_capacity_are_reported_as_runs_with_count_and_limit():
    uncovered, over = check_capacity(
        Period(D(2026, 3, 1), D(2026, 3, 31)),
        [Period(D(2026, 3, 10), D(2026, 3, 12)), Period(D(2026, 3, 11), D(2026, 3, 20))],
        [CapacityWindow(D(2025, 1, 1), D(2029, 12, 31), 2)],
    )
    assert uncovered == []
    assert [(o.period, o.count, o.limit) for o in over] == [
        (Period(D(2026, 3, 11), D(2026, 3, 12)), 3, 2),
    ]


def test_days_outside_every_recognition_are_reported():
    uncovered, over = check_capacity(
        Period(D(2026, 12, 20), D(2027, 1, 10)),
        [],
        [CapacityWindow(D(2022, 1, 1), D(2026, 12, 31), 3)],
    )
    assert uncovered == [Period(D(2027, 1, 1), D(2027, 1, 10))]
    assert over == []


def test_a_renewed_recognition_with_another_capacity_applies_from_its_start():
    uncovered, over = check_capacity(
        Period(D(2026, 12, 30), D(2027, 1, 2)),
        [Period(D(2026, 1, 1), D(2027, 12, 31))],
        [
            CapacityWindow(D(2022, 1, 1), D(2026, 12, 31), 2),
            CapacityWindow(D(2027, 1, 1), D(2031, 12, 31), 1),
        ],
    )
    assert uncovered == []
    assert [(o.period, o.count, o.limit) for o in over] == [
        (Period(D(2027, 1, 1), D(2027, 1, 2)), 2, 1)
    ]


def test_date_runs_compresses_consecutive_days():
    days = [D(2026, 1, 1), D(2026, 1, 2), D(2026, 1, 5)]
    assert date_runs(days) == [
        Period(D(2026, 1, 1), D(2026, 1, 2)),
        Period(D(2026, 1, 5), D(2026, 1, 5)),
    ]
