"""The ways in: the exchange format, Python objects and arrays of many schedules."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from itertools import compress
from operator import itemgetter
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np

from .. import messages
from ..kinds import DAY_CODE, N_DAY, N_TIMED, STANDBY, TIMED_CODE
from ..tz import (
    day_date,
    epoch_day,
)
from .assemble import _assemble
from .columns import (
    _codes,
    _datetime_seconds,
    _DayBuilder,
    _Days,
    _days_from_texts,
    _iso_local,
    _local_seconds,
    _owners,
    _positions,
    _Problems,
    _raw_label,
    _single,
    _Timed,
    _timed_from_texts,
    _TimedBuilder,
)
from .header import _parse_header
from .types import Entry, LeaveDay, OptOutPeriod, Schedule, ScheduleError


def schedule_from_entries(
    jurisdiction: str,
    timezone: str | ZoneInfo,
    reference_start: date | str,
    entries: Iterable[Entry | LeaveDay] = (),
    leave_days: Iterable[LeaveDay] = (),
    opt_out: bool | Iterable[OptOutPeriod] = False,
    holiday_country: str | None = None,
    lang: str = messages.DEFAULT_LANGUAGE,
) -> Schedule:
    """Build a schedule from Python objects; leave days are numbered after entries."""
    messages.check_lang(lang)
    problems = _Problems(lang)
    tz_key = timezone.key if isinstance(timezone, ZoneInfo) else timezone
    header = _parse_header(
        jurisdiction, tz_key, reference_start, opt_out, holiday_country, problems
    )
    timed = _TimedBuilder()
    days = _DayBuilder()
    for i, item in enumerate([*entries, *leave_days]):
        if isinstance(item, LeaveDay):
            code = DAY_CODE.get(item.kind)
            value = item.date
            label = value.isoformat() if isinstance(value, date) else None
            if code is None:
                problems.entry("unknown_kind", i, "date", label, value=item.kind)
            elif not isinstance(value, date) or isinstance(value, datetime):
                problems.entry("malformed_date", i, "date", label, value=value)
            else:
                days.add(epoch_day(value), code, i, label)
        elif isinstance(item, Entry):
            label = item.start.isoformat() if isinstance(item.start, datetime) else None
            code = TIMED_CODE.get(item.kind)
            ok = code is not None
            if not ok:
                problems.entry("unknown_kind", i, "start", label, value=item.kind)
            for moment in (item.start, item.end):
                if not isinstance(moment, datetime):
                    problems.entry("malformed_time", i, "start", label, value=moment)
                    ok = False
            if ok:
                timed.add(
                    *_datetime_seconds(item.start),
                    *_datetime_seconds(item.end),
                    code,
                    i,
                    label,
                    bool(item.restrictive) and code == STANDBY,
                )
        else:
            problems.entry("entry_not_object", i)
    return _single(_assemble([header], [problems], timed.columns(), days.columns()))


def schedules_from_arrays(
    headers: Sequence[Mapping[str, Any]],
    start: np.ndarray,
    end: np.ndarray,
    kind: np.ndarray,
    owner: np.ndarray | None = None,
    leave_date: np.ndarray | None = None,
    leave_kind: np.ndarray | None = None,
    leave_owner: np.ndarray | None = None,
    lang: str = messages.DEFAULT_LANGUAGE,
    restrictive: np.ndarray | None = None,
) -> list[Schedule | ScheduleError]:
    """Build many schedules from the columns of all their entries; errors are returned."""
    # headers[t] holds schedule t's exchange-format fields (jurisdiction, timezone,
    # reference_start, optional opt_out and holiday_country); owner/leave_owner say which
    # schedule each row belongs to (default: the only one). Each schedule comes back as a
    # Schedule or as the ScheduleError it would raise, so one bad schedule does not hold up
    # the others. Problems number each schedule's timed rows in the given order, then its
    # leave rows. Columns are as for Schedule.from_arrays.
    messages.check_lang(lang)
    n_schedules = len(headers)
    problems = [_Problems(lang) for _ in range(n_schedules)]
    parsed = [
        _parse_header(
            h.get("jurisdiction"),
            h.get("timezone"),
            h.get("reference_start"),
            h.get("opt_out", False),
            h.get("holiday_country"),
            problems[t],
        )
        for t, h in enumerate(headers)
    ]
    start_s, end_s = _local_seconds(start), _local_seconds(end)
    n = len(start_s)
    if len(end_s) != n or len(kind) != n:
        raise ValueError("start, end and kind must have the same length")
    owner_a = _owners(owner, n, n_schedules)
    index = _positions(owner_a, n_schedules)
    codes = _codes(kind, TIMED_CODE, N_TIMED)
    bad = np.flatnonzero(codes < 0)
    for i in bad.tolist():
        t = int(owner_a[i])
        label = _iso_local(start_s[i])
        problems[t].entry("unknown_kind", int(index[i]), "start", label, value=kind[i])
    keep = codes >= 0
    restrictive_a = (
        np.zeros(n, dtype=bool) if restrictive is None else np.asarray(restrictive, dtype=bool)
    )
    timed = _Timed(
        start=start_s[keep],
        start_aware=None,
        end=end_s[keep],
        end_aware=None,
        kind=codes[keep].astype(np.int8),
        index=index[keep],
        owner=owner_a[keep],
        labels=None,
        restrictive=restrictive_a[keep] & (codes[keep] == STANDBY),
    )
    if leave_date is None:
        leave_date = np.zeros(0, dtype=np.int64)
    days_raw = np.asarray(leave_date)
    day_values = (
        days_raw.astype("datetime64[D]").astype(np.int64)
        if days_raw.dtype.kind == "M"
        else days_raw.astype(np.int64)
    )
    m = len(day_values)
    d_owner = _owners(leave_owner, m, n_schedules)
    timed_count = np.bincount(owner_a, minlength=n_schedules)
    d_index = timed_count[d_owner] + _positions(d_owner, n_schedules)
    if leave_kind is None:
        d_codes = np.zeros(m, dtype=np.int64)
    else:
        d_codes = _codes(leave_kind, DAY_CODE, N_DAY)
    for i in np.flatnonzero(d_codes < 0).tolist():
        t = int(d_owner[i])
        label = day_date(day_values[i]).isoformat()
        problems[t].entry("unknown_kind", int(d_index[i]), "date", label, value=leave_kind[i])
    keep = d_codes >= 0
    days = _Days(
        day=day_values[keep],
        kind=d_codes[keep].astype(np.int8),
        index=d_index[keep],
        owner=d_owner[keep],
        labels=None,
    )
    return _assemble(parsed, problems, timed, days)


def parse_schedule(schedule: Mapping, lang: str = messages.DEFAULT_LANGUAGE) -> Schedule:
    """Parse and validate a schedule in the exchange format, raising ScheduleError."""
    messages.check_lang(lang)
    problems = _Problems(lang)
    if not isinstance(schedule, Mapping):
        problems.top("not_an_object")
        problems.raise_if_any()
    for name in ("jurisdiction", "timezone", "reference_start", "entries"):
        if schedule.get(name) is None:
            problems.top("missing_field", field=name)
    header = _parse_header(
        schedule.get("jurisdiction"),
        schedule.get("timezone"),
        schedule.get("reference_start"),
        schedule.get("opt_out", False),
        schedule.get("holiday_country"),
        problems,
        missing_ok=True,
    )
    raw_entries = schedule.get("entries", [])
    if not isinstance(raw_entries, list):
        problems.top("entries_not_list")
        raw_entries = []
    fast = _columns_fast(raw_entries, problems)
    if fast is not None:
        return _single(_assemble([header], [problems], *fast))
    # Collect the raw texts in one pass, then parse each column at once with numpy; only when
    # that fails (a malformed value, an explicit offset) is each value parsed on its own.
    t_index: list[int] = []
    t_kind: list[int] = []
    t_start: list[str] = []
    t_end: list[str] = []
    t_restrictive: list[int] = []
    d_index: list[int] = []
    d_kind: list[int] = []
    d_text: list[str] = []
    for i, raw in enumerate(raw_entries):
        if type(raw) is not dict and not isinstance(raw, Mapping):
            problems.entry("entry_not_object", i)
            continue
        kind = raw.get("kind")
        is_text = type(kind) is str
        code = TIMED_CODE.get(kind) if is_text else None
        if code is not None:
            start_text, end_text = raw.get("start"), raw.get("end")
            if type(start_text) is str and type(end_text) is str:
                if code == STANDBY:
                    flag = raw.get("restrictive", False)
                    if flag is True:
                        t_restrictive.append(len(t_index))
                    elif flag is not False and flag is not None:
                        problems.entry("bad_restrictive", i, "start", start_text, value=flag)
                t_index.append(i)
                t_kind.append(code)
                t_start.append(start_text)
                t_end.append(end_text)
                continue
            label = start_text if isinstance(start_text, str) else None
            for name, text in (("start", start_text), ("end", end_text)):
                if text is None:
                    problems.entry("entry_missing_field", i, "start", label, field=name)
                elif not isinstance(text, str):
                    problems.entry("malformed_time", i, "start", label, value=text)
            continue
        day_code = DAY_CODE.get(kind) if is_text else None
        if day_code is not None:
            text = raw.get("date")
            if type(text) is str:
                d_index.append(i)
                d_kind.append(day_code)
                d_text.append(text)
            elif text is None:
                problems.entry("entry_missing_field", i, "date", None, field="date")
            else:
                problems.entry("malformed_date", i, "date", None, value=text)
            continue
        what, label = _raw_label(raw)
        if kind is None:
            problems.entry("entry_missing_field", i, what, label, field="kind")
        else:
            problems.entry("unknown_kind", i, what, label, value=kind)
    timed = _timed_from_texts(t_index, t_kind, t_start, t_end, problems, t_restrictive)
    days = _days_from_texts(d_index, d_kind, d_text, problems)
    return _single(_assemble([header], [problems], timed, days))


# Timed kinds keep their codes; day kinds are shifted past them so one lookup serves both.
_DAY_SHIFT = 64
_ANY_CODE: dict[str, int] = {**TIMED_CODE, **{k: _DAY_SHIFT + c for k, c in DAY_CODE.items()}}
_KIND, _START, _END = itemgetter("kind"), itemgetter("start"), itemgetter("end")
_DATE = itemgetter("date")


def _columns_fast(raw_entries: list, problems: _Problems) -> tuple[_Timed, _Days] | None:
    """Return the columns of well-formed entries, one comprehension per column; else None.

    The common case (every entry an object with a known kind and text times) costs a few list
    comprehensions and one numpy parse per column instead of a Python loop with a dozen
    branches per entry. Anything unusual returns None and takes the careful path, which names
    each problem.
    """
    # map() with C-level callables runs no Python bytecode per entry.
    try:
        codes = np.fromiter(
            map(_ANY_CODE.__getitem__, map(_KIND, raw_entries)),
            dtype=np.int64,
            count=len(raw_entries),
        )
    except (KeyError, TypeError, IndexError):
        return None
    n = len(codes)
    is_timed = codes < _DAY_SHIFT
    timed_pos = np.flatnonzero(is_timed)
    day_pos = np.flatnonzero(~is_timed)
    try:
        if len(timed_pos) == n:
            timed_raw = raw_entries
        else:
            timed_raw = list(compress(raw_entries, is_timed.tolist()))
        start = list(map(_START, timed_raw))
        end = list(map(_END, timed_raw))
        day_text = list(map(_DATE, compress(raw_entries, (~is_timed).tolist())))
        # join() refuses anything that is not text, at C speed.
        "".join(start), "".join(end), "".join(day_text)
    except (KeyError, TypeError, IndexError):
        return None
    kind = codes[timed_pos]
    restrictive_rows: list[int] = []
    standby = np.flatnonzero(kind == STANDBY).tolist()
    for row in standby:
        flag = timed_raw[row].get("restrictive", False)
        if flag is True:
            restrictive_rows.append(row)
        elif flag is not False and flag is not None:
            return None
    timed = _timed_from_texts(timed_pos, kind, start, end, problems, restrictive_rows)
    days = _days_from_texts(day_pos, codes[day_pos] - _DAY_SHIFT, day_text, problems)
    return timed, days
