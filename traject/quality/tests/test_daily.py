import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from traject.quality.instruments import ASO_INSTRUMENT, get_instrument
from traject.quality.models import Campaign
from traject.quality.services import campaign_open

from .helpers import add_trainees

pytestmark = pytest.mark.django_db


def test_the_daily_command_reminds_once_a_week_before_closing_and_closes_afterwards(
    world, django_capture_on_commit_callbacks
):
    add_trainees(world, world.service, 2)
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        campaign = campaign_open(
            name="Leerklimaat",
            instrument=get_instrument(ASO_INSTRUMENT),
            university=world.university,
            opens=today,
            closes=today + datetime.timedelta(days=10),
            actor=world.users["programme_admin"],
        )
    invited = len(mail.outbox)
    mail.outbox.clear()
    out = StringIO()
    day = (today + datetime.timedelta(days=4)).isoformat()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("quality_daily", date=day, stdout=out)
        call_command("quality_daily", date=day, stdout=out)
    assert len(mail.outbox) == invited  # one reminder each, not two
    assert "reminded: 1" in out.getvalue()
    call_command(
        "quality_daily", date=(today + datetime.timedelta(days=11)).isoformat(), stdout=out
    )
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.CLOSED


def test_a_campaign_opening_later_sends_its_invitations_on_the_day(
    world, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    later = today + datetime.timedelta(days=3)
    campaign_open(
        name="Later",
        instrument=get_instrument(ASO_INSTRUMENT),
        university=world.university,
        opens=later,
        closes=later + datetime.timedelta(days=20),
        actor=world.users["programme_admin"],
    )
    with django_capture_on_commit_callbacks(execute=True):
        call_command("quality_daily", date=today.isoformat(), stdout=StringIO())
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        call_command("quality_daily", date=later.isoformat(), stdout=StringIO())
        call_command("quality_daily", date=later.isoformat(), stdout=StringIO())
    assert len(mail.outbox) == 2  # the world's two ASO, once


def test_the_dashboard_points_the_aso_to_an_open_survey(world, client):
    from .helpers import open_campaign

    campaign = open_campaign(world)
    client.force_login(world.users["aso"])
    body = client.get("/").content.decode()
    assert f"/quality/surveys/{campaign.pk}/" in body
    client.force_login(world.users["mentor"])
    assert f"/quality/surveys/{campaign.pk}/" not in client.get("/").content.decode()


def test_closing_tells_the_stagemeester_that_the_report_is_there_with_open_actions(
    world, django_capture_on_commit_callbacks
):
    from traject.quality.models import ImprovementAction
    from traject.quality.services import campaign_close

    from .helpers import answer, closed_campaign, open_campaign

    earlier = closed_campaign(world, {world.service: 5, world.other_service: 5})
    ImprovementAction.objects.create(
        service=world.service,
        campaign=earlier,
        action="Feedbackronde",
        author=world.users["stagemeester"],
    )
    campaign = open_campaign(world, name="Leerklimaat 2")
    answer(campaign, [inv.user for inv in campaign.invitations.filter(service=world.service)])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        campaign_close(campaign=campaign, actor=world.users["programme_admin"])
    to_stagemeester = [m for m in mail.outbox if m.to == [world.users["stagemeester"].email]]
    assert len(to_stagemeester) == 1
    assert f"/quality/reports/service/{world.service.pk}/" in to_stagemeester[0].body
    assert not [m for m in mail.outbox if m.to == [world.users["other_stagemeester"].email]]
