"""The batch: the arrays of many schedules (pieces, weeks, stints) that the rules share."""

from functools import cached_property, lru_cache

import numpy as np

from ..kinds import (
    CALLOUT,
    COUNTED_MASK,
    INHOUSE,
    N_DAY,
    N_TIMED,
    STANDBY,
    TRANSITION,
)
from ..schedule import Schedule
from ..tz import DAY, TzTable, day_date, epoch_day, holiday_days, load_zone
from .common import _FAR, HOUR, _expand, _groups, _select, _starts


@lru_cache(maxsize=64)
def _grid_instants(table: TzTable, bounds: tuple[int, ...], day0: int, days: int) -> np.ndarray:
    """Return the UTC instants of the local boundaries of every day in a range (cached)."""
    # A server checks schedules of the same zone and years over and over: the grid of one
    # (zone, day window, span) is computed once.
    local = (day0 + np.arange(days, dtype=np.int64))[:, None] * DAY + np.array(bounds)
    local = np.concatenate((local.ravel(), [(day0 + days) * DAY]))
    instants = table.to_utc_clamped(local)
    instants.flags.writeable = False
    return instants


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
        self.instants = _grid_instants(table, bounds, day0, days)

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
        restrictive = self.restrictive = np.concatenate([s.restrictive for s in schedules])
        # Working time per entry: the counted kinds, plus restrictive home standby where the
        # rule set counts it (BE, Matzak); a call-out inside such a standby is then counted
        # once, as part of the standby.
        counted = COUNTED_MASK[kind]
        if restrictive.any():
            counts = np.array(
                [s.ruleset.params.restrictive_standby_counts for s in schedules], dtype=bool
            )
            restrictive_counted = restrictive & counts[owner]
            if restrictive_counted.any():
                counted = counted | restrictive_counted
                counted &= ~self._inside(restrictive_counted, kind == CALLOUT, start, end, owner)
        self.counted = counted
        self.restrictive_counted = restrictive & counted
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
        lo = np.full(T, _FAR, dtype=np.int64)
        hi = np.full(T, -_FAR, dtype=np.int64)
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
        d_first = np.full(T, _FAR, dtype=np.int64)
        d_last = np.full(T, -_FAR, dtype=np.int64)
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
        self.piece_entry = piece_entry
        counted_dur = np.where(counted[piece_entry], dur, 0).astype(np.float64)
        self.week_hours = np.bincount(slot, counted_dur, NW)
        # The same hours when restrictive standby is not counted (reports show both).
        restrictive_dur = np.where(self.restrictive_counted[piece_entry], dur, 0)
        plain_dur = np.where(COUNTED_MASK[piece_kind], dur, 0)
        self.week_restrictive = np.bincount(slot, restrictive_dur.astype(np.float64), NW)
        self.week_hours_plain = np.bincount(slot, plain_dur.astype(np.float64), NW)
        by_kind = np.bincount(slot * N_TIMED + piece_kind, dur.astype(np.float64), NW * N_TIMED)
        night = np.bincount(slot, counted_dur * (part != 1), NW)
        # Weekdays from the calendar (1970-01-01 was a Thursday): a US rotation may start on
        # any day, so a week slot need not start on a Monday.
        weekend = np.bincount(slot, counted_dur * ((abs_day + 3) % 7 >= 5), NW)
        on_holiday = self.holiday[self.country_row[p_owner], abs_day - day0]
        holiday_hours = np.bincount(slot, counted_dur * on_holiday, NW)
        self.leave_slot = w_off[leave_owner] + leave_rel // 7 - wfirst[leave_owner]
        leave = np.bincount(self.leave_slot * N_DAY + leave_kind, minlength=NW * N_DAY)
        periods = [s.opt_out for s in schedules]
        self.opt_out_count = np.array([len(p) for p in periods], dtype=np.int64)
        self.opt_out_off = _starts(self.opt_out_count)
        far = _FAR
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
            "restrictive": self.week_restrictive,
            "hours_plain": self.week_hours_plain,
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
        weekday_day = (part == 1) & ((day + 3) % 7 < 5) & ~holiday
        slot = self.w_off[owner] + rel_day // 7 - self.wfirst[owner]
        return (
            np.bincount(slot, minlength=self.NW),
            np.bincount(slot, weekday_day, self.NW).astype(np.int64),
        )

    @staticmethod
    def _inside(
        outer: np.ndarray, inner: np.ndarray, start: np.ndarray, end: np.ndarray, owner: np.ndarray
    ) -> np.ndarray:
        """Return a mask of the ``inner`` entries that lie within an ``outer`` entry."""
        found = np.zeros(len(start), dtype=bool)
        candidates = np.flatnonzero(inner)
        if not len(candidates):
            return found
        key = owner[candidates] * (1 << 40) + start[candidates]
        for r in np.flatnonzero(outer).tolist():
            base = int(owner[r]) * (1 << 40)
            lo = np.searchsorted(key, base + start[r], side="left")
            hi = np.searchsorted(key, base + end[r], side="left")
            chosen = candidates[lo:hi]
            found[chosen[end[chosen] <= end[r]]] = True
        return found

    def _stints(self) -> None:
        counted = self.counted
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
        self.stint_first_entry = np.flatnonzero(counted)[first]
        self._counted_first, self._counted_positions = first, np.flatnonzero(counted)
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

    def to_utc(self, local: np.ndarray, owners: np.ndarray) -> np.ndarray:
        """Return instants of local seconds, each in its schedule's zone (a skipped time: the jump)."""
        if len(self.tz_groups) == 1:
            return self.tz_groups[0][0].to_utc_clamped(local)
        out = np.empty(len(local), dtype=np.int64)
        for table, members in self.tz_groups:
            mask = _select(owners, members, self.n)
            out[mask] = table.to_utc_clamped(local[mask])
        return out

    @cached_property
    def stint_night(self) -> np.ndarray:
        """Return whether each stint is a night shift (enough counted time in the night window)."""
        # Counted seconds of each entry between the night window's clock times (00:00-06:00
        # local), cut on a grid of those local times, then summed per stint.
        seconds = np.zeros(len(self.start), dtype=np.int64)
        counted = np.flatnonzero(self.counted)
        for t, (table, members) in enumerate(self.tz_groups):
            grid_ref = self.grids[t]
            sample = self.schedules[0 if members is None else int(members[0])]
            night = sample.ruleset.params.night_shift
            lo_h, hi_h = night.from_h * HOUR, night.until_h * HOUR
            if lo_h == 0:
                bounds, inside = (0, int(hi_h), int(hi_h + (DAY - hi_h) // 2)), 0
            else:
                bounds, inside = (0, int(lo_h), int(hi_h)), 1
            grid = _Grid(table, bounds, members, grid_ref.day0, (len(grid_ref.instants) - 1) // 3)
            mask = _select(self.owner[counted], members, self.n)
            entries = counted if mask is None else counted[mask]
            st, en = self.start[entries], self.end[entries]
            seg0 = np.searchsorted(grid.instants, st, side="right") - 1
            seg1 = np.searchsorted(grid.instants, en, side="left") - 1
            run, within = _expand(seg1 - seg0 + 1)
            gseg = seg0[run] + within
            dur = np.minimum(en[run], grid.instants[gseg + 1]) - np.maximum(
                st[run], grid.instants[gseg]
            )
            dur = np.where(gseg % 3 == inside, dur, 0)
            seconds[entries] = np.bincount(run, dur, len(entries)).astype(np.int64)
        if not len(self.stint_start):
            return np.zeros(0, dtype=bool)
        per_stint = np.add.reduceat(seconds[self._counted_positions], self._counted_first)
        need = np.array(
            [s.ruleset.params.night_shift.min_h * HOUR for s in self.schedules], dtype=np.float64
        )[self.stint_owner]
        return per_stint > need

    @cached_property
    def stint_end_clock(self) -> np.ndarray:
        """Return the local clock time (seconds after midnight) at which each stint ends."""
        return self.to_local(self.stint_end, self.stint_owner) % DAY

    def period_starts(self, owners: np.ndarray, k: np.ndarray, calendar: bool) -> np.ndarray:
        """Return the UTC start of period k of 7 days from each reference day 00:00 local."""
        # calendar: local midnight 7k days on; elapsed: 7k x 24 real hours after the first one.
        if calendar:
            return self.to_utc((self.ref[owners] + 7 * k) * DAY, owners)
        return self.elapsed_origin[owners] + k * 7 * DAY

    @cached_property
    def elapsed_origin(self) -> np.ndarray:
        """Return the UTC instant of each schedule's reference day 00:00 local.

        Read from the zone itself: the reference day may lie months before the entries, outside
        the offset table made for their span, and under another offset (summer time then,
        winter time now): periods of 7 x 24 real hours count from the real midnight.
        """
        return np.array(
            [_local_midnight_utc(s.tz.key, s.ref_day) for s in self.schedules], dtype=np.int64
        )

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


@lru_cache(maxsize=4096)
def _local_midnight_utc(zone_key: str, day: int) -> int:
    """Return the UTC seconds of 00:00 local on an epoch day in a zone (a midnight the clock
    skips: the jump itself, as zoneinfo reads a nonexistent time with the offset before it)."""
    from datetime import datetime, time

    return int(datetime.combine(day_date(day), time(0), tzinfo=load_zone(zone_key)).timestamp())
