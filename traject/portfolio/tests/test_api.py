import pytest
from django.urls import reverse

from traject.portfolio.models import ItemKind

from .helpers import course_with_items, epa, pdf, todo_list_of

pytestmark = pytest.mark.django_db


def test_the_aso_uploads_through_the_api_and_another_aso_cannot(client, world):
    course_with_items(world.course)
    item = todo_list_of(world).items.get(kind=ItemKind.UPLOAD)
    url = reverse("api:portfolio_todo_item_upload", args=[item.pk])
    client.force_login(world.users["other_aso"])
    assert client.post(url, {"file": pdf()}).status_code == 404
    client.force_login(world.users["aso"])
    response = client.post(url, {"file": pdf()})
    assert response.status_code == 201, response.content
    assert response.json()["content_type"] == "application/pdf"
    bad = client.post(url, {"file": pdf("a.pdf", b"not a pdf")})
    assert bad.status_code == 400 and bad.json()["code"] == "invalid"


def test_bad_input_is_a_json_400_never_a_500(client, world):
    client.force_login(world.users["stagemeester"])
    url = reverse("api:portfolio_entrustment_decide", args=[world.trainee.pk])
    for payload in (
        {"epa_id": 999999, "level": 3, "decided_on": "2026-01-01", "rationale": "x"},
        {"epa_id": epa(world).pk, "level": 9, "decided_on": "2026-01-01", "rationale": "x"},
        {"epa_id": epa(world).pk, "level": 3, "decided_on": "2999-01-01", "rationale": "x"},
        {"epa_id": epa(world).pk, "level": 3, "decided_on": "2026-01-01", "rationale": ""},
    ):
        response = client.post(url, payload, content_type="application/json")
        assert response.status_code == 400, (payload, response.content)


def test_the_openapi_schema_lists_the_portfolio(client, world):
    client.force_login(world.users["aso"])
    schema = client.get("/api/v1/openapi.json").json()
    paths = [p for p in schema["paths"] if p.startswith("/api/v1/portfolio/")]
    assert "/api/v1/portfolio/todo-lists/{list_id}/submit" in paths
    assert len(paths) >= 15


def test_the_api_journey_submit_return_resubmit(client, world):
    course_with_items(world.course)
    todo = todo_list_of(world)
    client.force_login(world.users["aso"])
    for item in todo.items.all():
        if item.kind == ItemKind.UPLOAD:
            client.post(reverse("api:portfolio_todo_item_upload", args=[item.pk]), {"file": pdf()})
        item.refresh_from_db()
        body = {
            "done": True,
            "reflection": "Mijn reflectie" if item.kind == "reflection" else None,
            "version": item.version,
        }
        r = client.put(
            reverse("api:portfolio_todo_item_update", args=[item.pk]),
            body,
            content_type="application/json",
        )
        assert r.status_code == 200, r.content
    r = client.post(reverse("api:portfolio_todo_list_submit", args=[todo.pk]))
    assert r.status_code == 201
    submission_id = r.json()["id"]
    client.force_login(world.users["titularis"])
    r = client.post(
        reverse("api:portfolio_submission_decide", args=[submission_id]),
        {"decision": "returned", "feedback": "Meer diepgang"},
        content_type="application/json",
    )
    assert r.json()["decision"] == "returned"
    client.force_login(world.users["aso"])
    r = client.post(reverse("api:portfolio_todo_list_submit", args=[todo.pk]))
    assert r.json()["number"] == 2
    statuses = client.get(reverse("api:portfolio_todo_lists")).json()
    assert statuses[0]["status"] == "submitted"
