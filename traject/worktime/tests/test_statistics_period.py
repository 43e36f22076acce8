"""The ministry's anomaly statistics claim the last 12 months: older violations never count."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from traject.testing import factories as f
from traject.worktime import selectors, services
from traject.worktime.models import ComplianceSummary, TimeEntry
from traject.worktime.timeutil import localize, week_start

pytestmark = pytest.mark.django_db


def _aso_with_an_84_hour_week(world, monday):
    trainee = f.TraineeFactory(specialty=world.specialty, university=world.university)
    today = timezone.localdate()
    f.StageFactory(
        trainee=trainee,
        service=world.service,
        stagemeester=world.users["stagemeester"],
        start=today - datetime.timedelta(days=500),
        end=today + datetime.timedelta(days=30),
    )
    zone = selectors.settings_for(trainee).zone
    TimeEntry.objects.bulk_create(
        TimeEntry(
            trainee=trainee,
            start=localize(datetime.datetime.combine(day, datetime.time(6)), zone),
            end=localize(datetime.datetime.combine(day, datetime.time(20)), zone),
            kind="planned",
        )
        for day in (monday + datetime.timedelta(days=d) for d in range(6))
    )
    return trainee


def test_violations_older_than_12_months_leave_the_statistics_and_daily_moves_them_on(world):
    today = timezone.localdate()
    monday = week_start(today - datetime.timedelta(days=430))
    then = monday + datetime.timedelta(days=10)
    trainees = [_aso_with_an_84_hour_week(world, monday) for _ in range(5)]
    for trainee in trainees:
        # The summary as it was computed when the week was recent, never refreshed since.
        assert services.compliance_summary_refresh(trainee=trainee, today=then)
    assert all(s.violated_rules for s in ComplianceSummary.objects.filter(trainee__in=trainees))

    rows, _hidden, _used = selectors.ministry_statistics(5)
    assert not [row for row in rows if row.with_violation], "a 14-month-old week was counted"

    out = io.StringIO()
    call_command("daily", stdout=out)
    assert "traject.worktime.daily" in out.getvalue()
    summaries = ComplianceSummary.objects.filter(trainee__in=trainees)
    assert {s.period_end for s in summaries} == {today}
    # Nothing registered in the last 12 months: no violation, and no longer counted at all.
    assert all(s.violated_rules == [] and not s.has_entries for s in summaries)
    rows, _hidden, _used = selectors.ministry_statistics(5)
    assert not [row for row in rows if row.with_violation]


def test_a_recent_violation_still_counts(world):
    today = timezone.localdate()
    monday = week_start(today - datetime.timedelta(days=30))
    trainees = [_aso_with_an_84_hour_week(world, monday) for _ in range(5)]
    call_command("daily", stdout=io.StringIO())  # no summary yet: nothing stale to refresh
    for trainee in trainees:
        services.compliance_summary_refresh(trainee=trainee)
    rows, _hidden, _used = selectors.ministry_statistics(5)
    (row,) = [row for row in rows if row.trainees == 5]
    assert row.with_violation == 5


def test_reading_the_settings_writes_nothing(world):
    trainee = f.TraineeFactory()
    settings_obj = selectors.settings_for(trainee)
    assert settings_obj.pk is None and settings_obj.jurisdiction == "BE"
    assert not type(settings_obj).objects.filter(trainee=trainee).exists()
