"""The one vectorised assembler every way in ends in: UTC, skipped times, overlaps."""

from __future__ import annotations

import numpy as np

from ..kinds import CALLOUT, COUNTED_MASK, STANDBY
from ..rulesets import RuleSet, ruleset_for
from ..tz import (
    DAY,
    TzTable,
    day_date,
    epoch_day,
    table_for_range,
)
from .columns import _Days, _groups, _iso_local, _iso_utc, _Problems, _Timed
from .header import _Header
from .types import _BIG, Schedule, ScheduleError


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
