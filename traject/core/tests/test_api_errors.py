import pytest


def test_bad_json_gives_a_json_4xx_not_a_500(client, world):
    client.force_login(world.users["programme_admin"])
    response = client.post(
        "/api/v1/organisation/stages", data="{not json", content_type="application/json"
    )
    assert 400 <= response.status_code < 500
    assert response["Content-Type"].startswith("application/json")


def test_missing_fields_give_422_with_the_fields_named(client, world):
    client.force_login(world.users["programme_admin"])
    response = client.post(
        "/api/v1/organisation/stages",
        data={"trainee_id": world.trainee.pk},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "service_id" in response.content.decode()


def test_business_rule_refusal_gives_400_with_the_message(client, world):
    client.force_login(world.users["programme_admin"])
    payload = {
        "trainee_id": world.other_trainee.pk,
        "service_id": world.service.pk,
        "stagemeester_id": world.users["stagemeester"].pk,
        "start": "2000-01-01",
        "end": "2000-02-01",
    }
    response = client.post(
        "/api/v1/organisation/stages", data=payload, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert response.json()["detail"]


def test_stale_version_gives_409(client, world):
    client.force_login(world.users["programme_admin"])
    url = f"/api/v1/organisation/stages/{world.stage.pk}"
    first = client.patch(
        url, data={"version": world.stage.version}, content_type="application/json"
    )
    assert first.status_code == 200
    second = client.patch(
        url, data={"version": world.stage.version}, content_type="application/json"
    )
    assert second.status_code == 409
    assert second.json()["code"] == "conflict"


def test_unknown_ids_give_400_not_500(client, world):
    client.force_login(world.users["programme_admin"])
    payload = {
        "trainee_id": world.other_trainee.pk,
        "service_id": 999999,
        "stagemeester_id": 999999,
        "start": "2026-01-01",
        "end": "2026-02-01",
    }
    response = client.post(
        "/api/v1/organisation/stages", data=payload, content_type="application/json"
    )
    assert response.status_code == 400


@pytest.mark.django_db
def test_openapi_schema_lists_the_endpoints(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/organisation/stages" in schema["paths"]
    assert "/api/v1/accounts/me" in schema["paths"]


@pytest.mark.django_db
def test_pages_carry_a_strict_content_security_policy(client):
    policy = client.get("/accounts/login/")["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'self'"
    # No page uses inline script, so none gets a nonce: scripts come from our own origin only.
    assert directives["script-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
