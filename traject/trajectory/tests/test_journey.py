"""The path to recognition in a real browser: compose, three signatures, submit, a supplement
asked, approved; then an interruption of 18 weeks moves the end date.

Selectors use addresses and field names, so the journey holds in every language. axe-core runs
on every page the journey meets (no serious or critical violation) and no console error may
appear.
"""

import datetime

import pytest
from django.urls import reverse

from traject.testing.browser import PHONE, assert_accessible, login, screenshot
from traject.testing.factories import PASSWORD
from traject.trajectory.models import Interruption, PlanVersion
from traject.trajectory.selectors import plan_end_date

from .conftest import make_path

pytestmark = [pytest.mark.browser]

SUBMIT = "main form button[type=submit]"


class Journey:
    def __init__(self, page, live_server, p):
        self.page, self.url, self.p = page, live_server.url, p
        self.errors = []
        self.checked = set()
        page.on(
            "console",
            lambda msg: (
                self.errors.append(f"{msg.text} {msg.location.get('url', '')}")
                # The browser's own favicon request is not the page's error.
                if msg.type == "error" and not msg.location.get("url", "").endswith("/favicon.ico")
                else None
            ),
        )

    def login(self, user):
        self.page.context.clear_cookies()
        login(self.page, self.url, user.email, PASSWORD)

    def go(self, path):
        self.page.goto(f"{self.url}{path}")
        self.check()

    def check(self):
        key = self.page.url.split("?")[0]
        if key in self.checked:
            return
        self.checked.add(key)
        assert_accessible(self.page)


def test_compose_sign_submit_supplement_approve_and_an_interruption(
    phone_page, live_server, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    p = make_path()
    p.aso.language = "nl"
    p.aso.save()
    plan = p.plan
    j = Journey(phone_page, live_server, p)
    page = phone_page
    plan_url = reverse("trajectory:plan_detail", args=[plan.pk])
    detail_url = reverse("trajectory:detail", args=[p.trajectory.pk])

    # The ASO finds the next step on the dashboard and composes the plan.
    j.login(p.aso)
    j.check()
    page.click(f"main a[href='{plan_url}']")
    j.check()
    page.click(f"main a[href='{reverse('trajectory:item_create', args=[plan.pk])}']")
    j.check()
    page.select_option("select[name=kind]", "stage")
    page.fill("input[name=start]", p.start.isoformat())
    page.fill("input[name=end]", p.end.isoformat())
    page.select_option("select[name=service]", str(p.service.pk))
    page.select_option("select[name=stagemeester]", str(p.stagemeester.pk))
    with page.expect_navigation():  # the form posts back to this page
        page.click(SUBMIT)
    assert plan.items.count() == 1

    # Evidence: three documents on the path's page.
    j.go(detail_url)
    pdf = tmp_path / "attest.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%journey\n")
    for kind, valid_from in (("faculty", ""), ("agreement", ""), ("orde", "2020-01-01")):
        page.select_option("select[name=kind]", kind)
        page.set_input_files("input[name=file]", str(pdf))
        if valid_from:
            page.fill("input[name=valid_from]", valid_from)
        page.click("form[enctype='multipart/form-data'] button[type=submit]")
        page.wait_for_url(f"**{detail_url}")
    assert p.trajectory.evidence.count() == 3
    screenshot(page, "trajectory-path-phone-nl")

    # Three people sign: the stagemeester and the coordinator from their dashboards, the ASO.
    for user in (p.stagemeester, p.coordinator):
        j.login(user)
        page.click(f"main a[href='{plan_url}']")
        j.check()
        with page.expect_navigation():  # the form posts back to this page
            page.click(f"form[action='{reverse('trajectory:plan_sign', args=[plan.pk])}'] button")
    j.login(p.aso)
    j.go(plan_url)
    with page.expect_navigation():  # the form posts back to this page
        page.click(f"form[action='{reverse('trajectory:plan_sign', args=[plan.pk])}'] button")
    assert plan.signatures.count() == 3
    with page.expect_navigation():  # the form posts back to this page
        page.click(f"form[action='{reverse('trajectory:plan_submit', args=[plan.pk])}'] button")
    plan.refresh_from_db()
    assert plan.state == PlanVersion.State.SUBMITTED

    # The officer asks for a supplement; the ASO answers it.
    j.login(p.officer)
    j.go(reverse("trajectory:overview"))
    page.click(f"main a[href='{plan_url}']")
    page.fill("textarea[name=s-note]", "Het attest van de faculteit is onleesbaar.")
    with page.expect_navigation():  # the form posts back to this page
        page.click(f"form[action='{reverse('trajectory:plan_supplement', args=[plan.pk])}'] button")
    plan.refresh_from_db()
    assert plan.state == PlanVersion.State.SUPPLEMENT_ASKED
    j.login(p.aso)
    j.go(plan_url)
    screenshot(page, "trajectory-supplement-phone-nl")
    with page.expect_navigation():  # the form posts back to this page
        page.click(f"form[action='{reverse('trajectory:plan_submit', args=[plan.pk])}'] button")

    # Candidate number, the commission's advice, the minister's decision.
    j.login(p.officer)
    j.go(plan_url)
    page.fill("input[name=c-number]", "1-23456-78")
    with page.expect_navigation():  # the form posts back to this page
        page.click(f"form[action='{reverse('trajectory:plan_candidate', args=[plan.pk])}'] button")
    j.login(p.member)
    j.go(plan_url)
    page.select_option("select[name=a-advice]", "positive")
    with page.expect_navigation():  # the form posts back to this page
        page.click(f"form[action='{reverse('trajectory:plan_advice', args=[plan.pk])}'] button")
    j.login(p.officer)
    j.go(plan_url)
    page.select_option("select[name=d-approved]", "1")
    with page.expect_navigation():  # the form posts back to this page
        page.click(f"form[action='{reverse('trajectory:plan_decision', args=[plan.pk])}'] button")
    plan.refresh_from_db()
    assert plan.state == PlanVersion.State.APPROVED

    # An interruption of 18 weeks moves the end date by three weeks.
    j.login(p.aso)
    before = plan_end_date(p.trajectory).expected_end
    j.go(reverse("trajectory:interruption_create", args=[p.trajectory.pk]))
    page.select_option("select[name=kind]", "sick")
    first = p.start + datetime.timedelta(days=1)
    page.fill("input[name=start]", first.isoformat())
    page.fill("input[name=end]", (first + datetime.timedelta(days=18 * 7 - 1)).isoformat())
    page.click(SUBMIT)
    page.wait_for_url(f"**{detail_url}")
    assert Interruption.objects.filter(trajectory=p.trajectory).count() == 1
    after = plan_end_date(p.trajectory).expected_end
    assert after - before == datetime.timedelta(days=21)
    assert after.strftime("%Y") in page.content()
    j.check()
    screenshot(page, "trajectory-end-date-phone-nl")
    assert j.errors == []


def test_pages_on_a_desktop_and_a_phone_in_dutch_and_french(
    browser, live_server, settings, tmp_path
):
    """Screenshots at 1366 px and 390 px, in Dutch and French; axe-core on the pages the
    journey does not meet (the help page and the French variants)."""
    from .conftest import ready

    settings.MEDIA_ROOT = tmp_path
    p = make_path()
    ready(p)
    pages = (
        ("dashboard", reverse("core:dashboard")),
        ("plan", reverse("trajectory:plan_detail", args=[p.plan.pk])),
        ("path", reverse("trajectory:detail", args=[p.trajectory.pk])),
        ("help", reverse("trajectory:help")),
    )
    for language in ("nl", "fr"):
        p.aso.language = language
        p.aso.save()
        for name, viewport in (("desktop", {"width": 1366, "height": 900}), ("phone", PHONE)):
            context = browser.new_context(viewport=viewport, locale=f"{language}-BE")
            page = context.new_page()
            login(page, live_server.url, p.aso.email, PASSWORD)
            for label, url in pages:
                page.goto(f"{live_server.url}{url}")
                if name == "phone" and (language == "fr" or label == "help"):
                    assert_accessible(page, url)
                screenshot(page, f"trajectory-{label}-{name}-{language}")
            context.close()
