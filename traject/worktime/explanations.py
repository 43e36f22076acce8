"""What each rule means, in plain words a trainee understands, and where it comes from."""

from django.utils.translation import gettext_lazy as _

from .rules.rulesets import rule_source

EXPLANATIONS = {
    "BE_WEEK_MAX": _(
        "In Belgium you may work at most 60 hours in one calendar week (72 hours if you signed an opt-out). Every kind of work counts, and so does restrictive standby at home; ordinary standby does not."
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
        "After each shift you need at least 11 hours of rest. Once in any 7 × 24 hours it may be 8 hours, but never after in-house on-call duty."
    ),
    "NL_NIGHT_REST_14H": _(
        "A night shift has more than 1 hour of work between midnight and 06:00. When it ends after 02:00 you need at least 14 hours of rest; once in any 7 × 24 hours it may be 8 hours."
    ),
    "NL_NIGHT_SHIFT_MAX_10H": _(
        "A night shift without in-house on-call duty lasts at most 10 hours; at most 5 times in any 14 × 24 hours it may last up to 12 hours."
    ),
    "NL_NIGHT_SHIFTS_16W": _("At most 36 night shifts in each period of 16 weeks."),
    "NL_WEEKLY_REST_36H": _(
        "Every 7 × 24 hours you need one uninterrupted rest of at least 36 hours; or, every 14 × 24 hours, 72 hours of rest made of rests of at least 32 hours each."
    ),
    "EU_AVG_48H": _(
        "Over each period of 17 weeks you may work on average at most 48 hours a week."
    ),
    "EU_REST_11H": _("After each period of work you need at least 11 hours of rest."),
    "EU_WEEKLY_REST_35H": _(
        "Every 7 days you need one uninterrupted rest of 35 hours: 24 hours of weekly rest plus the 11 hours of daily rest."
    ),
    "US_AVG_80H_4W": _(
        "Averaged over 4 weeks, at most 80 hours a week, moonlighting and home call-outs included."
    ),
    "US_DAY_OFF_1_IN_7": _(
        "In every 4 weeks of your rotation you need at least 4 periods of 24 hours in a row free of work and home call."
    ),
    "US_SHIFT_MAX_24_4": _("A shift lasts at most 24 hours, plus at most 4 hours for handover."),
    "US_INHOUSE_CALL_Q3": _(
        "In-house call at most every third night: at most 10 calls in 4 weeks. Each call counts, even two 24-hour calls back to back."
    ),
    "US_REST_14H_AFTER_24H": _("After 24 hours of in-house call you need at least 14 hours free."),
}


def explain(rule_id: str) -> str:
    return str(EXPLANATIONS.get(rule_id, ""))


# A short name per rule, for column titles and headings; the id stays as a small reference for a
# union or an inspector.
TITLES = {
    "BE_WEEK_MAX": _("More than 60 hours in a week"),
    "BE_AVG_13W": _("Average above 48 hours over 13 weeks"),
    "BE_STINT_MAX_24H": _("Work period longer than 24 hours"),
    "BE_REST_12H": _("Less than 12 hours of rest after a long period"),
    "NL_SHIFT_MAX_12H": _("Shift longer than 12 hours"),
    "NL_ONCALL_MAX_24H": _("On-call shift longer than 24 hours"),
    "NL_WEEK_MAX_60H": _("More than 60 hours in a week"),
    "NL_AVG_4W_55H": _("Average above 55 hours over 4 weeks"),
    "NL_AVG_16W_48H": _("Average above 48 hours over 16 weeks"),
    "NL_REST_11H": _("Less than 11 hours of rest"),
    "NL_WEEKLY_REST_36H": _("No 36 hours of weekly rest"),
    "EU_AVG_48H": _("Average above 48 hours over 17 weeks"),
    "EU_REST_11H": _("Less than 11 hours of rest"),
    "EU_WEEKLY_REST_24H": _("No 24 hours of weekly rest"),
    "US_AVG_80H_4W": _("Average above 80 hours over 4 weeks"),
    "US_DAY_OFF_1_IN_7": _("Fewer than 4 days off in 4 weeks"),
    "US_SHIFT_MAX_24_4": _("Shift longer than 24 + 4 hours"),
    "US_INHOUSE_CALL_Q3": _("In-house call more often than every third night"),
    "US_REST_14H_AFTER_24H": _("Less than 14 hours free after a 24-hour shift"),
}


def title(rule_id: str) -> str:
    """The rule in a few words (the id itself when a rule has no title yet)."""
    return str(TITLES.get(rule_id, rule_id))


def source(rule_id: str) -> str:
    """Return the article the rule comes from, for the trainee, a union or an inspector."""
    return rule_source(rule_id)


def violation_rows(violations) -> list[dict]:
    """Return each violation with its plain-words explanation and its source."""
    return [{"v": v, "explanation": explain(v.rule), "source": source(v.rule)} for v in violations]


PAY_LINE_LABELS = {
    "base": _("Base pay, year of training %(year)s"),
    "overtime": _("Hours above 48 a week"),
    "night": _("Night premium (20–08 h)"),
    "weekend": _("Weekend and public-holiday premium"),
    "standby_weekday_day": _("Standby blocks of 12 h, weekdays 08–20 h"),
    "standby_other": _("Standby blocks of 12 h, other times"),
}


def pay_line_label(key: str, training_year: int) -> str:
    """The label of a line of the minimum-pay check, in the active language."""
    label = PAY_LINE_LABELS[key]
    return label % {"year": training_year} if key == "base" else str(label)
