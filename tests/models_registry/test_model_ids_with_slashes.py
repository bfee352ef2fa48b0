"""Model ids holding "/" (OpenRouter's, LiteLLM's routes) name a model in the path, encoded or not."""

import pytest

from models_registry.identity.normalize import normalize_model_id
from tests.factories import ModelAliasFactory, ReviewFactory, SignalFactory
from tests.models_registry.conftest import error_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalog_with_routes(catalog):
    sonnet = catalog.models["claude-3-5-sonnet"]
    for raw_id in ("anthropic/claude-3.5-sonnet-20241022", "bedrock/us-east-1/anthropic.claude-3-5-sonnet-v2:0"):
        ModelAliasFactory(model=sonnet, alias=raw_id, normalized=normalize_model_id(raw_id), source="litellm")
    SignalFactory(model=sonnet)
    ReviewFactory(model=sonnet)
    return catalog


@pytest.mark.parametrize(
    "path",
    [
        "anthropic%2Fclaude-3.5-sonnet-20241022",
        "anthropic%2fclaude-3.5-sonnet-20241022",
        "anthropic/claude-3.5-sonnet-20241022",
        "openrouter/anthropic/claude-3-5-sonnet-20241022",
        "bedrock%2Fus-east-1%2Fanthropic.claude-3-5-sonnet-v2%3A0",
    ],
)
def test_the_v1_detail_resolves_an_id_with_slashes(api_client, catalog_with_routes, path):
    response = api_client.get(f"/v1/models/{path}")

    assert response.status_code == 200
    assert response.json()["data"]["slug"] == "claude-3-5-sonnet"


def test_an_unknown_id_with_slashes_is_a_404_in_the_envelope(api_client, catalog_with_routes):
    error = error_of(api_client.get("/v1/models/anthropic%2Fclaude-9"), 404, "not_found")

    assert error == {"code": "not_found", "message": "Model not found.", "details": None}


@pytest.mark.parametrize(
    ("path", "key"),
    [
        ("/v1/models/claude-3-5-sonnet/pricing", "data"),
        ("/v1/models/claude-3-5-sonnet/scores", "model"),
        ("/v1/models/claude-3-5-sonnet/signals", "model"),
        ("/v1/models/claude-3-5-sonnet/reviews", "model"),
        ("/v1/models/search?q=sonnet", "query"),
        ("/v1/models/compare?slugs=claude-3-5-sonnet,gpt-4o", "slugs_found"),
    ],
)
def test_the_sub_resources_and_fixed_paths_still_answer(api_client, catalog_with_routes, path, key):
    response = api_client.get(path)

    assert response.status_code == 200, response.content
    assert key in response.json()


@pytest.mark.parametrize(
    "path",
    ["anthropic%2Fclaude-3.5-sonnet-20241022", "anthropic/claude-3.5-sonnet-20241022"],
)
def test_the_openmodels_detail_and_its_providers_resolve_an_id_with_slashes(client, catalog_with_routes, path):
    detail = client.get(f"/api/models/{path}")
    providers = client.get(f"/api/models/{path}/providers")

    assert detail.status_code == 200
    assert detail.json()["id"] == "claude-3-5-sonnet"
    assert providers.status_code == 200
    assert [row["provider"]["id"] for row in providers.json()["data"]] == ["anthropic"]
