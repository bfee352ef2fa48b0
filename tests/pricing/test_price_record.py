from datetime import date
from decimal import Decimal

import pytest

from pricing.models import Price
from pricing.services import price_record
from tests.factories import EndpointFactory, PriceFactory

pytestmark = pytest.mark.django_db


def test_it_creates_the_first_row():
    endpoint = EndpointFactory()
    result = price_record(
        endpoint=endpoint,
        effective_from=date(2025, 1, 1),
        source="litellm",
        input_per_million="3",
        output_per_million=15,
    )
    assert result.created is True
    row = Price.objects.get()
    assert (row.input_per_million, row.output_per_million, row.source) == (Decimal("3"), Decimal("15"), "litellm")
    assert result.price == row


def test_the_same_price_again_adds_nothing_even_written_differently():
    price = PriceFactory(input_per_million="3.00", output_per_million="15.00", effective_from=date(2025, 1, 1))
    result = price_record(
        endpoint=price.endpoint,
        effective_from=date(2025, 3, 1),
        source="other-pipeline",
        input_per_million=Decimal("3"),
        output_per_million="15.0000",
    )
    assert result.created is False
    assert result.price == price
    assert Price.objects.count() == 1


def test_a_change_adds_a_new_row_and_keeps_the_old_one():
    price = PriceFactory(input_per_million="3", output_per_million="15", effective_from=date(2025, 1, 1))
    result = price_record(
        endpoint=price.endpoint,
        effective_from=date(2025, 3, 1),
        source="curator",
        input_per_million="2.5",
        output_per_million="15",
    )
    assert result.created is True
    assert Price.objects.count() == 2
    price.refresh_from_db()
    assert price.input_per_million == Decimal("3")
    assert Price.objects.effective_by(date(2025, 3, 1)).first() == result.price
    assert Price.objects.effective_by(date(2025, 2, 28)).first() == price


def test_free_tier_and_other_prices_count_as_changes():
    price = PriceFactory(input_per_million="1", output_per_million="2")
    common = {"endpoint": price.endpoint, "effective_from": price.effective_from, "source": "x"}
    assert price_record(**common, input_per_million="1", output_per_million="2", free_tier_available=True).created
    assert price_record(**common, input_per_million="1", output_per_million="2", image_price="0.04").created
    assert Price.objects.count() == 3


def test_a_float_is_refused():
    with pytest.raises(TypeError):
        price_record(endpoint=EndpointFactory(), effective_from=date(2025, 1, 1), source="x", input_per_million=0.1)


def test_recording_a_change_bumps_the_data_version(django_capture_on_commit_callbacks):
    from aimodelsmap.dataversion import data_version

    before = data_version()
    with django_capture_on_commit_callbacks(execute=True):
        price_record(endpoint=EndpointFactory(), effective_from=date(2025, 1, 1), source="x", input_per_million="1")
    assert data_version() > before
