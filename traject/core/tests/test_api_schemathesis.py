"""schemathesis over the whole OpenAPI schema, as an ASO and as a programme administrator.

Every operation gets a bounded number of generated requests (valid and invalid ones); for each
response: no server error, a documented status code, a body that matches the documented schema.
One world for the whole run keeps it to a couple of minutes; every failure is listed at the end.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    response_schema_conformance,
    status_code_conformance,
)

from traject.accounts.services import api_token_create
from traject.config.api import api
from traject.config.wsgi import application

pytestmark = pytest.mark.django_db

CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]
EXAMPLES = 3
PERSONAS = ("aso", "programme_admin")


def _operations():
    schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
    schema.app = application
    return [result.ok() for result in schema.get_all_operations()]


def test_the_openapi_schema_has_unique_names_and_documents_errors():
    schema = api.get_openapi_schema()
    titles = [s.get("title", name) for name, s in schema["components"]["schemas"].items()]
    assert len(titles) == len(set(titles))
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            for code in ("400", "401", "403", "404", "422"):
                assert code in operation["responses"], (method, path, code)


@pytest.fixture
def keep_test_connection():
    """schemathesis calls the WSGI application directly: like Django's test client, keep the
    request signals from closing the test's database connection (inside its transaction)."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_api_never_errs_and_keeps_to_its_schema(world, persona, keep_test_connection):
    token = "Bearer " + api_token_create(user=world.users[persona], name="schemathesis")[1]
    failures = []
    for operation in _operations():
        _fuzz(operation, token, failures)
    assert not failures, "\n\n".join(failures[:20]) + f"\n\n({len(failures)} failures)"


def _fuzz(operation, token: str, failures: list) -> None:
    @given(case=operation.as_strategy())
    @hypothesis_settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def run(case):
        response = case.call(headers={"Authorization": token})
        try:
            case.validate_response(response, checks=CHECKS)
        except Exception as exc:  # noqa: BLE001 - collect every failure, report all
            failures.append(f"{operation.method.upper()} {operation.path}: {exc}"[:1500])

    run()
