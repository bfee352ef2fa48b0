"""A small, real-looking catalog shared by the catalog endpoint tests."""

from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest

from models_registry.models import OVERALL_CATEGORY_SLUG, Model
from tests.factories import (
    CategoryFactory,
    EndpointFactory,
    ModelAliasFactory,
    ModelFactory,
    PriceFactory,
    ProviderFactory,
    ScoreFactory,
)

RECORDED_AT = datetime(2026, 2, 25, 18, 0, tzinfo=UTC)


@dataclass
class Catalog:
    providers: dict
    categories: dict
    models: dict


def _score(model, category, score, rank, *, change_7d=0, state="stable"):
    return ScoreFactory(
        model=model,
        category=category,
        score=score,
        rank=rank,
        quality_rank=rank,
        adoption_rank=rank + 1,
        change_7d=change_7d,
        state=state,
        recorded_at=RECORDED_AT,
    )


@pytest.fixture
def catalog(db) -> Catalog:
    return build_catalog()


def build_catalog() -> Catalog:
    providers = {
        "anthropic": ProviderFactory(slug="anthropic", name="Anthropic"),
        "openai": ProviderFactory(slug="openai", name="OpenAI"),
        "google": ProviderFactory(slug="google", name="Google"),
        "meta": ProviderFactory(slug="meta", name="Meta"),
        "together": ProviderFactory(slug="together", name="Together", is_creator=False),
    }
    overall = CategoryFactory(slug=OVERALL_CATEGORY_SLUG, name="Overall", display_order=0, description="")
    coding = CategoryFactory(slug="coding", name="Coding", display_order=1, description="Software development.")
    categories = {
        "overall": overall,
        "coding": coding,
        "coding-debugging": CategoryFactory(
            slug="coding-debugging", name="Debugging & Repair", parent=coding, display_order=2
        ),
        "coding-generation": CategoryFactory(
            slug="coding-generation", name="Code Generation", parent=coding, display_order=1
        ),
        "image-generation": CategoryFactory(slug="image-generation", name="Image Generation", display_order=2),
    }
    spec = [
        # slug, name, creator, status, categories
        ("claude-3-5-sonnet", "Claude 3.5 Sonnet", "anthropic", "active", ["coding", "coding-generation"]),
        ("claude-sonnet-4", "Claude Sonnet 4", "anthropic", "active", ["coding-debugging"]),
        ("claude-3-opus", "Claude 3 Opus", "anthropic", "deprecated", ["coding"]),
        ("claude-3-haiku", "Claude 3 Haiku", "anthropic", "active", []),
        ("gpt-4o", "GPT-4o", "openai", "active", ["coding-generation"]),
        ("gpt-4o-mini", "GPT-4o mini", "openai", "preview", []),
        ("dall-e-3", "DALL-E 3", "openai", "retired", ["image-generation"]),
        ("gemini-2-0-pro", "Gemini 2.0 Pro", "google", "active", ["coding"]),
        ("llama-3-1-70b", "Llama 3.1 70B Instruct", "meta", "active", []),
    ]
    models = {}
    for slug, name, creator, status, in_categories in spec:
        model = ModelFactory(
            slug=slug,
            name=name,
            creator=providers[creator],
            status=status,
            description=f"{name} by {providers[creator].name}.",
        )
        model.categories.set([categories[c] for c in in_categories])
        models[slug] = model
    Model.objects.filter(slug="dall-e-3").update(model_type=Model.Type.IMAGE_GENERATION, context_window=None)
    ModelAliasFactory(model=models["claude-3-5-sonnet"], alias="claude-3.5-sonnet", normalized="claude-3.5-sonnet")
    ModelAliasFactory(model=models["claude-3-5-sonnet"], alias="sonnet-3.5", normalized="sonnet-3.5")
    ModelAliasFactory(model=models["gpt-4o"], alias="openai/gpt-4o", normalized="openai/gpt-4o")
    # Overall scores: haiku and the image model stay unscored.
    for slug, score, rank, change in [
        ("claude-3-5-sonnet", 94.2, 1, 1),
        ("gpt-4o", 91.0, 2, 3),
        ("gemini-2-0-pro", 91.0, 3, -2),
        ("claude-sonnet-4", 88.5, 4, 5),
        ("claude-3-opus", 80.0, 5, 0),
        ("gpt-4o-mini", 70.0, 6, -4),
        ("llama-3-1-70b", 65.5, 7, 2),
    ]:
        _score(models[slug], overall, score, rank, change_7d=change)
    _score(models["claude-3-5-sonnet"], coding, 95.0, 1)
    _score(models["gpt-4o"], coding, 90.0, 2, state="rising")
    endpoint = EndpointFactory(model=models["claude-3-5-sonnet"], host=providers["anthropic"])
    PriceFactory(endpoint=endpoint, input_per_million="3", output_per_million="15", effective_from=date(2025, 11, 1))
    for model in models.values():
        model.refresh_from_db()
    return Catalog(providers=providers, categories=categories, models=models)


def error_of(response, status: int, code: str) -> dict:
    """Assert the v1 error envelope and return its body."""
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "details"}
    assert body["error"]["code"] == code
    assert body["error"]["message"]
    return body["error"]
