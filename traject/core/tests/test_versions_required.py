"""Every update and delete of the API needs the version the editor saw (issue #9, lost updates).

The test walks every PUT, PATCH and DELETE operation of the OpenAPI schema. Each one either
documents a ``version`` (a parameter or a body field) and its 428 answer, and refuses a call
without it (428) or with an older one (409) from a persona who may make the change; or it is
one of the few state transitions in ``traject.config.api.NOT_AN_EDIT`` (with the reason).
The persona, URL and body come from the permission table's rows.
"""

import json
import re

import pytest
from django.db import transaction
from django.urls import reverse

from traject.config.api import NOT_AN_EDIT, api, operation_requires_version
from traject.core.registry import app_modules
from traject.core.tests.test_permission_table import _world

ROWS = [row for module in app_modules("tests.permission_rows") for row in module.ROWS]
SCHEMA = api.get_openapi_schema()
WRITES = [
    (method.upper(), path, operation)
    for path, operations in SCHEMA["paths"].items()
    for method, operation in operations.items()
    if method in ("put", "patch", "delete")
]
VERSIONED = [w for w in WRITES if operation_requires_version(w[2]["operationId"])]


def _pattern(path: str) -> re.Pattern:
    return re.compile("^" + re.sub(r"\{[^}]+\}", r"[^/]+", path) + "$")


def _body_properties(operation) -> set[str]:
    content = operation.get("requestBody", {}).get("content", {})
    schema = content.get("application/json", {}).get("schema", {})
    ref = schema.get("$ref", "").rsplit("/", 1)[-1]
    return set(SCHEMA["components"]["schemas"].get(ref, {}).get("properties", {}))


def test_the_schema_has_updates_and_deletes_and_a_short_allow_list():
    assert len(WRITES) >= 20
    ids = [operation["operationId"] for _m, _p, operation in WRITES]
    # Every allow-listed name is a real operation (no stale entries that hide a new one).
    for name in NOT_AN_EDIT:
        assert sum(i.endswith("_" + name) for i in ids) == 1, name
    assert len(NOT_AN_EDIT) <= 10


@pytest.mark.parametrize(
    "method,path,operation", VERSIONED, ids=[f"{m} {p}" for m, p, _o in VERSIONED]
)
def test_every_update_and_delete_documents_the_version(method, path, operation):
    parameters = {p["name"] for p in operation.get("parameters", [])}
    assert "version" in parameters | _body_properties(operation), (
        f"{method} {path} takes no version: add one or explain it in NOT_AN_EDIT"
    )
    assert "428" in operation["responses"], f"{method} {path} does not document its 428"


@pytest.fixture(scope="module")
def versions_world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield _world()
        transaction.set_rollback(True)


def _allowed_row(world, method, path):
    """The permission row of this operation and a persona the table lets make the change."""
    pattern = _pattern(path)
    for row in ROWS:
        if row.method != method or not row.url_name.startswith("api:"):
            continue
        url = reverse(row.url_name, args=row.args(world) if row.args else [])
        if not pattern.match(url):
            continue
        for persona, status in row.expect.items():
            if 200 <= status < 300 and persona != "anonymous":
                return row, url, persona
    return None


def _send(client, method, url, body):
    data = json.dumps(body) if body is not None else None
    return getattr(client, method.lower())(url, data=data, content_type="application/json")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "method,path,operation", VERSIONED, ids=[f"{m} {p}" for m, p, _o in VERSIONED]
)
def test_every_update_and_delete_refuses_a_missing_or_old_version(
    method, path, operation, client, versions_world
):
    world = versions_world
    found = _allowed_row(world, method, path)
    assert found, f"{method} {path}: no permission row lets a persona make this change"
    row, url, persona = found
    client.force_login(world.users[persona])
    body = row.data(world) if row.data else None
    query = row.query(world) if row.query else {}
    version = (body if isinstance(body, dict) else {}).get("version", query.get("version"))
    assert version, f"{method} {path}: the row sends no version"
    without = {k: v for k, v in body.items() if k != "version"} if isinstance(body, dict) else body

    with transaction.atomic():
        missing = _send(client, method, url, without)
        transaction.set_rollback(True)
    assert missing.status_code == 428, (method, path, missing.status_code, missing.content[:300])
    assert missing.json()["code"] == "version_required"

    stale = version + 1000
    with transaction.atomic():
        if isinstance(body, dict) and "version" in body:
            old = _send(client, method, url, {**body, "version": stale})
        else:
            old = _send(client, method, f"{url}?version={stale}", without)
        transaction.set_rollback(True)
    assert old.status_code == 409, (method, path, old.status_code, old.content[:300])
    assert old.json()["code"] == "conflict"

    with transaction.atomic():
        if query:
            good = _send(client, method, f"{url}?version={version}", without)
        else:
            good = _send(client, method, url, body)
        transaction.set_rollback(True)
    assert 200 <= good.status_code < 300, (method, path, good.status_code, good.content[:300])
