"""Generate the national-scale world and measure the main pages on it.

Prints: the time to generate ~6,000 ASO (with the demo world), and for a few pages the number of
SQL queries and the median response time. Uses a fresh SQLite file unless DATABASE_URL is set.

    .venv/bin/python benchmarks/national_scale.py
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
if "DATABASE_URL" not in os.environ:
    os.environ["TRAJECT_DATA_DIR"] = tempfile.mkdtemp(prefix="traject-bench-")
os.environ.setdefault("TRAJECT_ENV", "development")
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "traject.config.settings")
os.environ.setdefault("TASKS_BACKEND", "immediate")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from traject.accounts.models import User  # noqa: E402
from traject.organisation.models import Stage, Trainee, TrainingService  # noqa: E402


def main() -> None:
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    call_command("demo", scale="national", quiet_logins=True, verbosity=0)
    generated = time.perf_counter() - started
    print(
        f"national world generated in {generated:.1f} s: {Trainee.objects.count()} ASO, "
        f"{User.objects.filter(trainer_recognitions__isnull=False).distinct().count()} stagemeesters, "
        f"{TrainingService.objects.count()} stagediensten, {Stage.objects.count()} stages"
    )
    from traject.worktime.models import ComplianceSummary, TimeEntry

    print(
        f"working time: {TimeEntry.objects.count()} entries, "
        f"{ComplianceSummary.objects.filter(has_entries=True).count()} ASO with a summary"
    )
    pages = [
        ("programme-admin", "/"),
        ("programme-admin", "/organisation/trainees/"),
        ("programme-admin", "/organisation/stages/"),
        ("programme-admin", "/mentoring/groups/"),
        ("stagemeester", "/"),
        ("stagemeester", "/portfolio/my-aso/"),
        ("coordinator", "/"),
        ("mentor", "/mentoring/"),
        ("titularis", "/portfolio/submissions/"),
        ("ministry", "/"),
        ("ministry", "/worktime/statistics/"),
        ("aso", "/"),
        ("aso", "/worktime/"),
        ("aso", "/portfolio/"),
        ("aso", "/quality/"),
    ]
    print(f"{'persona':<18} {'page':<28} {'queries':>7} {'median ms':>10}")
    for persona, path in pages:
        client = Client()
        client.force_login(User.objects.get(email=f"{persona}@demo.traject.be"))
        client.get(path)
        timings = []
        for _ in range(5):
            reset_queries()
            with CaptureQueriesContext(connection) as queries:
                t0 = time.perf_counter()
                response = client.get(path)
                timings.append((time.perf_counter() - t0) * 1000)
            assert response.status_code == 200, (path, response.status_code)
        print(f"{persona:<18} {path:<28} {len(queries):>7} {statistics.median(timings):>10.1f}")


if __name__ == "__main__":
    main()
