"""Schedules: validated entries as sorted numpy arrays, built from JSON or Python objects.

Every way in (``parse_schedule``, ``Schedule.from_entries``, ``Schedule.from_arrays`` and the
batch ``schedules_from_arrays``) ends in one vectorised assembler, so validation is written
once: local times to UTC, skipped local times, end after start, overlapping entries, duplicate
leave days.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import cache
from itertools import compress
from operator import itemgetter
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np

from . import messages
from .kinds import CALLOUT, COUNTED_MASK, DAY_CODE, N_DAY, N_TIMED, STANDBY, TIMED_CODE
from .rulesets import JURISDICTIONS, RuleSet, ruleset_for
from .tz import (
    DAY,
    TzTable,
    UnknownTimezone,
    day_date,
    epoch_day,
    load_zone,
    supported_holiday_countries,
    table_for_range,
)

_EPOCH = datetime(1970, 1, 1)
_EPOCH_UTC = datetime(1970, 1, 1, tzinfo=UTC)
_SECOND = timedelta(seconds=1)
# Keeps the instants of different schedules apart on one sorted axis (2**40 s: 35,000 years).
_BIG = 1 << 40


@dataclass(frozen=True)
class Entry:
    """A timed entry; a naive datetime is local time in the schedule's timezone."""

    start: datetime
    end: datetime
    kind: str
    # Home standby with a response time so short the time is not free (BE: Matzak).
    restrictive: bool = False


@dataclass(frozen=True)
class LeaveDay:
    """A day entry: a whole day of vacation, sickness or other paid leave."""

    date: date
    kind: str = "vacation"


@dataclass(frozen=True)
class OptOutPeriod:
    """A period of signed opt-out, both ends inclusive; None means unbounded."""

    start: date | None = None
    until: date | None = None

    def covers_days(self, first: np.ndarray, last: np.ndarray) -> np.ndarray:
        """Return whether the period covers each span of epoch days first..last wholly."""
        inside = np.ones(np.shape(first), dtype=bool)
        if self.start is not None:
            inside &= first >= epoch_day(self.start)
        if self.until is not None:
            inside &= last <= epoch_day(self.until)
        return inside


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input; ``index`` is the 0-based position in ``entries``."""

    code: str
    message: str
    index: int | None = None


class ScheduleError(ValueError):
    """The schedule cannot be checked; ``problems`` says every reason found."""

    # Messages number entries from 1 for people ("Entry 4 (start 2025-01-06T08:00)");
    # Problem.index is the 0-based position for programs.

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(p.message for p in self.problems))


class Schedule:
    """A validated schedule: timed entries sorted by start, as UTC seconds, and leave days."""

    __slots__ = (
        "jurisdiction",
        "ruleset",
        "timezone",
        "tz",
        "reference_start",
        "ref_day",
        "start",
        "end",
        "kind",
        "restrictive",
        "index",
        "leave_day",
        "leave_kind",
        "leave_index",
        "opt_out",
        "holiday_country",
    )

    def __init__(self, **fields: Any) -> None:
        for name in self.__slots__:
            setattr(self, name, fields[name])

    def __repr__(self) -> str:
        return (
            f"<Schedule {self.jurisdiction} {self.timezone} from {self.reference_start}: "
            f"{len(self.start)} timed entries, {len(self.leave_day)} leave days>"
        )

    @property
    def entry_count(self) -> int:
        """Return the number of timed and day entries."""
        return len(self.start) + len(self.leave_day)

    @classmethod
    def from_entries(
        cls,
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

    @classmethod
    def from_arrays(
        cls,
        jurisdiction: str,
        timezone: str,
        reference_start: date | str,
        start: np.ndarray,
        end: np.ndarray,
        kind: np.ndarray,
        leave_date: np.ndarray | None = None,
        leave_kind: np.ndarray | None = None,
        opt_out: bool | Iterable[OptOutPeriod] = False,
        holiday_country: str | None = None,
        lang: str = messages.DEFAULT_LANGUAGE,
        restrictive: np.ndarray | None = None,
    ) -> Schedule:
        """Build a schedule from arrays of naive local times and kind codes or names."""
        # start/end: datetime64 (naive local) or int64 local seconds; kind: codes into
        # TIMED_KINDS or names; leave_date: datetime64[D] or epoch days; leave_kind: codes
        # into DAY_KINDS or names (default vacation). Problems number timed rows first, then
        # leave rows.
        header = {
            "jurisdiction": jurisdiction,
            "timezone": timezone,
            "reference_start": reference_start,
            "opt_out": opt_out,
            "holiday_country": holiday_country,
        }
        result = schedules_from_arrays(
            [header],
            start,
            end,
            kind,
            None,
            leave_date,
            leave_kind,
            None,
            lang=lang,
            restrictive=restrictive,
        )
        return _single(result)


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


# --- internals -----------------------------------------------------------------------------

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


class _Problems:
    """Collects the problems of one schedule in one language."""

    __slots__ = ("lang", "items")

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.items: list[Problem] = []

    def top(self, code: str, **values: object) -> None:
        self.items.append(Problem(code, messages.problem_message(code, self.lang, **values)))

    def entry(
        self,
        code: str,
        index: int,
        what: str | None = None,
        label: str | None = None,
        other: str | None = None,
        **values: object,
    ) -> None:
        text = messages.problem_message(
            code,
            self.lang,
            entry=messages.entry_label(self.lang, index, what, label),
            other=other,
            **values,
        )
        self.items.append(Problem(code, text, index))

    def label(self, index: int, what: str, value: str | None) -> str:
        return messages.entry_label(self.lang, index, what, value)

    def error(self) -> ScheduleError:
        # Schedule-level problems first, then by entry, each entry's in the order found.
        return ScheduleError(sorted(self.items, key=lambda p: -1 if p.index is None else p.index))

    def raise_if_any(self) -> None:
        if self.items:
            raise self.error()


def _single(results: list[Schedule | ScheduleError]) -> Schedule:
    result = results[0]
    if isinstance(result, ScheduleError):
        raise result
    return result


@dataclass
class _Timed:
    """Timed entries as columns: seconds (local, or UTC where aware), codes, numbers, owners."""

    start: np.ndarray
    start_aware: np.ndarray | None  # None: every value is local
    end: np.ndarray
    end_aware: np.ndarray | None
    kind: np.ndarray
    index: np.ndarray
    owner: np.ndarray
    labels: Sequence[str | None] | None  # None: name entries by their local start
    restrictive: np.ndarray | None = None  # None: no restrictive standby

    def label(self, i: int) -> str | None:
        if self.labels is not None:
            return self.labels[i]
        return _iso_local(self.start[i])


@dataclass
class _Days:
    """Leave days as columns: epoch days, codes, numbers, owners."""

    day: np.ndarray
    kind: np.ndarray
    index: np.ndarray
    owner: np.ndarray
    labels: Sequence[str | None] | None

    def label(self, i: int) -> str:
        if self.labels is not None and self.labels[i] is not None:
            return self.labels[i]
        return day_date(self.day[i]).isoformat()


class _TimedBuilder:
    """Timed entries of one schedule, row by row."""

    def __init__(self) -> None:
        self.rows: list[tuple] = []

    def add(
        self, start, start_aware, end, end_aware, kind, index, label, restrictive=False
    ) -> None:
        self.rows.append((start, start_aware, end, end_aware, kind, index, label, restrictive))

    def columns(self) -> _Timed:
        cols = list(zip(*self.rows, strict=True)) if self.rows else [()] * 8
        n = len(self.rows)
        return _Timed(
            start=np.array(cols[0], dtype=np.int64),
            start_aware=np.array(cols[1], dtype=bool),
            end=np.array(cols[2], dtype=np.int64),
            end_aware=np.array(cols[3], dtype=bool),
            kind=np.array(cols[4], dtype=np.int8),
            index=np.array(cols[5], dtype=np.int64),
            owner=np.zeros(n, dtype=np.int64),
            labels=list(cols[6]),
            restrictive=np.array(cols[7], dtype=bool),
        )


class _DayBuilder:
    """Leave days of one schedule, row by row."""

    def __init__(self) -> None:
        self.rows: list[tuple] = []

    def add(self, day, kind, index, label) -> None:
        self.rows.append((day, kind, index, label))

    def columns(self) -> _Days:
        cols = list(zip(*self.rows, strict=True)) if self.rows else [()] * 4
        return _Days(
            day=np.array(cols[0], dtype=np.int64),
            kind=np.array(cols[1], dtype=np.int8),
            index=np.array(cols[2], dtype=np.int64),
            owner=np.zeros(len(self.rows), dtype=np.int64),
            labels=list(cols[3]),
        )


def _bulk_times(texts: list[str]) -> np.ndarray | None:
    """Return naive ISO date-times as local seconds, or None unless every one is plain."""
    if not texts:
        return np.zeros(0, dtype=np.int64)
    # numpy also reads "today", "NaT" and bare dates; a timed entry needs a date and an hour.
    if min(map(len, texts)) <= 10:
        return None
    try:
        with warnings.catch_warnings():
            # An explicit offset only warns in numpy; such texts take the careful path.
            warnings.simplefilter("error")
            values = np.array(texts, dtype="datetime64[s]")
    except (ValueError, TypeError, OverflowError, Warning):
        return None
    if np.isnat(values).any():
        return None
    return values.astype(np.int64)


def _timed_from_texts(
    index: list[int],
    kind: list[int],
    start: list[str],
    end: list[str],
    problems: _Problems,
    restrictive_rows: list[int] | None = None,
) -> _Timed:
    restrictive = np.zeros(len(start), dtype=bool)
    if restrictive_rows:
        restrictive[restrictive_rows] = True
    start_s = _bulk_times(start)
    end_s = _bulk_times(end) if start_s is not None else None
    if end_s is not None:
        return _Timed(
            start=start_s,
            start_aware=None,
            end=end_s,
            end_aware=None,
            kind=np.array(kind, dtype=np.int8),
            index=np.array(index, dtype=np.int64),
            owner=np.zeros(len(start), dtype=np.int64),
            labels=start,
            restrictive=restrictive,
        )
    builder = _TimedBuilder()
    for i, code, start_text, end_text, flag in zip(
        index, kind, start, end, restrictive.tolist(), strict=True
    ):
        parsed_start, parsed_end = _parse_time(start_text), _parse_time(end_text)
        if parsed_start is None:
            problems.entry("malformed_time", i, "start", start_text, value=start_text)
        if parsed_end is None:
            problems.entry("malformed_time", i, "start", start_text, value=end_text)
        if parsed_start is not None and parsed_end is not None:
            builder.add(*parsed_start, *parsed_end, code, i, start_text, flag)
    return builder.columns()


def _days_from_texts(
    index: list[int], kind: list[int], texts: list[str], problems: _Problems
) -> _Days:
    values = None
    if not texts:
        values = np.zeros(0, dtype="datetime64[D]")
    elif len("".join(texts)) == 10 * len(texts) and max(map(len, texts)) == 10:
        try:
            values = np.array(texts, dtype="datetime64[D]")
        except (ValueError, TypeError, OverflowError):
            values = None
        if values is not None and np.isnat(values).any():
            values = None
    if values is not None:
        return _Days(
            day=values.astype(np.int64),
            kind=np.array(kind, dtype=np.int8),
            index=np.array(index, dtype=np.int64),
            owner=np.zeros(len(texts), dtype=np.int64),
            labels=texts,
        )
    builder = _DayBuilder()
    for i, code, text in zip(index, kind, texts, strict=True):
        day = _parse_date(text)
        if day is None:
            problems.entry("malformed_date", i, "date", text, value=text)
        else:
            builder.add(day, code, i, text)
    return builder.columns()


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


def _coerce_date(value: object) -> date | None:
    if isinstance(value, datetime):
        return None
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        day = _parse_date(value)
        return day_date(day) if day is not None else None
    return None


def _parse_time(text: object) -> tuple[int, bool] | None:
    """Return (seconds, aware) for an ISO date and time, or None when malformed."""
    # A bare date is not a time: a timed entry needs its hour.
    if not isinstance(text, str) or len(text) <= 10:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return _datetime_seconds(moment)


def _datetime_seconds(moment: datetime) -> tuple[int, bool]:
    if moment.tzinfo is None:
        return (moment - _EPOCH) // _SECOND, False
    if moment.utcoffset() is None:
        return (moment.replace(tzinfo=None) - _EPOCH) // _SECOND, False
    return (moment - _EPOCH_UTC) // _SECOND, True


def _parse_date(text: object) -> int | None:
    if not isinstance(text, str):
        return None
    try:
        return epoch_day(date.fromisoformat(text))
    except ValueError:
        return None


def _local_seconds(values: np.ndarray) -> np.ndarray:
    values = np.asarray(values)
    if values.dtype.kind == "M":
        return values.astype("datetime64[s]").astype(np.int64)
    return values.astype(np.int64)


def _owners(owner: np.ndarray | None, n: int, n_schedules: int) -> np.ndarray:
    if owner is None:
        if n and n_schedules != 1:
            raise ValueError("owner is required for more than one schedule")
        return np.zeros(n, dtype=np.int64)
    owner = np.asarray(owner, dtype=np.int64)
    if len(owner) != n:
        raise ValueError("owner must have one value per row")
    if n and (owner.min() < 0 or owner.max() >= n_schedules):
        raise ValueError("owner refers to a schedule that is not in headers")
    return owner


def _positions(owner: np.ndarray, n_schedules: int) -> np.ndarray:
    """Return each row's position among the rows of its schedule, in the given order."""
    if n_schedules == 1:
        return np.arange(len(owner), dtype=np.int64)
    order = np.argsort(owner, kind="stable")
    starts = np.concatenate(([0], np.cumsum(np.bincount(owner, minlength=n_schedules))))
    positions = np.empty(len(owner), dtype=np.int64)
    positions[order] = np.arange(len(owner)) - starts[owner[order]]
    return positions


def _codes(values: np.ndarray, lookup: dict[str, int], count: int) -> np.ndarray:
    """Return kind codes, -1 for an unknown kind; accepts codes or names."""
    values = np.asarray(values)
    if values.dtype.kind in "USO":
        return np.array([lookup.get(str(v), -1) for v in values.tolist()], dtype=np.int64)
    codes = values.astype(np.int64)
    return np.where((codes >= 0) & (codes < count), codes, -1)


def _iso_local(seconds: int) -> str:
    moment = _EPOCH + timedelta(seconds=int(seconds))
    return moment.isoformat(timespec="minutes" if moment.second == 0 else "seconds")


def _iso_utc(seconds: int) -> str:
    return datetime.fromtimestamp(int(seconds), UTC).isoformat(timespec="minutes")


def _raw_label(raw: Mapping) -> tuple[str, str | None]:
    if isinstance(raw.get("start"), str):
        return "start", raw["start"]
    if isinstance(raw.get("date"), str):
        return "date", raw["date"]
    return "start", None


def _groups(keys: list) -> list[tuple[Any, np.ndarray]]:
    found: dict[Any, list[int]] = {}
    for t, key in enumerate(keys):
        found.setdefault(key, []).append(t)
    return [(key, np.array(ts, dtype=np.int64)) for key, ts in found.items()]


def _assemble(
    headers: list[_Header], problems: list[_Problems], timed: _Timed, days: _Days
) -> list[Schedule | ScheduleError]:
    """Validate the columns of many schedules and build them; vectorised over all rows."""
    n_schedules = len(headers)
    owner = timed.owner
    start, end = timed.start.copy(), timed.end.copy()
    n = len(start)
    single = n_schedules == 1

    # Local times to UTC, one zone at a time. Without a known zone the local times stand in
    # for UTC so that every other check still runs and reports.
    tables: list[TzTable | None] = [None] * n_schedules
    skipped = np.zeros(n, dtype=bool)
    for key, members in _groups([h.timezone for h in headers]):
        if key is None:
            continue
        if single:
            rows = slice(None)
            leave = days.day
        else:
            in_group = np.zeros(n_schedules, dtype=bool)
            in_group[members] = True
            rows = np.flatnonzero(in_group[owner])
            leave = days.day[in_group[days.owner]]
        s, e = start[rows], end[rows]
        lo = min(int(s.min()) if len(s) else 2**40, int(leave.min()) * DAY if len(leave) else 2**40)
        hi = max(
            int(e.max()) if len(e) else -(2**40), int(leave.max()) * DAY if len(leave) else -(2**40)
        )
        if lo > hi:
            lo = hi = 0
        table = table_for_range(key, lo, hi)
        for t in members.tolist():
            tables[t] = table
        both = np.concatenate((s, e))
        naive = np.ones(len(both), dtype=bool)
        if timed.start_aware is not None:
            naive = ~np.concatenate((timed.start_aware[rows], timed.end_aware[rows]))
        if naive.all():
            utc, missing = table.to_utc(both)
        else:
            utc, missing = both.copy(), np.zeros(len(both), dtype=bool)
            utc[naive], missing[naive] = table.to_utc(both[naive])
        start[rows], end[rows] = utc[: len(s)], utc[len(s) :]
        missing_rows = missing[: len(s)] | missing[len(s) :]
        if missing_rows.any():
            positions = np.arange(n)[rows]
            for j in np.flatnonzero(missing).tolist():
                i = int(positions[j % len(s)])
                local = both[j]
                t = int(owner[i])
                problems[t].entry(
                    "nonexistent_time",
                    int(timed.index[i]),
                    "start",
                    timed.label(i),
                    value=_iso_local(local),
                    tz=key,
                )
            skipped[rows] |= missing_rows

    valid = end > start
    for i in np.flatnonzero(~valid & ~skipped).tolist():
        aware = timed.end_aware is not None and timed.end_aware[i]
        end_text = _iso_utc(timed.end[i]) if aware else _iso_local(timed.end[i])
        problems[int(owner[i])].entry(
            "end_not_after_start", int(timed.index[i]), "start", timed.label(i), value=end_text
        )
    # A time the clock skips has no instant; comparing it would only add noise.
    valid &= ~skipped

    # Sorting by start alone is enough: entries with equal starts overlap whatever their order.
    # Rows usually come sorted already (rosters, database queries), which a check finds cheaply.
    key = start if single else owner * _BIG + start
    if len(key) < 2 or bool((key[1:] >= key[:-1]).all()):
        order = np.arange(len(key))
    else:
        order = np.argsort(key, kind="stable")
    s_owner, s_start, s_end, s_kind = owner[order], start[order], end[order], timed.kind[order]
    s_valid = valid[order]
    if timed.restrictive is None:
        s_restrictive = np.zeros(n, dtype=bool)
    else:
        s_restrictive = timed.restrictive[order]
    for mask in (COUNTED_MASK[s_kind] & s_valid, (s_kind == STANDBY) & s_valid):
        _report_overlaps(mask, order, s_owner, s_start, s_end, timed, problems, single)
    if s_restrictive.any():
        _report_restrictive_overlaps(
            s_restrictive & s_valid,
            COUNTED_MASK[s_kind] & s_valid,
            order,
            s_owner,
            s_start,
            s_end,
            s_kind,
            timed,
            problems,
        )

    day_key = days.day if single else days.owner * _BIG + days.day
    if len(day_key) < 2 or bool((day_key[1:] >= day_key[:-1]).all()):
        day_order = np.arange(len(day_key))
    else:
        day_order = np.argsort(day_key, kind="stable")
    d_owner, d_day = days.owner[day_order], days.day[day_order]
    if len(d_day) > 1:
        same = (d_day[1:] == d_day[:-1]) & (d_owner[1:] == d_owner[:-1])
        for pos in (np.flatnonzero(same) + 1).tolist():
            first, dup = int(day_order[pos - 1]), int(day_order[pos])
            p = problems[int(d_owner[pos])]
            p.entry(
                "duplicate_leave",
                int(days.index[dup]),
                "date",
                days.label(dup),
                other=p.label(int(days.index[first]), "date", days.label(first)),
            )

    e_off = np.concatenate(([0], np.cumsum(np.bincount(s_owner, minlength=n_schedules))))
    d_off = np.concatenate(([0], np.cumsum(np.bincount(d_owner, minlength=n_schedules))))
    s_index, d_index, d_kind = timed.index[order], days.index[day_order], days.kind[day_order]
    results: list[Schedule | ScheduleError] = []
    for t, header in enumerate(headers):
        if problems[t].items:
            results.append(problems[t].error())
            continue
        a, b = int(e_off[t]), int(e_off[t + 1])
        c, d = int(d_off[t]), int(d_off[t + 1])
        table = tables[t]
        first_day = None
        if b > a:
            first_day = day_date(table.local_seconds(int(s_start[a])) // DAY)
        if d > c:
            leave_first = day_date(int(d_day[c]))
            first_day = leave_first if first_day is None else min(first_day, leave_first)
        ruleset: RuleSet = ruleset_for(header.jurisdiction, first_day)
        results.append(
            Schedule(
                jurisdiction=header.jurisdiction,
                ruleset=ruleset,
                timezone=header.timezone,
                tz=table,
                reference_start=header.reference_start,
                ref_day=epoch_day(header.reference_start),
                start=s_start[a:b],
                end=s_end[a:b],
                kind=s_kind[a:b],
                restrictive=s_restrictive[a:b],
                index=s_index[a:b],
                leave_day=d_day[c:d],
                leave_kind=d_kind[c:d],
                leave_index=d_index[c:d],
                opt_out=header.opt_out,
                holiday_country=header.holiday_country or ruleset.holiday_country,
            )
        )
    return results


def _report_restrictive_overlaps(
    restrictive: np.ndarray,
    counted: np.ndarray,
    order: np.ndarray,
    owner: np.ndarray,
    start: np.ndarray,
    end: np.ndarray,
    kind: np.ndarray,
    timed: _Timed,
    problems: list[_Problems],
) -> None:
    """Report counted entries that overlap a restrictive standby without lying wholly in it."""
    # A restrictive standby is working time where the rule set says so (BE); only a call-out
    # wholly inside it may then share its time, and is counted once. Few entries are
    # restrictive, so a search per standby costs nothing.
    c = np.flatnonzero(counted)
    if not len(c):
        return
    c_start = owner[c] * _BIG + start[c]
    c_end = owner[c] * _BIG + end[c]
    for r in np.flatnonzero(restrictive).tolist():
        base = int(owner[r]) * _BIG
        lo = np.searchsorted(c_end, base + start[r], side="right")
        hi = np.searchsorted(c_start, base + end[r], side="left")
        for j in c[lo:hi].tolist():
            inside = start[j] >= start[r] and end[j] <= end[r]
            if kind[j] == CALLOUT and inside:
                continue
            a, b = int(order[r]), int(order[j])
            p = problems[int(timed.owner[a])]
            p.entry(
                "restrictive_overlap",
                int(timed.index[b]),
                "start",
                timed.label(b),
                other=p.label(int(timed.index[a]), "start", timed.label(a)),
            )


def _report_overlaps(
    mask: np.ndarray,
    order: np.ndarray,
    owner: np.ndarray,
    start: np.ndarray,
    end: np.ndarray,
    timed: _Timed,
    problems: list[_Problems],
    single: bool,
) -> None:
    """Report entries (sorted by owner, start) that overlap an earlier one of the same owner."""
    positions = np.flatnonzero(mask)
    if len(positions) < 2:
        return
    # Offsetting by owner keeps a long entry of one schedule from reaching into the next.
    s, e = start[positions], end[positions]
    if not single:
        base = owner[positions] * _BIG
        s, e = s + base, e + base
    reach = np.maximum.accumulate(e)
    bad = np.flatnonzero(s[1:] < reach[:-1]) + 1
    if not bad.size:
        return
    # The latest entry reaching furthest so far is the one each bad entry overlaps.
    holder = np.maximum.accumulate(np.where(e == reach, np.arange(len(e)), 0))
    for k in bad.tolist():
        a = int(order[positions[holder[k - 1]]])
        b = int(order[positions[k]])
        if timed.index[b] < timed.index[a]:
            a, b = b, a
        p = problems[int(timed.owner[b])]
        p.entry(
            "overlap",
            int(timed.index[b]),
            "start",
            timed.label(b),
            other=p.label(int(timed.index[a]), "start", timed.label(a)),
        )


__all__ = [
    "Entry",
    "LeaveDay",
    "OptOutPeriod",
    "Problem",
    "Schedule",
    "ScheduleError",
    "parse_schedule",
    "schedules_from_arrays",
]
