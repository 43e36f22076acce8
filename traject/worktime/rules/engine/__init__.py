"""The rule engine: weekly figures, averaging blocks and violations of schedules.

Everything is vectorised over entries, and over many schedules at once (``evaluate_many``;
``evaluate`` is a batch of one), so the cost per schedule is a handful of numpy calls shared
by the whole batch rather than a hundred calls each. Entries are cut at every local midnight,
08:00 and 20:00 (a "grid" of local boundaries converted once to UTC), so each piece lies in
one local day and one day or night window; weekly figures are sums over pieces by week slot.

Schedule t of a batch owns a contiguous run of every per-item array (entries, weeks, blocks);
``*_off`` arrays hold where each run starts. The grid depends only on the zone, so schedules in
the same zone share one.

The package: ``batch`` (the shared arrays), ``handlers`` (one function per rule type),
``texts`` (violations and their messages), ``report`` (the report and its JSON), ``check``
(``evaluate``), ``common`` (constants and array helpers).
"""

from .batch import (
    _Batch,
    _Grid,
    _grid_instants,
)
from .check import (
    evaluate,
    evaluate_many,
)
from .common import (
    _BIG,
    _FAR,
    HOUR,
    _expand,
    _groups,
    _hours_list,
    _select,
    _starts,
)
from .handlers import (
    _HANDLERS,
    _average_max,
    _block_bounds,
    _count_max,
    _days_off_min,
    _inhouse_call_max,
    _night_shift_count,
    _night_shift_max,
    _rest_min,
    _rests,
    _shortened,
    _stint_max,
    _stint_split_max,
    _week_max,
    _weekly_rest_min,
)
from .report import (
    BlockFigures,
    Report,
    Violation,
    WeekFigures,
    _block_layout,
    _week_layout,
    _WeekRange,
)
from .texts import (
    _CLOCK_WORDS,
    _DAY_WORDS,
    _ISO_ZERO,
    _MONTH_WORDS,
    _civil,
    _Collector,
    _day_columns,
    _day_columns_numpy,
    _iso_texts,
    _moment_columns,
    _moment_columns_numpy,
    _numbers,
    _printf,
    _words,
)

__all__ = [
    "BlockFigures",
    "HOUR",
    "Report",
    "Violation",
    "WeekFigures",
    "_BIG",
    "_Batch",
    "_CLOCK_WORDS",
    "_Collector",
    "_DAY_WORDS",
    "_FAR",
    "_Grid",
    "_HANDLERS",
    "_ISO_ZERO",
    "_MONTH_WORDS",
    "_WeekRange",
    "_average_max",
    "_block_bounds",
    "_block_layout",
    "_civil",
    "_count_max",
    "_day_columns",
    "_day_columns_numpy",
    "_days_off_min",
    "_expand",
    "_grid_instants",
    "_groups",
    "_hours_list",
    "_inhouse_call_max",
    "_iso_texts",
    "_moment_columns",
    "_moment_columns_numpy",
    "_night_shift_count",
    "_night_shift_max",
    "_numbers",
    "_printf",
    "_rest_min",
    "_rests",
    "_select",
    "_shortened",
    "_starts",
    "_stint_max",
    "_stint_split_max",
    "_week_layout",
    "_week_max",
    "_weekly_rest_min",
    "_words",
    "evaluate",
    "evaluate_many",
]
