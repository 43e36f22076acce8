"""The same flow through the JSON API, with its errors as JSON."""

import datetime
import json

from traject.trajectory.models import PlanVersion

from .conftest import add_evidence, add_stage


def post(client, url, data=None):
    return client.post(url, data=json.dumps(data or {}), content_type="application/json")


def test_compose_sign_submit_and_decide_through_the_api(client, path):
    base = "/api/v1/trajectory"
    plan = path.plan
    client.force_login(path.aso)
    mine = client.get(f"{base}/mine").json()
    assert mine["plans"][0]["id"] == plan.pk
    response = post(
        client,
        f"{base}/plans/{plan.pk}/items",
        {
            "kind": "stage",
            "start": path.start.isoformat(),
            "end": path.end.isoformat(),
            "service_id": path.service.pk,
            "stagemeester_id": path.stagemeester.pk,
        },
    )
    assert response.status_code == 201, response.content
    plan.refresh_from_db()
    refused = post(client, f"{base}/plans/{plan.pk}/submit", {"version": plan.version})
    assert refused.status_code == 400
    assert any("Evidence missing" in m for m in refused.json()["detail"])
    add_evidence(path)
    for user, capacity in (
        (path.stagemeester, "stagemeester"),
        (path.coordinator, "coordinator"),
        (path.aso, "aso"),
    ):
        client.force_login(user)
        assert (
            post(client, f"{base}/plans/{plan.pk}/sign", {"capacity": capacity}).status_code == 200
        )
    assert post(client, f"{base}/plans/{plan.pk}/submit").status_code == 428
    plan.refresh_from_db()
    stale = post(client, f"{base}/plans/{plan.pk}/submit", {"version": plan.version + 1})
    assert stale.status_code == 409
    assert (
        post(client, f"{base}/plans/{plan.pk}/submit", {"version": plan.version}).status_code == 200
    )
    client.force_login(path.officer)
    step = post(
        client, f"{base}/plans/{plan.pk}/steps", {"kind": "candidate_number", "number": "12345678"}
    )
    assert step.json()["state"] == "commission"
    client.force_login(path.member)
    post(client, f"{base}/plans/{plan.pk}/steps", {"kind": "advice", "advice": "positive"})
    client.force_login(path.officer)
    missing = post(client, f"{base}/plans/{plan.pk}/steps", {"kind": "decision"})
    assert missing.status_code == 400
    done = post(client, f"{base}/plans/{plan.pk}/steps", {"kind": "decision", "approved": True})
    assert done.json()["state"] == PlanVersion.State.APPROVED
    client.force_login(path.aso)
    change = post(client, f"{base}/{path.trajectory.pk}/changes", {"reason": "Onderzoek"})
    assert change.status_code == 201 and change.json()["number"] == 2


def test_end_date_endpoint_matches_the_command(client, path):
    client.force_login(path.aso)
    response = post(
        client,
        "/api/v1/trajectory/end-date",
        {
            "start": "2025-10-01",
            "nominal_months": 60,
            "plan_submitted_on": "2026-03-15",
            "interruptions": [{"start": "2026-01-05", "end": "2026-05-01", "kind": "sick"}],
        },
    )
    assert response.status_code == 200
    assert response.json()["expected_end"] == "2031-03-26"
    bad = post(client, "/api/v1/trajectory/end-date", {"nominal_months": 60})
    assert bad.status_code == 400
    assert bad.json()["detail"] == ["start: this field is missing."]


def test_attacker_inputs_get_json_errors(client, path):
    client.force_login(path.aso)
    base = f"/api/v1/trajectory/plans/{path.plan.pk}/items"
    nul = post(
        client,
        base,
        {"kind": "research", "start": "2026-01-01", "end": "2026-02-01", "justification": "a\x00b"},
    )
    assert nul.status_code == 400
    huge = post(
        client,
        base,
        {
            "kind": "research",
            "start": "2026-01-01",
            "end": "2026-02-01",
            "justification": "x" * 1_000_000,
        },
    )
    assert huge.status_code == 400
    backwards = post(
        client,
        base,
        {"kind": "research", "start": "2026-02-01", "end": "2026-01-01", "justification": "x"},
    )
    assert backwards.status_code == 400
    other_plan = post(client, "/api/v1/trajectory/plans/999999/items", {"kind": "research"})
    assert other_plan.status_code in (404, 422)
    assert path.plan.items.count() == 0


def test_where_to_go_lists_the_contacts_of_the_aso(client, path):
    from traject.trajectory.models import Contact

    Contact.objects.create(university=path.university, role="trust", name="Vertrouwenspersoon")
    client.force_login(path.aso)
    data = client.get("/api/v1/trajectory/help").json()
    assert [c["name"] for c in data["contacts"]] == ["Vertrouwenspersoon"]
    assert data["administration"].startswith("Departement Zorg")


def test_an_interruption_is_removed_only_with_the_version_read_and_by_those_who_record(
    client, path
):
    from traject.trajectory.models import Interruption

    start = path.start + datetime.timedelta(days=10)
    interruption = Interruption.objects.create(
        trajectory=path.trajectory, kind="sick", start=start, end=start, recorded_by=path.aso
    )
    url = f"/api/v1/trajectory/interruptions/{interruption.pk}"
    add_stage(path)
    client.force_login(path.stagemeester)  # sees the path, not the interruptions
    assert client.delete(f"{url}?version={interruption.version}").status_code == 403
    client.force_login(path.aso)
    assert client.delete(url).status_code == 428
    assert client.delete(f"{url}?version={interruption.version + 1}").status_code == 409
    assert Interruption.objects.filter(pk=interruption.pk).exists()
    assert client.delete(url, HTTP_IF_MATCH=f'"{interruption.version}"').status_code == 204
    assert not Interruption.objects.filter(pk=interruption.pk).exists()


def test_the_same_access_function_answers_the_page_and_the_api(client, path):
    """No relation: 404 on both doors; a stagemeester of the plan: the dossier is refused (403)."""
    from traject.audit.models import AuditEvent

    trajectory = path.trajectory
    client.force_login(path.unrecognised)
    assert client.get(f"/api/v1/trajectory/{trajectory.pk}/dossier").status_code == 404
    assert client.get(f"/trajectory/{trajectory.pk}/dossier/").status_code == 404
    client.force_login(path.aso)
    assert client.get(f"/api/v1/trajectory/{trajectory.pk}/dossier").status_code == 200
    assert not AuditEvent.objects.filter(actor=path.aso, action="read").exists()  # one's own
    client.force_login(path.admin)
    assert client.get(f"/api/v1/trajectory/{trajectory.pk}/dossier").status_code == 200
    assert AuditEvent.objects.filter(
        actor=path.admin, action="read", object_id=str(trajectory.pk)
    ).exists()
    client.force_login(path.officer)
    assert client.get("/api/v1/trajectory/overview").status_code == 200
    client.force_login(path.other.user)
    assert client.get("/api/v1/trajectory/overview").status_code == 403
    assert client.get("/trajectory/overview/").status_code == 403
