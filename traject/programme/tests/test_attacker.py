"""Playing the attacker on the programme's pages and endpoints."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from traject.programme.models import NewsItem, Registration

from .helpers import make_session, move_to_past

pytestmark = pytest.mark.django_db


def _news_payload(w, **extra):
    today = timezone.localdate().isoformat()
    return {
        "title": "Nieuws",
        "body": "Tekst",
        "university_id": w.university.pk,
        "publish_on": today,
        "expires_on": today,
        **extra,
    }


def test_nul_bytes_and_megabytes_are_refused_as_json_4xx(world, client):
    client.force_login(world.users["programme_admin"])
    url = reverse("api:programme_news_create")
    for payload in (
        _news_payload(world, body="a\x00b"),
        _news_payload(world, body="x" * 1_000_000),
        _news_payload(world, roles=["superuser"]),
        _news_payload(world, university_id=world.other_university.pk),
        _news_payload(world, university_id=999999),
    ):
        response = client.post(url, payload, content_type="application/json")
        assert 400 <= response.status_code < 500, payload.get("body", "")[:10]
        assert response["Content-Type"].startswith("application/json")
    assert not NewsItem.objects.exists()


def test_an_organiser_cannot_record_a_registration_of_another_session(world, client):
    own = move_to_past(make_session(world))
    foreign = move_to_past(
        make_session(
            world,
            university=world.other_university,
            title="Elders",
            created_by=world.users["coordinator"],
        )
    )
    registration = Registration.objects.create(session=foreign, trainer=world.users["stagemeester"])
    client.force_login(world.users["programme_admin"])
    # Through the organiser's own session: the registration is not found there.
    url = reverse("api:programme_attendance", args=[own.pk, registration.pk])
    assert client.post(url).status_code == 404
    # Directly: the session is not the organiser's.
    url = reverse("api:programme_attendance", args=[foreign.pk, registration.pk])
    assert client.post(url).status_code == 403
    registration.refresh_from_db()
    assert not registration.attended


def test_news_of_another_audience_cannot_be_marked_or_read(world, client):
    today = timezone.localdate()
    item = NewsItem.objects.create(
        kind="announcement",
        title="Voor opleiders",
        body="...",
        roles=["stagemeester"],
        publish_on=today,
        expires_on=today + datetime.timedelta(days=1),
        created_by=world.users["ministry"],
    )
    client.force_login(world.users["aso"])
    assert client.post(reverse("api:programme_news_read", args=[item.pk])).status_code == 404
    assert item.title not in str(client.get(reverse("api:programme_news")).json())


def test_session_form_refuses_an_end_before_the_start(world, client):
    client.force_login(world.users["programme_admin"])
    starts = timezone.localtime() + datetime.timedelta(days=2)
    response = client.post(
        reverse("programme:session_create"),
        {
            "title": "Sessie",
            "theme": "feedback",
            "organiser_kind": "university",
            "organiser_name": "UGent",
            "university": world.university.pk,
            "country": "BE",
            "starts": starts.strftime("%Y-%m-%dT%H:%M"),
            "ends": (starts - datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
            "online": "on",
            "points": "2",
            "capacity": "10",
        },
    )
    assert response.status_code == 200  # the form again, with the error
    assert world.users["programme_admin"].pk is not None
    from traject.programme.models import TrainerSession

    assert not TrainerSession.objects.filter(title="Sessie").exists()
