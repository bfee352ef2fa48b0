from datetime import UTC, datetime, timedelta

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from accounts.models import Plan
from tests.concurrency import run_together
from tests.conftest import make_key

pytestmark = pytest.mark.urls("tests.accounts.urls")


def next_midnight_epoch() -> int:
    today = datetime.now(UTC).date()
    return int(datetime.combine(today + timedelta(days=1), datetime.min.time(), tzinfo=UTC).timestamp())


def get_echo(raw_key):
    return APIClient().get("/v1/echo", HTTP_X_API_KEY=raw_key)


@pytest.mark.django_db
def test_it_sends_rate_limit_headers_that_count_down():
    raw = make_key("anonymous")
    first = get_echo(raw)
    second = get_echo(raw)
    assert first.status_code == second.status_code == 200
    assert first["X-RateLimit-Limit"] == "100"
    assert first["X-RateLimit-Remaining"] == "99"
    assert second["X-RateLimit-Remaining"] == "98"
    assert int(first["X-RateLimit-Reset"]) == next_midnight_epoch()


@pytest.mark.django_db
def test_it_refuses_requests_over_the_daily_limit_with_429():
    Plan.objects.filter(slug="free").update(daily_request_limit=3)
    raw = make_key("free")
    statuses = [get_echo(raw).status_code for _ in range(3)]
    refused = get_echo(raw)
    assert statuses == [200, 200, 200]
    assert refused.status_code == 429
    body = refused.json()
    assert body["error"]["code"] == "rate_limited"
    assert body["error"]["details"] is None
    assert refused["X-RateLimit-Limit"] == "3"
    assert refused["X-RateLimit-Remaining"] == "0"
    retry_after = int(refused["Retry-After"])
    assert 0 < retry_after <= 86400
    assert abs((int(refused["X-RateLimit-Reset"]) - retry_after) - datetime.now(UTC).timestamp()) < 5


@pytest.mark.django_db
def test_it_counts_quotas_per_key():
    Plan.objects.filter(slug="free").update(daily_request_limit=1)
    first_key, second_key = make_key("free"), make_key("free")
    assert get_echo(first_key).status_code == 200
    assert get_echo(first_key).status_code == 429
    assert get_echo(second_key).status_code == 200


@pytest.mark.django_db
def test_unlimited_plans_are_never_throttled_and_carry_no_quota_headers():
    raw = make_key("internal")
    responses = [get_echo(raw) for _ in range(5)]
    assert [r.status_code for r in responses] == [200] * 5
    assert "X-RateLimit-Limit" not in responses[-1]


@pytest.mark.django_db(transaction=True)
def test_exactly_the_limit_passes_under_concurrency():
    limit, extra = 20, 10
    Plan.objects.filter(slug="free").update(daily_request_limit=limit)
    raw = make_key("free")

    statuses = run_together([lambda: get_echo(raw).status_code] * (limit + extra), max_threads=limit + extra)

    assert sorted(statuses) == [200] * limit + [429] * extra


@pytest.mark.django_db
def test_a_counter_gets_its_expiry_when_created_and_no_later_request_moves_it():
    from django_redis import get_redis_connection

    from accounts.services import counter_consume

    window_end = datetime.now(UTC) + timedelta(hours=1)
    first = counter_consume(key="test-counter", limit=10, window_end=window_end, now=datetime.now(UTC))
    redis = get_redis_connection("default")
    full_key = cache.make_key("test-counter")
    created_ttl = redis.ttl(full_key)
    # A later request computes a much shorter window: the counter keeps the expiry it was created with.
    later = counter_consume(
        key="test-counter", limit=10, window_end=datetime.now(UTC) + timedelta(seconds=30), now=datetime.now(UTC)
    )

    assert (first.remaining, later.remaining) == (9, 8)
    assert 3600 <= created_ttl <= 3605
    assert redis.ttl(full_key) > 30
    assert int(redis.get(full_key)) == 2


@pytest.mark.django_db
def test_a_counter_costs_one_command_and_no_transaction(monkeypatch):
    import redis

    from accounts.services import counter_consume

    now = datetime.now(UTC)
    counter_consume(key="test-counter", limit=10, window_end=now + timedelta(minutes=1), now=now)  # loads the script
    sent = []
    send_command = redis.connection.AbstractConnection.send_command

    def recording(self, *args, **options):
        sent.append(args[0])
        return send_command(self, *args, **options)

    with monkeypatch.context() as patched:
        patched.setattr(redis.connection.AbstractConnection, "send_command", recording)
        patched.setattr(redis.Redis, "pipeline", lambda *args, **kwargs: pytest.fail("a counter opened a pipeline"))
        decision = counter_consume(key="test-counter", limit=10, window_end=now + timedelta(minutes=1), now=now)

    assert sent == ["EVALSHA"]
    assert decision.remaining == 8


def _count(key: str = "test-counter"):
    from accounts.services import counter_consume

    now = datetime.now(UTC)
    return counter_consume(key=key, limit=100, window_end=now + timedelta(minutes=1), now=now)


@pytest.mark.django_db
def test_a_redis_that_forgot_the_script_is_sent_it_and_counts_exactly():
    from django_redis import get_redis_connection

    redis = get_redis_connection("default")
    assert _count().remaining == 99
    redis.script_flush()
    assert _count().remaining == 98
    assert _count().remaining == 97
    assert int(redis.get(cache.make_key("test-counter"))) == 3
    assert 55 <= redis.ttl(cache.make_key("test-counter")) <= 65


@pytest.mark.django_db
def test_a_counter_connection_the_server_closed_is_replaced_before_the_count(settings):
    from django_redis import get_redis_connection

    from aimodelsmap.cache import breaker_for, kept_connections_for

    redis = get_redis_connection("default")
    assert _count().remaining == 99
    (idle,) = kept_connections_for(settings.CACHES["default"]["LOCATION"], None)._idle
    host, port = idle._sock.getsockname()[:2]
    assert redis.client_kill(f"{host}:{port}")  # the server closes the counter's idle connection
    assert _count().remaining == 98
    assert int(redis.get(cache.make_key("test-counter"))) == 2
    assert not breaker_for(settings.CACHES["default"]["LOCATION"]).is_open
