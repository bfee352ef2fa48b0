"""A price dated after today (an announced change) is not the current price until its day comes."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from pricing.selectors import canonical_prices, model_price_history
from tests.factories import EndpointFactory, ModelFactory, PriceFactory, ProviderFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def announced():
    """A model priced 3/15 since last month, with a cut to 1/5 announced for next month."""
    today = timezone.localdate()
    lab = ProviderFactory(slug="lab", name="Lab", is_host=True)
    model = ModelFactory(slug="model-x", creator=lab)
    endpoint = EndpointFactory(model=model, host=lab)
    PriceFactory(
        endpoint=endpoint, input_per_million="3", output_per_million="15", effective_from=today - timedelta(30)
    )
    PriceFactory(endpoint=endpoint, input_per_million="1", output_per_million="5", effective_from=today + timedelta(30))
    return model


def test_without_a_date_the_current_price_is_todays_not_the_announced_one(announced):
    price = canonical_prices([announced.pk])[announced.pk]
    assert (price.input_per_million, price.output_per_million) == (Decimal("3"), Decimal("15"))


def test_a_date_after_the_change_gives_the_announced_price(announced):
    on = timezone.localdate() + timedelta(31)
    assert canonical_prices([announced.pk], on=on)[announced.pk].input_per_million == Decimal("1")


def test_a_model_priced_only_from_a_future_date_has_no_current_price():
    lab = ProviderFactory(slug="lab", name="Lab", is_host=True)
    model = ModelFactory(slug="model-y", creator=lab)
    PriceFactory(
        endpoint=EndpointFactory(model=model, host=lab),
        input_per_million="2",
        output_per_million="8",
        effective_from=timezone.localdate() + timedelta(1),
    )
    assert canonical_prices([model.pk]) == {}


def test_history_without_a_date_is_todays_price_and_the_rows_before_it(announced):
    prices = model_price_history(model=announced)
    assert prices.current.input_per_million == Decimal("3")
    assert prices.history == []

    later = model_price_history(model=announced, on=timezone.localdate() + timedelta(31))
    assert [p.input_per_million for p in [later.current, *later.history]] == [Decimal("1"), Decimal("3")]


def test_the_pricing_endpoint_shows_todays_price(api_client, announced):
    response = api_client.get(f"/v1/models/{announced.slug}/pricing")
    assert response.status_code == 200
    data = response.json()["data"]
    assert (data["current"]["input_price_per_million"], data["history"]) == (3, [])
