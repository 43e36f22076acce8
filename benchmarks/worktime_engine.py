"""Benchmark the working-time rule engine on synthetic rosters.

    .venv/bin/python benchmarks/worktime_engine.py [--trainees N] [--seed S]
        [--jurisdiction BE|NL|EU|US|mixed] [--year Y] [--repeat R]

Generates N trainees x 1 year of rosters (traject.worktime.rules.synthetic), then times:

1. the engine alone on pre-parsed input: ``schedules_from_arrays`` (local time to UTC over the
   zone's transitions, validation: skipped times, end after start, overlaps, duplicate leave;
   sorting) plus ``evaluate_many`` (weeks, stints, rests, blocks, every rule, violations with
   their messages), on numpy columns of all trainees: no JSON, no ISO-string parsing, no
   output dicts. Best of R runs, wall clock, one process (numpy runs these on one core);
2. writing every report as exchange-format dicts (``Report.to_dict``), separately;
3. one trainee's year from the exchange dict: ``check(schedule)`` = parse ISO strings +
   validate + evaluate + ``to_dict``, median of many runs, in ms.
"""

import argparse
import gc
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from traject.worktime.rules import (  # noqa: E402
    Schedule,
    check,
    evaluate_many,
    schedules_from_arrays,
)
from traject.worktime.rules.kinds import DAY_CODE, TIMED_CODE  # noqa: E402
from traject.worktime.rules.synthetic import generate_roster  # noqa: E402

JURISDICTIONS = ("BE", "NL", "EU", "US")
FULL_SCALE = 6000


def roster_columns(rosters: list[dict]) -> tuple[list[dict], dict[str, np.ndarray]]:
    """Return headers and numpy columns of all entries: the engine's pre-parsed input."""
    headers, starts, ends, kinds, owners = [], [], [], [], []
    leave_dates, leave_kinds, leave_owners = [], [], []
    for owner, roster in enumerate(rosters):
        headers.append({k: roster[k] for k in ("jurisdiction", "timezone", "reference_start")})
        headers[-1]["opt_out"] = roster.get("opt_out", False)
        for entry in roster["entries"]:
            if "date" in entry:
                leave_dates.append(entry["date"])
                leave_kinds.append(DAY_CODE[entry["kind"]])
                leave_owners.append(owner)
            else:
                starts.append(entry["start"])
                ends.append(entry["end"])
                kinds.append(TIMED_CODE[entry["kind"]])
                owners.append(owner)
    columns = {
        "start": np.array(starts, dtype="datetime64[s]"),
        "end": np.array(ends, dtype="datetime64[s]"),
        "kind": np.array(kinds, dtype=np.int8),
        "owner": np.array(owners, dtype=np.int64),
        "leave_date": np.array(leave_dates, dtype="datetime64[D]"),
        "leave_kind": np.array(leave_kinds, dtype=np.int8),
        "leave_owner": np.array(leave_owners, dtype=np.int64),
    }
    return headers, columns


class Timing:
    """Best wall-clock and best CPU time of repeated runs, in seconds."""

    def __init__(self) -> None:
        self.wall = self.cpu = float("inf")

    def __add__(self, other: "Timing") -> "Timing":
        total = Timing()
        total.wall, total.cpu = self.wall + other.wall, self.cpu + other.cpu
        return total


def best_of(repeat: int, func):
    """Return (Timing, last result) of calling func repeat times."""
    timing, result = Timing(), None
    for _ in range(repeat):
        gc.collect()
        wall, cpu = time.perf_counter(), time.process_time()
        result = func()
        timing.cpu = min(timing.cpu, time.process_time() - cpu)
        timing.wall = min(timing.wall, time.perf_counter() - wall)
    return timing, result


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trainees", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--jurisdiction", choices=(*JURISDICTIONS, "mixed"), default="mixed")
    parser.add_argument("--repeat", type=int, default=3, help="runs of the engine; best is kept")
    parser.add_argument("--single-runs", type=int, default=200)
    args = parser.parse_args(argv)

    rng = np.random.default_rng(args.seed)
    started = time.perf_counter()
    rosters = []
    for i in range(args.trainees):
        jurisdiction = JURISDICTIONS[i % 4] if args.jurisdiction == "mixed" else args.jurisdiction
        rosters.append(generate_roster(rng, args.year, jurisdiction, opt_out=bool(i % 5 == 0)))
    generated = time.perf_counter() - started
    entries = sum(len(r["entries"]) for r in rosters)
    headers, columns = roster_columns(rosters)

    # Warm the caches a long-running server keeps warm: zone tables, holiday calendars.
    evaluate_many(list(schedules_from_arrays(headers[:8], **_first(columns, 8))))

    build_time, schedules = best_of(args.repeat, lambda: schedules_from_arrays(headers, **columns))
    bad = [s for s in schedules if not isinstance(s, Schedule)]
    if bad:
        print(f"generator produced invalid input: {bad[0]}", file=sys.stderr)
        return 1
    eval_time, dict_time = Timing(), Timing()
    for _ in range(args.repeat):
        # Fresh reports each time: a report keeps its figures once written out.
        once, reports = best_of(1, lambda: evaluate_many(schedules))
        written, _ = best_of(1, lambda: [r.to_dict() for r in reports])  # noqa: B023
        eval_time.wall, eval_time.cpu = min(eval_time.wall, once.wall), min(eval_time.cpu, once.cpu)
        dict_time.wall = min(dict_time.wall, written.wall)
        dict_time.cpu = min(dict_time.cpu, written.cpu)
    engine_time = build_time + eval_time
    violations = sum(len(r.violations) for r in reports)

    sample = rosters[: min(len(rosters), 8)]
    for roster in sample:
        check(roster)
    single, single_cpu = [], []
    for k in range(args.single_runs):
        roster = sample[k % len(sample)]
        wall, cpu = time.perf_counter(), time.process_time()
        check(roster)
        single_cpu.append(time.process_time() - cpu)
        single.append(time.perf_counter() - wall)
    single_ms = statistics.median(single) * 1e3
    single_cpu_ms = statistics.median(single_cpu) * 1e3
    p95_ms = statistics.quantiles(single, n=20)[-1] * 1e3

    def ms(t: Timing) -> str:
        return f"{t.wall * 1e3:8.1f} ms wall, {t.cpu * 1e3:8.1f} ms CPU"

    n_rules = len({v.rule for r in reports for v in r.violations})
    print(
        f"Synthetic rosters: {args.trainees} trainees x 1 year ({args.year}), jurisdiction "
        f"{args.jurisdiction}, seed {args.seed}; generated in {generated:.1f} s (not timed)"
    )
    print(
        f"Entries: {entries:,} ({entries / args.trainees:.0f} per trainee-year); violations "
        f"found: {violations:,} (of {n_rules} rules)"
    )
    print()
    print(
        f"Engine alone on pre-parsed numpy columns of all trainees, best of {args.repeat} runs, "
        "one process on one core:"
    )
    print(f"  build    schedules_from_arrays (to UTC, validate, sort)   {ms(build_time)}")
    print(f"  rules    evaluate_many (weeks, blocks, rules, messages)   {ms(eval_time)}")
    print(f"  engine   build + rules                                    {ms(engine_time)}")
    print(
        f"  => {entries / engine_time.cpu:,.0f} entries/s on CPU time "
        f"({entries / engine_time.wall:,.0f} entries/s on wall-clock time; the two differ "
        "when other processes share the machine)"
    )
    print(f"  output   Report.to_dict of every report (not in the above) {ms(dict_time)}")
    print()
    print(
        f"One trainee-year from the exchange dict, check() = parse ISO strings + validate + "
        f"evaluate + to_dict, median of {args.single_runs} runs: {single_ms:.2f} ms wall "
        f"(p95 {p95_ms:.2f} ms), {single_cpu_ms:.2f} ms CPU"
    )
    print()
    scale = FULL_SCALE / args.trainees
    label = "measured" if args.trainees == FULL_SCALE else "extrapolated linearly"
    print(
        f"{FULL_SCALE:,} trainees x 1 year ({label}, CPU time): engine "
        f"{engine_time.cpu * scale:.2f} s; engine + to_dict "
        f"{(engine_time.cpu + dict_time.cpu) * scale:.2f} s; one check() call per trainee "
        f"{single_cpu_ms * FULL_SCALE / 1e3:.1f} s"
    )
    return 0


def _first(columns: dict[str, np.ndarray], n: int) -> dict[str, np.ndarray]:
    """Return the columns of the first n trainees."""
    timed = columns["owner"] < n
    leave = columns["leave_owner"] < n
    return {
        name: values[leave if name.startswith("leave") else timed]
        for name, values in columns.items()
    }


if __name__ == "__main__":
    sys.exit(main())
