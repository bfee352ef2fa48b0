import pytest

from tests.models_registry.conftest import error_of

pytestmark = pytest.mark.django_db


def test_it_compares_models_with_the_spec_shape(api_client, catalog):
    response = api_client.get("/v1/models/compare", {"slugs": "claude-3-5-sonnet,gpt-4o"})
    assert response.status_code == 200
    body = response.json()
    assert body["slugs_requested"] == ["claude-3-5-sonnet", "gpt-4o"]
    assert body["slugs_found"] == ["claude-3-5-sonnet", "gpt-4o"]
    assert body["data"][0] == {
        "model": {
            "slug": "claude-3-5-sonnet",
            "name": "Claude 3.5 Sonnet",
            "description": "Claude 3.5 Sonnet by Anthropic.",
            "model_type": "large-language-model",
            "provider": {"name": "Anthropic", "slug": "anthropic"},
            "context_window": 128000,
            "release_date": "2025-01-15",
        },
        "scores": [
            {"category": "overall", "score": 94.2, "quality_rank": 1, "adoption_rank": 2, "state": "stable"},
            {"category": "coding", "score": 95.0, "quality_rank": 1, "adoption_rank": 2, "state": "stable"},
        ],
        "pricing": {
            "input_price_per_million": 3,
            "output_price_per_million": 15,
            "image_price": None,
            "video_price_per_minute": None,
        },
        "categories": ["coding", "coding-generation"],
    }
    assert body["data"][1]["model"]["slug"] == "gpt-4o"
    assert body["data"][1]["pricing"] is None
    assert body["data"][1]["categories"] == ["coding-generation"]


def test_unknown_slugs_are_left_out_of_slugs_found(api_client, catalog):
    body = api_client.get("/v1/models/compare", {"slugs": "gpt-4o,nope,claude-3-opus"}).json()
    assert body["slugs_requested"] == ["gpt-4o", "nope", "claude-3-opus"]
    assert body["slugs_found"] == ["gpt-4o", "claude-3-opus"]
    assert [entry["model"]["slug"] for entry in body["data"]] == ["gpt-4o", "claude-3-opus"]


def test_aliases_resolve_to_canonical_slugs(api_client, catalog):
    body = api_client.get("/v1/models/compare", {"slugs": "sonnet-3.5,gpt-4o"}).json()
    assert body["slugs_found"] == ["claude-3-5-sonnet", "gpt-4o"]


def test_four_slugs_are_accepted(api_client, catalog):
    body = api_client.get("/v1/models/compare", {"slugs": "gpt-4o, gpt-4o-mini ,claude-3-opus,dall-e-3"}).json()
    assert body["slugs_found"] == ["gpt-4o", "gpt-4o-mini", "claude-3-opus", "dall-e-3"]


@pytest.mark.parametrize(
    "slugs",
    ["gpt-4o", "a,b,c,d,e", "gpt-4o,,claude-3-opus", "gpt-4o,gpt-4o", ",", ""],
)
def test_it_rejects_a_bad_slug_list(api_client, catalog, slugs):
    error = error_of(api_client.get("/v1/models/compare", {"slugs": slugs}), 400, "bad_request")
    assert list(error["details"]) == ["slugs"]


def test_it_requires_slugs(api_client, catalog):
    error = error_of(api_client.get("/v1/models/compare"), 400, "bad_request")
    assert error["details"] == {"slugs": ["This field is required."]}


def test_it_requires_an_api_key(client, catalog):
    error_of(client.get("/v1/models/compare", {"slugs": "a,b"}), 401, "unauthorized")
