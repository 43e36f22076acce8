"""The schedule's header: jurisdiction, timezone, reference start, opt-out, holidays."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache

from ..rulesets import JURISDICTIONS, ruleset_for
from ..tz import (
    UnknownTimezone,
    load_zone,
    supported_holiday_countries,
)
from .columns import _coerce_date, _Problems
from .types import OptOutPeriod


@dataclass
class _Header:
    jurisdiction: str | None
    timezone: str | None
    reference_start: date | None
    opt_out: tuple[OptOutPeriod, ...]
    holiday_country: str | None


def _parse_header(
    jurisdiction: object,
    timezone: object,
    reference_start: object,
    opt_out: object,
    holiday_country: object,
    problems: _Problems,
    missing_ok: bool = False,
) -> _Header:
    header = _Header(None, None, None, (), None)
    if jurisdiction is not None or not missing_ok:
        if isinstance(jurisdiction, str) and jurisdiction in JURISDICTIONS:
            header.jurisdiction = jurisdiction
        else:
            choices = ", ".join(JURISDICTIONS)
            problems.top("unknown_jurisdiction", value=jurisdiction, choices=choices)
    if timezone is not None or not missing_ok:
        if _zone_exists(timezone):
            header.timezone = timezone  # type: ignore[assignment]
        else:
            problems.top("unknown_timezone", value=timezone)
    if reference_start is not None or not missing_ok:
        ref = _coerce_date(reference_start)
        if ref is None:
            problems.top("malformed_reference", value=reference_start)
        elif ref.weekday() != 0 and not _reference_any_day(header.jurisdiction):
            problems.top("reference_not_monday", value=ref.isoformat())
        else:
            header.reference_start = ref
    header.opt_out = _parse_opt_out(opt_out, problems)
    if holiday_country is not None:
        if isinstance(holiday_country, str) and holiday_country in supported_holiday_countries():
            header.holiday_country = holiday_country
        else:
            problems.top("unknown_holiday_country", value=holiday_country)
    return header


def _reference_any_day(jurisdiction: str | None) -> bool:
    # US blocks follow the rotation: any first day. An unknown jurisdiction wants a Monday.
    return jurisdiction is not None and ruleset_for(jurisdiction).reference_any_day


def _zone_exists(key: object) -> bool:
    if not isinstance(key, str):
        return False
    return _zone_key_exists(key)


@cache
def _zone_key_exists(key: str) -> bool:
    try:
        load_zone(key)
    except UnknownTimezone:
        return False
    return True


def _parse_opt_out(value: object, problems: _Problems) -> tuple[OptOutPeriod, ...]:
    if value is None or value is False:
        return ()
    if value is True:
        return (OptOutPeriod(),)
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        problems.top("bad_opt_out", value=value)
        return ()
    periods = []
    for item in value:
        if isinstance(item, OptOutPeriod):
            periods.append(item)
            continue
        if isinstance(item, Mapping) and "from" in item:
            start = _coerce_date(item.get("from"))
            raw_until = item.get("until")
            until = _coerce_date(raw_until) if raw_until is not None else None
            bad_until = raw_until is not None and until is None
            if start is not None and not bad_until and (until is None or until >= start):
                periods.append(OptOutPeriod(start, until))
                continue
        problems.top("bad_opt_out", value=item)
    return tuple(periods)
