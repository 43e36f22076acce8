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


def _entries_for(trainee, seed: int, today: datetime.date, zone_name: str):
    import zoneinfo

    from .models import LeaveDay, TimeEntry
    from .rules.synthetic import generate_roster
    from .timeutil import localize

    zone = zoneinfo.ZoneInfo(zone_name)
    first = today - datetime.timedelta(days=364)
    timed, leave = [], []
    for year in (today.year - 1, today.year):
        roster = generate_roster(seed * 10 + year, year, "BE")
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


def load(ctx: DemoContext) -> None:
    from .models import LeaveDay, OptOutAgreement, Payslip, TimeEntry, WorktimeSettings
    from .selectors import refresh_summary
    from .services import settings_for

    aso_user = ctx.personas.get("aso")
    if aso_user is None or not hasattr(aso_user, "trainee"):
        return
    persona = aso_user.trainee
    if TimeEntry.objects.filter(trainee=persona).exists():
        return
    today = timezone.localdate()
    trainees = [persona]
    other = ctx.personas.get("other_aso")
    if other is not None and hasattr(other, "trainee"):
        trainees.append(other.trainee)
    for t in _sample(ctx, ctx.data.get("trainees", [])):
        if t.pk not in {x.pk for x in trainees}:
            trainees.append(t)
    with transaction.atomic():
        all_timed, all_leave = [], []
        reference = today - datetime.timedelta(days=today.weekday() + 7 * 52)
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
        settings_for(t)
        refresh_summary(t, today)
    ctx.say(
        f"Working time: {len(all_timed)} entries and {len(all_leave)} leave days "
        f"for {len(trainees)} ASO."
    )
