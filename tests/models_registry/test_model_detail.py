from datetime import date

import pytest

from models_registry.identity.normalize import normalize_model_id
from tests.factories import EndpointFactory, ModelAliasFactory, PriceFactory, ProviderFactory
from tests.models_registry.conftest import error_of

pytestmark = pytest.mark.django_db


def test_it_serves_the_full_profile(api_client, catalog):
    model = catalog.models["claude-3-5-sonnet"]
    response = api_client.get("/v1/models/claude-3-5-sonnet")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"data"}
    data = body["data"]
    assert data == {
        "slug": "claude-3-5-sonnet",
        "name": "Claude 3.5 Sonnet",
        "description": "Claude 3.5 Sonnet by Anthropic.",
        "model_type": "large-language-model",
        "status": "active",
        "release_date": "2025-01-15",
        "context_window": 128000,
        "provider": {"name": "Anthropic", "slug": "anthropic"},
        "aliases": ["claude-3.5-sonnet", "sonnet-3.5"],
        "categories": [
            {"slug": "coding", "name": "Coding"},
            {"slug": "coding-generation", "name": "Code Generation"},
        ],
        "scores": [
            {
                "category": "overall",
                "score": 94.2,
                "quality_rank": 1,
                "adoption_rank": 2,
                "state": "stable",
                "recorded_at": "2026-02-25T18:00:00Z",
            },
            {
                "category": "coding",
                "score": 95.0,
                "quality_rank": 1,
                "adoption_rank": 2,
                "state": "stable",
                "recorded_at": "2026-02-25T18:00:00Z",
            },
        ],
        "pricing": {
            "input_price_per_million": 3,
            "output_price_per_million": 15,
            "image_price": None,
            "video_price_per_minute": None,
            "updated_at": "2025-11-01",
        },
        "created_at": model.created_at.isoformat().replace("+00:00", "Z"),
        "updated_at": model.updated_at.isoformat().replace("+00:00", "Z"),
    }


def test_prices_render_as_exact_numbers(api_client, catalog):
    model = catalog.models["gpt-4o-mini"]
    PriceFactory(
        endpoint=EndpointFactory(model=model, host=catalog.providers["openai"]),
        input_per_million="0.075",
        output_per_million="0.3",
        effective_from=date(2025, 1, 1),
    )
    pricing = api_client.get("/v1/models/gpt-4o-mini").json()["data"]["pricing"]
    assert (pricing["input_price_per_million"], pricing["output_price_per_million"]) == (0.075, 0.3)
    assert b'"input_price_per_million":0.075' in api_client.get("/v1/models/gpt-4o-mini").content


def test_the_price_is_the_creators_own_endpoint(api_client, catalog):
    model = catalog.models["claude-3-5-sonnet"]
    host = ProviderFactory(slug="bedrock", name="Bedrock", is_creator=False)
    PriceFactory(endpoint=EndpointFactory(model=model, host=host, provider_model_id="x"), input_per_million="9")
    assert api_client.get("/v1/models/claude-3-5-sonnet").json()["data"]["pricing"]["input_price_per_million"] == 3


def test_a_model_without_rows_has_empty_scores_and_null_pricing(api_client, catalog):
    data = api_client.get("/v1/models/claude-3-haiku").json()["data"]
    assert data["scores"] == []
    assert data["pricing"] is None
    assert data["aliases"] == []
    assert data["categories"] == []


@pytest.mark.parametrize("alias", ["claude-3.5-sonnet", "Sonnet-3.5", "SONNET-3.5"])
def test_an_alias_resolves_to_the_canonical_model(api_client, catalog, alias):
    response = api_client.get(f"/v1/models/{alias}")
    assert response.status_code == 200
    assert response.json()["data"]["slug"] == "claude-3-5-sonnet"


@pytest.mark.parametrize(
    ("typed", "rule"),
    [
        ("together-claude-3.5-sonnet-20241022", "host_route"),  # a provider's name before the id
        ("unsloth/claude-3.5-sonnet-20241022", "republished"),  # an unknown org's namespace
        ("claude-3-5-sonnet-20241022-fp8", "host_deployment"),  # a host's quantised build
    ],
)
def test_an_id_no_alias_holds_resolves_by_the_rules_of_the_resolve_endpoint(api_client, catalog, typed, rule):
    ModelAliasFactory(
        model=catalog.models["claude-3-5-sonnet"],
        alias="claude-3.5-sonnet-20241022",
        normalized=normalize_model_id("claude-3.5-sonnet-20241022"),
    )
    resolved = api_client.get("/v1/resolve", {"id": typed}).json()["data"]
    assert (resolved["model"]["slug"], resolved["rule"]) == ("claude-3-5-sonnet", rule)

    response = api_client.get(f"/v1/models/{typed}")

    assert response.status_code == 200
    assert response.json()["data"]["slug"] == "claude-3-5-sonnet"


def test_an_unknown_slug_is_a_404_in_the_envelope(api_client, catalog):
    error = error_of(api_client.get("/v1/models/no-such-model"), 404, "not_found")
    assert error == {"code": "not_found", "message": "Model not found.", "details": None}


def test_it_requires_an_api_key(client, catalog):
    error_of(client.get("/v1/models/claude-3-5-sonnet"), 401, "unauthorized")


@pytest.mark.parametrize("typed", ["claude-3-5-sonnet-20241022", "Claude-3.5-Sonnet-20241022"])
def test_an_identifier_resolves_through_the_identity_normalisation(api_client, catalog, typed):
    # Ingestion stores aliases normalised (dots and case folded); a client may type any spelling.
    ModelAliasFactory(
        model=catalog.models["claude-3-5-sonnet"],
        alias="claude-3.5-sonnet-20241022",
        normalized=normalize_model_id("claude-3.5-sonnet-20241022"),
    )
    response = api_client.get(f"/v1/models/{typed}")
    assert response.status_code == 200
    assert response.json()["data"]["slug"] == "claude-3-5-sonnet"
    compared = api_client.get("/v1/models/compare", {"slugs": f"{typed},gpt-4o"}).json()
    assert compared["slugs_found"] == ["claude-3-5-sonnet", "gpt-4o"]
