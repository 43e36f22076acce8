"""Benchmark the whole working-time path: parse, check and report, as the CLI and API run it.

    .venv/bin/python benchmarks/worktime_end_to_end.py [--years 40] [--trainees 1000]
        [--repeat 5] [--no-cli]

The path measured is what ``traject worktime check FILE --format json`` and ``POST
/api/v1/worktime/check`` do with a schedule: JSON bytes in (orjson), ``parse_schedule``
(validation, local time to UTC, overlaps), ``evaluate`` (every rule of the rule set),
and the report as JSON bytes (``Report.to_json``, the bytes of
``orjson.dumps(Report.to_dict())``). Two workloads:

1. one trainee's long roster (``--years`` years of synthetic rosters, BE, NL, EU and US), the
   CLI's case: best of ``--repeat`` runs;
2. ``--trainees`` one-year rosters checked one after the other, the API's case.

Figures are entries per second of CPU time of this process (``time.process_time``), which a
busy shared machine disturbs far less than the wall clock; the wall-clock figure is printed too.
Finally the real CLI is run once on the long BE roster, start-up included (wall clock).
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from traject.worktime.rules import evaluate, parse_schedule  # noqa: E402
from traject.worktime.rules.synthetic import generate_roster  # noqa: E402

JURISDICTIONS = ("BE", "NL", "EU", "US")


def long_roster(jurisdiction: str, years: int, first: int = 1990) -> dict:
    """Return ``years`` synthetic years of one trainee as one exchange-format schedule."""
    schedule = generate_roster(first, year=first, jurisdiction=jurisdiction)
    entries = list(schedule["entries"])
    for year in range(first + 1, first + years):
        more = generate_roster(year, year=year, jurisdiction=jurisdiction)["entries"]
        # Each year is generated alone: drop what would overlap the end of the year before.
        last_end = max(e["end"] for e in entries if "end" in e)
        last_day = max((e["date"] for e in entries if "date" in e), default="")
        entries += [
            e
            for e in more
            if ("start" in e and e["start"] >= last_end) or e.get("date", "") > last_day
        ]
    return {**schedule, "entries": entries}


def whole_path(document: bytes) -> bytes:
    """Return the report of a schedule given as JSON bytes, as JSON bytes."""
    report = evaluate(parse_schedule(orjson.loads(document), "nl"), "nl")
    # Report.to_json: the bytes of orjson.dumps(report.to_dict()), as the API sends them.
    return report.to_json()


def timed(func, repeat: int) -> tuple[float, float]:
    """Return the best (CPU seconds, wall seconds) of ``repeat`` runs."""
    cpu = wall = float("inf")
    for _ in range(repeat):
        c0, w0 = time.process_time(), time.perf_counter()
        func()
        cpu = min(cpu, time.process_time() - c0)
        wall = min(wall, time.perf_counter() - w0)
    return cpu, wall


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--years", type=int, default=40)
    parser.add_argument("--trainees", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-cli", action="store_true")
    args = parser.parse_args(argv)

    print("Whole path (JSON in, parse, check, report, JSON out), CPU time of one process")
    long_documents = {}
    total_entries = total_cpu = 0.0
    for jurisdiction in JURISDICTIONS:
        schedule = long_roster(jurisdiction, args.years)
        document = orjson.dumps(schedule)
        long_documents[jurisdiction] = document
        n = len(schedule["entries"])
        whole_path(document)  # warm the zone and holiday caches, as a running server has them
        cpu, wall = timed(lambda document=document: whole_path(document), args.repeat)
        total_entries += n
        total_cpu += cpu
        print(
            f"  {jurisdiction} {args.years}-year roster, {n:,} entries: {cpu * 1000:.1f} ms CPU "
            f"({n / cpu:,.0f} entries/s), {wall * 1000:.1f} ms wall"
        )
    print(f"  all four: {total_entries / total_cpu:,.0f} entries/s")

    documents = [
        orjson.dumps(generate_roster(seed, year=2025, jurisdiction=JURISDICTIONS[seed % 4]))
        for seed in range(args.trainees)
    ]
    n = sum(len(orjson.loads(d)["entries"]) for d in documents)

    def all_trainees():
        for document in documents:
            whole_path(document)

    cpu, wall = timed(all_trainees, max(1, args.repeat // 2))
    print(
        f"  {args.trainees:,} one-year schedules one by one, {n:,} entries: {cpu * 1000:.0f} ms CPU "
        f"({n / cpu:,.0f} entries/s; {cpu / args.trainees * 1000:.2f} ms a schedule), "
        f"{wall * 1000:.0f} ms wall"
    )

    if not args.no_cli:
        with tempfile.NamedTemporaryFile("wb", suffix=".json", delete=False) as handle:
            handle.write(long_documents["BE"])
        try:
            command = [sys.executable, "-m", "traject.worktime.cli", "check", handle.name]
            start = time.perf_counter()
            result = subprocess.run(command, capture_output=True, cwd=ROOT, check=False)
            wall = time.perf_counter() - start
            n = len(orjson.loads(long_documents["BE"])["entries"])
            print(
                f"  the CLI on the BE roster, start-up included: {wall * 1000:.0f} ms wall "
                f"({n / wall:,.0f} entries/s), exit status {result.returncode}"
            )
        finally:
            os.unlink(handle.name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
