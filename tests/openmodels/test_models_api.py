"""Contract tests: /api/models, /api/models/{id}, /providers and /compare."""

import pytest

from aimodelsmap.dataversion import data_version_bump
from tests.factories import EndpointFactory, ModelAliasFactory, ModelFactory, PriceFactory, ProviderFactory
from tests.openmodels.conftest import COMPUTED_AT

pytestmark = pytest.mark.django_db

GPT4O = {
    "id": "gpt-4o",
    "name": "GPT-4o",
    "vendor": "openai",
    "capabilities": ["chat", "code", "vision"],
    "context_window": 128000,
    "max_output_tokens": 16384,
    "model_type": "large-language-model",
    "status": "active",
    "release_date": "2024-05-13",
    "open_weights": False,
    "knowledge_cutoff": "2023-10",
}
LLAMA = {
    "id": "llama-3-3-70b",
    "name": "Llama 3.3 70B",
    "vendor": "meta",
    "capabilities": ["chat", "code"],
    "context_window": 131072,
    "max_output_tokens": 8192,
    "model_type": "large-language-model",
    "status": "active",
    "release_date": "2024-12-06",
    "open_weights": True,
    "knowledge_cutoff": "",
}
NOT_FOUND = {"error": {"status": 404, "message": "Model not found.", "type": "NOT_FOUND"}}


def test_it_lists_models_by_name_in_the_spec_shape(client, catalog):
    response = client.get("/api/models")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"data": [GPT4O, LLAMA], "pagination": {"page": 1, "limit": 20, "total": 2}}


@pytest.mark.parametrize(
    ("query", "ids"),
    [
        ("search=llama", ["llama-3-3-70b"]),
        ("search=LLAMA 3.3", ["llama-3-3-70b"]),
        ("search=openai/gpt", ["gpt-4o"]),  # an alias
        ("search=gpt-4", ["gpt-4o"]),  # the slug
        ("search=nothing-like-this", []),
        ("search=", ["gpt-4o", "llama-3-3-70b"]),
        ("capability=vision", ["gpt-4o"]),
        ("capability=code", ["gpt-4o", "llama-3-3-70b"]),
        ("capability=teleport", []),
        ("vendor=meta", ["llama-3-3-70b"]),
        ("vendor=openai&capability=vision", ["gpt-4o"]),
        ("vendor=meta&capability=vision", []),
    ],
)
def test_it_filters_by_search_capability_and_vendor(client, catalog, query, ids):
    response = client.get(f"/api/models?{query}")

    assert response.status_code == 200
    body = response.json()
    assert [model["id"] for model in body["data"]] == ids
    assert body["pagination"]["total"] == len(ids)


def test_walking_every_page_returns_each_model_once(client, db):
    creator = ProviderFactory(slug="acme")
    for index in range(47):
        ModelFactory(slug=f"m-{index:02d}", name=f"Model {index:02d}", creator=creator)
    seen, page = [], 1
    while True:
        response = client.get(f"/api/models?page={page}&limit=10")
        assert response.status_code == 200
        body = response.json()
        assert body["pagination"] == {"page": page, "limit": 10, "total": 47}
        if not body["data"]:
            break
        seen += [model["id"] for model in body["data"]]
        page += 1
    assert page == 6  # pages 1..5 hold data (10, 10, 10, 10, 7), page 6 is empty
    assert seen == [f"m-{index:02d}" for index in range(47)]


def test_limit_caps_at_one_hundred(client, db):
    creator = ProviderFactory(slug="acme")
    for index in range(101):
        ModelFactory(slug=f"m-{index:03d}", creator=creator)

    body = client.get("/api/models?limit=100").json()

    assert len(body["data"]) == 100
    assert body["pagination"] == {"page": 1, "limit": 100, "total": 101}


@pytest.mark.parametrize(
    "query",
    ["page=0", "page=-1", "page=abc", "page=1.5", "page=1000001", "limit=0", "limit=101", "limit=ten", "limit=5.0"],
)
def test_it_rejects_bad_page_and_limit_values(client, catalog, query):
    response = client.get(f"/api/models?{query}")

    assert response.status_code == 400
    field = query.split("=")[0]
    assert response.json() == {
        "error": {"status": 400, "message": f"Invalid value for: {field}.", "type": "BAD_REQUEST"}
    }


def test_it_rejects_a_search_with_a_nul_byte(client, catalog):
    response = client.get("/api/models?search=a%00b")

    assert response.status_code == 400
    assert response.json()["error"]["type"] == "BAD_REQUEST"


def test_model_detail_returns_the_object_directly(client, catalog):
    response = client.get("/api/models/gpt-4o")

    assert response.status_code == 200
    assert response.json() == {
        **GPT4O,
        "description": "GPT-4o description",
        "aliases": ["openai/gpt-4o"],
        "providers_count": 1,
        "pricing": {
            "currency": "USD",
            "input_per_million": 2.5,
            "output_per_million": 10,
            "cache_read_per_million": None,
            "cache_write_per_million": None,
            "free_tier_available": False,
            "effective_from": "2025-01-01",
            "provider": "openai",
        },
    }


def test_model_detail_resolves_aliases_including_ones_with_slashes(client, catalog):
    ModelAliasFactory(model=catalog.llama, alias="Llama-3.3-70B-Instruct", normalized="llama-3.3-70b-instruct")

    assert client.get("/api/models/openai/gpt-4o").json()["id"] == "gpt-4o"
    assert client.get("/api/models/openai%2Fgpt-4o").json()["id"] == "gpt-4o"
    assert client.get("/api/models/Llama-3.3-70B-Instruct").json()["id"] == "llama-3-3-70b"


def test_a_model_without_price_or_hosts_has_null_pricing(client, db):
    ModelFactory(slug="lonely", creator=ProviderFactory(slug="solo"))

    body = client.get("/api/models/lonely").json()

    assert (body["pricing"], body["providers_count"]) == (None, 0)


@pytest.mark.parametrize("suffix", ["", "/providers", "/compare"])
def test_an_unknown_model_is_a_404_in_the_envelope(client, catalog, suffix):
    response = client.get(f"/api/models/no-such-model{suffix}")

    assert response.status_code == 404
    assert response.json() == NOT_FOUND


def test_model_providers_lists_every_host_with_price_and_telemetry(client, catalog):
    EndpointFactory(model=catalog.llama, host=ProviderFactory(slug="gone"), provider_model_id="x", status="retired")

    response = client.get("/api/models/llama-3-3-70b/providers")

    assert response.status_code == 200
    body = response.json()
    assert body["pagination"] == {"page": 1, "limit": 20, "total": 2}
    fireworks, together = body["data"]
    assert fireworks["provider"] == {"id": "fireworks", "name": "Fireworks"}
    assert together == {
        "provider": {"id": "together", "name": "Together AI"},
        "provider_model_id": "meta-llama/Llama-3.3-70B-Instruct-Turbo",
        "context_window": 131072,
        "max_output_tokens": 4096,
        "status": "active",
        "pricing": {
            "currency": "USD",
            "input_per_million": 0.88,
            "output_per_million": 0.88,
            "cache_read_per_million": None,
            "cache_write_per_million": None,
            "free_tier_available": False,
            "effective_from": "2025-06-01",
        },
        "telemetry": {
            "window": "24h",
            "sample_count": 100,
            "uptime": 0.99,
            "error_rate": 0.01,
            "ttft_p50_ms": 400.0,
            "latency_p50_ms": 1000.0,
            "latency_p95_ms": 2000.0,
            "tokens_per_second": 90.0,
            "computed_at": COMPUTED_AT.isoformat().replace("+00:00", "Z"),
        },
    }


def test_model_providers_has_null_telemetry_before_any_probe(client, catalog):
    body = client.get("/api/models/gpt-4o/providers").json()

    assert [(row["provider"]["id"], row["telemetry"]) for row in body["data"]] == [("openai", None)]


def test_model_providers_paginates(client, catalog):
    body = client.get("/api/models/llama-3-3-70b/providers?limit=1&page=2").json()

    assert [row["provider"]["id"] for row in body["data"]] == ["together"]
    assert body["pagination"] == {"page": 2, "limit": 1, "total": 2}


def test_compare_puts_hosts_side_by_side_and_marks_the_best(client, catalog):
    response = client.get("/api/models/llama-3-3-70b/compare")

    assert response.status_code == 200
    body = response.json()
    assert body["model"] == {"id": "llama-3-3-70b", "name": "Llama 3.3 70B", "vendor": "meta"}
    assert body["window"] == "24h"
    assert body["best"] == {
        "price": ["together"],
        "latency_p50": ["fireworks"],
        "latency_p95": ["together"],
        "throughput": ["fireworks"],
        "uptime": ["fireworks"],
    }
    fireworks, together = body["providers"]
    assert fireworks == {
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
        "best": ["latency_p50", "throughput", "uptime"],
    }
    assert together["best"] == ["price", "latency_p95"]


def test_compare_of_an_unprobed_model_has_nulls_and_no_telemetry_winners(client, catalog):
    body = client.get("/api/models/gpt-4o/compare").json()

    (row,) = body["providers"]
    assert (row["price"], row["latency_p50_ms"], row["uptime"], row["sample_count"]) == (4.375, None, None, 0)
    assert body["best"] == {"price": ["openai"], "latency_p50": [], "latency_p95": [], "throughput": [], "uptime": []}


def test_the_list_is_cached_until_the_data_version_changes(client, catalog, django_capture_on_commit_callbacks):
    assert client.get("/api/models").json()["pagination"]["total"] == 2
    ModelFactory(slug="new-model", creator=catalog.meta)
    assert client.get("/api/models").json()["pagination"]["total"] == 2

    with django_capture_on_commit_callbacks(execute=True):
        data_version_bump()

    assert client.get("/api/models").json()["pagination"]["total"] == 3


def test_compare_keeps_two_endpoints_of_one_host_apart(client, catalog):
    cheaper = EndpointFactory(model=catalog.llama, host=catalog.together, provider_model_id="llama-3.3-70b-lite")
    PriceFactory(endpoint=cheaper, input_per_million="0.2", output_per_million="0.2")

    body = client.get("/api/models/llama-3-3-70b/compare").json()

    rows = [(row["provider"]["id"], row["provider_model_id"], row["best"]) for row in body["providers"]]
    assert rows == [
        ("fireworks", "accounts/fireworks/models/llama-v3p3-70b-instruct", ["latency_p50", "throughput", "uptime"]),
        ("together", "meta-llama/Llama-3.3-70B-Instruct-Turbo", ["latency_p95"]),
        ("together", "llama-3.3-70b-lite", ["price"]),
    ]
    assert body["best"]["price"] == ["together"]
    ranked = client.get("/api/telemetry/ranked/llama-3-3-70b?sort=price").json()["data"]
    assert [row["provider_model_id"] for row in ranked] == [
        "llama-3.3-70b-lite",
        "meta-llama/Llama-3.3-70B-Instruct-Turbo",
        "accounts/fireworks/models/llama-v3p3-70b-instruct",
    ]
