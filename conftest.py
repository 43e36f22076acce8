"""Fixtures for the browser journeys (Playwright driving Debian's Chromium)."""

import os

import pytest

# Playwright's sync API runs an event loop in the test thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    """Give browser journeys a transactional database restored with the migrations' data.

    The live server needs committed data, and a plain flush would also drop what the
    migrations loaded (specialties, survey instruments, session themes).
    """
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(
                pytest.mark.django_db(transaction=True, serialized_rollback=True), append=False
            )
            continue
        # Every transactional test restores the migrations' data the same way: a flush without
        # it would run post_migrate and recreate the content types under other ids, and the next
        # test that restores its serialized data would then meet them (a unique-key clash that
        # depends on which worker ran which test before).
        marker = item.get_closest_marker("django_db")
        if marker is not None and marker.kwargs.get("transaction"):
            kwargs = {**marker.kwargs, "serialized_rollback": True}
            item.add_marker(pytest.mark.django_db(*marker.args, **kwargs), append=False)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    from traject.testing.browser import CHROMIUM, LAUNCH_ARGS, chromium_available

    if not chromium_available():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: install Debian's chromium (scripts/test does)."
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def phone_page(browser, live_server):
    """A page on a phone-sized screen, in Dutch."""
    from traject.testing.browser import PHONE

    context = browser.new_context(viewport=PHONE, locale="nl-BE", is_mobile=True, has_touch=True)
    yield from _checked_page(context)


@pytest.fixture
def desktop_page(browser, live_server):
    """A page on a desktop screen, in Dutch."""
    from traject.testing.browser import DESKTOP

    context = browser.new_context(viewport=DESKTOP, locale="nl-BE")
    yield from _checked_page(context)


def _checked_page(context):
    """A page whose every document is scanned by axe-core and whose console must stay clean."""
    from traject.testing.browser import PageChecks

    page = context.new_page()
    page.set_default_timeout(15000)
    page.checks = PageChecks(page)
    yield page
    problems = page.checks.problems()
    context.close()
    assert not problems, "Accessibility or console problems:\n" + "\n".join(problems)
