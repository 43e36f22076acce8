"""Entries as columns, the problems found while reading them, and the small parsers."""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import numpy as np

from .. import messages
from ..tz import (
    day_date,
    epoch_day,
)
from .types import _EPOCH, _EPOCH_UTC, _SECOND, Problem, Schedule, ScheduleError


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
