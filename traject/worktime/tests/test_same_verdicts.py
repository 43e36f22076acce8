"""The command line, the API and the pages give the same verdicts for the same schedule."""

import json
import re
import subprocess
import sys

import pytest
from django.urls import reverse

from traject.worktime import selectors, services, transfer

pytestmark = pytest.mark.django_db

# Rules examples 1 and 2 in one schedule: a 61-hour week, then 10 h rest after a 24 h call.
SCHEDULE = {
    "jurisdiction": "BE",
    "timezone": "Europe/Brussels",
    "reference_start": "2025-01-06",
    "opt_out": False,
    "entries": [
        *[
            {"start": f"2025-01-{d:02d}T07:00", "end": f"2025-01-{d:02d}T19:00", "kind": "planned"}
            for d in range(6, 11)
        ],
        {"start": "2025-01-11T07:00", "end": "2025-01-11T08:00", "kind": "planned"},
        {"start": "2025-01-14T08:00", "end": "2025-01-15T08:00", "kind": "oncall_inhouse"},
        {"start": "2025-01-15T18:00", "end": "2025-01-15T22:00", "kind": "planned"},
        {"date": "2025-01-17", "kind": "vacation"},
    ],
}


def verdict(violations):
    return sorted((v["rule"], v["start"][:16]) for v in violations)


def test_cli_api_and_pages_agree(client, world, tmp_path):
    # The command line, without a database.
    path = tmp_path / "schedule.json"
    path.write_text(json.dumps(SCHEDULE))
    run = subprocess.run(
        [sys.executable, "-m", "traject.cli", "worktime", "check", str(path), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.stdout and run.returncode == 1, run.stderr
    cli = json.loads(run.stdout)

    # The stateless API.
    client.force_login(world.users["aso"])
    api = client.post(
        "/api/v1/worktime/check", data=json.dumps(SCHEDULE), content_type="application/json"
    ).json()

    # The ASO's own registration, imported from the same entries, through the pages.
    zone = services.settings_for(world.trainee).zone
    s = services.settings_for(world.trainee)
    s.reference_start = s.reference_start.replace(2025, 1, 6)
    s.save()
    result = services.time_entries_bulk_create(
        trainee=world.trainee,
        actor=world.users["aso"],
        candidates=transfer.parse_exchange_entries(SCHEDULE["entries"], zone),
    )
    assert result.ok, result.failures
    page = client.get(reverse("worktime:report"), {"start": "2025-01-06", "end": "2025-01-19"})
    page_rules = sorted(re.findall(r'data-rule="([A-Z0-9_]+)"', page.content.decode()))
    report = client.get(
        "/api/v1/worktime/report", {"start": "2025-01-06", "end": "2025-01-19"}
    ).json()

    assert verdict(cli["violations"]) == verdict(api["violations"])
    assert verdict(api["violations"]) == verdict(report["violations"])
    assert page_rules == sorted(v["rule"] for v in api["violations"])
    assert page_rules == ["BE_REST_12H", "BE_WEEK_MAX"]
    assert [w["hours"] for w in cli["weeks"]] == [w["hours"] for w in report["weeks"]]
    # The registration exported in the exchange format is the same schedule again.
    exported = selectors.exchange_format(
        world.trainee, s.reference_start, s.reference_start.replace(day=19)
    )
    assert verdict(
        client.post(
            "/api/v1/worktime/check", data=json.dumps(exported), content_type="application/json"
        ).json()["violations"]
    ) == verdict(cli["violations"])


def test_saving_an_entry_rechecks_the_whole_year(world):
    """A realistic year loaded from the database is checked again when an entry is saved.

    How long that takes is a figure for benchmarks/worktime_save_check.py, not an assertion here.
    """
    import datetime

    from traject.worktime.models import TimeEntry
    from traject.worktime.timeutil import localize

    zone = services.settings_for(world.trainee).zone
    today = datetime.date.today()
    entries = []
    day = today - datetime.timedelta(days=364)
    while day <= today:
        if day.weekday() < 5:
            entries.append(
                TimeEntry(
                    trainee=world.trainee,
                    start=localize(datetime.datetime.combine(day, datetime.time(8)), zone),
                    end=localize(datetime.datetime.combine(day, datetime.time(17, 30)), zone),
                    kind="planned",
                )
            )
        day += datetime.timedelta(days=1)
    TimeEntry.objects.bulk_create(entries)
    violations = services.compliance_summary_refresh(trainee=world.trainee)
    assert violations == []  # 47.5-hour weeks: just under 48 on average
    world.trainee.refresh_from_db()
    assert world.trainee.compliance_summary.has_entries


def test_the_pay_check_page_and_api_agree_with_the_pure_function(client, world):
    """The minimum-pay check: the page, the API and ``pay.minimum_pay`` give the same figures."""
    import datetime
    from decimal import Decimal

    from traject.worktime import pay

    from .helpers import add

    add(world.trainee, "2024-01-05 18:00", "2024-01-08 08:00", "oncall_home_standby")
    add(world.trainee, "2024-01-09 07:00", "2024-01-10 09:00", "oncall_inhouse")
    client.force_login(world.users["aso"])
    client.post(reverse("worktime:pay"), {"month": "2024-01", "gross": "3000.00"})

    api = client.get(reverse("api:worktime_pay_check") + "?month=2024-01-15").json()
    page = client.get(reverse("worktime:pay") + "?month=2024-01").context["result"]

    table = selectors.pay_table_figures(2024)
    year = api["training_year"]
    expected = pay.pay_check(
        table, year, selectors.month_hours(world.trainee, datetime.date(2024, 1, 1)), 3000
    )
    assert api["pay_table_year"] == 2024 and api["short"] is True
    assert Decimal(api["minimum"]) == page["check"].minimum == expected.minimum
    assert Decimal(api["difference"]) == page["check"].difference == expected.difference
    assert [(x["key"], Decimal(x["amount"])) for x in api["lines"]] == [
        (line.key, line.amount) for line in expected.lines
    ]
    assert {"base", "standby_other"} <= {x["key"] for x in api["lines"]}
