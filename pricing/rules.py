"""Pure price rules shared by every writer of price rows: what "the same price" means.

A price row is never edited; a change is a new row. Whether an observation is
a change is decided here and only here, for the ingestion writers and for
``price_record`` alike: the values below are compared, the source and dates
are not (the same price re-reported is not news). Which earlier row an
observation is compared with (its source's series, or the row in force) is the
caller's choice; what counts as different is not.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

AMOUNT_FIELDS = (
    "input_per_million",
    "output_per_million",
    "cache_read_per_million",
    "cache_write_per_million",
    "image_price",
    "video_per_minute",
)
# What a curator records (the admin form's fields).
PRICE_VALUE_FIELDS = (*AMOUNT_FIELDS, "free_tier_available", "free_tier_limits")
# Everything that makes a row a different price. ``withdrawn`` marks the end of
# a listing: the same amounts listed again after it are news.
COMPARED_FIELDS = (*PRICE_VALUE_FIELDS, "withdrawn")
DEFAULTS = {"free_tier_available": False, "free_tier_limits": "", "withdrawn": False}


def _value(row: Mapping | Any, name: str):
    value = row.get(name, DEFAULTS.get(name)) if isinstance(row, Mapping) else getattr(row, name)
    # Decimal("3") and Decimal("3.0000000000") are one price; so are "3" and 3.
    if isinstance(value, (int, str)) and not isinstance(value, bool) and name in AMOUNT_FIELDS:
        value = Decimal(str(value))
    return value.normalize() if isinstance(value, Decimal) else value


def price_identity(row: Mapping | Any) -> tuple:
    """The compared values of a row, a model instance or a plain dict, as one comparable tuple."""
    return tuple(_value(row, name) for name in COMPARED_FIELDS)


def is_new_price(*, previous: Mapping | Any | None, values: Mapping | Any) -> bool:
    """Whether ``values`` observed after ``previous`` (the row it is compared with) is a change."""
    return previous is None or price_identity(previous) != price_identity(values)
