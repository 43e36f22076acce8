"""The programme journey in a real browser (phone and desktop, Dutch and French).

A stagemeester registers for a session, the organiser records the attendance, the stagemeester
downloads the certificate and finds the session in the development log; an ASO answers the
course evaluation; the titularis reads the result once the threshold is reached.
"""

from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from traject.programme import services
from traject.programme.instrument import load_requirements
from traject.programme.models import NewsItem, Registration
from traject.quality.models import EducationalActivity, Item
from traject.quality.selectors import anonymity_threshold
from traject.quality.services import survey_response_submit
from traject.quality.tests.helpers import add_trainees
from traject.testing.browser import login
from traject.testing.factories import PASSWORD
from traject.testing.world import build_world

from .helpers import make_session, move_to_past

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/tmp/h18-shots")


def _shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _login(page, live_server, world, persona):
    page.context.clear_cookies()
    login(page, live_server.url, world.users[persona].email, PASSWORD)


@pytest.mark.parametrize("language", ["nl", "fr"])
@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_stagemeester_attends_aso_evaluates_titularis_reads(request, size, language, live_server):
    page = request.getfixturevalue(f"{size}_page")
    world = build_world()
    for user in world.users.values():
        user.language = language
        user.save(update_fields=["language"])
    load_requirements()  # a transactional test starts from flushed tables
    session = make_session(world)
    today = timezone.localdate()
    news = NewsItem.objects.create(
        kind="highlight",
        title="Medbook: Indienen bij titularis",
        body="De ASO bezorgt zelf de afgewerkte to-dolijst aan de titularis.",
        roles=["trainee"],
        publish_on=today,
        expires_on=today + timezone.timedelta(days=5),
        created_by=world.users["programme_admin"],
    )
    colleagues = add_trainees(world, world.service, anonymity_threshold() - 1)
    evaluation = services.course_evaluation_open(
        course=world.course,
        closes=timezone.localdate() + timezone.timedelta(days=7),
        actor=world.users["titularis"],
    )
    codes = list(
        Item.objects.filter(theme__instrument=evaluation.campaign.instrument).values_list(
            "code", flat=True
        )
    )
    for user in colleagues:
        survey_response_submit(
            campaign=evaluation.campaign, scores=dict.fromkeys(codes, 5), actor=user
        )

    # The stagemeester registers from the catalogue.
    _login(page, live_server, world, "stagemeester")
    page.goto(f"{live_server.url}{reverse('programme:home')}")
    _shot(page, f"home-{size}-{language}")
    assert "6,0" in page.locator("main").inner_text()  # the Belgian stagemeester's requirement
    page.click(f"main a[href='{reverse('programme:session_detail', args=[session.pk])}']")
    page.click(f"form[action='{reverse('programme:session_register', args=[session.pk])}'] button")
    page.wait_for_load_state("networkidle")
    _shot(page, f"session-registered-{size}-{language}")
    registration = Registration.objects.get(session=session, trainer=world.users["stagemeester"])

    # The organiser records the attendance once the session took place.
    move_to_past(session)
    _login(page, live_server, world, "programme_admin")
    page.goto(f"{live_server.url}{reverse('programme:home')}")
    page.click(f"main a[href='{reverse('programme:session_detail', args=[session.pk])}']")
    action = reverse("programme:attendance_record", args=[session.pk, registration.pk])
    page.click(f"form[action='{action}'] button")
    page.wait_for_load_state("networkidle")
    _shot(page, f"session-attendance-{size}-{language}")
    registration.refresh_from_db()
    assert registration.attended

    # The stagemeester downloads the certificate and sees the development log.
    _login(page, live_server, world, "stagemeester")
    page.goto(f"{live_server.url}{reverse('programme:session_detail', args=[session.pk])}")
    certificate = reverse("programme:certificate", args=[registration.pk])
    with page.expect_download() as download:
        page.click(f"main a[href='{certificate}']")
    assert download.value.suggested_filename.endswith(".pdf")
    page.goto(f"{live_server.url}{reverse('quality:activity_list')}")
    assert session.title in page.content()
    assert EducationalActivity.objects.filter(pk=registration.activity_id).exists()
    _shot(page, f"development-log-{size}-{language}")

    # The ASO reads the news on the dashboard and marks it as read (a POST).
    _login(page, live_server, world, "aso")
    page.goto(f"{live_server.url}/")
    assert news.title in page.content()
    _shot(page, f"dashboard-news-{size}-{language}")
    page.click(f"form[action='{reverse('programme:news_read', args=[news.pk])}'] button")
    page.wait_for_load_state("networkidle")
    assert news.title not in page.content()

    # The ASO answers the course evaluation on the quality survey page.
    respond = reverse("quality:survey_respond", args=[evaluation.campaign.pk])
    page.goto(f"{live_server.url}{respond}")
    _shot(page, f"course-evaluation-{size}-{language}")
    for code in codes:
        page.check(f"input[name='item-{code}'][value='4']")
    with page.expect_navigation():  # the form posts back to this page
        page.click("main form button[type=submit]")

    # The titularis closes it and reads the result (the threshold is reached).
    _login(page, live_server, world, "titularis")
    detail = reverse("programme:evaluation_detail", args=[evaluation.pk])
    page.goto(f"{live_server.url}{detail}")
    page.click(
        f"form[action='{reverse('programme:evaluation_close', args=[evaluation.pk])}'] button"
    )
    page.wait_for_load_state("networkidle")
    page.goto(f"{live_server.url}{detail}")
    assert page.locator("main table").count() == 1
    assert "100%" in page.locator("main table").inner_text()
    _shot(page, f"evaluation-result-{size}-{language}")
