"""Writes of the working-time registration. Every view, endpoint and import goes through here."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from traject.audit.models import AuditEvent
from traject.audit.services import audit_record
from traject.core.concurrency import save_versioned
from traject.core.notifications import notify

from . import permissions
from .models import (
    STANDBY,
    LeaveDay,
    OptOutAgreement,
    Payslip,
    ReportShare,
    TimeEntry,
    WorktimeSettings,
)
from .timeutil import shift_local, week_start

# --- settings -------------------------------------------------------------------------------


def settings_for(trainee) -> WorktimeSettings:
    """Return the ASO's settings, creating the defaults (BE, Europe/Brussels) on first use."""
    existing = getattr(trainee, "_worktime_settings_cache", None)
    if existing is not None:
        return existing
    obj, _created = WorktimeSettings.objects.get_or_create(trainee=trainee)
    trainee._worktime_settings_cache = obj
    return obj


def worktime_settings_update(
    *, trainee, actor, jurisdiction: str, timezone_name: str, reference_start, expected_version=None
) -> WorktimeSettings:
    """Change the rules, time zone or block alignment of an ASO's registration."""
    _ensure_owner(actor, trainee)
    obj = settings_for(trainee)
    obj.jurisdiction = jurisdiction
    obj.timezone = timezone_name
    obj.reference_start = reference_start
    with transaction.atomic():
        save_versioned(obj, expected_version=expected_version)
        audit_record(actor=actor, action=AuditEvent.Action.UPDATE, target=obj, subject=actor)
    trainee._worktime_settings_cache = obj
    _after_change(trainee)
    return obj


# --- time entries ---------------------------------------------------------------------------


def _ensure_owner(actor, trainee) -> None:
    if not permissions.can_register(actor, trainee):
        raise PermissionDenied


def _overlap_errors(trainee, candidates: list[TimeEntry], exclude_pks: Iterable[int] = ()):
    """Yield (candidate index, message) for every clash the engine would refuse.

    Two counted entries may not overlap, nor two standbys; a call-out inside a standby is fine.
    """
    if not candidates:
        return
    lo = min(c.start for c in candidates)
    hi = max(c.end for c in candidates)
    existing = list(
        TimeEntry.objects.filter(trainee=trainee, start__lt=hi, end__gt=lo).exclude(
            pk__in=list(exclude_pks)
        )
    )
    pool = [(e, None) for e in existing] + [(c, i) for i, c in enumerate(candidates)]
    pool.sort(key=lambda pair: pair[0].start)
    for group_is_standby in (False, True):
        last = None
        for entry, index in pool:
            if (entry.kind == STANDBY) != group_is_standby:
                continue
            if last is not None and entry.start < last[0].end:
                culprit = index if index is not None else last[1]
                other = last[0] if index is not None else entry
                if culprit is not None:
                    yield culprit, _("It overlaps %(other)s.") % {"other": describe(other, trainee)}
            if last is None or entry.end > last[0].end:
                last = (entry, index)


def describe(entry: TimeEntry, trainee) -> str:
    """Say an entry in local time: 'Planned work 06-01-2025 08:00 – 20:00'."""
    zone = settings_for(trainee).zone
    start = entry.start.astimezone(zone)
    end = entry.end.astimezone(zone)
    end_text = f"{end:%H:%M}" if end.date() == start.date() else f"{end:%d-%m-%Y %H:%M}"
    return f"{entry.get_kind_display()} {start:%d-%m-%Y %H:%M} – {end_text}"


def _validate_entries(trainee, entries: list[TimeEntry], exclude_pks=()) -> dict[int, list[str]]:
    errors: dict[int, list[str]] = {}
    for i, entry in enumerate(entries):
        try:
            entry.full_clean(exclude=["trainee", "version"])
        except ValidationError as exc:
            errors.setdefault(i, []).extend(exc.messages)
    if not errors:
        for i, message in _overlap_errors(trainee, entries, exclude_pks):
            errors.setdefault(i, []).append(message)
    return errors


def time_entry_create(*, trainee, actor, start, end, kind, note: str = "") -> TimeEntry:
    """Register one entry; a clash with another entry is refused with the entry it meets."""
    _ensure_owner(actor, trainee)
    entry = TimeEntry(trainee=trainee, start=start, end=end, kind=kind, note=note)
    with transaction.atomic():
        errors = _validate_entries(trainee, [entry])
        if errors:
            raise ValidationError(errors[0])
        entry.save()
        audit_record(actor=actor, action=AuditEvent.Action.CREATE, target=entry, subject=actor)
    _after_change(trainee)
    return entry


def time_entry_update(
    *, entry: TimeEntry, actor, start, end, kind, note: str = "", expected_version=None
) -> TimeEntry:
    """Change an entry unless someone (another tab, the app) changed it meanwhile."""
    trainee = entry.trainee
    _ensure_owner(actor, trainee)
    entry.start, entry.end, entry.kind, entry.note = start, end, kind, note
    with transaction.atomic():
        errors = _validate_entries(trainee, [entry], exclude_pks=[entry.pk])
        if errors:
            raise ValidationError(errors[0])
        save_versioned(entry, expected_version=expected_version)
        audit_record(actor=actor, action=AuditEvent.Action.UPDATE, target=entry, subject=actor)
    _after_change(trainee)
    return entry


def time_entry_delete(*, entry: TimeEntry, actor, expected_version=None) -> None:
    """Delete an entry (refused when it changed since it was shown)."""
    trainee = entry.trainee
    _ensure_owner(actor, trainee)
    with transaction.atomic():
        current = TimeEntry.objects.select_for_update().filter(pk=entry.pk).first()
        if current is None:
            return
        if expected_version is not None and current.version != expected_version:
            from traject.core.concurrency import ConflictError

            raise ConflictError(
                _("Someone else changed this in the meantime. Reload the page and try again."),
                code="conflict",
            )
        audit_record(actor=actor, action=AuditEvent.Action.DELETE, target=entry, subject=actor)
        current.delete()
    _after_change(trainee)


@dataclass
class BulkResult:
    """What a bulk write did, or why it did nothing: ``failures`` are (line, message)."""

    created: list = field(default_factory=list)
    leave_days: list = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures


@dataclass
class Candidate:
    """One parsed line of an import: a timed entry or a leave day, with its line label."""

    line: str
    entry: TimeEntry | None = None
    leave: LeaveDay | None = None
    error: str = ""


def time_entries_bulk_create(*, trainee, actor, candidates: list[Candidate]) -> BulkResult:
    """Create all entries and leave days, or none: the result names every line that failed."""
    _ensure_owner(actor, trainee)
    result = BulkResult()
    for c in candidates:
        if c.error:
            result.failures.append((c.line, c.error))
    timed = [c for c in candidates if c.entry is not None and not c.error]
    for c in timed:
        c.entry.trainee = trainee
    leaves = [c for c in candidates if c.leave is not None and not c.error]
    with transaction.atomic():
        errors = _validate_entries(trainee, [c.entry for c in timed])
        for i, messages in sorted(errors.items()):
            result.failures.append((timed[i].line, " ".join(messages)))
        seen: dict[datetime.date, str] = {}
        taken = set(
            LeaveDay.objects.filter(
                trainee=trainee, date__in=[c.leave.date for c in leaves]
            ).values_list("date", flat=True)
        )
        for c in leaves:
            if c.leave.date in seen:
                result.failures.append(
                    (
                        c.line,
                        _("The same day is also on line %(line)s.") % {"line": seen[c.leave.date]},
                    )
                )
            elif c.leave.date in taken:
                result.failures.append((c.line, _("This day is already marked as leave.")))
            seen.setdefault(c.leave.date, c.line)
        if not candidates:
            result.failures.append(("-", _("The file holds no entries.")))
        if result.failures:
            result.failures.sort(key=lambda f: _line_sort_key(f[0]))
            return result
        result.created = TimeEntry.objects.bulk_create([c.entry for c in timed])
        for c in leaves:
            c.leave.trainee = trainee
        result.leave_days = LeaveDay.objects.bulk_create([c.leave for c in leaves])
        audit_record(
            actor=actor,
            action=AuditEvent.Action.CREATE,
            target=trainee,
            subject=actor,
            summary=f"worktime import: {len(result.created)} entries, {len(result.leave_days)} leave days",
        )
    _after_change(trainee)
    return result


def _line_sort_key(line: str):
    return (0, int(line)) if str(line).isdigit() else (1, str(line))


def _copy_entries(trainee, sources: list[TimeEntry], days: int) -> list[TimeEntry]:
    zone = settings_for(trainee).zone
    return [
        TimeEntry(
            trainee=trainee,
            start=shift_local(e.start, days, zone),
            end=shift_local(e.end, days, zone),
            kind=e.kind,
            note=e.note,
        )
        for e in sources
    ]


def _entries_in_week(trainee, monday: datetime.date) -> list[TimeEntry]:
    from .timeutil import local_midnight

    zone = settings_for(trainee).zone
    lo = local_midnight(monday, zone)
    hi = local_midnight(monday + datetime.timedelta(days=7), zone)
    return list(TimeEntry.objects.filter(trainee=trainee, start__gte=lo, start__lt=hi))


def week_copy_previous(*, trainee, actor, week: datetime.date) -> BulkResult:
    """Copy the entries of the week before into this week (same local times), all or nothing."""
    monday = week_start(week)
    sources = _entries_in_week(trainee, monday - datetime.timedelta(days=7))
    if not sources:
        result = BulkResult()
        result.failures.append(("-", _("The week before has no entries to copy.")))
        return result
    return _bulk_from_sources(trainee, actor, sources, [7])


def week_repeat(*, trainee, actor, week: datetime.date, times: int) -> BulkResult:
    """Repeat the roster of this week over the next ``times`` weeks, all or nothing."""
    if not 1 <= times <= 52:
        raise ValidationError(_("Repeat a week 1 to 52 times."))
    monday = week_start(week)
    sources = _entries_in_week(trainee, monday)
    if not sources:
        result = BulkResult()
        result.failures.append(("-", _("This week has no entries to repeat.")))
        return result
    return _bulk_from_sources(trainee, actor, sources, [7 * n for n in range(1, times + 1)])


def _bulk_from_sources(trainee, actor, sources, shifts: list[int]) -> BulkResult:
    candidates = []
    zone = settings_for(trainee).zone
    for days in shifts:
        for copy in _copy_entries(trainee, sources, days):
            label = f"{copy.start.astimezone(zone):%d-%m-%Y %H:%M}"
            candidates.append(Candidate(line=label, entry=copy))
    return time_entries_bulk_create(trainee=trainee, actor=actor, candidates=candidates)


# --- leave ----------------------------------------------------------------------------------


def leave_days_mark(
    *, trainee, actor, first: datetime.date, last: datetime.date, kind: str, weekdays_only=True
) -> list[LeaveDay]:
    """Mark the days from ``first`` to ``last`` as leave (replacing the kind of marked days)."""
    _ensure_owner(actor, trainee)
    if last < first:
        raise ValidationError({"last": _("The last day lies before the first day.")})
    if (last - first).days > 366:
        raise ValidationError({"last": _("Mark at most one year at a time.")})
    days = []
    day = first
    while day <= last:
        if not weekdays_only or day.weekday() < 5:
            days.append(day)
        day += datetime.timedelta(days=1)
    with transaction.atomic():
        marked = []
        for d in days:
            obj, _created = LeaveDay.objects.update_or_create(
                trainee=trainee, date=d, defaults={"kind": kind}
            )
            obj.full_clean()
            marked.append(obj)
        audit_record(
            actor=actor,
            action=AuditEvent.Action.CREATE,
            target=trainee,
            subject=actor,
            summary=f"worktime leave {kind} {first}..{last}: {len(marked)} days",
        )
    _after_change(trainee)
    return marked


def leave_day_delete(*, leave_day: LeaveDay, actor) -> None:
    """Unmark a leave day."""
    trainee = leave_day.trainee
    _ensure_owner(actor, trainee)
    with transaction.atomic():
        audit_record(actor=actor, action=AuditEvent.Action.DELETE, target=leave_day, subject=actor)
        leave_day.delete()
    _after_change(trainee)


# --- opt-out --------------------------------------------------------------------------------


def opt_out_save(*, agreement: OptOutAgreement, actor, expected_version=None) -> OptOutAgreement:
    """Record (or change, e.g. withdraw) a signed opt-out agreement; periods may not overlap."""
    _ensure_owner(actor, agreement.trainee)
    created = agreement.pk is None
    with transaction.atomic():
        others = OptOutAgreement.objects.filter(trainee=agreement.trainee).exclude(pk=agreement.pk)
        for other in others:
            a_end = agreement.withdrawn_from or datetime.date.max
            o_end = other.withdrawn_from or datetime.date.max
            if agreement.signed_on < o_end and other.signed_on < a_end:
                raise ValidationError(
                    _("This period overlaps the agreement signed on %(date)s.")
                    % {"date": other.signed_on.strftime("%d-%m-%Y")}
                )
        save_versioned(agreement, expected_version=expected_version)
        audit_record(
            actor=actor,
            action=AuditEvent.Action.CREATE if created else AuditEvent.Action.UPDATE,
            target=agreement,
            subject=actor,
        )
    _after_change(agreement.trainee)
    return agreement


def opt_out_delete(*, agreement: OptOutAgreement, actor) -> None:
    """Remove an opt-out record entered by mistake (a withdrawal keeps the history instead)."""
    _ensure_owner(actor, agreement.trainee)
    with transaction.atomic():
        audit_record(actor=actor, action=AuditEvent.Action.DELETE, target=agreement, subject=actor)
        agreement.delete()
    _after_change(agreement.trainee)


# --- payslips -------------------------------------------------------------------------------


def payslip_save(*, trainee, actor, month: datetime.date, gross, note="") -> Payslip:
    """Record the gross pay of a month's payslip (one per month; a new amount replaces it)."""
    _ensure_owner(actor, trainee)
    month = month.replace(day=1)
    with transaction.atomic():
        obj = Payslip.objects.filter(trainee=trainee, month=month).first()
        created = obj is None
        if obj is None:
            obj = Payslip(trainee=trainee, month=month)
        obj.gross = gross
        obj.note = note
        save_versioned(obj, expected_version=None)
        audit_record(
            actor=actor,
            action=AuditEvent.Action.CREATE if created else AuditEvent.Action.UPDATE,
            target=obj,
            subject=actor,
        )
    return obj


# --- sharing --------------------------------------------------------------------------------


def report_share_create(
    *, trainee, actor, recipient, period_start, period_end, message=""
) -> ReportShare:
    """Share the report of one period with one named person, and tell them by e-mail."""
    _ensure_owner(actor, trainee)
    if recipient is None or not recipient.is_active:
        raise ValidationError(
            {"recipient": _("There is no active Traject user with this address.")}
        )
    if recipient.pk == actor.pk:
        raise ValidationError({"recipient": _("You can always see your own report.")})
    share = ReportShare(
        trainee=trainee,
        recipient=recipient,
        period_start=period_start,
        period_end=period_end,
        message=message,
    )
    with transaction.atomic():
        share.full_clean()
        share.save()
        audit_record(
            actor=actor,
            action=AuditEvent.Action.CREATE,
            target=share,
            subject=actor,
            summary=f"shared worktime report {period_start}..{period_end} with {recipient.email}",
        )
        notify(
            user=recipient,
            subject_template="worktime/email/share_subject.txt",
            body_template="worktime/email/share_body.txt",
            context={
                "owner": str(actor),
                "period_start": period_start.isoformat(),
                "period_end": period_end.isoformat(),
                "share_id": share.pk,
                "message": message,
            },
        )
    return share


def report_share_revoke(*, share: ReportShare, actor) -> ReportShare:
    """Stop sharing: the recipient can no longer open the report."""
    _ensure_owner(actor, share.trainee)
    if share.revoked_at is None:
        with transaction.atomic():
            share.revoked_at = timezone.now()
            share.save(update_fields=["revoked_at"])
            audit_record(
                actor=actor,
                action=AuditEvent.Action.UPDATE,
                target=share,
                subject=actor,
                summary="revoked",
            )
    return share


# --- after each change ----------------------------------------------------------------------


def _after_change(trainee) -> None:
    """Refresh the ASO's compliance summary (feeds the ministry's aggregated statistics)."""
    from .selectors import refresh_summary

    transaction.on_commit(lambda: refresh_summary(trainee))
