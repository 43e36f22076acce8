"""The Dutch demo region: personas, a realistic history, and pages in a bounded number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from traject.accounts.models import User
from traject.conversations import selectors
from traject.conversations.models import IntensifiedTrack, LocalPlan, Talk, TransferDocument
from traject.conversations.permissions import trainees_trained_by
from traject.core.demo import load_demo

pytestmark = pytest.mark.django_db


def test_the_dutch_region_has_a_history_and_loading_twice_changes_nothing(demo_loaded):
    opleider = User.objects.get(email="opleider@demo.traject.nl")
    aios = User.objects.get(email="aios@demo.traject.nl")
    assert aios.trainee.country == "NL"
    rows = selectors.group_overview(trainees_trained_by(opleider))
    assert {r.training_year for r in rows} >= {1, 2, 3, 4}
    assert any(r.overdue for r in rows) and any(r.track_open for r in rows)
    assert TransferDocument.objects.filter(trainee=aios.trainee, status="handed_over").exists()
    assert aios.trainee.stages.count() == 2
    counts = (Talk.objects.count(), LocalPlan.objects.count(), IntensifiedTrack.objects.count())
    ctx = load_demo()
    assert ctx.personas["nl_aios"] == aios
    assert (
        Talk.objects.count(),
        LocalPlan.objects.count(),
        IntensifiedTrack.objects.count(),
    ) == counts


@pytest.mark.parametrize(
    ("email", "paths"),
    [
        ("opleider@demo.traject.nl", ["/", "/conversations/", "/conversations/plans/"]),
        ("aios@demo.traject.nl", ["/", "/conversations/"]),
    ],
)
def test_dutch_pages_make_a_bounded_number_of_queries(client, demo_loaded, email, paths):
    client.force_login(User.objects.get(email=email))
    for path in paths:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path, follow=True)
        assert response.status_code == 200, path
        assert len(queries) <= 70, (path, len(queries))  # as core's test_query_counts


def test_the_dutch_opleider_finds_the_dutch_trainer_sessions_of_the_demo(client, demo_loaded):
    """The programme's catalogue opens on the opleider's own country: Utrecht, not Ghent."""
    client.force_login(User.objects.get(email="opleider@demo.traject.nl"))
    page = client.get("/programme/").content.decode()
    assert "Het voortgangsgesprek voeren (demo)" in page
    assert "Constructieve feedback geven (demo)" not in page
    assert (
        "Constructieve feedback geven (demo)"
        in client.get("/programme/?country=all").content.decode()
    )


def test_the_dutch_aios_reads_the_dutch_news_not_the_belgian_fods(client, demo_loaded):
    client.force_login(User.objects.get(email="aios@demo.traject.nl"))
    page = client.get("/").content.decode()
    assert "Het overdrachtsdocument staat in Traject" in page
    assert "Onafhankelijke tijdsregistratie" not in page
    client.force_login(User.objects.get(email="aso@demo.traject.be"))
    page = client.get("/").content.decode()
    assert "Onafhankelijke tijdsregistratie" in page
    assert "Het overdrachtsdocument staat in Traject" not in page


def test_the_dutch_aios_has_a_year_of_hours_checked_by_the_dutch_rules(client, demo_loaded):
    from traject.worktime.models import ComplianceSummary, TimeEntry, WorktimeSettings

    aios = User.objects.get(email="aios@demo.traject.nl").trainee
    settings = WorktimeSettings.objects.get(trainee=aios)
    assert (settings.jurisdiction, settings.timezone) == ("NL", "Europe/Amsterdam")
    assert TimeEntry.objects.filter(trainee=aios).count() > 200
    assert ComplianceSummary.objects.get(trainee=aios).has_entries
    client.force_login(aios.user)
    assert client.get("/worktime/report/").status_code == 200


def test_the_dutch_demo_surveys_the_aios_and_evaluates_the_opleider_in_dutch_words(
    client, demo_loaded
):
    from traject.quality.models import Invitation, SelfEvaluation

    aios = User.objects.get(email="aios@demo.traject.nl")
    invitation = Invitation.objects.select_related("campaign__instrument").get(
        user=aios, campaign__status="open"
    )
    assert invitation.campaign.instrument.code == "aios-learning-climate"
    client.force_login(aios)
    survey = client.get(f"/quality/surveys/{invitation.campaign_id}/").content.decode()
    assert "Mijn opleider volgt mijn individuele voortgang op." in survey
    assert "ASO" not in survey and "stagedienst" not in survey
    opleider = User.objects.get(email="opleider@demo.traject.nl")
    codes = set(
        SelfEvaluation.objects.filter(trainer=opleider).values_list("instrument__code", flat=True)
    )
    assert codes == {"opleider-competency-profile"}
