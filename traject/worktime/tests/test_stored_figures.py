"""The dashboard and the week view read the stored summary: the engine runs on writes only.

Issue 17: the ASO dashboard ran the compliance engine twice per view. The summary refreshed
after each change (and daily) now also stores the weeks, blocks and violations of the last 12
months and the roster ahead; a page reads them. The ministry's statistics are counted in the
database.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from traject.testing import factories as f
from traject.worktime import rules, selectors, services
from traject.worktime.models import ComplianceSummary, TimeEntry
from traject.worktime.timeutil import localize, week_start

pytestmark = pytest.mark.django_db


def _weeks_of_work(trainee, mondays, hours_a_day=14, days=6):
    zone = selectors.settings_for(trainee).zone
    TimeEntry.objects.bulk_create(
        TimeEntry(
            trainee=trainee,
            start=localize(datetime.datetime.combine(day, datetime.time(6)), zone),
            end=localize(datetime.datetime.combine(day, datetime.time(6 + hours_a_day)), zone),
            kind="planned",
        )
        for monday in mondays
        for day in (monday + datetime.timedelta(days=d) for d in range(days))
    )


@pytest.fixture
def no_engine(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the compliance engine ran on a read")

    monkeypatch.setattr(rules, "evaluate", refuse)
    monkeypatch.setattr(rules, "evaluate_many", refuse)


def _fields(c):
    return {k: v for k, v in vars(c).items() if k != "violations"} | {
        "violations": [v.to_dict() for v in c.violations]
    }


def test_dashboard_and_week_view_read_the_stored_figures_without_the_engine(
    client, world, monkeypatch
):
    trainee = world.trainee
    this_monday = week_start(timezone.localdate())
    mondays = [this_monday - datetime.timedelta(weeks=n) for n in range(0, 8)]
    _weeks_of_work(trainee, mondays)  # 84 h a week: over the week limit of 60 h
    services.compliance_summary_refresh(trainee=trainee)
    fresh_counters = selectors.counters(
        trainee,
        report=selectors.period_report(
            trainee, this_monday, this_monday + datetime.timedelta(days=6)
        ),
    )
    fresh_chart = selectors.weekly_chart(trainee)
    assert fresh_counters.week_hours == 84 and fresh_counters.violations

    def refuse(*args, **kwargs):
        raise AssertionError("the compliance engine ran on a read")

    monkeypatch.setattr(rules, "evaluate", refuse)
    monkeypatch.setattr(rules, "evaluate_many", refuse)
    assert _fields(selectors.counters(trainee)) == _fields(fresh_counters)
    assert selectors.weekly_chart(trainee) == fresh_chart

    client.force_login(world.users["aso"])
    for url in (
        reverse("core:dashboard"),
        reverse("worktime:week"),
        reverse("worktime:week_of", args=[str(mondays[3])]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
    assert "84" in client.get(reverse("worktime:week")).content.decode()


def test_stale_figures_are_not_read(world, django_capture_on_commit_callbacks):
    trainee = world.trainee
    zone = selectors.settings_for(trainee).zone
    this_monday = week_start(timezone.localdate())

    def at(hour_from, hour_to):
        day = datetime.datetime.combine(this_monday, datetime.time(0))
        return localize(day + datetime.timedelta(hours=hour_from), zone), localize(
            day + datetime.timedelta(hours=hour_to), zone
        )

    with django_capture_on_commit_callbacks(execute=True):
        start, end = at(8, 18)
        services.time_entry_create(
            trainee=trainee, actor=trainee.user, start=start, end=end, kind="planned"
        )
    summary = ComplianceSummary.objects.get(trainee=trainee)
    assert summary.figures["generation"] == summary.generation
    assert selectors.counters(trainee).week_hours == 10
    # A second write without its refresh (as between the commit and the refresh): the stored
    # figures are of the older generation and the page checks the registration itself.
    start, end = at(32, 40)
    services.time_entry_create(
        trainee=trainee, actor=trainee.user, start=start, end=end, kind="planned"
    )
    summary.refresh_from_db()
    assert summary.figures["generation"] != summary.generation
    assert selectors.stored_period_report(trainee, this_monday, this_monday) is None
    assert selectors.counters(trainee).week_hours == 18
    services.compliance_summary_refresh(trainee=trainee)
    assert selectors.stored_period_report(trainee, this_monday, this_monday) is not None
    assert selectors.counters(trainee).week_hours == 18


def test_a_week_more_than_a_year_back_is_still_checked(world):
    trainee = world.trainee
    old_monday = week_start(timezone.localdate() - datetime.timedelta(days=600))
    _weeks_of_work(trainee, [old_monday])
    services.compliance_summary_refresh(trainee=trainee)
    assert selectors.stored_period_report(trainee, old_monday, old_monday) is None
    assert selectors.read_period_report(trainee, old_monday, old_monday).weeks[0].hours == 84


def test_the_week_views_queries_do_not_grow_with_the_registration(client, world):
    trainee = world.trainee
    this_monday = week_start(timezone.localdate())
    client.force_login(world.users["aso"])

    def queries():
        services.compliance_summary_refresh(trainee=trainee)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("worktime:week")).status_code == 200
            assert client.get(reverse("core:dashboard")).status_code == 200
        return len(ctx.captured_queries)

    _weeks_of_work(trainee, [this_monday])
    few = queries()
    _weeks_of_work(trainee, [this_monday - datetime.timedelta(weeks=n) for n in range(1, 45)])
    many = queries()
    assert many == few


def _aso_in_service(world):
    trainee = f.TraineeFactory(specialty=world.specialty, university=world.university)
    today = timezone.localdate()
    f.StageFactory(
        trainee=trainee,
        service=world.service,
        stagemeester=world.users["stagemeester"],
        start=today - datetime.timedelta(days=500),
        end=today + datetime.timedelta(days=30),
    )
    return trainee


def test_statistics_are_counted_in_the_database(world, no_engine):
    today = timezone.localdate()
    trainees = [_aso_in_service(world) for _ in range(6)]
    violated = [["BE_AVG_13W", "BE_WEEK_MAX"], ["BE_WEEK_MAX"], ["BE_REST_12H"], [], [], []]
    for trainee, rule_ids in zip(trainees, violated, strict=True):
        ComplianceSummary.objects.create(
            trainee=trainee,
            period_start=today - datetime.timedelta(days=364),
            period_end=today,
            violated_rules=rule_ids,
            has_entries=True,
        )
    with CaptureQueriesContext(connection) as ctx:
        rows, hidden, used = selectors.ministry_statistics_now(5)
    assert len(ctx.captured_queries) == 1
    (row,) = [r for r in rows if r.trainees == 6]
    assert row.with_violation == 3
    assert row.shares["BE_WEEK_MAX"] == round(100 * 2 / 6)
    assert row.shares["BE_AVG_13W"] == round(100 / 6)
    assert row.shares["BE_REST_12H"] == round(100 / 6)
    assert row.shares["BE_STINT_MAX_24H"] == 0
    assert set(used) == {"BE_WEEK_MAX", "BE_AVG_13W", "BE_REST_12H"}
    # A group below the minimum is hidden, only counted.
    rows, hidden, _used = selectors.ministry_statistics(7)
    assert not [r for r in rows if r.trainees == 6] and hidden >= 1


def test_statistics_are_counted_once_for_each_state_of_the_summaries_stages_and_aso(world):
    """The page reads the counted groups from the cache while nothing they are counted from
    changed (one cheap query), and counts again after a summary's refresh or a stage's edit."""
    from traject.organisation import services as organisation_services

    today = timezone.localdate()
    trainees = [_aso_in_service(world) for _ in range(5)]
    for trainee in trainees:
        ComplianceSummary.objects.create(
            trainee=trainee,
            period_start=today - datetime.timedelta(days=364),
            period_end=today,
            violated_rules=[],
            has_entries=True,
        )

    def group():
        rows, _hidden, _used = selectors.ministry_statistics(5)
        return next(r for r in rows if r.trainees == 5)

    assert group().with_violation == 0
    with CaptureQueriesContext(connection) as ctx:
        assert group().with_violation == 0
    assert len(ctx.captured_queries) == 1  # the fingerprint; nothing counted again

    # An 84-hour week registered: the refresh moves the summary on, the count follows at once.
    _weeks_of_work(trainees[0], [week_start(today - datetime.timedelta(days=14))])
    assert services.compliance_summary_refresh(trainee=trainees[0])
    assert group().with_violation == 1

    # A stage ends early (an edit through the service): the ASO leaves the group at once.
    stage = trainees[1].stages.get()
    stage.end = today - datetime.timedelta(days=1)
    organisation_services.stage_save(
        stage=stage,
        actor=world.users["programme_admin"],
        expected_version=stage.version,
        exception_reason="test",
    )
    rows, _hidden, _used = selectors.ministry_statistics(4)
    assert not [r for r in rows if r.trainees == 5]


def test_a_burst_of_readers_asks_for_the_fingerprint_once_in_a_few_seconds(
    world, settings, monkeypatch
):
    import time

    from django.db.models import F

    settings.WORKTIME_STATISTICS_FRESH_SECONDS = 5
    today = timezone.localdate()
    for trainee in [_aso_in_service(world) for _ in range(5)]:
        ComplianceSummary.objects.create(
            trainee=trainee,
            period_start=today - datetime.timedelta(days=364),
            period_end=today,
            violated_rules=["BE_WEEK_MAX"],
            has_entries=True,
        )
    clock = [time.monotonic()]
    monkeypatch.setattr(time, "monotonic", lambda: clock[0])
    monkeypatch.setattr(selectors, "_FINGERPRINT", [0.0, None])  # this test's readings only
    selectors.ministry_statistics(5)
    with CaptureQueriesContext(connection) as ctx:
        rows, _hidden, _used = selectors.ministry_statistics(5)
    assert len(ctx.captured_queries) == 0
    assert [r.with_violation for r in rows if r.trainees == 5] == [5]
    # A summary changes: within the window the page still shows the last count, after it the new.
    ComplianceSummary.objects.update(violated_rules=[], generation=F("generation") + 1)
    clock[0] += 1
    assert [r.with_violation for r in selectors.ministry_statistics(5)[0] if r.trainees == 5] == [5]
    clock[0] += 5
    assert [r.with_violation for r in selectors.ministry_statistics(5)[0] if r.trainees == 5] == [0]
