"""The individual training duration (individualisering van de opleidingsduur): pure, no Django.

"As long as needed, as short as responsible." The expected end follows from the nominal
duration of the specialty (data), shortened for prior competences (EVC), lengthened pro rata
for part-time periods, and extended by at most ``MAX_EXTENSION_MONTHS`` in total (Kaderbesluit
CGS, art. B.18). Each step is returned so that the page can show how the date was computed.
"""

import datetime
import math
from dataclasses import dataclass, field

from .cycle import add_months

MAX_EXTENSION_MONTHS = 12

EVC = "evc"
PART_TIME = "part_time"
EXTENSION = "extension"


class DurationError(ValueError):
    """A decision the rules refuse; ``code`` names the rule."""

    def __init__(self, code: str, **params):
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class Decision:
    kind: str
    months: int = 0  # EVC shortening or extension
    start: datetime.date | None = None  # part-time period
    end: datetime.date | None = None
    percentage: int = 100  # part-time share of a full-time week


@dataclass(frozen=True)
class Step:
    kind: str
    months: int = 0
    days: int = 0
    end: datetime.date | None = None


@dataclass
class Computation:
    nominal_end: datetime.date
    expected_end: datetime.date
    steps: list[Step] = field(default_factory=list)
    extension_months: int = 0
    shortening_months: int = 0


def part_time_extra_days(start: datetime.date, end: datetime.date, percentage: int) -> int:
    """Days added by a part-time period: what was not trained, made up at the same pace."""
    if not 0 < percentage <= 100:
        raise DurationError("percentage", percentage=percentage)
    if end < start:
        raise DurationError("period")
    days = (end - start).days + 1
    return math.ceil(days * (100 - percentage) / percentage)


def expected_end(
    *, training_start: datetime.date, nominal_months: int, decisions: list[Decision]
) -> Computation:
    """The expected last day of training and the steps that led to it."""
    if nominal_months <= 0:
        raise DurationError("nominal")
    shortening = sum(d.months for d in decisions if d.kind == EVC)
    extension = sum(d.months for d in decisions if d.kind == EXTENSION)
    if any(d.months < 0 for d in decisions):
        raise DurationError("negative")
    if extension > MAX_EXTENSION_MONTHS:
        raise DurationError("extension", months=extension, max=MAX_EXTENSION_MONTHS)
    if shortening >= nominal_months:
        raise DurationError("shortening", months=shortening, nominal=nominal_months)
    nominal_end = add_months(training_start, nominal_months) - datetime.timedelta(days=1)
    steps = [Step("nominal", months=nominal_months, end=nominal_end)]
    end = nominal_end
    if shortening:
        end = add_months(training_start, nominal_months - shortening) - datetime.timedelta(days=1)
        steps.append(Step(EVC, months=-shortening, end=end))
    for decision in sorted(
        (d for d in decisions if d.kind == PART_TIME), key=lambda d: d.start or training_start
    ):
        extra = part_time_extra_days(decision.start, decision.end, decision.percentage)
        end = end + datetime.timedelta(days=extra)
        steps.append(Step(PART_TIME, days=extra, end=end))
    if extension:
        end = add_months(end + datetime.timedelta(days=1), extension) - datetime.timedelta(days=1)
        steps.append(Step(EXTENSION, months=extension, end=end))
    return Computation(
        nominal_end=nominal_end,
        expected_end=end,
        steps=steps,
        extension_months=extension,
        shortening_months=shortening,
    )
