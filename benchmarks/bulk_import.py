"""Time a bulk import of ASO (the heaviest kind: an account, its e-mail address, the ASO record
and two audit rows per line): the dry run, the real import and the re-import that changes nothing.

    .venv/bin/python benchmarks/bulk_import.py [--lines 10000]
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
if "DATABASE_URL" not in os.environ:
    os.environ["TRAJECT_DATA_DIR"] = tempfile.mkdtemp(prefix="traject-bench-")
os.environ.setdefault("TRAJECT_ENV", "test")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "traject.config.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lines", type=int, default=10_000)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)

    from traject.onboarding import tables
    from traject.onboarding.kinds import KINDS
    from traject.onboarding.services import import_file
    from traject.testing.world import build_world

    world = build_world()
    actor = world.users["programme_admin"]
    rows = [
        [
            f"aso{n:05d}@bench.example",
            f"Voornaam{n}",
            f"Achternaam{n}",
            "nl",
            "inwendige-geneeskunde",
            "ugent",
            "2025-10-01",
            f"1-{n:05d}-00-001",
        ]
        for n in range(args.lines)
    ]
    data = tables.write_table(KINDS["trainees"].columns, rows, "csv")
    for label, dry_run in (("dry run", True), ("import", False), ("re-import", False)):
        started = time.perf_counter()
        report = import_file(
            kind="trainees", data=data, filename="aso.csv", actor=actor, dry_run=dry_run
        )
        elapsed = time.perf_counter() - started
        print(
            f"{label:10} {args.lines} lines: {elapsed:6.1f} s "
            f"({args.lines / elapsed:,.0f} lines/s) {report.counts}"
        )


if __name__ == "__main__":
    main()
