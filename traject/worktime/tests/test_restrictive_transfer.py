"""Restrictive home standby (Matzak) survives the CSV and ICS export and import (issue 16)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from traject.worktime import services, transfer
from traject.worktime.models import TimeEntry

from .helpers import at

pytestmark = pytest.mark.django_db

QUERY = "?start=2025-01-06&end=2025-01-12"


@pytest.fixture
def registered(client, world):
    client.force_login(world.users["aso"])
    trainee = world.trainee
    services.time_entry_create(
        trainee=trainee,
        actor=trainee.user,
        start=at("2025-01-06 08:00"),
        end=at("2025-01-06 17:00"),
        kind="planned",
    )
    services.time_entry_create(
        trainee=trainee,
        actor=trainee.user,
        start=at("2025-01-08 18:00"),
        end=at("2025-01-09 08:00"),
        kind="oncall_home_standby",
        restrictive=True,
    )
    services.time_entry_create(
        trainee=trainee,
        actor=trainee.user,
        start=at("2025-01-10 18:00"),
        end=at("2025-01-11 08:00"),
        kind="oncall_home_standby",
    )
    return trainee


def _stored(trainee):
    return list(
        TimeEntry.objects.filter(trainee=trainee)
        .order_by("start")
        .values_list("start", "end", "kind", "restrictive")
    )


@pytest.mark.parametrize("fmt, name", [("csv", "roster.csv"), ("ics", "roster.ics")])
def test_restrictive_standby_round_trips_through_the_export_and_the_import(
    client, registered, fmt, name
):
    before = _stored(registered)
    assert [r[3] for r in before] == [False, True, False]
    exported = client.get(reverse("worktime:export", args=[fmt]) + QUERY).content
    TimeEntry.objects.filter(trainee=registered).delete()
    response = client.post(reverse("worktime:import"), {"file": SimpleUploadedFile(name, exported)})
    assert response.status_code in (200, 302)
    assert _stored(registered) == before


def test_the_csv_export_names_the_column_and_the_ics_export_the_property(client, registered):
    csv_text = client.get(reverse("worktime:export", args=["csv"]) + QUERY).content.decode()
    header, *rows = csv_text.splitlines()
    assert header.split(",")[-1] == "restrictive"
    assert [row.rsplit(",", 1)[-1] for row in rows] == ["", "yes", ""]
    ics = client.get(reverse("worktime:export", args=["ics"]) + QUERY).content
    assert ics.count(b"X-TRAJECT-RESTRICTIVE:TRUE") == 1


def test_the_import_reads_yes_and_no_in_several_languages_and_refuses_nonsense(world):
    zone = services.settings_for(world.trainee).zone
    text = (
        "start;end;kind;restrictive\n"
        "2025-01-06 18:00;2025-01-07 08:00;oncall_home_standby;ja\n"
        "2025-01-07 18:00;2025-01-08 08:00;oncall_home_standby;oui\n"
        "2025-01-08 18:00;2025-01-09 08:00;oncall_home_standby;nee\n"
        "2025-01-09 18:00;2025-01-10 08:00;oncall_home_standby;\n"
        "2025-01-10 18:00;2025-01-11 08:00;oncall_home_standby;=cmd|' /C calc'!A0\n"
    )
    candidates = transfer.parse_csv(text, zone)
    assert [c.entry.restrictive for c in candidates[:4]] == [True, True, False, False]
    assert candidates[4].entry is None and "restrictive" in candidates[4].error


def test_a_restrictive_mark_on_work_that_is_no_standby_is_refused_on_import(client, world):
    client.force_login(world.users["aso"])
    text = "start,end,kind,restrictive\n2025-01-06 08:00,2025-01-06 17:00,planned,yes\n"
    client.post(
        reverse("worktime:import"), {"file": SimpleUploadedFile("roster.csv", text.encode())}
    )
    assert not TimeEntry.objects.filter(trainee=world.trainee).exists()


def test_a_copied_week_keeps_the_restrictive_mark(registered):
    result = services.week_copy_previous(
        trainee=registered, actor=registered.user, week=at("2025-01-13 00:00").date()
    )
    assert result.ok, result.failures
    copied = TimeEntry.objects.filter(trainee=registered, start__gte=at("2025-01-13 00:00"))
    assert sorted(copied.values_list("restrictive", flat=True)) == [False, False, True]
