"""Shared constants and array helpers of the rule engine."""

from typing import Any

import numpy as np

HOUR = 3600
# Keeps the instants of different schedules apart on one sorted axis (as in schedule/types.py).
_BIG = 1 << 40
# Beyond any day or week number (np.iinfo costs microseconds a call: once here).
_FAR = int(np.iinfo(np.int64).max // 4)


def _hours_list(seconds: np.ndarray) -> list[float]:
    # Hours to two decimals, half up, the same way everywhere so that a block and its
    # violation never differ in the last digit.
    return (np.floor(np.asarray(seconds, dtype=np.float64) / 36 + 0.5) / 100).tolist()


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
