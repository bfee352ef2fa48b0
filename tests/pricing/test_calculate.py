from datetime import date

import pytest

from models_registry.models import Model
from tests.factories import CategoryFactory, EndpointFactory, ModelFactory, PriceFactory, ProviderFactory

pytestmark = pytest.mark.django_db

URL = "/v1/pricing/calculate"


def priced(slug, name, provider, **prices):
    creator = ProviderFactory(slug=provider.lower(), name=provider)
    model = ModelFactory(slug=slug, name=name, creator=creator)
    PriceFactory(endpoint=EndpointFactory(model=model, host=creator), **{"input_per_million": None, **prices})
    return model


@pytest.fixture
def catalog():
    coding = CategoryFactory(slug="coding")
    generation = CategoryFactory(slug="coding-generation", parent=coding)
    CategoryFactory(slug="image-generation")
    gpt = priced("gpt-4o", "GPT-4o", "OpenAI", input_per_million="2.5", output_per_million="10")
    gemini = priced("gemini-2-0-pro", "Gemini 2.0 Pro", "Google", input_per_million="1.75", output_per_million="8.75")
    image = priced("image-model", "Image Model", "Pixels", output_per_million=None, image_price="0.04")
    gpt.categories.add(coding)
    gemini.categories.add(generation)
    image.categories.add(CategoryFactory(slug="images"))
    return {"gpt": gpt, "gemini": gemini, "image": image}


def calculate(client, body):
    return client.post(URL, body, format="json")


def test_it_reproduces_the_contract_example(api_client, catalog):
    response = calculate(api_client, {"monthlyTokens": 10_000_000, "category": "coding"})
    assert response.status_code == 200
    assert response.json() == {
        "data": [
            {
                "model": {"slug": "gemini-2-0-pro", "name": "Gemini 2.0 Pro", "provider": "Google"},
                "estimated_monthly_cost": 35,
                "breakdown": {"input_cost": 17.5, "output_cost": 17.5},
                "pricing": {"input_price_per_million": 1.75, "output_price_per_million": 8.75},
            },
            {
                "model": {"slug": "gpt-4o", "name": "GPT-4o", "provider": "OpenAI"},
                "estimated_monthly_cost": 45,
                "breakdown": {"input_cost": 25, "output_cost": 20},
                "pricing": {"input_price_per_million": 2.5, "output_price_per_million": 10},
            },
        ],
        "usage": {
            "monthly_tokens": 10_000_000,
            "monthly_input_tokens": 10_000_000,
            "monthly_output_tokens": 2_000_000,
            "monthly_images": 0,
            "monthly_video_minutes": 0,
        },
        "count": 2,
        "total": 2,
    }


def test_an_exact_mix_replaces_the_default_output_share(api_client, catalog):
    body = {"monthlyInputTokens": 1_000_000, "monthlyOutputTokens": 3_000_000, "category": "coding"}
    data = calculate(api_client, body).json()
    assert [(item["model"]["slug"], item["estimated_monthly_cost"]) for item in data["data"]] == [
        ("gemini-2-0-pro", 28),
        ("gpt-4o", 32.5),
    ]
    assert data["usage"]["monthly_tokens"] == 4_000_000
    assert data["usage"]["monthly_output_tokens"] == 3_000_000


def test_the_category_includes_subcategories(api_client, catalog):
    slugs = [
        item["model"]["slug"]
        for item in calculate(api_client, {"monthlyTokens": 1, "category": "coding"}).json()["data"]
    ]
    assert slugs == ["gemini-2-0-pro", "gpt-4o"]
    only_child = calculate(api_client, {"monthlyTokens": 1, "category": "coding-generation"}).json()["data"]
    assert [item["model"]["slug"] for item in only_child] == ["gemini-2-0-pro"]
    empty = calculate(api_client, {"monthlyTokens": 1, "category": "image-generation"}).json()
    assert empty["data"] == []
    assert empty["count"] == 0


def test_only_models_with_the_needed_prices_are_listed(api_client, catalog):
    images = calculate(api_client, {"monthlyImages": 25}).json()
    assert images["data"] == [
        {
            "model": {"slug": "image-model", "name": "Image Model", "provider": "Pixels"},
            "estimated_monthly_cost": 1,
            "breakdown": {"image_cost": 1},
            "pricing": {"image_price": 0.04},
        }
    ]
    tokens = calculate(api_client, {"monthlyTokens": 10_000_000}).json()
    assert [item["model"]["slug"] for item in tokens["data"]] == ["gemini-2-0-pro", "gpt-4o"]
    both = calculate(api_client, {"monthlyTokens": 10, "monthlyImages": 1}).json()
    assert both["data"] == []


def test_video_minutes_are_priced(api_client):
    priced("video-model", "Video Model", "Frames", output_per_million=None, video_per_minute="0.35")
    data = calculate(api_client, {"monthlyVideoMinutes": 2.5}).json()
    assert data["data"][0]["breakdown"] == {"video_cost": 0.875}
    assert data["data"][0]["estimated_monthly_cost"] == 0.88
    assert data["usage"]["monthly_video_minutes"] == 2.5


def test_it_uses_the_canonical_current_price(api_client, catalog):
    gpt = catalog["gpt"]
    PriceFactory(
        endpoint=gpt.endpoints.get(),
        input_per_million="1",
        output_per_million="4",
        effective_from=date(2026, 1, 1),
    )
    host = ProviderFactory(slug="cheap-host", is_creator=False)
    PriceFactory(endpoint=EndpointFactory(model=gpt, host=host, provider_model_id="x"), input_per_million="0.01")
    item = calculate(api_client, {"monthlyTokens": 10_000_000, "category": "coding"}).json()["data"][0]
    assert item["model"]["slug"] == "gpt-4o"
    assert item["estimated_monthly_cost"] == 18


def test_retired_models_are_left_out(api_client, catalog):
    Model.objects.filter(slug="gpt-4o").update(status=Model.Status.RETIRED)
    slugs = [item["model"]["slug"] for item in calculate(api_client, {"monthlyTokens": 1}).json()["data"]]
    assert slugs == ["gemini-2-0-pro"]


def test_amounts_carry_no_float_drift(api_client):
    priced("m", "M", "P", input_per_million="0.1", output_per_million="0.2")
    body = {"monthlyInputTokens": 1_000_000, "monthlyOutputTokens": 1_000_000}
    item = calculate(api_client, body).json()["data"][0]
    assert item["breakdown"] == {"input_cost": 0.1, "output_cost": 0.2}
    assert item["estimated_monthly_cost"] == 0.3


def test_an_unknown_category_is_404(api_client, catalog):
    response = calculate(api_client, {"monthlyTokens": 1, "category": "nope"})
    assert response.status_code == 404
    assert response.json() == {"error": {"code": "not_found", "message": "Category not found.", "details": None}}


def test_at_least_one_usage_metric_is_required(api_client, catalog):
    response = calculate(api_client, {"category": "coding"})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "bad_request"
    assert set(response.json()["error"]["details"]) == {"usage"}


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("monthlyTokens", -1),
        ("monthlyTokens", "1000"),
        ("monthlyTokens", True),
        ("monthlyTokens", None),
        ("monthlyTokens", [1]),
        ("monthlyTokens", 10**13),
        ("monthlyInputTokens", -0.5),
        ("monthlyOutputTokens", "x"),
        ("monthlyImages", 1.5),
        ("monthlyImages", False),
        ("monthlyVideoMinutes", -3),
        ("monthlyVideoMinutes", {"a": 1}),
    ],
)
def test_it_rejects_bad_usage_values(api_client, catalog, field, value):
    response = calculate(api_client, {"monthlyTokens": 1, field: value})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "bad_request"
    assert set(response.json()["error"]["details"]) == {field}


def test_non_finite_numbers_are_rejected(api_client):
    response = api_client.post(URL, b'{"monthlyTokens": 1e400}', content_type="application/json")
    assert response.status_code == 400
    response = api_client.post(URL, b'{"monthlyTokens": NaN}', content_type="application/json")
    assert response.status_code == 400


def test_one_detail_entry_per_bad_field(api_client):
    response = calculate(api_client, {"monthlyTokens": "1", "monthlyImages": -1, "category": 5})
    assert response.status_code == 400
    assert set(response.json()["error"]["details"]) == {"monthlyTokens", "monthlyImages"}


def test_zero_usage_is_allowed(api_client, catalog):
    response = calculate(api_client, {"monthlyTokens": 0, "category": "coding"})
    assert response.status_code == 200
    assert {item["estimated_monthly_cost"] for item in response.json()["data"]} == {0}


def test_unknown_fields_are_ignored(api_client, catalog):
    response = calculate(api_client, {"monthlyTokens": 10_000_000, "category": "coding", "currency": "EUR"})
    assert response.status_code == 200
    assert response.json()["count"] == 2


def test_it_requires_a_key(client):
    response = calculate(client, {"monthlyTokens": 1})
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthorized"


def test_a_read_only_plan_may_calculate(api_client, catalog):
    assert calculate(api_client, {"monthlyTokens": 1}).status_code == 200


def test_estimates_are_cached_until_the_data_changes(
    api_client, catalog, django_assert_num_queries, django_capture_on_commit_callbacks
):
    from pricing.services import price_record

    body = {"monthlyTokens": 10_000_000, "category": "coding"}
    first = calculate(api_client, body).json()
    with django_assert_num_queries(2):  # the category and its subtree; no price or model reads
        assert calculate(api_client, body).json() == first
    with django_capture_on_commit_callbacks(execute=True):
        price_record(
            endpoint=catalog["gpt"].endpoints.get(),
            effective_from=date(2026, 1, 1),
            source="curator",
            input_per_million="1",
            output_per_million="4",
        )
    costs = [item["estimated_monthly_cost"] for item in calculate(api_client, body).json()["data"]]
    assert costs == [18, 35]


def test_it_returns_the_twenty_cheapest_by_default(api_client):
    for index in range(25):
        priced(f"m{index:02d}", f"M{index}", f"P{index}", input_per_million=str(index + 1), output_per_million="1")
    body = calculate(api_client, {"monthlyTokens": 1_000_000}).json()
    assert [item["model"]["slug"] for item in body["data"]] == [f"m{index:02d}" for index in range(20)]
    assert (body["count"], body["total"]) == (20, 25)


def test_limit_keeps_the_cheapest(api_client, catalog):
    body = calculate(api_client, {"monthlyTokens": 10_000_000, "limit": 1}).json()
    assert [item["model"]["slug"] for item in body["data"]] == ["gemini-2-0-pro"]
    assert (body["count"], body["total"]) == (1, 2)


@pytest.mark.parametrize("limit", [0, 101, -1, "5", 5.0, True, None])
def test_it_rejects_a_bad_limit(api_client, catalog, limit):
    response = calculate(api_client, {"monthlyTokens": 1, "limit": limit})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "bad_request"
    assert set(response.json()["error"]["details"]) == {"limit"}


def test_small_amounts_are_written_as_plain_decimals(api_client):
    priced("tiny", "Tiny", "P", input_per_million="0.0004", output_per_million="0.0000008")
    response = calculate(api_client, {"monthlyInputTokens": 1, "monthlyOutputTokens": 1})
    assert b"e-" not in response.content.lower()
    assert b'"breakdown":{"input_cost":0.0000000004,"output_cost":0.0000000000008}' in response.content
    assert b'"output_price_per_million":0.0000008' in response.content
