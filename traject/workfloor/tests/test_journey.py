"""The bedside journey in a real browser: the ASO shows the code, a supervisor without an
account fills the form on their own phone (a second browser context), the ASO sees it arrive.
Every page passes axe-core (no serious or critical violation) and logs no console error; the
steps are timed."""

import re
import time

import pytest
from django.core import mail

from traject.portfolio.models import Epa, Feedback
from traject.testing.browser import PHONE, assert_accessible, login, screenshot
from traject.testing.factories import PASSWORD
from traject.testing.world import build_world
from traject.workfloor.models import TeamMember

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP_1366 = {"width": 1366, "height": 900}
# A slow mobile connection (DevTools "Fast 3G"-like: 150 ms, 1.6 Mbit/s down, 750 kbit/s up).
SLOW_MOBILE = {
    "offline": False,
    "latency": 150,
    "downloadThroughput": 1_600_000 / 8,
    "uploadThroughput": 750_000 / 8,
}


def _context(browser, viewport, locale):
    context = browser.new_context(
        viewport=viewport, locale=locale, is_mobile=viewport is PHONE, has_touch=viewport is PHONE
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    return context, page, errors


def _accessible(page):
    assert_accessible(page)


def _fits_one_screen(page):
    height = page.evaluate("() => document.querySelector('main').getBoundingClientRect().bottom")
    assert height <= PHONE["height"], f"{page.url}: the form ends at {height}px"


def _world_with_team():
    world = build_world()
    Epa.objects.create(specialty=world.specialty, code="IG-1", title="Acute opname")
    member = TeamMember.objects.create(
        service=world.service,
        name="Dr. An Peeters",
        email="an.peeters@uzgent.test",
        added_by=world.users["stagemeester"],
    )
    return world, member


def test_feedback_at_the_bedside_in_under_a_minute(browser, live_server):
    world, member = _world_with_team()
    aso_context, aso, aso_errors = _context(browser, PHONE, "nl-BE")
    sup_context, sup, sup_errors = _context(browser, PHONE, "nl-BE")
    timings = {}

    login(aso, live_server.url, world.users["aso"].email, PASSWORD)
    start = time.monotonic()
    aso.goto(f"{live_server.url}/")
    aso.locator("main a[href='/workfloor/now/']").first.click()  # one tap from the dashboard
    aso.fill("input[name=what]", "Pleurapunctie kamer 12")
    aso.select_option("select[name=epa]", label="IG-1 Acute opname")
    _accessible(aso)
    aso.locator("main form button[type=submit]").first.click()
    aso.wait_for_selector("svg.qr")
    timings["aso shows the code"] = time.monotonic() - start
    _accessible(aso)
    screenshot(aso, "workfloor-show-code-phone-nl")
    url = aso.locator("[data-feedback-url]").get_attribute("href")
    assert url.startswith(live_server.url + "/workfloor/f/")

    # The supervisor scans the code with their own phone: no account, no log-in.
    start = time.monotonic()
    cdp = sup_context.new_cdp_session(sup)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Network.emulateNetworkConditions", SLOW_MOBILE)
    load_start = time.monotonic()
    sup.goto(url)
    timings["form page load on a slow connection"] = time.monotonic() - load_start
    _accessible(sup)
    screenshot(sup, "workfloor-choose-name-phone-nl")
    sup.get_by_label("Dr. An Peeters").check()
    sup.locator("form button[type=submit]").first.click()
    sup.wait_for_selector("input[name=digits]")
    _accessible(sup)
    screenshot(sup, "workfloor-confirm-phone-nl")
    digits = re.search(r"\b(\d{6})\b", mail.outbox[-1].body).group(1)
    assert mail.outbox[-1].to == [member.email]
    sup.fill("input[name=digits]", digits)
    sup.locator("form button[type=submit]").first.click()
    sup.wait_for_selector("textarea[name=went_well]")
    _accessible(sup)
    _fits_one_screen(sup)
    screenshot(sup, "workfloor-bedside-form-phone-nl")
    sup.fill("textarea[name=went_well]", "Goede uitleg aan de patiënt, steriel gewerkt.")
    sup.fill("textarea[name=to_improve]", "Echo vooraf om de plaats te markeren.")
    sup.check("input[name=entrustment_level][value='3']")
    sup.locator("form.quick-form button[type=submit]").click()
    sup.wait_for_selector("p.message.success")
    timings["supervisor scans, confirms and sends"] = time.monotonic() - start
    _accessible(sup)
    screenshot(sup, "workfloor-thanks-phone-nl")

    # The ASO's screen shows it arrived (htmx asks every 3 s), then the portfolio has it.
    start = time.monotonic()
    aso.wait_for_selector("#code-status[data-state=used]", timeout=10000)
    timings["ASO sees it"] = time.monotonic() - start
    assert "Dr. An Peeters" in aso.locator("#code-status").inner_text()
    aso.goto(f"{live_server.url}/portfolio/feedback/")
    assert aso.get_by_text("Goede uitleg aan de patiënt, steriel gewerkt.").is_visible()
    _accessible(aso)
    screenshot(aso, "workfloor-aso-timeline-phone-nl")

    feedback = Feedback.objects.get()
    assert feedback.team_member == member and feedback.channel == Feedback.Channel.BEDSIDE
    assert feedback.entrustment_level == 3 and feedback.trainee == world.trainee

    # Used once: scanning again says so plainly (410 Gone).
    assert not aso_errors and not sup_errors, (aso_errors, sup_errors)
    cdp.send("Network.emulateNetworkConditions", {**SLOW_MOBILE, "latency": 0})
    sup.goto(url)
    assert sup.locator("h1").inner_text() == "Al gebruikt"  # nl
    screenshot(sup, "workfloor-closed-phone-nl")
    assert f"410 {url}" in sup_errors

    print("timings (s):", {k: round(v, 2) for k, v in timings.items()})
    assert timings["form page load on a slow connection"] < 1.0
    assert timings["supervisor scans, confirms and sends"] < 60
    assert timings["ASO sees it"] < 8
    aso_context.close()
    sup_context.close()


@pytest.mark.parametrize(
    "viewport,locale,suffix",
    [
        (PHONE, "fr-BE", "phone-fr"),
        (DESKTOP_1366, "nl-BE", "desktop-nl"),
        (DESKTOP_1366, "fr-BE", "desktop-fr"),
    ],
)
def test_pages_in_french_and_on_a_desktop(browser, live_server, viewport, locale, suffix):
    world, member = _world_with_team()
    language = locale[:2]
    for user in world.users.values():
        user.language = language
        user.save(update_fields=["language"])
    context, page, errors = _context(browser, viewport, locale)
    login(page, live_server.url, world.users["aso"].email, PASSWORD)
    _accessible(page)
    screenshot(page, f"workfloor-aso-dashboard-{suffix}")
    page.goto(f"{live_server.url}/workfloor/now/")
    _accessible(page)
    screenshot(page, f"workfloor-ask-now-{suffix}")
    page.fill("input[name=what]", "Ponction pleurale" if language == "fr" else "Pleurapunctie")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_selector("svg.qr")
    screenshot(page, f"workfloor-show-code-{suffix}")
    url = page.locator("[data-feedback-url]").get_attribute("href")

    other, sup, sup_errors = _context(browser, viewport, locale)
    sup.goto(url)
    _accessible(sup)
    screenshot(sup, f"workfloor-choose-name-{suffix}")
    sup.get_by_label("Dr. An Peeters").check()
    sup.locator("form button[type=submit]").first.click()
    digits = re.search(r"\b(\d{6})\b", mail.outbox[-1].body).group(1)
    sup.fill("input[name=digits]", digits)
    sup.locator("form button[type=submit]").first.click()
    sup.wait_for_selector("textarea[name=went_well]")
    _accessible(sup)
    screenshot(sup, f"workfloor-bedside-form-{suffix}")
    sup.fill("textarea[name=went_well]", "Bonne explication." if language == "fr" else "Goed.")
    sup.fill("textarea[name=to_improve]", "Échographie avant." if language == "fr" else "Echo.")
    sup.locator("form.quick-form button[type=submit]").click()
    sup.wait_for_selector("p.message.success")
    page.goto(f"{live_server.url}/portfolio/feedback/")
    _accessible(page)
    screenshot(page, f"workfloor-aso-timeline-{suffix}")

    page.context.clear_cookies()
    login(page, live_server.url, world.users["stagemeester"].email, PASSWORD)
    page.goto(f"{live_server.url}/workfloor/team/")
    _accessible(page)
    screenshot(page, f"workfloor-team-{suffix}")
    assert not errors and not sup_errors, (errors, sup_errors)
    other.close()
    context.close()
