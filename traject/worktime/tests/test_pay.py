import datetime
from decimal import Decimal

import pytest

from traject.worktime import pay
from traject.worktime.pay import MonthHours, PayRates, minimum_pay

RATES_2024_Y1 = PayRates(
    monthly_base=Decimal("3597.01"),
    hours_per_month=Decimal("208"),
    overtime_rate=Decimal("1.10"),
    night_rate=Decimal("1.25"),
    weekend_rate=Decimal("1.50"),
    standby_fee_weekday_day=Decimal("53.03"),
    standby_fee_other=Decimal("79.54"),
)


def test_a_month_without_extras_is_the_base_pay_alone():
    check = minimum_pay(RATES_2024_Y1, MonthHours(hours=160))
    assert [line.key for line in check.lines] == ["base"]
    assert check.minimum == Decimal("3597.01")


def test_each_premium_is_a_line_with_quantity_rate_and_amount():
    hourly = Decimal("3597.01") / Decimal("208")  # 17.2933...
    check = minimum_pay(
        RATES_2024_Y1,
        MonthHours(
            hours=220,
            hours_above_48=10,
            night_hours=20,
            weekend_holiday_hours=8,
            standby_blocks_weekday_day=2,
            standby_blocks_other=3,
        ),
        gross=Decimal("4000"),
    )
    lines = {line.key: line for line in check.lines}
    assert lines["overtime"].amount == (10 * hourly * Decimal("1.10")).quantize(Decimal("0.01"))
    assert lines["night"].amount == (20 * hourly * Decimal("0.25")).quantize(Decimal("0.01"))
    assert lines["weekend"].amount == (8 * hourly * Decimal("0.50")).quantize(Decimal("0.01"))
    assert lines["standby_weekday_day"].amount == Decimal("106.06")
    assert lines["standby_other"].amount == Decimal("238.62")
    assert check.minimum == sum(line.amount for line in check.lines)
    assert check.difference == Decimal("4000") - check.minimum
    assert check.short  # 4000 < 3597.01 + 190.23 + 86.47 + 69.17 + 106.06 + 238.62


def test_a_payslip_at_exactly_the_minimum_is_not_short():
    check = minimum_pay(RATES_2024_Y1, MonthHours(), gross=Decimal("3597.01"))
    assert check.difference == Decimal("0.00") and not check.short


@pytest.mark.django_db
def test_the_month_figures_come_from_the_engine_with_standby_blocks_of_example_3(world):
    from traject.worktime.selectors import month_hours

    from .helpers import add

    # Example 3 of the rules: 6 blocks of 12 h begun; a block's pay class is that of its
    # beginning, so only the first (Friday 18:00, a weekday before 20 h) is a weekday-day block.
    add(world.trainee, "2025-01-10 08:00", "2025-01-10 18:00")
    add(world.trainee, "2025-01-10 18:00", "2025-01-13 08:00", "oncall_home_standby")
    add(world.trainee, "2025-01-11 03:00", "2025-01-11 05:00", "oncall_home_callout")
    figures = month_hours(world.trainee, datetime.date(2025, 1, 1))
    assert figures.hours == 12
    assert (figures.standby_blocks_weekday_day, figures.standby_blocks_other) == (1, 5)
    assert figures.night_hours == 2
    assert figures.weekend_holiday_hours == 2


@pytest.mark.django_db
def test_a_night_at_the_end_of_the_month_is_cut_at_midnight(world):
    from traject.worktime.selectors import month_hours

    from .helpers import add

    add(world.trainee, "2025-01-31 20:00", "2025-02-01 08:00")
    assert month_hours(world.trainee, datetime.date(2025, 1, 1)).hours == 4
    assert month_hours(world.trainee, datetime.date(2025, 2, 1)).hours == 8


@pytest.mark.django_db
def test_a_public_holiday_on_a_sunday_is_not_paid_twice(world):
    from traject.worktime.selectors import month_hours

    from .helpers import add

    # 1 June 2025 is a Sunday... Whit Sunday is 8 June 2025 (Pinksteren, a BE holiday).
    add(world.trainee, "2025-06-08 08:00", "2025-06-08 18:00")
    assert month_hours(world.trainee, datetime.date(2025, 6, 1)).weekend_holiday_hours == 10


def test_the_pay_table_falls_back_to_its_highest_training_year():
    figures = {k: v for k, v in RATES_2024_Y1.__dict__.items() if k != "monthly_base"}
    table = pay.PayTableFigures(
        year=2024, bases={1: Decimal("3000"), 2: Decimal("3200")}, **figures
    )
    assert pay.rates_for(table, 7).monthly_base == Decimal("3200")
    assert pay.pay_check(table, 1, MonthHours()).minimum == Decimal("3000.00")
    assert pay.pay_check(None, 1, MonthHours()) is None
    assert pay.rates_for(pay.PayTableFigures(year=2024, bases={}, **figures), 1) is None
