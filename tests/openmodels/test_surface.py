"""The OpenModels conventions: per-IP rate limit, headers, client address, read-only methods, schema."""

from datetime import UTC, datetime

import pytest
from rest_framework.test import APIClient

from aimodelsmap.api import openmodels
from aimodelsmap.api.clientip import client_ip, rate_limit_subject
from tests.concurrency import run_together
from tests.factories import ModelFactory

# Mid-minute, so a run never straddles two counting windows.
NOW = datetime(2026, 11, 21, 10, 15, 20, tzinfo=UTC)
RESET_AT = int(datetime(2026, 11, 21, 10, 16, tzinfo=UTC).timestamp())


@pytest.fixture
def frozen_clock(monkeypatch):
    monkeypatch.setattr(openmodels.timezone, "now", lambda: NOW)


@pytest.mark.django_db
def test_every_response_carries_the_rate_limit_headers(client, frozen_clock):
    first = client.get("/api/models")
    second = client.get("/api/models/missing")

    assert first.status_code == 200
    assert (first["X-RateLimit-Limit"], first["X-RateLimit-Remaining"], first["X-RateLimit-Reset"]) == (
        "100",
        "99",
        str(RESET_AT),
    )
    assert second.status_code == 404
    assert second["X-RateLimit-Remaining"] == "98"


@pytest.mark.django_db
def test_the_101st_request_in_a_minute_is_a_429_with_the_spec_message(client, frozen_clock):
    for _ in range(100):
        assert client.get("/api/health").status_code == 200

    response = client.get("/api/models")

    assert response.status_code == 429
    assert response.json() == {
        "error": {"status": 429, "message": "Rate limit exceeded. Try again in 40 seconds.", "type": "RATE_LIMITED"}
    }
    assert response["Retry-After"] == "40"
    assert (response["X-RateLimit-Limit"], response["X-RateLimit-Remaining"]) == ("100", "0")
    assert response["X-RateLimit-Reset"] == str(RESET_AT)


@pytest.mark.django_db
def test_the_limit_is_per_client_address_and_per_minute(client, frozen_clock, monkeypatch, settings):
    settings.OPENMODELS_RATE_LIMIT_PER_MINUTE = 2
    for _ in range(2):
        client.get("/api/health", REMOTE_ADDR="198.51.100.1")

    assert client.get("/api/health", REMOTE_ADDR="198.51.100.1").status_code == 429
    assert client.get("/api/health", REMOTE_ADDR="198.51.100.2").status_code == 200
    monkeypatch.setattr(openmodels.timezone, "now", lambda: NOW.replace(minute=16, second=1))
    assert client.get("/api/health", REMOTE_ADDR="198.51.100.1").status_code == 200


@pytest.mark.django_db(transaction=True)
def test_exactly_100_of_150_concurrent_requests_pass_whatever_x_forwarded_for_says(frozen_clock):
    ModelFactory(slug="only-model")

    def call(index: int):
        # Every request claims to come from a different address.
        forged = f"10.0.{index // 250}.{index % 250}"
        return lambda: APIClient().get("/api/models", HTTP_X_FORWARDED_FOR=forged).status_code

    # 50 threads keep 50 requests in flight at once: well inside this process's
    # Redis and PostgreSQL connection pools, so no request fails open.
    statuses = run_together([call(index) for index in range(150)], max_threads=50)

    assert sorted(statuses) == [200] * 100 + [429] * 50


@pytest.mark.django_db
def test_behind_a_trusted_proxy_forged_entries_left_of_it_change_nothing(client, frozen_clock, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.OPENMODELS_RATE_LIMIT_PER_MINUTE = 3
    statuses = [
        client.get("/api/health", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=f"1.1.1.{n}, 203.0.113.7").status_code
        for n in range(4)
    ]

    assert statuses == [200, 200, 200, 429]
    other = client.get("/api/health", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.8")
    assert other.status_code == 200


class _Request:
    def __init__(self, remote, forwarded=None):
        self.META = {"REMOTE_ADDR": remote}
        if forwarded is not None:
            self.META["HTTP_X_FORWARDED_FOR"] = forwarded


@pytest.mark.parametrize(
    ("trusted", "forwarded", "expected"),
    [
        (0, None, "192.0.2.1"),
        (0, "203.0.113.9", "192.0.2.1"),  # no trusted proxy: the header is ignored
        (1, None, "192.0.2.1"),  # a proxy we trust always sets it; without it only the socket is known
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "6.6.6.6, 203.0.113.9", "203.0.113.9"),
        (2, "6.6.6.6, 203.0.113.9, 10.0.0.2", "203.0.113.9"),
        (2, "203.0.113.9", "192.0.2.1"),  # fewer entries than trusted proxies
        (1, "not-an-ip", "192.0.2.1"),
        (1, "6.6.6.6, 2001:db8::1", "2001:db8::1"),
    ],
)
def test_client_ip_uses_the_nth_from_right_forwarded_entry_only_behind_trusted_proxies(
    settings, trusted, forwarded, expected
):
    settings.TRUSTED_PROXY_COUNT = trusted

    assert client_ip(_Request("192.0.2.1", forwarded)) == expected


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize("url", ["/api/models", "/api/models/gpt-4o", "/api/providers", "/api/telemetry/health/x"])
def test_writes_are_405_in_the_envelope(client, method, url):
    response = getattr(client, method)(url, data={}, format="json")

    assert response.status_code == 405
    assert response.json() == {
        "error": {"status": 405, "message": f'Method "{method.upper()}" not allowed.', "type": "METHOD_NOT_ALLOWED"}
    }
    assert response["X-RateLimit-Limit"] == "100"


@pytest.mark.django_db
def test_unknown_urls_under_api_are_404s_in_the_envelope(client):
    response = client.get("/api/telemetry/nothing/here")

    assert response.status_code == 404
    assert response.json() == {"error": {"status": 404, "message": "Resource not found.", "type": "NOT_FOUND"}}


@pytest.mark.django_db
def test_no_api_key_is_needed_and_a_bad_one_is_ignored(client):
    response = client.get("/api/models", HTTP_X_API_KEY="garbage")

    assert response.status_code == 200


def test_every_openmodels_operation_is_tagged_public_and_documents_its_errors(settings):
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    operations = {path: item["get"] for path, item in schema["paths"].items() if path.startswith("/api/")}

    assert set(operations) == {
        "/api/models",
        "/api/models/{model_id}",
        "/api/models/{model_id}/providers",
        "/api/models/{model_id}/compare",
        "/api/providers",
        "/api/providers/{provider_id}",
        "/api/telemetry/health/{provider_id}",
        "/api/telemetry/latency/{provider_id}",
        "/api/telemetry/ranked/{model_id}",
        "/api/health",
    }
    for path, operation in operations.items():
        assert operation["tags"] == ["openmodels"], path
        assert operation.get("security", []) in ([], [{}]), path
        assert "429" in operation["responses"], path
        if "{" in path:
            assert "404" in operation["responses"], path


@pytest.mark.parametrize(
    ("address", "subject"),
    [
        ("198.51.100.7", "198.51.100.7"),
        ("2001:db8:1:2:aaaa::1", "2001:db8:1:2::/64"),
        ("2001:db8:1:2:ffff:ffff:ffff:ffff", "2001:db8:1:2::/64"),
        ("::ffff:198.51.100.7", "198.51.100.7"),
        ("", ""),
    ],
)
def test_ipv6_clients_are_limited_per_64_block(address, subject):
    assert rate_limit_subject(address) == subject


@pytest.mark.django_db
def test_rotating_addresses_inside_one_ipv6_64_buys_nothing(client, frozen_clock, settings):
    settings.OPENMODELS_RATE_LIMIT_PER_MINUTE = 2
    statuses = [client.get("/api/health", REMOTE_ADDR=f"2001:db8::{n:x}").status_code for n in range(1, 4)]

    assert statuses == [200, 200, 429]
