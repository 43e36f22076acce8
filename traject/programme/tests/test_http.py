import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from traject.programme import services
from traject.programme.models import NewsItem, NewsRead, Registration
from traject.quality.models import EducationalActivity

from .helpers import make_session, move_to_past

pytestmark = pytest.mark.django_db


def test_register_attend_certificate_and_calendar_through_the_pages(world, client):
    session = make_session(world)
    client.force_login(world.users["stagemeester"])
    response = client.post(reverse("programme:session_register", args=[session.pk]))
    assert response.status_code == 302
    registration = Registration.objects.get(session=session, trainer=world.users["stagemeester"])
    ics = client.get(reverse("programme:calendar"))
    assert ics["Content-Type"].startswith("text/calendar")
    assert b"Constructieve feedback geven" in ics.content and b"BEGIN:VEVENT" in ics.content
    assert client.get(reverse("programme:certificate", args=[registration.pk])).status_code == 403
    move_to_past(session)
    client.force_login(world.users["programme_admin"])
    client.post(reverse("programme:attendance_record", args=[session.pk, registration.pk]))
    registration.refresh_from_db()
    assert registration.attended and registration.activity_id
    assert EducationalActivity.objects.filter(pk=registration.activity_id).exists()
    client.force_login(world.users["other_stagemeester"])
    assert client.get(reverse("programme:certificate", args=[registration.pk])).status_code == 404
    client.force_login(world.users["stagemeester"])
    pdf = client.get(reverse("programme:certificate", args=[registration.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_full_session_answers_400_in_the_api(world, client):
    session = make_session(world, capacity=1)
    client.force_login(world.users["stagemeester"])
    url = reverse("api:programme_register", args=[session.pk])
    assert client.post(url).status_code == 201
    client.force_login(world.users["other_stagemeester"])
    response = client.post(url)
    assert response.status_code == 400 and response.json()


def test_news_on_the_dashboard_until_read_by_post_never_by_get(world, client):
    today = timezone.localdate()
    item = NewsItem.objects.create(
        kind="highlight",
        title="Wist u dat de knop Indienen bestaat",
        body="Tekst",
        publish_on=today,
        expires_on=today + datetime.timedelta(days=2),
        created_by=world.users["programme_admin"],
    )
    client.force_login(world.users["aso"])
    assert item.title in client.get("/").content.decode()
    assert client.get(reverse("programme:news_read", args=[item.pk])).status_code == 405
    assert not NewsRead.objects.exists()
    client.post(reverse("programme:news_read", args=[item.pk]), {"next": "https://evil.test/"})
    assert NewsRead.objects.filter(news=item, user=world.users["aso"]).exists()
    assert item.title not in client.get("/").content.decode()


def test_titularis_page_shows_no_result_while_open(world, client):
    evaluation = services.course_evaluation_open(
        course=world.course,
        closes=timezone.localdate() + datetime.timedelta(days=5),
        actor=world.users["titularis"],
    )
    client.force_login(world.users["titularis"])
    page = client.get(reverse("programme:evaluation_detail", args=[evaluation.pk]))
    assert page.status_code == 200
    assert "<table" not in page.content.decode()  # no result table while the survey is open
    api = client.get(reverse("api:programme_evaluation", args=[evaluation.pk])).json()
    assert api["shown"] is False and api["items"] == []


def test_the_catalogue_lists_the_trainers_own_country_first_and_every_country_on_request(
    world, client
):
    ghent = make_session(world, title="Feedback geven in Gent")
    utrecht = make_session(
        world,
        title="Teach the teacher Utrecht",
        country="NL",
        university=world.nl_university,
        organiser_name="UMC Utrecht",
    )
    home = reverse("programme:home")

    def listed(response):
        page = response.content.decode()
        return {s.title for s in (ghent, utrecht) if s.title in page}

    client.force_login(world.users["opleider"])  # a Dutch opleider
    assert listed(client.get(home)) == {utrecht.title}
    assert listed(client.get(home, {"country": "all"})) == {ghent.title, utrecht.title}
    assert listed(client.get(home, {"country": "BE"})) == {ghent.title}
    assert listed(client.get(home, {"country": "XX"})) == {utrecht.title}  # unknown: own country
    assert client.get(home, {"country": "NL\x00"}).status_code == 400  # the input guard
    client.force_login(world.users["stagemeester"])  # a Belgian stagemeester
    assert listed(client.get(home)) == {ghent.title}
    client.force_login(world.users["programme_admin"])  # an organiser sees every country
    assert listed(client.get(home)) == {ghent.title, utrecht.title}

    api = reverse("api:programme_sessions")
    client.force_login(world.users["opleider"])
    assert {s["title"] for s in client.get(api).json()} >= {ghent.title, utrecht.title}
    assert {s["title"] for s in client.get(api, {"country": "NL"}).json()} == {utrecht.title}
    refused = client.get(api, {"country": "XX"})
    assert refused.status_code == 422 and refused.json()["detail"]
