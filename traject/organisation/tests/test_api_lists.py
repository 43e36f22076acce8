"""The organisation API: paginated lists with totals, versions required on every change."""

import pytest

from traject.organisation.models import Stage
from traject.testing import factories as f

API = "/api/v1/organisation"


def test_trainee_list_is_paginated_with_the_total_and_never_cut_silently(client, world):
    for _ in range(7):
        f.TraineeFactory(university=world.university, specialty=world.specialty)
    client.force_login(world.users["programme_admin"])
    first = client.get(f"{API}/trainees?limit=3").json()
    total = first["count"]
    assert total >= 7
    assert len(first["items"]) == 3 and first["next_offset"] == 3
    seen, offset = [], 0
    while offset is not None:
        page = client.get(f"{API}/trainees?limit=3&offset={offset}").json()
        assert page["count"] == total
        seen += [item["id"] for item in page["items"]]
        offset = page["next_offset"]
    assert len(seen) == total
    assert len(set(seen)) == total


def test_a_limit_above_the_cap_is_refused_not_lowered(client, world):
    client.force_login(world.users["programme_admin"])
    assert client.get(f"{API}/trainees?limit=100000").status_code == 422
    assert client.get(f"{API}/trainees?limit=0").status_code == 422
    assert client.get(f"{API}/trainees?offset=-1").status_code == 422


def test_trainee_search_filters_before_counting(client, world):
    client.force_login(world.users["programme_admin"])
    name = world.trainee.user.last_name
    page = client.get(f"{API}/trainees", {"q": name}).json()
    assert page["count"] >= 1
    assert all(item["last_name"] == name for item in page["items"])
    assert client.get(f"{API}/trainees", {"q": "\x00" * 3}).status_code == 400


def test_an_aso_sees_only_themself_in_the_list(client, world):
    client.force_login(world.users["aso"])
    page = client.get(f"{API}/trainees").json()
    assert [item["id"] for item in page["items"]] == [world.trainee.pk]
    assert page["count"] == 1 and page["next_offset"] is None


def test_stage_list_filters_by_trainee_within_the_scope_only(client, world):
    client.force_login(world.users["aso"])
    page = client.get(f"{API}/stages", {"trainee_id": world.other_trainee.pk}).json()
    assert page["count"] == 0
    mine = client.get(f"{API}/stages", {"trainee_id": world.trainee.pk}).json()
    assert {item["trainee_id"] for item in mine["items"]} == {world.trainee.pk}


@pytest.mark.parametrize("method", ["patch", "delete"])
def test_changes_without_a_version_are_refused_and_stale_ones_conflict(client, world, method):
    client.force_login(world.users["programme_admin"])
    url = f"{API}/stages/{world.stage.pk}"
    call = getattr(client, method)
    missing = call(url, data={"end": str(world.stage.end)}, content_type="application/json")
    assert missing.status_code == 428
    stale = call(url, data={"version": world.stage.version + 5}, content_type="application/json")
    assert stale.status_code == 409
    assert Stage.objects.filter(pk=world.stage.pk).exists()
    fine = call(url, data={"version": world.stage.version}, content_type="application/json")
    assert fine.status_code in (200, 204)


def test_another_personas_stage_is_hidden(client, world):
    client.force_login(world.users["other_aso"])
    url = f"{API}/stages/{world.stage.pk}"
    assert client.get(url).status_code == 404
    assert client.delete(url, data={"version": 1}, content_type="application/json").status_code in (
        403,
        404,
    )
    assert Stage.objects.filter(pk=world.stage.pk).exists()


def test_the_openapi_schema_documents_the_pages_and_their_limits(client, world):
    schema = client.get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/organisation/trainees"]["get"]
    parameters = {p["name"]: p for p in operation["parameters"]}
    assert parameters["limit"]["schema"]["maximum"] == 500
    assert parameters["offset"]["schema"]["minimum"] == 0
    reference = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    page = schema["components"]["schemas"][reference.rsplit("/", 1)[1]]
    assert {"items", "count", "limit", "offset", "next_offset"} <= set(page["properties"])
