"""The permission table: every URL of the project, every persona, the expected status."""

import json
from urllib.parse import urlencode

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from traject.core.registry import app_modules
from traject.testing.world import build_world

ROW_MODULES = app_modules("tests.permission_rows")
ROWS = [row for module in ROW_MODULES for row in module.ROWS]

# URLs outside the table on purpose: the technical admin site is Django's own (staff only).
EXCLUDED_NAMESPACES = {"admin"}


def _world():
    world = build_world()
    for module in ROW_MODULES:
        extend = getattr(module, "extend_world", None)
        if extend is not None:
            extend(world)
    return world


def _request(client, row, world, url):
    data = row.data(world) if row.data else None
    method = row.method.lower()
    if row.json or url.startswith("/api/"):
        body = json.dumps(data) if data is not None else None
        if method == "get":
            return client.get(url, data or None)
        return getattr(client, method)(url, data=body, content_type="application/json")
    return getattr(client, method)(url, data or {})


@pytest.fixture(scope="module")
def table_world(django_db_setup, django_db_blocker):
    """Build the world once per worker: every persona's request is rolled back, so it never changes."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield _world()
        transaction.set_rollback(True)


@pytest.mark.django_db
@pytest.mark.parametrize("row", ROWS, ids=[row.id for row in ROWS])
def test_permission_row(row, client, table_world):
    world = table_world
    url = reverse(row.url_name, args=row.args(world) if row.args else [])
    if row.query:
        url += "?" + urlencode(row.query(world))
    outcomes = {}
    for persona, expected in row.expect.items():
        # Each persona's request runs in a savepoint that is rolled back, so a permitted
        # write by one persona does not change what the next one meets.
        with transaction.atomic():
            client.logout()
            if persona != "anonymous":
                client.force_login(world.users[persona])
            response = _request(client, row, world, url)
            outcomes[persona] = (response.status_code, expected)
            transaction.set_rollback(True)
    wrong = {persona: got for persona, (got, expected) in outcomes.items() if got != expected}
    assert not wrong, f"{row.id} {url}: got {wrong}, expected {[row.expect[p] for p in wrong]}"


def _named_patterns(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace or ""
            full = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from _named_patterns(pattern.url_patterns, full)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def test_every_url_has_a_row():
    names = {
        name
        for name in _named_patterns(get_resolver().url_patterns)
        if name.split(":", 1)[0] not in EXCLUDED_NAMESPACES and ":" in name
    }
    covered = {row.url_name for row in ROWS}
    missing = sorted(names - covered)
    assert not missing, f"URLs without a row in any permission table: {missing}"
    assert len(ROWS) >= len(names)
