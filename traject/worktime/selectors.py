"""Reads: the ASO's schedule handed to the compliance engine, reports, counters, statistics."""

import datetime
from dataclasses import dataclass, field, replace

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language

from traject.core.memo import forget, per_object

from . import rules
from .explanations import violation_rows
from .models import LeaveDay, OptOutAgreement, ReportShare, TimeEntry, WorktimeSettings
from .rules import rulesets
from .timeutil import local_midnight, week_start

WEEK = datetime.timedelta(days=7)


def lang() -> str:
    code = (get_language() or "nl")[:2]
    return code if code in rules.LANGUAGES else "nl"


# The law and the clock a trainee's hours are checked by until they choose: their country's.
COUNTRY_DEFAULTS = {"BE": ("BE", "Europe/Brussels"), "NL": ("NL", "Europe/Amsterdam")}


def default_settings(trainee, **fields) -> WorktimeSettings:
    """Unsaved settings with the defaults of the trainee's country: a Dutch aios is checked by
    the Dutch rules on Amsterdam time, a Belgian ASO by the Belgian law on Brussels time."""
    jurisdiction, zone = COUNTRY_DEFAULTS.get(trainee.country, COUNTRY_DEFAULTS["BE"])
    return WorktimeSettings(trainee=trainee, jurisdiction=jurisdiction, timezone=zone, **fields)


def settings_for(trainee) -> WorktimeSettings:
    """The ASO's settings, loaded once per trainee object; the defaults of their country
    (unsaved: a read never writes) until the ASO saves their own."""
    existing = getattr(trainee, "_worktime_settings_cache", None)
    if existing is not None:
        return existing
    obj = WorktimeSettings.objects.filter(trainee=trainee).first()
    if obj is None:
        obj = default_settings(trainee)
    trainee._worktime_settings_cache = obj
    return obj


_settings = settings_for


def block_weeks(jurisdiction: str) -> int:
    """The longest block of the rule set (weeks): a report is widened to whole blocks."""
    rs = rulesets.ruleset_for(jurisdiction)
    return max([getattr(rule, "weeks", 1) for rule in rs.rules] + [1])


def aligned_period(
    trainee, first: datetime.date, last: datetime.date
) -> tuple[datetime.date, datetime.date]:
    """Widen a period to whole averaging blocks (aligned on the reference start)."""
    s = _settings(trainee)
    n = block_weeks(s.jurisdiction) * 7
    offset = (first - s.reference_start).days // n
    lo = s.reference_start + datetime.timedelta(days=offset * n)
    offset_hi = (last - s.reference_start).days // n + 1
    hi = s.reference_start + datetime.timedelta(days=offset_hi * n) - datetime.timedelta(days=1)
    return lo, hi


def _opt_out_periods(trainee) -> list[rules.OptOutPeriod]:
    return [
        rules.OptOutPeriod(
            start=a.signed_on,
            until=(a.withdrawn_from - datetime.timedelta(days=1)) if a.withdrawn_from else None,
        )
        for a in OptOutAgreement.objects.filter(trainee=trainee).order_by("signed_on")
    ]


def entries_between(trainee, first: datetime.date, last: datetime.date):
    """Timed entries that touch the local days ``first`` to ``last``."""
    zone = _settings(trainee).zone
    lo = local_midnight(first, zone)
    hi = local_midnight(last + datetime.timedelta(days=1), zone)
    return TimeEntry.objects.filter(trainee=trainee, start__lt=hi, end__gt=lo).order_by("start")


def leave_between(trainee, first: datetime.date, last: datetime.date):
    return LeaveDay.objects.filter(trainee=trainee, date__gte=first, date__lte=last).order_by(
        "date"
    )


def schedule_for(trainee, first: datetime.date, last: datetime.date) -> "rules.Schedule":
    """Build the engine's schedule of the ASO's entries between two days (aware instants)."""
    s = _settings(trainee)
    timed = [
        rules.Entry(start, end, kind, restrictive)
        for start, end, kind, restrictive in entries_between(trainee, first, last).values_list(
            "start", "end", "kind", "restrictive"
        )
    ]
    leave = [
        rules.LeaveDay(date=d, kind=k)
        for d, k in leave_between(trainee, first, last).values_list("date", "kind")
    ]
    return rules.Schedule.from_entries(
        jurisdiction=s.jurisdiction,
        timezone=s.timezone,
        reference_start=s.reference_start,
        entries=timed,
        leave_days=leave,
        opt_out=_opt_out_periods(trainee) or False,
        lang=lang(),
    )


def exchange_format(trainee, first: datetime.date, last: datetime.date) -> dict:
    """The ASO's schedule in the exchange format (worktime-rules.md), local times with offset."""
    s = _settings(trainee)
    zone = s.zone
    entries = [
        {
            "start": e.start.astimezone(zone).isoformat(timespec="minutes"),
            "end": e.end.astimezone(zone).isoformat(timespec="minutes"),
            "kind": e.kind,
            **({"restrictive": True} if e.restrictive else {}),
        }
        for e in entries_between(trainee, first, last)
    ]
    entries += [
        {"date": d.date.isoformat(), "kind": d.kind} for d in leave_between(trainee, first, last)
    ]
    opt_out = [
        {"from": p.start.isoformat(), "until": p.until.isoformat() if p.until else None}
        for p in _opt_out_periods(trainee)
    ]
    return {
        "jurisdiction": s.jurisdiction,
        "timezone": s.timezone,
        "reference_start": s.reference_start.isoformat(),
        "opt_out": opt_out or False,
        "entries": entries,
    }


@dataclass
class PeriodReport:
    """The compliance report of one period, with the engine's whole-block context."""

    first: datetime.date
    last: datetime.date
    jurisdiction: str
    report: "rules.Report"
    violations: list = field(default_factory=list)
    weeks: list = field(default_factory=list)
    blocks: list = field(default_factory=list)

    @property
    def compliant(self) -> bool:
        return not self.violations

    def to_dict(self) -> dict:
        return {
            "period": {"start": self.first.isoformat(), "end": self.last.isoformat()},
            "jurisdiction": self.jurisdiction,
            "compliant": self.compliant,
            "violations": [
                {**v.to_dict(), "explanation": row["explanation"], "source": row["source"]}
                for v, row in zip(self.violations, violation_rows(self.violations), strict=True)
            ],
            "weeks": [w.to_dict() for w in self.weeks],
            "blocks": [b.to_dict() for b in self.blocks],
        }

    def totals(self) -> dict:
        return totals_of(self.weeks)


def totals_of(weeks) -> dict:
    keys = [
        "hours",
        "night_hours",
        "weekend_hours",
        "holiday_hours",
        "hours_above_48",
        "standby_hours",
        "standby_blocks",
        "standby_blocks_weekday_day",
        "standby_blocks_other",
        "leave_days",
        "restrictive_standby_hours",
        "hours_without_restrictive",
    ]
    return {k: round(sum(getattr(w, k) for w in weeks), 2) for k in keys}


def _day(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text[:10])


def period_report(trainee, first: datetime.date, last: datetime.date) -> PeriodReport:
    """Check the period's whole averaging blocks and keep what touches the period."""
    lo, hi = aligned_period(trainee, first, last)
    report = rules.evaluate(schedule_for(trainee, lo, hi), lang())
    return _period_report_of(trainee, first, last, report)


def read_period_report(trainee, first: datetime.date, last: datetime.date) -> PeriodReport:
    """The period's report for a page: the stored summary's figures when they hold the period
    (no engine run on a read), else a fresh check."""
    return stored_period_report(trainee, first, last) or period_report(trainee, first, last)


def _period_report_of(trainee, first, last, report) -> PeriodReport:
    return PeriodReport(
        first=first,
        last=last,
        jurisdiction=_settings(trainee).jurisdiction,
        report=report,
        # A violation's end is exclusive: one that ends at the period's first midnight is outside.
        violations=[
            v for v in report.violations if _day(v.start) <= last and v.end[:16] > f"{first}T00:00"
        ],
        weeks=[w for w in report.weeks if w.start <= last and w.start + WEEK > first],
        blocks=[b for b in report.blocks if _day(b.start) <= last and _day(b.end) > first],
    )


# --- the dashboard --------------------------------------------------------------------------


@dataclass
class Counters:
    week_start: datetime.date
    week_hours: float
    week_limit: float | None
    week_left: float | None
    block_rule: str | None
    block_start: datetime.date | None
    block_end: datetime.date | None
    block_hours: float
    block_limit_total: float | None
    block_left: float | None
    night_hours: float
    weekend_hours: float
    holiday_hours: float
    opt_out_hours: float
    standby_blocks: int
    standby_blocks_weekday_day: int
    standby_blocks_other: int
    opt_out: bool
    violations: list
    # The rule set knows an opt-out (BE, EU); the Dutch and US rules have none.
    opt_out_possible: bool = True
    # Limits close but not yet passed ("4 h left this week"), in plain words.
    warnings: list = field(default_factory=list)

    @property
    def week_percent(self) -> int:
        if not self.week_limit:
            return 0
        return min(100, round(100 * self.week_hours / self.week_limit))

    @property
    def over_week_limit(self) -> bool:
        return self.week_limit is not None and self.week_hours > self.week_limit


def _week_limit(jurisdiction: str, opt_out: bool) -> float | None:
    for rule in rulesets.ruleset_for(jurisdiction).rules:
        if isinstance(rule, rulesets.WeekMax):
            return rule.opt_out_limit_h if opt_out and rule.opt_out_limit_h else rule.limit_h
    return None


def _opt_out_on(trainee, day: datetime.date) -> bool:
    return any(a.covers(day) for a in OptOutAgreement.objects.filter(trainee=trainee))


def counters(trainee, today: datetime.date | None = None, report: PeriodReport | None = None):
    """The live counters of the week of ``today`` and its averaging block."""
    today = today or timezone.localdate()
    monday = week_start(today)
    if report is None:
        report = read_period_report(trainee, monday, monday + datetime.timedelta(days=6))
    s = _settings(trainee)
    week = next((w for w in report.report.weeks if w.start == monday), None)
    opt_out = week.opt_out if week is not None else _opt_out_on(trainee, monday)
    limit = _week_limit(s.jurisdiction, opt_out)
    hours = week.hours if week else 0.0
    # The first averaging rule is the headline one (BE_AVG_13W, NL_AVG_4W_55H, ...).
    block = None
    for b in report.report.blocks:
        if _day(b.start) <= today < _day(b.end):
            block = b
            break
    block_total = round(block.limit * block.weeks, 2) if block else None
    from .headroom import warnings

    week_entries = entries_between(trainee, monday, monday + datetime.timedelta(days=6))
    block_end = _day(block.end) - datetime.timedelta(days=1) if block else None
    warned = warnings(
        ruleset=report.report.schedule.ruleset,
        week_hours=hours,
        week_limit=limit,
        block_left=block.available if block else None,
        block_end=block_end,
        entries=week_entries,
        zone=s.zone,
    )
    return Counters(
        week_start=monday,
        week_hours=hours,
        week_limit=limit,
        week_left=round(limit - hours, 2) if limit is not None else None,
        block_rule=block.rule if block else None,
        block_start=_day(block.start) if block else None,
        block_end=_day(block.end) - datetime.timedelta(days=1) if block else None,
        block_hours=block.hours if block else 0.0,
        block_limit_total=block_total,
        block_left=block.available if block else None,
        night_hours=week.night_hours if week else 0.0,
        weekend_hours=week.weekend_hours if week else 0.0,
        holiday_hours=week.holiday_hours if week else 0.0,
        opt_out_hours=week.hours_above_48 if week else 0.0,
        standby_blocks=week.standby_blocks if week else 0,
        standby_blocks_weekday_day=week.standby_blocks_weekday_day if week else 0,
        standby_blocks_other=week.standby_blocks_other if week else 0,
        opt_out=opt_out,
        opt_out_possible=any(
            getattr(rule, "opt_out_limit_h", None) is not None
            for rule in report.report.schedule.ruleset.rules
        ),
        violations=report.violations,
        warnings=warned,
    )


def weekly_chart(trainee, today: datetime.date | None = None, weeks: int = 26) -> dict:
    """An inline-SVG chart of weekly hours against the week limit and the average limit."""
    today = today or timezone.localdate()
    last_monday = week_start(today)
    first_monday = last_monday - WEEK * (weeks - 1)
    report = read_period_report(trainee, first_monday, last_monday + datetime.timedelta(days=6))
    by_start = {w.start: w for w in report.report.weeks}
    s = _settings(trainee)
    avg_limit = None
    for rule in rulesets.ruleset_for(s.jurisdiction).rules:
        if isinstance(rule, rulesets.AverageMax):
            avg_limit = rule.limit_h
            break
    week_limit = _week_limit(s.jurisdiction, False)
    values = []
    for i in range(weeks):
        monday = first_monday + WEEK * i
        w = by_start.get(monday)
        values.append(
            (monday, w.hours if w else 0.0, _week_limit(s.jurisdiction, bool(w and w.opt_out)))
        )
    top = max([v for _m, v, _l in values] + [week_limit or 0, 80]) * 1.1
    width, height, pad_left, pad_bottom = 360, 180, 26, 18
    plot_w = width - pad_left - 6
    plot_h = height - pad_bottom - 8
    bar_w = plot_w / weeks

    def y(value: float) -> float:
        return round(8 + plot_h - plot_h * value / top, 1)

    bars = []
    for i, (monday, value, limit) in enumerate(values):
        over = limit is not None and value > limit
        bars.append(
            {
                "x": round(pad_left + i * bar_w + 1, 1),
                "y": y(value),
                "w": round(max(bar_w - 2, 1), 1),
                "h": round(plot_h + 8 - y(value), 1),
                "value": value,
                "monday": monday,
                "over": over,
                "label": monday.strftime("%d/%m") if i % 4 == 0 else "",
                "label_x": round(pad_left + i * bar_w + bar_w / 2, 1),
            }
        )
    lines = []
    if week_limit:
        lines.append({"y": y(week_limit), "value": week_limit, "kind": "week"})
    if avg_limit:
        lines.append({"y": y(avg_limit), "value": avg_limit, "kind": "average"})
    return {
        "width": width,
        "height": height,
        "bars": bars,
        "lines": lines,
        "x0": pad_left,
        "x1": width - 6,
        "base_y": plot_h + 8,
        "label_y": height - 6,
        "first": first_monday,
        "last": last_monday,
    }


# --- summaries and the ministry's statistics -----------------------------------------------


def last_year_violations(trainee, today: datetime.date) -> tuple[datetime.date, list, bool]:
    """The rules the ASO's last 12 months break (one engine run of a year, no weekly figures).

    Returns the first day of the period, the violations in it and whether any entry counted.
    """
    first, violations, has_entries, _figures = evaluate_for_summary(trainee, today)
    return first, violations, has_entries


FIGURES_AHEAD_DAYS = 400  # a roster entered ahead (a week repeated up to 52 times)


def _last_registered_day(trainee) -> datetime.date | None:
    from django.db.models import Max

    zone = _settings(trainee).zone
    last_end = TimeEntry.objects.filter(trainee=trainee).aggregate(m=Max("end"))["m"]
    last_leave = LeaveDay.objects.filter(trainee=trainee).aggregate(m=Max("date"))["m"]
    days = [d for d in (last_end and last_end.astimezone(zone).date(), last_leave) if d]
    return max(days) if days else None


def evaluate_for_summary(trainee, today: datetime.date):
    """One engine run for the stored summary: the last 12 months and the roster ahead.

    Returns the first day of the 12 months, the violations in them, whether any entry counted,
    and the ``figures`` the ASO's own pages read instead of running the engine: the weeks,
    blocks and violations of the whole stored range (violations in every language).
    """
    first = today - datetime.timedelta(days=364)
    last = today
    registered = _last_registered_day(trainee)
    if registered and registered > today:
        last = min(registered, today + datetime.timedelta(days=FIGURES_AHEAD_DAYS))
    lo, hi = aligned_period(trainee, first, last)
    schedule = schedule_for(trainee, lo, hi)
    current = lang()
    report = rules.evaluate(schedule, current)
    end_of_period = f"{today + datetime.timedelta(days=1)}T00:00"
    start_of_period = f"{first}T00:00"
    violations = [
        v for v in report.violations if v.start < end_of_period and v.end > start_of_period
    ]
    by_lang = {current: [v.to_dict() for v in report.violations]}
    for other in rules.LANGUAGES:
        if other not in by_lang:
            by_lang[other] = (
                [v.to_dict() for v in rules.evaluate(schedule, other).violations]
                if report.violations
                else []
            )
    s = _settings(trainee)
    figures = {
        "first": lo.isoformat(),
        "last": hi.isoformat(),
        "jurisdiction": s.jurisdiction,
        "week_keys": list(STORED_WEEK_KEYS),
        "weeks": [
            [w.start.isoformat(), *(getattr(w, k) for k in STORED_WEEK_KEYS[1:])]
            for w in report.weeks
        ],
        "blocks": [b.to_dict() for b in report.blocks],
        "violations": by_lang,
    }
    return first, violations, bool(len(schedule.start)), figures


# The week figures the pages read, stored as rows (a dict per week would triple the size).
STORED_WEEK_KEYS = (
    "start",
    "hours",
    "night_hours",
    "weekend_hours",
    "holiday_hours",
    "hours_above_48",
    "standby_hours",
    "standby_blocks",
    "standby_blocks_weekday_day",
    "standby_blocks_other",
    "leave_days",
    "opt_out",
    "restrictive_standby_hours",
    "hours_without_restrictive",
)


class _StoredEngineReport:
    """The parts of the engine's report the dashboard and the week view read, from storage."""

    def __init__(self, figures: dict, ruleset, language: str):
        keys = figures["week_keys"]
        self.weeks = []
        for row in figures["weeks"]:
            values = dict(zip(keys, row, strict=True))
            values["start"] = datetime.date.fromisoformat(values["start"])
            self.weeks.append(rules.WeekFigures(hours_by_kind={}, leave_by_kind={}, **values))
        self.blocks = [rules.BlockFigures(**b) for b in figures["blocks"]]
        self.violations = [rules.Violation(**v) for v in figures["violations"][language]]
        self.schedule = type("StoredSchedule", (), {"ruleset": ruleset})()


def forget_summary(trainee) -> None:
    """Drop the summary row kept on the trainee object (after a change or a refresh)."""
    forget(trainee, "worktime.summary_row")


def stored_period_report(trainee, first: datetime.date, last: datetime.date):
    """The period's report from the stored summary, or None when it does not hold it.

    It holds it when the summary was refreshed after the ASO's last change (same generation),
    in the rules now chosen, and its range covers the period's whole blocks. Otherwise the
    caller runs the engine (a week more than a year back, a summary not yet refreshed).
    """
    from .models import ComplianceSummary

    # Read once per trainee object (a request's): the dashboard's counters and chart share it.
    row = per_object(
        trainee,
        "worktime.summary_row",
        lambda: (
            ComplianceSummary.objects.filter(trainee=trainee)
            .values_list("generation", "figures")
            .first()
        ),
    )
    if row is None:
        return None
    generation, figures = row
    s = _settings(trainee)
    if (
        not figures
        or figures.get("generation") != generation
        or figures.get("jurisdiction") != s.jurisdiction
        or lang() not in figures.get("violations", {})
        or figures.get("week_keys") != list(STORED_WEEK_KEYS)
    ):
        return None
    lo, hi = aligned_period(trainee, first, last)
    if lo < datetime.date.fromisoformat(figures["first"]) or hi > datetime.date.fromisoformat(
        figures["last"]
    ):
        return None
    report = _StoredEngineReport(figures, rulesets.ruleset_for(s.jurisdiction, lo), lang())
    return _period_report_of(trainee, first, last, report)


@dataclass(frozen=True)
class StatisticsRow:
    hospital: str
    specialty: str
    trainees: int
    with_violation: int
    shares: dict  # rule id -> percentage of trainees


# The statistics are kept in the cache under the state of what they are computed from, and
# for at most this long (an edit that bumps no version, e.g. in the Django admin, shows then).
STATISTICS_CACHE_SECONDS = 600


def ministry_statistics(min_group: int) -> tuple[list[StatisticsRow], int, list[str]]:
    """``ministry_statistics_now``, computed once for each state of its inputs.

    At national scale the groups cost 30-50 ms to count, and the figures change only when a
    summary, a stage or an ASO does: the key holds today, the language, the group size and a
    fingerprint of those tables (rows, versions and generations; a summary's refresh moves its
    generation on). Only groups of at least ``min_group`` ASO are kept, as on the page.
    """
    import hashlib

    from django.core.cache import cache

    state = repr((timezone.localdate(), lang(), min_group, _statistics_fingerprint()))
    key = "worktime:statistics:" + hashlib.sha256(state.encode()).hexdigest()
    # This process's last answers first: read-only rows shared by the requests that ask them.
    kept = _STATISTICS_HERE.get(key)
    if kept is not None:
        return kept
    found = cache.get(key)
    if found is None:
        rows, hidden, used = ministry_statistics_now(min_group)
        # A rule no group breaks has a share of 0 everywhere and no column: kept without it.
        rows = [replace(r, shares={rule: r.shares[rule] for rule in used}) for r in rows]
        found = (rows, hidden, used)
        cache.set(key, found, STATISTICS_CACHE_SECONDS)
    if len(_STATISTICS_HERE) >= 8:
        _STATISTICS_HERE.clear()
    _STATISTICS_HERE[key] = found
    return found


_STATISTICS_HERE: dict[str, tuple] = {}


def _statistics_fingerprint() -> tuple:
    """The size and versions of the tables the statistics are counted from: one statement, read
    again when this process's last reading is older than ``WORKTIME_STATISTICS_FRESH_SECONDS``
    (a few seconds: a change shows on the page a moment later, and a burst of readers asks the
    database once)."""
    import time

    from django.conf import settings

    now = time.monotonic()
    fresh = settings.WORKTIME_STATISTICS_FRESH_SECONDS
    read_at, value = _FINGERPRINT
    if value is not None and 0 <= now - read_at < fresh:
        return value
    value = _statistics_fingerprint_now()
    _FINGERPRINT[:] = [now, value]
    return value


_FINGERPRINT: list = [0.0, None]


def _statistics_fingerprint_now() -> tuple:
    from django.db import connection

    from traject.organisation.models import Stage, Trainee

    from .models import ComplianceSummary

    q = connection.ops.quote_name
    summary, stage, trainee = (q(m._meta.db_table) for m in (ComplianceSummary, Stage, Trainee))
    # Table names come from the models; nothing of the request is in this statement.
    sql = (
        f"SELECT (SELECT COUNT(*) FROM {summary}), (SELECT MAX(id) FROM {summary}), "  # noqa: S608
        f"(SELECT SUM(generation) FROM {summary}), (SELECT MAX(updated_at) FROM {summary}), "
        f"(SELECT COUNT(*) FROM {stage}), (SELECT MAX(id) FROM {stage}), "
        f"(SELECT SUM(version) FROM {stage}), "
        f"(SELECT COUNT(*) FROM {trainee}), (SELECT SUM(version) FROM {trainee})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchone()


def ministry_statistics_now(min_group: int) -> tuple[list[StatisticsRow], int, list[str]]:
    """Share of ASO with at least one violation per rule, per hospital and specialty.

    Only ASO who register (a summary with entries) count; groups smaller than ``min_group``
    are left out and only counted in the number returned second. Only summaries of the last
    12 months count: ``traject daily`` moves every summary's period on; one that was not
    refreshed since yesterday describes an older period and is left out.

    Counted in the database, one query: per group the distinct ASO, those with any violation
    and those with each rule (``violated_rules`` is a JSON list of rule ids: a rule is in it
    when its quoted id is, and a list holds a quote only when it is not empty).
    """
    from django.db.models import Count, TextField
    from django.db.models.functions import Cast
    from django.db.models.lookups import Contains

    from .models import ComplianceSummary

    rules_text = Cast("violated_rules", output_field=TextField())

    today = timezone.localdate()
    spec_key = f"trainee__specialty__name_{lang() if lang() in ('nl', 'fr', 'en') else 'nl'}"
    hospital_key = "trainee__stages__service__hospital__name"
    rule_ids = list(rules.RULE_IDS)

    def trainees_where(condition=None):
        return Count("trainee_id", filter=condition, distinct=True)

    aggregates = {
        "n": trainees_where(),
        "with_violation": trainees_where(Contains(rules_text, '"')),
    }
    for i, rule_id in enumerate(rule_ids):
        aggregates[f"r{i}"] = trainees_where(Contains(rules_text, f'"{rule_id}"'))
    groups = (
        ComplianceSummary.objects.filter(
            has_entries=True, period_end__gte=today - datetime.timedelta(days=1)
        )
        .filter(Q(trainee__stages__start__lte=today, trainee__stages__end__gte=today))
        .values(hospital_key, spec_key)
        .annotate(**aggregates)
        .order_by(hospital_key, spec_key)
    )
    result = []
    hidden = 0
    for group in groups:
        n = group["n"]
        if n < min_group:
            hidden += 1
            continue
        result.append(
            StatisticsRow(
                hospital=group[hospital_key],
                specialty=group[spec_key],
                trainees=n,
                with_violation=group["with_violation"],
                shares={r: round(100 * group[f"r{i}"] / n) for i, r in enumerate(rule_ids)},
            )
        )
    used = [r for r in rule_ids if any(row.shares[r] for row in result)]
    return result, hidden, used


def active_shares(trainee):
    return ReportShare.objects.filter(trainee=trainee).select_related("recipient")


# --- holidays, labels, the month's pay figures ---------------------------------------------


def public_holidays(jurisdiction: str, first: datetime.date, last: datetime.date) -> dict:
    """Public holidays between two days from the ``holidays`` package (none for EU)."""
    import holidays as holidays_lib

    country = rulesets.ruleset_for(jurisdiction).holiday_country
    if not country:
        return {}
    language = {"nl": "nl", "fr": "fr", "en": "en_US"}.get(lang())
    table = holidays_lib.country_holidays(
        country, years=range(first.year, last.year + 1), language=language
    )
    return {day: name for day, name in sorted(table.items()) if first <= day <= last}


def jurisdiction_label(code: str) -> str:
    from .models import Jurisdiction

    return str(dict(Jurisdiction.choices).get(code, code))


def month_hours(trainee, month: datetime.date):
    """The engine's figures of one calendar month, for the pay check.

    Counted entries are cut at the month's edges; a standby belongs to the month it begins in
    (its 12-hour blocks are counted from its start). Hours above 48 are counted per week within
    the month, so a week split over two months never overstates the minimum.
    """
    from .pay import MonthHours
    from .timeutil import month_bounds

    first, last = month_bounds(month)
    s = _settings(trainee)
    zone = s.zone
    lo = local_midnight(first, zone)
    hi = local_midnight(last + datetime.timedelta(days=1), zone)
    timed = []
    for start, end, kind in entries_between(trainee, first, last).values_list(
        "start", "end", "kind"
    ):
        if kind == "oncall_home_standby":
            if lo <= start < hi:
                timed.append(rules.Entry(start, end, kind))
            continue
        cut_start, cut_end = max(start, lo), min(end, hi)
        if cut_end > cut_start:
            timed.append(rules.Entry(cut_start, cut_end, kind))
    if not timed:
        return MonthHours()
    schedule = rules.Schedule.from_entries(
        jurisdiction=s.jurisdiction,
        timezone=s.timezone,
        reference_start=s.reference_start,
        entries=timed,
        opt_out=_opt_out_periods(trainee) or False,
        lang=lang(),
    )
    weeks = rules.evaluate(schedule, lang()).weeks
    totals = totals_of(weeks)
    # A public holiday on a weekend is in both figures: count its hours once.
    holidays = public_holidays(s.jurisdiction, first, last)
    double = 0.0
    for day in holidays:
        if day.weekday() >= 5:
            d_lo = local_midnight(day, zone)
            d_hi = local_midnight(day + datetime.timedelta(days=1), zone)
            for e in timed:
                if e.kind != "oncall_home_standby":
                    overlap = (min(e.end, d_hi) - max(e.start, d_lo)).total_seconds()
                    double += max(0.0, overlap) / 3600
    return MonthHours(
        hours=totals["hours"],
        hours_above_48=totals["hours_above_48"],
        night_hours=totals["night_hours"],
        weekend_holiday_hours=round(totals["weekend_hours"] + totals["holiday_hours"] - double, 2),
        standby_blocks_weekday_day=int(totals["standby_blocks_weekday_day"]),
        standby_blocks_other=int(totals["standby_blocks_other"]),
    )


def pay_table_figures(year: int):
    """The pay table of a calendar year as plain figures (None when there is none)."""
    from .models import PayTable
    from .pay import PayTableFigures

    table = PayTable.objects.filter(year=year).prefetch_related("bases").first()
    if table is None:
        return None
    return PayTableFigures(
        year=table.year,
        hours_per_month=table.hours_per_month,
        overtime_rate=table.overtime_rate,
        night_rate=table.night_rate,
        weekend_rate=table.weekend_rate,
        standby_fee_weekday_day=table.standby_fee_weekday_day,
        standby_fee_other=table.standby_fee_other,
        bases={b.training_year: b.monthly_base for b in table.bases.all()},
    )


def month_pay_check(trainee, month: datetime.date, gross=None):
    """The pay check of one month for the page and the API alike.

    Returns ``(check, hours, training_year, table)``; ``check`` is None without a table.
    """
    from .pay import MonthHours, pay_check
    from .timeutil import month_bounds

    first, _last = month_bounds(month)
    year = trainee.training_year_on(first) or 1
    table = pay_table_figures(month.year)
    if table is None or not table.bases:
        return None, MonthHours(), year, table
    hours = month_hours(trainee, first)
    return pay_check(table, year, hours, gross), hours, year, table
