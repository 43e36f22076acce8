"""The national world gives every ASO a year of working time (issue 17).

Apart from test_demo.py: that module loads the demo world for all its tests, and the personas'
world built here would clash with it.
"""

import pytest

from traject.worktime.models import ComplianceSummary, TimeEntry

pytestmark = pytest.mark.django_db


def test_the_national_year_gives_every_aso_a_year_and_a_summary_the_pages_read(world, monkeypatch):
    import datetime

    from django.utils import timezone

    from traject.core.demo import DemoContext
    from traject.testing import factories as f
    from traject.worktime import demo, rules, selectors
    from traject.worktime.timeutil import week_start

    monkeypatch.setattr(demo, "NATIONAL_ROSTERS", 2)
    trainees = [f.TraineeFactory() for _ in range(5)]
    today = timezone.localdate()
    reference = today - datetime.timedelta(days=today.weekday() + 7 * 52)
    demo._national_year(DemoContext(scale="national"), trainees, today, reference)

    counts = [TimeEntry.objects.filter(trainee=t).count() for t in trainees]
    assert all(n > 150 for n in counts)  # a year of shifts each
    assert counts[0] == counts[2] == counts[4] and counts[1] == counts[3]
    first = TimeEntry.objects.filter(trainee=trainees[0]).order_by("start").first()
    assert first.start.date() >= today - datetime.timedelta(days=365)
    for t in trainees:
        summary = ComplianceSummary.objects.get(trainee=t)
        assert summary.has_entries and summary.figures["generation"] == summary.generation

    def refuse(*args, **kwargs):
        raise AssertionError("the engine ran on a read")

    # The copied summary is the one the engine gives each ASO, and the pages read it.
    fresh = selectors.evaluate_for_summary(trainees[2], today)
    assert (
        sorted({v.rule for v in fresh[1]})
        == ComplianceSummary.objects.get(trainee=trainees[2]).violated_rules
    )
    monkeypatch.setattr(rules, "evaluate", refuse)
    monday = week_start(today - datetime.timedelta(days=30))
    assert selectors.stored_period_report(trainees[3], monday, monday) is not None
