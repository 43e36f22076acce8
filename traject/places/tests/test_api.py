"""The API: the public showcase without login; places with the refill rules as JSON errors."""

import datetime

import pytest

from traject.places import services
from traject.places.models import Kind, RegionBoardMember
from traject.testing import factories as f
from traject.testing.world import build_world


@pytest.fixture
def world(db):
    w = build_world()
    board = f.UserFactory(email="board@example.test")
    RegionBoardMember.objects.create(user=board, region=w.nl_region)
    w.add(board=board)
    services.save_showcase(
        actor=None,
        service=w.service,
        data={"published": True, "introduction": "Hallo"},
        expected_version=None,
    )
    services.save_showcase(
        actor=None, service=w.other_service, data={"published": False}, expected_version=None
    )
    return w


def test_public_showcase_api_without_login(client, world):
    response = client.get("/api/v1/places/showcase")
    assert response.status_code == 200
    data = response.json()
    assert [e["service_id"] for e in data] == [world.service.pk]
    assert data[0]["learning_climate"] is None  # no survey: no score
    assert set(data[0]) >= {"free_places", "region", "last_updated"}
    assert client.get(f"/api/v1/places/showcase/{world.other_service.pk}").status_code == 404
    assert client.get("/api/v1/places/showcase", {"q": "x\x00y"}).status_code in (200, 400)


def test_fill_refused_on_doorstroom_names_rule_as_json(client, world):
    today = datetime.date.today()
    jan = today.replace(month=1, day=1)
    place = services.add_places(
        actor=world.board,
        hospital=world.nl_hospital,
        specialty=world.nl_specialty,
        year=today.year,
        kind=Kind.DOORSTROOM,
        count=1,
    )[0]
    senior = f.TraineeFactory(
        specialty=world.nl_specialty,
        university=world.nl_university,
        training_start=jan.replace(year=jan.year - 2),
    )
    occ = services.fill_place(actor=world.board, place=place, trainee=senior, on=jan)
    client.force_login(world.board)
    vacate = client.post(
        f"/api/v1/places/occupations/{occ.pk}/vacate",
        {"on": jan.isoformat(), "stopped": True},
        content_type="application/json",
    )
    assert vacate.status_code == 200 and vacate.json()["stopped"] is True
    other = f.TraineeFactory(
        specialty=world.nl_specialty,
        university=world.nl_university,
        training_start=jan.replace(year=jan.year - 1),
    )
    refused = client.post(
        f"/api/v1/places/places/{place.pk}/fill",
        {"trainee_id": other.pk, "on": today.isoformat()},
        content_type="application/json",
    )
    assert refused.status_code == 400
    assert "doorstroom" in str(refused.json()["detail"])
    # A Belgian trainee (another specialty) is not found for this place.
    wrong = client.post(
        f"/api/v1/places/places/{place.pk}/fill",
        {"trainee_id": world.trainee.pk, "on": today.isoformat()},
        content_type="application/json",
    )
    assert wrong.status_code == 404
    overview = client.get("/api/v1/places/overview", {"country": "NL", "by": "hospital"})
    assert overview.status_code == 200 and overview.json()["total"]["assigned"] == 1


def test_schema_lists_places_operations(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    paths = schema["paths"]
    assert "/api/v1/places/showcase" in paths and "/api/v1/places/places/{place_id}/fill" in paths
    assert not paths["/api/v1/places/showcase"]["get"].get("security")
