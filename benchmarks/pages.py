"""Each persona's main pages against the login page, on the demo world and the national world.

In one run: migrate a fresh database, load the demo world and time every page, then load the
national world (~6,200 ASO on top of the demo) and time the same pages again. Each page is
rendered in-process (Django test client), warmed up, and timed as the median of ``--repeat``
requests. Printed per page: the median CPU time of this process in ms (the page's cost,
steady on a shared machine; the wall clock in brackets), the number of SQL queries, the ratio to the login
page of the same world, and the ratio of its national time to its demo time.

Targets (issue #17): no main page above 10x the login page, none above 1.25x its demo time;
a page over a target is marked with ``!``. Exits 1 when ``--strict`` and a target is missed.

    .venv/bin/python benchmarks/pages.py [--repeat 15] [--strict]
    DATABASE_URL=postgres://... .venv/bin/python benchmarks/pages.py   # on PostgreSQL
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
if "DATABASE_URL" not in os.environ:
    # A fresh directory of its own (never the user's data); the measuring child gets the same.
    os.environ["TRAJECT_BENCH_DIR"] = os.environ.get("TRAJECT_BENCH_DIR") or tempfile.mkdtemp(
        prefix="traject-bench-"
    )
    os.environ["TRAJECT_DATA_DIR"] = os.environ["TRAJECT_BENCH_DIR"]
os.environ.setdefault("TRAJECT_ENV", "development")
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "traject.config.settings")
os.environ.setdefault("TASKS_BACKEND", "immediate")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

LOGIN = ("anonymous", "/accounts/login/")

# Each persona's main pages: the dashboard and what its menu leads to first.
PAGES = [
    ("aso", "/"),
    ("aso", "/portfolio/"),
    ("aso", "/worktime/"),
    ("aso", "/organisation/trainees/"),
    ("aso", "/quality/"),
    ("stagemeester", "/"),
    ("stagemeester", "/portfolio/my-aso/"),
    ("stagemeester", "/organisation/trainees/"),
    ("coordinator", "/"),
    ("coordinator", "/organisation/"),
    ("coordinator", "/organisation/stages/"),
    ("mentor", "/"),
    ("mentor", "/mentoring/"),
    ("titularis", "/"),
    ("titularis", "/portfolio/submissions/"),
    ("programme-admin", "/"),
    ("programme-admin", "/organisation/trainees/"),
    ("programme-admin", "/organisation/stages/"),
    ("programme-admin", "/mentoring/groups/"),
    ("ministry", "/"),
    ("ministry", "/quality/register/"),
    ("ministry", "/worktime/statistics/"),
]

LOGIN_RATIO = 10.0
GROWTH_RATIO = 1.25


def _client(persona: str) -> Client:
    from traject.accounts.models import User
    from traject.core.demo import DEMO_DOMAIN

    client = Client()
    if persona != "anonymous":
        client.force_login(User.objects.get(email=f"{persona}@{DEMO_DOMAIN}"))
    return client


def _timed_get(client, path: str) -> tuple[float, float, int]:
    with CaptureQueriesContext(connection) as queries:
        started, started_cpu = time.perf_counter(), time.process_time()
        response = client.get(path)
        if getattr(response, "streaming", False):
            b"".join(response.streaming_content)
        cpu = (time.process_time() - started_cpu) * 1000
        wall = (time.perf_counter() - started) * 1000
    assert response.status_code == 200, (path, response.status_code)
    return cpu, wall, len(queries)


def measure_pages(pages: list, repeat: int, warmup: int = 3) -> dict:
    """Medians of ``repeat`` rounds after ``warmup``: CPU ms of this process (what the page
    costs), wall-clock ms, and the query count. Each round requests every page once, so a
    burst of load on a shared machine touches all pages alike, the login page too."""
    clients = {page: _client(page[0]) for page in pages}
    for page in pages:
        for _ in range(warmup):
            _timed_get(clients[page], page[1])
    samples: dict = {page: [] for page in pages}
    for _ in range(repeat):
        for page in pages:
            samples[page].append(_timed_get(clients[page], page[1]))
    return {
        page: (
            statistics.median(s[0] for s in rows),
            statistics.median(s[1] for s in rows),
            rows[-1][2],
        )
        for page, rows in samples.items()
    }


def measure_world(repeat: int) -> dict:
    """Time every page in a fresh process, as a server worker would meet the world.

    The process that generated the national world keeps its objects alive, and Python's
    collector then walks a heap of millions: every request, the login page too, measured
    1.5-1.8x slower there. A worker serves from a fresh process.
    """
    import json
    import subprocess

    out = subprocess.run(
        [sys.executable, __file__, "--measure", "--repeat", str(repeat)],
        check=True,
        capture_output=True,
        text=True,
        env=os.environ.copy(),
    ).stdout
    rows = json.loads(out.strip().splitlines()[-1])
    return {(persona, path): tuple(values) for persona, path, values in rows}


def _measure_here(repeat: int) -> None:
    import json

    rows = [[*page, values] for page, values in measure_pages([LOGIN, *PAGES], repeat).items()]
    print(json.dumps(rows))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:  # the child process: time the pages of the world in the database
        _measure_here(args.repeat)
        return 0

    from traject.organisation.models import Trainee

    call_command("migrate", verbosity=0)
    call_command("demo", quiet_logins=True, verbosity=0)
    print(f"demo world: {Trainee.objects.count()} ASO", flush=True)
    demo = measure_world(args.repeat)
    started = time.perf_counter()
    call_command("demo", scale="national", quiet_logins=True, verbosity=0)
    # ``demo`` ends with ANALYZE (traject/core/demo.py): the planner knows the national tables.
    print(
        f"national world: {Trainee.objects.count()} ASO "
        f"(loaded in {time.perf_counter() - started:.0f} s)",
        flush=True,
    )
    national = measure_world(args.repeat)

    login_demo, login_national = demo[LOGIN][0], national[LOGIN][0]
    print(
        f"\nlogin page: {login_demo:.1f} ms CPU (demo), {login_national:.1f} ms CPU (national); "
        "ratios are of CPU time (wall clock in brackets)"
    )
    print(
        f"{'persona':<16} {'page':<26} {'demo ms':>14} {'national ms':>14} {'queries':>9} "
        f"{'x login':>8} {'x demo':>7}"
    )
    missed = 0
    for page in PAGES:
        (d_ms, d_wall, d_q), (n_ms, n_wall, n_q) = demo[page], national[page]
        to_login, to_demo = n_ms / login_national, n_ms / d_ms
        marks = ("!" if to_login > LOGIN_RATIO else " ") + ("!" if to_demo > GROWTH_RATIO else " ")
        missed += marks.count("!")
        print(
            f"{page[0]:<16} {page[1]:<26} {d_ms:>6.1f} ({d_wall:>5.0f}) {n_ms:>6.1f} ({n_wall:>5.0f}) "
            f"{d_q:>4}/{n_q:<4} {to_login:>7.1f}{marks[0]} {to_demo:>6.2f}{marks[1]}"
        )
    print(
        f"\ntargets: x login <= {LOGIN_RATIO:g}, x demo <= {GROWTH_RATIO:g}; "
        f"{missed} miss(es) marked with !"
    )
    return 1 if (missed and args.strict) else 0


if __name__ == "__main__":
    sys.exit(main())
