"""Every surface shows the price in force today: a price announced for next month is not today's.

The v1 pricing endpoint and the OpenModels host rows (providers, compare,
ranked) all read ``pricing.selectors.prices_in_force``.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from models_registry.models import Endpoint
from tests.factories import PriceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def announced(catalog):
    """Together announces llama at 0.1/0.1 from next month (today: 0.88/0.88)."""
    endpoint = Endpoint.objects.get(host__slug="together", model=catalog.llama)
    PriceFactory(
        endpoint=endpoint,
        input_per_million="0.1",
        output_per_million="0.1",
        effective_from=timezone.localdate() + timedelta(days=30),
    )
    return catalog


def together(rows: list[dict]) -> dict:
    (row,) = [r for r in rows if r["provider"]["id"] == "together"]
    return row


def test_model_providers_show_todays_price_not_the_announced_one(client, announced):
    body = client.get("/api/models/llama-3-3-70b/providers").json()

    pricing = together(body["data"])["pricing"]
    assert (pricing["input_per_million"], pricing["effective_from"]) == (0.88, "2025-06-01")


def test_compare_shows_todays_price_not_the_announced_one(client, announced):
    body = client.get("/api/models/llama-3-3-70b/compare").json()

    row = together(body["providers"])
    assert (row["input_per_million"], row["price"]) == (0.88, 0.88)
    assert body["best"]["price"] == ["together"]


def test_ranked_shows_todays_price_not_the_announced_one(client, announced):
    body = client.get("/api/telemetry/ranked/llama-3-3-70b?sort=price").json()

    assert together(body["data"])["input_per_million"] == 0.88


def test_v1_pricing_shows_the_same_price_as_the_host_rows(api_client, announced):
    host = api_client.get("/v1/models/llama-3-3-70b/pricing?provider=together").json()["data"]
    rows = api_client.get("/api/models/llama-3-3-70b/providers").json()["data"]

    assert host["current"]["input_price_per_million"] == together(rows)["pricing"]["input_per_million"] == 0.88
    assert host["current"]["updated_at"] == together(rows)["pricing"]["effective_from"]
