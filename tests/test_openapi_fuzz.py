"""schemathesis against the served OpenAPI schema: no generated request makes the API fail.

Every operation is fuzzed, anonymously and with a session of every role (so the operations that
need a login are exercised past their 401). The checks: no 5xx, and every documented response
matches its schema and content type.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from luoshi.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)


@pytest.fixture(autouse=True)
def _ingested(library, db):
    return library


@pytest.fixture(autouse=True)
def _keep_test_connection():
    """Like Django's test client: requests must not close the connection holding the test's transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_answers_every_generated_request_per_its_schema(case):
    case.call_and_validate(
        checks=[not_a_server_error, response_schema_conformance, content_type_conformance]
    )


# --- the same, logged in as every role -----------------------------------------------------

CSRF = "fuzzcsrf" * 4  # a 32-character token; the cookie and the header must agree


@pytest.fixture(scope="module")
def role_headers(library, django_db_blocker):
    """A session per role (unit staff and liaisons with a unit), as request headers."""
    from django.test import Client

    from factories import make_unit, make_user
    from luoshi.core.roles import Role

    headers = {}
    with django_db_blocker.unblock():
        unit = make_unit("市发展和改革委员会")
        for role in Role:
            user = make_user(f"fuzz-{role.value}", role, unit)
            client = Client()
            client.force_login(user)
            session = client.cookies["sessionid"].value
            headers[role.value] = {
                "Cookie": f"sessionid={session}; csrftoken={CSRF}",
                "X-CSRFToken": CSRF,
            }
    return headers


@schema.parametrize()
@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_answers_every_role_per_its_schema(case, role_headers):
    for headers in role_headers.values():
        case.call_and_validate(
            headers=headers,
            checks=[not_a_server_error, response_schema_conformance, content_type_conformance],
        )


def test_role_sessions_get_past_the_login(role_headers):
    # Otherwise the fuzzing above would only ever see 401s.
    from django.test import Client

    headers = role_headers["supervision"]
    answer = Client().get("/api/ledger/tasks", HTTP_COOKIE=headers["Cookie"])
    assert answer.status_code == 200 and "items" in answer.json()
    assert Client().get("/api/ledger/tasks").status_code == 401
