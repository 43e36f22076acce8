"""``traject daily`` runs the daily job every app contributes through the registry."""

import io

import pytest
from django.core.management import call_command

from traject.core.registry import daily_jobs


def test_the_daily_jobs_are_discovered_per_app():
    names = [name for name, _job in daily_jobs()]
    for app in ("portfolio", "mentoring", "worktime", "quality", "conversations"):
        assert f"traject.{app}.daily" in names


@pytest.mark.django_db
def test_traject_daily_runs_each_discovered_job(world):
    out = io.StringIO()
    call_command("daily", stdout=out)
    text = out.getvalue()
    for name, _job in daily_jobs():
        assert f"== {name}" in text
    assert "to-do list(s) created" in text
    assert "reminder(s) queued" in text
    assert "compliance summary(ies) refreshed" in text
