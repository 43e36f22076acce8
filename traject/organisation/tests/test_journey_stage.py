"""A programme administrator assigns a stage in the browser and meets the capacity rule."""

import pytest
from playwright.sync_api import expect

from traject.organisation.models import Stage
from traject.testing import factories as f
from traject.testing.browser import login, screenshot
from traject.testing.factories import PASSWORD
from traject.testing.world import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_admin_assigns_a_stage_is_refused_at_capacity_and_records_an_exception(
    phone_page, live_server
):
    world = build_world()
    for _ in range(2):
        trainee = f.TraineeFactory(university=world.university, specialty=world.specialty)
        f.StageFactory(
            trainee=trainee,
            service=world.service,
            stagemeester=world.users["stagemeester"],
            start=world.stage.start,
            end=world.stage.end,
        )
    newcomer = f.TraineeFactory(university=world.university, specialty=world.specialty)
    page = phone_page
    login(page, live_server.url, world.users["programme_admin"].email, PASSWORD)
    page.get_by_role("button", name="Stage toewijzen").first.click()
    page.fill("input[name=trainee__q]", newcomer.user.last_name)
    page.get_by_role("button", name=f"({newcomer.user.email})").click()
    page.wait_for_selector(f"input[name=trainee][value='{newcomer.pk}']", state="attached")
    page.select_option("select[name=service]", str(world.service.pk))
    page.fill("input[name=stagemeester__q]", world.users["stagemeester"].email)
    page.get_by_role("button", name=f"({world.users['stagemeester'].email})").click()
    page.wait_for_selector(
        f"input[name=stagemeester][value='{world.users['stagemeester'].pk}']", state="attached"
    )
    page.fill("input[name=start]", world.stage.start.isoformat())
    page.fill("input[name=end]", world.stage.end.isoformat())
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("de erkende grens is 3").first).to_be_visible()
    screenshot(page, "stage-refused-phone")
    assert not Stage.objects.filter(trainee=newcomer).exists()
    page.fill("textarea[name=exception_reason]", "Vervanging tijdens zwangerschapsverlof")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_load_state("networkidle")
    assert (
        Stage.objects.get(trainee=newcomer).exception_reason
        == "Vervanging tijdens zwangerschapsverlof"
    )
