"""The mentoring journey in a real browser, on a phone.

A mentor schedules the year-1 session, records attendance and writes a note with an ASO; the
ASO shares that note with their stagemeester; the stagemeester reads that note and no other.
Selectors use addresses and field names, so the journey holds in every language.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from traject.mentoring.models import Attendance, ConfidentialNote, GroupSession, NoteShare
from traject.mentoring.selectors import themes_for
from traject.testing.browser import login, screenshot
from traject.testing.factories import PASSWORD
from traject.testing.world import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SUBMIT = "main form button[type=submit]"


def _login(page, live_server, world, persona):
    page.context.clear_cookies()
    login(page, live_server.url, world.users[persona].email, PASSWORD)


def test_a_note_shared_by_the_aso_reaches_the_stagemeester_and_no_other_note(
    phone_page, live_server
):
    world = build_world()
    trainee = world.trainee
    private = ConfidentialNote.objects.create(
        trainee=trainee,
        mentor=world.users["mentor"],
        held_on=timezone.localdate() - datetime.timedelta(days=30),
        text="Een eerder gesprek dat niet gedeeld wordt.",
    )
    page = phone_page
    url = live_server.url

    # The mentor schedules the year-1 session from their dashboard.
    _login(page, live_server, world, "mentor")
    page.click(f"main a[href='{reverse('mentoring:dashboard')}']")
    page.click(
        f"main a[href='{reverse('mentoring:session_create', args=[world.mentor_group.pk])}']"
    )
    theme = themes_for(world.university).get(training_year=1, position=1)
    page.select_option("select[name=theme]", str(theme.pk))
    when = timezone.localtime() + datetime.timedelta(days=7)
    page.fill("input[name=starts_at]", when.strftime("%Y-%m-%dT18:00"))
    page.fill("input[name=place]", "Zaal Heymans")
    page.click(SUBMIT)
    session = GroupSession.objects.get()
    assert session.theme == theme and session.place == "Zaal Heymans"
    assert page.url.endswith(reverse("mentoring:session_detail", args=[session.pk]))

    # ... records attendance ...
    page.click(f"main a[href='{reverse('mentoring:session_attendance', args=[session.pk])}']")
    page.check(f"input[name=trainee_{trainee.pk}][value=present]")
    screenshot(page, "mentoring-attendance-phone")
    page.click(SUBMIT)
    page.wait_for_url(f"**{reverse('mentoring:session_detail', args=[session.pk])}")
    assert Attendance.objects.get(session=session, trainee=trainee).status == "present"
    screenshot(page, "mentoring-session-phone")

    # ... and writes a note with the ASO.
    page.goto(f"{url}{reverse('mentoring:dashboard')}")
    screenshot(page, "mentoring-dashboard-phone")
    page.click(f"main a[href='{reverse('mentoring:trainee_detail', args=[trainee.pk])}']")
    screenshot(page, "mentoring-follow-up-phone")
    page.click(f"main a[href='{reverse('mentoring:note_create', args=[trainee.pk])}']")
    page.fill("textarea[name=text]", "Wil met de stagemeester praten over de nachtdiensten.")
    page.click(SUBMIT)
    note = ConfidentialNote.objects.exclude(pk=private.pk).get()
    page.wait_for_url(f"**{reverse('mentoring:note_detail', args=[note.pk])}")

    # The ASO shares that note with their stagemeester.
    _login(page, live_server, world, "aso")
    page.goto(f"{url}{reverse('mentoring:my_group')}")
    page.click(f"main a[href='{reverse('mentoring:trainee_detail', args=[trainee.pk])}']")
    page.click(f"main a[href='{reverse('mentoring:note_detail', args=[note.pk])}']")
    page.click(f"main a[href='{reverse('mentoring:note_share', args=[note.pk])}']")
    page.select_option("select[name=recipient]", str(world.users["stagemeester"].pk))
    screenshot(page, "mentoring-share-phone")
    page.click(SUBMIT)
    # The confirmation says with whom, and that it can be withdrawn; nothing is shared before.
    confirm = page.locator("article.confirm")
    assert world.users["stagemeester"].get_full_name() in confirm.inner_text()
    assert "intrekken" in confirm.inner_text()
    assert not NoteShare.objects.exists()
    screenshot(page, "mentoring-share-confirm-phone")
    confirm.locator("button[type=submit]").click()
    page.wait_for_url(f"**{reverse('mentoring:note_detail', args=[note.pk])}")
    share = NoteShare.objects.get()
    assert share.recipient == world.users["stagemeester"] and share.note == note
    screenshot(page, "mentoring-note-shared-phone")

    # The stagemeester sees that note, and no other.
    _login(page, live_server, world, "stagemeester")
    page.click(f"main a[href='{reverse('mentoring:shared_with_me')}']")
    links = page.locator("main a[href*='/mentoring/notes/']")
    expect(links).to_have_count(1)
    assert links.first.get_attribute("href") == reverse("mentoring:note_detail", args=[note.pk])
    links.first.click()
    expect(page.get_by_text("nachtdiensten").first).to_be_visible()
    screenshot(page, "mentoring-stagemeester-reads-phone")
    response = page.goto(f"{url}{reverse('mentoring:note_detail', args=[private.pk])}")
    assert response.status == 404
    assert "niet gedeeld" not in page.content()
