"""Database unreachable: a JSON 503 in the envelope of the surface, never a stack trace.

Each outage is served by a fresh thread, the way a web worker serves a
request: its connection to the database points at a loopback port where
nothing listens. The test's own connection (and its rollback) is untouched.
"""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import close_old_connections, connection
from rest_framework.test import APIClient

from tests.conftest import make_key
from tests.reliability.tcp import PausableForwarder, free_port

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.security.urls")]

MESSAGE = "The database is unavailable. Try again shortly."
V1_UNAVAILABLE = {"error": {"code": "service_unavailable", "message": MESSAGE, "details": None}}
OPENMODELS_UNAVAILABLE = {"error": {"status": 503, "message": MESSAGE, "type": "SERVICE_UNAVAILABLE"}}


def client_for(raw_key=None):
    # Let the handlers render the failure instead of re-raising it in the test.
    client = APIClient(raise_request_exception=False)
    if raw_key:
        client.credentials(HTTP_X_API_KEY=raw_key)
    return client


def worker(*steps):
    """Run ``(database_up, request)`` steps in order in one fresh thread; return the responses."""

    def run():
        # This thread's own connection gets its own settings; the shared dict stays as it is.
        original = dict(connection.settings_dict)
        responses = []
        try:
            for database_up, request in steps:
                connection.close()
                connection.settings_dict = original if database_up else {**original, "PORT": str(free_port())}
                responses.append(request())
        finally:
            connection.close()
        return responses

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(run).result()


def outage(request):
    return worker((False, request))[0]


def assert_no_trace(response):
    assert b"Traceback" not in response.content
    assert b"OperationalError" not in response.content
    assert b"psycopg" not in response.content


def test_a_key_lookup_that_needs_the_database_gets_a_v1_503():
    response = outage(lambda: client_for("amm_abcdefghij_" + "A" * 43).get("/v1/reads"))
    assert response.status_code == 503
    assert response.json() == V1_UNAVAILABLE
    assert_no_trace(response)


def test_a_view_query_behind_a_cached_key_gets_a_v1_503():
    raw = make_key("free")
    assert client_for(raw).get("/v1/reads").status_code == 200  # caches the key lookup
    response = outage(lambda: client_for(raw).get("/v1/reads"))
    assert response.status_code == 503
    assert response.json() == V1_UNAVAILABLE
    assert_no_trace(response)


def test_an_openmodels_read_gets_a_503_in_its_envelope():
    response = outage(lambda: client_for().get("/api/reads"))
    assert response.status_code == 503
    assert response.json() == OPENMODELS_UNAVAILABLE
    assert_no_trace(response)


def test_health_reports_the_database_unhealthy_with_503():
    response = outage(lambda: client_for().get("/health"))
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "degraded"
    assert body["services"] == {"database": "unhealthy", "redis": "healthy"}


def test_a_worker_recovers_by_itself_when_the_database_returns():
    def read():
        return client_for().get("/api/reads")

    def check():
        return client_for().get("/health")

    down_read, down_health, up_read, up_health = worker((False, read), (False, check), (True, read), (True, check))
    assert [down_read.status_code, down_health.status_code] == [503, 503]
    assert up_read.status_code == 200
    assert up_health.json()["status"] == "ok"


def test_a_hung_database_costs_a_503_not_the_worker(settings):
    """PostgreSQL stops answering on open connections (a frozen server or proxy): 503s, then recovery."""
    settings.DB_QUERY_TIMEOUT_SECONDS = 0.5
    real = connection.settings_dict
    proxy = PausableForwarder(real["HOST"] or "127.0.0.1", int(real["PORT"] or 5432))
    proxy.start()
    responses = {}

    def served(request):
        # What a web worker does before each request (the test client skips it):
        # drop a connection that failed or can no longer be used.
        close_old_connections()
        return request()

    def run():
        original = dict(connection.settings_dict)
        connection.close()
        options = {**original["OPTIONS"], "connect_timeout": 2}
        connection.settings_dict = {**original, "PORT": str(proxy.port), "OPTIONS": options}
        try:
            responses["up"] = served(lambda: client_for().get("/api/reads"))
            proxy.pause()
            responses["hung"] = served(lambda: client_for().get("/api/reads"))
            responses["hung_v1"] = served(lambda: client_for("amm_abcdefghij_" + "A" * 43).get("/v1/reads"))
            responses["health"] = served(lambda: client_for().get("/health"))
            proxy.resume()
            responses["back"] = served(lambda: client_for().get("/api/reads"))
        finally:
            connection.close()
            connection.settings_dict = original

    try:
        with ThreadPoolExecutor(max_workers=1) as pool:
            pool.submit(run).result()
    finally:
        proxy.resume()
        proxy.stop()
    assert responses["up"].status_code == 200
    assert responses["hung"].status_code == 503
    assert responses["hung"].json() == OPENMODELS_UNAVAILABLE
    assert responses["hung_v1"].status_code == 503
    assert responses["hung_v1"].json() == V1_UNAVAILABLE
    assert responses["health"].status_code == 503
    assert responses["health"].json()["services"]["database"] == "unhealthy"
    assert responses["back"].status_code == 200
