"""Demo data: a year of realistic hours for the demo ASO and a sample of ASO.

The rosters come from the engine's synthetic generator (day shifts, nights, 24-hour calls,
standby with call-outs, leave) and carry the violations real rosters have. The sample is taken
from the largest hospital-and-specialty groups, so that the ministry's statistics (groups of at
least five) have something to show; at national scale the sample stays the same size, so the
loader takes seconds, not minutes.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from traject.core.demo import DemoContext

SAMPLE = 60
# At national scale every ASO gets a year: the rosters of this many seeds, dealt out in turn
# (generating one costs ~20 ms; 6,200 would take minutes), and one summary computed per roster.
NATIONAL_ROSTERS = 48


def _entries_for(trainee, seed: int, today: datetime.date, zone_name: str, jurisdiction="BE"):
    import zoneinfo

    from .models import LeaveDay, TimeEntry
    from .rules.synthetic import generate_roster
    from .timeutil import localize

    zone = zoneinfo.ZoneInfo(zone_name)
    first = today - datetime.timedelta(days=364)
    timed, leave = [], []
    for year in (today.year - 1, today.year):
        roster = generate_roster(seed * 10 + year, year, jurisdiction)
        for raw in roster["entries"]:
            if "date" in raw:
                day = datetime.date.fromisoformat(raw["date"])
                if first <= day <= today:
                    leave.append(LeaveDay(trainee=trainee, date=day, kind=raw["kind"]))
                continue
            start = localize(datetime.datetime.fromisoformat(raw["start"]), zone)
            end = localize(datetime.datetime.fromisoformat(raw["end"]), zone)
            if first <= start.date() and end.date() <= today:
                timed.append(TimeEntry(trainee=trainee, start=start, end=end, kind=raw["kind"]))
    # Rosters of two calendar years may touch at New Year: drop a clash rather than refuse.
    timed.sort(key=lambda e: e.start)
    kept, last_counted, last_standby = [], None, None
    for e in timed:
        standby = e.kind == "oncall_home_standby"
        previous = last_standby if standby else last_counted
        if previous is not None and e.start < previous:
            continue
        kept.append(e)
        if standby:
            last_standby = e.end
        else:
            last_counted = e.end
    return kept, leave


def _restrictive_standbys(timed) -> int:
    """Make some standbys restrictive (Matzak): those no counted entry but a call-out inside
    overlaps, as the service requires. Returns how many."""
    counted = [e for e in timed if e.kind not in ("oncall_home_standby", "oncall_home_callout")]
    made = 0
    for i, e in enumerate(x for x in timed if x.kind == "oncall_home_standby"):
        if i % 3:
            continue
        clash = any(c.start < e.end and e.start < c.end for c in counted)
        callouts_outside = any(
            c.kind == "oncall_home_callout"
            and c.start < e.end
            and e.start < c.end
            and not (e.start <= c.start and c.end <= e.end)
            for c in timed
        )
        if not clash and not callouts_outside:
            e.restrictive = True
            e.note = "demo: restrictive"
            made += 1
    return made


def _heavy_week(trainee, today: datetime.date, zone_name: str):
    """Last week: five 12-hour days and a Saturday morning (61 h), visible on the dashboard."""
    import zoneinfo

    from .models import TimeEntry
    from .timeutil import localize, week_start

    zone = zoneinfo.ZoneInfo(zone_name)
    monday = week_start(today) - datetime.timedelta(days=7)
    out = []
    for offset, (start_h, end_h) in enumerate([(7, 19)] * 5 + [(7, 8)]):
        day = monday + datetime.timedelta(days=offset)
        out.append(
            TimeEntry(
                trainee=trainee,
                start=localize(datetime.datetime.combine(day, datetime.time(start_h)), zone),
                end=localize(datetime.datetime.combine(day, datetime.time(end_h)), zone),
                kind="planned",
                note="demo",
            )
        )
    return monday, out


def _sample(ctx: DemoContext, trainees):
    today = timezone.localdate()
    from traject.organisation.models import Stage

    current = {
        s.trainee_id: (s.service.hospital_id, s.service.specialty_id)
        for s in Stage.objects.filter(start__lte=today, end__gte=today).select_related("service")
    }
    groups: dict = {}
    for t in trainees:
        if t.pk in current:
            groups.setdefault(current[t.pk], []).append(t)
    chosen = []
    for members in sorted(groups.values(), key=len, reverse=True):
        if len(members) < 5 or len(chosen) >= SAMPLE:
            break
        chosen.extend(members[:12])
    return chosen


def _demo_pay_tables(today: datetime.date) -> None:
    """The pay check must be tried in the demo: last year's and this year's table.

    The amounts are the latest real table's (2024, seeded by a migration), copied as an
    illustration; in production the platform staff add each year's indexed table in the admin.
    """
    from .models import PayTable, PayTableBase

    source = PayTable.objects.order_by("-year").prefetch_related("bases").first()
    if source is None:
        return
    for year in (today.year - 1, today.year):
        if PayTable.objects.filter(year=year).exists():
            continue
        table = PayTable.objects.create(
            year=year,
            hours_per_month=source.hours_per_month,
            overtime_rate=source.overtime_rate,
            night_rate=source.night_rate,
            weekend_rate=source.weekend_rate,
            standby_fee_weekday_day=source.standby_fee_weekday_day,
            standby_fee_other=source.standby_fee_other,
        )
        PayTableBase.objects.bulk_create(
            PayTableBase(table=table, training_year=b.training_year, monthly_base=b.monthly_base)
            for b in source.bases.all()
        )


def load(ctx: DemoContext) -> None:
    from .models import TimeEntry

    _demo_pay_tables(timezone.localdate())
    aso_user = ctx.personas.get("aso")
    if aso_user is None or not hasattr(aso_user, "trainee"):
        return
    persona = aso_user.trainee
    today = timezone.localdate()
    reference = today - datetime.timedelta(days=today.weekday() + 7 * 52)
    if not TimeEntry.objects.filter(trainee=persona).exists():
        _load_sample(ctx, persona, today, reference)
    if ctx.national:
        # Also when the demo world was loaded before (the page benchmark does so): every ASO
        # without hours gets the year.
        with_hours = set(
            TimeEntry.objects.order_by().values_list("trainee_id", flat=True).distinct()
        )
        _national_year(
            ctx,
            [t for t in ctx.data.get("trainees", []) if t.pk not in with_hours],
            today,
            reference,
        )


def year_of_hours(trainees, *, seed: int, today: datetime.date | None = None) -> None:
    """A year of hours for each of these trainees (other apps' demo people, such as the Dutch
    aios), by their country's rules and on their country's clock; those with hours are left."""
    from .models import LeaveDay, TimeEntry, WorktimeSettings
    from .selectors import default_settings
    from .services import compliance_summary_refresh

    today = today or timezone.localdate()
    reference = today - datetime.timedelta(days=today.weekday() + 7 * 52)
    with_hours = set(
        TimeEntry.objects.filter(trainee__in=trainees).values_list("trainee_id", flat=True)
    )
    fresh = [t for t in trainees if t.pk not in with_hours]
    with transaction.atomic():
        for i, t in enumerate(fresh):
            settings = WorktimeSettings.objects.filter(trainee=t).first()
            if settings is None:
                settings = default_settings(t, reference_start=reference)
                settings.save()
            timed, leave = _entries_for(
                t, seed + i, today, settings.timezone, settings.jurisdiction
            )
            TimeEntry.objects.bulk_create(timed, batch_size=2000)
            LeaveDay.objects.bulk_create(leave, batch_size=2000, ignore_conflicts=True)
    for t in fresh:
        compliance_summary_refresh(trainee=t, today=today)


def _load_sample(ctx: DemoContext, persona, today: datetime.date, reference) -> None:
    """A year of hours for the demo ASO, the other ASO persona and a sample of ASO."""
    from .models import LeaveDay, OptOutAgreement, Payslip, TimeEntry, WorktimeSettings
    from .services import compliance_summary_refresh

    trainees = [persona]
    other = ctx.personas.get("other_aso")
    if other is not None and hasattr(other, "trainee"):
        trainees.append(other.trainee)
    for t in _sample(ctx, ctx.data.get("trainees", [])):
        if t.pk not in {x.pk for x in trainees}:
            trainees.append(t)
    with transaction.atomic():
        all_timed, all_leave = [], []
        WorktimeSettings.objects.bulk_create(
            [WorktimeSettings(trainee=t, reference_start=reference) for t in trainees],
            ignore_conflicts=True,
        )
        for i, t in enumerate(trainees):
            timed, leave = _entries_for(t, ctx.rng.randrange(10**6) + i, today, "Europe/Brussels")
            if t.pk == persona.pk:
                monday, heavy = _heavy_week(t, today, "Europe/Brussels")
                lo, hi = heavy[0].start.replace(hour=0), heavy[-1].end.replace(hour=23, minute=59)
                timed = [e for e in timed if e.end <= lo or e.start >= hi] + heavy
                leave = [d for d in leave if not (monday <= d.date <= hi.date())]
            if t.pk == persona.pk or i % 5 == 1:
                _restrictive_standbys(timed)
            all_timed += timed
            all_leave += leave
        TimeEntry.objects.bulk_create(all_timed, batch_size=2000)
        LeaveDay.objects.bulk_create(all_leave, batch_size=2000, ignore_conflicts=True)
        # A few ASO signed an opt-out; the demo ASO entered last month's payslip.
        for t in trainees[2::7]:
            OptOutAgreement.objects.create(trainee=t, signed_on=reference, note="demo")
        last_month = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
        Payslip.objects.get_or_create(
            trainee=persona, month=last_month, defaults={"gross": 3650, "note": "demo"}
        )
    for t in trainees:
        compliance_summary_refresh(trainee=t, today=today)
    ctx.say(
        f"Working time: {len(all_timed)} entries and {len(all_leave)} leave days "
        f"for {len(trainees)} ASO."
    )


def _insert_rosters(trainees, rosters) -> tuple[int, int]:
    """Insert each trainee's roster (dealt out in turn) with plain multi-row statements.

    Two million model instances cost minutes; the rows of a roster are adapted to the database
    once and only the trainee id changes from one ASO to the next.
    """
    from django.db import connection

    from .models import LeaveDay, TimeEntry

    ops = connection.ops
    now = ops.adapt_datetimefield_value(timezone.now())
    adapted = [
        (
            [
                (ops.adapt_datetimefield_value(a), ops.adapt_datetimefield_value(b), kind)
                for a, b, kind in timed
            ],
            [(ops.adapt_datefield_value(d), kind) for d, kind in leave],
        )
        for timed, leave in rosters
    ]
    entry_table = connection.ops.quote_name(TimeEntry._meta.db_table)
    leave_table = connection.ops.quote_name(LeaveDay._meta.db_table)
    end = connection.ops.quote_name("end")
    # Table and column names come from the models, the values are parameters.
    columns = f"trainee_id, start, {end}, kind, restrictive, note, version, created_at, updated_at"
    entry_sql = f"INSERT INTO {entry_table} ({columns}) VALUES (%s, %s, %s, %s, %s, '', 1, %s, %s)"  # noqa: S608
    leave_sql = (
        f"INSERT INTO {leave_table} (trainee_id, date, kind, version) VALUES (%s, %s, %s, 1)"  # noqa: S608
    )
    entries = leave_days = 0
    with connection.cursor() as cursor:
        for start in range(0, len(trainees), 100):
            entry_rows, leave_rows = [], []
            for offset, t in enumerate(trainees[start : start + 100]):
                timed, leave = adapted[(start + offset) % len(adapted)]
                entry_rows += [(t.pk, a, b, kind, False, now, now) for a, b, kind in timed]
                leave_rows += [(t.pk, d, kind) for d, kind in leave]
            cursor.executemany(entry_sql, entry_rows)
            cursor.executemany(leave_sql, leave_rows)
            entries += len(entry_rows)
            leave_days += len(leave_rows)
    return entries, leave_days


def _national_year(ctx: DemoContext, trainees, today: datetime.date, reference) -> None:
    """A year of working time for every other ASO of the national world, in bulk.

    ``NATIONAL_ROSTERS`` rosters are dealt out in turn; ASO with the same roster and settings
    have the same compliance summary, computed once per roster by the service's own function
    and copied (so the ministry's statistics and the dashboards read real figures).
    """
    import time

    from .models import ComplianceSummary, WorktimeSettings
    from .selectors import evaluate_for_summary

    if not trainees:
        return
    started = time.perf_counter()
    pool = [
        _entries_for(None, ctx.rng.randrange(10**6) + k, today, "Europe/Brussels")
        for k in range(min(NATIONAL_ROSTERS, len(trainees)))
    ]
    rosters = [
        (
            [(e.start, e.end, e.kind) for e in timed],
            [(d.date, d.kind) for d in leave],
        )
        for timed, leave in pool
    ]
    with transaction.atomic():
        WorktimeSettings.objects.bulk_create(
            [WorktimeSettings(trainee=t, reference_start=reference) for t in trainees],
            ignore_conflicts=True,
            batch_size=2000,
        )
        entries, leave_days = _insert_rosters(trainees, rosters)
        summaries = []
        for k in range(len(rosters)):
            members = trainees[k :: len(rosters)]
            first, violations, has_entries, figures = evaluate_for_summary(members[0], today)
            values = {
                "period_start": first,
                "period_end": today,
                "violated_rules": sorted({v.rule for v in violations}),
                "has_entries": has_entries,
                "figures": {**figures, "generation": 0},
            }
            summaries += [ComplianceSummary(trainee=t, generation=0, **values) for t in members]
        ComplianceSummary.objects.bulk_create(summaries, batch_size=1000, ignore_conflicts=True)
    ctx.say(
        f"Working time (national): {entries} entries and {leave_days} leave days for "
        f"{len(trainees)} more ASO in {time.perf_counter() - started:.1f} s."
    )
