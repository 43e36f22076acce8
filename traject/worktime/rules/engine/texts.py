"""Violations as found by the rules: their dates, times and messages, built column-wise."""

import string
from functools import cache
from itertools import chain
from operator import itemgetter
from typing import Any

import numpy as np

from .. import messages
from ..tz import DAY
from .batch import _Batch
from .common import HOUR, _starts
from .report import Violation, ViolationColumns

# From this many values on, dates by arithmetic beat numpy's datetime strings (measured).
_CALENDAR_FROM_MOMENTS = 48
_CALENDAR_FROM_DAYS = 128


def _civil(days: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return (year, month 1-12, day 1-31) of epoch days (H. Hinnant's civil_from_days)."""
    z = days + 719468
    era = z // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    day = doy - (153 * mp + 2) // 5 + 1
    month = np.where(mp < 10, mp + 3, mp - 9)
    return yoe + era * 400 + (month <= 2), month, day


_ISO_ZERO = np.array([ord(c) for c in "0000-00-00T00:00:00"], dtype=np.int64)


def _iso_texts(
    year: np.ndarray, month: np.ndarray, day: np.ndarray, seconds: np.ndarray | None
) -> list[str] | None:
    """Return "YYYY-MM-DDTHH:MM" texts (":SS" added where not a whole minute), as numpy writes
    them; None outside years 1000-9999. ``seconds``: seconds after midnight, None for 00:00."""
    if len(year) and (int(year.min()) < 1000 or int(year.max()) > 9999):
        return None
    n = len(year)
    # A unicode matrix viewed as strings: trailing NULs are dropped, so ":SS" goes away by
    # zeroing it.
    chars = np.empty((n, 19), dtype=np.int64)
    chars[:] = _ISO_ZERO
    chars[:, 0] += year // 1000
    chars[:, 1] += year // 100 % 10
    chars[:, 2] += year // 10 % 10
    chars[:, 3] += year % 10
    chars[:, 5] += month // 10
    chars[:, 6] += month % 10
    chars[:, 8] += day // 10
    chars[:, 9] += day % 10
    if seconds is None:
        chars[:, 16:] = 0
    else:
        hour, minute, second = seconds // HOUR, seconds % HOUR // 60, seconds % 60
        chars[:, 11] += hour // 10
        chars[:, 12] += hour % 10
        chars[:, 14] += minute // 10
        chars[:, 15] += minute % 10
        chars[:, 17] += second // 10
        chars[:, 18] += second % 10
        chars[second == 0, 16:] = 0
    return chars.astype(np.uint32).view("<U19").ravel().tolist()


# Words of the phrases, indexed by number: days of the month (messages.format_day: "1er" in
# fr), months from 1, and the clock times of a day by minute.
_DAY_WORDS = {
    lang: ("", "1er" if lang == "fr" else "1", *map(str, range(2, 32)))
    for lang in messages.WEEKDAYS
}
_MONTH_WORDS = {lang: ("", *names) for lang, names in messages.MONTHS.items()}
_CLOCK_WORDS = tuple(f"{m // 60:02d}:{m % 60:02d}" for m in range(24 * 60))


def _words(table: tuple[str, ...], numbers: np.ndarray) -> map:
    return map(table.__getitem__, numbers.tolist())


def _moment_columns(local: np.ndarray, lang: str) -> tuple[list[str], list[str]]:
    """Return ISO strings and phrases ("Tuesday 7 January 08:00") of local seconds."""
    # Vectorised: formatting one datetime at a time costs more than finding the violation.
    # A few dozen numpy calls each way: numpy's own calendar is cheaper for a handful.
    if len(local) < _CALENDAR_FROM_MOMENTS:
        return _moment_columns_numpy(local, lang)
    days = local // DAY
    year, month, day = _civil(days)
    clock = local - days * DAY
    iso = _iso_texts(year, month, day, clock)
    if iso is None:
        return _moment_columns_numpy(local, lang)
    # One C-level map per word, then " ".join per phrase: no Python bytecode per phrase.
    words = zip(
        _words(messages.WEEKDAYS[lang], (days + 3) % 7),  # 1970-01-01 was a Thursday
        _words(_DAY_WORDS[lang], day),
        _words(_MONTH_WORDS[lang], month),
        _words(_CLOCK_WORDS, clock // 60),
        strict=True,
    )
    return iso, list(map(" ".join, words))


def _day_columns(days: np.ndarray, lang: str, phrases: bool = True) -> tuple[list[str], list[str]]:
    """Return "YYYY-MM-DDT00:00" strings and "6 January" phrases of epoch days."""
    if len(days) < _CALENDAR_FROM_DAYS:
        return _day_columns_numpy(days, lang)
    year, month, day = _civil(days)
    iso = _iso_texts(year, month, day, None)
    if iso is None:
        return _day_columns_numpy(days, lang)
    if not phrases:
        return iso, []
    words = zip(_words(_DAY_WORDS[lang], day), _words(_MONTH_WORDS[lang], month), strict=True)
    return iso, list(map(" ".join, words))


def _moment_columns_numpy(local: np.ndarray, lang: str) -> tuple[list[str], list[str]]:
    """``_moment_columns`` by numpy's calendar: any year (slower)."""
    whole_minutes = local % 60 == 0
    iso = np.datetime_as_string(local.astype("datetime64[s]"), unit="m").tolist()
    if not whole_minutes.all():
        exact = np.datetime_as_string(local.astype("datetime64[s]"), unit="s").tolist()
        iso = [
            a if keep else b for a, b, keep in zip(iso, exact, whole_minutes.tolist(), strict=True)
        ]
    days = local // DAY
    weekday = ((days + 3) % 7).tolist()  # 1970-01-01 was a Thursday
    _, dates = _day_columns_numpy(days, lang)
    hour = (local % DAY // HOUR).tolist()
    minute = (local % HOUR // 60).tolist()
    names = messages.WEEKDAYS[lang]
    phrases = [
        f"{names[w]} {d} {h:02d}:{m:02d}"
        for w, d, h, m in zip(weekday, dates, hour, minute, strict=True)
    ]
    return iso, phrases


def _day_columns_numpy(days: np.ndarray, lang: str) -> tuple[list[str], list[str]]:
    """``_day_columns`` by numpy's calendar: any year (slower)."""
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
def _printf(message_id: str, lang: str, names: tuple[str, ...]) -> tuple[str, tuple[int, ...]]:
    """Return the message template as a printf one, and which of ``names`` each %s takes."""
    # "%" with a tuple costs less than format(), and builds no dict per violation.
    pieces, order = [], []
    for literal, name, _, _ in string.Formatter().parse(messages.VIOLATIONS[message_id][lang]):
        pieces.append(literal.replace("%", "%%"))
        if name is not None:
            pieces.append("%s")
            order.append(names.index(name))
    return "".join(pieces), tuple(order)


def _numbers(values: list[float], lang: str) -> list[str]:
    # Each distinct value formatted once (equal numbers format alike, 48 and 48.0 too).
    texts = {v: messages.format_number(v, lang) for v in set(values)}
    return list(map(texts.__getitem__, values))


class _Collector:
    """Violations as they are found, per schedule, and block figures."""

    def __init__(self, batch: _Batch) -> None:
        self.b = batch
        self.lang = batch.lang
        # Per call of _add: (owners, sort keys, then the Violation fields as columns), sorted
        # once at the end.
        self.found: list[tuple[Any, ...]] = []
        self.blocks: list[list[dict[str, Any]]] = [[] for _ in range(batch.n)]

    def _add(
        self,
        owners: np.ndarray,
        rule: str,
        sort_keys: np.ndarray,
        iso_start: list[str],
        iso_end: list[str],
        values: list[float] | list[int],
        limits: list[float] | list[int],
        message_id: str,
        fields: dict[str, list],
    ) -> None:
        lang = self.lang
        n = len(owners)
        columns = (iso_start, iso_end, values, limits, *fields.values())
        if len(sort_keys) != n or any(len(column) != n for column in columns):
            raise ValueError(f"{rule}: columns of different lengths")
        value_text, limit_text = _numbers(values, lang), _numbers(limits, lang)
        template, order = _printf(message_id, lang, ("value", "limit", *fields))
        texts: list[str]
        if order:
            # map() over the columns: no Python bytecode per violation.
            row = (value_text, limit_text, *fields.values())
            texts = list(map(template.__mod__, zip(*(row[k] for k in order), strict=True)))
        else:
            texts = [template % ()] * n
        self.found.append(
            (owners, sort_keys, [rule] * n, iso_start, iso_end, values, limits, texts)
        )

    def violations(self, order: dict[str, int]) -> list[ViolationColumns | list[Violation]]:
        """Return each schedule's violations by start, then in rule order, else as found."""
        result: list[ViolationColumns | list[Violation]] = [[] for _ in range(self.b.n)]
        if not self.found:
            return result
        found = self.found
        owners = np.concatenate([item[0] for item in found])
        keys = np.concatenate([item[1] for item in found])
        ranks = np.concatenate([np.full(len(item[0]), order[item[2][0]]) for item in found])
        # lexsort is stable: violations alike in all three keep the order they were found in.
        pick = itemgetter(*np.lexsort((ranks, keys, owners)).tolist())
        # itemgetter of one index returns the item, not a 1-tuple.
        if len(owners) == 1:
            columns = [[item[k][0] for item in found] for k in range(2, 8)]
        else:
            columns = [
                list(pick(list(chain.from_iterable(i[k] for i in found)))) for k in range(2, 8)
            ]
        bounds = _starts(np.bincount(owners, minlength=self.b.n)).tolist()
        for t in np.unique(owners).tolist():
            lo, hi = bounds[t], bounds[t + 1]
            result[t] = ViolationColumns(*(column[lo:hi] for column in columns))
        return result

    def weeks(
        self,
        rule: str,
        owners: np.ndarray,
        weeks: np.ndarray,
        values: list[float],
        limits: list[float],
        message_id: str,
        fields: dict[str, list] | None = None,
    ) -> None:
        """Add violations that cover whole weeks (relative to each reference Monday)."""
        if not len(owners):
            return
        first = self.b.ref[owners] + 7 * weeks
        iso_start, phrase = _day_columns(first, self.lang)
        iso_end, _ = _day_columns(first + 7, self.lang, phrases=False)
        self._add(
            owners,
            rule,
            first * DAY,
            iso_start,
            iso_end,
            values,
            limits,
            message_id,
            {"week": phrase, **(fields or {})},
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
        iso_end, _ = _day_columns(first + 7 * n, self.lang, phrases=False)
        self._add(
            owners,
            rule,
            first * DAY,
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
            owners,
            rule,
            local_start,
            iso_start,
            iso_end,
            values,
            limits,
            message_id,
            {"start": phrase_start, "end": phrase_end, **(fields or {})},
        )
