"""LiteLLM's ``model_prices_and_context_window.json``: one entry per provider x model.

Keys are LiteLLM's routing ids (``gemini/gemini-2.5-pro``,
``bedrock/us.anthropic.claude-...``). Only entries from a creator's own API
(``litellm_provider`` mapped to a creator in ``providers.LITELLM_PROVIDERS``), or ids
naming no other lab on a creator's cloud platform (``providers.CREATOR_PLATFORMS``:
Vertex AI is Google's), may create models; every other id must resolve or goes to the
curator queue. A provider key's sections (``vertex_ai-llama_models``) are its provider's
(``providers.litellm_route``). Prices are
USD per token; the base (non-batch, non-priority, below-threshold) price is the
list price, and each variant (above a prompt size, batch, priority, flex) is a
condition of it, recorded as its own series.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from ingestion.errors import IngestError
from ingestion.records import CREATOR_API, HOST, Batch, EndpointRecord, ModelRecord, PriceRecord, ProviderRecord
from ingestion.sources import providers
from ingestion.sources.common import (
    MILLION,
    decimal_value,
    expect,
    load_json,
    optional,
    optional_int,
    optional_strings,
    parse_date,
)
from ingestion.sources.model_types import LLM, model_type_from

SOURCE = "litellm"
# Top-level keys that document the file rather than describe a model.
NOT_MODELS = {"sample_spec", "fallback_generalizations"}

# mode -> capabilities it implies (the type comes from model_types). Modes not
# listed are not models (search, guardrail, vector_store, evaluation ...) and are skipped.
MODES = {
    "chat": {"chat"},
    "responses": {"chat"},
    "completion": {"completion"},
    "realtime": {"chat", "audio-input", "audio-output"},
    "embedding": {"embedding"},
    "image_generation": {"image-generation"},
    "image_edit": {"image-generation"},
    "video_generation": {"video-generation"},
    "audio_transcription": {"transcription"},
    "audio_speech": {"speech"},
    "rerank": {"rerank"},
    "moderation": set(),
    "ocr": {"vision"},
}

FLAGS = {
    "supports_vision": "vision",
    "supports_pdf_input": "pdf-input",
    "supports_audio_input": "audio-input",
    "supports_audio_output": "audio-output",
    "supports_video_input": "video-input",
    "supports_reasoning": "reasoning",
    "supports_function_calling": "tools",
    "supports_response_schema": "structured-output",
    "supports_prompt_caching": "prompt-caching",
    "supports_web_search": "web-search",
}

PER_TOKEN = {
    "input_cost_per_token": "input_per_million",
    "output_cost_per_token": "output_per_million",
    "cache_read_input_token_cost": "cache_read_per_million",
    "cache_creation_input_token_cost": "cache_write_per_million",
}


# Per-token price variants: ``<base>[_above_<N>k_tokens][_<tier>]``. Each is a
# condition of the list price (a prompt above N tokens, a batch or priority
# service tier), recorded as its own series and never as the list price.
VARIANT_RE = re.compile(
    r"^(?P<base>" + "|".join(PER_TOKEN) + r")(?:_above_(?P<k>\d+)k_tokens)?(?:_(?P<tier>batches|priority|flex))?$"
)
SERVICE_TIERS = {"batches": "batch", "priority": "priority", "flex": "flex"}


def conditional_prices(key: str, entry: dict, *, as_of: date) -> list[PriceRecord]:
    by_conditions: dict[tuple, dict] = {}
    for name, value in entry.items():
        match = VARIANT_RE.match(name)
        if match is None or not (match["k"] or match["tier"]):
            continue
        conditions = {}
        if match["k"]:
            conditions["context_above_tokens"] = int(match["k"]) * 1000
        if match["tier"]:
            conditions["service_tier"] = SERVICE_TIERS[match["tier"]]
        amount = decimal_value(value, field=name, record=key, scale=MILLION)
        if amount is not None:
            by_conditions.setdefault(tuple(sorted(conditions.items())), {})[PER_TOKEN[match["base"]]] = amount
    return [
        PriceRecord(as_of, {**dict.fromkeys(PER_TOKEN.values()), **values}, conditions=dict(conditions))
        for conditions, values in sorted(by_conditions.items())
    ]


def parse(path: Path, *, as_of: date) -> Batch:
    data = load_json(path)
    if not isinstance(data, dict):
        raise IngestError(f"expected an object of entries, got {type(data).__name__}", record=path.name)
    batch = Batch(source=SOURCE, as_of=as_of)
    hosts: dict[str, ProviderRecord] = {}
    seen: set[tuple[str, str]] = set()
    for key, entry in data.items():
        if key in NOT_MODELS:
            continue
        if not isinstance(entry, dict):
            raise IngestError(f"expected an object, got {type(entry).__name__}", record=key)
        if "alias_of" in entry and "litellm_provider" not in entry:
            # LiteLLM's own moving name for another row (releases of late 2026: "claude-opus-latest"
            # is served as "claude-opus-5-5"): resolved by LiteLLM itself, not an id a host lists.
            expect(entry["alias_of"], str, field="alias_of", record=key)
            continue
        provider = entry.get("litellm_provider")
        if not isinstance(provider, str) or not provider:
            raise IngestError("missing required key 'litellm_provider'", record=key)
        mode = optional(entry, "mode", str, record=key)
        if mode not in MODES:
            continue
        host, creator, route, platform_of = providers.litellm_route(provider)
        provider_model_id = key.removeprefix(f"{provider}/").removeprefix(f"{route}/")[:300]
        if (host, provider_model_id) in seen:
            # Two LiteLLM providers mapped onto one host name the same id: the first wins.
            continue
        seen.add((host, provider_model_id))
        if host not in hosts:
            hosts[host] = ProviderRecord(host, providers.display_name(host), is_host=True, is_creator=creator == host)
        # The model is named without LiteLLM's own route ("qwencloud/", "publicai/"):
        # a route is not part of any model's name, and only LiteLLM knows which
        # first segment is one. The full key stays an alias.
        record = model_record(provider_model_id, entry, mode=mode, creator=creator, platform_of=platform_of, key=key)
        batch.models.append(record)
        batch.endpoints.append(
            endpoint_record(record.raw_id, entry, host=host, provider_model_id=provider_model_id, as_of=as_of, key=key)
        )
    for creator in sorted({m.creator_slug for m in batch.models if m.creator_slug}):
        if creator not in hosts:
            hosts[creator] = ProviderRecord(creator, providers.display_name(creator), is_creator=True)
        else:
            hosts[creator].is_creator = True
    batch.providers = list(hosts.values())
    return batch


def model_record(
    raw_id: str, entry: dict, *, mode: str, creator: str | None, key: str, platform_of: str | None = None
) -> ModelRecord:
    """``creator``: the creator whose own API lists it; ``platform_of``: the creator whose cloud platform does
    (a host's record, but the maker of an id that names no other lab: ``providers.CREATOR_PLATFORMS``)."""
    capabilities = set(MODES[mode])
    inputs = optional_strings(entry, "supported_modalities", record=key)
    outputs = optional_strings(entry, "supported_output_modalities", record=key)
    model_type = model_type_from(inputs=inputs, outputs=outputs, mode=mode, name=key)
    if model_type != LLM:
        capabilities -= {"chat", "completion"}  # a "chat" route to a music or image generator
    for modality, capability in (
        ("image", "image-generation"),
        ("audio", "audio-output"),
        ("video", "video-generation"),
    ):
        if modality in outputs:
            capabilities.add(capability)
    for flag, capability in FLAGS.items():
        if optional(entry, flag, bool, record=key):
            capabilities.add(capability)
    facts = {
        "model_type": model_type,
        "context_window": optional_int(entry, "max_input_tokens", record=key),
        "max_output_tokens": optional_int(entry, "max_output_tokens", record=key),
    }
    if creator is not None:
        # The creator's own API retiring a model dates the model; a host retiring
        # its listing (Bedrock, Vertex) only retires that endpoint.
        facts["deprecation_date"] = parse_date(entry.get("deprecation_date"), field="deprecation_date", record=key)
    return ModelRecord(
        raw_id=raw_id,
        aliases=[key] if key != raw_id else [],
        creator_slug=creator or platform_of,
        may_create=(creator or platform_of) is not None,
        authority=CREATOR_API if creator else HOST,
        facts=facts,
        capabilities=capabilities,
        from_maker=creator is not None,
        context={"litellm_provider": entry["litellm_provider"], "mode": mode},
    )


def endpoint_record(
    raw_id: str, entry: dict, *, host: str, provider_model_id: str, as_of: date, key: str
) -> EndpointRecord:
    values = {
        field: decimal_value(entry.get(name), field=name, record=key, scale=MILLION)
        for name, field in PER_TOKEN.items()
    }
    values["image_price"] = decimal_value(entry.get("output_cost_per_image"), field="output_cost_per_image", record=key)
    per_second = decimal_value(entry.get("output_cost_per_second"), field="output_cost_per_second", record=key)
    if entry.get("mode") == "video_generation" and per_second is not None:
        values["video_per_minute"] = per_second * 60
    prices = [PriceRecord(as_of, values)] if any(v is not None for v in values.values()) else []
    prices += conditional_prices(key, entry, as_of=as_of)
    deprecation = parse_date(entry.get("deprecation_date"), field="deprecation_date", record=key)
    return EndpointRecord(
        model_raw_id=raw_id,
        host_slug=host,
        provider_model_id=provider_model_id,
        context_window=optional_int(entry, "max_input_tokens", record=key),
        max_output_tokens=optional_int(entry, "max_output_tokens", record=key),
        deprecated=deprecation is not None and deprecation <= as_of,
        prices=prices,
    )
