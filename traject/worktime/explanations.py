"""What each rule means, in plain words a trainee understands (shown under each violation)."""

from django.utils.translation import gettext_lazy as _

EXPLANATIONS = {
    "BE_WEEK_MAX": _(
        "In Belgium you may work at most 60 hours in one calendar week (72 hours if you signed an opt-out). Every kind of work counts, except waiting at home on standby."
    ),
    "BE_AVG_13W": _(
        "Over each period of 13 weeks you may work on average at most 48 hours a week (60 with an opt-out). Leave days count as 9.6 hours, so leave neither hides nor creates a breach."
    ),
    "BE_STINT_MAX_24H": _(
        "A continuous period of work, shifts that follow each other without a break included, may last at most 24 hours."
    ),
    "BE_REST_12H": _(
        "After a period of work of 12 hours or more you are entitled to at least 12 hours of rest before you start again."
    ),
    "NL_SHIFT_MAX_12H": _("A shift without in-house on-call duty lasts at most 12 hours."),
    "NL_ONCALL_MAX_24H": _(
        "A shift with in-house on-call duty (aanwezigheidsdienst) lasts at most 24 hours."
    ),
    "NL_WEEK_MAX_60H": _("You may work at most 60 hours in one week."),
    "NL_AVG_4W_55H": _(
        "Over each period of 4 weeks you may work on average at most 55 hours a week."
    ),
    "NL_AVG_16W_48H": _(
        "Over each period of 16 weeks you may work on average at most 48 hours a week."
    ),
    "NL_REST_11H": _(
        "After each shift you need at least 11 hours of rest; once a week 8 hours is allowed, but never after in-house on-call duty."
    ),
    "NL_WEEKLY_REST_36H": _("Every week needs one uninterrupted rest of at least 36 hours."),
    "EU_AVG_48H": _(
        "Over each period of 17 weeks you may work on average at most 48 hours a week."
    ),
    "EU_REST_11H": _("After each period of work you need at least 11 hours of rest."),
    "EU_WEEKLY_REST_24H": _("Every week needs one uninterrupted rest of at least 24 hours."),
    "US_AVG_80H_4W": _(
        "Averaged over 4 weeks, at most 80 hours a week, moonlighting and home call-outs included."
    ),
    "US_DAY_OFF_1_IN_7": _(
        "In every 4 weeks you need at least 4 whole days free of work and home call."
    ),
    "US_SHIFT_MAX_24_4": _("A shift lasts at most 24 hours, plus at most 4 hours for handover."),
    "US_INHOUSE_CALL_Q3": _("In-house call at most every third night: at most 9 calls in 4 weeks."),
    "US_REST_14H_AFTER_24H": _("After a 24-hour shift you need at least 14 hours free."),
}


def explain(rule_id: str) -> str:
    return str(EXPLANATIONS.get(rule_id, ""))
