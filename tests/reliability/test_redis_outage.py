"""Redis down: reads keep coming from the database, limits fail open, /health says so, recovery is automatic."""

import logging

import pytest
from rest_framework.test import APIClient

from accounts.models import ApiKey, Plan
from accounts.services import api_key_revoke
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


def test_keyed_reads_are_served_without_redis_and_the_quota_fails_open_with_a_warning(redis_down, caplog):
    Plan.objects.filter(slug="free").update(daily_request_limit=1)
    client = keyed(make_key("free"))
    with caplog.at_level(logging.WARNING):
        statuses = [client.get("/v1/things").status_code for _ in range(3)]
    assert statuses == [200, 200, 200]
    warnings = [r.getMessage() for r in caplog.records if r.name == "accounts.services"]
    assert "rate-limit counter unavailable, allowing request: ConnectionError" in warnings


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
