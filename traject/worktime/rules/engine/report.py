"""The report of a check: violations, weekly figures, averaging blocks, and their JSON."""

from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Any, NamedTuple

import numpy as np
import orjson

from .. import jsonrows
from ..kinds import (
    DAY_KINDS,
    N_TIMED,
    STANDBY,
    TIMED_KINDS,
)
from ..schedule import Schedule
from .common import HOUR, _hours_list


# Plain slotted dataclasses: a frozen one costs four times as much to build, per violation.
@dataclass(slots=True)
class Violation:
    """A broken rule over a period given as ISO local times."""

    rule: str
    start: str
    end: str
    value: float | int
    limit: float | int
    message: str

    def to_dict(self) -> dict[str, Any]:
        """Return the exchange-format dict."""
        return {
            "rule": self.rule,
            "start": self.start,
            "end": self.end,
            "value": self.value,
            "limit": self.limit,
            "message": self.message,
        }


@dataclass(slots=True)
class WeekFigures:
    """The figures of one week, Monday 00:00 to Monday 00:00 local; hours as floats."""

    start: date
    hours: float
    hours_by_kind: dict[str, float]
    night_hours: float
    weekend_hours: float
    holiday_hours: float
    hours_above_48: float
    standby_hours: float
    standby_blocks: int
    standby_blocks_weekday_day: int
    standby_blocks_other: int
    leave_days: int
    leave_by_kind: dict[str, int]
    opt_out: bool
    # Restrictive home standby counted as working time (BE), and the hours without it.
    restrictive_standby_hours: float = 0.0
    hours_without_restrictive: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        """Return the exchange-format dict."""
        return {
            "start": self.start.isoformat(),
            "hours": self.hours,
            "hours_by_kind": dict(self.hours_by_kind),
            "night_hours": self.night_hours,
            "weekend_hours": self.weekend_hours,
            "holiday_hours": self.holiday_hours,
            "hours_above_48": self.hours_above_48,
            "standby_hours": self.standby_hours,
            "standby_blocks": self.standby_blocks,
            "standby_blocks_weekday_day": self.standby_blocks_weekday_day,
            "standby_blocks_other": self.standby_blocks_other,
            "leave_days": self.leave_days,
            "leave_by_kind": dict(self.leave_by_kind),
            "opt_out": self.opt_out,
            "restrictive_standby_hours": self.restrictive_standby_hours,
            "hours_without_restrictive": self.hours_without_restrictive,
        }


@dataclass(slots=True)
class BlockFigures:
    """One averaging block of one rule; ``limit`` and ``average`` are hours a week."""

    rule: str
    start: str
    end: str
    weeks: int
    hours: float
    leave_credit: float
    leave_days: int
    average: float
    limit: float
    available: float

    def to_dict(self) -> dict[str, Any]:
        """Return the exchange-format dict."""
        return {
            "rule": self.rule,
            "start": self.start,
            "end": self.end,
            "weeks": self.weeks,
            "hours": self.hours,
            "leave_credit": self.leave_credit,
            "leave_days": self.leave_days,
            "average": self.average,
            "limit": self.limit,
            "available": self.available,
        }


def _week_layout(w: "_WeekRange", threshold: float) -> list[Any]:
    """Return the parts of a week row of ``Report._week_dicts`` for ``jsonrows.rows``."""
    hours = w["hours"]
    by_kind = w["by_kind"]
    blocks = w["standby_blocks"]
    weekday_day = w["standby_blocks_weekday_day"]
    leave = w["leave"]
    layout: list[Any] = [b'{"start":"', jsonrows.Days(w["start"]), b'","hours":']
    layout.append(jsonrows.Cents(hours))
    for c, kind in enumerate(TIMED_KINDS):
        layout += [(',"hours_by_kind":{"' if c == 0 else ',"').encode() + kind.encode() + b'":']
        layout.append(jsonrows.Cents(by_kind[:, c]))
    layout += [
        b'},"night_hours":',
        jsonrows.Cents(w["night"]),
        b',"weekend_hours":',
        jsonrows.Cents(w["weekend"]),
        b',"holiday_hours":',
        jsonrows.Cents(w["holiday"]),
        b',"hours_above_48":',
        jsonrows.Cents(np.maximum(hours - threshold, 0.0)),
        b',"standby_hours":',
        jsonrows.Cents(by_kind[:, STANDBY]),
        b',"standby_blocks":',
        jsonrows.Ints(blocks),
        b',"standby_blocks_weekday_day":',
        jsonrows.Ints(weekday_day),
        b',"standby_blocks_other":',
        jsonrows.Ints(blocks - weekday_day),
        b',"leave_days":',
        jsonrows.Ints(leave.sum(axis=1)),
    ]
    for c, kind in enumerate(DAY_KINDS):
        layout += [(',"leave_by_kind":{"' if c == 0 else ',"').encode() + kind.encode() + b'":']
        layout.append(jsonrows.Ints(leave[:, c]))
    layout += [
        b'},"opt_out":',
        jsonrows.Bools(w["opt_out"]),
        b',"restrictive_standby_hours":',
        jsonrows.Cents(w["restrictive"]),
        b',"hours_without_restrictive":',
        jsonrows.Cents(w["hours_plain"]),
        b"}",
    ]
    return layout


def _block_layout(b: dict[str, Any]) -> list[Any]:
    """Return the parts of a block row of ``Report._block_dicts`` for ``jsonrows.rows``."""
    starts = b["start_day"]
    n_weeks = b["weeks"]
    return [
        b'{"rule":' + orjson.dumps(b["rule"]) + b',"start":"',
        jsonrows.Days(starts),
        b'T00:00","end":"',
        jsonrows.Days(starts + 7 * n_weeks),
        b'T00:00","weeks":' + orjson.dumps(n_weeks) + b',"hours":',
        jsonrows.Cents(b["hours"]),
        b',"leave_credit":',
        jsonrows.Cents(b["credit"]),
        b',"leave_days":',
        jsonrows.Ints(b["leave_days"]),
        b',"average":',
        jsonrows.Cents(b["average"]),
        b',"limit":',
        jsonrows.Cents(b["limit"]),
        b',"available":',
        jsonrows.Cents(b["available"]),
        b"}",
    ]


class _WeekRange:
    """One schedule's rows of the batch's weekly arrays, sliced only when read."""

    __slots__ = ("arrays", "lo", "hi")

    def __init__(self, arrays: dict[str, np.ndarray], lo: int, hi: int) -> None:
        self.arrays, self.lo, self.hi = arrays, lo, hi

    def __getitem__(self, name: str) -> np.ndarray:
        return self.arrays[name][self.lo : self.hi]


class ViolationColumns(NamedTuple):
    """Violations as columns, in report order: the fields of ``Violation``, one list each."""

    rule: list[str]
    start: list[str]
    end: list[str]
    value: list[float] | list[int]
    limit: list[float] | list[int]
    message: list[str]


_VIOLATION_KEYS = (
    b'{"rule":',
    b',"start":',
    b',"end":',
    b',"value":',
    b',"limit":',
    b',"message":',
)


def _violations_json(columns: ViolationColumns) -> bytes:
    """Return ``orjson.dumps([v.to_dict() for v in violations])`` of violations as columns."""
    n = len(columns.rule)
    if not n:
        return b"[]"
    texts = {rule: orjson.dumps(rule) for rule in set(columns.rule)}
    values: list[list[bytes]] = [list(map(texts.__getitem__, columns.rule))]
    # ISO times and numbers hold no comma: one orjson call per column, split at the commas.
    for column in (columns.start, columns.end, columns.value, columns.limit):
        values.append(orjson.dumps(column)[1:-1].split(b","))
    # Messages in one call too, split between the strings: a quote inside a string is
    # escaped, so '","' not just after a backslash is always a separator. Texts with a
    # backslash before '","' are written one by one.
    keys, tail = _VIOLATION_KEYS[:-1] + (b',"message":"',), b'"},'
    text = orjson.dumps(columns.message)[2:-2]
    if b'\\","' in text:
        keys, tail = _VIOLATION_KEYS, b"},"
        messages = list(map(orjson.dumps, columns.message))
    else:
        messages = text.split(b'","')
    values.append(messages)
    width = 2 * len(keys) + 1
    flat: list[bytes] = [tail] * (width * n)
    for k, (key, column) in enumerate(zip(keys, values, strict=True)):
        flat[2 * k :: width] = [key] * n
        flat[2 * k + 1 :: width] = column
    return b"[" + b"".join(flat)[:-1] + b"]"


# From this many weeks on, numpy writing the rows beats orjson writing the dicts (a few years;
# below it the numpy calls' fixed cost dominates).
_JSON_ROWS_FROM = 200


class Report:
    """The outcome of a check: violations, weekly figures and averaging blocks."""

    def __init__(
        self,
        schedule: Schedule,
        lang: str,
        violations: list[Violation] | ViolationColumns,
        weeks: _WeekRange | None = None,
        blocks: list[dict[str, Any]] | None = None,
    ) -> None:
        self.schedule = schedule
        self.lang = lang
        # The engine hands over its violations as columns; the objects are built when asked for.
        self._columns: ViolationColumns | None = None
        self._violations: list[Violation] | None = None
        if isinstance(violations, ViolationColumns):
            self._columns = violations
        else:
            self._violations = violations
        # Figures stay numpy arrays (views into the batch) until someone asks for them.
        self._weeks = weeks
        self._blocks = blocks or []

    @property
    def violations(self) -> list[Violation]:
        """Return the broken rules, by start, then in rule order."""
        if self._violations is None:
            assert self._columns is not None
            self._violations = list(map(Violation, *self._columns))
            self._columns = None
        return self._violations

    @violations.setter
    def violations(self, violations: list[Violation]) -> None:
        self._violations, self._columns = violations, None

    @property
    def compliant(self) -> bool:
        """Return whether no rule is broken."""
        if self._columns is not None:
            return not self._columns.rule
        return not self._violations

    def _week_dicts(self) -> list[dict[str, Any]]:
        # Built afresh on each call so that callers may change what they get.
        w = self._weeks
        if w is None or not len(w["start"]):
            return []
        threshold = self.schedule.ruleset.params.overtime_threshold_h * HOUR
        hours = w["hours"]
        # Column by column in numpy, then one dict per week; zip without strict and dict(zip())
        # for the nested figures are the cheapest way to build these rows in Python.
        kind_rows = list(
            zip(*(_hours_list(w["by_kind"][:, c]) for c in range(N_TIMED)), strict=True)
        )
        by_kind = [dict(zip(TIMED_KINDS, row, strict=False)) for row in kind_rows]
        standby = [row[STANDBY] for row in kind_rows]
        leave = w["leave"]
        by_leave = [dict(zip(DAY_KINDS, row, strict=False)) for row in leave.tolist()]
        blocks = w["standby_blocks"]
        weekday_day = w["standby_blocks_weekday_day"]
        columns = zip(
            np.datetime_as_string(w["start"].astype("datetime64[D]")).tolist(),
            _hours_list(hours),
            by_kind,
            _hours_list(w["night"]),
            _hours_list(w["weekend"]),
            _hours_list(w["holiday"]),
            _hours_list(np.maximum(hours - threshold, 0.0)),
            standby,
            blocks.tolist(),
            weekday_day.tolist(),
            (blocks - weekday_day).tolist(),
            leave.sum(axis=1).tolist(),
            by_leave,
            w["opt_out"].tolist(),
            _hours_list(w["restrictive"]),
            _hours_list(w["hours_plain"]),
            strict=True,
        )
        keys = (
            "start",
            "hours",
            "hours_by_kind",
            "night_hours",
            "weekend_hours",
            "holiday_hours",
            "hours_above_48",
            "standby_hours",
            "standby_blocks",
            "standby_blocks_weekday_day",
            "standby_blocks_other",
            "leave_days",
            "leave_by_kind",
            "opt_out",
            "restrictive_standby_hours",
            "hours_without_restrictive",
        )
        return [dict(zip(keys, row, strict=False)) for row in columns]

    def _block_dicts(self) -> list[dict[str, Any]]:
        result = []
        for b in self._blocks:
            n_weeks = b["weeks"]
            starts = b["start_day"]
            columns = zip(
                np.datetime_as_string(starts.astype("datetime64[D]")).tolist(),
                np.datetime_as_string((starts + 7 * n_weeks).astype("datetime64[D]")).tolist(),
                _hours_list(b["hours"]),
                _hours_list(b["credit"]),
                b["leave_days"].tolist(),
                _hours_list(b["average"]),
                _hours_list(b["limit"]),
                _hours_list(b["available"]),
                strict=True,
            )
            result.extend(
                {
                    "rule": b["rule"],
                    "start": f"{first}T00:00",
                    "end": f"{last}T00:00",
                    "weeks": n_weeks,
                    "hours": hours,
                    "leave_credit": credit,
                    "leave_days": leave_days,
                    "average": average,
                    "limit": limit,
                    "available": available,
                }
                for first, last, hours, credit, leave_days, average, limit, available in columns
            )
        return result

    @cached_property
    def weeks(self) -> list[WeekFigures]:
        """Return the figures of every week from the first to the last week with an entry."""
        return [
            WeekFigures(**{**row, "start": date.fromisoformat(row["start"])})
            for row in self._week_dicts()
        ]

    @cached_property
    def blocks(self) -> list[BlockFigures]:
        """Return the blocks of every averaging rule, in rule order then time order."""
        return [BlockFigures(**row) for row in self._block_dicts()]

    def to_dict(self) -> dict[str, Any]:
        """Return the exchange-format output, JSON-serialisable."""
        return {
            "compliant": self.compliant,
            "violations": [v.to_dict() for v in self.violations],
            "weeks": self._week_dicts(),
            "blocks": self._block_dicts(),
        }

    def to_json(self) -> bytes:
        """Return ``orjson.dumps(self.to_dict())``: the same bytes, built without the dicts."""
        # The week and block tables are written by numpy (see jsonrows); the violations are
        # few and orjson writes the dataclasses itself.
        w = self._weeks
        if w is None or len(w["start"]) < _JSON_ROWS_FROM:
            return orjson.dumps(self.to_dict())
        weeks = self._weeks_json()
        blocks = [self._block_json(b) for b in self._blocks]
        if weeks is None or None in blocks:
            return orjson.dumps(self.to_dict())
        if self._columns is not None:
            violations = _violations_json(self._columns)
        else:
            violations = orjson.dumps([v.to_dict() for v in self.violations])
        return b"".join(
            (
                b'{"compliant":',
                b"true" if self.compliant else b"false",
                b',"violations":',
                violations,
                b',"weeks":[',
                weeks,
                b'],"blocks":[',
                b",".join(filter(None, blocks)),
                b"]}",
            )
        )

    def _weeks_json(self) -> bytes | memoryview | None:
        w = self._weeks
        if w is None or not len(w["start"]):
            return b""
        threshold = self.schedule.ruleset.params.overtime_threshold_h * HOUR
        return jsonrows.rows(len(w["start"]), _week_layout(w, threshold))

    def _block_json(self, b: dict[str, Any]) -> bytes | memoryview | None:
        return jsonrows.rows(len(b["start_day"]), _block_layout(b))
