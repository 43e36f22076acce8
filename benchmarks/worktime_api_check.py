"""Time the stateless API check of a one-year schedule on the server (``POST /check``).

    .venv/bin/python benchmarks/worktime_api_check.py [--runs 50]

The request goes through the whole Django stack in process (middleware, session
authentication, django-ninja, the engine, the JSON response), as the server runs it; the
network is not included. Prints the median and best, wall clock and CPU time of the process.
"""

import argparse
import statistics
import time

from django_setup import setup_django  # noqa: E402  (benchmarks/ is on the path)

setup_django()

from django.core.management import call_command  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)

    import orjson
    from django.test import Client

    from traject.testing.world import build_world
    from traject.worktime.rules.synthetic import generate_roster

    world = build_world()
    client = Client()
    client.force_login(world.users["aso"])
    for jurisdiction in ("BE", "NL", "EU", "US"):
        body = orjson.dumps(generate_roster(7, year=2025, jurisdiction=jurisdiction))
        entries = len(orjson.loads(body)["entries"])
        walls, cpus = [], []
        for _ in range(args.runs):
            w0, c0 = time.perf_counter(), time.process_time()
            response = client.post(
                "/api/v1/worktime/check", data=body, content_type="application/json"
            )
            walls.append(time.perf_counter() - w0)
            cpus.append(time.process_time() - c0)
            assert response.status_code == 200, response.content[:200]
        print(
            f"{jurisdiction}: one year, {entries} entries: median {statistics.median(walls) * 1000:.1f} ms "
            f"wall ({min(walls) * 1000:.1f} best), {statistics.median(cpus) * 1000:.1f} ms CPU "
            f"({min(cpus) * 1000:.1f} best)"
        )


if __name__ == "__main__":
    main()
