"""Journeys in a real browser: each persona logs in, sees their dashboard, switches language."""

import pytest
from playwright.sync_api import expect

from traject.testing.browser import login, screenshot
from traject.testing.factories import PASSWORD
from traject.testing.world import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DASHBOARD_HEADINGS = {
    "aso": "Mijn opleiding",
    "stagemeester": "Mijn ASO",
    "coordinator": "Mijn ziekenhuis",
    "programme_admin": "Programmabeheer",
    "ministry": "Erkenningen die binnen zes maanden aflopen",
    "mentor": "Mijn mentorgroepen",
    "titularis": "Indieningen voor uw opleidingsonderdelen",
}


def test_each_persona_logs_in_and_sees_their_dashboard_in_dutch(phone_page, live_server):
    world = build_world()
    for persona, heading in DASHBOARD_HEADINGS.items():
        phone_page.context.clear_cookies()
        login(phone_page, live_server.url, world.users[persona].email, PASSWORD)
        assert phone_page.locator("html").get_attribute("lang") == "nl"
        assert phone_page.get_by_role("heading", name=heading).is_visible(), persona
        screenshot(phone_page, f"dashboard-{persona}-phone")


def test_the_menu_shows_only_what_the_person_may_use(phone_page, live_server):
    world = build_world()
    login(phone_page, live_server.url, world.users["aso"].email, PASSWORD)
    phone_page.get_by_text("Menu").click()
    menu = phone_page.locator(".menu-items")
    assert menu.get_by_role("link", name="Audit log").count() == 0
    assert menu.get_by_role("link", name="Organisatie").count() == 0
    phone_page.context.clear_cookies()
    login(phone_page, live_server.url, world.users["programme_admin"].email, PASSWORD)
    phone_page.get_by_text("Menu").click()
    expect(
        phone_page.locator(".menu-items").get_by_role("link", name="Organisatie")
    ).to_be_visible()


def test_switching_language_is_remembered_after_logging_in_again(desktop_page, live_server):
    world = build_world()
    page = desktop_page
    login(page, live_server.url, world.users["stagemeester"].email, PASSWORD)
    # Choosing a language submits the switcher at once.
    with page.expect_navigation():
        page.select_option("#language-select", "fr")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.get_by_role("heading", name="Mes MACCS").is_visible()
    screenshot(page, "dashboard-stagemeester-fr")
    page.context.clear_cookies()
    login(page, live_server.url, world.users["stagemeester"].email, PASSWORD)
    assert page.locator("html").get_attribute("lang") == "fr"
