"""An ASO registers a week with a night shift on a phone and sees the counters and a violation."""

import datetime

import pytest
from django.utils import timezone

from traject.testing.browser import login, screenshot
from traject.testing.factories import PASSWORD
from traject.testing.world import build_world
from traject.worktime.models import TimeEntry
from traject.worktime.timeutil import week_start

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_aso_registers_a_week_with_a_night_shift_and_sees_counters_and_a_violation(
    phone_page, live_server
):
    world = build_world()
    page = phone_page
    login(page, live_server.url, world.users["aso"].email, PASSWORD)
    # From the menu to "my hours".
    page.click("details.menu summary")
    page.click("details.menu a[href='/worktime/']")
    monday = week_start(timezone.localdate())
    # Monday to Friday: a long day each, two taps per day (+ on the day, then the preset).
    for offset in range(5):
        day = (monday + datetime.timedelta(days=offset)).isoformat()
        page.click(f"li[data-day='{day}'] a.wt-add")
        page.click("button[name=preset][value=long]")
        page.wait_for_load_state("networkidle")
    screenshot(page, "worktime-week-60h-phone")
    assert "60 / 60" in page.inner_text("[data-counter=week]")
    assert page.locator(".wt-violation").count() == 0
    # Saturday night: 20:00 to Sunday 08:00.
    saturday = (monday + datetime.timedelta(days=5)).isoformat()
    page.click(f"li[data-day='{saturday}'] a.wt-add")
    screenshot(page, "worktime-add-entry-phone")
    page.click("button[name=preset][value=night]")
    page.wait_for_load_state("networkidle")
    assert TimeEntry.objects.filter(trainee=world.trainee).count() == 6
    week_counter = page.locator("[data-counter=week]")
    assert "bad" in week_counter.get_attribute("class")
    assert "/ 60" in week_counter.inner_text()
    # Each number of the counter has its own label (once "12 · 12 · 0" with one label).
    night = page.locator("[data-counter=uncomfortable] div").filter(has_text="nachturen")
    assert night.locator("dd").inner_text().strip() in ("11", "12", "13")  # clock change: 11/13
    violation = page.locator(".wt-violation[data-rule=BE_WEEK_MAX]")
    assert violation.is_visible()
    assert "60" in violation.inner_text()
    screenshot(page, "worktime-week-violation-phone")
    # The dashboard shows the same live counters.
    page.goto(f"{live_server.url}/")
    assert page.locator(".wt-violation[data-rule=BE_WEEK_MAX]").is_visible()
    assert page.locator("svg.wt-chart").is_visible()
    screenshot(page, "worktime-dashboard-phone")
