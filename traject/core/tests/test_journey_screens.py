"""Every persona's dashboard on a phone and a desktop, in each language, read like a person would.

Each page is also scanned by axe-core with a clean console (the page fixtures do that). These
journeys catch a hidden menu on a desktop, counters spilling out of their card, a heading broken
inside a word, a wide table without its own scrolling box, and Dutch day names left in French or
English (labels translated when a module was imported).
"""

import pytest
from django.utils import timezone

from traject.testing.browser import login, screenshot
from traject.testing.factories import PASSWORD
from traject.testing.world import build_world
from traject.worktime.timeutil import week_start

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PERSONAS = [
    "aso",
    "stagemeester",
    "coordinator",
    "programme_admin",
    "ministry",
    "mentor",
    "titularis",
]
DUTCH_DAYS = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]
DAYS = {
    "fr": ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
}

# What a person sees must fit: nothing wider than the screen or its card, no word split in two.
LAYOUT_PROBLEMS = """
() => {
  const problems = [];
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth > width + 1) {
    problems.push(`page wider than the screen: ${document.documentElement.scrollWidth} > ${width}`);
  }
  for (const card of document.querySelectorAll(".cards > article, .wt-counter")) {
    if (card.scrollWidth > card.clientWidth + 1) {
      problems.push(`content spills out of ${card.className || card.tagName}: ` +
                    card.innerText.slice(0, 40));
    }
  }
  for (const heading of document.querySelectorAll("h1, h2, h3")) {
    const walker = document.createTreeWalker(heading, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const re = /\\S+/g;
      let match;
      while ((match = re.exec(node.textContent))) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
        if (tops.size > 1) problems.push(`heading word broken: ${match[0]}`);
      }
    }
  }
  for (const table of document.querySelectorAll("main table")) {
    const box = table.closest(".table-wrap");
    if (table.scrollWidth > (box || table.parentElement).clientWidth + 1 && !box) {
      problems.push("a wide table without its own scrolling box");
    }
  }
  return problems;
}
"""


def _set_language(page, language):
    if page.locator("html").get_attribute("lang") != language:
        with page.expect_navigation():
            page.select_option("#language-select", language)
    assert page.locator("html").get_attribute("lang") == language


def _look_at_dashboards(page, live_server, world, width_name):
    for persona in PERSONAS:
        for language in ("nl", "fr"):
            page.context.clear_cookies()
            login(page, live_server.url, world.users[persona].email, PASSWORD)
            _set_language(page, language)
            problems = page.evaluate(LAYOUT_PROBLEMS)
            assert not problems, (persona, language, width_name, problems)
            screenshot(page, f"dashboard-{persona}-{language}-{width_name}")
            # Back to Dutch for the next login (the choice is remembered on the account).
            _set_language(page, "nl")


def test_every_dashboard_fits_a_phone_in_dutch_and_french(phone_page, live_server):
    _look_at_dashboards(phone_page, live_server, build_world(), "phone")


def test_every_dashboard_uses_a_desktop_with_a_visible_navigation_bar(desktop_page, live_server):
    page = desktop_page
    page.set_viewport_size({"width": 1366, "height": 900})
    world = build_world()
    login(page, live_server.url, world.users["aso"].email, PASSWORD)
    bar = page.locator("ul.nav-bar")
    assert bar.is_visible() and not page.locator("details.menu").is_visible()
    assert bar.get_by_role("link", name="Mijn portfolio").is_visible()
    # Cards sit side by side over the whole width: the dashboard uses the screen.
    boxes = page.locator(".cards > article").evaluate_all(
        "cards => cards.map((c) => c.getBoundingClientRect().toJSON())"
    )
    container = page.locator(".cards").bounding_box()
    assert len({round(b["x"]) for b in boxes}) >= 2, boxes
    assert max(b["right"] for b in boxes) >= container["x"] + container["width"] - 2
    _look_at_dashboards(page, live_server, world, "desktop")


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_week_speaks_the_language_chosen_not_dutch(phone_page, live_server, language):
    world = build_world()
    page = phone_page
    login(page, live_server.url, world.users["aso"].email, PASSWORD)
    _set_language(page, language)
    page.goto(f"{live_server.url}/worktime/week/{week_start(timezone.localdate()).isoformat()}/")
    text = page.locator("main").inner_text()
    for dutch in DUTCH_DAYS:
        assert dutch not in text.lower(), (language, dutch)
    assert all(day.lower() in text.lower() for day in DAYS[language])
    screenshot(page, f"worktime-week-{language}-phone")
    page.goto(f"{live_server.url}/worktime/entries/new/")
    kinds = page.locator("select[name=kind]").inner_text()
    assert "oproepbare wacht" not in kinds and "wacht" not in kinds, kinds
    _set_language(page, "nl")
