"""Reads: the ASO's schedule handed to the compliance engine, reports, counters, statistics."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language

from . import rules
from .models import LeaveDay, OptOutAgreement, ReportShare, TimeEntry
from .rules import rulesets
from .timeutil import local_midnight, week_start

WEEK = datetime.timedelta(days=7)


def lang() -> str:
    code = (get_language() or "nl")[:2]
    return code if code in rules.LANGUAGES else "nl"


def _settings(trainee):
    from .services import settings_for

    return settings_for(trainee)


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
        rules.Entry(start, end, kind)
        for start, end, kind in entries_between(trainee, first, last).values_list(
            "start", "end", "kind"
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
            "violations": [v.to_dict() for v in self.violations],
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
    ]
    return {k: round(sum(getattr(w, k) for w in weeks), 2) for k in keys}


def _day(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text[:10])


def period_report(trainee, first: datetime.date, last: datetime.date) -> PeriodReport:
    """Check the period's whole averaging blocks and keep what touches the period."""
    lo, hi = aligned_period(trainee, first, last)
    report = rules.evaluate(schedule_for(trainee, lo, hi), lang())
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
        report = period_report(trainee, monday, monday + datetime.timedelta(days=6))
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
        violations=report.violations,
    )


def weekly_chart(trainee, today: datetime.date | None = None, weeks: int = 26) -> dict:
    """An inline-SVG chart of weekly hours against the week limit and the average limit."""
    today = today or timezone.localdate()
    last_monday = week_start(today)
    first_monday = last_monday - WEEK * (weeks - 1)
    report = period_report(trainee, first_monday, last_monday + datetime.timedelta(days=6))
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


def refresh_summary(trainee, today: datetime.date | None = None):
    """Recompute which rules the ASO's last 12 months break (one engine run of a year).

    Runs after every change, so it skips the weekly figures and returns only the violations.
    """
    from .models import ComplianceSummary

    today = today or timezone.localdate()
    first = today - datetime.timedelta(days=364)
    lo, hi = aligned_period(trainee, first, today)
    schedule = schedule_for(trainee, lo, hi)
    report = rules.evaluate(schedule, lang())
    end_of_period = f"{today + datetime.timedelta(days=1)}T00:00"
    start_of_period = f"{first}T00:00"
    violations = [
        v for v in report.violations if v.start < end_of_period and v.end > start_of_period
    ]
    values = {
        "period_start": first,
        "period_end": today,
        "violated_rules": sorted({v.rule for v in violations}),
        "has_entries": bool(len(schedule.start)),
        "updated_at": timezone.now(),
    }
    if not ComplianceSummary.objects.filter(trainee=trainee).update(**values):
        ComplianceSummary.objects.create(trainee=trainee, **values)
    return violations


@dataclass
class StatisticsRow:
    hospital: str
    specialty: str
    trainees: int
    with_violation: int
    shares: dict  # rule id -> percentage of trainees


def ministry_statistics(min_group: int) -> tuple[list[StatisticsRow], int, list[str]]:
    """Share of ASO with at least one violation per rule, per hospital and specialty.

    Only ASO who register (a summary with entries) count; groups smaller than ``min_group``
    are left out and only counted in the number returned second.
    """
    from .models import ComplianceSummary

    today = timezone.localdate()
    rows = (
        ComplianceSummary.objects.filter(has_entries=True)
        .filter(Q(trainee__stages__start__lte=today, trainee__stages__end__gte=today))
        .values(
            "trainee_id",
            "violated_rules",
            "trainee__stages__service__hospital__name",
            "trainee__specialty__name_nl",
            "trainee__specialty__name_fr",
            "trainee__specialty__name_en",
        )
    )
    groups: dict[tuple[str, str], dict[int, list]] = {}
    spec_key = f"trainee__specialty__name_{lang() if lang() in ('nl', 'fr', 'en') else 'nl'}"
    for row in rows:
        key = (row["trainee__stages__service__hospital__name"], row[spec_key])
        groups.setdefault(key, {})[row["trainee_id"]] = row["violated_rules"] or []
    rule_ids = list(rules.RULE_IDS)
    result = []
    hidden = 0
    for (hospital, specialty), members in sorted(groups.items()):
        n = len(members)
        if n < min_group:
            hidden += 1
            continue
        counts = dict.fromkeys(rule_ids, 0)
        for violated in members.values():
            for rule_id in violated:
                if rule_id in counts:
                    counts[rule_id] += 1
        result.append(
            StatisticsRow(
                hospital=hospital,
                specialty=specialty,
                trainees=n,
                with_violation=sum(1 for v in members.values() if v),
                shares={r: round(100 * c / n) for r, c in counts.items()},
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
