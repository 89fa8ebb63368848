"""schemathesis against the served OpenAPI schema: no input makes the API fail with a 5xx."""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from luoshi.wsgi import application

schema = schemathesis.from_wsgi("/api/openapi.json", application)


@pytest.fixture(autouse=True)
def _ingested(library, db):
    return library


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_never_fails_with_a_server_error(case):
    response = case.call_wsgi()
    case.validate_response(response, checks=(schemathesis.checks.not_a_server_error,))
