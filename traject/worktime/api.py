"""The working-time API: the ASO's own entries, bulk import, period reports, stateless check."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from ninja import Body, Router, Schema, Status

from traject.core.permissions import ensure, get_scoped_or_404

from . import permissions, rules, selectors, services, transfer
from .models import TimeEntry
from .timeutil import week_start

PREFIX = "/worktime/"
router = Router(tags=["worktime"])


def _trainee(request: HttpRequest):
    trainee = permissions.own_trainee(request.auth)
    ensure(trainee is not None, "Only an ASO registers working time.")
    return trainee


class EntryOut(Schema):
    id: int
    start: datetime.datetime
    end: datetime.datetime
    kind: str
    note: str
    hours: float
    version: int


class EntryIn(Schema):
    start: datetime.datetime
    end: datetime.datetime
    kind: str
    note: str = ""


class EntryUpdate(EntryIn):
    version: int | None = None


class ImportIn(Schema):
    """Either ``entries`` in the exchange format, or a CSV/ICS file's ``content``."""

    entries: list[dict[str, Any]] | None = None
    format: str | None = None
    content: str | None = None


class ImportOut(Schema):
    created: int
    leave_days: int


class ImportFailure(Schema):
    detail: list[dict[str, str]]
    code: str


def _aware(trainee, moment: datetime.datetime) -> datetime.datetime:
    if timezone.is_aware(moment):
        return moment
    from .timeutil import localize

    return localize(moment, services.settings_for(trainee).zone)


def _out(entry: TimeEntry) -> dict:
    return {
        "id": entry.pk,
        "start": entry.start,
        "end": entry.end,
        "kind": entry.kind,
        "note": entry.note,
        "hours": round(entry.hours, 2),
        "version": entry.version,
    }


def _period(start: datetime.date | None, end: datetime.date | None):
    today = timezone.localdate()
    last = end or (week_start(today) + datetime.timedelta(days=6))
    first = start or (last - datetime.timedelta(days=7 * 13 - 1))
    if last < first:
        raise ValidationError({"end": ["The end date lies before the start date."]})
    if (last - first).days > 3 * 366:
        raise ValidationError({"end": ["Choose a period of at most three years."]})
    return first, last


@router.get(
    "/entries", response=list[EntryOut], summary="Your time entries in a period (default 13 weeks)"
)
def worktime_entries_list(
    request, start: datetime.date | None = None, end: datetime.date | None = None
):
    trainee = _trainee(request)
    first, last = _period(start, end)
    return [_out(e) for e in selectors.entries_between(trainee, first, last)]


@router.post("/entries", response={201: EntryOut}, summary="Register a time entry")
def worktime_entry_create(request, payload: EntryIn):
    trainee = _trainee(request)
    entry = services.time_entry_create(
        trainee=trainee,
        actor=request.auth,
        start=_aware(trainee, payload.start),
        end=_aware(trainee, payload.end),
        kind=payload.kind,
        note=payload.note,
    )
    return Status(201, _out(entry))


@router.put(
    "/entries/{entry_id}",
    response=EntryOut,
    summary="Change a time entry (send the version you read: 409 when it changed meanwhile)",
)
def worktime_entry_update(request, entry_id: int, payload: EntryUpdate):
    trainee = _trainee(request)
    entry = get_scoped_or_404(TimeEntry.objects.filter(trainee=trainee), pk=entry_id)
    entry = services.time_entry_update(
        entry=entry,
        actor=request.auth,
        start=_aware(trainee, payload.start),
        end=_aware(trainee, payload.end),
        kind=payload.kind,
        note=payload.note,
        expected_version=payload.version,
    )
    return _out(entry)


@router.delete("/entries/{entry_id}", response={204: None}, summary="Delete a time entry")
def worktime_entry_delete(request, entry_id: int, version: int | None = None):
    trainee = _trainee(request)
    entry = get_scoped_or_404(TimeEntry.objects.filter(trainee=trainee), pk=entry_id)
    services.time_entry_delete(entry=entry, actor=request.auth, expected_version=version)
    return Status(204, None)


@router.post(
    "/import",
    response={201: ImportOut, 400: ImportFailure},
    summary="Import entries and leave days, all or nothing (exchange-format entries, CSV or ICS)",
)
def worktime_import(request, payload: ImportIn):
    trainee = _trainee(request)
    zone = services.settings_for(trainee).zone
    if payload.entries is not None:
        candidates = transfer.parse_exchange_entries(payload.entries, zone)
    elif payload.content is not None and (payload.format or "").lower() in ("csv", "ics"):
        parse = transfer.parse_ics if payload.format.lower() == "ics" else transfer.parse_csv
        candidates = parse(payload.content, zone)
    else:
        raise ValidationError(
            {"entries": ["Send entries, or format (csv or ics) with the file's content."]}
        )
    result = services.time_entries_bulk_create(
        trainee=trainee, actor=request.auth, candidates=candidates
    )
    if not result.ok:
        return Status(
            400,
            {
                "detail": [
                    {"line": str(line), "message": message} for line, message in result.failures
                ],
                "code": "invalid",
            },
        )
    return Status(201, {"created": len(result.created), "leave_days": len(result.leave_days)})


@router.get(
    "/report",
    response=dict[str, Any],
    summary="The compliance report of a period (violations, weeks, blocks)",
)
def worktime_report(request, start: datetime.date | None = None, end: datetime.date | None = None):
    trainee = _trainee(request)
    first, last = _period(start, end)
    return selectors.period_report(trainee, first, last).to_dict()


@router.post(
    "/check",
    response={200: dict[str, Any], 400: dict[str, Any]},
    summary="Check a schedule in the exchange format (stateless; nothing is stored)",
)
def worktime_check(request, schedule: dict[str, Any] = Body(...)):  # noqa: B008
    try:
        return Status(200, rules.check(schedule, selectors.lang()))
    except rules.ScheduleError as exc:
        return Status(
            400,
            {
                "detail": [
                    {"message": p.message, "code": p.code, "entry": p.index} for p in exc.problems
                ],
                "code": "invalid",
            },
        )
