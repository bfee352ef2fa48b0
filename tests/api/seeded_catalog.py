"""A small seeded catalog touching every endpoint, shared by the fuzzing and exposure tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from ingestion.models import DataSource, PipelineRun
from models_registry.models import OVERALL_CATEGORY_SLUG
from reviews.models import review_public_id
from tests.factories import EndpointFactory, PriceFactory, ReviewFactory, RollupFactory, ScoreSnapshotFactory
from tests.models_registry.conftest import build_catalog


def seed_catalog() -> dict[str, list[str]]:
    """A small catalog touching every surface; returns the real values of each kind of path parameter."""
    catalog = build_catalog()
    models, providers = catalog.models, catalog.providers
    sonnet, gpt4o = models["claude-3-5-sonnet"], models["gpt-4o"]
    gpt_endpoint = EndpointFactory(model=gpt4o, host=providers["openai"], provider_model_id="gpt-4o")
    hosted = EndpointFactory(model=sonnet, host=providers["together"], provider_model_id="anthropic/claude-3.5-sonnet")
    PriceFactory(endpoint=gpt_endpoint, input_per_million="2.5", output_per_million="10")
    PriceFactory(endpoint=hosted, input_per_million="3.5", output_per_million="14")
    now = datetime.now(UTC).replace(microsecond=0)
    for endpoint in {gpt_endpoint, hosted, *sonnet.endpoints.all()}:
        for window in ("1h", "24h", "7d"):
            RollupFactory(endpoint=endpoint, window=window, computed_at=now)
    overall = catalog.categories[OVERALL_CATEGORY_SLUG]
    for days in (8, 1):
        for rank, model in enumerate((sonnet, gpt4o), start=1):
            ScoreSnapshotFactory(model=model, category=overall, rank=rank, recorded_at=now - timedelta(days=days))
    reviews = [ReviewFactory(model=sonnet), ReviewFactory(model=gpt4o, rating=5)]
    source = DataSource.objects.create(name="openrouter", pipeline="openrouter", source_type="catalog", enabled=True)
    PipelineRun.objects.create(source=source, status="success", finished_at=now, duration_ms=1200)
    return {
        "model": sorted(models),
        "openmodels_model": [*sorted(models), "openai/gpt-4o"],
        "category": sorted(catalog.categories),
        "provider": sorted(providers),
        "review": [review_public_id(review.pk) for review in reviews],
    }


def kind_of(path: str, name: str) -> str | None:
    """Which list of ``seed_catalog()`` values a path parameter takes, or None if none fits."""
    if name == "review_id":
        return "review"
    if name == "provider_id":
        return "provider"
    if name == "model_id":
        return "openmodels_model"
    if name == "category" or path.startswith("/v1/categories/"):
        return "category"
    if name == "slug":
        return "model"
    return None
