"""The BE minimum pay check: what a month's registered hours entitle an ASO to, line by line.

``minimum_pay`` is a plain function (no database) over the pay table's figures and the month's
hours, so that it is easy to test and to read. Our reading of the collective agreement of
19 May 2021, kept as data in ``PayTable`` so an administrator can change it:

- the monthly base (by year of training) covers 48 hours a week; the hourly rate is
  base / ``hours_per_month`` (208 = 48 × 52 / 12);
- hours above 48 in a week are not covered by the base and are paid at ``overtime_rate``
  (110 %) of the hourly rate;
- night hours (20–08 h) and weekend and public-holiday hours are already paid in the base or as
  overtime; they add the premium above 100 % (``night_rate`` 125 % → +25 %, ``weekend_rate``
  150 % → +50 %); a night hour on a weekend gets both premiums, as the engine reports the two
  figures separately;
- each 12-hour block of home standby begun earns a flat fee: one amount on weekdays 08–20 h,
  another at other times.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def _money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def _d(value) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


@dataclass(frozen=True)
class PayRates:
    """The figures of a pay table needed for one ASO in one year."""

    monthly_base: Decimal
    hours_per_month: Decimal
    overtime_rate: Decimal
    night_rate: Decimal
    weekend_rate: Decimal
    standby_fee_weekday_day: Decimal
    standby_fee_other: Decimal

    @property
    def hourly(self) -> Decimal:
        return self.monthly_base / self.hours_per_month


@dataclass(frozen=True)
class PayTableFigures:
    """A year's pay table: the rates and the monthly base per year of training."""

    year: int
    hours_per_month: Decimal
    overtime_rate: Decimal
    night_rate: Decimal
    weekend_rate: Decimal
    standby_fee_weekday_day: Decimal
    standby_fee_other: Decimal
    bases: dict[int, Decimal]


def rates_for(table: PayTableFigures, training_year: int) -> PayRates | None:
    """The rates of one ASO: the base of their year of training, else of the highest year the
    table lists (a table may stop at the last year most programmes have); None without bases."""
    bases = table.bases
    base = bases.get(training_year) or (bases[max(bases)] if bases else None)
    if base is None:
        return None
    return PayRates(
        monthly_base=_d(base),
        hours_per_month=_d(table.hours_per_month),
        overtime_rate=_d(table.overtime_rate),
        night_rate=_d(table.night_rate),
        weekend_rate=_d(table.weekend_rate),
        standby_fee_weekday_day=_d(table.standby_fee_weekday_day),
        standby_fee_other=_d(table.standby_fee_other),
    )


@dataclass(frozen=True)
class MonthHours:
    """What the engine counted in the month."""

    hours: float = 0.0
    hours_above_48: float = 0.0
    night_hours: float = 0.0
    weekend_holiday_hours: float = 0.0
    standby_blocks_weekday_day: int = 0
    standby_blocks_other: int = 0


@dataclass(frozen=True)
class PayLine:
    key: str
    quantity: Decimal
    rate: Decimal
    amount: Decimal


@dataclass
class PayCheck:
    lines: list[PayLine] = field(default_factory=list)
    minimum: Decimal = Decimal("0")
    gross: Decimal | None = None

    @property
    def difference(self) -> Decimal | None:
        """Paid minus minimum: negative means the payslip is short."""
        return None if self.gross is None else _money(self.gross - self.minimum)

    @property
    def short(self) -> bool:
        return self.difference is not None and self.difference < 0


def minimum_pay(rates: PayRates, month: MonthHours, gross: Decimal | None = None) -> PayCheck:
    """Compute the minimum gross pay of a month from its hours, line by line."""
    hourly = rates.hourly
    one = Decimal(1)
    lines = [PayLine("base", Decimal(1), _money(rates.monthly_base), _money(rates.monthly_base))]

    def add(key, quantity, rate):
        quantity = _d(quantity)
        if quantity:
            lines.append(PayLine(key, quantity, _money(rate), _money(quantity * rate)))

    add("overtime", month.hours_above_48, hourly * rates.overtime_rate)
    add("night", month.night_hours, hourly * (rates.night_rate - one))
    add("weekend", month.weekend_holiday_hours, hourly * (rates.weekend_rate - one))
    add("standby_weekday_day", month.standby_blocks_weekday_day, rates.standby_fee_weekday_day)
    add("standby_other", month.standby_blocks_other, rates.standby_fee_other)
    minimum = _money(sum((line.amount for line in lines), Decimal("0")))
    return PayCheck(lines=lines, minimum=minimum, gross=None if gross is None else _d(gross))


def pay_check(
    table: PayTableFigures | None, training_year: int, month: MonthHours, gross=None
) -> PayCheck | None:
    """The month's minimum pay and the comparison with the payslip; None without a table."""
    rates = rates_for(table, training_year) if table is not None else None
    if rates is None:
        return None
    return minimum_pay(rates, month, None if gross is None else _d(gross))
