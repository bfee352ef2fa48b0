"""Database unreachable: a JSON 503 in the envelope of the surface, never a stack trace."""

from contextlib import contextmanager

import pytest
from django.db import connection
from rest_framework.test import APIClient

from tests.conftest import make_key
from tests.reliability.tcp import free_port

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.urls("tests.security.urls"),
]

MESSAGE = "The database is unavailable. Try again shortly."
V1_UNAVAILABLE = {"error": {"code": "service_unavailable", "message": MESSAGE, "details": None}}
OPENMODELS_UNAVAILABLE = {"error": {"status": 503, "message": MESSAGE, "type": "SERVICE_UNAVAILABLE"}}


@contextmanager
def database_unreachable():
    original = dict(connection.settings_dict)
    connection.close()
    connection.settings_dict.update(HOST="127.0.0.1", PORT=str(free_port()))
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(original)


def client_for(raw_key=None):
    # Let the handlers render the failure instead of re-raising it in the test.
    client = APIClient(raise_request_exception=False)
    if raw_key:
        client.credentials(HTTP_X_API_KEY=raw_key)
    return client


def assert_no_trace(response):
    assert b"Traceback" not in response.content
    assert b"OperationalError" not in response.content
    assert b"psycopg" not in response.content


def test_a_key_lookup_that_needs_the_database_gets_a_v1_503():
    with database_unreachable():
        response = client_for("amm_abcdefghij_" + "A" * 43).get("/v1/reads")
    assert response.status_code == 503
    assert response.json() == V1_UNAVAILABLE
    assert_no_trace(response)


def test_a_view_query_behind_a_cached_key_gets_a_v1_503():
    raw = make_key("free")
    assert client_for(raw).get("/v1/reads").status_code == 200  # caches the key lookup
    with database_unreachable():
        response = client_for(raw).get("/v1/reads")
    assert response.status_code == 503
    assert response.json() == V1_UNAVAILABLE
    assert_no_trace(response)


def test_an_openmodels_read_gets_a_503_in_its_envelope():
    with database_unreachable():
        response = client_for().get("/api/reads")
    assert response.status_code == 503
    assert response.json() == OPENMODELS_UNAVAILABLE
    assert_no_trace(response)


def test_health_reports_the_database_unhealthy_with_503():
    with database_unreachable():
        response = client_for().get("/health")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "degraded"
    assert body["services"] == {"database": "unhealthy", "redis": "healthy"}


def test_the_service_recovers_when_the_database_returns():
    raw = make_key("free")
    with database_unreachable():
        assert client_for(raw).get("/v1/reads").status_code == 503
    response = client_for(raw).get("/v1/reads")
    assert response.status_code == 200
    assert response.json() == {"keys": 1}
    assert client_for().get("/health").json()["status"] == "ok"
