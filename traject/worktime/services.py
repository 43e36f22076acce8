"""Writes of the working-time registration. Every view, endpoint and import goes through here."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from traject.audit.models import AuditEvent
from traject.audit.services import audit_record
from traject.core.concurrency import save_versioned
from traject.core.notifications import notify

from . import permissions, selectors
from .models import (
    STANDBY,
    ComplianceSummary,
    Kind,
    LeaveDay,
    OptOutAgreement,
    Payslip,
    ReportShare,
    TimeEntry,
    WorktimeSettings,
)
from .selectors import settings_for
from .timeutil import shift_local, week_start

# --- settings -------------------------------------------------------------------------------


def worktime_settings_update(
    *, trainee, actor, jurisdiction: str, timezone_name: str, reference_start, expected_version=None
) -> WorktimeSettings:
    """Change the rules, time zone or block alignment of an ASO's registration."""
    _ensure_owner(actor, trainee)
    obj = settings_for(trainee)
    obj.jurisdiction = jurisdiction
    obj.timezone = timezone_name
    obj.reference_start = reference_start
    obj.full_clean(exclude=["trainee", "version"])
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
    # A restrictive standby is working time (BE): only a call-out wholly inside may share it.
    for standby, s_index in pool:
        if not standby.restrictive:
            continue
        for entry, index in pool:
            if entry.kind == STANDBY or entry.end <= standby.start or entry.start >= standby.end:
                continue
            inside = entry.start >= standby.start and entry.end <= standby.end
            if entry.kind == Kind.ONCALL_HOME_CALLOUT and inside:
                continue
            culprit, other = (index, standby) if index is not None else (s_index, entry)
            if culprit is not None:
                yield (
                    culprit,
                    _("It overlaps the restrictive standby %(other)s.")
                    % {"other": describe(other, trainee)},
                )


def describe(entry: TimeEntry, trainee) -> str:
    """Say an entry in local time: 'Planned work 06-01-2025 08:00 – 20:00'."""
    zone = settings_for(trainee).zone
    start = entry.start.astimezone(zone)
    end = entry.end.astimezone(zone)
    end_text = (
        f"{end:%H:%M}"
        if end.date() == start.date()
        else date_format(end.replace(tzinfo=None), "SHORT_DATETIME_FORMAT")
    )
    return (
        f"{entry.get_kind_display()} "
        f"{date_format(start.replace(tzinfo=None), 'SHORT_DATETIME_FORMAT')} – {end_text}"
    )


CALLOUT = Kind.ONCALL_HOME_CALLOUT


def _standby_around(trainee, start, end, candidates=(), exclude_pks=()):
    """The standby (stored or among ``candidates``) that holds the whole of start–end, or None."""
    for c in candidates:
        if c.kind == STANDBY and c.start <= start and end <= c.end:
            return c
    return (
        TimeEntry.objects.filter(trainee=trainee, kind=STANDBY, start__lte=start, end__gte=end)
        .exclude(pk__in=list(exclude_pks))
        .first()
    )


def callout_suggestion(trainee, start, end, exclude_pks=()):
    """Where a call-out outside every standby most likely belongs: (standby, start, end) or None.

    A call-out entered after midnight on the day the standby began (03:00 on Friday for the
    standby of Friday evening) lands a day early; one day later it lies inside that standby.
    """
    for days in (1, -1):
        shift = datetime.timedelta(days=days)
        standby = _standby_around(trainee, start + shift, end + shift, exclude_pks=exclude_pks)
        if standby is not None:
            return standby, start + shift, end + shift
    return None


def _callout_errors(trainee, candidates: list[TimeEntry], exclude_pks=()):
    """Yield (index, message) for a call-out that lies outside every standby at home."""
    for i, c in enumerate(candidates):
        if c.kind != CALLOUT or _standby_around(trainee, c.start, c.end, candidates, exclude_pks):
            continue
        message = _(
            "A call-out happens during a standby at home, and no standby covers %(entry)s. "
            "Register the standby first, or put the call-out inside it."
        ) % {"entry": describe(c, trainee)}
        suggestion = callout_suggestion(trainee, c.start, c.end, exclude_pks)
        if suggestion is not None:
            message = _(
                "A call-out happens during a standby at home, and no standby covers %(entry)s. "
                "It probably belongs to the standby %(standby)s: after midnight is the next day."
            ) % {"entry": describe(c, trainee), "standby": describe(suggestion[0], trainee)}
        yield i, message


OVERLAP_CONSTRAINTS = (
    "worktime_no_overlapping_counted_entries",
    "worktime_no_overlapping_standbys",
)


def _lock_registration(trainee) -> None:
    """Serialise the writes of one ASO's registration until the transaction ends.

    The overlap check reads, then writes: two saves of the same slot at once (a double tap,
    two tabs) must not both pass it. On PostgreSQL this locks the trainee row (``FOR NO KEY
    UPDATE``: rows of other tables that point at the trainee can still be inserted); on
    SQLite every write transaction begins IMMEDIATE (settings), which already serialises.
    The exclusion constraints of migration 0006 are the backstop on PostgreSQL.
    """
    from traject.organisation.models import Trainee

    list(Trainee.objects.select_for_update(no_key=True).filter(pk=trainee.pk).values_list("pk"))


def _is_overlap_violation(exc: IntegrityError) -> bool:
    text = str(exc)
    return any(name in text for name in OVERLAP_CONSTRAINTS)


def _overlap_refused(trainee, entries: list[TimeEntry], exclude_pks=()) -> ValidationError:
    """The clear message for a save the database refused as an overlap."""
    for _index, message in _overlap_errors(trainee, entries, exclude_pks):
        return ValidationError([message], code="overlap")
    return ValidationError(
        [_("It overlaps another of your entries. Reload the page to see it.")], code="overlap"
    )


def _guarded(trainee, entries: list[TimeEntry], save, exclude_pks=()):
    """Run ``save`` in a savepoint; an exclusion-constraint refusal becomes a ValidationError."""
    try:
        with transaction.atomic():
            return save()
    except IntegrityError as exc:
        if not _is_overlap_violation(exc):
            raise
        raise _overlap_refused(trainee, entries, exclude_pks) from exc


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
    if not errors:
        for i, message in _callout_errors(trainee, entries, exclude_pks):
            errors.setdefault(i, []).append(message)
    return errors


def time_entry_create(
    *, trainee, actor, start, end, kind, note: str = "", restrictive: bool = False
) -> TimeEntry:
    """Register one entry; a clash with another entry is refused with the entry it meets."""
    _ensure_owner(actor, trainee)
    entry = TimeEntry(
        trainee=trainee, start=start, end=end, kind=kind, note=note, restrictive=restrictive
    )
    with transaction.atomic():
        _lock_registration(trainee)
        errors = _validate_entries(trainee, [entry])
        if errors:
            raise ValidationError(errors[0])
        _guarded(trainee, [entry], entry.save)
        audit_record(actor=actor, action=AuditEvent.Action.CREATE, target=entry, subject=actor)
    _after_change(trainee)
    return entry


def time_entry_update(
    *,
    entry: TimeEntry,
    actor,
    start,
    end,
    kind,
    note: str = "",
    expected_version=None,
    restrictive: bool = False,
) -> TimeEntry:
    """Change an entry unless someone (another tab, the app) changed it meanwhile."""
    trainee = entry.trainee
    _ensure_owner(actor, trainee)
    entry.start, entry.end, entry.kind, entry.note = start, end, kind, note
    entry.restrictive = restrictive
    with transaction.atomic():
        _lock_registration(trainee)
        errors = _validate_entries(trainee, [entry], exclude_pks=[entry.pk])
        if errors:
            raise ValidationError(errors[0])
        _guarded(
            trainee,
            [entry],
            lambda: save_versioned(entry, expected_version=expected_version),
            exclude_pks=[entry.pk],
        )
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
        _lock_registration(trainee)
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
        entries = [c.entry for c in timed]
        try:
            result.created = _guarded(
                trainee, entries, lambda: TimeEntry.objects.bulk_create(entries)
            )
        except ValidationError as exc:
            result.failures.append(("-", " ".join(exc.messages)))
            return result
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
            restrictive=e.restrictive,
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
            label = date_format(
                copy.start.astimezone(zone).replace(tzinfo=None), "SHORT_DATETIME_FORMAT"
            )
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
            obj = LeaveDay.objects.select_for_update().filter(trainee=trainee, date=d).first()
            if obj is None:
                obj = LeaveDay(trainee=trainee, date=d, kind=kind)
                obj.full_clean()
                obj.save()
            elif obj.kind != kind:  # a changed day is a new version (a stale delete is refused)
                obj.kind = kind
                obj.version += 1
                obj.full_clean()
                obj.save(update_fields=["kind", "version"])
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


def leave_day_delete(*, leave_day: LeaveDay, actor, expected_version: int) -> None:
    """Unmark a leave day (refused, 409, when its kind changed since the ASO saw it)."""
    from traject.core.concurrency import delete_versioned

    trainee = leave_day.trainee
    _ensure_owner(actor, trainee)
    with transaction.atomic():
        audit_record(actor=actor, action=AuditEvent.Action.DELETE, target=leave_day, subject=actor)
        delete_versioned(leave_day, expected_version=expected_version)
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
                    % {"date": date_format(other.signed_on, "SHORT_DATE_FORMAT")}
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


def opt_out_delete(*, agreement: OptOutAgreement, actor, expected_version: int) -> None:
    """Remove an opt-out record entered by mistake (a withdrawal keeps the history instead);
    refused (409) when it changed since the ASO saw it."""
    from traject.core.concurrency import delete_versioned

    _ensure_owner(actor, agreement.trainee)
    with transaction.atomic():
        audit_record(actor=actor, action=AuditEvent.Action.DELETE, target=agreement, subject=actor)
        delete_versioned(agreement, expected_version=expected_version)
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
    """Refresh the ASO's compliance summary (the ministry's statistics, the ASO's own pages).

    The stored figures stop counting at once (a new generation), and are computed again once
    the change is committed: a page read in between runs the engine itself.
    """
    from django.db.models import F

    ComplianceSummary.objects.filter(trainee=trainee).update(generation=F("generation") + 1)
    selectors.forget_summary(trainee)
    transaction.on_commit(lambda: compliance_summary_refresh(trainee=trainee))


def compliance_summary_refresh(*, trainee, today: datetime.date | None = None) -> list:
    """Record which rules the ASO's last 12 months break; return those violations.

    A system write (no acting person): it runs after each change of the ASO's registration
    and daily. It stores the rule ids, read in aggregate by the ministry's statistics, and the
    engine's figures (weeks, blocks, violations) that the ASO's own dashboard and week view
    read, so that a page never runs the engine. Figures of a registration that changed while
    they were computed (another generation) are not stored: that change's refresh follows.
    """
    today = today or timezone.localdate()
    generation = (
        ComplianceSummary.objects.filter(trainee=trainee)
        .values_list("generation", flat=True)
        .first()
    )
    first, violations, has_entries, figures = selectors.evaluate_for_summary(trainee, today)
    values = {
        "period_start": first,
        "period_end": today,
        "violated_rules": sorted({v.rule for v in violations}),
        "has_entries": has_entries,
        "updated_at": timezone.now(),
        "figures": {**figures, "generation": generation or 0},
    }
    if generation is None:
        try:
            with transaction.atomic():
                ComplianceSummary.objects.create(trainee=trainee, generation=0, **values)
        except IntegrityError:
            pass  # a concurrent refresh created it; the newer one wins
    else:
        # A refresh moves the generation on too (the figures carry the new one): the ministry's
        # statistics are cached under the sum of the generations.
        values["figures"]["generation"] = generation + 1
        ComplianceSummary.objects.filter(trainee=trainee, generation=generation).update(
            generation=generation + 1, **values
        )
    selectors.forget_summary(trainee)
    return violations


def compliance_summaries_refresh_stale(*, today: datetime.date | None = None) -> int:
    """Move on the period of every summary not yet refreshed today (the daily job)."""
    from traject.organisation.models import Trainee

    today = today or timezone.localdate()
    stale = Trainee.objects.filter(compliance_summary__period_end__lt=today).select_related("user")
    count = 0
    for trainee in stale.iterator(chunk_size=500):
        compliance_summary_refresh(trainee=trainee, today=today)
        count += 1
    return count
