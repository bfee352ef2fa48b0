"""Contract tests: /api/providers..., /api/telemetry/..., /api/health."""

from datetime import timedelta

import pytest
from django.utils import timezone

from telemetry import services
from telemetry.api.openmodels import views as telemetry_views
from tests.factories import EndpointFactory, ModelFactory, ProviderFactory, SampleFactory
from tests.openmodels.conftest import rollup

pytestmark = pytest.mark.django_db

PROVIDER_NOT_FOUND = {"error": {"status": 404, "message": "Provider not found.", "type": "NOT_FOUND"}}
THRESHOLDS = {"down_below_uptime": 0.5, "degraded_below_uptime": 0.99, "degraded_above_error_rate": 0.05}


def test_it_lists_hosts_with_model_counts_and_health(client, catalog):
    response = client.get("/api/providers")

    assert response.status_code == 200
    assert response.json() == {
        "data": [
            {
                "id": "fireworks",
                "name": "Fireworks",
                "website": "",
                "description": "",
                "is_creator": False,
                "is_host": True,
                "models_count": 1,
                "status": "healthy",
            },
            {
                "id": "openai",
                "name": "OpenAI",
                "website": "https://openai.com",
                "description": "",
                "is_creator": True,
                "is_host": True,
                "models_count": 1,
                "status": "unknown",
            },
            {
                "id": "together",
                "name": "Together AI",
                "website": "",
                "description": "",
                "is_creator": False,
                "is_host": True,
                "models_count": 1,
                "status": "healthy",
            },
        ],
        "pagination": {"page": 1, "limit": 20, "total": 3},
    }


def test_walking_provider_pages_returns_each_host_once(client, db):
    for index in range(25):
        ProviderFactory(slug=f"host-{index:02d}", name=f"Host {index:02d}", is_host=True)
    ProviderFactory(slug="creator-only", is_host=False)
    seen = []
    for page in (1, 2, 3, 4):
        body = client.get(f"/api/providers?page={page}&limit=8").json()
        assert body["pagination"] == {"page": page, "limit": 8, "total": 25}
        seen += [provider["id"] for provider in body["data"]]
    assert seen == [f"host-{index:02d}" for index in range(25)]
    assert client.get("/api/providers?page=5&limit=8").json()["data"] == []


def test_provider_detail_lists_the_models_it_serves(client, catalog):
    EndpointFactory(
        model=ModelFactory(slug="old", name="Old"), host=catalog.together, provider_model_id="old", status="retired"
    )

    response = client.get("/api/providers/together")

    assert response.status_code == 200
    assert response.json() == {
        "id": "together",
        "name": "Together AI",
        "website": "",
        "description": "",
        "is_creator": False,
        "is_host": True,
        "models_count": 1,
        "status": "healthy",
        "models": [
            {
                "id": "llama-3-3-70b",
                "name": "Llama 3.3 70B",
                "vendor": "meta",
                "provider_model_id": "meta-llama/Llama-3.3-70B-Instruct-Turbo",
                "status": "active",
            }
        ],
    }


@pytest.mark.parametrize(
    "url",
    ["/api/providers/nobody", "/api/telemetry/health/nobody", "/api/telemetry/latency/nobody"],
)
def test_an_unknown_provider_is_a_404_in_the_envelope(client, catalog, url):
    response = client.get(url)

    assert response.status_code == 404
    assert response.json() == PROVIDER_NOT_FOUND


def test_health_reports_status_windows_and_last_incident(client, catalog):
    response = client.get("/api/telemetry/health/together")

    assert response.status_code == 200
    window = {"sample_count": 100, "uptime": 0.99, "error_rate": 0.01}
    assert response.json() == {
        "provider": {"id": "together", "name": "Together AI"},
        "status": "healthy",
        "windows": {"1h": window, "24h": window, "7d": window},
        "last_incident": {
            "at": "2026-11-20T11:30:00Z",
            "error_kind": "5xx",
            "http_status": 502,
            "model_id": "llama-3-3-70b",
            "provider_model_id": "meta-llama/Llama-3.3-70B-Instruct-Turbo",
        },
        "thresholds": THRESHOLDS,
        "updated_at": "2026-11-20T12:00:00Z",
    }


def test_health_of_an_unprobed_provider_is_unknown(client, catalog):
    body = client.get("/api/telemetry/health/openai").json()

    empty = {"sample_count": 0, "uptime": None, "error_rate": None}
    assert body["status"] == "unknown"
    assert body["windows"] == {"1h": empty, "24h": empty, "7d": empty}
    assert (body["last_incident"], body["updated_at"]) == (None, None)


def test_health_is_down_below_half_uptime_from_real_samples(client, catalog):
    now = timezone.now()
    for minute in range(10):
        failed = minute < 6
        SampleFactory(
            endpoint=catalog.gpt4o_openai,
            measured_at=now - timedelta(minutes=minute + 1),
            success=not failed,
            error_kind="connection" if failed else "",
            http_status=None if failed else 200,
        )
    services.rollups_refresh(as_of=now)

    body = client.get("/api/telemetry/health/openai").json()

    assert body["status"] == "down"
    assert body["windows"]["1h"] == {"sample_count": 10, "uptime": 0.4, "error_rate": 0.6}
    assert body["last_incident"]["error_kind"] == "connection"
    # The refresh found no recent samples for together: no data now, not stale figures.
    assert client.get("/api/telemetry/health/together").json()["status"] == "unknown"


def test_latency_lists_percentiles_per_model_and_window(client, catalog):
    rollup(catalog.gpt4o_openai, "7d", ttft_p50_ms=1.0, ttft_p90_ms=2.0, ttft_p99_ms=3.0)
    response = client.get("/api/telemetry/latency/together")

    assert response.status_code == 200
    window = {
        "sample_count": 100,
        "ttft_ms": {"p50": 400.0, "p90": 700.0, "p99": 1200.0},
        "latency_ms": {"p50": 1000.0, "p90": 1800.0, "p99": 3000.0},
        "tokens_per_second": 90.0,
    }
    assert response.json() == {
        "provider": {"id": "together", "name": "Together AI"},
        "data": [
            {
                "model": {"id": "llama-3-3-70b", "name": "Llama 3.3 70B", "vendor": "meta"},
                "provider_model_id": "meta-llama/Llama-3.3-70B-Instruct-Turbo",
                "windows": {"1h": window, "24h": window, "7d": window},
            }
        ],
        "pagination": {"page": 1, "limit": 20, "total": 1},
    }
    openai = client.get("/api/telemetry/latency/openai").json()["data"][0]["windows"]
    assert (openai["1h"], openai["24h"], openai["7d"]["ttft_ms"]) == (None, None, {"p50": 1.0, "p90": 2.0, "p99": 3.0})


def test_latency_paginates_models(client, catalog):
    for index in range(3):
        EndpointFactory(model=ModelFactory(slug=f"z-{index}", name=f"Z {index}"), host=catalog.together)

    body = client.get("/api/telemetry/latency/together?page=2&limit=3").json()

    assert [row["model"]["id"] for row in body["data"]] == ["z-2"]
    assert body["pagination"] == {"page": 2, "limit": 3, "total": 4}


def test_ranked_returns_hosts_in_balanced_order_with_the_weights(client, catalog):
    response = client.get("/api/telemetry/ranked/llama-3-3-70b")

    assert response.status_code == 200
    body = response.json()
    assert body["model"] == {"id": "llama-3-3-70b", "name": "Llama 3.3 70B", "vendor": "meta"}
    assert (body["sort"], body["window"]) == ("balanced", "24h")
    assert body["weights"] == {"price": 0.3, "latency": 0.25, "throughput": 0.2, "uptime": 0.25}
    assert body["pagination"] == {"page": 1, "limit": 20, "total": 2}
    first, second = body["data"]
    assert first == {
        "provider": {"id": "fireworks", "name": "Fireworks"},
        "provider_model_id": "accounts/fireworks/models/llama-v3p3-70b-instruct",
        "input_per_million": 0.9,
        "output_per_million": 0.9,
        "price": 0.9,
        "latency_p50_ms": 800.0,
        "latency_p95_ms": 2500.0,
        "tokens_per_second": 120.0,
        "uptime": 1.0,
        "sample_count": 50,
        "rank": 1,
        "score": 0.7,
    }
    assert (second["provider"]["id"], second["rank"], second["score"]) == ("together", 2, 0.3)


@pytest.mark.parametrize(
    ("sort", "order"),
    [
        ("price", ["together", "fireworks"]),
        ("latency", ["fireworks", "together"]),
        ("throughput", ["fireworks", "together"]),
        ("uptime", ["fireworks", "together"]),
    ],
)
def test_ranked_sorts_by_each_column(client, catalog, sort, order):
    body = client.get(f"/api/telemetry/ranked/llama-3-3-70b?sort={sort}").json()

    assert body["sort"] == sort
    assert [row["provider"]["id"] for row in body["data"]] == order
    assert [row["rank"] for row in body["data"]] == [1, 2]


def test_ranked_rejects_an_unknown_sort(client, catalog):
    response = client.get("/api/telemetry/ranked/llama-3-3-70b?sort=vibes")

    assert response.status_code == 400
    assert response.json() == {"error": {"status": 400, "message": "Invalid value for: sort.", "type": "BAD_REQUEST"}}


def test_ranked_resolves_aliases_and_404s_unknown_models(client, catalog):
    assert client.get("/api/telemetry/ranked/openai/gpt-4o").json()["model"]["id"] == "gpt-4o"
    response = client.get("/api/telemetry/ranked/unknown-model")
    assert response.status_code == 404
    assert response.json() == {"error": {"status": 404, "message": "Model not found.", "type": "NOT_FOUND"}}


def test_system_health_checks_database_redis_and_telemetry_freshness(client, catalog):
    measured = timezone.now().replace(microsecond=0) - timedelta(minutes=3)
    SampleFactory(endpoint=catalog.gpt4o_openai, measured_at=measured)

    response = client.get("/api/health")

    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"status", "timestamp", "version", "services", "telemetry"}
    assert (body["status"], body["version"]) == ("ok", "1.0.0")
    assert body["services"] == {"database": "healthy", "redis": "healthy"}
    assert body["telemetry"] == {
        "last_sample_at": measured.isoformat().replace("+00:00", "Z"),
        "rollups_computed_at": "2026-11-20T12:00:00Z",
    }


def test_system_health_is_503_degraded_when_the_database_is_down(client, monkeypatch):
    monkeypatch.setattr(telemetry_views, "database_status", lambda: "unhealthy")

    response = client.get("/api/health")

    assert response.status_code == 503
    body = response.json()
    assert (body["status"], body["services"]) == ("degraded", {"database": "unhealthy", "redis": "healthy"})
    assert body["telemetry"] == {"last_sample_at": None, "rollups_computed_at": None}


def test_an_unexpected_failure_is_a_500_in_the_envelope(client, catalog, monkeypatch):
    def explode(provider_ids):
        raise RuntimeError("boom")

    monkeypatch.setattr(telemetry_views, "provider_health", explode)

    response = client.get("/api/telemetry/health/together")

    assert response.status_code == 500
    assert response.json() == {
        "error": {"status": 500, "message": "An unexpected error occurred.", "type": "INTERNAL_ERROR"}
    }
