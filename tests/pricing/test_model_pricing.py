from datetime import date

import pytest

from tests.factories import EndpointFactory, ModelAliasFactory, ModelFactory, PriceFactory, ProviderFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sonnet():
    """Claude 3.5 Sonnet at Anthropic (three dated prices) and at a host (one price)."""
    anthropic = ProviderFactory(slug="anthropic", name="Anthropic", is_host=True)
    model = ModelFactory(
        slug="claude-3-5-sonnet", name="Claude 3.5 Sonnet", creator=anthropic, release_date=date(2024, 6, 20)
    )
    own = EndpointFactory(model=model, host=anthropic)
    official = {"endpoint": own, "source": "official"}
    PriceFactory(**official, input_per_million="5", output_per_million="25", effective_from=date(2025, 1, 1))
    PriceFactory(**official, input_per_million="5", output_per_million="20", effective_from=date(2025, 6, 20))
    PriceFactory(
        endpoint=own,
        input_per_million="3",
        output_per_million="15",
        free_tier_available=True,
        free_tier_limits="Included in free API tier with rate limits",
        source="official",
        effective_from=date(2025, 11, 1),
    )
    bedrock = ProviderFactory(slug="bedrock", name="Amazon Bedrock", is_creator=False)
    hosted = EndpointFactory(model=model, host=bedrock, provider_model_id="anthropic.claude-3-5-sonnet")
    PriceFactory(endpoint=hosted, input_per_million="3.3", output_per_million="16.5", effective_from=date(2025, 7, 1))
    return model


def get_pricing(client, slug, **params):
    return client.get(f"/v1/models/{slug}/pricing", params)


def test_it_returns_the_canonical_current_price_and_history_newest_first(api_client, sonnet):
    response = get_pricing(api_client, "claude-3-5-sonnet")
    assert response.status_code == 200
    assert response.json() == {
        "data": {
            "current": {
                "model": {"slug": "claude-3-5-sonnet", "name": "Claude 3.5 Sonnet", "provider": "Anthropic"},
                "input_price_per_million": 3,
                "output_price_per_million": 15,
                "image_price": None,
                "video_price_per_minute": None,
                "free_tier_available": True,
                "free_tier_limits": "Included in free API tier with rate limits",
                "source": "official",
                "host": {"slug": "anthropic", "name": "Anthropic"},
                "updated_at": "2025-11-01",
                "valid_from": "2025-11-01",
            },
            "history": [
                {
                    "input_price_per_million": 5,
                    "output_price_per_million": 20,
                    "image_price": None,
                    "video_price_per_minute": None,
                    "source": "official",
                    "host": {"slug": "anthropic", "name": "Anthropic"},
                    "updated_at": "2025-06-20",
                    "valid_from": "2025-06-20",
                },
                {
                    "input_price_per_million": 5,
                    "output_price_per_million": 25,
                    "image_price": None,
                    "video_price_per_minute": None,
                    "source": "official",
                    "host": {"slug": "anthropic", "name": "Anthropic"},
                    "updated_at": "2025-01-01",
                    "valid_from": "2025-01-01",
                },
            ],
        }
    }


@pytest.mark.parametrize(
    ("as_of", "current", "history_dates"),
    [
        ("2024-12-31", None, []),
        ("2025-01-01", "2025-01-01", []),
        ("2025-06-19", "2025-01-01", []),
        ("2025-06-20", "2025-06-20", ["2025-01-01"]),
        ("2025-10-31", "2025-06-20", ["2025-01-01"]),
        ("2025-11-01", "2025-11-01", ["2025-06-20", "2025-01-01"]),
        ("2030-01-01", "2025-11-01", ["2025-06-20", "2025-01-01"]),
    ],
)
def test_as_of_gives_the_price_in_force_on_that_date(api_client, sonnet, as_of, current, history_dates):
    data = get_pricing(api_client, "claude-3-5-sonnet", asOf=as_of).json()["data"]
    assert (data["current"] or {}).get("updated_at") == current
    assert [entry["updated_at"] for entry in data["history"]] == history_dates


def test_as_of_before_the_release_gives_no_price_whatever_a_source_dated(api_client, sonnet):
    # A source dated a price before the model existed; it could not be bought then.
    sonnet.release_date = date(2025, 3, 1)
    sonnet.save(update_fields=["release_date"])

    data = get_pricing(api_client, "claude-3-5-sonnet", asOf="2025-02-28").json()["data"]

    assert data == {"current": None, "history": []}
    assert get_pricing(api_client, "claude-3-5-sonnet", asOf="2025-03-01").json()["data"]["current"] is not None


def test_provider_gives_that_hosts_price(api_client, sonnet):
    data = get_pricing(api_client, "claude-3-5-sonnet", provider="bedrock").json()["data"]
    assert data["current"]["input_price_per_million"] == 3.3
    assert data["current"]["output_price_per_million"] == 16.5
    assert data["current"]["updated_at"] == "2025-07-01"
    assert data["history"] == []
    before = get_pricing(api_client, "claude-3-5-sonnet", provider="bedrock", asOf="2025-06-30").json()["data"]
    assert before == {"current": None, "history": []}


def test_a_host_price_is_canonical_when_the_creator_has_none(api_client):
    model = ModelFactory(creator=ProviderFactory(is_host=False))
    host = ProviderFactory(is_creator=False)
    PriceFactory(endpoint=EndpointFactory(model=model, host=host), input_per_million="0.5")
    data = get_pricing(api_client, model.slug).json()["data"]
    assert data["current"]["input_price_per_million"] == 0.5


def test_a_model_without_prices_has_null_current(api_client):
    model = ModelFactory()
    response = get_pricing(api_client, model.slug)
    assert response.status_code == 200
    assert response.json() == {"data": {"current": None, "history": []}}


def test_amounts_are_exact_decimals(api_client):
    price = PriceFactory(input_per_million="0.075", output_per_million="0.3", image_price="0.0001234567")
    data = get_pricing(api_client, price.endpoint.model.slug).json()["data"]
    assert data["current"]["input_price_per_million"] == 0.075
    assert data["current"]["output_price_per_million"] == 0.3
    assert data["current"]["image_price"] == 0.0001234567
    assert data["current"]["free_tier_limits"] is None


def test_an_alias_finds_the_model(api_client, sonnet):
    ModelAliasFactory(model=sonnet, alias="claude-3.5-sonnet", normalized="claude-3.5-sonnet")
    data = get_pricing(api_client, "claude-3.5-sonnet").json()["data"]
    assert data["current"]["model"]["slug"] == "claude-3-5-sonnet"


@pytest.mark.parametrize(
    ("slug", "params", "message"),
    [
        ("nope", {}, "Model not found."),
        ("claude-3-5-sonnet", {"provider": "nope"}, "Provider not found."),
        ("claude-3-5-sonnet", {"provider": "together"}, "Claude 3.5 Sonnet is not served by Together."),
    ],
)
def test_unknown_model_or_provider_is_404(api_client, sonnet, slug, params, message):
    ProviderFactory(slug="together", name="Together")
    response = get_pricing(api_client, slug, **params)
    assert response.status_code == 404
    assert response.json() == {"error": {"code": "not_found", "message": message, "details": None}}


@pytest.mark.parametrize("as_of", ["yesterday", "2025-13-01", "2025-02-30", "20250101"])
def test_a_bad_as_of_is_400(api_client, sonnet, as_of):
    response = get_pricing(api_client, "claude-3-5-sonnet", asOf=as_of)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "bad_request"
    assert set(response.json()["error"]["details"]) == {"asOf"}


def test_it_requires_a_key(client, sonnet):
    response = get_pricing(client, "claude-3-5-sonnet")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthorized"


def test_it_runs_a_constant_number_of_queries(api_client, sonnet, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        assert get_pricing(api_client, "claude-3-5-sonnet").status_code == 200
