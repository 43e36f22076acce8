"""The demo shows restrictive home standby (issue 16) and stores the pages' figures (issue 17)."""

import pytest

from traject.worktime.models import ComplianceSummary, TimeEntry

pytestmark = pytest.mark.django_db


def test_the_demo_has_restrictive_standby_that_the_service_would_accept(demo_loaded):
    restrictive = TimeEntry.objects.filter(restrictive=True)
    assert restrictive.filter(trainee__user__email__startswith="aso@").exists()
    assert restrictive.values("trainee").distinct().count() > 1
    for standby in restrictive[:50]:
        assert standby.kind == "oncall_home_standby"
        # Only a call-out wholly inside may share a restrictive standby's time.
        clashes = TimeEntry.objects.filter(
            trainee=standby.trainee, start__lt=standby.end, end__gt=standby.start
        ).exclude(pk=standby.pk)
        for other in clashes:
            assert other.kind == "oncall_home_callout", other
            assert standby.start <= other.start and other.end <= standby.end


def test_the_demo_summaries_hold_the_figures_the_pages_read(demo_loaded):
    summaries = ComplianceSummary.objects.filter(has_entries=True)
    assert summaries.exists()
    for summary in summaries[:20]:
        assert summary.figures["generation"] == summary.generation
        assert summary.figures["weeks"]
