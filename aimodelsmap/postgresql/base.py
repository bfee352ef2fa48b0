"""Django's PostgreSQL backend with a deadline on every wait for the server.

``statement_timeout`` stops a slow query on a server that still answers, and
TCP keepalives and ``tcp_user_timeout`` drop a connection whose packets go
unacknowledged. Neither helps when the peer acknowledges every byte and
never answers: a stalled server process, a frozen proxy or pooler. psycopg
would then wait forever, the web worker would hang until gunicorn kills it,
and the client would get no response at all. Here every wait on an open
connection gives up after ``DB_QUERY_TIMEOUT_SECONDS`` plus a second of
grace (the server's own statement timeout fires first when it can), the
connection is closed, and the OperationalError becomes the surface's JSON
503. ``0`` turns the deadline off: workers and management commands run long
queries on purpose, so only the web server's configuration sets it.
"""

from __future__ import annotations

import psycopg
from django.conf import settings
from django.db.backends.postgresql import base

# The server cancels a statement at DB_QUERY_TIMEOUT_SECONDS; the client
# gives up this much later, so a live server's clean error wins the race.
CLIENT_GRACE_SECONDS = 1.0


class DeadlineConnection(psycopg.Connection):
    """A psycopg connection whose waits for the server end at ``wait_deadline`` seconds."""

    wait_deadline: float | None = None

    def wait(self, gen, interval=psycopg.connection._WAIT_INTERVAL, timeout=None):
        try:
            return super().wait(gen, interval=interval, timeout=timeout if timeout is not None else self.wait_deadline)
        except psycopg.errors._WaitTimeout as exc:
            # Half a protocol exchange is in flight: the connection cannot be reused.
            self.pgconn.finish()
            raise psycopg.OperationalError(
                f"PostgreSQL did not answer within {self.wait_deadline:g} seconds; connection closed"
            ) from exc


class _PsycopgWithDeadlines:
    """The psycopg module as Django's backend sees it, with ``connect`` making DeadlineConnections."""

    connect = staticmethod(DeadlineConnection.connect)

    def __getattr__(self, name):
        return getattr(psycopg, name)


class DatabaseWrapper(base.DatabaseWrapper):
    Database = _PsycopgWithDeadlines()

    @property
    def pool(self):
        # A pool (DB_POOL_MAX_SIZE) makes its connections itself: they must be DeadlineConnections too.
        options = self.settings_dict["OPTIONS"].get("pool")
        if isinstance(options, dict):
            options.setdefault("connection_class", DeadlineConnection)
        return super().pool

    def get_new_connection(self, conn_params):
        connection = super().get_new_connection(conn_params)
        timeout = settings.DB_QUERY_TIMEOUT_SECONDS
        connection.wait_deadline = timeout + CLIENT_GRACE_SECONDS if timeout > 0 else None
        return connection
