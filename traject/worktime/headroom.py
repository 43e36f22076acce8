"""Warnings before a limit is reached ("4 h left this week"), as the peer ACGME validator gives.

The margins are data of the rule set (``ReportParams.warn_week_h``, ``warn_stint_h``,
``warn_week_limit_h``); the limits are the rule set's own.
"""

import datetime

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from .rules import rulesets
from .rules.kinds import COUNTED_KINDS


def _hours(value: float) -> str:
    rounded = round(value, 1)
    return number_format(int(rounded) if rounded == int(rounded) else rounded)


def stint_limit(ruleset: rulesets.RuleSet, inhouse: bool) -> float | None:
    """Return the longest a stint may last under a rule set (with or without in-house call)."""
    limits = []
    for rule in ruleset.rules:
        if isinstance(rule, rulesets.StintMax) and rule.inhouse in (None, inhouse):
            limits.append(rule.limit_h)
        elif isinstance(rule, rulesets.StintSplitMax):
            limits.append(rule.limit_h + rule.transition_limit_h)
    return min(limits) if limits else None


def stints(entries, ruleset: rulesets.RuleSet) -> list[tuple[datetime.datetime, float, bool]]:
    """Return (start, hours, with in-house call) of the stints of entries sorted by start."""
    counts_restrictive = ruleset.params.restrictive_standby_counts
    result: list[list] = []
    for e in entries:
        counted = e.kind in COUNTED_KINDS or (counts_restrictive and e.restrictive)
        if not counted:
            continue
        if result and e.start <= result[-1][1]:
            result[-1][1] = max(result[-1][1], e.end)
            result[-1][2] |= e.kind == "oncall_inhouse"
        else:
            result.append([e.start, e.end, e.kind == "oncall_inhouse"])
    return [(s, (e - s).total_seconds() / 3600, inhouse) for s, e, inhouse in result]


def warnings(
    *,
    ruleset: rulesets.RuleSet,
    week_hours: float,
    week_limit: float | None,
    block_left: float | None,
    block_end: datetime.date | None,
    entries,
    zone,
) -> list[str]:
    """Return the warnings of a week: limits close but not yet passed, in plain words."""
    params = ruleset.params
    found = []
    limit = week_limit if week_limit is not None else params.warn_week_limit_h
    if limit is not None:
        left = limit - week_hours
        if 0 <= left <= params.warn_week_h:
            found.append(
                _("%(left)s h left this week before the limit of %(limit)s h.")
                % {"left": _hours(left), "limit": _hours(limit)}
            )
    if block_left is not None and 0 <= block_left <= params.warn_week_h and block_end:
        found.append(
            _("%(left)s h left in the averaging block that ends on %(end)s.")
            % {"left": _hours(block_left), "end": date_format(block_end, "j F")}
        )
    for start, hours, inhouse in stints(entries, ruleset):
        stint_max = stint_limit(ruleset, inhouse)
        if stint_max is None:
            continue
        left = stint_max - hours
        if 0 <= left <= params.warn_stint_h:
            found.append(
                _(
                    "The shift from %(start)s lasts %(hours)s h: %(left)s h left before the "
                    "limit of %(limit)s h."
                )
                % {
                    "start": date_format(start.astimezone(zone), "l j F H:i"),
                    "hours": _hours(hours),
                    "left": _hours(left),
                    "limit": _hours(stint_max),
                }
            )
    return found
