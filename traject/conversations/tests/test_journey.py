"""The conversation cycle in a real browser.

On a phone, the opleider plans and reports a progress talk and the aios acknowledges it with a
reaction; then the opleider writes the transfer document, the aios reads and reacts, the
opleider hands it over and the next opleider reads it from the start of the new stage.
Every page is checked with axe-core, and no console error is allowed. A second journey looks
at the same pages on a desktop in French.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from traject.conversations.models import Talk, TransferDocument
from traject.organisation.models import Stage, TrainingService
from traject.testing import factories as f
from traject.testing.browser import assert_accessible, login, screenshot, watch_console
from traject.testing.factories import PASSWORD
from traject.testing.world import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SUBMIT = "main form button[type=submit]"
TODAY = timezone.localdate()


def _login(page, live_server, email):
    page.context.clear_cookies()
    login(page, live_server.url, email, PASSWORD)


def _look(page, name):
    assert_accessible(page, name)
    screenshot(page, name)


def _next_stage(world):
    receiver = f.UserFactory(email="next-opleider@example.test", first_name="Eva", last_name="Kok")
    Stage.objects.filter(pk=world.nl_stage.pk).update(end=TODAY + datetime.timedelta(days=20))
    service = TrainingService.objects.create(
        hospital=world.nl_hospital, specialty=world.nl_specialty, name="Interne (UMC)"
    )
    stage = Stage.objects.create(
        trainee=world.aios_trainee,
        service=service,
        stagemeester=receiver,
        start=TODAY + datetime.timedelta(days=21),
        end=TODAY + datetime.timedelta(days=400),
    )
    return receiver, stage


def test_a_progress_talk_and_a_transfer_from_one_opleider_to_the_next(phone_page, live_server):
    world = build_world()
    receiver, next_stage = _next_stage(world)
    page = phone_page
    errors = watch_console(page)
    opleider, aios = world.users["opleider"], world.users["aios"]
    trainee = world.aios_trainee

    # The opleider plans a progress talk from the dashboard.
    _login(page, live_server, opleider.email)
    _look(page, "conversations-dashboard-opleider-phone")
    page.click(f"main a[href='{reverse('conversations:index')}']")
    _look(page, "conversations-group-phone")
    page.click(f"main a[href='{reverse('conversations:trainee', args=[trainee.pk])}']")
    _look(page, "conversations-aios-phone")
    page.click(f"main a[href='{reverse('conversations:talk_plan', args=[trainee.pk])}']")
    page.select_option("select[name=kind]", "progress")
    page.fill("input[name=planned_on]", TODAY.isoformat())
    page.fill("input[name=place]", "Spreekkamer 3")
    _look(page, "conversations-plan-phone")
    page.click(SUBMIT)
    talk = Talk.objects.get(trainee=trainee)
    page.wait_for_url(f"**{reverse('conversations:talk_detail', args=[talk.pk])}")

    # ... holds it and writes the report with the job aid and two actions.
    page.click(f"main a[href='{reverse('conversations:talk_report', args=[talk.pk])}']")
    page.fill("textarea[name=report]", "Goede voortgang op de acute opname; KPB's besproken.")
    page.locator("input[name=checklist]").first.check()
    page.fill("textarea[name=actions]", "Drie KPB's per maand vragen\nEcho-cursus volgen")
    _look(page, "conversations-report-phone")
    page.click(SUBMIT)
    page.wait_for_url(f"**{reverse('conversations:talk_detail', args=[talk.pk])}")
    talk.refresh_from_db()
    assert talk.held_on == TODAY and len(talk.checklist) == 1
    assert [a.goal.title for a in talk.actions.order_by("pk")] == [
        "Drie KPB's per maand vragen",
        "Echo-cursus volgen",
    ]

    # The aios reads the report from the dashboard, one tap, and reacts.
    _login(page, live_server, aios.email)
    _look(page, "conversations-dashboard-aios-phone")
    page.click(f"main a[href='{reverse('conversations:talk_acknowledge', args=[talk.pk])}']")
    page.fill("textarea[name=reaction]", "Herkenbaar; de echo-cursus plan ik in maart.")
    page.click(SUBMIT)
    page.wait_for_url(f"**{reverse('conversations:talk_detail', args=[talk.pk])}")
    _look(page, "conversations-talk-acknowledged-phone")
    talk.refresh_from_db()
    assert talk.acknowledged_at is not None and "maart" in talk.reaction

    # The opleider is asked for the transfer document and writes it.
    _login(page, live_server, opleider.email)
    page.goto(f"{live_server.url}{reverse('conversations:index')}")
    page.click(
        f"main form[action='{reverse('conversations:transfer_start', args=[world.nl_stage.pk])}']"
        " button"
    )
    document = TransferDocument.objects.get()
    page.wait_for_url(f"**{reverse('conversations:transfer_edit', args=[document.pk])}")
    assert document.to_stage == next_stage
    assert document.facts["last_progress"]["report"].startswith("Goede voortgang")
    page.fill("textarea[name=summary]", "Een goed half jaar op de interne.")
    page.fill("textarea[name=attention_points]", "Plannen op drukke diensten.")
    _look(page, "conversations-transfer-edit-phone")
    page.click(SUBMIT)
    page.wait_for_url(f"**{reverse('conversations:transfer_detail', args=[document.pk])}")
    # The form posts and comes back to the same page: wait for that navigation, not the URL.
    with page.expect_navigation():
        page.click(
            f"main form[action='{reverse('conversations:transfer_share', args=[document.pk])}']"
            " button"
        )

    # The aios reads it (one tap from the dashboard) and adds a reaction.
    _login(page, live_server, aios.email)
    page.goto(f"{live_server.url}{reverse('conversations:trainee', args=[trainee.pk])}")
    page.click(f"main a[href='{reverse('conversations:transfer_detail', args=[document.pk])}']")
    _look(page, "conversations-transfer-aios-phone")
    page.goto(f"{live_server.url}{reverse('core:dashboard')}")
    page.click(f"main a[href='{reverse('conversations:transfer_react', args=[document.pk])}']")
    page.fill("textarea[name=reaction]", "Eens met de punten van aandacht.")
    page.click(SUBMIT)
    page.wait_for_url(f"**{reverse('conversations:transfer_detail', args=[document.pk])}")

    # The opleider hands it over; the next opleider reads it from the start of the stage.
    _login(page, live_server, opleider.email)
    page.click(f"main a[href='{reverse('conversations:transfer_detail', args=[document.pk])}']")
    with page.expect_navigation():
        page.click(
            f"main form[action='{reverse('conversations:transfer_hand_over', args=[document.pk])}']"
            " button"
        )
    document.refresh_from_db()
    assert document.status == TransferDocument.Status.HANDED_OVER
    _login(page, live_server, receiver.email)
    url = f"{live_server.url}{reverse('conversations:transfer_detail', args=[document.pk])}"
    assert page.goto(url).status == 404  # the stage has not started yet
    errors.clear()  # the browser reports that deliberate 404 (and the favicon of its page)
    Stage.objects.filter(pk=world.nl_stage.pk).update(end=TODAY - datetime.timedelta(days=1))
    Stage.objects.filter(pk=next_stage.pk).update(start=TODAY)
    assert page.goto(url).status == 200
    assert page.get_by_text("Eens met de punten van aandacht.").is_visible()
    _look(page, "conversations-transfer-received-phone")
    assert not errors, errors


def test_the_pages_on_a_desktop_in_french(desktop_page, live_server):
    world = build_world()
    opleider = world.users["opleider"]
    opleider.language = "fr"
    opleider.save(update_fields=["language"])
    page = desktop_page
    page.set_viewport_size({"width": 1366, "height": 900})
    errors = watch_console(page)
    talk = Talk.objects.create(
        trainee=world.aios_trainee,
        stage=world.nl_stage,
        kind="suitability",
        training_year=1,
        planned_on=TODAY,
        held_by=opleider,
        created_by=opleider,
    )
    _login(page, live_server, opleider.email)
    for name, path in [
        ("dashboard", reverse("core:dashboard")),
        ("group", reverse("conversations:index")),
        ("aios", reverse("conversations:trainee", args=[world.aios_trainee.pk])),
        ("report", reverse("conversations:talk_report", args=[talk.pk])),
        ("duration", reverse("conversations:duration_decide", args=[world.aios_trainee.pk])),
    ]:
        page.goto(f"{live_server.url}{path}")
        assert page.locator("html").get_attribute("lang") == "fr"
        _look(page, f"conversations-{name}-desktop-fr")
    # A 13th month of extension is refused with a message in French.
    page.select_option("select[name=kind]", "extension")
    page.fill("input[name=months]", "13")
    page.fill("textarea[name=reason]", "Trajet intensifié")
    page.click(SUBMIT)
    expect(page.locator(".errorlist").first).to_be_visible()
    _look(page, "conversations-duration-refused-desktop-fr")
    assert not errors, errors


def test_the_opleider_keeps_the_deputy_and_the_group_on_a_phone(phone_page, live_server):
    world = build_world()
    newcomer = f.UserFactory(email="nieuw-lid@example.test", first_name="Noor", last_name="Lid")
    page = phone_page
    errors = watch_console(page)
    _login(page, live_server, world.users["opleider"].email)
    page.goto(f"{live_server.url}{reverse('conversations:teams')}")
    _look(page, "conversations-groups-phone")
    page.click(f"main a[href='{reverse('conversations:team_add', args=[world.nl_service.pk])}']")
    page.fill("input[name=email]", newcomer.email)
    page.check("input[name=role][value=deputy]")
    _look(page, "conversations-group-add-phone")
    page.click(SUBMIT)
    expect(page.get_by_text("Noor Lid", exact=False).first).to_be_visible()
    _look(page, "conversations-groups-added-phone")
    row = page.locator("tr", has_text=newcomer.email)
    row.locator("button[type=submit]").click()
    expect(page.locator("tr", has_text=newcomer.email)).to_have_count(0)
    assert not errors, errors
