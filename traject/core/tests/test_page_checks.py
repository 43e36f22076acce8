"""The journeys' own checker (axe-core on every page, a clean console) finds what it is there for,
and its scans never collide: axe-core refuses a second run while one is going."""

import pytest

from traject.testing.browser import PHONE, PageChecks

pytestmark = [pytest.mark.browser]

CLEAN = "<!doctype html><html lang='nl'><head><title>Schoon</title></head><body><main><h1>Schoon</h1><p>Niets mis.</p></main></body></html>"
BROKEN = "<!doctype html><html lang='nl'><head><title>Fout</title></head><body><main><h1>Fout</h1><button></button></main></body></html>"


def _page(browser):
    context = browser.new_context(viewport=PHONE, locale="nl-BE")
    page = context.new_page()
    page.set_default_timeout(15000)
    pages = {"http://traject.test/clean": CLEAN, "http://traject.test/broken": BROKEN}
    page.route(
        "http://traject.test/**",
        lambda route: route.fulfill(
            status=200, content_type="text/html", body=pages.get(route.request.url, CLEAN)
        ),
    )
    page.checks = PageChecks(page)
    return context, page


def test_a_page_with_a_serious_violation_fails_the_journey(browser):
    context, page = _page(browser)
    try:
        page.goto("http://traject.test/broken")
        problems = page.checks.problems()
    finally:
        context.close()
    assert any("button-name" in problem for problem in problems), problems


def test_scans_asked_at_once_wait_their_turn(browser):
    context, page = _page(browser)
    try:
        page.goto("http://traject.test/clean")
        # The scan on load and the journeys' scans may start together; none may be refused.
        results = page.evaluate(
            "() => Promise.all([window.__trajectAxeScan(), window.__trajectAxeScan(),"
            " window.__trajectAxeScan()])"
        )
        page.wait_for_load_state("load")
        page.checks.scan_now()
        problems = page.checks.problems()
    finally:
        context.close()
    assert results == [[], [], []]
    assert problems == []
