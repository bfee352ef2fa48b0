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
"""

from __future__ import annotations

import functools
import logging
import socket
import threading
import time

import redis
from django.conf import settings
from django_redis.client import DefaultClient
from django_redis.exceptions import ConnectionInterrupted

logger = logging.getLogger(__name__)

# What counts as "Redis is unreachable", as opposed to a bad command.
OUTAGE_ERRORS = (redis.ConnectionError, redis.TimeoutError, socket.timeout, OSError)


class CacheUnavailable(ConnectionInterrupted):
    """Raised without a network call while the breaker is open."""

    def __init__(self):
        super().__init__(connection=None)

    def __str__(self) -> str:
        return "Redis unavailable (circuit open)"


class CircuitBreaker:
    """Closed: calls go through. Open: calls fail at once until ``retry_seconds`` pass, then one tries."""

    def __init__(self, name: str, retry_seconds: float, clock=time.monotonic):
        self.name = name
        self.retry_seconds = retry_seconds
        self.clock = clock
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
            _breakers[location] = CircuitBreaker(location.rsplit("@", 1)[-1], settings.CACHE_RETRY_SECONDS)
        return _breakers[location]


def cache_breakers_reset() -> None:
    """Forget every breaker's state (tests that point the cache somewhere else use it)."""
    with _breakers_lock:
        _breakers.clear()


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


class CircuitBreakerClient(DefaultClient):
    """django-redis's client with a circuit breaker around every command."""

    def __init__(self, server, params, backend):
        super().__init__(server, params, backend)
        self.breaker = breaker_for(str(server))

    def incr_with_expiry(self, key, ttl: int) -> int:
        """INCR and EXPIRE NX in one round trip: the window's first request creates the counter and its expiry."""
        client = self.get_client(write=True)
        full_key = self.make_key(key)
        pipe = client.pipeline(transaction=True)
        pipe.incr(full_key)
        pipe.expire(full_key, ttl, nx=True)
        try:
            count, _ = pipe.execute()
        except OUTAGE_ERRORS as exc:
            raise ConnectionInterrupted(connection=client) from exc
        return int(count)


for _name in (
    "set", "add", "get", "persist", "expire", "pexpire", "pexpire_at", "expire_at", "delete", "delete_pattern",
    "delete_many", "clear", "get_many", "set_many", "incr", "decr", "ttl", "pttl", "has_key", "keys", "touch",
    "incr_version", "incr_with_expiry",
):  # fmt: skip
    setattr(CircuitBreakerClient, _name, _guarded(getattr(CircuitBreakerClient, _name)))


def cache_call(operation, *args, default=None, **kwargs):
    """Run one cache operation; if the cache is down, return ``default`` (fail open).

    The outage itself is logged once by the circuit breaker, so a failed call
    is only a DEBUG line here.
    """
    try:
        return operation(*args, **kwargs)
    except Exception as exc:  # the cache client raises its own connection errors
        logger.debug("cache call %s failed open: %s", getattr(operation, "__name__", operation), exc)
        return default
