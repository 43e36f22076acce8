"""The rule sets as data: one versioned entry per jurisdiction, limits in hours.

The engine reads every limit from here. To change a limit, add a new ``RuleSet`` with the same
jurisdiction, a new ``version`` and the date it applies from; older schedules keep the version
that was in force when they started (see ``ruleset_for``).
"""

from dataclasses import dataclass, field
from datetime import date
from typing import Literal


@dataclass(frozen=True)
class WeekMax:
    """At most ``limit_h`` counted hours in any calendar week (Monday 00:00 local)."""

    id: str
    limit_h: float
    # Applies to weeks wholly covered by an opt-out period; None: opt-out changes nothing.
    opt_out_limit_h: float | None = None


@dataclass(frozen=True)
class AverageMax:
    """At most ``limit_h`` hours a week on average over blocks of ``weeks`` weeks."""

    id: str
    weeks: int
    limit_h: float
    opt_out_limit_h: float | None = None
    # "credit": each Monday-Friday leave day adds limit/5 hours to the block (BE, NL, EU).
    # "exclude": leave days are taken out of the block, average = hours x 7 / (days - leave) (US).
    leave: Literal["credit", "exclude"] = "credit"


@dataclass(frozen=True)
class StintMax:
    """No stint longer than ``limit_h``; ``inhouse`` limits which stints the rule looks at."""

    id: str
    limit_h: float
    # None: every stint; True: only stints with oncall_inhouse; False: only stints without.
    inhouse: bool | None = None


@dataclass(frozen=True)
class StintSplitMax:
    """At most ``limit_h`` of non-transition time plus ``transition_limit_h`` of transition."""

    id: str
    limit_h: float
    transition_limit_h: float


@dataclass(frozen=True)
class RestMin:
    """At least ``min_rest_h`` of rest after each stint of ``after_stint_h`` hours or more."""

    id: str
    min_rest_h: float
    after_stint_h: float = 0.0
    # The first ``shortened_per_week`` short rests of a week may be ``shortened_rest_h`` long.
    shortened_rest_h: float | None = None
    shortened_per_week: int = 0
    no_shortening_after_inhouse: bool = False


@dataclass(frozen=True)
class WeeklyRestMin:
    """Each week has a rest of ``min_rest_h`` or more that overlaps it (measured whole)."""

    id: str
    min_rest_h: float


@dataclass(frozen=True)
class DaysOffMin:
    """At least ``min_days`` calendar days per block with no counted time and no standby."""

    id: str
    weeks: int
    min_days: int
    # The rule text only asks for days with no counted time and no home standby, which a leave
    # day is; ACGME guidance is read by some programmes as excluding vacation. One switch here.
    leave_is_day_off: bool = True


@dataclass(frozen=True)
class InhouseCallMax:
    """At most ``max_stints`` stints with oncall_inhouse starting in each block."""

    id: str
    weeks: int
    max_stints: int


Rule = (
    WeekMax
    | AverageMax
    | StintMax
    | StintSplitMax
    | RestMin
    | WeeklyRestMin
    | DaysOffMin
    | InhouseCallMax
)


@dataclass(frozen=True)
class ReportParams:
    """Parameters of the weekly figures (not limits) that a rule set may change."""

    # Night is the complement of the day window: 20:00-08:00 local. A 12-hour standby block is
    # "weekday day" when it begins Monday-Friday inside the day window on a non-holiday.
    day_start_h: int = 8
    day_end_h: int = 20
    overtime_threshold_h: float = 48.0
    standby_block_h: float = 12.0
    leave_credit_days_per_week: int = 5


@dataclass(frozen=True)
class RuleSet:
    """One version of the rules of one jurisdiction."""

    jurisdiction: str
    version: str
    valid_from: date
    # Country code for the ``holidays`` package; None: no public holidays unless the schedule
    # names a ``holiday_country``.
    holiday_country: str | None
    rules: tuple[Rule, ...]
    source: str
    params: ReportParams = field(default_factory=ReportParams)

    @property
    def rule_ids(self) -> tuple[str, ...]:
        """Return the rule ids in report order."""
        return tuple(rule.id for rule in self.rules)


RULESETS: tuple[RuleSet, ...] = (
    RuleSet(
        jurisdiction="BE",
        version="2021-05-19",
        valid_from=date(2021, 5, 19),
        holiday_country="BE",
        source="Law of 12 December 2010 (physicians in training); CAO of 19 May 2021",
        rules=(
            WeekMax("BE_WEEK_MAX", limit_h=60, opt_out_limit_h=72),
            AverageMax("BE_AVG_13W", weeks=13, limit_h=48, opt_out_limit_h=60),
            StintMax("BE_STINT_MAX_24H", limit_h=24),
            RestMin("BE_REST_12H", min_rest_h=12, after_stint_h=12),
        ),
    ),
    RuleSet(
        jurisdiction="NL",
        version="2007-04-01",
        valid_from=date(2007, 4, 1),
        holiday_country="NL",
        source="Arbeidstijdenwet and Arbeidstijdenbesluit",
        rules=(
            StintMax("NL_SHIFT_MAX_12H", limit_h=12, inhouse=False),
            StintMax("NL_ONCALL_MAX_24H", limit_h=24, inhouse=True),
            WeekMax("NL_WEEK_MAX_60H", limit_h=60),
            AverageMax("NL_AVG_4W_55H", weeks=4, limit_h=55),
            AverageMax("NL_AVG_16W_48H", weeks=16, limit_h=48),
            RestMin(
                "NL_REST_11H",
                min_rest_h=11,
                shortened_rest_h=8,
                shortened_per_week=1,
                no_shortening_after_inhouse=True,
            ),
            WeeklyRestMin("NL_WEEKLY_REST_36H", min_rest_h=36),
        ),
    ),
    RuleSet(
        jurisdiction="EU",
        version="2003-88",
        valid_from=date(2004, 8, 2),
        holiday_country=None,
        source="Directive 2003/88/EC",
        rules=(
            AverageMax("EU_AVG_48H", weeks=17, limit_h=48),
            RestMin("EU_REST_11H", min_rest_h=11),
            WeeklyRestMin("EU_WEEKLY_REST_24H", min_rest_h=24),
        ),
    ),
    RuleSet(
        jurisdiction="US",
        version="2017-07-01",
        valid_from=date(2017, 7, 1),
        holiday_country="US",
        source="ACGME Common Program Requirements VI.F",
        rules=(
            AverageMax("US_AVG_80H_4W", weeks=4, limit_h=80, leave="exclude"),
            DaysOffMin("US_DAY_OFF_1_IN_7", weeks=4, min_days=4),
            StintSplitMax("US_SHIFT_MAX_24_4", limit_h=24, transition_limit_h=4),
            InhouseCallMax("US_INHOUSE_CALL_Q3", weeks=4, max_stints=9),
            RestMin("US_REST_14H_AFTER_24H", min_rest_h=14, after_stint_h=24),
        ),
    ),
)

JURISDICTIONS: tuple[str, ...] = tuple(dict.fromkeys(rs.jurisdiction for rs in RULESETS))

RULE_IDS: tuple[str, ...] = tuple(
    dict.fromkeys(rule_id for rs in RULESETS for rule_id in rs.rule_ids)
)

_VERSIONS: dict[str, list[RuleSet]] = {
    j: sorted((rs for rs in RULESETS if rs.jurisdiction == j), key=lambda rs: rs.valid_from)
    for j in JURISDICTIONS
}


def ruleset_for(jurisdiction: str, on: date | None = None) -> RuleSet:
    """Return the rule set of a jurisdiction in force on a date (default: the newest)."""
    versions = _VERSIONS.get(jurisdiction)
    if not versions:
        raise KeyError(jurisdiction)
    if on is None:
        return versions[-1]
    in_force = [rs for rs in versions if rs.valid_from <= on]
    # A schedule older than every version is still checked, against the oldest version we have,
    # rather than refused: the limits rarely change and a check beats none.
    return in_force[-1] if in_force else versions[0]


def rule_sets() -> dict[str, tuple[str, ...]]:
    """Return the rule ids of the newest rule set of each jurisdiction."""
    return {j: ruleset_for(j).rule_ids for j in JURISDICTIONS}
