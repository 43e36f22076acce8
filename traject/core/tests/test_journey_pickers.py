"""The people pickers in the browser: a programme administrator forms a mentor group on a phone,
finding the mentor and the ASO by typing part of a name (never a select of every account)."""

import os

import pytest

from traject.mentoring.models import MentorGroup
from traject.testing import factories as f
from traject.testing.browser import login, screenshot
from traject.testing.factories import PASSWORD
from traject.testing.world import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("TRAJECT_PICKER_SHOTS")  # a folder to also keep the screenshots in


def _shot(page, name):
    screenshot(page, name)
    if SHOTS:
        os.makedirs(SHOTS, exist_ok=True)
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


def test_the_administrator_forms_a_mentor_group_with_the_pickers(phone_page, live_server):
    world = build_world()
    mentor = world.users["titularis"]
    newcomer = f.TraineeFactory(
        university=world.university,
        specialty=world.specialty,
        user=f.UserFactory(first_name="Fien", last_name="Vandewalle"),
    )
    page = phone_page
    login(page, live_server.url, world.users["programme_admin"].email, PASSWORD)
    page.goto(f"{live_server.url}/mentoring/groups/new/")
    assert page.locator("select[name=mentor]").count() == 0
    page.fill("input[name=name]", "Mentorgroep Picker")
    page.fill("input[name=mentor__q]", mentor.last_name[:4])
    page.get_by_role("button", name=f"({mentor.email})").click()
    page.wait_for_selector(f"input[name=mentor][value='{mentor.pk}']", state="attached")
    assert page.get_by_text(mentor.get_full_name()).first.is_visible()
    page.checks.scan_now()
    _shot(page, "picker-mentor-chosen-phone")
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state("networkidle")
    group = MentorGroup.objects.get(name="Mentorgroep Picker")
    assert group.mentor == mentor
    page.goto(f"{live_server.url}/mentoring/groups/{group.pk}/members/add/")
    page.fill("input[name=trainee__q]", "vandew")
    page.wait_for_selector(f"text=({newcomer.user.email})")
    page.checks.scan_now()
    _shot(page, "picker-aso-results-phone")
    page.get_by_role("button", name=f"({newcomer.user.email})").click()
    page.wait_for_selector(f"input[name=trainee][value='{newcomer.pk}']", state="attached")
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state("networkidle")
    assert group.memberships.filter(trainee=newcomer).exists()


def test_without_javascript_the_typed_address_chooses(browser, live_server):
    from traject.testing.browser import PHONE

    world = build_world()
    context = browser.new_context(viewport=PHONE, locale="fr-BE", java_script_enabled=False)
    page = context.new_page()
    try:
        login(page, live_server.url, world.users["programme_admin"].email, PASSWORD)
        page.goto(f"{live_server.url}/mentoring/groups/new/")
        page.fill("input[name=name]", "Groupe sans JS")
        page.fill("input[name=mentor__q]", world.users["titularis"].email)
        _shot(page, "picker-nojs-phone")
        page.locator("main form button[type=submit]").last.click()
        page.wait_for_load_state("load")
        assert MentorGroup.objects.get(name="Groupe sans JS").mentor == world.users["titularis"]
    finally:
        context.close()
