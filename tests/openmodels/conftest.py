"""A small catalog: two creators, three hosts, two models, endpoints with prices and rollups."""

from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest

from models_registry.models import Endpoint, Model, Provider
from tests.factories import (
    CapabilityFactory,
    EndpointFactory,
    ModelAliasFactory,
    ModelFactory,
    PriceFactory,
    ProviderFactory,
    RollupFactory,
)

COMPUTED_AT = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


@dataclass
class Catalog:
    openai: Provider
    meta: Provider
    together: Provider
    fireworks: Provider
    gpt4o: Model
    llama: Model
    gpt4o_openai: Endpoint
    llama_together: Endpoint
    llama_fireworks: Endpoint


def rollup(endpoint, window, **fields):
    return RollupFactory(endpoint=endpoint, window=window, computed_at=COMPUTED_AT, **fields)


@pytest.fixture
def catalog(db) -> Catalog:
    chat, vision, code = (CapabilityFactory(slug=slug) for slug in ("chat", "vision", "code"))
    openai = ProviderFactory(slug="openai", name="OpenAI", website="https://openai.com", is_creator=True, is_host=True)
    meta = ProviderFactory(slug="meta", name="Meta", is_creator=True, is_host=False)
    together = ProviderFactory(slug="together", name="Together AI", is_creator=False, is_host=True)
    fireworks = ProviderFactory(slug="fireworks", name="Fireworks", is_creator=False, is_host=True)
    gpt4o = ModelFactory(
        slug="gpt-4o",
        name="GPT-4o",
        creator=openai,
        context_window=128000,
        max_output_tokens=16384,
        release_date=date(2024, 5, 13),
        open_weights=False,
        knowledge_cutoff="2023-10",
    )
    gpt4o.capabilities.set([vision, chat, code])
    ModelAliasFactory(model=gpt4o, alias="openai/gpt-4o", normalized="openai/gpt-4o")
    llama = ModelFactory(
        slug="llama-3-3-70b",
        name="Llama 3.3 70B",
        creator=meta,
        context_window=131072,
        max_output_tokens=8192,
        release_date=date(2024, 12, 6),
        open_weights=True,
    )
    llama.capabilities.set([chat, code])
    gpt4o_openai = EndpointFactory(model=gpt4o, host=openai, provider_model_id="gpt-4o")
    llama_together = EndpointFactory(
        model=llama, host=together, provider_model_id="meta-llama/Llama-3.3-70B-Instruct-Turbo", max_output_tokens=4096
    )
    llama_fireworks = EndpointFactory(
        model=llama, host=fireworks, provider_model_id="accounts/fireworks/models/llama-v3p3-70b-instruct"
    )
    PriceFactory(
        endpoint=gpt4o_openai, input_per_million="2.5", output_per_million="10", effective_from=date(2025, 1, 1)
    )
    PriceFactory(
        endpoint=llama_together, input_per_million="1", output_per_million="1", effective_from=date(2025, 1, 1)
    )
    PriceFactory(
        endpoint=llama_together, input_per_million="0.88", output_per_million="0.88", effective_from=date(2025, 6, 1)
    )
    PriceFactory(
        endpoint=llama_fireworks, input_per_million="0.9", output_per_million="0.9", effective_from=date(2025, 3, 1)
    )
    for window in ("1h", "24h", "7d"):
        rollup(
            llama_together,
            window,
            sample_count=100,
            success_count=99,
            outage_count=1,
            uptime=0.99,
            error_rate=0.01,
            ttft_p50_ms=400.0,
            ttft_p90_ms=700.0,
            ttft_p99_ms=1200.0,
            latency_p50_ms=1000.0,
            latency_p90_ms=1800.0,
            latency_p95_ms=2000.0,
            latency_p99_ms=3000.0,
            tokens_per_second_p50=90.0,
            last_failure_at=datetime(2026, 11, 20, 11, 30, tzinfo=UTC),
            last_failure_kind="5xx",
            last_failure_http_status=502,
        )
        rollup(
            llama_fireworks,
            window,
            sample_count=50,
            success_count=50,
            outage_count=0,
            uptime=1.0,
            error_rate=0.0,
            ttft_p50_ms=250.0,
            latency_p50_ms=800.0,
            latency_p95_ms=2500.0,
            tokens_per_second_p50=120.0,
        )
    return Catalog(openai, meta, together, fireworks, gpt4o, llama, gpt4o_openai, llama_together, llama_fireworks)
