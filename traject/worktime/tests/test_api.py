import json

import pytest

from traject.worktime.models import LeaveDay, TimeEntry

from .helpers import add, at

pytestmark = pytest.mark.django_db

BASE = "/api/v1/worktime"


@pytest.fixture
def api(client, world):
    client.force_login(world.users["aso"])
    return client


def post(client, url, data):
    return client.post(url, data=json.dumps(data), content_type="application/json")


def test_entries_are_created_listed_updated_and_deleted(api, world):
    created = post(
        api,
        f"{BASE}/entries",
        {"start": "2025-01-06T08:00", "end": "2025-01-06T17:00", "kind": "planned"},
    )
    assert created.status_code == 201
    entry = created.json()
    assert entry["hours"] == 9
    listed = api.get(f"{BASE}/entries", {"start": "2025-01-06", "end": "2025-01-12"}).json()
    assert [e["id"] for e in listed] == [entry["id"]]
    updated = api.put(
        f"{BASE}/entries/{entry['id']}",
        data=json.dumps(
            {
                "start": "2025-01-06T08:00",
                "end": "2025-01-06T18:00",
                "kind": "planned",
                "version": 1,
            }
        ),
        content_type="application/json",
    )
    assert updated.status_code == 200 and updated.json()["version"] == 2
    stale = api.put(
        f"{BASE}/entries/{entry['id']}",
        data=json.dumps(
            {
                "start": "2025-01-06T08:00",
                "end": "2025-01-06T19:00",
                "kind": "planned",
                "version": 1,
            }
        ),
        content_type="application/json",
    )
    assert stale.status_code == 409
    url = f"{BASE}/entries/{entry['id']}"
    assert api.delete(url).status_code == 428  # the version the client saw is required
    assert api.delete(f"{url}?version=1").status_code == 409
    assert api.delete(url, headers={"If-Match": '"2"'}).status_code == 204
    assert not TimeEntry.objects.exists()


def test_bad_entries_get_a_400_never_a_500(api):
    bad = post(
        api,
        f"{BASE}/entries",
        {"start": "2025-01-06T08:00", "end": "2025-01-06T07:00", "kind": "planned"},
    )
    assert bad.status_code == 400
    assert post(
        api, f"{BASE}/entries", {"start": "x", "end": "y", "kind": "planned"}
    ).status_code in (400, 422)
    assert (
        post(
            api,
            f"{BASE}/entries",
            {"start": "2025-01-06T08:00", "end": "2025-01-06T09:00", "kind": "nap"},
        ).status_code
        == 400
    )
    assert (
        post(
            api,
            f"{BASE}/entries",
            {"start": "2025-03-30T02:30", "end": "2025-03-30T09:00", "kind": "planned"},
        ).status_code
        == 400
    )


def test_the_bulk_import_is_all_or_nothing(api, world):
    entries = [
        {"start": "2025-01-06T08:00", "end": "2025-01-06T17:00", "kind": "planned"},
        {"start": "2025-01-06T16:00", "end": "2025-01-06T18:00", "kind": "planned"},
        {"date": "2025-01-10", "kind": "vacation"},
    ]
    failed = post(api, f"{BASE}/import", {"entries": entries})
    assert failed.status_code == 400
    assert failed.json()["detail"][0]["line"] == "1"
    assert not TimeEntry.objects.exists() and not LeaveDay.objects.exists()
    entries[1]["start"] = "2025-01-06T17:00"
    done = post(api, f"{BASE}/import", {"entries": entries})
    assert done.status_code == 201 and done.json() == {"created": 2, "leave_days": 1}
    csv_done = post(
        api,
        f"{BASE}/import",
        {
            "format": "csv",
            "content": "start,end,kind\n2025-01-07T08:00,2025-01-07T12:00,education\n",
        },
    )
    assert csv_done.status_code == 201


def test_the_report_of_a_period_carries_violations_weeks_and_blocks(api, world):
    add(world.trainee, "2025-01-07 08:00", "2025-01-08 08:00", "oncall_inhouse")
    add(world.trainee, "2025-01-08 18:00", "2025-01-08 22:00")
    report = api.get(f"{BASE}/report", {"start": "2025-01-06", "end": "2025-01-12"}).json()
    assert [v["rule"] for v in report["violations"]] == ["BE_REST_12H"]
    assert report["weeks"][0]["hours"] == 28
    assert report["blocks"][0]["rule"] == "BE_AVG_13W"


def test_the_stateless_check_returns_the_engine_output_or_the_problems(client, world):
    client.force_login(world.users["stagemeester"])  # any signed-in person may check a schedule
    schedule = {
        "jurisdiction": "BE",
        "timezone": "Europe/Brussels",
        "reference_start": "2025-01-06",
        "entries": [
            {"start": f"2025-01-{d:02d}T07:00", "end": f"2025-01-{d:02d}T19:00", "kind": "planned"}
            for d in range(6, 11)
        ]
        + [{"start": "2025-01-11T07:00", "end": "2025-01-11T08:00", "kind": "planned"}],
    }
    ok = post(client, f"{BASE}/check", schedule)
    assert ok.status_code == 200
    assert [v["rule"] for v in ok.json()["violations"]] == ["BE_WEEK_MAX"]
    schedule["reference_start"] = "2025-01-07"
    schedule["entries"].append(
        {"start": "2025-01-12T10:00", "end": "2025-01-12T09:00", "kind": "nap"}
    )
    bad = post(client, f"{BASE}/check", schedule)
    assert bad.status_code == 400
    assert len(bad.json()["detail"]) >= 2
    assert post(client, f"{BASE}/check", ["not", "an", "object"]).status_code in (400, 422)
    garbage = client.post(f"{BASE}/check", data="{not json", content_type="application/json")
    assert garbage.status_code in (400, 422)


def test_only_an_aso_has_entries_and_nobody_reads_another_aso_entries(client, world):
    entry = add(world.trainee, "2025-01-06 08:00", "2025-01-06 17:00")
    client.force_login(world.users["other_aso"])
    assert client.get(f"{BASE}/entries", {"start": "2025-01-06", "end": "2025-01-12"}).json() == []
    assert client.delete(f"{BASE}/entries/{entry.pk}").status_code == 404
    client.force_login(world.users["stagemeester"])
    assert client.get(f"{BASE}/entries").status_code == 403
    assert TimeEntry.objects.get().start == at("2025-01-06 08:00")


def test_the_operations_are_in_the_openapi_schema(client, world):
    client.force_login(world.users["aso"])
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in ("/entries", "/entries/{entry_id}", "/import", "/report", "/check"):
        assert f"/api/v1/worktime{path}" in paths
    assert "requestBody" in paths["/api/v1/worktime/check"]["post"]
