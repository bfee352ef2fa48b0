"""Monthly cost arithmetic for the pricing calculator. Pure Decimal; no ORM.

Token prices are per million tokens. When a caller gives one token volume
(``monthlyTokens``) it is the input volume and the output volume is taken as
20% of it: that is what the API contract's worked example implies (10M tokens
at $1.75/$8.75 per million cost $17.50 + $17.50). An exact input/output mix
can be given instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext

MILLION = Decimal(1_000_000)
DEFAULT_OUTPUT_SHARE = Decimal("0.2")
CENT = Decimal("0.01")
# Enough digits that volumes up to 1e15 times prices with 10 decimals stay exact.
PRECISION = 60


@dataclass(frozen=True)
class Usage:
    """Monthly volumes to price."""

    input_tokens: Decimal = Decimal(0)
    output_tokens: Decimal = Decimal(0)
    images: Decimal = Decimal(0)
    video_minutes: Decimal = Decimal(0)

    @classmethod
    def from_volumes(
        cls,
        *,
        tokens: Decimal | None = None,
        input_tokens: Decimal | None = None,
        output_tokens: Decimal | None = None,
        images: Decimal | None = None,
        video_minutes: Decimal | None = None,
    ) -> Usage:
        """Usage from request volumes; an exact mix (either part given) wins over ``tokens``."""
        zero = Decimal(0)
        if input_tokens is not None or output_tokens is not None:
            mix = (input_tokens or zero, output_tokens or zero)
        else:
            tokens = tokens or zero
            mix = (tokens, tokens * DEFAULT_OUTPUT_SHARE)
        return cls(
            input_tokens=mix[0], output_tokens=mix[1], images=images or zero, video_minutes=video_minutes or zero
        )


@dataclass(frozen=True)
class PriceSheet:
    """The prices of one model (USD); None where the model has no such price."""

    input_per_million: Decimal | None = None
    output_per_million: Decimal | None = None
    image_price: Decimal | None = None
    video_per_minute: Decimal | None = None


@dataclass(frozen=True)
class Component:
    cost_key: str  # key in the breakdown
    price_key: str  # key in the response's pricing object
    price_attr: str  # PriceSheet attribute
    usage_attr: str  # Usage attribute
    unit: Decimal  # usage units per priced unit


COMPONENTS = (
    Component("input_cost", "input_price_per_million", "input_per_million", "input_tokens", MILLION),
    Component("output_cost", "output_price_per_million", "output_per_million", "output_tokens", MILLION),
    Component("image_cost", "image_price", "image_price", "images", Decimal(1)),
    Component("video_cost", "video_price_per_minute", "video_per_minute", "video_minutes", Decimal(1)),
)


@dataclass(frozen=True)
class Estimate:
    total: Decimal  # rounded half-up to cents
    breakdown: dict[str, Decimal]  # exact cost per component used
    prices: dict[str, Decimal]  # the prices those components used


def estimate(usage: Usage, prices: PriceSheet) -> Estimate | None:
    """The monthly cost of ``usage`` at ``prices``; None if a needed price is missing.

    A component is needed when its volume is above zero; zero volume costs
    nothing and needs no price.
    """
    breakdown: dict[str, Decimal] = {}
    used: dict[str, Decimal] = {}
    with localcontext(prec=PRECISION):
        for component in COMPONENTS:
            volume = getattr(usage, component.usage_attr)
            if volume <= 0:
                continue
            price = getattr(prices, component.price_attr)
            if price is None:
                return None
            breakdown[component.cost_key] = plain(volume / component.unit * price)
            used[component.price_key] = plain(price)
        total = sum(breakdown.values(), Decimal(0)).quantize(CENT, rounding=ROUND_HALF_UP)
    return Estimate(total=total, breakdown=breakdown, prices=used)


def plain(value: Decimal) -> Decimal:
    """Drop trailing zeros (17.5000 -> 17.5) without switching to exponent form."""
    normalized = value.normalize()
    return normalized.quantize(Decimal(1)) if normalized == normalized.to_integral_value() else normalized


def cheapest_first(estimates: list[tuple[str, Estimate]]) -> list[tuple[str, Estimate]]:
    """Sort (key, estimate) pairs by total, then key for a stable order among equal costs."""
    return sorted(estimates, key=lambda pair: (pair[1].total, pair[0]))
