"""The working-time API: the ASO's own entries, bulk import, period reports, stateless check."""

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Body, Router, Schema, Status

from traject.core.concurrency import version_from_request

from . import permissions, rules, selectors, services, transfer
from .explanations import pay_line_label
from .models import Payslip, TimeEntry
from .timeutil import week_start

PREFIX = "/worktime/"
router = Router(tags=["worktime"])


def _trainee(request: HttpRequest):
    return permissions.registering_trainee(request.auth)


class EntryOut(Schema):
    id: int
    start: datetime.datetime
    end: datetime.datetime
    kind: str
    restrictive: bool
    note: str
    hours: float
    version: int


class EntryIn(Schema):
    start: datetime.datetime
    end: datetime.datetime
    kind: str
    note: str = ""
    # Home standby only: a response time so short the time is not free (BE: working time).
    restrictive: bool = False


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


class ImportLineError(Schema):
    line: str
    message: str


class ImportFailure(Schema):
    """The lines that failed; or one sentence when the request as a whole is refused."""

    detail: list[ImportLineError] | str
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
        "restrictive": entry.restrictive,
        "note": entry.note,
        "hours": round(entry.hours, 2),
        "version": entry.version,
    }


def _period(start: datetime.date | None, end: datetime.date | None):
    today = timezone.localdate()
    last = end or (week_start(today) + datetime.timedelta(days=6))
    first = start or (last - datetime.timedelta(days=7 * 13 - 1))
    if last < first:
        raise ValidationError({"end": [_("The end date lies before the start date.")]})
    if (last - first).days > 3 * 366:
        raise ValidationError({"end": [_("Choose a period of at most three years.")]})
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
        restrictive=payload.restrictive,
    )
    return Status(201, _out(entry))


@router.put(
    "/entries/{entry_id}",
    response=EntryOut,
    summary="Change a time entry (send the version you read, in the body or If-Match: 428 without it, 409 when it changed meanwhile)",
)
def worktime_entry_update(request, entry_id: int, payload: EntryUpdate):
    entry = permissions.entry_for(request.auth, entry_id)
    trainee = entry.trainee
    entry = services.time_entry_update(
        entry=entry,
        actor=request.auth,
        start=_aware(trainee, payload.start),
        end=_aware(trainee, payload.end),
        kind=payload.kind,
        note=payload.note,
        restrictive=payload.restrictive,
        expected_version=version_from_request(request, payload.version),
    )
    return _out(entry)


@router.delete(
    "/entries/{entry_id}",
    response={204: None},
    summary="Delete a time entry (send the version you read, ?version= or If-Match: 428 without it, 409 when stale)",
)
def worktime_entry_delete(request, entry_id: int, version: int | None = None):
    entry = permissions.entry_for(request.auth, entry_id)
    services.time_entry_delete(
        entry=entry, actor=request.auth, expected_version=version_from_request(request, version)
    )
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
        message = _("Send entries, or format (csv or ics) with the file's content.")
        return Status(400, {"detail": [{"line": "-", "message": message}], "code": "invalid"})
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


class RuleOut(Schema):
    id: str
    explanation: str
    source: str
    limits: dict[str, Any]


class RuleSetOut(Schema):
    jurisdiction: str
    version: str
    source: str
    rules: list[RuleOut]
    warn_week_h: float
    warn_stint_h: float
    restrictive_standby_counts: bool


@router.get(
    "/rules",
    response=list[RuleSetOut],
    summary="The rule sets: each rule in plain words, the article it comes from, its limits",
)
def worktime_rules(request):
    from dataclasses import asdict

    from .explanations import explain

    result = []
    for jurisdiction in rules.JURISDICTIONS:
        ruleset = rules.ruleset_for(jurisdiction)
        result.append(
            {
                "jurisdiction": jurisdiction,
                "version": ruleset.version,
                "source": ruleset.source,
                "rules": [
                    {
                        "id": rule.id,
                        "explanation": explain(rule.id),
                        "source": rule.source,
                        "limits": {
                            k: v for k, v in asdict(rule).items() if k not in ("id", "source")
                        },
                    }
                    for rule in ruleset.rules
                ],
                "warn_week_h": ruleset.params.warn_week_h,
                "warn_stint_h": ruleset.params.warn_stint_h,
                "restrictive_standby_counts": ruleset.params.restrictive_standby_counts,
            }
        )
    return result


@router.post(
    "/check",
    response={200: dict[str, Any], 400: dict[str, Any]},
    summary="Check a schedule in the exchange format (stateless; nothing is stored)",
)
def worktime_check(request, schedule: dict[str, Any] = Body(...)):  # noqa: B008
    try:
        # JSON bytes straight from the report (Report.to_json): the same bytes as
        # orjson.dumps of the dict, without building a dict per week.
        report = rules.check_json(schedule, selectors.lang())
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
    return HttpResponse(report, content_type="application/json")


class PayLineOut(Schema):
    key: str
    label: str
    quantity: Decimal
    rate: Decimal
    amount: Decimal


class PayCheckOut(Schema):
    month: datetime.date
    training_year: int
    pay_table_year: int | None
    lines: list[PayLineOut]
    minimum: Decimal | None
    gross: Decimal | None
    difference: Decimal | None
    short: bool


@router.get(
    "/pay-check",
    response=PayCheckOut,
    summary="The BE minimum-pay check of a month (any day of it) against your payslip",
)
def worktime_pay_check(request, month: datetime.date):
    """The same figures as the pay page: ``lines`` is empty and ``minimum`` null when the
    calendar year has no pay table."""
    trainee = _trainee(request)
    month = month.replace(day=1)
    payslip = Payslip.objects.filter(trainee=trainee, month=month).first()
    gross = payslip.gross if payslip else None
    check, _hours, year, table = selectors.month_pay_check(trainee, month, gross)
    return {
        "month": month,
        "training_year": year,
        "pay_table_year": table.year if table is not None else None,
        "lines": [
            {
                "key": line.key,
                "label": pay_line_label(line.key, year),
                "quantity": line.quantity,
                "rate": line.rate,
                "amount": line.amount,
            }
            for line in (check.lines if check else [])
        ],
        "minimum": check.minimum if check else None,
        "gross": gross,
        "difference": check.difference if check else None,
        "short": bool(check and check.short),
    }
