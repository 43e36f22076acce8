"""The rule engine: weekly figures, averaging blocks and violations of schedules.

Everything is vectorised over entries, and over many schedules at once (``evaluate_many``;
``evaluate`` is a batch of one), so the cost per schedule is a handful of numpy calls shared
by the whole batch rather than a hundred calls each. Entries are cut at every local midnight,
08:00 and 20:00 (a "grid" of local boundaries converted once to UTC), so each piece lies in
one local day and one day or night window; weekly figures are sums over pieces by week slot.

Schedule t of a batch owns a contiguous run of every per-item array (entries, weeks, blocks);
``*_off`` arrays hold where each run starts. The grid depends only on the zone, so schedules in
the same zone share one.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache, cached_property
from typing import Any

import numpy as np

from . import messages
from .kinds import (
    COUNTED_MASK,
    DAY_KINDS,
    INHOUSE,
    N_DAY,
    N_TIMED,
    STANDBY,
    TIMED_KINDS,
    TRANSITION,
)
from .rulesets import (
    AverageMax,
    DaysOffMin,
    InhouseCallMax,
    RestMin,
    StintMax,
    StintSplitMax,
    WeeklyRestMin,
    WeekMax,
)
from .schedule import Schedule
from .tz import DAY, TzTable, day_date, epoch_day, holiday_days

HOUR = 3600


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


def _hours_list(seconds: np.ndarray) -> list[float]:
    # Hours to two decimals, half up, the same way everywhere so that a block and its
    # violation never differ in the last digit.
    return (np.floor(np.asarray(seconds, dtype=np.float64) / 36 + 0.5) / 100).tolist()


class _WeekRange:
    """One schedule's rows of the batch's weekly arrays, sliced only when read."""

    __slots__ = ("arrays", "lo", "hi")

    def __init__(self, arrays: dict[str, np.ndarray], lo: int, hi: int) -> None:
        self.arrays, self.lo, self.hi = arrays, lo, hi

    def __getitem__(self, name: str) -> np.ndarray:
        return self.arrays[name][self.lo : self.hi]


class Report:
    """The outcome of a check: violations, weekly figures and averaging blocks."""

    def __init__(
        self,
        schedule: Schedule,
        lang: str,
        violations: list[Violation],
        weeks: _WeekRange | None = None,
        blocks: list[dict[str, Any]] | None = None,
    ) -> None:
        self.schedule = schedule
        self.lang = lang
        self.violations = violations
        # Figures stay numpy arrays (views into the batch) until someone asks for them.
        self._weeks = weeks
        self._blocks = blocks or []

    @property
    def compliant(self) -> bool:
        """Return whether no rule is broken."""
        return not self.violations

    def _week_dicts(self) -> list[dict[str, Any]]:
        # Built afresh on each call so that callers may change what they get.
        w = self._weeks
        if w is None or not len(w["start"]):
            return []
        threshold = self.schedule.ruleset.params.overtime_threshold_h * HOUR
        hours = w["hours"]
        by_kind = list(zip(*(_hours_list(w["by_kind"][:, c]) for c in range(N_TIMED)), strict=True))
        leave = w["leave"].tolist()
        blocks = w["standby_blocks"].tolist()
        weekday_day = w["standby_blocks_weekday_day"].tolist()
        columns = zip(
            np.datetime_as_string(w["start"].astype("datetime64[D]")).tolist(),
            _hours_list(hours),
            by_kind,
            _hours_list(w["night"]),
            _hours_list(w["weekend"]),
            _hours_list(w["holiday"]),
            _hours_list(np.maximum(hours - threshold, 0.0)),
            blocks,
            weekday_day,
            leave,
            w["opt_out"].tolist(),
            strict=True,
        )
        return [
            {
                "start": start,
                "hours": total,
                "hours_by_kind": dict(zip(TIMED_KINDS, kinds, strict=True)),
                "night_hours": night,
                "weekend_hours": weekend,
                "holiday_hours": holiday,
                "hours_above_48": above,
                "standby_hours": kinds[STANDBY],
                "standby_blocks": n_blocks,
                "standby_blocks_weekday_day": n_day,
                "standby_blocks_other": n_blocks - n_day,
                "leave_days": sum(days),
                "leave_by_kind": dict(zip(DAY_KINDS, days, strict=True)),
                "opt_out": opt_out,
            }
            for (
                start,
                total,
                kinds,
                night,
                weekend,
                holiday,
                above,
                n_blocks,
                n_day,
                days,
                opt_out,
            ) in columns
        ]

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


def _starts(counts: np.ndarray) -> np.ndarray:
    """Return the exclusive running sum: where each run of the given lengths starts (+ total)."""
    out = np.zeros(len(counts) + 1, dtype=np.int64)
    np.cumsum(counts, out=out[1:])
    return out


def _expand(counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return (run number, position within the run) for runs of the given lengths."""
    total = int(counts.sum())
    run = np.repeat(np.arange(len(counts)), counts)
    within = np.arange(total) - np.repeat(_starts(counts)[:-1], counts)
    return run, within


def _groups(keys: list) -> list[tuple[Any, np.ndarray | None]]:
    """Group schedule numbers by key; None instead of the numbers when there is one group."""
    found: dict[Any, list[int]] = {}
    for t, key in enumerate(keys):
        found.setdefault(key, []).append(t)
    if len(found) == 1:
        return [(next(iter(found)), None)]
    return [(key, np.array(ts, dtype=np.int64)) for key, ts in found.items()]


def _select(owner: np.ndarray, members: np.ndarray | None, n_schedules: int) -> np.ndarray | None:
    """Return a mask of the items owned by the member schedules (None: every item)."""
    if members is None:
        return None
    chosen = np.zeros(n_schedules, dtype=bool)
    chosen[members] = True
    return chosen[owner]


class _Grid:
    """Local 00:00, day start and day end of every day in a range, as sorted UTC instants."""

    __slots__ = ("table", "members", "day0", "instants")

    def __init__(
        self,
        table: TzTable,
        bounds: tuple[int, int, int],
        members: np.ndarray | None,
        day0: int,
        days: int,
    ) -> None:
        self.table = table
        # Schedule numbers using this grid; None when the whole batch does.
        self.members = members
        self.day0 = day0
        local = (day0 + np.arange(days, dtype=np.int64))[:, None] * DAY + np.array(bounds)
        local = np.concatenate((local.ravel(), [(day0 + days) * DAY]))
        self.instants = table.to_utc_clamped(local)

    def locate(self, instants: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Return (epoch day, window 0-2) of the segment each instant falls in."""
        seg = np.searchsorted(self.instants, instants, side="right") - 1
        day = seg // 3
        return self.day0 + day, seg - 3 * day


class _Batch:
    """Intermediate arrays of a batch of schedules that several rules share."""

    def __init__(self, schedules: list[Schedule], lang: str) -> None:
        self.schedules = schedules
        self.lang = lang
        T = self.n = len(schedules)
        n_entries = np.array([len(s.start) for s in schedules], dtype=np.int64)
        n_leave = np.array([len(s.leave_day) for s in schedules], dtype=np.int64)
        ref = self.ref = np.array([s.ref_day for s in schedules], dtype=np.int64)
        e_off = _starts(n_entries)
        start = self.start = np.concatenate([s.start for s in schedules])
        end = self.end = np.concatenate([s.end for s in schedules])
        kind = self.kind = np.concatenate([s.kind for s in schedules])
        owner = self.owner = np.repeat(np.arange(T), n_entries)
        leave_owner = self.leave_owner = np.repeat(np.arange(T), n_leave)
        l_off = _starts(n_leave)
        leave_day = np.concatenate([s.leave_day for s in schedules])
        leave_rel = self.leave_rel = leave_day - ref[leave_owner]
        leave_kind = np.concatenate([s.leave_kind for s in schedules])
        has = n_entries > 0
        has_leave = n_leave > 0
        firsts = e_off[:-1][has]

        # One grid per zone (and day window) serves every schedule in it: the grid depends on
        # local dates only, so schedules share it whatever their reference Monday.
        keys = []
        for s in schedules:
            p = s.ruleset.params
            keys.append((s.tz, (0, p.day_start_h * HOUR, p.day_end_h * HOUR)))
        grid_groups = _groups(keys)
        self.tz_groups = [(table, members) for (table, _), members in grid_groups]

        # Local day span of each schedule in epoch days, padded a day each side for the grid.
        lo = np.full(T, np.iinfo(np.int64).max // 4, dtype=np.int64)
        hi = np.full(T, np.iinfo(np.int64).min // 4, dtype=np.int64)
        if has.any():
            owners = np.flatnonzero(has)
            lo[has] = self.to_local(start[firsts], owners) // DAY
            hi[has] = self.to_local(np.maximum.reduceat(end, firsts) - 1, owners) // DAY
        if has_leave.any():
            lo[has_leave] = np.minimum(lo[has_leave], leave_day[l_off[:-1][has_leave]])
            hi[has_leave] = np.maximum(hi[has_leave], leave_day[l_off[1:][has_leave] - 1])
        self.grids = []
        for (table, bounds), members in grid_groups:
            span_lo = int(lo.min() if members is None else lo[members].min()) - 1
            span_hi = int(hi.max() if members is None else hi[members].max()) + 1
            grid = _Grid(table, bounds, members, span_lo, span_hi - span_lo + 1)
            self.grids.append(grid)
        self.day0 = day0 = int(lo.min()) - 1
        n_days = int(hi.max()) + 2 - day0

        # Public holidays as a (country, day) table over the batch's days.
        countries = [s.holiday_country for s in schedules]
        names = sorted({c for c in countries if c})
        self.holiday = np.zeros((len(names) + 1, n_days), dtype=bool)
        epoch_days = day0 + np.arange(n_days, dtype=np.int64)
        first_year, last_year = day_date(day0).year, day_date(day0 + n_days - 1).year
        for row, name in enumerate(names):
            known = holiday_days(name, first_year, last_year)
            self.holiday[row] = np.isin(epoch_days, known)
        # Schedules without a holiday country point at the last row, all False.
        index = {name: row for row, name in enumerate(names)}
        self.country_row = np.array([index.get(c, len(names)) for c in countries], dtype=np.int64)

        # Cut entries at grid boundaries into pieces.
        piece_parts = []
        for grid in self.grids:
            mask = _select(owner, grid.members, T)
            entries = np.arange(len(start)) if mask is None else np.flatnonzero(mask)
            s, e = start[entries], end[entries]
            seg0 = np.searchsorted(grid.instants, s, side="right") - 1
            seg1 = np.searchsorted(grid.instants, e, side="left") - 1
            run, within = _expand(seg1 - seg0 + 1)
            gseg = seg0[run] + within
            piece_start = np.maximum(s[run], grid.instants[gseg])
            dur = np.minimum(e[run], grid.instants[gseg + 1]) - piece_start
            day = gseg // 3
            piece_parts.append((entries[run], dur, grid.day0 + day, gseg - 3 * day))
        if len(piece_parts) == 1:
            piece_entry, dur, abs_day, part = piece_parts[0]
        else:
            piece_entry, dur, abs_day, part = (
                np.concatenate(c) for c in zip(*piece_parts, strict=True)
            )
        p_owner = owner[piece_entry]
        rel_day = abs_day - ref[p_owner]
        self.piece_owner = p_owner
        self.piece_day = abs_day
        self.piece_dur = dur

        # Weeks: from the first to the last week with an entry, per schedule.
        d_first = np.full(T, np.iinfo(np.int64).max // 4, dtype=np.int64)
        d_last = np.full(T, np.iinfo(np.int64).min // 4, dtype=np.int64)
        if len(p_owner):
            first_piece = np.ones(len(p_owner), dtype=bool)
            first_piece[1:] = p_owner[1:] != p_owner[:-1]
            runs = np.flatnonzero(first_piece)
            d_first[p_owner[runs]] = np.minimum.reduceat(rel_day, runs)
            d_last[p_owner[runs]] = np.maximum.reduceat(rel_day, runs)
        if has_leave.any():
            d_first[has_leave] = np.minimum(d_first[has_leave], leave_rel[l_off[:-1][has_leave]])
            d_last[has_leave] = np.maximum(d_last[has_leave], leave_rel[l_off[1:][has_leave] - 1])
        self.wfirst = wfirst = d_first // 7
        self.wlast = wlast = d_last // 7
        self.nweeks = nweeks = wlast - wfirst + 1
        self.w_off = w_off = _starts(nweeks)
        NW = self.NW = int(w_off[-1])
        week_owner, week_within = _expand(nweeks)
        self.week_owner = week_owner
        self.week_rel = wfirst[week_owner] + week_within

        slot = w_off[p_owner] + rel_day // 7 - wfirst[p_owner]
        piece_kind = kind[piece_entry]
        counted_dur = np.where(COUNTED_MASK[piece_kind], dur, 0).astype(np.float64)
        self.week_hours = np.bincount(slot, counted_dur, NW)
        by_kind = np.bincount(slot * N_TIMED + piece_kind, dur.astype(np.float64), NW * N_TIMED)
        night = np.bincount(slot, counted_dur * (part != 1), NW)
        weekend = np.bincount(slot, counted_dur * (rel_day % 7 >= 5), NW)
        on_holiday = self.holiday[self.country_row[p_owner], abs_day - day0]
        holiday_hours = np.bincount(slot, counted_dur * on_holiday, NW)
        self.leave_slot = w_off[leave_owner] + leave_rel // 7 - wfirst[leave_owner]
        leave = np.bincount(self.leave_slot * N_DAY + leave_kind, minlength=NW * N_DAY)
        periods = [s.opt_out for s in schedules]
        self.opt_out_count = np.array([len(p) for p in periods], dtype=np.int64)
        self.opt_out_off = _starts(self.opt_out_count)
        far = np.iinfo(np.int64).max // 4
        self.opt_out_from = np.array(
            [-far if p.start is None else epoch_day(p.start) for ps in periods for p in ps],
            dtype=np.int64,
        )
        self.opt_out_until = np.array(
            [far if p.until is None else epoch_day(p.until) for ps in periods for p in ps],
            dtype=np.int64,
        )
        self.week_opt_out = self.opt_out_flags(week_owner, self.week_rel)
        blocks, weekday_day = self._standby_blocks()
        self.weeks = {
            "start": ref[week_owner] + 7 * self.week_rel,
            "hours": self.week_hours,
            "by_kind": by_kind.reshape(NW, N_TIMED),
            "night": night,
            "weekend": weekend,
            "holiday": holiday_hours,
            "standby_blocks": blocks,
            "standby_blocks_weekday_day": weekday_day,
            "leave": leave.reshape(NW, N_DAY),
            "opt_out": self.week_opt_out,
        }
        self._stints()

    def _standby_blocks(self) -> tuple[np.ndarray, np.ndarray]:
        # Blocks begun are counted per standby stretch (touching standby entries joined), in
        # 12-hour steps of real time from its start, each block counted in the week and the
        # pay class of the moment it begins. Example 3 (Friday 18:00 to Monday 08:00, 62 h)
        # gives ceil(62 / 12) = 6: five begun in the first week, one (Monday 06:00) in the next.
        # Cutting the stretch at the week boundary would also give 6 here, but would make a
        # Sunday 20:00 - Monday 08:00 standby two blocks for 12 hours; so would cutting it at
        # 08:00/20:00. Splitting an entry in two touching ones changes nothing this way.
        mask = self.kind == STANDBY
        if not mask.any():
            zero = np.zeros(self.NW, dtype=np.int64)
            return zero, zero
        ss, se, so = self.start[mask], self.end[mask], self.owner[mask]
        new = np.ones(len(ss), dtype=bool)
        new[1:] = (ss[1:] != se[:-1]) | (so[1:] != so[:-1])
        first = np.flatnonzero(new)
        last = np.append(first[1:] - 1, len(ss) - 1)
        stretch_start, stretch_end, stretch_owner = ss[first], se[last], so[first]
        step = np.array(
            [round(s.ruleset.params.standby_block_h * HOUR) for s in self.schedules],
            dtype=np.int64,
        )[stretch_owner]
        stretch, k = _expand(-((stretch_start - stretch_end) // step))
        owner = stretch_owner[stretch]
        begins = stretch_start[stretch] + k * step[stretch]
        day, part = self.locate(begins, owner)
        holiday = self.holiday[self.country_row[owner], day - self.day0]
        rel_day = day - self.ref[owner]
        weekday_day = (part == 1) & (rel_day % 7 < 5) & ~holiday
        slot = self.w_off[owner] + rel_day // 7 - self.wfirst[owner]
        return (
            np.bincount(slot, minlength=self.NW),
            np.bincount(slot, weekday_day, self.NW).astype(np.int64),
        )

    def _stints(self) -> None:
        counted = COUNTED_MASK[self.kind]
        cs, ce = self.start[counted], self.end[counted]
        ck, co = self.kind[counted], self.owner[counted]
        if not len(cs):
            empty = np.zeros(0, dtype=np.int64)
            self.stint_start = self.stint_end = self.stint_transition = self.stint_owner = empty
            self.stint_inhouse = np.zeros(0, dtype=bool)
            self.rest_same = np.zeros(0, dtype=bool)
            return
        # Sorted by start and free of overlaps, so ends are sorted too and a stint breaks
        # wherever an entry starts after the previous one ended (or the schedule changes).
        new = np.ones(len(cs), dtype=bool)
        new[1:] = (cs[1:] > ce[:-1]) | (co[1:] != co[:-1])
        first = np.flatnonzero(new)
        last = np.append(first[1:] - 1, len(cs) - 1)
        self.stint_start = cs[first]
        self.stint_end = ce[last]
        self.stint_owner = co[first]
        self.stint_inhouse = np.add.reduceat((ck == INHOUSE).astype(np.int64), first) > 0
        self.stint_transition = np.add.reduceat(np.where(ck == TRANSITION, ce - cs, 0), first)
        # Rest i lies between stints i and i + 1 when both belong to the same schedule.
        self.rest_same = self.stint_owner[1:] == self.stint_owner[:-1]

    # --- helpers -------------------------------------------------------------------------

    def to_local(self, instants: np.ndarray, owners: np.ndarray) -> np.ndarray:
        """Return local seconds of instants, each in its schedule's zone."""
        if len(self.tz_groups) == 1:
            return self.tz_groups[0][0].to_local(instants)
        out = np.empty(len(instants), dtype=np.int64)
        for table, members in self.tz_groups:
            mask = _select(owners, members, self.n)
            out[mask] = table.to_local(instants[mask])
        return out

    def locate(self, instants: np.ndarray, owners: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Return (epoch day, window 0-2: before, inside, after the day window) of instants."""
        if len(self.grids) == 1:
            return self.grids[0].locate(instants)
        day = np.empty(len(instants), dtype=np.int64)
        part = np.empty(len(instants), dtype=np.int64)
        for grid in self.grids:
            mask = _select(owners, grid.members, self.n)
            day[mask], part[mask] = grid.locate(instants[mask])
        return day, part

    def week_of(self, instants: np.ndarray, owners: np.ndarray) -> np.ndarray:
        """Return the week, relative to each schedule's reference Monday, of instants."""
        return (self.locate(instants, owners)[0] - self.ref[owners]) // 7

    def opt_out_flags(self, owners: np.ndarray, weeks: np.ndarray) -> np.ndarray:
        """Return, per (schedule, relative week), whether an opt-out covers the whole week."""
        # The agreement applies to the weeks from its date on: a week counts only when a
        # period covers it from Monday to Sunday, so a Wednesday signature starts the next
        # week, and a withdrawal ends the opt-out with the last whole week before it.
        if not self.opt_out_count.any():
            return np.zeros(len(owners), dtype=bool)
        week, k = _expand(self.opt_out_count[owners])
        period = self.opt_out_off[owners[week]] + k
        monday = self.ref[owners[week]] + 7 * weeks[week]
        inside = (monday >= self.opt_out_from[period]) & (monday + 6 <= self.opt_out_until[period])
        return np.bincount(week[inside], minlength=len(owners)) > 0

    def blocks(self, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, int]:
        """Return (first block, block count, block run starts, block owner, total) for N weeks."""
        first = self.wfirst // n
        count = self.wlast // n - first + 1
        b_off = _starts(count)
        owner = np.repeat(np.arange(self.n), count)
        return first, count, b_off, owner, int(b_off[-1])


def _moment_columns(local: np.ndarray, lang: str) -> tuple[list[str], list[str]]:
    """Return ISO strings and phrases ("Tuesday 7 January 08:00") of local seconds."""
    # Vectorised: formatting one datetime at a time costs more than finding the violation.
    whole_minutes = local % 60 == 0
    iso = np.datetime_as_string(local.astype("datetime64[s]"), unit="m").tolist()
    if not whole_minutes.all():
        exact = np.datetime_as_string(local.astype("datetime64[s]"), unit="s").tolist()
        iso = [
            a if keep else b for a, b, keep in zip(iso, exact, whole_minutes.tolist(), strict=True)
        ]
    days = local // DAY
    weekday = ((days + 3) % 7).tolist()  # 1970-01-01 was a Thursday
    _, dates = _day_columns(days, lang)
    hour = (local % DAY // HOUR).tolist()
    minute = (local % HOUR // 60).tolist()
    names = messages.WEEKDAYS[lang]
    phrases = [
        f"{names[w]} {d} {h:02d}:{m:02d}"
        for w, d, h, m in zip(weekday, dates, hour, minute, strict=True)
    ]
    return iso, phrases


def _day_columns(days: np.ndarray, lang: str) -> tuple[list[str], list[str]]:
    """Return "YYYY-MM-DDT00:00" strings and "6 January" phrases of epoch days."""
    as_days = days.astype("datetime64[D]")
    months = as_days.astype("datetime64[M]")
    month = (months.astype(np.int64) % 12).tolist()
    day = (as_days - months.astype("datetime64[D]")).astype(np.int64) + 1
    iso = [f"{text}T00:00" for text in np.datetime_as_string(as_days).tolist()]
    names = messages.MONTHS[lang]
    if lang == "fr":
        phrases = [
            f"{'1er' if d == 1 else d} {names[m]}" for d, m in zip(day.tolist(), month, strict=True)
        ]
    else:
        phrases = [f"{d} {names[m]}" for d, m in zip(day.tolist(), month, strict=True)]
    return iso, phrases


@cache
def _positional(message_id: str, lang: str, names: tuple[str, ...]) -> str:
    """Return the message template with its named fields turned into positional ones."""
    # format(*row) skips building a dict per violation.
    template = messages.VIOLATIONS[message_id][lang]
    for position, name in enumerate(names):
        template = template.replace("{" + name + "}", "{" + str(position) + "}")
    return template


def _numbers(values: list[float], lang: str) -> list[str]:
    return [messages.format_number(v, lang) for v in values]


class _Collector:
    """Violations as they are found, per schedule, and block figures."""

    def __init__(self, batch: _Batch) -> None:
        self.b = batch
        self.lang = batch.lang
        self.items: list[list[tuple[int, str, Violation]]] = [[] for _ in range(batch.n)]
        self.blocks: list[list[dict[str, Any]]] = [[] for _ in range(batch.n)]

    def _add(
        self,
        owners: list[int],
        rule: str,
        sort_keys: list[int],
        iso_start: list[str],
        iso_end: list[str],
        values: list[float] | list[int],
        limits: list[float] | list[int],
        message_id: str,
        fields: dict[str, list],
    ) -> None:
        lang = self.lang
        value_text, limit_text = _numbers(values, lang), _numbers(limits, lang)
        template = _positional(message_id, lang, ("value", "limit", *fields))
        rows = zip(value_text, limit_text, *fields.values(), strict=True)
        items = self.items
        for t, key, start, end, value, limit, row in zip(
            owners, sort_keys, iso_start, iso_end, values, limits, rows, strict=True
        ):
            text = template.format(*row)
            items[t].append((key, rule, Violation(rule, start, end, value, limit, text)))

    def weeks(
        self,
        rule: str,
        owners: np.ndarray,
        weeks: np.ndarray,
        values: list[float],
        limits: list[float],
        message_id: str,
    ) -> None:
        """Add violations that cover whole weeks (relative to each reference Monday)."""
        if not len(owners):
            return
        first = self.b.ref[owners] + 7 * weeks
        iso_start, phrase = _day_columns(first, self.lang)
        iso_end, _ = _day_columns(first + 7, self.lang)
        self._add(
            owners.tolist(),
            rule,
            (first * DAY).tolist(),
            iso_start,
            iso_end,
            values,
            limits,
            message_id,
            {"week": phrase},
        )

    def block_runs(
        self,
        rule: str,
        owners: np.ndarray,
        first_weeks: np.ndarray,
        n: int,
        values: list[float] | list[int],
        limits: list[float] | list[int],
        message_id: str,
    ) -> None:
        """Add violations that cover blocks of n weeks."""
        if not len(owners):
            return
        first = self.b.ref[owners] + 7 * first_weeks
        iso_start, phrase = _day_columns(first, self.lang)
        iso_end, _ = _day_columns(first + 7 * n, self.lang)
        self._add(
            owners.tolist(),
            rule,
            (first * DAY).tolist(),
            iso_start,
            iso_end,
            values,
            limits,
            message_id,
            {"week": phrase, "weeks": [n] * len(owners)},
        )

    def spans(
        self,
        rule: str,
        owners: np.ndarray,
        starts: np.ndarray,
        ends: np.ndarray,
        values: list[float],
        limits: list[float],
        message_id: str,
        fields: dict[str, list] | None = None,
    ) -> None:
        """Add violations over periods between two instants (stints, rests)."""
        if not len(owners):
            return
        local_start = self.b.to_local(starts, owners)
        local_end = self.b.to_local(ends, owners)
        iso_start, phrase_start = _moment_columns(local_start, self.lang)
        iso_end, phrase_end = _moment_columns(local_end, self.lang)
        self._add(
            owners.tolist(),
            rule,
            local_start.tolist(),
            iso_start,
            iso_end,
            values,
            limits,
            message_id,
            {"start": phrase_start, "end": phrase_end, **(fields or {})},
        )


def _week_max(rule: WeekMax, b: _Batch, out: _Collector) -> None:
    limit = np.full(b.NW, rule.limit_h * HOUR)
    if rule.opt_out_limit_h is not None:
        limit[b.week_opt_out] = rule.opt_out_limit_h * HOUR
    broken = np.flatnonzero(b.week_hours > limit)
    out.weeks(
        rule.id,
        b.week_owner[broken],
        b.week_rel[broken],
        _hours_list(b.week_hours[broken]),
        _hours_list(limit[broken]),
        "week_max",
    )


def _average_max(rule: AverageMax, b: _Batch, out: _Collector) -> None:
    n = rule.weeks
    first, _, b_off, block_owner, NB = b.blocks(n)
    week_block = b_off[b.week_owner] + b.week_rel // n - first[b.week_owner]
    block_hours = np.bincount(week_block, b.week_hours, NB)
    lo = b.leave_owner
    leave_week = b.leave_rel // 7
    leave_block = b_off[lo] + leave_week // n - first[lo]
    leave_days = np.bincount(leave_block, minlength=NB)
    if rule.leave == "credit":
        base = rule.limit_h * HOUR
        limit_total = np.full(NB, n * base)
        leave_limit = np.full(len(lo), base)
        if rule.opt_out_limit_h is not None and b.opt_out_count.any():
            opt = rule.opt_out_limit_h * HOUR
            leave_limit[b.week_opt_out[b.leave_slot]] = opt
            # Blocks reach beyond the weeks with entries; their limit needs every week.
            block, k = _expand(np.full(NB, n))
            owners = block_owner[block]
            weeks = (first[owners] + block - b_off[owners]) * n + k
            flags = b.opt_out_flags(owners, weeks)
            limit_total = np.where(flags, opt, base).reshape(NB, n).sum(axis=1)
        # Leave is neutral: a Monday-Friday leave day counts as a fifth of its week's limit.
        days_per_week = np.array(
            [s.ruleset.params.leave_credit_days_per_week for s in b.schedules], dtype=np.float64
        )
        weekday = b.leave_rel % 7 < 5
        credit = np.bincount(leave_block, leave_limit / days_per_week[lo] * weekday, NB)
        total = block_hours + credit
        average = total / n
        limit = limit_total / n
        broken = total > limit_total
        available = np.maximum(0.0, limit_total - total)
        message_id = "average"
    else:
        # Leave days leave the block: average = hours x 7 / (days in block - leave days). A
        # block that is all leave keeps one day so a stray hour still shows as a breach.
        days = np.maximum(7 * n - leave_days, 1)
        credit = np.zeros(NB)
        average = block_hours * 7 / days
        limit = np.full(NB, rule.limit_h * HOUR)
        broken = block_hours * 7 > rule.limit_h * HOUR * days
        available = np.maximum(0.0, rule.limit_h * HOUR * days / 7 - block_hours)
        message_id = "average_excluding_leave"
    block_rel = first[block_owner] + np.arange(NB) - b_off[block_owner]
    start_day = b.ref[block_owner] + 7 * n * block_rel
    for t in range(b.n):
        lo_, hi_ = b_off[t], b_off[t + 1]
        out.blocks[t].append(
            {
                "rule": rule.id,
                "weeks": n,
                "start_day": start_day[lo_:hi_],
                "hours": block_hours[lo_:hi_],
                "credit": credit[lo_:hi_],
                "leave_days": leave_days[lo_:hi_],
                "average": average[lo_:hi_],
                "limit": limit[lo_:hi_],
                "available": available[lo_:hi_],
            }
        )
    broken = np.flatnonzero(broken)
    out.block_runs(
        rule.id,
        block_owner[broken],
        block_rel[broken] * n,
        n,
        _hours_list(average[broken]),
        _hours_list(limit[broken]),
        message_id,
    )


def _stint_max(rule: StintMax, b: _Batch, out: _Collector) -> None:
    length = b.stint_end - b.stint_start
    broken = length > rule.limit_h * HOUR
    if rule.inhouse is not None:
        broken &= b.stint_inhouse == rule.inhouse
    message_id = {
        None: "stint_max",
        True: "stint_max_with_inhouse",
        False: "stint_max_without_inhouse",
    }[rule.inhouse]
    i = np.flatnonzero(broken)
    out.spans(
        rule.id,
        b.stint_owner[i],
        b.stint_start[i],
        b.stint_end[i],
        _hours_list(length[i]),
        [float(rule.limit_h)] * len(i),
        message_id,
    )


def _stint_split_max(rule: StintSplitMax, b: _Batch, out: _Collector) -> None:
    # A stint that breaks both halves gets two violations, each with its own value and limit.
    transition = b.stint_transition
    clinical = b.stint_end - b.stint_start - transition
    i = np.flatnonzero(clinical > rule.limit_h * HOUR)
    out.spans(
        rule.id,
        b.stint_owner[i],
        b.stint_start[i],
        b.stint_end[i],
        _hours_list(clinical[i]),
        [float(rule.limit_h)] * len(i),
        "stint_clinical",
        {"extra": [messages.format_number(rule.transition_limit_h, out.lang)] * len(i)},
    )
    i = np.flatnonzero(transition > rule.transition_limit_h * HOUR)
    out.spans(
        rule.id,
        b.stint_owner[i],
        b.stint_start[i],
        b.stint_end[i],
        _hours_list(transition[i]),
        [float(rule.transition_limit_h)] * len(i),
        "stint_transition",
    )


def _rest_min(rule: RestMin, b: _Batch, out: _Collector) -> None:
    if len(b.stint_start) < 2:
        return
    rest = b.stint_start[1:] - b.stint_end[:-1]
    before = b.stint_end[:-1] - b.stint_start[:-1]
    owner = b.stint_owner[:-1]
    same = b.rest_same
    minimum = np.full(len(rest), rule.min_rest_h * HOUR, dtype=np.float64)
    if rule.shortened_rest_h is not None and rule.shortened_per_week > 0:
        # NL: the first short rest of a calendar week (the week the rest begins in) may be
        # 8 h instead of 11 h, unless it follows a stint with in-house call; such a rest is
        # held to 11 h and does not use up the week's exception.
        eligible = same & (rest < minimum)
        if rule.no_shortening_after_inhouse:
            eligible &= ~b.stint_inhouse[:-1]
        candidates = np.flatnonzero(eligible)
        if candidates.size:
            week = b.week_of(b.stint_end[:-1][candidates], owner[candidates])
            who = owner[candidates]
            new_week = np.ones(len(week), dtype=bool)
            new_week[1:] = (week[1:] != week[:-1]) | (who[1:] != who[:-1])
            position = np.arange(len(week))
            rank = position - np.maximum.accumulate(np.where(new_week, position, 0))
            minimum[candidates[rank < rule.shortened_per_week]] = rule.shortened_rest_h * HOUR
    broken = same & (rest < minimum)
    if rule.after_stint_h:
        broken &= before >= rule.after_stint_h * HOUR
    i = np.flatnonzero(broken)
    fields = None
    if rule.after_stint_h:
        fields = {"stint": _numbers(_hours_list(before[i]), out.lang)}
    out.spans(
        rule.id,
        owner[i],
        b.stint_end[i],
        b.stint_start[i + 1],
        _hours_list(rest[i]),
        _hours_list(minimum[i]),
        "rest_after" if rule.after_stint_h else "rest",
        fields,
    )


def _weekly_rest_min(rule: WeeklyRestMin, b: _Batch, out: _Collector) -> None:
    # A rest counts for every week it overlaps by more than an instant, at its whole length.
    # The time before the first stint and after the last is an unbounded rest: no entries
    # means no work, as for the averages. A week inside one long stint has no rest at all.
    if not len(b.stint_start):
        return
    need = rule.min_rest_h * HOUR
    ss, se, so = b.stint_start, b.stint_end, b.stint_owner
    m = len(ss)
    first_of = np.ones(m, dtype=bool)
    first_of[1:] = ~b.rest_same
    last_of = np.ones(m, dtype=bool)
    last_of[:-1] = ~b.rest_same
    week_after_end = b.week_of(se, so)
    week_before_start = b.week_of(ss - 1, so)
    gaps = np.flatnonzero(b.rest_same)
    length = ss[gaps + 1] - se[gaps]
    # Each rest as (owner, first week, last week, long enough): leading, inner and trailing.
    lead, trail = np.flatnonzero(first_of), np.flatnonzero(last_of)
    owner = np.concatenate((so[lead], so[gaps], so[trail]))
    w_lo = np.concatenate((b.wfirst[so[lead]], week_after_end[gaps], week_after_end[trail]))
    w_hi = np.concatenate(
        (week_before_start[lead], week_before_start[gaps + 1], b.wlast[so[trail]])
    )
    whole = np.concatenate((np.ones(len(lead), bool), length >= need, np.ones(len(trail), bool)))
    nweeks = b.nweeks[owner]
    lo = b.w_off[owner] + np.clip(w_lo - b.wfirst[owner], 0, nweeks)
    hi = b.w_off[owner] + np.clip(w_hi - b.wfirst[owner] + 1, 0, nweeks)
    keep = whole & (hi > lo)
    cover = np.bincount(lo[keep], minlength=b.NW + 1) - np.bincount(hi[keep], minlength=b.NW + 1)
    has_stints = np.zeros(b.n, dtype=bool)
    has_stints[so] = True
    failing = (np.cumsum(cover)[: b.NW] <= 0) & has_stints[b.week_owner]
    weeks = np.flatnonzero(failing)
    if not weeks.size:
        return
    # The longest rest overlapping each failing week, for the message.
    best = np.zeros(b.NW)
    inner = len(lead) + np.flatnonzero(length < need)
    if inner.size:
        run, k = _expand(np.maximum(hi[inner] - lo[inner], 0))
        np.maximum.at(best, lo[inner][run] + k, length[inner - len(lead)][run].astype(np.float64))
    out.weeks(
        rule.id,
        b.week_owner[weeks],
        b.week_rel[weeks],
        _hours_list(best[weeks]),
        [float(rule.min_rest_h)] * len(weeks),
        "weekly_rest",
    )


def _days_off_min(rule: DaysOffMin, b: _Batch, out: _Collector) -> None:
    # Calendar days are local days; a day is taken when any counted or standby time falls in it.
    n = rule.weeks
    first, _, b_off, block_owner, NB = b.blocks(n)
    busy = b.piece_dur > 0
    owner, day = b.piece_owner[busy], b.piece_day[busy]
    if not rule.leave_is_day_off:
        owner = np.concatenate((owner, b.leave_owner))
        day = np.concatenate((day, b.leave_rel + b.ref[b.leave_owner]))
    # Each (schedule, day) once, as a key per schedule and day of the batch's span: counting
    # keys is linear, where np.unique sorts; unique stays for batches spanning many years.
    span = int(day.max() - b.day0 + 1) if len(day) else 1
    keys = owner * span + (day - b.day0)
    if b.n * span <= 20_000_000:
        taken = np.flatnonzero(np.bincount(keys, minlength=b.n * span))
    else:
        taken = np.unique(keys)
    owner = taken // span
    rel_day = taken % span + b.day0 - b.ref[owner]
    block = b_off[owner] + rel_day // (7 * n) - first[owner]
    free = 7 * n - np.bincount(block, minlength=NB)
    i = np.flatnonzero(free < rule.min_days)
    block_rel = first[block_owner[i]] + i - b_off[block_owner[i]]
    out.block_runs(
        rule.id,
        block_owner[i],
        block_rel * n,
        n,
        free[i].tolist(),
        [rule.min_days] * len(i),
        "days_off",
    )


def _inhouse_call_max(rule: InhouseCallMax, b: _Batch, out: _Collector) -> None:
    n = rule.weeks
    starts, owner = b.stint_start[b.stint_inhouse], b.stint_owner[b.stint_inhouse]
    if not len(starts):
        return
    first, _, b_off, block_owner, NB = b.blocks(n)
    block = b_off[owner] + b.week_of(starts, owner) // n - first[owner]
    calls = np.bincount(block, minlength=NB)
    i = np.flatnonzero(calls > rule.max_stints)
    block_rel = first[block_owner[i]] + i - b_off[block_owner[i]]
    out.block_runs(
        rule.id,
        block_owner[i],
        block_rel * n,
        n,
        calls[i].tolist(),
        [rule.max_stints] * len(i),
        "inhouse_calls",
    )


_HANDLERS = {
    WeekMax: _week_max,
    AverageMax: _average_max,
    StintMax: _stint_max,
    StintSplitMax: _stint_split_max,
    RestMin: _rest_min,
    WeeklyRestMin: _weekly_rest_min,
    DaysOffMin: _days_off_min,
    InhouseCallMax: _inhouse_call_max,
}


def evaluate(schedule: Schedule, lang: str = messages.DEFAULT_LANGUAGE) -> Report:
    """Check a parsed schedule against its rule set and return the report."""
    return evaluate_many([schedule], lang)[0]


def evaluate_many(
    schedules: Sequence[Schedule], lang: str = messages.DEFAULT_LANGUAGE
) -> list[Report]:
    """Check many parsed schedules in one vectorised pass; one report each, in order."""
    messages.check_lang(lang)
    reports: list[Report | None] = [None] * len(schedules)
    active = []
    for i, schedule in enumerate(schedules):
        if schedule.entry_count:
            active.append(i)
        else:
            reports[i] = Report(schedule, lang, [])
    # One batch per rule set: every rule then runs over exactly the schedules it governs.
    for ruleset, members in _groups([schedules[i].ruleset for i in active]):
        chosen = active if members is None else [active[k] for k in members.tolist()]
        batch = _Batch([schedules[i] for i in chosen], lang)
        out = _Collector(batch)
        for rule in ruleset.rules:
            _HANDLERS[type(rule)](rule, batch, out)
        order = {rule_id: k for k, rule_id in enumerate(ruleset.rule_ids)}
        w_off = batch.w_off
        for t, i in enumerate(chosen):
            items = out.items[t]
            items.sort(key=lambda item: (item[0], order[item[1]]))
            weeks = _WeekRange(batch.weeks, int(w_off[t]), int(w_off[t + 1]))
            violations = [v for _, _, v in items]
            reports[i] = Report(schedules[i], lang, violations, weeks, out.blocks[t])
    return reports  # type: ignore[return-value]
