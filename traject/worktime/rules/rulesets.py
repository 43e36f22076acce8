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
    source: str = ""


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
    source: str = ""


@dataclass(frozen=True)
class StintMax:
    """No stint longer than ``limit_h``; ``inhouse`` limits which stints the rule looks at."""

    id: str
    limit_h: float
    # None: every stint; True: only stints with oncall_inhouse; False: only stints without.
    inhouse: bool | None = None
    source: str = ""


@dataclass(frozen=True)
class StintSplitMax:
    """At most ``limit_h`` of non-transition time plus ``transition_limit_h`` of transition."""

    id: str
    limit_h: float
    transition_limit_h: float
    source: str = ""


@dataclass(frozen=True)
class RestMin:
    """At least ``min_rest_h`` of rest after each stint of ``after_stint_h`` hours or more."""

    id: str
    min_rest_h: float
    after_stint_h: float = 0.0
    # A short rest may be ``shortened_rest_h`` long when no other shortened rest of this rule
    # started less than ``shortened_window_h`` hours before it (NL: once in any 7 x 24 h).
    shortened_rest_h: float | None = None
    shortened_window_h: float = 168.0
    no_shortening_after_inhouse: bool = False
    # Only after a stint with oncall_inhouse (US: the 14 h after 24 h of in-house call).
    after_inhouse_only: bool = False
    # Only after a night shift (see ``NightShift``) ending later than ``night_end_after_h``
    # o'clock local time.
    after_night_only: bool = False
    night_end_after_h: float = 0.0
    source: str = ""


@dataclass(frozen=True)
class WeeklyRestMin:
    """Each period of 7 days has an uninterrupted rest of ``min_rest_h`` inside it.

    Periods are consecutive from ``reference_start`` 00:00 local: of 7 x 24 real hours
    (``elapsed``) or of 7 local calendar days (``calendar``). A rest counts for a period with
    the part of it inside that period. With ``alt_total_h``, a period also complies when the
    14-day period holding it (pairs of periods from ``reference_start``) holds rests of at least
    ``alt_each_h`` whose inside parts add up to ``alt_total_h``.
    """

    id: str
    min_rest_h: float
    period: Literal["elapsed", "calendar"] = "calendar"
    alt_total_h: float | None = None
    alt_each_h: float = 0.0
    source: str = ""


@dataclass(frozen=True)
class DaysOffMin:
    """At least ``min_days`` non-overlapping 24 h periods per block free of work and standby."""

    id: str
    weeks: int
    min_days: int
    # The rule text only asks for days with no counted time and no home standby, which a leave
    # day is; ACGME guidance is read by some programmes as excluding vacation. One switch here.
    leave_is_day_off: bool = True
    source: str = ""


@dataclass(frozen=True)
class InhouseCallMax:
    """At most ``max_calls`` in-house calls starting in each block of ``weeks`` weeks.

    A call is a run of touching oncall_inhouse entries, cut every ``call_h`` hours from its
    start: two back-to-back 24 h calls are two calls.
    """

    id: str
    weeks: int
    max_calls: int
    call_h: float = 24.0
    source: str = ""


@dataclass(frozen=True)
class NightShift:
    """What a night shift is: more than ``min_h`` counted hours between the two clock times."""

    from_h: float = 0.0
    until_h: float = 6.0
    min_h: float = 1.0


@dataclass(frozen=True)
class NightShiftMax:
    """A night shift without in-house call lasts at most ``limit_h``; ``extended_h`` at most
    ``extended_count`` times in any ``extended_window_h`` real hours."""

    id: str
    limit_h: float
    extended_h: float
    extended_count: int
    extended_window_h: float
    source: str = ""


@dataclass(frozen=True)
class NightShiftCount:
    """At most ``max_nights`` night shifts starting in each block of ``weeks`` weeks."""

    id: str
    weeks: int
    max_nights: int
    source: str = ""


Rule = (
    WeekMax
    | AverageMax
    | StintMax
    | StintSplitMax
    | RestMin
    | WeeklyRestMin
    | DaysOffMin
    | InhouseCallMax
    | NightShiftMax
    | NightShiftCount
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
    # BE (Matzak): a home standby marked ``restrictive`` is counted time for every rule.
    restrictive_standby_counts: bool = False
    night_shift: NightShift = field(default_factory=NightShift)
    # Warn the trainee this many hours before a weekly limit or a stint limit is reached
    # (the peer ACGME validator warns at 76 h of 80 and past 26 h of 28).
    warn_week_h: float = 4.0
    warn_stint_h: float = 2.0
    # Traject's own warning line for a week when the rule set has no weekly maximum (US: 80 h
    # is an average; a week above it is on its way to a breach).
    warn_week_limit_h: float | None = None


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
    # US: blocks follow the rotation, so ``reference_start`` may be any day; elsewhere a Monday.
    reference_any_day: bool = False

    @property
    def rule_ids(self) -> tuple[str, ...]:
        """Return the rule ids in report order."""
        return tuple(rule.id for rule in self.rules)


BE_LAW = "Wet van 12 december 2010 / Loi du 12 décembre 2010"
NL_ATW = "Arbeidstijdenwet"
NL_ATB = "Arbeidstijdenbesluit"
EU_WTD = "Directive 2003/88/EC"
US_CPR = "ACGME Common Program Requirements"

RULESETS: tuple[RuleSet, ...] = (
    RuleSet(
        jurisdiction="BE",
        version="2021-05-19",
        valid_from=date(2021, 5, 19),
        holiday_country="BE",
        source="Law of 12 December 2010 (physicians in training); CAO of 19 May 2021; "
        "EU Court of Justice C-518/15 Matzak (restrictive standby)",
        # Restrictive home standby (a response time so short the time is not free) is working
        # time: CJEU 21 February 2018, C-518/15 Matzak, a Belgian case.
        params=ReportParams(restrictive_standby_counts=True),
        rules=(
            # A block partly under an opt-out gets, week by week, the limit of each week (48 h
            # or 60 h): the agreement applies to the weeks from its date on, no more, no less.
            WeekMax(
                "BE_WEEK_MAX",
                limit_h=60,
                opt_out_limit_h=72,
                source=f"{BE_LAW}, art. 5 §1 (60 h), art. 7 §1 (+12 h opt-out)",
            ),
            AverageMax(
                "BE_AVG_13W",
                weeks=13,
                limit_h=48,
                opt_out_limit_h=60,
                source=f"{BE_LAW}, art. 5 §1 (48 h over 13 weeks), art. 7 §1 (60 h opt-out)",
            ),
            StintMax("BE_STINT_MAX_24H", limit_h=24, source=f"{BE_LAW}, art. 5 §2"),
            RestMin(
                "BE_REST_12H",
                min_rest_h=12,
                after_stint_h=12,
                source=f"{BE_LAW}, art. 5 §3",
            ),
        ),
    ),
    RuleSet(
        jurisdiction="NL",
        version="2007-04-01",
        valid_from=date(2007, 4, 1),
        holiday_country="NL",
        source="Arbeidstijdenwet and Arbeidstijdenbesluit",
        rules=(
            StintMax(
                "NL_SHIFT_MAX_12H", limit_h=12, inhouse=False, source=f"{NL_ATW}, art. 5:7 lid 1"
            ),
            StintMax(
                "NL_ONCALL_MAX_24H",
                limit_h=24,
                inhouse=True,
                source=f"{NL_ATB}, art. 5.9:3 (aanwezigheidsdienst)",
            ),
            WeekMax("NL_WEEK_MAX_60H", limit_h=60, source=f"{NL_ATW}, art. 5:7 lid 1"),
            AverageMax("NL_AVG_4W_55H", weeks=4, limit_h=55, source=f"{NL_ATW}, art. 5:7 lid 2"),
            AverageMax("NL_AVG_16W_48H", weeks=16, limit_h=48, source=f"{NL_ATW}, art. 5:7 lid 3"),
            RestMin(
                "NL_REST_11H",
                min_rest_h=11,
                shortened_rest_h=8,
                shortened_window_h=7 * 24,
                no_shortening_after_inhouse=True,
                source=f"{NL_ATW}, art. 5:3; {NL_ATB}, art. 5.9:3",
            ),
            RestMin(
                "NL_NIGHT_REST_14H",
                min_rest_h=14,
                shortened_rest_h=8,
                shortened_window_h=7 * 24,
                after_night_only=True,
                night_end_after_h=2,
                source=f"{NL_ATW}, art. 5:8 lid 2",
            ),
            NightShiftMax(
                "NL_NIGHT_SHIFT_MAX_10H",
                limit_h=10,
                extended_h=12,
                extended_count=5,
                extended_window_h=14 * 24,
                source=f"{NL_ATW}, art. 5:8 lid 1",
            ),
            NightShiftCount(
                "NL_NIGHT_SHIFTS_16W", weeks=16, max_nights=36, source=f"{NL_ATW}, art. 5:8 lid 3"
            ),
            WeeklyRestMin(
                "NL_WEEKLY_REST_36H",
                min_rest_h=36,
                period="elapsed",
                alt_total_h=72,
                alt_each_h=32,
                source=f"{NL_ATW}, art. 5:4",
            ),
        ),
    ),
    RuleSet(
        jurisdiction="EU",
        version="2003-88",
        valid_from=date(2004, 8, 2),
        holiday_country=None,
        source="Directive 2003/88/EC",
        rules=(
            AverageMax("EU_AVG_48H", weeks=17, limit_h=48, source=f"{EU_WTD}, art. 6 and 16(b)"),
            RestMin("EU_REST_11H", min_rest_h=11, source=f"{EU_WTD}, art. 3"),
            WeeklyRestMin(
                "EU_WEEKLY_REST_35H",
                min_rest_h=35,
                period="calendar",
                source=f"{EU_WTD}, art. 5 (24 h plus the 11 h of art. 3)",
            ),
        ),
    ),
    RuleSet(
        jurisdiction="US",
        version="2017-07-01",
        valid_from=date(2017, 7, 1),
        holiday_country="US",
        source="ACGME Common Program Requirements VI.F",
        reference_any_day=True,
        params=ReportParams(warn_week_limit_h=80.0),
        rules=(
            AverageMax(
                "US_AVG_80H_4W",
                weeks=4,
                limit_h=80,
                leave="exclude",
                source=f"{US_CPR}, VI.F.1",
            ),
            DaysOffMin("US_DAY_OFF_1_IN_7", weeks=4, min_days=4, source=f"{US_CPR}, VI.F.2.c"),
            StintSplitMax(
                "US_SHIFT_MAX_24_4",
                limit_h=24,
                transition_limit_h=4,
                source=f"{US_CPR}, VI.F.3.a and VI.F.3.a.(1)",
            ),
            # Every third night is 28 / 3 = 9.33 calls; a strict q3 rota from the first day
            # of a block has 10 call starts in it, and the ACGME calls that compliant.
            InhouseCallMax("US_INHOUSE_CALL_Q3", weeks=4, max_calls=10, source=f"{US_CPR}, VI.F.8"),
            RestMin(
                "US_REST_14H_AFTER_24H",
                min_rest_h=14,
                after_stint_h=24,
                after_inhouse_only=True,
                source=f"{US_CPR}, VI.F.2.b",
            ),
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


def rule_source(rule_id: str) -> str:
    """Return the article a rule comes from (newest rule set that has the rule)."""
    for rs in reversed(RULESETS):
        for rule in rs.rules:
            if rule.id == rule_id:
                return rule.source
    return ""
