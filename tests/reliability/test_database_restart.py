"""A terminated PostgreSQL backend (a restart, pg_terminate_backend) costs the next request nothing.

Kept connections are not checked with a query before every request
(aimodelsmap/postgresql/base.py): a connection whose server has closed it is
seen by its socket and replaced, and one idle past DB_IDLE_CHECK_SECONDS is
checked with a round trip. These tests terminate the backend from a second
connection, as a restart does, and make the next request.
"""

from unittest import mock

import psycopg
import pytest
from django.db import close_old_connections, connection
from psycopg_pool import ConnectionPool
from rest_framework.test import APIClient

from aimodelsmap.postgresql.base import DatabaseWrapper

pytestmark = pytest.mark.django_db(transaction=True)


def terminate(backend_pid: int) -> None:
    """Terminate a backend from another connection and wait until it is gone."""
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    params.pop("server_side_binding", None)
    with psycopg.connect(**params, autocommit=True) as admin:
        assert admin.execute("SELECT pg_terminate_backend(%s)", [backend_pid]).fetchone()[0]
        # The signal is asynchronous: wait for the backend to exit (no clock involved).
        while admin.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", [backend_pid]).fetchone():
            admin.execute("SELECT pg_sleep(0.01)")


def next_request_boundary() -> None:
    # What Django's request_started signal does before each request (the test client skips it).
    close_old_connections()


def test_the_request_after_its_kept_connection_was_terminated_succeeds():
    client = APIClient()
    assert client.get("/health").status_code == 200
    old_pid = connection.connection.info.backend_pid

    terminate(old_pid)
    next_request_boundary()
    response = client.get("/health")

    assert response.status_code == 200
    assert response.json()["services"]["database"] == "healthy"
    assert connection.connection.info.backend_pid != old_pid


def test_a_healthy_recently_used_connection_is_used_without_a_check_query():
    APIClient().get("/health")
    next_request_boundary()
    with mock.patch.object(ConnectionPool, "check_connection", side_effect=AssertionError("checked")):
        assert APIClient().get("/health").status_code == 200


def test_a_connection_idle_past_the_limit_is_checked_with_a_round_trip(settings):
    APIClient().get("/health")
    connection.connection.last_used -= settings.DB_IDLE_CHECK_SECONDS + 1  # as if it had sat idle
    next_request_boundary()
    with mock.patch.object(ConnectionPool, "check_connection", wraps=ConnectionPool.check_connection) as check:
        assert APIClient().get("/health").status_code == 200
    assert check.call_count == 1


@pytest.fixture
def pooled():
    settings_dict = {**connection.settings_dict, "CONN_MAX_AGE": 0}
    settings_dict["OPTIONS"] = {**settings_dict["OPTIONS"], "pool": {"min_size": 1, "max_size": 2, "timeout": 5}}
    wrapper = DatabaseWrapper(settings_dict, alias="pool-restart-test")
    yield wrapper
    wrapper.close()
    wrapper.close_pool()


def backend_pid(wrapper) -> int:
    with wrapper.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def test_a_pool_replaces_a_terminated_connection_before_the_next_request_uses_it(pooled):
    first = backend_pid(pooled)
    pooled.close()  # the request ends: the connection goes back to the pool

    terminate(first)
    pooled.close_if_unusable_or_obsolete()
    second = backend_pid(pooled)

    assert second != first
