"""One function per rule type: each finds the broken rules of a whole batch at once."""

import numpy as np

from .. import messages
from ..kinds import (
    INHOUSE,
)
from ..rulesets import (
    AverageMax,
    DaysOffMin,
    InhouseCallMax,
    NightShiftCount,
    NightShiftMax,
    RestMin,
    StintMax,
    StintSplitMax,
    WeeklyRestMin,
    WeekMax,
)
from ..tz import DAY
from .batch import _Batch
from .common import _BIG, HOUR, _expand, _hours_list
from .texts import _Collector, _numbers


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
        weekday = (b.leave_rel + b.ref[lo] + 3) % 7 < 5
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


def _shortened(rests: np.ndarray, owners: np.ndarray, window: float) -> np.ndarray:
    """Return which candidate short rests may be shortened: none within ``window`` before."""
    # Greedy in time order: a shortened rest is placed at its start and no two may start less
    # than the window apart. Candidates are few (short rests), so a plain loop is cheap.
    ok = np.zeros(len(rests), dtype=bool)
    last_owner, last = -1, 0
    for k, (start, who) in enumerate(zip(rests.tolist(), owners.tolist(), strict=True)):
        if who != last_owner or start - last >= window:
            ok[k] = True
            last_owner, last = who, start
    return ok


def _rest_min(rule: RestMin, b: _Batch, out: _Collector) -> None:
    if len(b.stint_start) < 2:
        return
    rest = b.stint_start[1:] - b.stint_end[:-1]
    before = b.stint_end[:-1] - b.stint_start[:-1]
    owner = b.stint_owner[:-1]
    applies = b.rest_same.copy()
    if rule.after_stint_h:
        applies &= before >= rule.after_stint_h * HOUR
    if rule.after_inhouse_only:
        applies &= b.stint_inhouse[:-1]
    if rule.after_night_only:
        applies &= b.stint_night[:-1] & (b.stint_end_clock[:-1] > rule.night_end_after_h * HOUR)
    minimum = np.full(len(rest), rule.min_rest_h * HOUR, dtype=np.float64)
    if rule.shortened_rest_h is not None:
        # NL: once in any 7 x 24 hours the rest may be shortened (never after in-house call
        # for NL_REST_11H); a shortened rest under the shortened minimum still uses it up.
        eligible = applies & (rest < minimum)
        if rule.no_shortening_after_inhouse:
            eligible &= ~b.stint_inhouse[:-1]
        candidates = np.flatnonzero(eligible)
        if candidates.size:
            ok = _shortened(
                b.stint_end[:-1][candidates], owner[candidates], rule.shortened_window_h * HOUR
            )
            minimum[candidates[ok]] = rule.shortened_rest_h * HOUR
    broken = applies & (rest < minimum)
    i = np.flatnonzero(broken)
    fields = None
    if rule.after_night_only:
        message_id = "rest_after_night"
    elif rule.after_inhouse_only:
        message_id = "rest_after_call"
    elif rule.after_stint_h:
        message_id = "rest_after"
    else:
        message_id = "rest"
    if message_id in ("rest_after", "rest_after_call"):
        fields = {"stint": _numbers(_hours_list(before[i]), out.lang)}
    out.spans(
        rule.id,
        owner[i],
        b.stint_end[i],
        b.stint_start[i + 1],
        _hours_list(rest[i]),
        _hours_list(minimum[i]),
        message_id,
        fields,
    )


def _rests(b: _Batch, lo: np.ndarray, hi: np.ndarray) -> tuple[np.ndarray, ...]:
    """Return every rest as (owner, start, end): before, between and after stints.

    The rest before the first stint starts at ``lo[owner]`` and the one after the last ends at
    ``hi[owner]``: nothing is known outside the schedule, so nothing is blamed there.
    """
    ss, se, so = b.stint_start, b.stint_end, b.stint_owner
    m = len(ss)
    first_of = np.ones(m, dtype=bool)
    first_of[1:] = ~b.rest_same
    last_of = np.ones(m, dtype=bool)
    last_of[:-1] = ~b.rest_same
    gaps = np.flatnonzero(b.rest_same)
    lead, trail = np.flatnonzero(first_of), np.flatnonzero(last_of)
    owner = np.concatenate((so[lead], so[gaps], so[trail]))
    start = np.concatenate((np.minimum(lo[so[lead]], ss[lead]), se[gaps], se[trail]))
    end = np.concatenate((ss[lead], ss[gaps + 1], np.maximum(hi[so[trail]], se[trail])))
    outer = np.ones(len(owner), dtype=bool)
    outer[len(lead) : len(lead) + len(gaps)] = False
    return owner, start, end, outer


def _weekly_rest_min(rule: WeeklyRestMin, b: _Batch, out: _Collector) -> None:
    # Consecutive periods of 7 days from the reference day; a rest counts for a period with
    # the part of it inside the period. Periods are the schedule's week slots (first to last
    # week with an entry); a period inside one long stint has no rest at all.
    if not len(b.stint_start):
        return
    calendar = rule.period == "calendar"
    NW = b.NW
    k = b.week_rel
    p_start = b.period_starts(b.week_owner, k, calendar)
    p_end = b.period_starts(b.week_owner, k + 1, calendar)
    # The 14-day period of each slot: pairs of periods from the reference day.
    pair = k // 2 * 2
    q_start = b.period_starts(b.week_owner, pair, calendar)
    q_end = b.period_starts(b.week_owner, pair + 2, calendar)
    first_slot, last_slot = b.w_off[:-1], b.w_off[1:] - 1
    has_weeks = b.nweeks > 0
    lo = np.where(has_weeks, q_start[np.minimum(first_slot, NW - 1)], 0)
    hi = np.where(has_weeks, q_end[np.maximum(last_slot, 0)], 0)
    owner, r_start, r_end, outer = _rests(b, lo, hi)
    # The slots each rest may matter for: those whose 14-day period it overlaps.
    key_start = b.week_owner * _BIG + q_start
    key_end = b.week_owner * _BIG + q_end
    first = np.searchsorted(key_end, owner * _BIG + r_start, side="right")
    last = np.searchsorted(key_start, owner * _BIG + r_end, side="left")
    rest, within = _expand(np.maximum(last - first, 0))
    slot = first[rest] + within
    rs, re = r_start[rest], r_end[rest]
    inside = np.minimum(re, p_end[slot]) - np.maximum(rs, p_start[slot])
    best = np.zeros(NW, dtype=np.float64)
    np.maximum.at(best, slot, np.maximum(inside, 0).astype(np.float64))
    # The unknown time before the first and after the last stint blames nothing: a period it
    # reaches into complies.
    ok = best >= rule.min_rest_h * HOUR
    ok[slot[outer[rest] & (inside > 0)]] = True
    if rule.alt_total_h is not None:
        inside_q = np.minimum(re, q_end[slot]) - np.maximum(rs, q_start[slot])
        counts = (inside_q >= rule.alt_each_h * HOUR) & ~outer[rest]
        total = np.bincount(slot, np.where(counts, inside_q, 0).astype(np.float64), NW)
        ok |= total >= rule.alt_total_h * HOUR
    has_stints = np.zeros(b.n, dtype=bool)
    has_stints[b.stint_owner] = True
    weeks = np.flatnonzero(~ok & has_stints[b.week_owner])
    if not weeks.size:
        return
    if rule.alt_total_h is not None:
        lang = out.lang
        fields = {
            "total": [messages.format_number(rule.alt_total_h, lang)] * len(weeks),
            "each": [messages.format_number(rule.alt_each_h, lang)] * len(weeks),
        }
        message_id = "weekly_rest_or"
    else:
        fields, message_id = None, "weekly_rest"
    out.weeks(
        rule.id,
        b.week_owner[weeks],
        b.week_rel[weeks],
        _hours_list(best[weeks]),
        [float(rule.min_rest_h)] * len(weeks),
        message_id,
        fields,
    )


def _block_bounds(b: _Batch, n: int) -> tuple[np.ndarray, ...]:
    """Return (first, b_off, owner, NB, UTC start, UTC end) of the blocks of n weeks."""
    first, _, b_off, block_owner, NB = b.blocks(n)
    block_rel = first[block_owner] + np.arange(NB) - b_off[block_owner]
    days = b.ref[block_owner] + 7 * n * block_rel
    start = b.to_utc(days * DAY, block_owner)
    end = b.to_utc((days + 7 * n) * DAY, block_owner)
    return first, b_off, block_owner, NB, start, end


def _days_off_min(rule: DaysOffMin, b: _Batch, out: _Collector) -> None:
    # A day off is a continuous 24 h period free of counted time and home standby, inside
    # the block; the periods may not overlap, so a free stretch of h hours holds h // 24.
    n = rule.weeks
    first, b_off, block_owner, NB, bl_start, bl_end = _block_bounds(b, n)
    s, e, o = b.start, b.end, b.owner
    if not rule.leave_is_day_off and len(b.leave_owner):
        days = b.leave_rel + b.ref[b.leave_owner]
        s = np.concatenate((s, b.to_utc(days * DAY, b.leave_owner)))
        e = np.concatenate((e, b.to_utc((days + 1) * DAY, b.leave_owner)))
        o = np.concatenate((o, b.leave_owner))
        order = np.argsort(o * _BIG + s, kind="stable")
        s, e, o = s[order], e[order], o[order]
    free = np.zeros(NB, dtype=np.int64)
    if len(s):
        # Merge busy time (a call-out inside a standby, leave on a working day) into stretches.
        reach = np.maximum.accumulate(o * _BIG + e) - o * _BIG
        new = np.ones(len(s), dtype=bool)
        new[1:] = (s[1:] > reach[:-1]) | (o[1:] != o[:-1])
        starts = np.flatnonzero(new)
        m_start, m_owner = s[starts], o[starts]
        m_end = reach[np.append(starts[1:] - 1, len(s) - 1)]
        same = m_owner[1:] == m_owner[:-1]
        has = np.zeros(b.n, dtype=bool)
        has[m_owner] = True
        lo = np.full(b.n, 0, dtype=np.int64)
        hi = np.full(b.n, 0, dtype=np.int64)
        owners = np.flatnonzero(has & (b_off[1:] > b_off[:-1]))
        lo[owners] = bl_start[b_off[owners]]
        hi[owners] = bl_end[b_off[owners + 1] - 1]
        lead = np.flatnonzero(np.append(True, ~same))
        trail = np.flatnonzero(np.append(~same, True))
        gaps = np.flatnonzero(same)
        g_owner = np.concatenate((m_owner[lead], m_owner[gaps], m_owner[trail]))
        g_start = np.concatenate((lo[m_owner[lead]], m_end[gaps], m_end[trail]))
        g_end = np.concatenate((m_start[lead], m_start[gaps + 1], hi[m_owner[trail]]))
        key_s, key_e = block_owner * _BIG + bl_start, block_owner * _BIG + bl_end
        f = np.searchsorted(key_e, g_owner * _BIG + g_start, side="right")
        last = np.searchsorted(key_s, g_owner * _BIG + g_end, side="left")
        gap, within = _expand(np.maximum(last - f, 0))
        block = f[gap] + within
        inside = np.minimum(g_end[gap], bl_end[block]) - np.maximum(g_start[gap], bl_start[block])
        free = np.bincount(block, np.maximum(inside, 0) // DAY, NB).astype(np.int64)
        # A schedule with no busy time at all (only leave) has every block free.
        free = np.where(has[block_owner], free, (bl_end - bl_start) // DAY)
    else:
        free = ((bl_end - bl_start) // DAY).astype(np.int64)
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


def _count_max(
    rule_id: str,
    b: _Batch,
    out: _Collector,
    n: int,
    starts: np.ndarray,
    owner: np.ndarray,
    limit: int,
    message_id: str,
) -> None:
    """Add violations for blocks of n weeks in which more than ``limit`` things start."""
    if not len(starts):
        return
    first, _, b_off, block_owner, NB = b.blocks(n)
    block = b_off[owner] + b.week_of(starts, owner) // n - first[owner]
    counts = np.bincount(block, minlength=NB)
    i = np.flatnonzero(counts > limit)
    block_rel = first[block_owner[i]] + i - b_off[block_owner[i]]
    out.block_runs(
        rule_id, block_owner[i], block_rel * n, n, counts[i].tolist(), [limit] * len(i), message_id
    )


def _inhouse_call_max(rule: InhouseCallMax, b: _Batch, out: _Collector) -> None:
    # Calls, not stints: a run of touching in-house entries is one call up to call_h hours
    # from its start, and what follows starts the next call (two 24 h calls are two).
    mask = (b.kind == INHOUSE) & b.counted
    s, e, o = b.start[mask], b.end[mask], b.owner[mask]
    if not len(s):
        return
    new = np.ones(len(s), dtype=bool)
    new[1:] = (s[1:] != e[:-1]) | (o[1:] != o[:-1])
    first = np.flatnonzero(new)
    last = np.append(first[1:] - 1, len(s) - 1)
    run_start, run_end, run_owner = s[first], e[last], o[first]
    step = int(rule.call_h * HOUR)
    run, k = _expand(-((run_start - run_end) // step))
    starts = run_start[run] + k * step
    _count_max(rule.id, b, out, rule.weeks, starts, run_owner[run], rule.max_calls, "inhouse_calls")


def _night_shift_max(rule: NightShiftMax, b: _Batch, out: _Collector) -> None:
    # A night shift without in-house call: at most limit_h; up to extended_h at most
    # extended_count times in any extended_window_h real hours (the next one over breaks it).
    if not len(b.stint_start):
        return
    nights = b.stint_night & ~b.stint_inhouse
    length = b.stint_end - b.stint_start
    too_long = nights & (length > rule.extended_h * HOUR)
    extended = np.flatnonzero(
        nights & (length > rule.limit_h * HOUR) & (length <= rule.extended_h * HOUR)
    )
    over = np.zeros(len(length), dtype=bool)
    c = rule.extended_count
    if len(extended) > c:
        st, ow = b.stint_start[extended], b.stint_owner[extended]
        close = (st[c:] - st[:-c] < rule.extended_window_h * HOUR) & (ow[c:] == ow[:-c])
        over[extended[c:][close]] = True
    i = np.flatnonzero(too_long | over)
    limits = np.where(too_long[i], rule.extended_h, rule.limit_h).astype(float).tolist()
    lang = out.lang
    out.spans(
        rule.id,
        b.stint_owner[i],
        b.stint_start[i],
        b.stint_end[i],
        _hours_list(length[i]),
        limits,
        "night_shift_max",
        {
            "extended": [messages.format_number(rule.extended_h, lang)] * len(i),
            "count": [str(c)] * len(i),
            "days": [messages.format_number(rule.extended_window_h / 24, lang)] * len(i),
        },
    )


def _night_shift_count(rule: NightShiftCount, b: _Batch, out: _Collector) -> None:
    # A night shift belongs to the block in which it starts.
    if not len(b.stint_start):
        return
    i = np.flatnonzero(b.stint_night)
    _count_max(
        rule.id,
        b,
        out,
        rule.weeks,
        b.stint_start[i],
        b.stint_owner[i],
        rule.max_nights,
        "night_shifts",
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
    NightShiftMax: _night_shift_max,
    NightShiftCount: _night_shift_count,
}
