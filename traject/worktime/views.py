"""Pages of the working-time registration: only the ASO sees their own; shares are read-only."""

import datetime
import json
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from traject.core.concurrency import ConflictError, version_from_request
from traject.core.forms import add_service_errors, carry_version
from traject.core.pdf import pdf_response, render_pdf

from . import forms, permissions, selectors, services, transfer
from .explanations import pay_line_label, violation_rows
from .models import Kind, LeaveDay, LeaveKind, OptOutAgreement, Payslip
from .timeutil import week_start

WEEKDAY_LABELS = [
    gettext_lazy("Monday"),
    gettext_lazy("Tuesday"),
    gettext_lazy("Wednesday"),
    gettext_lazy("Thursday"),
    gettext_lazy("Friday"),
    gettext_lazy("Saturday"),
    gettext_lazy("Sunday"),
]


def _trainee(request):
    """The signed-in ASO; any other role is refused (403)."""
    return permissions.registering_trainee(request.user)


def _parse_day(text, default: datetime.date) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text) if text else default
    except ValueError:
        return default


def _violation_rows(violations):
    return violation_rows(violations)


# --- the week -------------------------------------------------------------------------------


def _night_days(entries, zone) -> dict:
    """The day each entry is listed under: its own, except a call-out after midnight, which
    belongs to the night of the standby it lies in (listed under the evening that began it)."""
    standbys = [e for e in entries if e.kind == Kind.ONCALL_HOME_STANDBY]
    days = {}
    for e in entries:
        day = e.start.astimezone(zone).date()
        if e.kind == Kind.ONCALL_HOME_CALLOUT:
            for standby in standbys:
                if standby.start <= e.start and e.end <= standby.end:
                    day = max(standby.start.astimezone(zone).date(), day - datetime.timedelta(1))
                    break
        days[e.pk] = day
    return days


@login_required
def week(request, day=None):
    """The week view: every day with its entries, holidays, leave, counters and violations."""
    trainee = _trainee(request)
    settings_obj = services.settings_for(trainee)
    zone = settings_obj.zone
    today = timezone.localdate()
    monday = week_start(_parse_day(day, today))
    sunday = monday + datetime.timedelta(days=6)
    report = selectors.read_period_report(trainee, monday, sunday)
    counters = selectors.counters(
        trainee, today=monday if monday != week_start(today) else today, report=report
    )
    entries = list(selectors.entries_between(trainee, monday, sunday))
    leave = {d.date: d for d in selectors.leave_between(trainee, monday, sunday)}
    holidays = selectors.public_holidays(settings_obj.jurisdiction, monday, sunday)
    listed_on = _night_days(entries, zone)
    days = []
    for offset in range(7):
        date = monday + datetime.timedelta(days=offset)
        day_entries = []
        for e in entries:
            start = e.start.astimezone(zone)
            if listed_on[e.pk] != date:
                continue
            end = e.end.astimezone(zone)
            day_entries.append(
                {
                    "obj": e,
                    "start": start,
                    "end": end,
                    "next_day": end.date() > date,
                    "after_midnight": start.date() > date,
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


def _attach_offer(trainee, form, zone, exclude_pks=()):
    """For a refused call-out outside every standby: the same call-out inside the standby it
    most likely belongs to, as the fields of a one-tap form (or None)."""
    data = getattr(form, "cleaned_data", None) or {}
    if not form.errors or data.get("kind") != Kind.ONCALL_HOME_CALLOUT or "start" not in data:
        return None
    found = services.callout_suggestion(trainee, data["start"], data["end"], exclude_pks)
    if found is None:
        return None
    standby, start, end = found
    start, end = start.astimezone(zone), end.astimezone(zone)
    return {
        "standby": services.describe(standby, trainee),
        "start": start,
        "fields": {
            "day": start.date().isoformat(),
            "start_time": start.strftime("%H:%M"),
            "end_time": end.strftime("%H:%M"),
            "kind": Kind.ONCALL_HOME_CALLOUT,
            "note": data.get("note", ""),
            "version": data.get("version") or "",
        },
    }


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
                restrictive=form.cleaned_data["restrictive"],
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
            "attach": _attach_offer(trainee, form, zone),
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
    entry = permissions.entry_for(request.user, pk)
    trainee = entry.trainee
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
            "restrictive": entry.restrictive,
            "note": entry.note,
        },
    )
    carry_version(form, entry)
    if request.method == "POST" and form.is_valid():
        try:
            services.time_entry_update(
                entry=entry,
                actor=request.user,
                start=form.cleaned_data["start"],
                end=form.cleaned_data["end"],
                kind=form.cleaned_data["kind"],
                note=form.cleaned_data["note"],
                restrictive=form.cleaned_data["restrictive"],
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
            "attach": _attach_offer(trainee, form, zone, exclude_pks=[entry.pk]),
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
    entry = permissions.entry_for(request.user, pk)
    trainee = entry.trainee
    monday = week_start(entry.start.astimezone(services.settings_for(trainee).zone).date())
    version = version_from_request(request, request.POST.get("version"))
    try:
        services.time_entry_delete(entry=entry, actor=request.user, expected_version=version)
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
    return _leave_page(request, trainee, form)


def _leave_page(request, trainee, form, *, status=200):
    upcoming = LeaveDay.objects.filter(
        trainee=trainee, date__gte=timezone.localdate() - datetime.timedelta(days=90)
    ).order_by("date")[:60]
    return render(
        request, "worktime/leave.html", {"form": form, "leave_days": upcoming}, status=status
    )


@login_required
@require_POST
def leave_delete(request, pk):
    leave_day = permissions.leave_day_for(request.user, pk)
    monday = week_start(leave_day.date)
    version = version_from_request(request, request.POST.get("version"))
    try:
        services.leave_day_delete(leave_day=leave_day, actor=request.user, expected_version=version)
    except ConflictError as exc:
        # Nothing is lost: the marked days as they are now, with the reason, to decide again.
        messages.error(request, exc.messages[0])
        day = leave_day.date
        form = forms.LeaveForm(
            initial={"first": day, "last": day, "kind": leave_day.kind, "weekdays_only": True}
        )
        return _leave_page(request, leave_day.trainee, form, status=409)
    messages.success(request, _("The leave day was removed."))
    return redirect("worktime:week_of", day=monday.isoformat())


@login_required
def settings_view(request):
    """Choose the rules (BE, NL, EU, US), the time zone and the start of the averaging blocks."""
    trainee = _trainee(request)
    obj = services.settings_for(trainee)
    form = forms.SettingsForm(request.POST or None, instance=obj)
    carry_version(form, obj)
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
        # Read at most one byte past the limit: the parser refuses it with a clear message.
        candidates = transfer.parse_upload(
            upload.name, upload.read(transfer.MAX_IMPORT_BYTES + 1), zone
        )
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
    agreement = permissions.opt_out_for(request.user, pk)
    form = forms.OptOutForm(request.POST or None, instance=agreement)
    carry_version(form, agreement)
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
    return _opt_out_page(request, agreement, form)


def _opt_out_page(request, agreement, form, *, status=200):
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
            "delete_version": agreement.version,
        },
        status=status,
    )


@login_required
@require_POST
def opt_out_delete(request, pk):
    agreement = permissions.opt_out_for(request.user, pk)
    version = version_from_request(request, request.POST.get("version"))
    try:
        services.opt_out_delete(agreement=agreement, actor=request.user, expected_version=version)
    except ConflictError as exc:
        # Nothing is lost: the agreement as it is now, with the reason, to decide again.
        agreement.refresh_from_db()
        messages.error(request, exc.messages[0])
        form = forms.OptOutForm(instance=agreement)
        carry_version(form, agreement)
        return _opt_out_page(request, agreement, form, status=409)
    messages.success(request, _("The opt-out record was deleted."))
    return redirect("worktime:opt_out")


# --- minimum pay (BE) -----------------------------------------------------------------------


def pay_check_for(trainee, month: datetime.date, gross=None):
    """The minimum pay of a month and the comparison with the payslip (None without a table)."""
    check, hours, year, table = selectors.month_pay_check(trainee, month, gross)
    if check is None:
        return None, year
    lines = [
        {
            "label": pay_line_label(line.key, year),
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
    share = permissions.own_share_for(request.user, pk)
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
    share = permissions.shared_report_for(request.user, pk)
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


STATISTICS_PER_PAGE = 50


@login_required
def statistics(request):
    """Aggregated anomaly statistics per hospital and specialty, groups of at least 5 ASO.

    The groups (968 on the national world) come in pages of ``STATISTICS_PER_PAGE`` with the
    totals of the whole filtered set; ``?q=`` keeps the groups whose hospital or specialty
    contains the text. ``?format=csv`` streams every filtered group (not one page), with its
    headers in the reader's language.
    """
    from django.core.paginator import Paginator

    from traject.core.csvexport import csv_streaming_response

    from .explanations import title

    minimum = permissions.statistics_group_size_for(request.user)
    rows, hidden, used = selectors.ministry_statistics(minimum)
    query = request.GET.get("q", "")[:100].strip()
    if query:
        needle = query.casefold()
        rows = [
            row
            for row in rows
            if needle in (row.hospital or "").casefold()
            or needle in (row.specialty or "").casefold()
        ]
    columns = [{"rule": rule, "title": title(rule)} for rule in used]
    if request.GET.get("format") == "csv":
        header = [_("Hospital"), _("Specialty"), _("ASO"), _("With a violation")]
        header += [f"{c['title']} (%) [{c['rule']}]" for c in columns]
        body = (
            [row.hospital, row.specialty, row.trainees, row.with_violation]
            + [number_format(row.shares[rule]) for rule in used]
            for row in rows
        )
        return csv_streaming_response("working-time-anomalies.csv", [header, *body], bom=True)
    page = Paginator(rows, STATISTICS_PER_PAGE).get_page(request.GET.get("page"))

    # The rows are built here, not by template loops with number formatting in every cell (50
    # rows x a dozen rules a page): whole percentages and numbers under a thousand read alike in
    # every language. The names are escaped; the rest are numbers.
    def whole(n: int) -> str:
        return escape(number_format(n)) if n >= 1000 else str(int(n))

    table = [
        mark_safe(  # noqa: S308 - names escaped above, every other cell a number
            f"<tr><td>{escape(row.hospital)}</td><td>{escape(row.specialty)}</td>"
            f'<td class="num-cell">{whole(row.trainees)}</td>'
            f'<td class="num-cell">{whole(row.with_violation)}</td>'
            + "".join(f'<td class="num-cell">{int(row.shares[rule])} %</td>' for rule in used)
            + "</tr>"
        )
        for row in page.object_list
    ]
    return render(
        request,
        "worktime/statistics.html",
        {
            "table": table,
            "page": page,
            "query": query,
            "totals": {
                "groups": len(rows),
                "trainees": sum(row.trainees for row in rows),
                "with_violation": sum(row.with_violation for row in rows),
            },
            "csv_query": urlencode({"format": "csv", **({"q": query} if query else {})}),
            "rules": used,
            "columns": columns,
            "hidden": hidden,
            "minimum": minimum,
        },
    )
