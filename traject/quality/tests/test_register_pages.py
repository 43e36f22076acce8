"""The register of recognitions: paginated with the total, filtered, the whole set as CSV."""

import datetime

from django.urls import reverse

from traject.organisation.models import TrainerRecognition
from traject.testing import factories as f


def _many_recognitions(world, number):
    today = datetime.date.today()
    for index in range(number):
        TrainerRecognition.objects.create(
            trainer=f.UserFactory(last_name=f"Zz{index:03d}"),
            service=world.service,
            start=today - datetime.timedelta(days=10),
            end=today + datetime.timedelta(days=400),
            capacity=2,
            reference="=HYPERLINK(1)" if index == 0 else "",
        )


def _csv(client, params=None):
    response = client.get(reverse("quality:register_csv"), params or {})
    assert response.status_code == 200
    assert response.streaming
    return b"".join(response.streaming_content).decode()


def test_the_register_pages_with_the_total_and_the_csv_holds_the_whole_filtered_set(world, client):
    _many_recognitions(world, 60)
    client.force_login(world.users["ministry"])
    first = client.get(reverse("quality:register"), {"q": "Zz"})
    assert first.status_code == 200
    total = first.context["page"].paginator.count
    assert total == 60
    assert len(first.context["rows"]) == 50
    assert first.context["page"].has_next()
    second = client.get(reverse("quality:register"), {"q": "Zz", "page": 2})
    assert len(second.context["rows"]) == 10
    names = {r["name"] for r in first.context["rows"]} | {r["name"] for r in second.context["rows"]}
    assert len(names) == 60
    csv = _csv(client, {"q": "Zz"})
    assert len(csv.strip().splitlines()) == 61  # the header and every row, never cut
    assert "'=HYPERLINK(1)" in csv  # a formula is neutralised


def test_the_register_filters_by_kind_hospital_and_specialty(world, client):
    _many_recognitions(world, 3)
    client.force_login(world.users["ministry"])
    trainers = client.get(reverse("quality:register"), {"kind": "trainer"}).context["rows"]
    assert trainers and all(r["kind_code"] == "trainer" for r in trainers)
    services = client.get(reverse("quality:register"), {"kind": "service"}).context["rows"]
    assert all(r["kind_code"] == "service" for r in services)
    hospital = world.service.hospital
    rows = client.get(reverse("quality:register"), {"hospital": hospital.pk}).context["rows"]
    assert rows and all(r["hospital"] == hospital.name for r in rows)
    specialty = world.service.specialty
    response = client.get(reverse("quality:register"), {"specialty": specialty.pk})
    assert all(r["specialty"] == specialty.name for r in response.context["rows"])
    # Nonsense filters are ignored, not a 500.
    for params in ({"hospital": "x"}, {"specialty": "-1"}, {"kind": "<b>"}, {"page": "999"}):
        assert client.get(reverse("quality:register"), params).status_code == 200


def test_the_register_api_is_paginated_with_the_total(world, client):
    _many_recognitions(world, 12)
    client.force_login(world.users["ministry"])
    url = "/api/v1/quality/recognitions"
    page = client.get(url, {"q": "Zz", "limit": 5}).json()
    assert page["count"] == 12 and len(page["items"]) == 5 and page["next_offset"] == 5
    assert page["items"][0]["kind"] == "trainer" and page["items"][0]["capacity"] == 2
    last = client.get(url, {"q": "Zz", "limit": 5, "offset": 10}).json()
    assert len(last["items"]) == 2 and last["next_offset"] is None
    assert client.get(url, {"limit": 5000}).status_code == 422
