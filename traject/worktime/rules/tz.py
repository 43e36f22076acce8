"""Vectorised local-time arithmetic: UTC offset tables and public-holiday calendars.

Instants are int64 seconds since 1970-01-01 UTC. "Local seconds" are the seconds since
1970-01-01 00:00 of a naive local wall-clock time, so that ``local // 86400`` is its local day.
"""

from bisect import bisect_right
from datetime import UTC, date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import numpy as np

EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
DAY = 86400
WEEK = 7 * DAY
# Far beyond any schedule, yet safe from int64 overflow when offsets are added.
_FAR = 2**62
# Sampling step to find transitions; no zone changes its offset twice within six hours.
_STEP = 6 * 3600


class UnknownTimezone(ValueError):
    """The timezone key is not in the tz database."""


def load_zone(key: str) -> ZoneInfo:
    """Return the zone for a tz database key or raise UnknownTimezone."""
    if not isinstance(key, str) or not key:
        raise UnknownTimezone(key)
    try:
        return ZoneInfo(key)
    except (ZoneInfoNotFoundError, ValueError, OSError) as exc:
        raise UnknownTimezone(key) from exc


class TzTable:
    """UTC offsets of one zone over a range of years, as sorted arrays of periods."""

    __slots__ = (
        "key",
        "trans",
        "offsets",
        "local_start",
        "local_end",
        "fixed",
        "_trans_list",
        "_offset_list",
    )

    def __init__(self, key: str, trans: np.ndarray, offsets: np.ndarray) -> None:
        self.key = key
        # Period i runs from trans[i] (UTC, trans[0] = -inf) to trans[i + 1] at offsets[i].
        self.trans = trans
        self.offsets = offsets
        nxt = np.append(trans[1:], _FAR)
        # The local wall-clock range each period covers; ranges overlap after a fall-back
        # (ambiguous times) and leave a gap after a spring-forward (nonexistent times).
        self.local_start = np.where(trans == -_FAR, -_FAR, trans + offsets)
        self.local_end = np.where(nxt == _FAR, _FAR, nxt + offsets)
        self.fixed = len(offsets) == 1
        self._trans_list = trans.tolist()
        self._offset_list = offsets.tolist()

    def offset_at(self, utc: np.ndarray) -> np.ndarray:
        """Return the UTC offset in seconds at each instant."""
        if self.fixed:
            return np.full(np.shape(utc), self.offsets[0], dtype=np.int64)
        return self.offsets[np.searchsorted(self.trans, utc, side="right") - 1]

    def local_seconds(self, utc: int) -> int:
        """Return the local seconds of one instant (no numpy overhead for a scalar)."""
        return utc + self._offset_list[bisect_right(self._trans_list, utc) - 1]

    def to_local(self, utc: np.ndarray) -> np.ndarray:
        """Return local seconds for instants."""
        return utc + self.offset_at(utc)

    def _period(self, local: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        period = np.searchsorted(self.local_start, local, side="right") - 1
        earlier = np.maximum(period - 1, 0)
        # An ambiguous time lies in two periods; the first occurrence is in the earlier one.
        ambiguous = (period > 0) & (local < self.local_end[earlier])
        period = np.where(ambiguous, earlier, period)
        nonexistent = local >= self.local_end[period]
        return period, nonexistent

    def to_utc(self, local: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Return (instants, nonexistent mask) for local seconds; ambiguous means first."""
        local = np.asarray(local, dtype=np.int64)
        if self.fixed:
            return local - self.offsets[0], np.zeros(local.shape, dtype=bool)
        period, nonexistent = self._period(local)
        return local - self.offsets[period], nonexistent

    def to_utc_clamped(self, local: np.ndarray) -> np.ndarray:
        """Return instants for local seconds, a nonexistent time mapping to its clock jump."""
        local = np.asarray(local, dtype=np.int64)
        if self.fixed:
            return local - self.offsets[0]
        period, nonexistent = self._period(local)
        off = self.offsets[period]
        # A day boundary that the clock skips (midnight in a few zones) is the jump itself.
        return np.where(nonexistent, self.local_end[period] - off, local - off)


def _offset(zone: ZoneInfo, utc_seconds: int) -> int:
    return int(datetime.fromtimestamp(utc_seconds, zone).utcoffset().total_seconds())


@lru_cache(maxsize=256)
def tz_table(key: str, first_year: int, last_year: int) -> TzTable:
    """Return the offset table of a zone for whole years first_year..last_year."""
    zone = load_zone(key)
    lo = int(datetime(first_year, 1, 1, tzinfo=UTC).timestamp()) - 2 * DAY
    hi = int(datetime(last_year + 1, 1, 1, tzinfo=UTC).timestamp()) + 2 * DAY
    samples = range(lo, hi + _STEP, _STEP)
    offsets = [_offset(zone, t) for t in samples]
    trans = [-_FAR]
    offs = [offsets[0]]
    for i in range(1, len(offsets)):
        if offsets[i] == offsets[i - 1]:
            continue
        # Bisect to the first second at the new offset.
        a, b = samples[i - 1], samples[i]
        while b - a > 1:
            mid = (a + b) // 2
            if _offset(zone, mid) == offsets[i - 1]:
                a = mid
            else:
                b = mid
        trans.append(b)
        offs.append(offsets[i])
    return TzTable(key, np.array(trans, dtype=np.int64), np.array(offs, dtype=np.int64))


def table_for_range(key: str, lo_seconds: int, hi_seconds: int) -> TzTable:
    """Return the offset table of a zone covering local or UTC seconds lo..hi with margin."""
    margin = 14 * DAY
    first = datetime.fromtimestamp(max(lo_seconds - margin, -(2**37)), UTC).year
    last = datetime.fromtimestamp(min(hi_seconds + margin, 2**37), UTC).year
    return tz_table(key, first, last)


@lru_cache(maxsize=256)
def holiday_days(country: str, first_year: int, last_year: int) -> np.ndarray:
    """Return the sorted public holidays of a country as epoch day numbers."""
    import holidays  # loading the country data is slow: only when needed

    calendar = holidays.country_holidays(country, years=range(first_year, last_year + 1))
    days = sorted(d.toordinal() - EPOCH_ORDINAL for d in calendar)
    return np.array(days, dtype=np.int64)


@lru_cache(maxsize=1)
def supported_holiday_countries() -> frozenset[str]:
    """Return the country codes the holidays package knows."""
    import holidays

    return frozenset(holidays.list_supported_countries())


def epoch_day(d: date) -> int:
    """Return the day number of a date counted from 1970-01-01."""
    return d.toordinal() - EPOCH_ORDINAL


def day_date(day: int) -> date:
    """Return the date of an epoch day number."""
    return date.fromordinal(int(day) + EPOCH_ORDINAL)
