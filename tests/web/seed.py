"""A small published world for the page tests: two leaderboards over two runs a day apart, prices, hosts, reviews.

Scores come from the real recompute (``rankings.services.score_recompute``)
over arena-style quality signals, so ranks, spreads and changes are the
engine's, as in production.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from models_registry.models import Category, Model, Provider
from rankings import services
from tests.factories import (
    CategoryFactory,
    EndpointFactory,
    ModelAliasFactory,
    ModelFactory,
    PriceFactory,
    ProviderFactory,
    ReviewFactory,
    RollupFactory,
    SignalFactory,
)

# More models than one leaderboard page (web.leaderboard.PAGE_SIZE = 50), so paging is exercised.
MODEL_COUNT = 56


@dataclass
class World:
    coding: Category
    makers: list[Provider]
    host: Provider
    models: list[Model]
    claude: Model
    variant: Model


def _rate(model: Model, rating: float, *, key: str, at, category=None) -> None:
    SignalFactory(
        model=model,
        category=category,
        signal_type="quality",
        source="arena",
        dedupe_key=key,
        raw_value=rating,
        recorded_at=at,
        metadata={"rating_q025": rating - 12, "rating_q975": rating + 12},
    )


def seed_world() -> World:
    now = timezone.now().replace(microsecond=0)
    earlier, later = now - timedelta(hours=25), now - timedelta(hours=1)
    coding = CategoryFactory(slug="coding", name="Coding")
    makers = [ProviderFactory(slug=slug, name=name) for slug, name in (("acme", "Acme"), ("globex", "Globex"))]
    host = ProviderFactory(slug="fastcloud", name="FastCloud", is_creator=False)
    models = []
    for index in range(MODEL_COUNT):
        model = ModelFactory(
            slug=f"model-{index:02d}",
            name=f"Model {index:02d}",
            creator=makers[index % 2],
            open_weights=index % 3 == 0,
            context_window=1_048_576,
        )
        models.append(model)
        # Day one: a rating falling with the index; a day later, a few models swap places.
        _rate(model, 1400 - 4 * index, key="text", at=earlier - timedelta(hours=1))
        if index in (10, 20):
            _rate(model, 1400 - 4 * index + 60, key="text", at=earlier + timedelta(hours=1))
        if index < 30:
            _rate(model, 1300 - 3 * index, key="coding", at=earlier - timedelta(hours=1), category=coding)
        if index % 7 != 6:  # some models have no price
            own = EndpointFactory(model=model, host=model.creator)
            PriceFactory(
                endpoint=own,
                input_per_million=f"{0.1 * (index + 1):.2f}",
                output_per_million=f"{0.4 * (index + 1):.2f}",
                effective_from=date(2025, 1, 1),
            )
            PriceFactory(
                endpoint=own,
                input_per_million=f"{0.05 * (index + 1):.2f}",
                output_per_million=f"{0.2 * (index + 1):.2f}",
                effective_from=date(2025, 6, 1),
            )
        if index < 4:
            served = EndpointFactory(model=model, host=host, provider_model_id=f"fc/{model.slug}")
            PriceFactory(endpoint=served, input_per_million="0.30", output_per_million="0.90")
            for window, latency in (("1h", 800.0 + index), ("24h", 900.0 + 10 * index), ("7d", 950.0)):
                RollupFactory(endpoint=served, window=window, latency_p50_ms=latency, uptime=0.99)
    claude = ModelFactory(slug="claude-sonnet-4", name="Claude Sonnet 4", creator=makers[0], open_weights=False)
    ModelAliasFactory(model=claude, alias="claude-sonnet-4-20250514", normalized="claude-sonnet-4-20250514")
    _rate(claude, 1390, key="text", at=earlier - timedelta(hours=1))
    variant = ModelFactory(
        slug="claude-sonnet-4-thinking",
        name="Claude Sonnet 4 (thinking)",
        creator=makers[0],
        variant_of=claude,
        variant_label="thinking",
    )
    ReviewFactory(model=claude, title="Careful with code", rating=5)
    services.score_recompute(at=earlier)
    services.score_recompute(at=later)
    return World(coding=coding, makers=makers, host=host, models=models, claude=claude, variant=variant)
