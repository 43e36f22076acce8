"""Pages of the working-time registration: only the ASO sees their own; shares are read-only."""

import datetime
import json

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from traject.audit.services import audit_read
from traject.core.forms import add_service_errors
from traject.core.pdf import pdf_response, render_pdf
from traject.core.permissions import ensure, get_scoped_or_404

from . import forms, permissions, selectors, services, transfer
from .explanations import explain
from .models import Kind, LeaveDay, LeaveKind, OptOutAgreement, Payslip, PayTable, TimeEntry
from .pay import MonthHours, PayRates, minimum_pay
from .timeutil import month_bounds, week_start

WEEKDAY_LABELS = [
    _("Monday"),
    _("Tuesday"),
    _("Wednesday"),
    _("Thursday"),
    _("Friday"),
    _("Saturday"),
    _("Sunday"),
]


def _trainee(request):
    """The signed-in ASO; any other role is refused (403)."""
    trainee = permissions.own_trainee(request.user)
    ensure(trainee is not None, _("Only an ASO registers working time."))
    return trainee


def _parse_day(text, default: datetime.date) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text) if text else default
    except ValueError:
        return default


def _violation_rows(violations):
    return [{"v": v, "explanation": explain(v.rule)} for v in violations]


# --- the week -------------------------------------------------------------------------------


@login_required
def week(request, day=None):
    """The week view: every day with its entries, holidays, leave, counters and violations."""
    trainee = _trainee(request)
    settings_obj = services.settings_for(trainee)
    zone = settings_obj.zone
    today = timezone.localdate()
    monday = week_start(_parse_day(day, today))
    sunday = monday + datetime.timedelta(days=6)
    report = selectors.period_report(trainee, monday, sunday)
    counters = selectors.counters(
        trainee, today=monday if monday != week_start(today) else today, report=report
    )
    entries = list(selectors.entries_between(trainee, monday, sunday))
    leave = {d.date: d for d in selectors.leave_between(trainee, monday, sunday)}
    holidays = selectors.public_holidays(settings_obj.jurisdiction, monday, sunday)
    days = []
    for offset in range(7):
        date = monday + datetime.timedelta(days=offset)
        day_entries = []
        for e in entries:
            start = e.start.astimezone(zone)
            if start.date() != date:
                continue
            end = e.end.astimezone(zone)
            day_entries.append(
                {
                    "obj": e,
                    "start": start,
                    "end": end,
                    "next_day": end.date() > start.date(),
                    "standby": e.kind == Kind.ONCALL_HOME_STANDBY,
                }
            )
        days.append(
            {
                "date": date,
                "label": WEEKDAY_LABELS[offset],
                "is_today": date == today,
                "weekend": offset >= 5,
                "holiday": holidays.get(date),
                "leave": leave.get(date),
                "entries": day_entries,
            }
        )
    return render(
        request,
        "worktime/week.html",
        {
            "monday": monday,
            "sunday": sunday,
            "prev": monday - datetime.timedelta(days=7),
            "next": monday + datetime.timedelta(days=7),
            "this_week": week_start(today),
            "days": days,
            "c": counters,
            "violations": _violation_rows(report.violations),
            "repeat_form": forms.RepeatForm(),
            "settings": settings_obj,
        },
    )


@login_required
def entry_add(request):
    """Add an entry: a one-tap preset or a custom time."""
    trainee = _trainee(request)
    zone = services.settings_for(trainee).zone
    day = _parse_day(request.GET.get("day") or request.POST.get("day"), timezone.localdate())
    preset = request.POST.get("preset")
    if request.method == "POST" and preset in forms.PRESET_BY_KEY:
        _key, _label, start, end, kind = forms.PRESET_BY_KEY[preset]
        data = {
            "day": day.isoformat(),
            "start_time": start.strftime("%H:%M"),
            "end_time": end.strftime("%H:%M"),
            "kind": kind,
        }
        form = forms.EntryForm(data, zone=zone)
    else:
        form = forms.EntryForm(
            request.POST or None,
            zone=zone,
            initial={"day": day, "start_time": "08:00", "end_time": "17:00"},
        )
    if request.method == "POST" and form.is_valid():
        try:
            services.time_entry_create(
                trainee=trainee,
                actor=request.user,
                start=form.cleaned_data["start"],
                end=form.cleaned_data["end"],
                kind=form.cleaned_data["kind"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The entry was saved."))
            return redirect("worktime:week_of", day=week_start(day).isoformat())
    return render(
        request,
        "worktime/entry_form.html",
        {
            "form": form,
            "day": day,
            "presets": forms.PRESETS,
            "title": _("Add hours"),
            "cancel_url": reverse("worktime:week_of", args=[week_start(day).isoformat()]),
        },
    )


@login_required
def entry_edit(request, pk):
    """Change an entry; an edit based on an outdated version is refused."""
    trainee = _trainee(request)
    entry = get_scoped_or_404(TimeEntry.objects.filter(trainee=trainee), pk=pk)
    zone = services.settings_for(trainee).zone
    start, end = entry.start.astimezone(zone), entry.end.astimezone(zone)
    form = forms.EntryForm(
        request.POST or None,
        zone=zone,
        initial={
            "day": start.date(),
            "start_time": start.time(),
            "end_time": end.time(),
            "kind": entry.kind,
            "note": entry.note,
            "version": entry.version,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.time_entry_update(
                entry=entry,
                actor=request.user,
                start=form.cleaned_data["start"],
                end=form.cleaned_data["end"],
                kind=form.cleaned_data["kind"],
                note=form.cleaned_data["note"],
                expected_version=form.cleaned_data.get("version"),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The entry was saved."))
            return redirect("worktime:week_of", day=week_start(start.date()).isoformat())
    return render(
        request,
        "worktime/entry_form.html",
        {
            "form": form,
            "entry": entry,
            "title": _("Change hours"),
            "cancel_url": reverse("worktime:week_of", args=[week_start(start.date()).isoformat()]),
            "delete_url": reverse("worktime:entry_delete", args=[entry.pk]),
        },
    )


@login_required
@require_POST
def entry_delete(request, pk):
    trainee = _trainee(request)
    entry = get_scoped_or_404(TimeEntry.objects.filter(trainee=trainee), pk=pk)
    monday = week_start(entry.start.astimezone(services.settings_for(trainee).zone).date())
    version = request.POST.get("version")
    try:
        services.time_entry_delete(
            entry=entry, actor=request.user, expected_version=int(version) if version else None
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The entry was deleted."))
    return redirect("worktime:week_of", day=monday.isoformat())


def _bulk_message(request, result, done_message):
    if result.ok:
        messages.success(request, done_message % {"n": len(result.created)})
    else:
        lines = "; ".join(f"{line}: {text}" for line, text in result.failures[:10])
        messages.error(request, _("Nothing was changed. %(lines)s") % {"lines": lines})


@login_required
@require_POST
def week_copy(request, day):
    """Copy last week's entries into this week."""
    trainee = _trainee(request)
    monday = week_start(_parse_day(day, timezone.localdate()))
    result = services.week_copy_previous(trainee=trainee, actor=request.user, week=monday)
    _bulk_message(request, result, _("%(n)s entries copied from last week."))
    return redirect("worktime:week_of", day=monday.isoformat())


@login_required
@require_POST
def week_repeat(request, day):
    """Repeat this week's roster over the next N weeks."""
    trainee = _trainee(request)
    monday = week_start(_parse_day(day, timezone.localdate()))
    form = forms.RepeatForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Repeat a week 1 to 52 times."))
    else:
        result = services.week_repeat(
            trainee=trainee, actor=request.user, week=monday, times=form.cleaned_data["times"]
        )
        _bulk_message(request, result, _("%(n)s entries added in the next weeks."))
    return redirect("worktime:week_of", day=monday.isoformat())


@login_required
def leave(request):
    """Mark leave days (one day or a range), and list the marked ones."""
    trainee = _trainee(request)
    day = _parse_day(request.GET.get("day"), timezone.localdate())
    form = forms.LeaveForm(
        request.POST or None,
        initial={"first": day, "last": day, "kind": LeaveKind.VACATION, "weekdays_only": True},
    )
    if request.method == "POST" and form.is_valid():
        try:
            marked = services.leave_days_mark(
                trainee=trainee,
                actor=request.user,
                first=form.cleaned_data["first"],
                last=form.cleaned_data["last"],
                kind=form.cleaned_data["kind"],
                weekdays_only=form.cleaned_data["weekdays_only"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("%(n)s leave days marked.") % {"n": len(marked)})
            return redirect(
                "worktime:week_of", day=week_start(form.cleaned_data["first"]).isoformat()
            )
    upcoming = LeaveDay.objects.filter(
        trainee=trainee, date__gte=timezone.localdate() - datetime.timedelta(days=90)
    ).order_by("date")[:60]
    return render(request, "worktime/leave.html", {"form": form, "leave_days": upcoming})


@login_required
@require_POST
def leave_delete(request, pk):
    trainee = _trainee(request)
    leave_day = get_scoped_or_404(LeaveDay.objects.filter(trainee=trainee), pk=pk)
    monday = week_start(leave_day.date)
    services.leave_day_delete(leave_day=leave_day, actor=request.user)
    messages.success(request, _("The leave day was removed."))
    return redirect("worktime:week_of", day=monday.isoformat())


@login_required
def settings_view(request):
    """Choose the rules (BE, NL, EU, US), the time zone and the start of the averaging blocks."""
    trainee = _trainee(request)
    obj = services.settings_for(trainee)
    form = forms.SettingsForm(request.POST or None, instance=obj, initial={"version": obj.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.worktime_settings_update(
                trainee=trainee,
                actor=request.user,
                jurisdiction=form.cleaned_data["jurisdiction"],
                timezone_name=form.cleaned_data["timezone"],
                reference_start=form.cleaned_data["reference_start"],
                expected_version=form.cleaned_data.get("version"),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Your settings were saved."))
            return redirect("worktime:week")
    return render(
        request,
        "core/form.html",
        {"form": form, "title": _("Working-time settings"), "cancel_url": reverse("worktime:week")},
    )


# --- import and export ----------------------------------------------------------------------


@login_required
def import_view(request):
    """Import a roster from ICS or CSV: everything or nothing, with the lines that failed."""
    trainee = _trainee(request)
    zone = services.settings_for(trainee).zone
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    failures = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        candidates = transfer.parse_upload(upload.name, upload.read(), zone)
        result = services.time_entries_bulk_create(
            trainee=trainee, actor=request.user, candidates=candidates
        )
        if result.ok:
            messages.success(
                request,
                _("%(n)s entries and %(d)s leave days imported.")
                % {"n": len(result.created), "d": len(result.leave_days)},
            )
            first = [c.entry.start for c in candidates if c.entry is not None]
            target = (
                week_start(min(first).astimezone(zone).date())
                if first
                else week_start(timezone.localdate())
            )
            return redirect("worktime:week_of", day=target.isoformat())
        failures = result.failures
    return render(request, "worktime/import.html", {"form": form, "failures": failures})


def _period(request, default_weeks=13):
    today = timezone.localdate()
    default_end = week_start(today) + datetime.timedelta(days=6)
    default_start = week_start(today) - datetime.timedelta(days=7 * (default_weeks - 1))
    form = forms.PeriodForm(
        request.GET if "start" in request.GET else None,
        initial={"start": default_start, "end": default_end},
    )
    if form.is_bound and form.is_valid():
        return form, form.cleaned_data["start"], form.cleaned_data["end"]
    return form, default_start, default_end


def _report_context(trainee, first, last):
    report = selectors.period_report(trainee, first, last)
    return {
        "report": report,
        "totals": report.totals(),
        "violations": _violation_rows(report.violations),
        "owner": trainee.user,
        "jurisdiction": selectors.jurisdiction_label(report.jurisdiction),
        "generated": timezone.localtime(),
    }


@login_required
def report(request):
    """The compliance report of a chosen period, with exports."""
    trainee = _trainee(request)
    form, first, last = _period(request)
    context = _report_context(trainee, first, last)
    context.update({"form": form, "query": f"start={first.isoformat()}&end={last.isoformat()}"})
    context["chart"] = selectors.weekly_chart(trainee)
    return render(request, "worktime/report.html", context)


@login_required
def export(request, fmt):
    """Download the registration of a period as CSV, ICS, JSON (exchange format) or a PDF report."""
    trainee = _trainee(request)
    _form, first, last = _period(request)
    zone = services.settings_for(trainee).zone
    stem = f"traject-worktime-{first.isoformat()}-{last.isoformat()}"
    if fmt == "csv":
        body = transfer.to_csv(
            selectors.entries_between(trainee, first, last),
            selectors.leave_between(trainee, first, last),
            zone,
        )
        response = HttpResponse(body, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{stem}.csv"'
        return response
    if fmt == "ics":
        body = transfer.to_ics(
            selectors.entries_between(trainee, first, last),
            selectors.leave_between(trainee, first, last),
            str(trainee.user),
        )
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{stem}.ics"'
        return response
    if fmt == "json":
        body = json.dumps(selectors.exchange_format(trainee, first, last), indent=2)
        response = HttpResponse(body, content_type="application/json")
        response["Content-Disposition"] = f'attachment; filename="{stem}.json"'
        return response
    if fmt == "pdf":
        return _pdf_response(request, trainee, first, last, f"{stem}.pdf")
    from django.http import Http404

    raise Http404


def _pdf_response(request, trainee, first, last, filename):
    context = _report_context(trainee, first, last)
    context["chart"] = selectors.weekly_chart(
        trainee, today=last, weeks=min(26, max(4, (last - first).days // 7 + 1))
    )
    return pdf_response(render_pdf("worktime/report_pdf.html", context, request=request), filename)


# --- opt-out --------------------------------------------------------------------------------


@login_required
def opt_out(request):
    """The signed opt-out agreements: enter one, or withdraw it from a date."""
    trainee = _trainee(request)
    form = forms.OptOutForm(request.POST or None, instance=OptOutAgreement(trainee=trainee))
    if request.method == "POST" and form.is_valid():
        try:
            services.opt_out_save(agreement=form.instance, actor=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The opt-out agreement was recorded."))
            return redirect("worktime:opt_out")
    agreements = OptOutAgreement.objects.filter(trainee=trainee)
    return render(request, "worktime/opt_out.html", {"form": form, "agreements": agreements})


@login_required
def opt_out_edit(request, pk):
    """Change an opt-out record, typically to withdraw it from a date."""
    trainee = _trainee(request)
    agreement = get_scoped_or_404(OptOutAgreement.objects.filter(trainee=trainee), pk=pk)
    form = forms.OptOutForm(
        request.POST or None, instance=agreement, initial={"version": agreement.version}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.opt_out_save(
                agreement=form.instance,
                actor=request.user,
                expected_version=form.cleaned_data.get("version"),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The opt-out agreement was saved."))
            return redirect("worktime:opt_out")
    return render(
        request,
        "core/form.html",
        {
            "form": form,
            "title": _("Opt-out agreement"),
            "intro": _(
                "To withdraw the agreement, enter the date from which it no longer applies."
            ),
            "cancel_url": reverse("worktime:opt_out"),
            "delete_url": reverse("worktime:opt_out_delete", args=[agreement.pk]),
        },
    )


@login_required
@require_POST
def opt_out_delete(request, pk):
    trainee = _trainee(request)
    agreement = get_scoped_or_404(OptOutAgreement.objects.filter(trainee=trainee), pk=pk)
    services.opt_out_delete(agreement=agreement, actor=request.user)
    messages.success(request, _("The opt-out record was deleted."))
    return redirect("worktime:opt_out")


# --- minimum pay (BE) -----------------------------------------------------------------------

LINE_LABELS = {
    "base": _("Base pay, year of training %(year)s"),
    "overtime": _("Hours above 48 a week"),
    "night": _("Night premium (20–08 h)"),
    "weekend": _("Weekend and public-holiday premium"),
    "standby_weekday_day": _("Standby blocks of 12 h, weekdays 08–20 h"),
    "standby_other": _("Standby blocks of 12 h, other times"),
}


def pay_check_for(trainee, month: datetime.date, gross=None):
    """The minimum pay of a month and the comparison with the payslip (None without a table)."""
    table = PayTable.objects.filter(year=month.year).prefetch_related("bases").first()
    first, last = month_bounds(month)
    year = trainee.training_year_on(first) or 1
    base = None
    if table is not None:
        bases = {b.training_year: b.monthly_base for b in table.bases.all()}
        base = bases.get(year) or (bases[max(bases)] if bases else None)
    if table is None or base is None:
        return None, year
    rates = PayRates(
        monthly_base=base,
        hours_per_month=table.hours_per_month,
        overtime_rate=table.overtime_rate,
        night_rate=table.night_rate,
        weekend_rate=table.weekend_rate,
        standby_fee_weekday_day=table.standby_fee_weekday_day,
        standby_fee_other=table.standby_fee_other,
    )
    hours: MonthHours = selectors.month_hours(trainee, first)
    check = minimum_pay(rates, hours, gross)
    lines = [
        {
            "label": LINE_LABELS[line.key] % {"year": year}
            if line.key == "base"
            else LINE_LABELS[line.key],
            "line": line,
        }
        for line in check.lines
    ]
    return {"check": check, "lines": lines, "hours": hours, "table": table}, year


@login_required
def pay(request):
    """Minimum pay check (BE): the payslip's gross against what the registered hours entitle to."""
    trainee = _trainee(request)
    today = timezone.localdate()
    default_month = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    month_text = request.GET.get("month") or request.POST.get("month") or ""
    try:
        month = datetime.date.fromisoformat(month_text[:7] + "-01") if month_text else default_month
    except ValueError:
        month = default_month
    payslip = Payslip.objects.filter(trainee=trainee, month=month).first()
    form = forms.PayslipForm(
        request.POST or None,
        initial={"month": month, "gross": payslip.gross if payslip else None},
    )
    if request.method == "POST" and form.is_valid():
        services.payslip_save(
            trainee=trainee,
            actor=request.user,
            month=form.cleaned_data["month"],
            gross=form.cleaned_data["gross"],
            note=form.cleaned_data["note"],
        )
        messages.success(request, _("The payslip amount was saved."))
        return redirect(f"{reverse('worktime:pay')}?month={form.cleaned_data['month']:%Y-%m}")
    result, year = pay_check_for(trainee, month, payslip.gross if payslip else None)
    return render(
        request,
        "worktime/pay.html",
        {
            "form": form,
            "month": month,
            "payslip": payslip,
            "result": result,
            "training_year": year,
            "payslips": Payslip.objects.filter(trainee=trainee)[:12],
            "jurisdiction": services.settings_for(trainee).jurisdiction,
        },
    )


# --- sharing --------------------------------------------------------------------------------


@login_required
def shares(request):
    """Share the report of a period with a named person, and revoke shares."""
    trainee = _trainee(request)
    today = timezone.localdate()
    form = forms.ShareForm(
        request.POST or None,
        initial={"period_start": today - datetime.timedelta(days=90), "period_end": today},
    )
    if request.method == "POST" and form.is_valid():
        recipient = (
            get_user_model()
            .objects.filter(email__iexact=form.cleaned_data["recipient"], is_active=True)
            .first()
        )
        try:
            services.report_share_create(
                trainee=trainee,
                actor=request.user,
                recipient=recipient,
                period_start=form.cleaned_data["period_start"],
                period_end=form.cleaned_data["period_end"],
                message=form.cleaned_data["message"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The report is shared."))
            return redirect("worktime:shares")
    return render(
        request,
        "worktime/shares.html",
        {"form": form, "shares": selectors.active_shares(trainee)},
    )


@login_required
@require_POST
def share_revoke(request, pk):
    trainee = _trainee(request)
    share = get_scoped_or_404(selectors.active_shares(trainee), pk=pk)
    services.report_share_revoke(share=share, actor=request.user)
    messages.success(request, _("The share was revoked."))
    return redirect("worktime:shares")


@login_required
def shared_received(request):
    """Reports other ASO shared with me."""
    received = permissions.shares_visible_to(request.user).filter(recipient=request.user)
    return render(request, "worktime/shared_list.html", {"shares": received})


@login_required
def shared_report(request, pk):
    """One shared report, read-only; every read by the recipient is audited."""
    share = get_scoped_or_404(permissions.shares_visible_to(request.user), pk=pk)
    owner = share.trainee.user
    audit_read(
        actor=request.user,
        subject=owner,
        target=share,
        summary=f"worktime report {share.period_start}..{share.period_end}",
    )
    context = _report_context(share.trainee, share.period_start, share.period_end)
    context["share"] = share
    if request.GET.get("format") == "pdf":
        return _pdf_response(
            request,
            share.trainee,
            share.period_start,
            share.period_end,
            f"traject-worktime-{share.pk}.pdf",
        )
    return render(request, "worktime/shared_report.html", context)


# --- the ministry ---------------------------------------------------------------------------


@login_required
def statistics(request):
    """Aggregated anomaly statistics per hospital and specialty, groups of at least 5 ASO."""
    ensure(permissions.can_view_statistics(request.user))
    minimum = permissions.minimum_group_size()
    rows, hidden, used = selectors.ministry_statistics(minimum)
    table = [{"row": row, "cells": [row.shares[rule] for rule in used]} for row in rows]
    return render(
        request,
        "worktime/statistics.html",
        {"table": table, "rules": used, "hidden": hidden, "minimum": minimum},
    )
