"""Price writes. A price row is never edited: a change is a new dated row."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction

from aimodelsmap.dataversion import data_version_bump
from models_registry.models import Endpoint
from pricing.models import Price
from pricing.rules import is_new_price
from pricing.selectors import prices_in_force


@dataclass(frozen=True)
class PriceRecorded:
    price: Price
    created: bool


def _amount(value: Decimal | str | int | None) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, float):
        # A binary float cannot say 0.1; callers pass Decimals or strings.
        raise TypeError("Prices must be Decimal, str or int, not float.")
    return Decimal(str(value))


def price_record(
    *,
    endpoint: Endpoint,
    effective_from: date,
    source: str,
    input_per_million: Decimal | str | int | None = None,
    output_per_million: Decimal | str | int | None = None,
    cache_read_per_million: Decimal | str | int | None = None,
    cache_write_per_million: Decimal | str | int | None = None,
    image_price: Decimal | str | int | None = None,
    video_per_minute: Decimal | str | int | None = None,
    free_tier_available: bool = False,
    free_tier_limits: str = "",
) -> PriceRecorded:
    """Record the endpoint's list price from ``effective_from``; a new row only if it changed.

    "Changed" (``pricing.rules.is_new_price``) compares with the list price
    the endpoint is served at on ``effective_from`` (``prices_in_force``),
    whatever its source, so re-recording the price shown (a curator saving
    without edits) adds nothing. The endpoint row
    is locked so concurrent recorders of one endpoint compare against each
    other's result, not a stale one.
    """
    values = {
        "input_per_million": _amount(input_per_million),
        "output_per_million": _amount(output_per_million),
        "cache_read_per_million": _amount(cache_read_per_million),
        "cache_write_per_million": _amount(cache_write_per_million),
        "image_price": _amount(image_price),
        "video_per_minute": _amount(video_per_minute),
        "free_tier_available": free_tier_available,
        "free_tier_limits": free_tier_limits,
    }
    with transaction.atomic():
        Endpoint.objects.select_for_update().filter(pk=endpoint.pk).first()
        in_force = prices_in_force(endpoint_ids=[endpoint.pk], on=effective_from).get(endpoint.pk)
        if not is_new_price(previous=in_force, values=values):
            return PriceRecorded(price=in_force, created=False)
        price = Price.objects.create(endpoint=endpoint, effective_from=effective_from, source=source, **values)
        data_version_bump()
    return PriceRecorded(price=price, created=True)
