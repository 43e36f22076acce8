"""The demo: places in both countries, a showcase, bounded queries on the main pages."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from traject.accounts.models import User
from traject.core.demo import load_demo
from traject.places.models import Occupation, Place, ShowcasePage

pytestmark = pytest.mark.django_db

MAX_QUERIES = 70


def test_demo_has_places_in_both_countries_and_is_idempotent(demo_loaded, client):
    assert Place.objects.filter(hospital__country="NL").count() > 10
    assert Occupation.objects.filter(stopped=True).exists()
    assert ShowcasePage.objects.filter(published=True, service__hospital__country="BE").exists()
    assert ShowcasePage.objects.filter(published=True, service__hospital__country="NL").exists()
    assert ShowcasePage.objects.filter(published=False).exists()
    counts = (Place.objects.count(), ShowcasePage.objects.count())
    load_demo()
    assert (Place.objects.count(), ShowcasePage.objects.count()) == counts


@pytest.mark.parametrize(
    ("email", "paths"),
    [
        (
            "ministry@demo.traject.be",
            [
                "/places/?country=NL&by=region",
                "/places/?country=NL&by=hospital",
                "/places/?country=BE&by=service",
                "/places/list/",
            ],
        ),
        ("oor-bestuur@demo.traject.nl", ["/places/", "/places/list/", "/places/plans/"]),
        (None, ["/places/showcase/", "/places/showcase/?sort=climate", "/api/v1/places/showcase"]),
    ],
)
def test_pages_in_bounded_queries(demo_loaded, client, email, paths):
    if email:
        client.force_login(User.objects.get(email=email))
    for path in paths:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200, path
        assert len(queries) <= MAX_QUERIES, (path, len(queries))


def test_each_demo_aios_holds_a_place_of_their_own_stages_institution(demo_loaded, client):
    from traject.organisation.models import Stage

    aios = User.objects.get(email="aios@demo.traject.nl").trainee
    stage = Stage.objects.filter(trainee=aios).order_by("-start").first()
    held = Occupation.objects.get(trainee=aios, end__isnull=True)
    assert held.place.hospital_id == stage.service.hospital_id
    client.force_login(User.objects.get(email="oor-bestuur@demo.traject.nl"))
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Opleidingsplaatsen van uw regio" in page and " 0 bezet" not in page
