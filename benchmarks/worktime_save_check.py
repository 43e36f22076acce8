"""Time the check that runs when an ASO saves one entry: load a year from the database, build the
schedule, run the engine and store the summary. Prints the median and best of many runs.

    .venv/bin/python benchmarks/worktime_save_check.py [--runs 50]
"""

import argparse
import datetime
import statistics
import time

from django_setup import setup_django  # noqa: E402  (benchmarks/ is on the path)

setup_django()

from django.core.management import call_command  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)

    from traject.testing.world import build_world
    from traject.worktime import selectors, services
    from traject.worktime.models import TimeEntry
    from traject.worktime.timeutil import localize

    world = build_world()
    trainee, actor = world.trainee, world.users["aso"]
    zone = services.settings_for(trainee).zone
    today = datetime.date.today()
    entries = []
    day = today - datetime.timedelta(days=365)
    while day < today:
        if day.weekday() < 5:
            start = datetime.datetime.combine(day, datetime.time(8))
            entries.append(
                TimeEntry(
                    trainee=trainee,
                    start=localize(start, zone),
                    end=localize(start + datetime.timedelta(hours=9.5), zone),
                    kind="planned",
                )
            )
        if day.weekday() == 2:  # a weekly evening of in-house call
            start = datetime.datetime.combine(day, datetime.time(18))
            entries.append(
                TimeEntry(
                    trainee=trainee,
                    start=localize(start, zone),
                    end=localize(start + datetime.timedelta(hours=5), zone),
                    kind="oncall_inhouse",
                )
            )
        day += datetime.timedelta(days=1)
    TimeEntry.objects.bulk_create(entries)

    refresh = []
    for _ in range(args.runs):
        t0 = time.perf_counter()
        selectors.refresh_summary(trainee)
        refresh.append((time.perf_counter() - t0) * 1000)
    save = []
    for n in range(args.runs):
        day = today + datetime.timedelta(days=n)
        start = localize(datetime.datetime.combine(day, datetime.time(7)), zone)
        t0 = time.perf_counter()
        services.time_entry_create(
            trainee=trainee,
            actor=actor,
            start=start,
            end=start + datetime.timedelta(minutes=30),
            kind="education",
        )
        save.append((time.perf_counter() - t0) * 1000)
    print(f"entries in the year: {len(entries)}")
    print(
        f"recheck of the year (load + engine + summary): median {statistics.median(refresh):.1f} ms, best {min(refresh):.1f} ms"
    )
    print(
        f"saving one entry including the recheck:        median {statistics.median(save):.1f} ms, best {min(save):.1f} ms"
    )


if __name__ == "__main__":
    main()
