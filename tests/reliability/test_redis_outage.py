"""Redis down: reads keep coming from the database, limits fail open, /health says so, recovery is automatic."""

import logging
import threading

import pytest
import redis
from django_redis.exceptions import ConnectionInterrupted
from rest_framework.test import APIClient

from accounts.models import ApiKey, Plan
from accounts.services import api_key_revoke
from aimodelsmap.cache import CacheUnavailable, CircuitBreaker
from aimodelsmap.dataversion import data_version_forget_local
from tests.api import conditional_urls
from tests.conftest import make_key
from tests.reliability.conftest import redis_at
from tests.reliability.tcp import black_hole

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.api.conditional_urls")]


def keyed(raw_key):
    client = APIClient()
    client.credentials(HTTP_X_API_KEY=raw_key)
    return client


def health():
    return APIClient().get("/health")


def test_keyed_reads_are_served_without_redis_and_the_quota_fails_open_with_one_warning(redis_down, caplog):
    Plan.objects.filter(slug="free").update(daily_request_limit=1)
    client = keyed(make_key("free"))
    with caplog.at_level(logging.WARNING):
        statuses = [client.get("/v1/things").status_code for _ in range(3)]
    assert statuses == [200, 200, 200]
    warnings = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING and r.name != "django.request"]
    assert len(warnings) == 1
    assert "unavailable (ConnectionError): failing open, serving from the database without quotas" in warnings[0]


def test_public_reads_are_served_without_redis_and_the_per_ip_limit_fails_open(redis_down):
    # The stand-in per-IP limit is 3 a minute.
    statuses = [APIClient().get("/api/things").status_code for _ in range(5)]
    assert statuses == [200] * 5


def test_without_redis_nothing_is_tagged_and_no_304_is_sent(redis_down):
    client = keyed(make_key("free"))
    response = client.get("/v1/things", HTTP_IF_NONE_MATCH='W/"anything"')
    assert response.status_code == 200
    assert "ETag" not in response
    assert response["Cache-Control"] == "private, max-age=0, must-revalidate"


def test_health_reports_degraded_with_redis_unhealthy(redis_down):
    response = health()
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["services"] == {"database": "healthy", "redis": "unhealthy"}


def test_a_redis_that_accepts_but_never_answers_times_out_instead_of_hanging():
    hole = black_hole()
    try:
        with redis_at(hole.getsockname()[1]):
            response = health()
            read = keyed(make_key("free")).get("/v1/things")
    finally:
        hole.close()
    assert response.json()["services"]["redis"] == "unhealthy"
    assert read.status_code == 200


def test_revocation_holds_while_redis_is_down(redis_down):
    raw = make_key("free")
    assert keyed(raw).get("/v1/things").status_code == 200
    api_key_revoke(api_key=ApiKey.objects.get(prefix=raw.split("_")[1]))
    assert keyed(raw).get("/v1/things").status_code == 401


def test_everything_recovers_by_itself_when_redis_returns(flaky_redis):
    client = keyed(make_key("free"))
    up = client.get("/v1/things")
    assert health().json()["status"] == "ok"
    assert up["X-RateLimit-Remaining"] == "999"
    assert up["ETag"]

    flaky_redis.stop()
    # The version this process remembers for up to a second is still a valid
    # tag; once it lapses (forgotten here) nothing can be tagged.
    data_version_forget_local()
    assert health().json()["status"] == "degraded"
    down = client.get("/v1/things")
    assert down.status_code == 200
    assert "ETag" not in down

    flaky_redis.start()
    assert health().json()["status"] == "ok"
    back = client.get("/v1/things")
    assert back.status_code == 200
    assert back["X-RateLimit-Remaining"] == "998"
    assert client.get("/v1/things", HTTP_IF_NONE_MATCH=back["ETag"]).status_code == 304
    assert conditional_urls.CALLS["v1"] >= 3


class CountingBlackHole:
    """A Redis that accepts connections and never answers, counting how many it was asked for."""

    def __init__(self):
        self.listener = black_hole()
        self.port = self.listener.getsockname()[1]
        self.accepted = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            self.accepted.append(conn)

    def close(self):
        for sock in [self.listener, *self.accepted]:
            sock.close()


def test_a_hung_redis_costs_one_timeout_per_interval_not_one_per_call(caplog):
    hole = CountingBlackHole()
    try:
        with redis_at(hole.port, retry_seconds=3600), caplog.at_level(logging.WARNING):
            client = keyed(make_key("free"))
            statuses = [client.get("/v1/things").status_code for _ in range(5)]
            health_body = health().json()
    finally:
        hole.close()
    assert statuses == [200] * 5
    assert health_body["services"]["redis"] == "unhealthy"
    # One connection, whose first command timed out; every later call failed fast without the network.
    assert len(hole.accepted) == 1
    warnings = [r.getMessage() for r in caplog.records if r.name == "aimodelsmap.cache"]
    assert len(warnings) == 1
    assert "unavailable (TimeoutError): failing open" in warnings[0]


class FakeClock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def failure():
    try:
        raise ConnectionInterrupted(connection=None) from redis.ConnectionError("refused")
    except ConnectionInterrupted as exc:
        return exc


def test_the_breaker_lets_one_call_try_again_after_the_interval(caplog):
    clock = FakeClock()
    breaker = CircuitBreaker("redis", retry_seconds=5, clock=clock)
    breaker.before_call()
    with caplog.at_level(logging.DEBUG, logger="aimodelsmap.cache"):
        breaker.record_failure(failure())
        with pytest.raises(CacheUnavailable):
            breaker.before_call()
        clock.now += 5
        breaker.before_call()  # the one trial call
        with pytest.raises(CacheUnavailable):
            breaker.before_call()  # others keep failing fast while it runs
        breaker.record_failure(failure())
        with pytest.raises(CacheUnavailable):
            breaker.before_call()
        clock.now += 5
        breaker.before_call()
        breaker.record_success()
        breaker.before_call()
        breaker.before_call()
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert warnings == [
        "cache redis unavailable (ConnectionError): failing open, serving from the database without quotas "
        "or per-IP limits; next try in 5 s",
        "cache redis available again after 10.0 s (3 calls skipped)",
    ]
    assert not breaker.is_open


def test_an_error_about_the_command_is_not_an_outage(settings):
    from django.core.cache import cache

    from aimodelsmap.cache import breaker_for

    breaker = breaker_for(settings.CACHES["default"]["LOCATION"])
    with pytest.raises(ValueError):
        cache.incr("no-such-counter")  # Redis answered: the key does not exist
    assert not breaker.is_open
    assert cache.set("still", "up") is True
