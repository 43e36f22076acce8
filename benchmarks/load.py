"""A bounded loopback load test: pages under 1, 10 and 50 concurrent users, behind gunicorn.

Builds a world in a fresh database (``--scale demo`` or ``national``), starts gunicorn on
127.0.0.1 (``--workers``, default 3), signs the personas in (a session each, made through Django's
test client against the same database), then for each page and each concurrency level runs that
many threads that request the page for ``--seconds`` (default 5) each, at most ``--max-requests``
per level. Prints per page and level: requests/s, median and 95th-percentile latency, errors.
Only the standard library (threads + urllib); the server is stopped at the end.

    .venv/bin/python benchmarks/load.py --scale national [--users 1,10,50] [--seconds 5]
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
if "DATABASE_URL" not in os.environ:
    os.environ.setdefault("TRAJECT_DATA_DIR", tempfile.mkdtemp(prefix="traject-load-"))
os.environ.setdefault("TRAJECT_ENV", "development")
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "traject.config.settings")
os.environ.setdefault("TASKS_BACKEND", "immediate")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

PAGES = [
    ("anonymous", "/accounts/login/"),
    ("aso", "/"),
    ("programme-admin", "/organisation/trainees/"),
    ("ministry", "/quality/register/"),
    ("programme-admin", "/api/v1/organisation/trainees"),
]


def session_cookie(persona: str) -> str:
    if persona == "anonymous":
        return ""
    from traject.accounts.models import User
    from traject.core.demo import DEMO_DOMAIN

    client = Client()
    client.force_login(User.objects.get(email=f"{persona}@{DEMO_DOMAIN}"))
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def wait_for(url: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=20).read()
            return
        except OSError:  # refused while starting, or a timeout
            time.sleep(0.3)
    raise SystemExit(f"the server at {url} did not answer")


def run_level(url: str, cookie: str, users: int, seconds: float, max_requests: int) -> dict:
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def user() -> None:
        request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
        while time.monotonic() < stop_at:
            with lock:
                if len(latencies) + errors[0] >= max_requests:
                    return
            started = time.perf_counter()
            try:
                with urllib.request.urlopen(request, timeout=60) as response:
                    response.read()
                    ok = response.status == 200
            except OSError:  # URLError, refused, reset or timed out
                ok = False
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                if ok:
                    latencies.append(elapsed)
                else:
                    errors[0] += 1

    started = time.monotonic()
    threads = [threading.Thread(target=user) for _ in range(users)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.monotonic() - started
    latencies.sort()
    return {
        "rps": len(latencies) / wall if wall else 0,
        "median": statistics.median(latencies) if latencies else float("nan"),
        "p95": latencies[int(0.95 * (len(latencies) - 1))] if latencies else float("nan"),
        "errors": errors[0],
        "count": len(latencies),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", choices=["demo", "national"], default="national")
    parser.add_argument("--users", default="1,10,50")
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--max-requests", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--port", type=int, default=8917)
    args = parser.parse_args()
    levels = [int(n) for n in args.users.split(",")]

    call_command("migrate", verbosity=0)
    call_command("demo", scale=args.scale, quiet_logins=True, verbosity=0)
    cookies = {persona: session_cookie(persona) for persona, _ in PAGES}
    base = f"http://127.0.0.1:{args.port}"
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "traject.config.wsgi",
            "--bind",
            f"127.0.0.1:{args.port}",
            "--workers",
            str(args.workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=os.environ.copy(),
    )
    try:
        wait_for(base + "/accounts/login/")
        print(f"{args.scale} world, gunicorn {args.workers} workers, {args.seconds:g} s a level")
        print(
            f"{'page':<38} {'users':>5} {'req/s':>7} {'median ms':>10} {'p95 ms':>8} {'errors':>6}"
        )
        for persona, path in PAGES:
            run_level(base + path, cookies[persona], 1, 0.5, 5)  # warm every worker up
            for users in levels:
                figures = run_level(
                    base + path, cookies[persona], users, args.seconds, args.max_requests
                )
                print(
                    f"{persona + ' ' + path:<38} {users:>5} {figures['rps']:>7.1f} "
                    f"{figures['median']:>10.1f} {figures['p95']:>8.1f} {figures['errors']:>6}",
                    flush=True,
                )
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
