"""The cache that may be down: a circuit breaker in the Redis client and the one fail-open helper.

Everything kept in Redis (read caches, data versions, key lookups, quota and
per-IP counters) is disposable, so callers fail open: a failed call returns a
default and the request carries on from PostgreSQL. What must not happen is
paying the socket timeout on every call of every request while Redis is hung
(0.5 s each, several per request), nor logging a warning for each of them.

``CircuitBreakerClient`` (the django-redis client class in settings) trips on
the first failed call: for ``CACHE_RETRY_SECONDS`` every call fails at once
without touching the network, then a single call is let through to try
again. One timeout per interval per process, not one per call. The breaker
logs one WARNING when an outage starts and one when Redis answers again;
callers log at DEBUG through ``cache_call``.

Failing open must not mean serving every read uncached from PostgreSQL for
the whole outage, so each breaker owns an ``OutageFallback``: a bounded
process-local LRU that stands in for Redis while the breaker is open. Response
bodies (``outage_body``) and key lookups (``cache_call(..., local_fallback=True)``)
are kept there; quota and per-IP counters are not and keep failing open
(allowed, uncounted): a per-process count would let each worker allow the
whole limit again, and refusing on a guess is worse than not limiting for the
outage. The fallback starts empty with each outage and is dropped as soon as
Redis answers again, so nothing it holds outlives the outage.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import socket
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

import redis
from django.conf import settings
from django.core.cache import cache
from django_redis.client import DefaultClient
from django_redis.exceptions import ConnectionInterrupted
from redis.exceptions import NoScriptError

logger = logging.getLogger(__name__)

# What counts as "Redis is unreachable", as opposed to a bad command.
OUTAGE_ERRORS = (redis.ConnectionError, redis.TimeoutError, socket.timeout, OSError)


class CacheUnavailable(ConnectionInterrupted):
    """Raised without a network call while the breaker is open."""

    def __init__(self):
        super().__init__(connection=None)

    def __str__(self) -> str:
        return "Redis unavailable (circuit open)"


class OutageFallback:
    """A bounded LRU with a time-to-live, standing in for Redis while its breaker is open.

    The data version reads 0 during an outage (no process can read or bump
    it), so entries cannot be keyed on it. Staleness is bounded instead by
    age: an entry lives at most ``max_age`` seconds (or less if the caller's
    timeout is shorter), and this process's own bump clears the store at once
    (``dataversion._bump_now``), as it updates its remembered version at once
    when Redis answers. Values are kept by reference, like the response
    cache's own per-process LRU.
    """

    def __init__(self, max_age: float, max_entries: int, clock: Callable[[], float] = time.monotonic):
        self.max_age = max_age
        self.max_entries = max_entries
        self.clock = clock
        self._entries: OrderedDict[str, tuple[float, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: str, default: Any = None) -> Any:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return default
            if entry[0] <= self.clock():
                del self._entries[key]
                return default
            self._entries.move_to_end(key)
            return entry[1]

    def set(self, key: str, value: Any, timeout: float | None = None) -> bool:
        age = self.max_age if timeout is None else min(timeout, self.max_age)
        if age <= 0:
            return False
        with self._lock:
            self._entries[key] = (self.clock() + age, value)
            self._entries.move_to_end(key)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)
        return True

    def delete(self, key: str) -> bool:
        with self._lock:
            return self._entries.pop(key, None) is not None

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


class CircuitBreaker:
    """Closed: calls go through. Open: calls fail at once until ``retry_seconds`` pass, then one tries."""

    def __init__(
        self,
        name: str,
        retry_seconds: float,
        clock=time.monotonic,
        fallback_seconds: float = 1.0,
        fallback_entries: int = 512,
    ):
        self.name = name
        self.retry_seconds = retry_seconds
        self.clock = clock
        # Read and written only while the breaker is open (see ``outage_fallback``).
        self.fallback = OutageFallback(fallback_seconds, fallback_entries, clock)
        self._lock = threading.Lock()
        self._opened_at: float | None = None  # start of the outage
        self._retry_at = 0.0
        self._trying = False  # one call is testing whether Redis is back
        self._skipped = 0

    @property
    def is_open(self) -> bool:
        return self._opened_at is not None

    def before_call(self) -> None:
        if self._opened_at is None:
            return
        with self._lock:
            if self._opened_at is None:
                return
            if self._trying or self.clock() < self._retry_at:
                self._skipped += 1
                raise CacheUnavailable()
            self._trying = True

    def record_success(self) -> None:
        if self._opened_at is None:
            return
        with self._lock:
            if self._opened_at is None:
                return
            outage, skipped = self.clock() - self._opened_at, self._skipped
            self._opened_at, self._trying, self._skipped = None, False, 0
        # Redis is the shared truth again (versions, bodies, key lookups): what
        # this process kept on its own during the outage must not outlive it.
        self.fallback.clear()
        logger.warning("cache %s available again after %.1f s (%d calls skipped)", self.name, outage, skipped)

    def record_failure(self, exc: BaseException) -> None:
        with self._lock:
            starting = self._opened_at is None
            now = self.clock()
            if starting:
                self._opened_at = now
            self._retry_at = now + self.retry_seconds
            self._trying = False
        if starting:
            # A request that read the store just before the last outage ended
            # may have written to it since; start every outage empty.
            self.fallback.clear()
            logger.warning(
                "cache %s unavailable (%s): failing open, serving from the database without quotas "
                "or per-IP limits; next try in %g s",
                self.name,
                exc.__class__.__name__ if exc.__cause__ is None else exc.__cause__.__class__.__name__,
                self.retry_seconds,
            )
        else:
            logger.debug("cache %s still unavailable", self.name)


_breakers: dict[str, CircuitBreaker] = {}
_breakers_lock = threading.Lock()


def breaker_for(location: str) -> CircuitBreaker:
    """One breaker per Redis address per process, shared by every thread's cache client."""
    with _breakers_lock:
        if location not in _breakers:
            _breakers[location] = CircuitBreaker(
                location.rsplit("@", 1)[-1],
                settings.CACHE_RETRY_SECONDS,
                fallback_seconds=settings.CACHE_FALLBACK_SECONDS,
                fallback_entries=settings.CACHE_FALLBACK_ENTRIES,
            )
        return _breakers[location]


def cache_breakers_reset() -> None:
    """Forget every breaker's state and the kept connections (tests that point the cache elsewhere use it)."""
    with _breakers_lock:
        _breakers.clear()
        for connections in _kept_connections.values():
            connections.close()
        _kept_connections.clear()


_nesting = threading.local()


def _guarded(method):
    @functools.wraps(method)
    def call(self, *args, **kwargs):
        # django-redis methods call each other (add -> set): only the outermost call is guarded.
        depth = getattr(_nesting, "depth", 0)
        if depth:
            return method(self, *args, **kwargs)
        breaker = self.breaker
        breaker.before_call()
        _nesting.depth = 1
        try:
            result = method(self, *args, **kwargs)
        except ConnectionInterrupted as exc:
            if isinstance(exc.__cause__, OUTAGE_ERRORS):
                breaker.record_failure(exc)
            else:
                breaker.record_success()  # Redis answered, with an error about the command
            raise
        except Exception:
            breaker.record_success()  # Redis answered (a missing key for incr, say)
            raise
        finally:
            _nesting.depth = 0
        breaker.record_success()
        return result

    return call


INCR_WITH_EXPIRY_LUA = """
local count = redis.call('INCR', KEYS[1])
if count == 1 then
    redis.call('EXPIRE', KEYS[1], ARGV[1])
end
return count
"""
INCR_WITH_EXPIRY_SHA = hashlib.sha1(INCR_WITH_EXPIRY_LUA.encode()).hexdigest()
# Idle connections kept per process; more are made while more requests use them at once.
KEPT_IDLE_CONNECTIONS = 64


class KeptConnections:
    """Connections for the hottest commands: one taken per command, given back once the command is done.

    Every metered request counts, and every cache miss of a read reads and
    writes its body. redis-py's pool spends as much on a checkout (a lock,
    connection-count metrics, a liveness probe) and on the client's command
    plumbing (retry wrapper, event dispatch, reply callbacks) as the round
    trip itself. This keeps the probe, the one part that matters: a
    connection the server closed, or one with unread data, is dropped before
    the command is sent, never retried after it (a repeated INCR would count
    twice). A connection is given back only after its whole reply was read
    (or, unanswered, once sent); any failure disconnects it.

    ``replies=False`` makes connections the server never answers (``CLIENT
    REPLY OFF``, sent once on connecting): a write that nothing waits for
    costs one send, with no reply to wait, switch and parse for. Only for
    disposable writes (a read cache's body), whose failure nobody would act
    on; a connection the server closed still fails the next send, and trips
    the breaker.
    """

    def __init__(self, pool, *, replies: bool = True):
        self._connection_class = pool.connection_class
        self._connection_kwargs = pool.connection_kwargs
        self._replies = replies
        self._idle: list = []
        self._pid = os.getpid()

    def take(self):
        if self._pid != os.getpid():
            # A forked worker must not share its parent's sockets.
            self._idle, self._pid = [], os.getpid()
        try:
            connection = self._idle.pop()
        except IndexError:
            return self._new()
        try:
            stale = connection.can_read()
        except OUTAGE_ERRORS:
            stale = True  # closed by the server
        if stale:
            connection.disconnect()
            if not self._replies:
                return self._new()  # its REPLY OFF ended with it
        return connection

    def _new(self):
        connection = self._connection_class(**self._connection_kwargs)
        if self._replies:
            return connection  # connects on its first command
        connection.connect()
        connection.send_command("CLIENT", "REPLY", "OFF", check_health=False)
        return connection

    def close(self) -> None:
        while self._idle:
            self._idle.pop().disconnect()

    def give_back(self, connection) -> None:
        if len(self._idle) < KEPT_IDLE_CONNECTIONS:
            self._idle.append(connection)
        else:
            connection.disconnect()


_kept_connections: dict[tuple[str, bool], KeptConnections] = {}


def kept_connections_for(location: str, pool, *, replies: bool = True) -> KeptConnections:
    """One set per Redis address (and kind) per process: Django makes a cache client per thread (and per greenlet)."""
    with _breakers_lock:
        if (location, replies) not in _kept_connections:
            _kept_connections[location, replies] = KeptConnections(pool, replies=replies)
        return _kept_connections[location, replies]


class CircuitBreakerClient(DefaultClient):
    """django-redis's client with a circuit breaker around every command."""

    def __init__(self, server, params, backend):
        super().__init__(server, params, backend)
        self._location = str(server)
        self.breaker = breaker_for(self._location)

    def _on_kept_connection(self, send: Callable[[Any], Any], *, replies: bool = True):
        """``send(connection)``'s result, over a ``KeptConnections`` connection rather than the client's pool."""
        connections = _kept_connections.get((self._location, replies))
        if connections is None:
            pool = self.get_client(write=True).connection_pool
            connections = kept_connections_for(self._location, pool, replies=replies)
        connection = None
        try:
            connection = connections.take()
            result = send(connection)
        except OUTAGE_ERRORS as exc:
            if connection is not None:
                connection.disconnect()
            raise ConnectionInterrupted(connection=connection) from exc
        except BaseException:
            if connection is not None:
                connection.disconnect()  # its reply may be unread
            raise
        connections.give_back(connection)
        return result

    def incr_with_expiry(self, key, ttl: int) -> int:
        """INCR, and EXPIRE only when that INCR created the counter: one EVALSHA round trip, no MULTI.

        The script runs atomically in Redis, so the window's first request
        sets the expiry and no later one moves it, and the count is exact
        under concurrency; a MULTI/INCR/EXPIRE/EXEC pipeline costs Redis four
        commands per request for the same guarantee. A Redis that does not
        know the script (restarted or flushed) answers NOSCRIPT without
        running anything, and gets it by EVAL, which it caches again.
        """
        full_key = self.make_key(key)

        def count(connection):
            connection.send_command("EVALSHA", INCR_WITH_EXPIRY_SHA, 1, full_key, ttl, check_health=False)
            try:
                return connection.read_response()
            except NoScriptError:
                connection.send_command("EVAL", INCR_WITH_EXPIRY_LUA, 1, full_key, ttl, check_health=False)
                return connection.read_response()

        return int(self._on_kept_connection(count))

    def get_bytes(self, key) -> bytes | None:
        """The bytes ``set_bytes`` stored under ``key``, or None: a plain GET, nothing to decode."""
        full_key = self.make_key(key)

        def read(connection):
            connection.send_command("GET", full_key, check_health=False)
            return connection.read_response()

        return self._on_kept_connection(read)

    def set_bytes(self, key, value: bytes, timeout: int) -> None:
        """Store ``value`` as it is (no pickling) for ``timeout`` seconds: a plain SET ... EX, unanswered."""
        full_key = self.make_key(key)
        self._on_kept_connection(
            lambda connection: connection.send_command("SET", full_key, value, "EX", int(timeout), check_health=False),
            replies=False,
        )


for _name in (
    "set", "add", "get", "persist", "expire", "pexpire", "pexpire_at", "expire_at", "delete", "delete_pattern",
    "delete_many", "clear", "get_many", "set_many", "incr", "decr", "ttl", "pttl", "has_key", "keys", "touch",
    "incr_version", "incr_with_expiry", "get_bytes", "set_bytes",
):  # fmt: skip
    setattr(CircuitBreakerClient, _name, _guarded(getattr(CircuitBreakerClient, _name)))


def outage_fallback(backend) -> OutageFallback | None:
    """The process-local store standing in for the cache ``backend`` while its breaker is open.

    None while Redis answers, and always on the embedded default, whose cache
    is process memory already.
    """
    breaker = getattr(getattr(backend, "client", None), "breaker", None)
    return breaker.fallback if breaker is not None and breaker.is_open else None


def cache_call(operation, *args, default=None, local_fallback=False, **kwargs):
    """Run one cache operation; if the cache is down, return ``default`` (fail open).

    The outage itself is logged once by the circuit breaker, so a failed call
    is only a DEBUG line here. With ``local_fallback`` (disposable cached
    reads such as key lookups: ``get``, ``set``, ``delete``), the operation
    runs on the process-local ``OutageFallback`` while the breaker is open,
    so the read stays cached during the outage. Counters never pass it.
    """
    if local_fallback:
        fallback = outage_fallback(getattr(operation, "__self__", None))
        if fallback is not None:
            return getattr(fallback, operation.__name__)(*args, **kwargs)
    try:
        return operation(*args, **kwargs)
    except Exception as exc:  # the cache client raises its own connection errors
        logger.debug("cache call %s failed open: %s", getattr(operation, "__name__", operation), exc)
        return default


def _bytes_client():
    """The Redis client of the default cache when it can store bytes as they are; None on the embedded default."""
    client = getattr(cache, "client", None)
    return client if isinstance(client, CircuitBreakerClient) else None


def cache_get_bytes(key: str) -> bytes | None:
    """The bytes ``cache_set_bytes`` stored under ``key``; None when absent or the cache is down (fail open)."""
    client = _bytes_client()
    return cache_call(cache.get, key) if client is None else cache_call(client.get_bytes, key)


def cache_set_bytes(key: str, value: bytes, timeout: int) -> None:
    """Store rendered bytes for ``timeout`` seconds; nothing happens while the cache is down.

    In Redis they are stored as they are, by one SET over a kept connection:
    a read cache's miss pays this and ``cache_get_bytes`` on top of building
    its body, and django-redis's pickling and pool cost as much again as the
    round trips (bench/README.md, "Hot paths"). The embedded default's
    process-memory cache keeps them as any other value.
    """
    client = _bytes_client()
    if client is None:
        cache_call(cache.set, key, value, timeout)
    else:
        cache_call(client.set_bytes, key, value, timeout)


def outage_body(key: str, build: Callable[[], Any]) -> Any:
    """For a response cache that cannot read the data version: ``build()``, kept in the fallback during an outage.

    The version reads 0 only when the cache is unreachable. If the breaker is
    open the body is kept in, and served from, the process-local fallback
    (bounded by age; see ``OutageFallback``); otherwise nothing is kept. The
    key holds no version and never reaches Redis, where a body would outlive
    the outage's bounds.
    """
    fallback = outage_fallback(cache)
    if fallback is None:
        return build()
    body = fallback.get(key)
    if body is None:
        body = build()
        fallback.set(key, body)
    return body
