"""On a phone, a call-out typed after midnight on the standby's own day is offered its standby."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from traject.testing.browser import login, screenshot
from traject.testing.factories import PASSWORD
from traject.testing.world import build_world
from traject.worktime.models import TimeEntry
from traject.worktime.timeutil import week_start

from .helpers import BRUSSELS, add

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_callout_after_midnight_lands_in_its_standby_and_under_its_night(phone_page, live_server):
    world = build_world()
    friday = week_start(timezone.localdate()) - datetime.timedelta(days=3)
    saturday = friday + datetime.timedelta(days=1)
    add(world.trainee, f"{friday} 18:00", f"{saturday} 08:00", "oncall_home_standby")
    page = phone_page
    login(page, live_server.url, world.users["aso"].email, PASSWORD)
    page.goto(f"{live_server.url}/worktime/week/{week_start(friday)}/")
    page.click(f"li[data-day='{friday}'] a.wt-add")
    page.fill("input[name=start_time]", "03:00")
    page.fill("input[name=end_time]", "05:00")
    page.select_option("select[name=kind]", "oncall_home_callout")
    page.locator("form[novalidate] button[type=submit]").first.click()
    offer = page.locator("article.wt-attach")
    expect(offer).to_be_visible()
    assert not TimeEntry.objects.filter(kind="oncall_home_callout").exists()
    screenshot(page, "worktime-callout-offer-phone")
    offer.locator("button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    callout = TimeEntry.objects.get(kind="oncall_home_callout")
    assert callout.start.astimezone(BRUSSELS) == datetime.datetime.combine(
        saturday, datetime.time(3), tzinfo=BRUSSELS
    )
    # Listed under Friday, the evening its night began, with the night named.
    friday_entries = page.locator(f"li[data-day='{friday}'] .wt-entries")
    assert "nacht naar zaterdag" in friday_entries.inner_text()
    screenshot(page, "worktime-callout-in-its-night-phone")
