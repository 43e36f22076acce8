"""Permission rows for the working-time pages and API.

The registration belongs to the ASO: every ASO opens their own pages (200); people without the
ASO role are refused (403); another ASO's entries, leave days, opt-outs and shares are not found
(404). A shared report is seen by its owner and its recipient only. The statistics are the
ministry's.
"""

import datetime

from traject.testing.permission_table import Row, expect

DAY = datetime.date(2025, 1, 6)


def own(ok=200, default=403, anonymous=302, **extra):
    """A page or endpoint on the user's own registration: every ASO, no one else."""
    return expect(default, aso=ok, other_aso=ok, anonymous=anonymous, **extra)


def aso_object(ok=200, anonymous=302):
    """An object of the persona ASO: another ASO does not find it."""
    return expect(403, aso=ok, other_aso=404, anonymous=anonymous)


def extend_world(w):
    import zoneinfo

    from traject.worktime.models import LeaveDay, OptOutAgreement, ReportShare, TimeEntry

    zone = zoneinfo.ZoneInfo("Europe/Brussels")
    entry = TimeEntry.objects.create(
        trainee=w.trainee,
        start=datetime.datetime(2025, 1, 6, 8, tzinfo=zone),
        end=datetime.datetime(2025, 1, 6, 17, tzinfo=zone),
        kind="planned",
    )
    leave_day = LeaveDay.objects.create(trainee=w.trainee, date=DAY, kind="vacation")
    opt_out = OptOutAgreement.objects.create(trainee=w.trainee, signed_on=DAY)
    share = ReportShare.objects.create(
        trainee=w.trainee,
        recipient=w.users["stagemeester"],
        period_start=DAY,
        period_end=DAY + datetime.timedelta(days=30),
    )
    w.add(wt_entry=entry, wt_leave=leave_day, wt_opt_out=opt_out, wt_share=share)


ENTRY = {"start": "2025-02-03T08:00", "end": "2025-02-03T17:00", "kind": "planned"}

ROWS = [
    Row("GET", "worktime:week", expect=own()),
    Row("GET", "worktime:week_of", args=lambda w: ["2025-01-06"], expect=own()),
    Row("POST", "worktime:week_copy", args=lambda w: ["2025-01-13"], expect=own(302)),
    Row(
        "POST",
        "worktime:week_repeat",
        args=lambda w: ["2025-01-06"],
        data=lambda w: {"times": 2},
        expect=own(302),
    ),
    Row("GET", "worktime:entry_add", expect=own()),
    Row(
        "POST",
        "worktime:entry_add",
        data=lambda w: {"day": "2025-02-03", "preset": "night"},
        expect=own(302),
        description="preset",
    ),
    Row("GET", "worktime:entry_edit", args=lambda w: [w.wt_entry.pk], expect=aso_object()),
    Row(
        "POST",
        "worktime:entry_delete",
        args=lambda w: [w.wt_entry.pk],
        data=lambda w: {"version": w.wt_entry.version},
        expect=aso_object(302),
    ),
    Row("GET", "worktime:leave", expect=own()),
    Row(
        "POST",
        "worktime:leave_delete",
        args=lambda w: [w.wt_leave.pk],
        data=lambda w: {"version": w.wt_leave.version},
        expect=aso_object(302),
    ),
    Row("GET", "worktime:settings", expect=own()),
    Row("GET", "worktime:import", expect=own()),
    Row("GET", "worktime:report", expect=own()),
    Row("GET", "worktime:export", args=lambda w: ["csv"], expect=own()),
    Row("GET", "worktime:export", args=lambda w: ["pdf"], expect=own(), description="pdf"),
    Row("GET", "worktime:opt_out", expect=own()),
    Row("GET", "worktime:opt_out_edit", args=lambda w: [w.wt_opt_out.pk], expect=aso_object()),
    Row(
        "POST",
        "worktime:opt_out_delete",
        args=lambda w: [w.wt_opt_out.pk],
        data=lambda w: {"version": w.wt_opt_out.version},
        expect=aso_object(302),
    ),
    Row("GET", "worktime:pay", expect=own()),
    Row("GET", "worktime:shares", expect=own()),
    Row("POST", "worktime:share_revoke", args=lambda w: [w.wt_share.pk], expect=aso_object(302)),
    Row("GET", "worktime:shared_received", expect=expect(200, anonymous=302)),
    Row(
        "GET",
        "worktime:shared_report",
        args=lambda w: [w.wt_share.pk],
        expect=expect(404, aso=200, stagemeester=200, anonymous=302),
    ),
    Row("GET", "worktime:statistics", expect=expect(403, ministry=200, anonymous=302)),
    Row("GET", "worktime:app", expect=own()),
    # The service worker and the manifest hold no personal data: anyone may load them.
    Row("GET", "worktime:service_worker", expect=expect(200)),
    Row("GET", "worktime:manifest", expect=expect(200)),
    # The API: anonymous gets 401.
    Row("GET", "api:worktime_entries_list", expect=own(anonymous=401)),
    Row("POST", "api:worktime_entry_create", data=lambda w: ENTRY, expect=own(201, anonymous=401)),
    Row(
        "PUT",
        "api:worktime_entry_update",
        args=lambda w: [w.wt_entry.pk],
        data=lambda w: {**ENTRY, "version": w.wt_entry.version},
        expect=aso_object(anonymous=401),
    ),
    Row(
        "DELETE",
        "api:worktime_entry_delete",
        args=lambda w: [w.wt_entry.pk],
        data=lambda w: {"version": w.wt_entry.version},
        expect=aso_object(204, anonymous=401),
    ),
    Row(
        "POST",
        "api:worktime_import",
        data=lambda w: {"entries": [ENTRY, {"date": "2025-02-04", "kind": "sick"}]},
        expect=own(201, anonymous=401),
    ),
    Row("GET", "api:worktime_report", expect=own(anonymous=401)),
    # The rule catalogue is public knowledge: any signed-in user.
    Row("GET", "api:worktime_rules", expect=expect(200, anonymous=401)),
    Row(
        "GET",
        "api:worktime_pay_check",
        data=lambda w: {"month": "2024-01-01"},
        expect=own(anonymous=401),
    ),
    Row(
        "POST",
        "api:worktime_check",
        data=lambda w: {
            "jurisdiction": "BE",
            "timezone": "Europe/Brussels",
            "reference_start": "2025-01-06",
            "entries": [ENTRY],
        },
        expect=expect(200, anonymous=401),
    ),
]
