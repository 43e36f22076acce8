"""Entry kinds of the exchange format and their integer codes."""

import numpy as np

TIMED_KINDS: tuple[str, ...] = (
    "planned",
    "unplanned",
    "scientific",
    "education",
    "oncall_inhouse",
    "oncall_home_standby",
    "oncall_home_callout",
    "moonlighting",
    "transition",
)
DAY_KINDS: tuple[str, ...] = ("vacation", "sick", "leave")
KINDS: tuple[str, ...] = TIMED_KINDS + DAY_KINDS

STANDBY_KIND = "oncall_home_standby"
COUNTED_KINDS: tuple[str, ...] = tuple(k for k in TIMED_KINDS if k != STANDBY_KIND)

TIMED_CODE: dict[str, int] = {kind: code for code, kind in enumerate(TIMED_KINDS)}
DAY_CODE: dict[str, int] = {kind: code for code, kind in enumerate(DAY_KINDS)}

STANDBY = TIMED_CODE[STANDBY_KIND]
INHOUSE = TIMED_CODE["oncall_inhouse"]
TRANSITION = TIMED_CODE["transition"]
CALLOUT = TIMED_CODE["oncall_home_callout"]
N_TIMED = len(TIMED_KINDS)
N_DAY = len(DAY_KINDS)

# Indexed by kind code: whether the kind is working time.
COUNTED_MASK = np.array([kind != STANDBY_KIND for kind in TIMED_KINDS], dtype=bool)
