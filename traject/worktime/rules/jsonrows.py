"""JSON rows written by numpy: a table of numbers as the text orjson would write for its dicts.

A report holds thousands of week rows of two dozen numbers each; building a dict per row and
serialising it costs more than the check itself. Here each row is laid out as fixed-width
fields (constant key runs, digits, dates) in one byte matrix, column by column in numpy, and
the unused leading digit positions are then dropped with one mask: the text is the same,
byte for byte, as ``orjson.dumps`` of the dicts, with no Python object per value.

Numbers are written the way orjson (and ``repr``) writes them: hours as a float rounded to two
decimals ("12.5", "0.0", "7.25"), counts as integers, ``true``/``false``, dates as
"YYYY-MM-DD". Anything outside the range where that holds (a float of 10^10 hours or more, a
year outside 1000-9999, NaN) makes ``rows`` return None so the caller takes the dict path.
"""

from typing import Any

import numpy as np

# Below this many hundredths a two-decimal float prints as "I.dd" with nothing dropped.
_MAX_CENTS = 10**12
_U8 = np.uint8
_ZERO = ord("0")


class Cents:
    """A column of hours to two decimals, given as seconds (rounded half up)."""

    __slots__ = ("values",)

    def __init__(self, values: np.ndarray) -> None:
        self.values = values


class Ints:
    """A column of integers."""

    __slots__ = ("values",)

    def __init__(self, values: np.ndarray) -> None:
        self.values = values


class Days:
    """A column of epoch days, written "YYYY-MM-DD"."""

    __slots__ = ("values",)

    def __init__(self, values: np.ndarray) -> None:
        self.values = values


class Bools:
    """A column of booleans, written true or false."""

    __slots__ = ("values",)

    def __init__(self, values: np.ndarray) -> None:
        self.values = values


def cents(seconds: np.ndarray) -> np.ndarray:
    """Return seconds as hundredths of hours, half up, as floats (see ``engine._hours_list``)."""
    return np.floor(np.asarray(seconds, dtype=np.float64) / 36 + 0.5)


def _number_chars(values: np.ndarray, fraction: bool) -> tuple[np.ndarray, np.ndarray]:
    """Return (characters, mask), each (columns, width, n), of a (columns, n) table of numbers.

    ``fraction``: the values are hundredths, written as a float with one or two decimals.
    """
    negative = values < 0
    a = np.abs(values)
    if fraction:
        whole, frac = a // 100, a % 100
    else:
        whole = a
    top = int(whole.max()) if whole.size else 0
    width = len(str(top))
    powers = 10 ** np.arange(width - 1, -1, -1, dtype=np.int64)[:, None]
    row = whole[:, None, :]
    chars, masks = [(row // powers % 10 + _ZERO).astype(_U8)], [row >= powers]
    masks[0][:, -1, :] = True
    if negative.any():
        chars.insert(0, np.full((len(values), 1, values.shape[1]), ord("-"), dtype=_U8))
        masks.insert(0, negative[:, None, :])
    if fraction:
        tail = np.empty((len(values), 3, values.shape[1]), dtype=_U8)
        tail[:, 0, :] = ord(".")
        tail[:, 1, :] = frac // 10 + _ZERO
        tail[:, 2, :] = frac % 10 + _ZERO
        tail_keep = np.ones(tail.shape, dtype=bool)
        # "12.5" and "12.0", never "12.50" or "12.00".
        tail_keep[:, 2, :] = frac % 10 != 0
        chars.append(tail)
        masks.append(tail_keep)
    if len(chars) == 1:
        return chars[0], masks[0]
    return np.concatenate(chars, axis=1), np.concatenate(masks, axis=1)


def _day_chars(days: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    # Civil date from epoch days (H. Hinnant's algorithm), for days on or after 0000-03-01.
    z = days + 719468
    if z.size and int(z.min()) < 0:
        return None
    era = z // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    day = doy - (153 * mp + 2) // 5 + 1
    month = np.where(mp < 10, mp + 3, mp - 9)
    year = yoe + era * 400 + (month <= 2)
    if year.size and (int(year.min()) < 1000 or int(year.max()) > 9999):
        return None
    chars = np.empty((len(days), 10, days.shape[1]), dtype=_U8)
    for position, power in enumerate((1000, 100, 10, 1)):
        chars[:, position, :] = year // power % 10 + _ZERO
    chars[:, 4, :] = chars[:, 7, :] = ord("-")
    chars[:, 5, :] = month // 10 + _ZERO
    chars[:, 6, :] = month % 10 + _ZERO
    chars[:, 8, :] = day // 10 + _ZERO
    chars[:, 9, :] = day % 10 + _ZERO
    return chars, np.ones(chars.shape, dtype=bool)


_BOOL_CHARS = np.array([list(b"false"), list(b"true ")], dtype=_U8)


def _bool_chars(flags: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    chars = np.ascontiguousarray(_BOOL_CHARS[flags.astype(np.intp)].transpose(0, 2, 1))
    keep = np.ones(chars.shape, dtype=bool)
    keep[:, 4, :] = ~flags
    return chars, keep


def rows(n: int, layout: list[Any]) -> bytes | memoryview | None:
    """Return n rows, comma-separated, each the concatenation of the layout's parts.

    A part is constant bytes (the same in every row) or a column: ``Cents``, ``Ints``,
    ``Days`` or ``Bools`` of n values. None when a value cannot be written exactly here.
    """
    if not n:
        return b""
    # Columns of one type are written together, as one (columns, width, n) block each, and
    # the table is built column-major (one contiguous line of n bytes per character position).
    groups: dict[type, list[np.ndarray]] = {Cents: [], Ints: [], Days: [], Bools: []}
    slots: list[type | bytes] = []
    constant = b""
    for part in layout:
        if isinstance(part, bytes):
            constant += part
            continue
        if constant:
            slots.append(constant)
            constant = b""
        slots.append(type(part))
        groups[type(part)].append(part.values)
    slots.append(constant + b",")
    blocks: dict[type, tuple[np.ndarray, np.ndarray]] = {}
    for kind, columns in groups.items():
        if not columns:
            continue
        block: tuple[np.ndarray, np.ndarray] | None
        if kind is Cents:
            hundredths = cents(np.stack(columns))
            if not np.isfinite(hundredths).all() or (np.abs(hundredths) >= _MAX_CENTS).any():
                return None
            block = _number_chars(hundredths.astype(np.int64), fraction=True)
        elif kind is Ints:
            block = _number_chars(np.stack(columns).astype(np.int64), fraction=False)
        elif kind is Days:
            block = _day_chars(np.stack(columns).astype(np.int64))
        else:
            block = _bool_chars(np.stack(columns).astype(bool))
        if block is None:
            return None
        blocks[kind] = block
    # Where each slot goes in a row.
    offset = 0
    constant_at: list[int] = []
    constant_text = b""
    field_at: dict[type, list[int]] = {kind: [] for kind in blocks}
    for slot in slots:
        if isinstance(slot, bytes):
            constant_at.extend(range(offset, offset + len(slot)))
            constant_text += slot
            offset += len(slot)
        else:
            width = blocks[slot][0].shape[1]
            field_at[slot].extend(range(offset, offset + width))
            offset += width
    table = np.empty((offset, n), dtype=_U8)
    keep = np.ones((offset, n), dtype=bool)
    table[constant_at] = np.frombuffer(constant_text, dtype=_U8)[:, None]
    for kind, (chars, mask) in blocks.items():
        # Slots of one type come in layout order, as do the columns of its block.
        table[field_at[kind]] = chars.reshape(-1, n)
        keep[field_at[kind]] = mask.reshape(-1, n)
    # A view, not a copy: bytes.join takes it as it is.
    return memoryview(table.T[keep.T])[:-1]
