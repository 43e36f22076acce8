"""The quality journey in a real browser, on a phone.

An ASO answers the learning-climate survey; the programme administrator closes the campaign;
the stagemeester reads the report of the stagedienst (enough responses) and writes an
improvement action. Selectors use addresses and field names, so the journey holds in every
language.
"""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from traject.quality.models import AnswerSet, Campaign, ImprovementAction, Item
from traject.testing.browser import login, screenshot
from traject.testing.factories import PASSWORD
from traject.testing.world import build_world

from .helpers import add_trainees, answer, open_campaign

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SUBMIT = "main form button[type=submit]"


def _login(page, live_server, world, persona):
    page.context.clear_cookies()
    login(page, live_server.url, world.users[persona].email, PASSWORD)


def test_an_aso_answers_the_admin_closes_and_the_stagemeester_acts_on_the_report(
    phone_page, live_server
):
    world = build_world()
    colleagues = add_trainees(world, world.service, 4)
    campaign = open_campaign(world, name="Leerklimaat 2026")
    answer(campaign, colleagues, value=3, free_text="Meer tijd voor onderwijs")
    page = phone_page

    # The ASO finds the survey on the dashboard and answers it.
    _login(page, live_server, world, "aso")
    respond = reverse("quality:survey_respond", args=[campaign.pk])
    page.click(f"main a[href='{respond}']")
    codes = list(
        Item.objects.filter(theme__instrument=campaign.instrument).values_list("code", flat=True)
    )
    screenshot(page, "quality-survey-phone")
    for index, code in enumerate(codes):
        value = "na" if index == 0 else "4"
        page.check(f"input[name='item-{code}'][value='{value}']")
    page.fill("textarea[name=free_text]", "Goede supervisie tijdens de wacht")
    page.click(SUBMIT)
    page.wait_for_url(f"**{respond}")
    screenshot(page, "quality-survey-done-phone")
    assert "Goede supervisie" not in page.content()  # not even the respondent reads it back
    assert AnswerSet.objects.filter(campaign=campaign, filled=True).count() == 5

    # The programme administrator closes the campaign.
    _login(page, live_server, world, "programme_admin")
    page.goto(f"{live_server.url}{reverse('quality:campaign_detail', args=[campaign.pk])}")
    screenshot(page, "quality-campaign-phone")
    page.click(f"form[action='{reverse('quality:campaign_close', args=[campaign.pk])}'] button")
    # First what will happen: who answered, that reports open, that it cannot be undone.
    confirm = page.locator("article.confirm")
    assert "5 van de" in confirm.inner_text()
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.OPEN
    screenshot(page, "quality-campaign-close-confirm-phone")
    confirm.locator("button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.CLOSED

    # The stagemeester reads the report of the stagedienst and writes an action.
    _login(page, live_server, world, "stagemeester")
    page.click(f"main a[href='{reverse('quality:report_index')}']")
    report = reverse("quality:report_detail", args=["service", world.service.pk])
    page.click(f"main a[href='{report}']")
    expect(page.locator("main svg.chart").first).to_be_visible()
    assert "Goede supervisie tijdens de wacht" in page.content()
    screenshot(page, "quality-report-phone")
    page.click(
        f"main a[href='{reverse('quality:action_create', args=[world.service.pk, campaign.pk])}']"
    )
    page.fill("textarea[name=action]", "Vaste feedbackronde na elke wachtdienst")
    page.click(SUBMIT)
    page.wait_for_url(f"**{report}**")
    assert "Vaste feedbackronde" in page.content()
    screenshot(page, "quality-report-action-phone")
    assert ImprovementAction.objects.get().author == world.users["stagemeester"]
