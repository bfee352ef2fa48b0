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

It also decides, before a request uses a kept connection, whether that
connection still works, without a round trip in the common case. Django's
``CONN_HEALTH_CHECKS`` (and psycopg_pool's ``check``) send a query before
every request's first one: a round trip per request. Here a connection is
handed out as it is unless it gives a reason for doubt, and only then is it
checked with a round trip (``looks_usable``):

* the server has sent something while it sat idle: a server that terminates
  a backend (a restart, ``pg_terminate_backend``, an idle timeout) says so
  and closes the socket, which is then readable; one ``select`` finds it;
* it has been idle longer than ``DB_IDLE_CHECK_SECONDS``: a peer that
  vanished without a word (a crashed host, a partition) is found there.

After an error during a request Django itself checks the connection before
keeping it (``close_if_unusable_or_obsolete``), and the pool drops a broken
one when it comes back.
"""

from __future__ import annotations

import select
import time

import psycopg
from django.conf import settings
from django.db.backends.postgresql import base
from psycopg.pq import ConnStatus
from psycopg_pool import ConnectionPool

# The server cancels a statement at DB_QUERY_TIMEOUT_SECONDS; the client
# gives up this much later, so a live server's clean error wins the race.
CLIENT_GRACE_SECONDS = 1.0


class DeadlineConnection(psycopg.Connection):
    """A psycopg connection whose waits for the server end at ``wait_deadline`` seconds."""

    wait_deadline: float | None = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.last_used = time.monotonic()

    def looks_usable(self, idle_check_seconds: float) -> bool:
        """Whether a request may use this kept connection; a round trip only when there is doubt."""
        if self.closed or self.pgconn.status != ConnStatus.OK:
            return False
        now = time.monotonic()
        idle, self.last_used = now - self.last_used, now
        if idle < idle_check_seconds and not self._server_spoke_while_idle():
            return True
        try:
            ConnectionPool.check_connection(self)  # an empty query, outside any transaction
        except psycopg.Error:
            return False
        return True

    def _server_spoke_while_idle(self) -> bool:
        # Between requests nothing is owed to us: readable means a termination
        # notice, the end of the stream, or (rarely) a parameter change.
        try:
            readable, _, _ = select.select([self.pgconn.socket], [], [], 0)
        except (OSError, ValueError, psycopg.OperationalError):
            return True
        return bool(readable)

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
        if self.pool:
            # A pooled connection may have sat idle since another request: the
            # pool's own check would cost a round trip on every checkout.
            for _ in range(self.pool.max_size):
                if connection.looks_usable(settings.DB_IDLE_CHECK_SECONDS):
                    break
                connection.close()
                self.pool.putconn(connection)  # the pool discards it and opens another
                connection = self.pool.getconn()
        timeout = settings.DB_QUERY_TIMEOUT_SECONDS
        connection.wait_deadline = timeout + CLIENT_GRACE_SECONDS if timeout > 0 else None
        return connection

    def close_if_health_check_failed(self):
        """Before a request's first query, drop a kept connection that ``looks_usable`` rejects.

        Takes the place of Django's ``CONN_HEALTH_CHECKS`` (off in settings),
        which would send a query here every request.
        """
        if self.connection is None or self.health_check_done:
            return
        if not self.connection.looks_usable(settings.DB_IDLE_CHECK_SECONDS):
            self.close()
        self.health_check_done = True
